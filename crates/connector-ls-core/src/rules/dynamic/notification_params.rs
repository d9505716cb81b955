//! A trigger with `x-ms-notification` is fetched with its own parameters and subscribed with
//! those of the operation it names; parameters sharing a name are one input to the user, so
//! they must agree.

use crate::rules::{rule, Context, Report};

rule!(ParamtersWithSameNameMustHaveSameTypeAndVisibility {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A trigger's parameter and the same-named parameter of its subscribe operation differ in type or visibility.",
    docs: r#"## What it does
For an operation with `x-ms-notification` (the fetch operation) and the operation its
`operationId` names (the subscribe operation), reports each non-body parameter of the fetch
operation whose same-named parameter in the subscribe operation has a different `type` or a
different `x-ms-visibility` (a missing visibility counts as `none`). The code keeps the
validator's own spelling.

## Why
The designer shows one input for both operations and sends the user's value to each. If one
side is an `integer` and the other a `string`, or one is hidden and the other asked for, the two
calls receive different things. The validator rejects it.

## Example
```json
"/items": { "get": { "operationId": "OnNewItem", "x-ms-trigger": "single",
  "x-ms-notification": { "operationId": "Subscribe" },
  "parameters": [ { "name": "folder", "in": "query", "type": "string" } ] } },
"/hooks": { "post": { "operationId": "Subscribe",
  "parameters": [ { "name": "folder", "in": "query", "type": "integer" } ] } }
```

## How to fix
Give the two parameters the same `type` and the same `x-ms-visibility`.
"#,
    check,
});

/// `x-ms-visibility` with a missing value read as `none`.
fn visibility<'a>(p: &crate::package::swagger::Parameter<'a>) -> &'a str {
    match p.def.get_str("x-ms-visibility") {
        None | Some("") => "none",
        Some(v) => v,
    }
}

fn check(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let ops = super::operations_by_id(cx);
    for fetch in sw.operations() {
        let Some(id) = fetch
            .node
            .get("x-ms-notification")
            .and_then(|n| n.get_str("operationId"))
        else {
            continue;
        };
        let Some(subscribe) = ops.get(id) else {
            continue;
        };
        let theirs = subscribe.parameters();
        for p in fetch.parameters() {
            let Some(name) = p.name() else { continue };
            if p.location() == Some("body") {
                continue;
            }
            let Some(q) = theirs
                .iter()
                .find(|q| q.name() == Some(name) && q.location() != Some("body"))
            else {
                continue;
            };
            let same_type = p.def.get_str("type") == q.def.get_str("type");
            if !same_type || visibility(&p) != visibility(q) {
                // The differing member when it is written here, else the name (or `$ref`).
                let member = if same_type { "x-ms-visibility" } else { "type" };
                let at = p
                    .node
                    .get(member)
                    .or_else(|| p.node.get("name"))
                    .or_else(|| p.node.get("$ref"))
                    .unwrap_or(p.node);
                // At the fetch operation (the validator's target); the range on the member.
                out.about(
                    fetch.node,
                    at.range(),
                    "Parameters of the same name in fetch and subscribe operations must be of the same type and visibility.",
                );
            }
        }
    }
}
