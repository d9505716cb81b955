//! `x-ms-dynamic-schema` and its newer form `x-ms-dynamic-properties`: a `value-path` that ends
//! in `properties` needs the newer form, and both must point at the same schema.

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::{rule, Context, Report};

rule!(DynamicPropertiesExtensionRequiredForPropertiesValuePath {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`x-ms-dynamic-schema.value-path` ends in `properties` without an `x-ms-dynamic-properties` beside it.",
    docs: r#"## What it does
Reports an `x-ms-dynamic-schema` whose `value-path` ends with the segment `properties` when the
same object has no `x-ms-dynamic-properties`.

## Why
A path ending in `properties` points at a map of properties, not at a schema object. The newer
`x-ms-dynamic-properties` extension is needed, with `itemValuePath` pointing at the schema
object itself. The validator rejects the package otherwise.

## Example
```json
"x-ms-dynamic-schema": { "operationId": "GetFields", "value-path": "schema/properties" }
```

## How to fix
Add `"x-ms-dynamic-properties": { "operationId": "GetFields", "itemValuePath": "schema" }`
beside it.
"#,
    check: check_required,
});

rule!(DynamicPropertiesItemValuePathMismatch {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary:
        "`x-ms-dynamic-properties.itemValuePath` does not match `x-ms-dynamic-schema.value-path`.",
    docs: r#"## What it does
Where an object has both `x-ms-dynamic-schema` and `x-ms-dynamic-properties`, reports an
`itemValuePath` that differs from the `value-path` with a trailing `/properties` removed.

## Why
The two extensions describe the same schema for old and new clients; when their paths differ,
the designer shows different fields depending on the client. The validator rejects it.

## Example
```json
"x-ms-dynamic-schema": { "operationId": "GetFields", "value-path": "schema/properties" },
"x-ms-dynamic-properties": { "operationId": "GetFields", "itemValuePath": "fields" }
```

## How to fix
Set `itemValuePath` to the expected path the message names (the fix does): `"schema"`.
"#,
    check: check_mismatch,
});

/// Calls `f` with every effective `x-ms-dynamic-schema` value (an object), its `value-path`, and
/// the sibling `x-ms-dynamic-properties` when present.
fn for_each_schema<'a>(cx: &Context<'a>, mut f: impl FnMut(Node<'a>, Node<'a>, Option<Node<'a>>)) {
    crate::rules::extensions::for_each_effective(cx, |ext, value| {
        if ext.name != "x-ms-dynamic-schema" || !value.is_object() {
            return;
        }
        let Some(path) = value.get("value-path").filter(Node::is_string) else {
            return;
        };
        let sibling = value
            .parent()
            .and_then(|owner| owner.get("x-ms-dynamic-properties"));
        f(value, path, sibling);
    });
}

fn check_required(cx: &Context, out: &mut Report) {
    for_each_schema(cx, |_, path, sibling| {
        let ends = path
            .as_str()
            .is_some_and(|p| p.trim_end_matches('/').rsplit('/').next() == Some("properties"));
        if ends && sibling.is_none() {
            out.at(
                path,
                "The 'x-ms-dynamic-schema' extension property 'value-path' points to schema properties. You need to define the 'x-ms-dynamic-properties' extension, which points to schema object.",
            );
        }
    });
}

fn check_mismatch(cx: &Context, out: &mut Report) {
    for_each_schema(cx, |_, path, sibling| {
        let Some(item) = sibling.and_then(|s| s.get("itemValuePath")) else {
            return;
        };
        let Some(p) = path.as_str() else { return };
        let p = p.trim_end_matches('/');
        let expected = p
            .strip_suffix("/properties")
            .or_else(|| (p == "properties").then_some(""))
            .unwrap_or(p);
        if item.as_str() == Some(expected) {
            return;
        }
        out.at(
            item,
            format!("The 'x-ms-dynamic-properties' extension should have the same item value path as 'x-ms-dynamic-schema' extension without 'properties' ending. The expected path is '{expected}'."),
        )
        .with_fix(crate::rules::Fix::new(
            format!("Set `itemValuePath` to \"{expected}\""),
            crate::rules::Safety::Safe,
            vec![crate::rules::fix::replace_value(
                FileKind::Swagger,
                item,
                &serde_json::Value::String(expected.to_string()),
            )],
        ));
    });
}
