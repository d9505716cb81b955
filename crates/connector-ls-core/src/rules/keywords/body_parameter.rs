//! A body parameter describes its value with `schema`, not with the keywords of other parameters.

use super::parameter_definitions;
use crate::rules::{rule, Context, Report};

rule!(BodyParameterPropertyNotValid {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An `in: body` parameter uses a keyword of non-body parameters (`type`, `enum`, ...).",
    docs: r##"## What it does
Reports a keyword of non-body parameters on a parameter with `"in": "body"`: `type`, `format`,
`items`, `collectionFormat`, `allowEmptyValue`, `default`, `enum`, `minimum`, `maximum`,
`exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`, `pattern`, `minItems`,
`maxItems`, `uniqueItems` or `multipleOf`.

## Why
In OpenAPI 2.0 a body parameter's value is described by its `schema` alone; these keywords are
ignored there, so the constraint or type the author wrote never applies. The validator rejects
them, so this is an error.

## Example
```json
{ "name": "body", "in": "body", "type": "object", "schema": { "$ref": "#/definitions/Item" } }
```

## How to fix
Move the keyword into the `schema` (or remove it): `{ "name": "body", "in": "body", "schema":
{ "$ref": "#/definitions/Item" } }`.
"##,
    check,
});

/// Keywords OpenAPI 2.0 defines for non-body parameters only.
const NON_BODY_KEYWORDS: [&str; 18] = [
    "type",
    "format",
    "items",
    "collectionFormat",
    "allowEmptyValue",
    "default",
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "multipleOf",
];

fn check(cx: &Context, out: &mut Report) {
    for def in parameter_definitions(cx) {
        if def.get_str("in") != Some("body") {
            continue;
        }
        for (key, node) in def.members() {
            if NON_BODY_KEYWORDS.contains(&key) {
                out.at_key(
                    node,
                    format!("The 'body' parameter cannot use property '{key}', instead, the 'schema' property should be used to define the type used by the parameter."),
                );
            }
        }
    }
}
