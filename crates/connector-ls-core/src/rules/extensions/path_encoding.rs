//! Path parameters without `x-ms-url-encoding`.

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::{insert_member, Edit, Fix, Safety};
use crate::rules::{rule, Context, Report};
use crate::text::TextRange;

rule!(PathParameterMissingEncoding {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "A path parameter does not say how its value is URL-encoded.",
    docs: r#"## What it does
Reports a parameter with `"in": "path"` that has no `x-ms-url-encoding`.

## Why
A path parameter's value becomes part of the URL; values containing `/`, `?` or `%` can
produce invalid requests unless the encoding is explicit, and some services decode the path
twice and need `double`. The validator's wording is advice and a third of certified path
parameters lack the extension, so this is a warning.

## Example
```json
{ "name": "id", "in": "path", "required": true, "type": "string" }
```

## How to fix
Add `"x-ms-url-encoding": "single"` (or `"double"` if the service decodes twice). The safe fix
adds `single`, which is what the platform does anyway, so behaviour does not change.
"#,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    super::for_each_parameter(cx, |p| {
        if p.get_str("in") != Some("path") || p.get("x-ms-url-encoding").is_some() {
            return;
        }
        let name = p.get_str("name").unwrap_or("");
        let edit = add_encoding(p);
        out.missing(
            p,
            format!(
                "Encoding for path parameter '{name}' is missing, which might lead to invalid requests. Use \"x-ms-url-encoding\": \"single\" to ensure the value is URL encoded."
            ),
        )
        .with_fix(Fix::new(
            "Add \"x-ms-url-encoding\": \"single\"",
            Safety::Safe,
            vec![edit],
        ));
    });
}

const MEMBER: &str = "\"x-ms-url-encoding\": \"single\"";

/// The edit adding the member after `type` (else after the last member). Built from the
/// anchor's own line: [`insert_member`] looks at the whole document for its line ending, which
/// is too slow for a finding that can occur hundreds of times in a large file.
fn add_encoding(param: Node) -> Edit {
    let anchor = param
        .get("type")
        .or_else(|| param.children().last())
        .and_then(|m| Some((m, m.key_range()?)));
    let Some((member, key)) = anchor else {
        return insert_member(
            FileKind::Swagger,
            param,
            None,
            "x-ms-url-encoding",
            &serde_json::Value::from("single"),
        );
    };
    let text = param.tree().text();
    let before = &text[..key.start as usize];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let indent = &before[line_start..];
    let new_text = if line_start > 0 && indent.chars().all(|c| c == ' ' || c == '\t') {
        let eol = if before[..line_start - 1].ends_with('\r') {
            "\r\n"
        } else {
            "\n"
        };
        format!(",{eol}{indent}{MEMBER}")
    } else {
        format!(", {MEMBER}")
    };
    Edit {
        file: FileKind::Swagger,
        range: TextRange::empty(member.range().end),
        new_text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str, pointer: &str) -> String {
        let p = crate::json::parse(text);
        let param = p.tree.resolve(pointer).unwrap();
        let edit = add_encoding(param);
        crate::rules::fix::apply(text, &[&edit])
    }

    #[test]
    fn keeps_crlf_and_indentation() {
        let text =
            "{\r\n  \"p\": {\r\n    \"in\": \"path\",\r\n    \"type\": \"string\"\r\n  }\r\n}";
        assert_eq!(
            fixed(text, "/p"),
            "{\r\n  \"p\": {\r\n    \"in\": \"path\",\r\n    \"type\": \"string\",\r\n    \"x-ms-url-encoding\": \"single\"\r\n  }\r\n}"
        );
    }

    #[test]
    fn inline_and_empty_objects() {
        assert_eq!(
            fixed(r#"{"p": {"type": "string", "in": "path"}}"#, "/p"),
            r#"{"p": {"type": "string", "x-ms-url-encoding": "single", "in": "path"}}"#
        );
        let out = fixed("{\"p\": {}}", "/p");
        assert!(crate::json::parse(out.as_str()).errors.is_empty(), "{out}");
    }
}
