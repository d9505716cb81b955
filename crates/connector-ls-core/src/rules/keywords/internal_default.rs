//! An internal value with a default is only sent when it is required: parameters
//! (`InternalPropertyWithDefaultOptional`, advice) and schema properties (`PropertyMustBeRequired`,
//! enforced). Each defect is reported by exactly one of the two codes.

use serde_json::json;

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::{append_item, insert_member, replace_value};
use crate::rules::{rule, Context, Fix, Report, Safety};

const SWAGGER: FileKind = FileKind::Swagger;

rule!(InternalPropertyWithDefaultOptional {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "An `x-ms-visibility: internal` parameter has a `default` but is optional.",
    docs: r##"## What it does
Reports a parameter with `"x-ms-visibility": "internal"` and a `default` that is not
`"required": true`. (The same defect on a schema property is `PropertyMustBeRequired`.)

## Why
Internal values are hidden from the user, so only their default can ever be sent, and the
platform only includes optional values the user filled in: the default is silently dropped.

Warning: the validator's own wording marks this as advice, and certified connectors ship such
parameters (21 in 9 connectors of our corpus), so it is not enforced for parameters.

## Example
```json
{ "name": "api-version", "in": "query", "type": "string", "default": "2024-01-01", "x-ms-visibility": "internal" }
```

## How to fix
Add `"required": true` to the parameter (the safe fix).
"##,
    check: check_parameters,
});

rule!(PropertyMustBeRequired {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "An `x-ms-visibility: internal` schema property has a `default` but is not required.",
    docs: r##"## What it does
Reports a property of a schema with `"x-ms-visibility": "internal"` and a `default` that is not
listed in the `required` array of the schema holding it. (The same defect on a parameter is
`InternalPropertyWithDefaultOptional`.)

## Why
An internal property is hidden from the user, so its default is the only value it can ever have,
and the platform only sends optional properties the user filled in: the default never reaches
the API. The validator says the property must be required.

Error: no certified connector of our corpus has such a property (833 internal properties with a
default are all required), while parameters with the same shape pass certification, so the
validator enforces this for schema properties.

## Example
```json
"Item": {
  "type": "object",
  "properties": {
    "kind": { "type": "string", "default": "task", "x-ms-visibility": "internal" }
  }
}
```

## How to fix
List the property in the schema's `required` array (the safe fix adds it, creating the array
when the schema has none).
"##,
    check: check_properties,
});

const PARAMETER_MESSAGE: &str = "The internal property has a default value but is optional. Only required properties are guaranteed to be included in requests.";
const PROPERTY_MESSAGE: &str = "The property is internal and has a default value, it must be required. Optional internal fields are ignored.";

fn internal_with_default(node: Node) -> bool {
    node.get_str("x-ms-visibility") == Some("internal") && node.get("default").is_some()
}

fn check_parameters(cx: &Context, out: &mut Report) {
    for p in super::parameter_definitions(cx) {
        if p.get_str("in") == Some("body") || !internal_with_default(p) {
            continue;
        }
        if p.get("required").and_then(|r| r.as_bool()) == Some(true) {
            continue;
        }
        // `required: true` is missing: at the parameter; the range on its visibility.
        let f = out.about(
            p,
            p.get("x-ms-visibility").unwrap_or(p).anchor(),
            PARAMETER_MESSAGE,
        );
        let edit = match p.get("required") {
            Some(r) => replace_value(SWAGGER, r, &json!(true)),
            None => insert_member(SWAGGER, p, Some("in"), "required", &json!(true)),
        };
        f.with_fix(Fix::new(
            "Make the parameter required",
            Safety::Safe,
            vec![edit],
        ));
    }
}

fn check_properties(cx: &Context, out: &mut Report) {
    for site in cx.schemas() {
        let Some(props) = site.node.get("properties").filter(Node::is_object) else {
            continue;
        };
        let required = site.node.get("required");
        for (name, prop) in props.members() {
            if !internal_with_default(prop) {
                continue;
            }
            if required.is_some_and(|r| r.items().any(|i| i.as_str() == Some(name))) {
                continue;
            }
            let f = out.about(
                prop,
                prop.get("x-ms-visibility").unwrap_or(prop).anchor(),
                PROPERTY_MESSAGE,
            );
            // A `required` that is not an array is another rule's business: no fix then.
            let edit = match required {
                Some(r) if r.is_array() => Some(append_item(SWAGGER, r, &json!(name))),
                Some(_) => None,
                None => Some(insert_member(
                    SWAGGER,
                    site.node,
                    Some("type"),
                    "required",
                    &json!([name]),
                )),
            };
            if let Some(edit) = edit {
                f.with_fix(Fix::new(
                    format!("Add '{name}' to the schema's `required` list"),
                    Safety::Safe,
                    vec![edit],
                ));
            }
        }
    }
}
