//! Webhook triggers: the property that carries the callback URL (`x-ms-notification-url`), the
//! notification payload (`x-ms-notification-content`) and the `x-ms-notification` link from a
//! fetch trigger to its webhook.

use std::collections::HashMap;
use std::sync::Arc;

use crate::json::{Node, NodeId};
use crate::package::swagger::{Operation, Swagger};
use crate::package::FileKind;
use crate::rules::{rule, Context, Report};

rule!(OperationMustHaveNotificationContentExtension {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary:
        "A webhook operation has a notification URL property but no `x-ms-notification-content`.",
    docs: r##"## What it does
Reports an operation with input properties marked `"x-ms-notification-url": true` when neither
the operation nor its path item has `x-ms-notification-content`.

## Why
The notification URL makes the operation a webhook registration; the platform needs
`x-ms-notification-content` to know the shape of what the service posts back, or the trigger's
outputs are unknown. The validator rejects it.

## Example
```json
"post": { "operationId": "OnNewItem", "x-ms-trigger": "single",
  "parameters": [{ "name": "body", "in": "body", "schema": { "properties": {
    "callback": { "type": "string", "x-ms-notification-url": true } } } }] }
```

## How to fix
Add `"x-ms-notification-content": { "schema": { "$ref": "#/definitions/Item" } }` to the
operation or its path item.
"##,
    check: check_content,
});

rule!(NotificationUrlNotString {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "The property marked `x-ms-notification-url` is not of type string.",
    docs: r#"## What it does
Reports a property or parameter marked `"x-ms-notification-url": true` whose `type` is set to
something other than `string`.

## Why
The platform fills that property with the callback URL, a string. Any other type cannot hold it.

## Example
```json
"callback": { "type": "object", "x-ms-notification-url": true }
```

## How to fix
Make it `"type": "string"` (the fix does).
"#,
    check: check_string,
});

rule!(NotificationOperationMustBeWebhook {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`x-ms-notification` names an operation that is not a webhook registration.",
    docs: r#"## What it does
Reports `x-ms-notification.operationId` naming an operation that has no input property marked
`"x-ms-notification-url": true`. (An id matching no operation is `OperationIdNotFound`.)

## Why
The linked operation is called to register the callback; without a notification URL property
it cannot tell the service where to post, so the trigger never fires.

## Example
```json
"x-ms-notification": { "operationId": "ListItems" }
```
where `ListItems` is an ordinary action.

## How to fix
Point `operationId` at the webhook registration operation, or mark that operation's callback
property with `"x-ms-notification-url": true`.
"#,
    check: check_must_be_webhook,
});

rule!(WebhookOperationsMissingNotificationUrlProperty {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A webhook trigger has no property marked `x-ms-notification-url`.",
    docs: r#"## What it does
Reports a trigger (`x-ms-trigger`) whose operation or path item has
`x-ms-notification-content` but which has no input property marked
`"x-ms-notification-url": true`.

## Why
A webhook trigger registers a callback URL with the service; without a property to carry it
the platform cannot send the URL and the trigger never fires. The validator rejects it.

## Example
```json
"post": { "operationId": "OnNewItem", "x-ms-trigger": "single",
  "x-ms-notification-content": { "schema": { "type": "object" } } }
```

## How to fix
Add the callback property to the request body and mark it:
`"callbackUrl": { "type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal" }`.
"#,
    check: check_missing_url,
});

rule!(NotificationExtensionNotSupportedInWebhookOperation {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A webhook trigger also carries `x-ms-notification`.",
    docs: r#"## What it does
Reports `x-ms-notification` on a trigger that is itself a webhook (it has an input property
marked `"x-ms-notification-url": true`).

## Why
`x-ms-notification` links a fetch trigger to a separate webhook operation; a webhook needs no
such link, and the validator rejects the combination.

## Example
```json
"post": { "operationId": "OnNewItem", "x-ms-trigger": "single",
  "x-ms-notification": { "operationId": "OnNewItem" }, "parameters": [ ...callback... ] }
```

## How to fix
Remove `x-ms-notification`.
"#,
    check: check_notification_in_webhook,
});

const URL: &str = "x-ms-notification-url";
const MAX_DEPTH: usize = 16;

/// A property or parameter marked `x-ms-notification-url: true`, with what its chain of parents
/// says about it.
#[derive(Clone, Copy)]
struct UrlProp<'a> {
    node: Node<'a>,
    /// Every level from the parameter down marks the next one required.
    required: bool,
    /// The property itself or one of its parents (parameter, schemas) is internal.
    internal: bool,
}

fn marked(n: Node) -> bool {
    n.get(URL).and_then(|v| v.as_bool()) == Some(true)
}

fn is_internal(n: Node) -> bool {
    n.get_str("x-ms-visibility")
        .is_some_and(|v| v.eq_ignore_ascii_case("internal"))
}

/// The input properties and parameters of `op` marked `x-ms-notification-url: true`.
fn compute_url_props<'a>(sw: &Swagger<'a>, op: &Operation<'a>) -> Vec<UrlProp<'a>> {
    let mut out = Vec::new();
    for p in op.parameters() {
        // The parameter's own `required` is not part of the chain: 37 certified connectors pass
        // with an optional body whose schemas require the URL all the way down.
        let state = (true, p.is_internal());
        if marked(p.def) {
            out.push(UrlProp {
                node: p.def,
                required: state.0,
                internal: state.1,
            });
        }
        if let Some(schema) = p.def.get("schema") {
            collect(sw, schema, state, 0, &mut out);
        }
    }
    out
}

/// Per operation node: its marked properties as `(node, required, internal)`. Seven rules ask
/// for them, and on the largest connector the walk through the body schemas (with `$ref`s
/// followed) is costly, so it is done once per check ([`Context::memo`]).
#[derive(Default)]
pub(super) struct UrlMap(HashMap<NodeId, Vec<(NodeId, bool, bool)>>);

pub(super) fn url_map(cx: &Context, sw: &Swagger) -> Arc<UrlMap> {
    cx.memo(|| {
        let mut map = UrlMap::default();
        // Most connectors have no webhook at all: skip the walk. (The walk looks for members
        // named so, and a text without the name has none: the skip does not change the result,
        // so it is no read of the strings for `json::track`.)
        if sw.root.tree().text().contains(URL) {
            for op in sw.operations() {
                let found = compute_url_props(sw, &op);
                if !found.is_empty() {
                    map.0.insert(
                        op.node.id(),
                        found
                            .iter()
                            .map(|u| (u.node.id(), u.required, u.internal))
                            .collect(),
                    );
                }
            }
        }
        map
    })
}

/// The input properties and parameters of `op` marked `x-ms-notification-url: true`.
fn url_props<'a>(cx: &Context, sw: &Swagger<'a>, op: &Operation<'a>) -> Vec<UrlProp<'a>> {
    let tree = sw.root.tree();
    url_map(cx, sw)
        .0
        .get(&op.node.id())
        .map(|v| {
            v.iter()
                .map(|&(id, required, internal)| UrlProp {
                    node: tree.node(id),
                    required,
                    internal,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn url_properties<'a>(cx: &Context, sw: &Swagger<'a>, op: &Operation<'a>) -> Vec<Node<'a>> {
    url_props(cx, sw, op).into_iter().map(|u| u.node).collect()
}

fn collect<'a>(
    sw: &Swagger<'a>,
    schema: Node<'a>,
    (required, internal): (bool, bool),
    depth: usize,
    out: &mut Vec<UrlProp<'a>>,
) {
    let Some(schema) = sw.deref(schema).filter(Node::is_object) else {
        return;
    };
    if depth > MAX_DEPTH {
        return;
    }
    let internal = internal || is_internal(schema);
    let listed = schema.get("required");
    for (name, prop) in schema.get("properties").iter().flat_map(|p| p.members()) {
        let Some(def) = sw.deref(prop) else { continue };
        let state = (
            required && listed.is_some_and(|l| l.items().any(|i| i.as_str() == Some(name))),
            internal || is_internal(prop) || is_internal(def),
        );
        if marked(def) || marked(prop) {
            out.push(UrlProp {
                node: prop,
                required: state.0,
                internal: state.1,
            });
        }
        collect(sw, prop, state, depth + 1, out);
    }
}

fn has_content(op: &Operation) -> bool {
    op.node.get("x-ms-notification-content").is_some()
        || op.path_item.get("x-ms-notification-content").is_some()
}

fn check_content(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let urls = url_properties(cx, &sw, &op);
        if !urls.is_empty() && !has_content(&op) {
            out.missing(
                op.node,
                format!(
                    "The operation '{}' is missing notification content extension as it has '{}' properties marked as notification URL.",
                    op.display_name(),
                    urls.len()
                ),
            );
        }
    }
}

fn check_string(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        for prop in url_properties(cx, &sw, &op) {
            let def = sw.deref(prop).unwrap_or(prop);
            let Some(t) = def.get("type").filter(|t| t.as_str() != Some("string")) else {
                continue;
            };
            let f = out.at(t, "The notification URL property must be of type string.");
            if def == prop {
                f.with_fix(crate::rules::Fix::new(
                    "Make the type `string`",
                    crate::rules::Safety::Safe,
                    vec![crate::rules::fix::replace_value(
                        FileKind::Swagger,
                        t,
                        &serde_json::Value::String("string".into()),
                    )],
                ));
            }
        }
    }
}

fn check_must_be_webhook(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let ops = super::operations_by_id(cx);
    for op in sw.operations() {
        let Some(id) = op.node.path(&["x-ms-notification", "operationId"]) else {
            continue;
        };
        let Some(target) = id.as_str().and_then(|s| ops.get(s)) else {
            continue;
        };
        if url_properties(cx, &sw, &target).is_empty() {
            out.at(
                id,
                "The 'operationId' property in 'x-ms-notification' extension must be for a webhook operation.",
            );
        }
    }
}

fn check_missing_url(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        if op.is_trigger() && has_content(&op) && url_properties(cx, &sw, &op).is_empty() {
            out.missing(
                op.node,
                format!(
                    "The webhook operation '{}' is missing notification URL property.",
                    op.display_name()
                ),
            );
        }
    }
}

fn check_notification_in_webhook(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let Some(n) = op.node.get("x-ms-notification") else {
            continue;
        };
        if op.is_trigger() && !url_properties(cx, &sw, &op).is_empty() {
            out.at_key(
                n,
                "The 'x-ms-notification' extension must not be defined in a webhook operation.",
            );
        }
    }
}

rule!(NotificationUrlNotRequired {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary:
        "The notification URL property is not required at every level down from its parameter.",
    docs: r#"## What it does
Reports a property marked `"x-ms-notification-url": true` when a schema between it and its body
parameter does not list the next level in its `required` array. The body parameter's own
`"required"` is not checked: the validator accepts an optional body (37 certified connectors
have one), as long as the schemas require the URL all the way down.

## Why
The platform must always send the callback URL when it registers the webhook; an optional
level lets the request go out without it, and the service never calls back. The validator
rejects it.

## Example
```json
{ "name": "body", "in": "body", "schema": { "properties": {
  "callback": { "type": "string", "x-ms-notification-url": true } } } }
```

## How to fix
Add the property's name to each parent's `required` array (and, for clarity, `"required": true`
to the body parameter).
"#,
    check: check_required,
});

rule!(NotificationUrlNotInternal {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary:
        "The notification URL property is shown to users (neither it nor a parent is internal).",
    docs: r#"## What it does
Reports a property or parameter marked `"x-ms-notification-url": true` when neither it nor any
of its parents (schemas, the parameter) has `"x-ms-visibility": "internal"`.

## Why
The platform fills the callback URL itself; a visible field invites users to type over it and
break the webhook. The validator rejects it.

## Example
```json
"callback": { "type": "string", "x-ms-notification-url": true }
```

## How to fix
Add `"x-ms-visibility": "internal"` to the property (the fix does).
"#,
    check: check_internal,
});

fn check_required(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        for u in url_props(cx, &sw, &op).into_iter().filter(|u| !u.required) {
            out.at_key(
                u.node,
                "The notification URL property must be required all the way through the schema chain.",
            );
        }
    }
}

fn check_internal(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        for u in url_props(cx, &sw, &op).into_iter().filter(|u| !u.internal) {
            let f = out.at_key(
                u.node,
                "The notification URL property itself or at least one of its parents must be internal.",
            );
            if u.node.is_object() && u.node.get("$ref").is_none() {
                f.with_fix(crate::rules::Fix::new(
                    "Make the property internal",
                    crate::rules::Safety::Safe,
                    vec![crate::rules::fix::insert_member(
                        FileKind::Swagger,
                        u.node,
                        None,
                        "x-ms-visibility",
                        &serde_json::Value::String("internal".into()),
                    )],
                ));
            }
        }
    }
}
