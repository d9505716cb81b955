//! Path parameters without `x-ms-url-encoding`.

use serde_json::Value;

use crate::package::FileKind;
use crate::rules::fix::{insert_member, Fix, Safety};
use crate::rules::{Context, FixAvailability, Report, Rule, Severity};

pub static PATH_PARAMETER_MISSING_ENCODING: Rule = Rule {
    code: "PathParameterMissingEncoding",
    severity: Severity::Warning,
    file: FileKind::Swagger,
    certification: false,
    documented: true,
    fix: FixAvailability::Safe,
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
};

fn check(cx: &Context, out: &mut Report) {
    super::for_each_parameter(cx, |p| {
        if p.get_str("in") != Some("path") || p.get("x-ms-url-encoding").is_some() {
            return;
        }
        let name = p.get_str("name").unwrap_or("");
        let edit = insert_member(
            FileKind::Swagger,
            p,
            Some("type"),
            "x-ms-url-encoding",
            &Value::from("single"),
        );
        out.missing(
            FileKind::Swagger,
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
