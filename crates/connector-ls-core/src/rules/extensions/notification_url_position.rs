//! `x-ms-notification-url` anywhere but on a property of a request body.

use crate::json::Node;
use crate::rules::{rule, Context, Report};

rule!(NotificationUrlNotAllowedInThisPosition {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`x-ms-notification-url` is not on a property of a request body.",
    docs: r#"## What it does
Reports `x-ms-notification-url` anywhere except on a schema of a request body: on a
query, header, path or form parameter, on an operation, on a body parameter itself, or inside
a response schema or a webhook's `x-ms-notification-content`. Shared `definitions` and their
properties are accepted, since a request body may reference them.

## Why
The platform writes the webhook callback URL into the registration request's body, in the
property marked with this extension. Anywhere else it cannot be filled in, and the validator
rejects it.

## Example
```json
{ "name": "callback", "in": "query", "type": "string", "x-ms-notification-url": true }
```

## How to fix
Send the callback URL in the request body: declare a required, internal string property of
the body schema and mark that property with `"x-ms-notification-url": true`.
"#,
    check,
});

/// Whether `node` sits inside a response schema or a notification payload.
fn in_output(node: Node) -> bool {
    node.ancestors().any(|a| {
        let held_by_properties = a.parent().and_then(|p| p.key()) == Some("properties");
        !held_by_properties && matches!(a.key(), Some("responses" | "x-ms-notification-content"))
    })
}

fn check(cx: &Context, out: &mut Report) {
    super::for_each_use(cx, |u| {
        if u.name != "x-ms-notification-url" {
            return;
        }
        let allowed = u.site.is_schema() && !in_output(u.owner);
        if !allowed {
            out.at_key(
                u.value,
                "The notification URL property is not allowed in this position. It is allowed only in input body.",
            );
        }
    });
}
