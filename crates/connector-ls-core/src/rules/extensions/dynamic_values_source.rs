//! `x-ms-dynamic-values` without anything to call.

use crate::rules::{rule, Context, Report};

rule!(OneOfPropertiesRequired {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`x-ms-dynamic-values` names no operation, built-in operation or capability.",
    docs: r#"## What it does
Reports an `x-ms-dynamic-values` object that has none of `operationId`, `builtInOperation` and
`capability`.

## Why
The extension fills a drop-down from the response of something it calls; without one of these
members there is nothing to call, and the validator rejects it.

## Example
```json
"x-ms-dynamic-values": { "value-path": "id", "value-title": "name" }
```

## How to fix
Name the operation that lists the values: `"operationId": "ListProjects"` (or use
`builtInOperation` / `capability`).
"#,
    check,
});

const SOURCES: [&str; 3] = ["operationId", "builtInOperation", "capability"];

fn check(cx: &Context, out: &mut Report) {
    super::for_each_effective(cx, |ext, value| {
        if ext.name != "x-ms-dynamic-values" || !value.is_object() {
            return;
        }
        if SOURCES.iter().all(|k| value.get(k).is_none()) {
            out.missing(
                value,
                format!(
                    "At least one of the properties is required: [{}].",
                    SOURCES.join(", ")
                ),
            );
        }
    });
}
