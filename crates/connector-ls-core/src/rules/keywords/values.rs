//! Keyword values with a syntax of their own: `pattern` (a regular expression), `default` (a
//! value of the declared type) and the MIME types of `consumes` and `produces`.

use regex_syntax::ast::{parse::Parser, ErrorKind};

use super::keyword_objects;
use crate::json::{Kind, Node};
use crate::package::FileKind;
use crate::rules::{Context, FixAvailability, Report, Rule, Severity};

const SWAGGER: FileKind = FileKind::Swagger;

pub static PATTERN_SHOULD_BE_VALID_REGULAR_EXPRESSION: Rule = Rule {
    code: "PatternShouldBeValidRegularExpression",
    severity: Severity::Error,
    file: FileKind::Swagger,
    certification: false,
    documented: true,
    fix: FixAvailability::None,
    summary: "A `pattern` is not a valid regular expression.",
    docs: r##"## What it does
Reports a `pattern` on a schema, non-body parameter or response header that does not parse as a
regular expression: an unclosed group or class, a dangling quantifier, a bad escape or range.
The platform evaluates patterns with .NET regular expressions, so .NET constructs (look-ahead and
look-behind, back-references, atomic and named groups) are accepted.

## Why
An invalid pattern cannot be evaluated, so the value can never be validated. The validator
rejects it, so this is an error.

## Example
```json
{ "type": "string", "pattern": "^[A-Z{2}$" }
```

## How to fix
Correct the expression (`"^[A-Z]{2}$"`); in JSON a backslash is written `\\`.
"##,
    check: check_pattern,
};

pub static DEFAULT_VALUE_MUST_MATCH_TYPE: Rule = Rule {
    code: "DefaultValueMustMatchType",
    severity: Severity::Warning,
    file: FileKind::Swagger,
    certification: false,
    documented: true,
    fix: FixAvailability::None,
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
};

pub static MIME_TYPE_NOT_VALID: Rule = Rule {
    code: "MimeTypeNotValid",
    severity: Severity::Error,
    file: FileKind::Swagger,
    certification: false,
    documented: true,
    fix: FixAvailability::None,
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
};

/// Whether `pattern` is a regular expression .NET accepts, as far as we can tell: it parses, or
/// fails only on constructs .NET has and the Rust parser does not.
pub(crate) fn pattern_is_valid(pattern: &str) -> bool {
    let pattern = &dotnet_classes(pattern);
    match Parser::new().parse(pattern) {
        Ok(_) => true,
        Err(e) => match e.kind() {
            ErrorKind::UnsupportedLookAround | ErrorKind::UnsupportedBackreference => true,
            // Atomic groups `(?>...)`, balancing and quote-named groups `(?'a'...)`, `(?<a-b>...)`,
            // named back-references `\k<a>` and conditionals `(?(...)...)` are .NET syntax.
            ErrorKind::FlagUnrecognized
            | ErrorKind::FlagDanglingNegation
            | ErrorKind::GroupNameInvalid
            | ErrorKind::GroupNameUnexpectedEof
            | ErrorKind::EscapeUnrecognized => {
                pattern.contains("(?>")
                    || pattern.contains("(?'")
                    || pattern.contains("(?(")
                    || pattern.contains("\\k<")
                    || pattern.contains("(?<")
            }
            _ => false,
        },
    }
}

/// Rewrites character classes to the Rust syntax for what .NET reads literally there: a `[`, or
/// the `&&`, `~~` and `--` that Rust reads as class set operations, are escaped.
fn dotnet_classes(pattern: &str) -> std::borrow::Cow<'_, str> {
    if !pattern.contains('[') {
        return pattern.into();
    }
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A leading `^` and a leading `]` belong to the class.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '[' | '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.into()
}

fn check_pattern(cx: &Context, out: &mut Report) {
    for node in keyword_objects(cx) {
        let Some(p) = node.get("pattern") else {
            continue;
        };
        let Some(text) = p.as_str() else { continue };
        if !pattern_is_valid(text) {
            out.at(
                SWAGGER,
                p,
                "The 'pattern' value should be a valid regular expression.",
            );
        }
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
                SWAGGER,
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
                    out.at(SWAGGER, item, format!("The MIME type '{m}' is not valid."));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        for ok in [
            "^[A-Z]{2}$",
            r"^\d+(\.\d+)?$",
            r"^(?=.*[a-z]).{8,}$",
            r"(?<year>\d{4})-\k<year>",
            r"(?>a+)b",
            r"^(\w)\1$",
            r"^[\w.-]+@[\w-]+\.\w+$",
            r"^[\w\-._~:/?#[\]@!&'()*+,;=.]+$",
            r"[a&&b~~c]",
        ] {
            assert!(pattern_is_valid(ok), "{ok}");
        }
        for bad in ["^[A-Z{2}$", "(abc", "*a", "a{2,1}"] {
            assert!(!pattern_is_valid(bad), "{bad}");
        }
    }

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
