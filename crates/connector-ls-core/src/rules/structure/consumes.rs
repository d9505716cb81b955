//! An operation that sends a body says in which MIME type.

use serde_json::json;

use crate::package::FileKind;
use crate::rules::fix::{insert_member, replace_value};
use crate::rules::{rule, Context, Fix, Report, Safety};

rule!(ConsumesMissing {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
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
at the root. The quick fix declares `application/json` for a body, `multipart/form-data` for a
form with a file and `application/x-www-form-urlencoded` for other forms.
"##,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let root = sw.root.get("consumes");
    for op in sw.operations() {
        let own = op.node.get("consumes");
        let effective = own.or(root);
        if effective.is_some_and(|c| !c.is_array() || !c.is_empty()) {
            continue;
        }
        let params = op.parameters();
        let has_body = params.iter().any(|p| p.location() == Some("body"));
        let form: Vec<_> = params
            .iter()
            .filter(|p| p.location() == Some("formData"))
            .collect();
        if !has_body && form.is_empty() {
            continue;
        }
        // The type the payload implies: JSON for a body, multipart when a form carries a file.
        let mime = if has_body {
            "application/json"
        } else if form.iter().any(|p| p.def.get_str("type") == Some("file")) {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        let msg = format!(
            "At least one supported MIME type must be provided in 'consumes' for operation '{}'.",
            op.display_name()
        );
        let (f, edit) = match own {
            Some(c) => (
                out.about(op.node, c.anchor(), msg),
                replace_value(FileKind::Swagger, c, &json!([mime])),
            ),
            None => (
                out.missing(op.node, msg),
                insert_member(
                    FileKind::Swagger,
                    op.node,
                    Some("operationId"),
                    "consumes",
                    &json!([mime]),
                ),
            ),
        };
        f.with_fix(Fix::new(
            format!("Declare `consumes`: [\"{mime}\"]"),
            Safety::Unsafe,
            vec![edit],
        ));
    }
}
