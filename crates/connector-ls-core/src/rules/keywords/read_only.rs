//! Input schemas cannot require a property the server alone writes.

use crate::json::Node;
use crate::package::swagger::Place;
use crate::rules::{rule, Context, Report};

rule!(RequiredReadOnlyPropertyNotAllowedAsInput {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A request schema requires a property marked `readOnly`.",
    docs: r##"## What it does
Reports a name in the `required` array of a request schema (the `schema` of a body parameter,
written inline, and what it nests) whose property is `"readOnly": true`. Shared definitions are
not checked, because a definition used for both requests and responses may rightly require a
read-only property in responses.

## Why
A read-only property is sent by the service only; the designer hides it from the inputs. If the
request schema also requires it, the user can never satisfy the requirement. The validator
rejects it, so this is an error.

## Example
```json
{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string", "readOnly": true } } }
```

## How to fix
Remove the name from `required`, or drop `readOnly` if the caller does send it.
"##,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    for site in cx.schemas() {
        if site.place != Place::Request {
            continue;
        }
        let Some(required) = site.node.get("required") else {
            continue;
        };
        let Some(props) = site.node.get("properties").filter(Node::is_object) else {
            continue;
        };
        for item in required.items() {
            let Some(name) = item.as_str() else { continue };
            let read_only = props
                .get(name)
                .and_then(|p| p.get("readOnly"))
                .and_then(|r| r.as_bool());
            if read_only == Some(true) {
                out.at(item, "An input property cannot be 'readonly' and required.");
            }
        }
    }
}
