//! `x-ms-editor: dictionary` on a schema that is not an open object.

use crate::catalog::Site;
use crate::json::Node;
use crate::rules::{rule, Context, Report};

rule!(InvalidCustomEditorExtensionDictionaryValue {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`x-ms-editor: dictionary` is on a schema that is not an object with `additionalProperties`.",
    docs: r#"## What it does
Reports `"x-ms-editor": "dictionary"` on a schema whose `type` is not `object`, or that does
not allow additional properties (`additionalProperties` absent or `false`).

## Why
The dictionary editor lets the user type arbitrary key/value pairs, which only makes sense for
an object whose members are not fixed in advance. The validator rejects it elsewhere.

## Example
```json
{ "type": "object", "properties": { "a": { "type": "string" } }, "x-ms-editor": "dictionary" }
```

## How to fix
Describe the values with `additionalProperties` (`"additionalProperties": { "type": "string" }`)
on a `"type": "object"` schema, or remove `x-ms-editor`.
"#,
    check,
});

/// Whether `schema` is an object schema that accepts additional members.
fn is_open_object(schema: Node) -> bool {
    let object = schema.get_str("type") == Some("object");
    let open = schema
        .get("additionalProperties")
        .is_some_and(|ap| ap.is_object() || ap.as_bool() == Some(true));
    object && open
}

fn check(cx: &Context, out: &mut Report) {
    super::for_each_use(cx, |u| {
        if u.name != "x-ms-editor" || u.value.as_str() != Some("dictionary") {
            return;
        }
        let schema = match u.site {
            Site::Schema | Site::SchemaProperty => Some(u.owner),
            Site::BodyParameter => u.owner.get("schema"),
            _ => None,
        };
        if schema.is_some_and(|s| !is_open_object(s)) {
            out.at(
                u.value,
                "The 'x-ms-editor' extension can be specified as 'dictionary' only for schema with type object and additional properties allowed.",
            );
        }
    });
}
