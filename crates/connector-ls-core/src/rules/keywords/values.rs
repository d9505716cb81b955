//! Keyword values with a syntax of their own: `pattern` (a regular expression), `default` (a
//! value of the declared type) and the MIME types of `consumes` and `produces`.

use super::{dotnet_regex, keyword_objects};
use crate::json::{Kind, Node};
use crate::rules::{rule, Context, Report};

rule!(PatternShouldBeValidRegularExpression {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A `pattern` is not a valid regular expression.",
    docs: r##"## What it does
Reports a `pattern` on a schema, non-body parameter or response header that does not parse as a
.NET regular expression, with every error found and its position, in .NET's words: an unclosed
group or class (`Not enough )'s`, `Unterminated [] set`), a quantifier following nothing or
following another (`a++` is not possessive in .NET), `{x,y}` with x > y, a range in reverse
order, an unrecognized escape or grouping construct, a reference to an undefined group name.
The platform evaluates patterns with .NET regular expressions, so .NET constructs (look-ahead and
look-behind, back-references, atomic, named and balancing groups, inline options, conditionals,
class subtraction) are accepted, and their bodies are checked too: `(?=a)[unclosed` is reported.

## Why
An invalid pattern cannot be evaluated, so the value can never be validated. The validator
rejects it, so this is an error. No recently merged corpus connector has one (0 of the 208).

## Example
```json
{ "type": "string", "pattern": "^[A-Z{2}$" }
```

## How to fix
Correct the expression (`"^[A-Z]{2}$"`); in JSON a backslash is written `\\`.
"##,
    check: check_pattern,
});

rule!(DefaultValueMustMatchType {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A `default` value is not of the declared `type`.",
    docs: r##"## What it does
Reports a `default` whose JSON type differs from the declared `type` of its schema, non-body
parameter or response header: a string default on an `integer`, a number on a `string`, a
fraction on an `integer`, and so on. `null` defaults are not reported.

## Why
The designer pre-fills the field with the default and sends it when the user leaves it alone;
a value of the wrong type is either converted unpredictably or refused by the API.

Warning, not error: certified connectors ship defaults such as `"10"` on integer parameters,
which the platform converts, so the validator does not enforce this in practice.

## Example
```json
{ "name": "top", "in": "query", "type": "integer", "default": "10" }
```

## How to fix
Write the default as a value of the declared type: `"default": 10`.
"##,
    check: check_default,
});

rule!(MimeTypeNotValid {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A `consumes` or `produces` entry is not a MIME type.",
    docs: r##"## What it does
Reports an entry of `consumes` or `produces` (at the root or on an operation) that is not a
MIME type of the form `type/subtype`, optionally followed by `; name=value` parameters.

## Why
The platform picks the request and response format from these entries; a malformed one matches
nothing. The validator rejects it, so this is an error.

## Example
```json
"produces": ["json"]
```

## How to fix
Write the full MIME type: `"application/json"`.
"##,
    check: check_mime,
});

fn check_pattern(cx: &Context, out: &mut Report) {
    for node in keyword_objects(cx) {
        let Some(p) = node.get("pattern") else {
            continue;
        };
        let Some(text) = p.as_str() else { continue };
        let errors = dotnet_regex::errors(text);
        if errors.is_empty() {
            continue;
        }
        let list: Vec<String> = errors
            .iter()
            .map(|e| format!("{} (at character {})", e.message, e.at + 1))
            .collect();
        out.at(
            p,
            format!(
                "The 'pattern' value should be a valid regular expression: {}.",
                list.join("; ")
            ),
        );
    }
}

/// The JSON type name of a value, as the validator's message uses it.
fn json_type(node: Node) -> &'static str {
    match node.kind() {
        Kind::String => "string",
        Kind::Number if node.as_i64().is_some() => "integer",
        Kind::Number => "number",
        Kind::Bool => "boolean",
        Kind::Array => "array",
        Kind::Object => "object",
        _ => "null",
    }
}

fn matches_type(value: &str, ty: &str) -> bool {
    match ty {
        "number" => matches!(value, "number" | "integer"),
        "file" => true,
        _ => value == ty,
    }
}

fn check_default(cx: &Context, out: &mut Report) {
    for node in keyword_objects(cx) {
        let Some(d) = node.get("default") else {
            continue;
        };
        let Some(ty) = node.get_str("type") else {
            continue;
        };
        if !matches!(
            ty,
            "string" | "number" | "integer" | "boolean" | "array" | "object"
        ) {
            continue;
        }
        let actual = json_type(d);
        if actual != "null" && !matches_type(actual, ty) {
            out.at(
                d,
                format!("The 'default' value is of type '{actual}', but should match the given type '{ty}'."),
            );
        }
    }
}

/// RFC 7230 `token` characters, which MIME type and subtype names are made of.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// `type/subtype` with optional `; name=value` parameters (a `*` wildcard is a token too).
pub(crate) fn is_mime_type(s: &str) -> bool {
    let mut parts = s.split(';');
    let Some(essence) = parts.next() else {
        return false;
    };
    let Some((ty, sub)) = essence.trim().split_once('/') else {
        return false;
    };
    if !is_token(ty) || !is_token(sub) {
        return false;
    }
    parts.all(|p| {
        p.trim()
            .split_once('=')
            .is_some_and(|(n, v)| is_token(n.trim()) && !v.trim().is_empty())
    })
}

fn check_mime(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let holders = std::iter::once(sw.root).chain(sw.operations().map(|op| op.node));
    for holder in holders {
        for key in ["consumes", "produces"] {
            for item in holder.get(key).iter().flat_map(|l| l.items()) {
                let Some(m) = item.as_str() else { continue };
                if !is_mime_type(m) {
                    out.at(item, format!("The MIME type '{m}' is not valid."));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types() {
        for ok in [
            "application/json",
            "text/plain; charset=utf-8",
            "*/*",
            "application/vnd.api+json",
        ] {
            assert!(is_mime_type(ok), "{ok}");
        }
        for bad in ["json", "application/", "text plain/x", "a/b; charset", ""] {
            assert!(!is_mime_type(bad), "{bad}");
        }
    }
}
