//! An operation that sends a body says in which MIME type.

use crate::package::FileKind;
use crate::rules::{Context, FixAvailability, Report, Rule, Severity};

pub static CONSUMES_MISSING: Rule = Rule {
    code: "ConsumesMissing",
    severity: Severity::Warning,
    file: FileKind::Swagger,
    certification: false,
    documented: true,
    fix: FixAvailability::None,
    summary: "An operation with a body or form data has no `consumes` MIME type.",
    docs: r##"## What it does
Reports an operation that sends a request payload (it has a `body` or `formData` parameter, its
own or its path item's) while its effective `consumes` list (the operation's, else the root's)
is missing or empty.

## Why
The platform sets the request's `Content-Type` from `consumes`. Without it the API receives a
payload it may not parse (a JSON body sent without `application/json`, form fields without
`application/x-www-form-urlencoded` or `multipart/form-data`).

Warning: many certified connectors leave `consumes` empty and rely on the default JSON content
type, so the validator does not enforce it everywhere.

## Example
```json
"post": { "operationId": "CreateItem", "consumes": [],
  "parameters": [ { "name": "item", "in": "body", "schema": { "type": "object" } } ] }
```

## How to fix
Name the content type the API accepts: `"consumes": ["application/json"]` on the operation or
at the root.
"##,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let root = sw.root.get("consumes");
    for op in sw.operations() {
        let own = op.node.get("consumes");
        let effective = own.or(root);
        if effective.is_some_and(|c| !c.is_array() || !c.is_empty()) {
            continue;
        }
        let sends_payload = op
            .parameters()
            .iter()
            .any(|p| matches!(p.location(), Some("body" | "formData")));
        if !sends_payload {
            continue;
        }
        let msg = format!(
            "At least one supported MIME type must be provided in 'consumes' for operation '{}'.",
            op.display_name()
        );
        match own {
            Some(c) => out.at_key(FileKind::Swagger, c, msg),
            None => out.missing(FileKind::Swagger, op.node, msg),
        };
    }
}
