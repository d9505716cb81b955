//! Request MIME types the platform can send (`MimeTypeNotSupported`), and `consumes` lists that
//! cannot carry the operation's request payload (`MimeTypeNotCompatibleWithRequestContentSchemaType`).
//! Malformed entries are `MimeTypeNotValid`'s; missing or empty lists are `ConsumesMissing`'s.

use std::borrow::Cow;

use serde_json::{json, Value};

use super::values::is_mime_type;
use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::{append_item, insert_member};
use crate::rules::{rule, Context, Fix, Report, Safety, Severity};

const SWAGGER: FileKind = FileKind::Swagger;

/// The request content types named in the message. Certified connectors send these, and also
/// other concrete `application/`, `text/`, `image/`, `audio/` and `video/` types (a PDF or ZIP
/// upload) and any `+json` / `+xml` type, which are accepted too; see [`is_supported_request_type`].
/// The validator's own list is printed in its message but not documented.
pub const SUPPORTED_REQUEST_MIME_TYPES: &[&str] = &[
    "application/json",
    "text/json",
    "application/*+json",
    "application/json-patch+json",
    "application/xml",
    "text/xml",
    "text/plain",
    "text/html",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "application/octet-stream",
];

/// The form content types: `application/form-data` is not registered, but certified connectors
/// use it and pass.
const FORM_TYPES: &[&str] = &[
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "application/form-data",
];

rule!(MimeTypeNotSupported {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A `consumes` entry is a request content type the platform cannot send.",
    docs: r##"## What it does
Reports an entry of `consumes` (at the root or on an operation) that is a well-formed MIME type
the platform cannot send a request body in:
- a `multipart/` type other than `multipart/form-data` (`multipart/mixed`, `multipart/related`,
  ...): the platform only builds form-data multipart bodies;
- a wildcard (`*/*`, `text/*`, `image/*`): a request needs one concrete `Content-Type`
  (`application/*+json`, a JSON family name certified connectors use, is accepted);
- a top-level type outside `application`, `text`, `image`, `audio` and `video` (`message/`,
  `model/`, `font/`, ...).

JSON and XML types (with their `+json` / `+xml` variants), `text/plain`, the form types and
binary types (`application/octet-stream`, `application/pdf`, `image/png`, ...) are supported:
every request type that the 638 certified connectors of our corpus use is accepted. The
validator prints its list in the message but does not document it; the list in our message is
the usual types. `produces` is not checked: certified connectors declare any response type
(`image/*`, `*/*`, vendor types) and pass.

## Why
The platform serializes the request body according to `consumes`; a content type it cannot
produce makes the operation unusable. The validator rejects it, so this is an error.

## Example
```json
"consumes": ["multipart/mixed"]
```

## How to fix
Use a type from the list: `application/json` for JSON bodies, `multipart/form-data` or
`application/x-www-form-urlencoded` for forms, `application/octet-stream` for raw content.
"##,
    check: check_supported,
});

rule!(MimeTypeNotCompatibleWithRequestContentSchemaType {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "The operation's `consumes` types cannot carry its form data or structured body.",
    docs: r##"## What it does
Reports an operation whose effective `consumes` list (its own, else the root's; a missing or
empty list is `ConsumesMissing`'s business) cannot carry its request payload:
- it has `formData` parameters but no form type (`multipart/form-data`,
  `application/x-www-form-urlencoded`); the message names the content `formData`;
- its `body` parameter's schema is an `object` or `array` (after `$ref`) but no entry is a JSON
  type (`application/json`, `text/json`, `+json`), an XML type or a wildcard; the message names
  the schema type.

Error, except for one case reported as a warning: an object or array body whose only types are
form types. Six certified connectors of our corpus send object bodies as forms (the platform
encodes the properties as form fields), so the validator does not enforce it, but the body must
then be flat. Entries that are not supported or not valid MIME types are ignored here (other
rules report them).

## Why
The platform encodes the request according to `consumes`: form fields need a form type, and a
structured body needs JSON or XML. With `text/plain` alone, an object body is sent as text the
API cannot parse. The validator rejects the mismatch.

## Example
```json
"post": { "operationId": "Upload", "consumes": ["application/json"],
  "parameters": [{ "name": "file", "in": "formData", "type": "file" }] }
```

## How to fix
Align `consumes` with the payload: a form type for `formData` parameters, `application/json`
for object and array bodies. The quick fix adds the type to the operation's `consumes` (or gives
the operation its own list when it inherits the root's): `multipart/form-data` for a form with
a file, `application/x-www-form-urlencoded` for other forms, `application/json` for a body.
"##,
    check: check_compatible,
});

/// The lower-cased `type/subtype` of a MIME type, parameters dropped (borrowed when already
/// lower case, as it nearly always is).
fn essence(mime: &str) -> Cow<'_, str> {
    let e = mime.split(';').next().unwrap_or("").trim();
    if e.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(e.to_ascii_lowercase())
    } else {
        Cow::Borrowed(e)
    }
}

/// Whether the platform can send a request body of this content type (`essence` lower-cased).
pub fn is_supported_request_type(essence: &str) -> bool {
    let Some((ty, sub)) = essence.split_once('/') else {
        return false;
    };
    if SUPPORTED_REQUEST_MIME_TYPES.contains(&essence) || FORM_TYPES.contains(&essence) {
        return true;
    }
    if sub.ends_with("+json") || sub.ends_with("+xml") {
        return ty != "*" && ty != "multipart";
    }
    if ty == "*" || sub == "*" || sub.contains('*') {
        return false;
    }
    matches!(ty, "application" | "text" | "image" | "audio" | "video")
}

/// The `consumes` lists of the document: the root's and each operation's.
fn consumes_lists<'a>(cx: &Context<'a>) -> impl Iterator<Item = Node<'a>> + 'a {
    let sw = cx.swagger;
    sw.into_iter()
        .flat_map(|sw| std::iter::once(sw.root).chain(sw.operations().map(|op| op.node)))
        .filter_map(|holder| holder.get("consumes"))
}

fn check_supported(cx: &Context, out: &mut Report) {
    let mut message_tail: Option<String> = None;
    for list in consumes_lists(cx) {
        for item in list.items() {
            let Some(m) = item.as_str() else { continue };
            if !is_mime_type(m) || is_supported_request_type(&essence(m)) {
                continue;
            }
            let tail = message_tail
                .get_or_insert_with(|| SUPPORTED_REQUEST_MIME_TYPES.join(", "))
                .as_str();
            out.at(
                item,
                format!(
                    "The MIME type '{m}' is not supported. The supported mime types are: '{tail}'."
                ),
            );
        }
    }
}

fn is_form(e: &str) -> bool {
    FORM_TYPES.contains(&e) || e == "*/*" || e == "multipart/*"
}

fn is_structured(e: &str) -> bool {
    matches!(
        e,
        "application/json" | "text/json" | "application/xml" | "text/xml" | "*/*" | "application/*"
    ) || e.ends_with("+json")
        || e.ends_with("+xml")
        || e.ends_with("/json")
}

/// The `type` of a body schema when it is structured: `object` or `array` (a schema with
/// `properties` and no `type` is an object).
fn structured_type<'a>(schema: Node<'a>) -> Option<&'a str> {
    match schema.get_str("type") {
        Some(t @ ("object" | "array")) => Some(t),
        None if schema.get("properties").is_some() => Some("object"),
        _ => None,
    }
}

/// What a `consumes` list can carry: `(form, structured)`, or `None` when no entry is a
/// supported, valid MIME type (nothing to compare; other rules report such lists).
fn carries(list: Node) -> Option<(bool, bool)> {
    let (mut any, mut form, mut structured) = (false, false, false);
    for m in list.items().filter_map(|i| i.as_str()) {
        if !is_mime_type(m) {
            continue;
        }
        let e = essence(m);
        if !is_supported_request_type(&e) && e != "*/*" {
            continue;
        }
        any = true;
        form |= is_form(&e);
        structured |= is_structured(&e);
    }
    any.then_some((form, structured))
}

fn check_compatible(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let usable = |l: &Node| l.is_array() && !l.is_empty();
    let root = sw.root.get("consumes").filter(usable);
    let root_carries = root.and_then(carries);
    for op in sw.operations() {
        let own = op.node.get("consumes");
        let (form, structured) = match own {
            Some(list) if usable(&list) => match carries(list) {
                Some(c) => c,
                None => continue,
            },
            Some(_) => continue,
            None => match root_carries {
                Some(c) => c,
                None => continue,
            },
        };
        if form && structured {
            continue;
        }
        // The payload, read from both parameter lists without collecting them.
        let params = op
            .node
            .get("parameters")
            .into_iter()
            .chain(op.path_item.get("parameters"))
            .flat_map(|l| l.items())
            .filter_map(|p| sw.deref(p));
        let mut has_form_data = false;
        let mut has_file = false;
        let mut body_type = None;
        for p in params {
            match p.get_str("in") {
                Some("formData") => {
                    has_form_data = true;
                    has_file |= p.get_str("type") == Some("file");
                }
                Some("body") if body_type.is_none() => {
                    body_type = p
                        .get("schema")
                        .and_then(|s| sw.deref(s))
                        .and_then(structured_type);
                }
                _ => {}
            }
        }
        let mismatch = if has_form_data && !form {
            ("formData", false)
        } else if let Some(ty) = body_type.filter(|_| !structured) {
            // Forms carry flat objects; certified connectors rely on it.
            (ty, form)
        } else {
            continue;
        };
        let (content, lenient) = mismatch;
        let message = format!(
            "The MIME type(s) are not compatible with the request content type '{content}' for operation '{}'.",
            op.display_name()
        );
        let missing = match content {
            "formData" if has_file => "multipart/form-data",
            "formData" => "application/x-www-form-urlencoded",
            _ => "application/json",
        };
        let (f, edit) = match own {
            Some(c) => (
                out.about(op.node, c.anchor(), message),
                append_item(SWAGGER, c, &json!(missing)),
            ),
            None => {
                // The operation gets its own list: the root's types plus the missing one.
                let mut types: Vec<Value> = root
                    .iter()
                    .flat_map(|l| l.items())
                    .filter_map(|i| i.as_str())
                    .map(|m| json!(m))
                    .collect();
                types.push(json!(missing));
                (
                    out.at_key(op.node, message),
                    insert_member(
                        SWAGGER,
                        op.node,
                        Some("operationId"),
                        "consumes",
                        &Value::Array(types),
                    ),
                )
            }
        };
        f.with_fix(Fix::new(
            format!("Add '{missing}' to `consumes`"),
            Safety::Unsafe,
            vec![edit],
        ));
        if lenient {
            f.severity = Severity::Warning;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_supported_request_type as ok;

    #[test]
    fn request_types() {
        for t in [
            "application/json",
            "application/*+json",
            "application/vnd.api+json",
            "application/pdf",
            "image/png",
            "text/csv",
            "application/form-data",
            "multipart/form-data",
        ] {
            assert!(ok(t), "{t}");
        }
        for t in [
            "multipart/mixed",
            "*/*",
            "text/*",
            "message/rfc822",
            "font/woff2",
        ] {
            assert!(!ok(t), "{t}");
        }
    }
}
