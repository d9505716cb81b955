//! `x-ms-notification`: only triggers are notified.

use crate::rules::{rule, Context, Report};

rule!(NotificationExtensionSupportedForTriggerOnly {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`x-ms-notification` is on an operation that is not a trigger.",
    docs: r#"## What it does
Reports `x-ms-notification` on an operation without `x-ms-trigger`.

## Why
`x-ms-notification` links a trigger to the webhook operation that registers it. An action is
never notified, so the link means nothing there, and the validator rejects it.

## Example
```json
"post": { "operationId": "CreateItem", "x-ms-notification": { "operationId": "Subscribe" } }
```

## How to fix
Add `"x-ms-trigger": "single"` (or `"batch"`) if the operation is a trigger, or remove
`x-ms-notification`.
"#,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    for op in cx.swagger.iter().flat_map(|s| s.operations()) {
        if let Some(n) = op.node.get("x-ms-notification") {
            if !op.is_trigger() {
                out.at_key(
                    n,
                    "The 'x-ms-notification' is supported for trigger operations only.",
                );
            }
        }
    }
}
