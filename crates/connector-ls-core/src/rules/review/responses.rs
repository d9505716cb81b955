//! What an action returns: a success response with a schema, and never `"schema": {}`.

use crate::json::Node;
use crate::package::swagger::Operation;
use crate::rules::{rule, Context, Report};

rule!(SuccessResponseSchemaMissing {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: None,
    summary: "An action's success responses have no schema, so it has no outputs.",
    docs: r##"## What it does
Reports a `GET` operation (an action or a polling trigger, not `x-ms-visibility: internal`)
that has `2xx` responses but none with a `schema`, and none that says it returns nothing
(`204`, `202`). An operation with only a `default` response (no `2xx`) is
`OperationShouldHaveSuccessfulResponse`'s.

## Why
Reviewers ask for a success response with a real schema (reviewer practice #3: PRs #1316,
#2755): the designer builds an action's outputs from it, and without one a flow cannot use
what the action returns. A warning: the platform accepts the operation.

Narrowed to `GET`s: a command (`POST`, `PUT`, `PATCH`, `DELETE`) may well return nothing, and
without the narrowing the rule fired on 45 of the 208 recently merged corpus connectors
(21.6%), most of them commands answered with a bare `200`. A `GET` without an output schema
is a true instance each time: it reads data the flow then cannot use. Narrowed, it reports
12 of the 208 (5.8%).

## Example
```json
"responses": {"200": {"description": "The created item"}}
```

## How to fix
Describe what the API returns:
`"200": {"description": "The created item", "schema": {"$ref": "#/definitions/Item"}}`, or
declare `204` when it returns nothing.
"##,
    check: check_missing,
});

rule!(ResponseSchemaEmpty {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: None,
    summary: "A response's schema is `{}`, which describes no outputs.",
    docs: r##"## What it does
Reports a success (`2xx`) response `schema` that is an empty object, `{}` (directly or
through a `$ref` to a root `responses` entry), of an operation users see: not internal
(`x-ms-visibility: internal`), not a webhook trigger's registration (a trigger that is not a
`GET`, or has `x-ms-notification-content`). Error and `default` responses are not read: the
designer builds no outputs from them.

## Why
Reviewers reject `"schema": {}` (reviewer practice #3: PRs #1316, #2755): it tells the
designer nothing about the body, so the action shows a single untyped `Body` output.
Reading every response it fired on 56 of the 208 recently merged corpus connectors (26.9%),
mostly on error and `default` responses and on internal operations; narrowed to what users
see, it reports 19 (9.1%), each a true instance (a visible action's success output is
undescribed).

## Example
```json
"200": {"description": "The item", "schema": {}}
```

## How to fix
Describe the body (`{"$ref": "#/definitions/Item"}`, or an object with its properties); for a
body of unknown shape say so explicitly (`{"type": "object"}`) and describe it in the
response's description.
"##,
    check: check_empty,
});

/// A webhook trigger: `x-ms-trigger` on an operation that registers a callback (any method
/// but GET, or with `x-ms-notification-content`): its responses describe the registration, and
/// its outputs come from the notification.
fn is_webhook(op: &Operation) -> bool {
    op.is_trigger() && (op.method != "get" || op.node.get("x-ms-notification-content").is_some())
}

fn check_missing(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        // A GET returns what it reads; a command (POST, PUT, PATCH, DELETE) may return nothing.
        if op.method != "get" || is_webhook(&op) || is_internal(op.node) {
            continue;
        }
        let Some(responses) = op.responses() else {
            continue;
        };
        let success: Vec<(&str, Node)> = responses
            .members()
            .filter(|(code, _)| code.starts_with('2'))
            .collect();
        if success.is_empty() || success.iter().any(|(c, _)| matches!(*c, "204" | "202")) {
            continue;
        }
        let has_schema = success.iter().any(|(_, r)| {
            let r = sw.deref(*r).unwrap_or(*r);
            r.get("schema").is_some()
        });
        if !has_schema {
            out.at_key(
                responses,
                format!(
                    "No success response of '{}' has a schema, so the action has no outputs; \
                     describe the body (or declare 204 if it returns nothing).",
                    op.display_name()
                ),
            );
        }
    }
}

fn is_internal(node: Node) -> bool {
    node.get_str("x-ms-visibility") == Some("internal")
}

fn check_empty(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let mut report = |response: Node| {
        if let Some(schema) = response.get("schema") {
            if schema.is_object() && schema.is_empty() {
                out.at(
                    schema,
                    "The response schema is empty ({}); describe the body so the action has outputs.",
                );
            }
        }
    };
    for op in sw.operations() {
        if is_webhook(&op) || is_internal(op.node) {
            continue;
        }
        let success = op.responses().into_iter().flat_map(|r| r.members());
        for (_, r) in success.filter(|(code, _)| code.starts_with('2')) {
            report(sw.deref(r).unwrap_or(r));
        }
    }
}
