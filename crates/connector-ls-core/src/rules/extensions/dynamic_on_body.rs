//! Dynamic extensions written on a body parameter instead of inside its schema.

use crate::rules::{rule, Context, Report};

rule!(DynamicExtensionDefinitionNotAllowedInParameter {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A dynamic extension sits on a body parameter instead of inside its schema.",
    docs: r#"## What it does
Reports `x-ms-dynamic-values`, `x-ms-dynamic-list`, `x-ms-dynamic-schema` or
`x-ms-dynamic-properties` written directly on a parameter with `"in": "body"`.

## Why
The platform reads dynamic behaviour of a request body from its schema, not from the parameter
that holds it; the validator rejects the parameter-level form (even though the connector
repository's JSON schema still allows it), so this is an error.

## Example
```json
{ "name": "body", "in": "body", "x-ms-dynamic-schema": { "operationId": "GetSchema" },
  "schema": { "type": "object" } }
```

## How to fix
Move the extension into the parameter's `schema`:
`{ "name": "body", "in": "body", "schema": { "type": "object", "x-ms-dynamic-schema": { ... } } }`.
"#,
    check,
});

const DYNAMIC: [&str; 4] = [
    "x-ms-dynamic-values",
    "x-ms-dynamic-list",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-properties",
];

fn check(cx: &Context, out: &mut Report) {
    super::for_each_parameter(cx, |p| {
        if p.get_str("in") != Some("body") {
            return;
        }
        for (name, value) in p.members() {
            if DYNAMIC.contains(&name) {
                out.at_key(
                    value,
                    "Dynamic extensions are not allowed to be defined on the body parameter. It should be in the schema.",
                );
            }
        }
    });
}
