//! Body parameters carry a `schema`; other parameters must not.

use super::parameter_definitions;
use crate::rules::{rule, Context, Report};

rule!(BodyParameterSchemaRequired {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An `in: body` parameter has no `schema`.",
    docs: r##"## What it does
Reports a parameter with `"in": "body"` (inline, or in the root `parameters` section) that has
no `schema`.

## Why
In OpenAPI 2.0 the shape of a body is given by its `schema`; `type`, `format` and `items` are
for the other locations. Without a schema the platform does not know what to send.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
{ "name": "item", "in": "body", "type": "object" }
```

## How to fix
Describe the body with a schema: `{ "name": "item", "in": "body", "schema": { "type": "object",
"properties": { ... } } }`, or `"schema": { "$ref": "#/definitions/Item" }`.
"##,
    check: check_body_schema,
});

rule!(NonBodyParameterSchemaNotValid {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A parameter outside the body defines a `schema`.",
    docs: r##"## What it does
Reports a `schema` on a parameter whose `in` is `query`, `header`, `path` or `formData`.

## Why
Only body parameters have schemas in OpenAPI 2.0; other parameters use `type`, `format` and
`items` directly. The schema is ignored, so the parameter's real type is not what it looks like.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
{ "name": "top", "in": "query", "schema": { "type": "integer" } }
```

## How to fix
Move the schema's `type` (and `format`, `items`, `enum`) onto the parameter and delete `schema`:
`{ "name": "top", "in": "query", "type": "integer" }`.
"##,
    check: check_non_body_schema,
});

fn check_body_schema(cx: &Context, out: &mut Report) {
    for def in parameter_definitions(cx) {
        if def.get_str("in") == Some("body") && def.get("schema").is_none() {
            out.missing(def, "The 'body' parameter must define a 'schema' property.");
        }
    }
}

fn check_non_body_schema(cx: &Context, out: &mut Report) {
    for def in parameter_definitions(cx) {
        let Some(loc) = def.get_str("in") else {
            continue;
        };
        if loc == "body" {
            continue;
        }
        if let Some(schema) = def.get("schema") {
            out.at_key(
                schema,
                "The parameter cannot define a schema as it is not in the 'body'.",
            );
        }
    }
}
