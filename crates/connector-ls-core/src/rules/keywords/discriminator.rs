//! A schema's `discriminator` names a required string property.

use crate::json::Node;
use crate::rules::{rule, Context, Report};

rule!(DiscriminatorMustBeARequiredStringProperty {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A `discriminator` does not name a required string property of its schema.",
    docs: r##"## What it does
Reports a schema whose `discriminator` names a property that is not listed in the schema's
`required` array, or whose definition in `properties` is not `"type": "string"`.

## Why
The discriminator tells which derived schema a value has; OpenAPI 2.0 requires it to be a
string property that is always present. Otherwise the type of a value cannot be decided. The
validator rejects it, so this is an error.

## Example
```json
{ "type": "object", "discriminator": "kind", "properties": { "kind": { "type": "string" } } }
```

## How to fix
List the property in `required` (`"required": ["kind"]`) and give it `"type": "string"`.
"##,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for site in cx.schemas() {
        let Some(d) = site.node.get("discriminator") else {
            continue;
        };
        let Some(name) = d.as_str() else { continue };
        let required = site
            .node
            .get("required")
            .is_some_and(|r| r.items().any(|i| i.as_str() == Some(name)));
        let ty = site
            .node
            .get("properties")
            .and_then(|p| p.get(name))
            .and_then(|p| sw.deref(p))
            .filter(Node::is_object)
            .and_then(|p| p.get_str("type"));
        if !required || ty != Some("string") {
            out.at(
                d,
                "The 'discriminator' value must be the name of a required string property.",
            );
        }
    }
}
