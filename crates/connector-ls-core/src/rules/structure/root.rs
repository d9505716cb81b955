//! Root members of the swagger: the `swagger` version, `host`, `basePath` and `schemes` (root and
//! per operation).

use serde_json::json;

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::{insert_first_member, insert_member, replace_value};
use crate::rules::{rule, Context, Fix, Report, Safety};

rule!(SpecificationVersionIncorrect {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "The root `swagger` member is missing or is not the string \"2.0\".",
    docs: r##"## What it does
Reports a swagger document whose root `swagger` member is missing, or is anything other than the
string `"2.0"` (a number `2.0`, `"2"`, `"3.0"`, ...). Documents written in OpenAPI 3 (`"openapi":
"3.0.1"`) land here too.

## Why
Custom connectors are described in OpenAPI 2.0 only; the platform refuses any other version.
Error: nothing else in the file is read the way you meant without it.

## Example
```json
{ "swagger": 2.0, "info": { "title": "Contoso", "version": "1.0" } }
```

## How to fix
Write `"swagger": "2.0"` (a string). For an OpenAPI 3 document, convert it to OpenAPI 2.0 first;
the quick fix only sets the member, it does not convert anything.
"##,
    check: check_version,
});

rule!(HostNameNotValid {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "The root `host` is not a bare host name (with an optional port).",
    docs: r##"## What it does
Reports a root `host` that is not a host name with an optional `:port`: one that carries a
scheme (`https://`), a path or a trailing `/`, spaces, braces or backslashes, or is empty.

## Why
The platform builds request URLs as `scheme://host/basePath/path`; a scheme or path inside `host`
yields URLs such as `https://https://api.contoso.com/v1/v1/items`.

Error: the validator documents it as a rejection. One certified connector has a placeholder
host (`{{replace_with_your_domain}}`) that a `dynamichosturl` policy replaces at run time; the
value is still not a host name, and a real one (or the policy's default) belongs there.

## Example
```json
{ "host": "https://api.contoso.com/v1", "basePath": "/" }
```

A `{{placeholder}}` host is accepted when apiProperties has a `dynamichosturl` policy
template, which replaces it at run time.

## How to fix
Keep only the host name in `host` and move the path into `basePath`:
`"host": "api.contoso.com", "basePath": "/v1"`. The quick fix does this when `basePath` is absent
(or is just `/`), and otherwise only trims `host`.
"##,
    check: check_host,
});

rule!(BasePathNotValid {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "The root `basePath` does not start with `/`.",
    docs: r##"## What it does
Reports a root `basePath` string that does not start with `/`.

## Why
`basePath` is joined to `host` to form request URLs; without the leading slash the host name and
the path run together.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
{ "host": "api.contoso.com", "basePath": "v1" }
```

## How to fix
Prefix the value with `/`: `"basePath": "/v1"` (safe fix).
"##,
    check: check_base_path,
});

rule!(SchemeNotValid {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "A `schemes` entry is not `http` or `https`.",
    docs: r##"## What it does
Reports an entry of a `schemes` array (at the root or on an operation) that is not `http` or
`https`. WebSocket schemes (`ws`, `wss`) are reported by `SchemeNotSupported` instead.

## Why
Connectors call their API over HTTP(S) only; any other transfer protocol cannot be used.
Scheme names are lower case in OpenAPI, so `HTTPS` is not recognised either.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
{ "schemes": ["HTTPS", "ftp"] }
```

## How to fix
Use `https` (or `http`). When the entry is `http`/`https` in another case, the safe fix writes it
in lower case.
"##,
    check: check_schemes_valid,
});

rule!(SchemeNotSupported {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A `schemes` entry is a WebSocket scheme (`ws`, `wss`).",
    docs: r##"## What it does
Reports `ws` or `wss` in a `schemes` array, at the root or on an operation.

## Why
Connectors make request/response HTTP calls; WebSocket connections are not supported.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
{ "schemes": ["wss"] }
```

## How to fix
Expose the API over `https` and list only `https`.
"##,
    check: check_schemes_supported,
});

rule!(SchemesArrayEmpty {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "A `schemes` array is empty.",
    docs: r##"## What it does
Reports `"schemes": []`, at the root or on an operation.

## Why
An empty list says the API can be reached over no protocol at all. Leave `schemes` out to use
the default, or name the protocol.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
{ "schemes": [] }
```

## How to fix
Add `"https"` to the array (quick fix), or remove the member.
"##,
    check: check_schemes_empty,
});

fn check_version(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let root = sw.root;
    let msg = "The 'swagger' property must have the string value \"2.0\".";
    let is_openapi3 = root.get("openapi").is_some();
    match root.get("swagger") {
        Some(v) if v.as_str() == Some("2.0") => {}
        Some(v) => {
            let f = out.at(v, msg);
            if !is_openapi3 {
                f.with_fix(Fix::new(
                    "Set `swagger` to \"2.0\"",
                    Safety::Unsafe,
                    vec![replace_value(FileKind::Swagger, v, &json!("2.0"))],
                ));
            }
        }
        None => {
            let f = out.missing(root, msg);
            if !is_openapi3 {
                f.with_fix(Fix::new(
                    "Add \"swagger\": \"2.0\"",
                    Safety::Unsafe,
                    vec![insert_first_member(
                        FileKind::Swagger,
                        root,
                        "swagger",
                        &json!("2.0"),
                    )],
                ));
            }
        }
    }
}

/// `host[:port]` with no scheme, path, spaces, braces or backslashes.
fn is_valid_host(s: &str) -> bool {
    let (name, port) = match s.rsplit_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (s, None),
    };
    !name.is_empty()
        && !name.contains(['{', '}', '/', ' ', ':', '\\'])
        && !name.contains(char::is_whitespace)
        && port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A `{{placeholder}}` host is replaced at run time when the connector has a `dynamichosturl`
/// policy (the certified JotForm Enterprise connector works this way).
fn is_placeholder_for_dynamic_host(cx: &Context, host: &str) -> bool {
    if !host.contains("{{") {
        return false;
    }
    cx.api_props()
        .and_then(|p| p.get("policyTemplateInstances"))
        .is_some_and(|list| {
            list.items().any(|t| {
                t.get_str("templateId")
                    .is_some_and(|id| id.eq_ignore_ascii_case("dynamichosturl"))
            })
        })
}

fn check_host(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let Some(host) = sw.root.get("host") else {
        return;
    };
    let msg = "The 'host' property, if present, must be a valid URI host without a scheme or path.";
    let Some(value) = host.as_str() else {
        out.at(host, msg);
        return;
    };
    if is_valid_host(value) || is_placeholder_for_dynamic_host(cx, value) {
        return;
    }
    let f = out.at(host, msg);
    // Offer to split `https://api.contoso.com/v1` into host and basePath.
    let rest = value
        .trim()
        .strip_prefix("https://")
        .or_else(|| value.trim().strip_prefix("http://"))
        .unwrap_or(value.trim());
    let (name, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
        None => (rest, ""),
    };
    if !is_valid_host(name) {
        return;
    }
    let mut edits = vec![replace_value(FileKind::Swagger, host, &json!(name))];
    let base = sw.root.get("basePath");
    let mut title = format!("Set `host` to \"{name}\"");
    if !path.is_empty() {
        match base {
            None => {
                edits.push(insert_member(
                    FileKind::Swagger,
                    sw.root,
                    Some("host"),
                    "basePath",
                    &json!(path),
                ));
                title.push_str(&format!(" and `basePath` to \"{path}\""));
            }
            Some(b) if b.as_str() == Some("/") || b.as_str() == Some("") => {
                edits.push(replace_value(FileKind::Swagger, b, &json!(path)));
                title.push_str(&format!(" and `basePath` to \"{path}\""));
            }
            Some(_) => {}
        }
    }
    f.with_fix(Fix::new(title, Safety::Unsafe, edits));
}

fn check_base_path(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let Some(bp) = sw.root.get("basePath") else {
        return;
    };
    let Some(value) = bp.as_str() else { return };
    if value.starts_with('/') {
        return;
    }
    let fixed = format!("/{value}");
    out.at(
        bp,
        "The 'basePath' property, if present, must start with a '/' character.",
    )
    .with_fix(Fix::new(
        format!("Change `basePath` to \"{fixed}\""),
        Safety::Safe,
        vec![replace_value(FileKind::Swagger, bp, &json!(fixed))],
    ));
}

/// Every `schemes` array: the root's and each operation's.
fn schemes_arrays<'a>(cx: &Context<'a>) -> impl Iterator<Item = Node<'a>> + 'a {
    let sw = cx.swagger;
    sw.into_iter().flat_map(|sw| {
        sw.root
            .get("schemes")
            .into_iter()
            .chain(sw.operations().filter_map(|op| op.node.get("schemes")))
            .filter(Node::is_array)
    })
}

fn is_websocket(s: &str) -> bool {
    s.eq_ignore_ascii_case("ws") || s.eq_ignore_ascii_case("wss")
}

fn check_schemes_valid(cx: &Context, out: &mut Report) {
    for arr in schemes_arrays(cx) {
        for item in arr.items() {
            let s = item.as_str();
            if matches!(s, Some("http" | "https")) || s.is_some_and(is_websocket) {
                continue;
            }
            let f = out.at(
                item,
                "The 'schemes' property must only contain transfer protocols from the list: http, https.",
            );
            let lower = s.map(str::to_ascii_lowercase);
            if let Some(l) = lower.filter(|l| l == "http" || l == "https") {
                f.with_fix(Fix::new(
                    format!("Write \"{l}\" in lower case"),
                    Safety::Safe,
                    vec![replace_value(FileKind::Swagger, item, &json!(l))],
                ));
            }
        }
    }
}

fn check_schemes_supported(cx: &Context, out: &mut Report) {
    for arr in schemes_arrays(cx) {
        for item in arr.items() {
            if item.as_str().is_some_and(is_websocket) {
                out.at(
                    item,
                    "The WebSocket transfer protocol schemes are not supported.",
                );
            }
        }
    }
}

fn check_schemes_empty(cx: &Context, out: &mut Report) {
    for arr in schemes_arrays(cx) {
        if arr.is_empty() {
            out.at(arr, "The 'schemes' array requires at least one value.")
                .with_fix(Fix::new(
                    "Add \"https\" to `schemes`",
                    Safety::Unsafe,
                    vec![replace_value(FileKind::Swagger, arr, &json!(["https"]))],
                ));
        }
    }
}
