//! An internal value with a default is only sent when it is required.

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::{Context, FixAvailability, Report, Rule, Severity};

pub static INTERNAL_PROPERTY_WITH_DEFAULT_OPTIONAL: Rule = Rule {
    code: "InternalPropertyWithDefaultOptional",
    severity: Severity::Warning,
    file: FileKind::Swagger,
    certification: false,
    documented: true,
    fix: FixAvailability::Safe,
    summary:
        "An `x-ms-visibility: internal` parameter or property has a `default` but is optional.",
    docs: r##"## What it does
Reports a parameter, or a property of a schema, with `"x-ms-visibility": "internal"` and a
`default` that is not required (`"required": true` on a parameter; listed in the parent
schema's `required` array for a property).

## Why
Internal values are hidden from the user, so only their default can ever be sent, and the
platform only includes optional values the user filled in: the default is silently dropped.
Warning: the validator's own wording marks this as advice.

## Example
```json
{ "name": "api-version", "in": "query", "type": "string", "default": "2024-01-01", "x-ms-visibility": "internal" }
```

## How to fix
Make it required: add `"required": true` to the parameter (the safe fix), or list the property
in its schema's `required` array.
"##,
    check,
};

const MESSAGE: &str = "The internal property has a default value but is optional. Only required properties are guaranteed to be included in requests.";

fn internal_with_default(node: Node) -> bool {
    node.get_str("x-ms-visibility") == Some("internal") && node.get("default").is_some()
}

fn check(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let root_params = sw
        .root
        .get("parameters")
        .into_iter()
        .flat_map(|p| p.members().map(|(_, v)| v));
    let inline = sw
        .paths()
        .into_iter()
        .flat_map(|p| p.members())
        .flat_map(|(_, item)| {
            item.get("parameters")
                .into_iter()
                .chain(item.members().filter_map(|(_, op)| op.get("parameters")))
                .flat_map(|l| l.items())
        });
    for p in root_params.chain(inline) {
        if !p.is_object() || p.get("$ref").is_some() || p.get_str("in") == Some("body") {
            continue;
        }
        if internal_with_default(p) && p.get("required").and_then(|r| r.as_bool()) != Some(true) {
            let f = out.at_key(
                FileKind::Swagger,
                p.get("x-ms-visibility").unwrap_or(p),
                MESSAGE,
            );
            let edit = match p.get("required") {
                Some(r) => {
                    crate::rules::fix::replace_value(FileKind::Swagger, r, &serde_json::json!(true))
                }
                None => crate::rules::fix::insert_member(
                    FileKind::Swagger,
                    p,
                    Some("in"),
                    "required",
                    &serde_json::json!(true),
                ),
            };
            f.with_fix(crate::rules::Fix::new(
                "Make the parameter required",
                crate::rules::Safety::Safe,
                vec![edit],
            ));
        }
    }
    for site in cx.schemas() {
        let Some(props) = site.node.get("properties").filter(Node::is_object) else {
            continue;
        };
        let required = site.node.get("required");
        for (name, prop) in props.members() {
            if !internal_with_default(prop) {
                continue;
            }
            if !required.is_some_and(|r| r.items().any(|i| i.as_str() == Some(name))) {
                out.at_key(
                    FileKind::Swagger,
                    prop.get("x-ms-visibility").unwrap_or(prop),
                    MESSAGE,
                );
            }
        }
    }
}
