//! A schema's `required` array: not empty, only on objects, and naming defined properties.

use crate::json::{Kind, Node};
use crate::package::swagger::Swagger;
use crate::rules::{rule, Context, Report};

rule!(RequiredPropertyArrayEmpty {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A schema has `\"required\": []`.",
    docs: r##"## What it does
Reports a schema whose `required` array is empty.

## Why
In OpenAPI 2.0 (JSON Schema draft 4) `required` must list at least one name; an empty list
says nothing and the validator rejects it, so this is an error.

## Example
```json
{ "type": "object", "required": [], "properties": { "id": { "type": "string" } } }
```

## How to fix
List the properties that must be present, or remove `required`.
"##,
    check: check_empty,
});

rule!(RequiredPropertyNotOnObject {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A schema whose `type` is not `object` has a `required` array.",
    docs: r##"## What it does
Reports a `required` array on a schema whose `type` is something other than `object`
(`string`, `array`, ...). Schemas without a `type` are not reported.

## Why
`required` names members of an object; a string or an array has none, so the list cannot apply.
It usually means the array belongs one level down (in `items`) or the `type` is wrong.

Warning, not error: certified connectors ship `required` on array schemas, which the platform
ignores, so the validator does not enforce this in practice.

## Example
```json
{ "type": "array", "required": ["id"], "items": { "type": "object", "properties": { "id": { "type": "string" } } } }
```

## How to fix
Move `required` to the object schema it belongs to (here, into `items`), or remove it.
"##,
    check: check_not_on_object,
});

rule!(RequiredPropertyDefinitionMissing {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A name in a schema's `required` array is not one of its `properties`.",
    docs: r##"## What it does
Reports a name listed in a schema's `required` array that is not a key of the schema's
`properties` (nor of the `properties` of the schemas it combines with `allOf`). Schemas that
define no `properties` at all, or that allow any member through `additionalProperties`, are not
checked by name.

## Why
The designer builds its fields from `properties`; a required name without a definition is a
field the user must fill but can never see, usually a typo or a renamed property. The validator
rejects it, so this is an error.

## Example
```json
{ "type": "object", "required": ["Id"], "properties": { "id": { "type": "string" } } }
```

## How to fix
Correct the name in `required` (names are case-sensitive), or add the property definition.
"##,
    check: check_definition_missing,
});

/// The `required` member of a schema, when it is an array.
fn required_array(schema: Node) -> Option<Node> {
    schema.get("required").filter(|r| r.kind() == Kind::Array)
}

fn check_empty(cx: &Context, out: &mut Report) {
    for site in cx.schemas() {
        if let Some(r) = required_array(site.node).filter(Node::is_empty) {
            out.at(
                r,
                "The 'required' array requires at least one value. If no properties are required in the schema, remove the 'required' property.",
            );
        }
    }
}

fn check_not_on_object(cx: &Context, out: &mut Report) {
    for site in cx.schemas() {
        let Some(r) = required_array(site.node) else {
            continue;
        };
        let Some(ty) = site.node.get_str("type") else {
            continue;
        };
        if ty != "object" {
            out.at_key(
                r,
                "The property 'required' is applicable to schemas with 'object' type only and should be removed.",
            );
        }
    }
}

/// Whether `name` is a property of `schema` or of a schema it combines with `allOf` (refs
/// followed, bounded). `None` when the answer cannot be known (no properties anywhere, a broken
/// reference, an open `additionalProperties`).
fn defines(sw: Swagger, schema: Node, name: &str, depth: usize) -> Option<bool> {
    if depth > 16 {
        return None;
    }
    let schema = sw.deref(schema)?;
    let mut known = false;
    if let Some(props) = schema.get("properties").filter(Node::is_object) {
        if props.get(name).is_some() {
            return Some(true);
        }
        known = true;
    }
    if let Some(all) = schema.get("allOf") {
        for part in all.items() {
            match defines(sw, part, name, depth + 1) {
                Some(true) => return Some(true),
                Some(false) => known = true,
                None => return None,
            }
        }
    }
    if schema
        .get("additionalProperties")
        .is_some_and(|a| a.is_object() || a.as_bool() == Some(true))
    {
        return None;
    }
    known.then_some(false)
}

fn check_definition_missing(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for site in cx.schemas() {
        let Some(r) = required_array(site.node) else {
            continue;
        };
        if site.node.get("$ref").is_some() {
            continue;
        }
        for item in r.items() {
            let Some(name) = item.as_str() else { continue };
            if defines(sw, site.node, name, 0) == Some(false) {
                out.at(
                    item,
                    format!("The required property '{name}' is not defined in the object schema."),
                );
            }
        }
    }
}
