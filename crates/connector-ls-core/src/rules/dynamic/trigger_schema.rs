//! A trigger's outputs: the designer shows what the trigger returns only from a schema on its
//! `200` / `201` response, or (for a webhook) in `x-ms-notification-content`.

use crate::json::Node;
use crate::package::swagger::Operation;
use crate::rules::{rule, Context, Report};

rule!(SchemaDefinitionSetIncorrectly {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary:
        "A trigger has no output schema on its 200/201 response nor in `x-ms-notification-content`.",
    docs: r##"## What it does
Reports a trigger (an operation with `x-ms-trigger`) when neither its `200` nor its `201`
response (after `$ref`) has a `schema`, and neither the operation nor its path item has an
`x-ms-notification-content` with a `schema`.

## Why
Flows use a trigger's outputs as dynamic content in later steps. Without a schema the designer
offers nothing but the raw body. It is a warning, as the validator's wording suggests: the
trigger still fires, it is only harder to use.

## Example
```json
"get": { "operationId": "OnNewItem", "x-ms-trigger": "batch",
  "responses": { "200": { "description": "OK" } } }
```

## How to fix
Add the output schema to the `200` (or `201`) response, e.g.
`"schema": { "$ref": "#/definitions/Item" }`; for a webhook trigger put it in
`"x-ms-notification-content": { "schema": ... }` on the path item.
"##,
    check,
});

fn has_output(op: &Operation) -> bool {
    let sw = op.swagger;
    let response_schema = op.responses().is_some_and(|rs| {
        ["200", "201"].iter().any(|code| {
            rs.get(code)
                .and_then(|r| sw.deref(r))
                .and_then(|r| r.get("schema"))
                .is_some()
        })
    });
    let content = |holder: Node| {
        holder
            .get("x-ms-notification-content")
            .and_then(|c| c.get("schema"))
            .is_some()
    };
    response_schema || content(op.node) || content(op.path_item)
}

fn check(cx: &Context, out: &mut Report) {
    for op in cx.swagger.iter().flat_map(|s| s.operations()) {
        if !op.is_trigger() || has_output(&op) {
            continue;
        }
        out.about(
            op.node,
            op.responses().unwrap_or(op.node).anchor(),
            format!("The operation '{}' should define an output schema on the 200 or 201 response code or in 'x-ms-notification-content' extension for a webhook to be visible in the designer.", op.display_name()),
        );
    }
}
