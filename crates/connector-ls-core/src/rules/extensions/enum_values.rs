//! `x-ms-enum-values`: every item needs a `displayName`, a `value` from the sibling `enum`, and
//! a value no other item has.

use crate::json::{Kind, Node};
use crate::package::FileKind;
use crate::rules::{rule, Context, Report};

rule!(MissingEnumValuesDisplayName {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An `x-ms-enum-values` item has no `displayName`.",
    docs: r#"## What it does
Reports an item of `x-ms-enum-values` without a `displayName`.

## Why
The extension exists to give each enum value a label; an item without one has no purpose and
the validator rejects it.

## Example
```json
"enum": ["lo", "hi"],
"x-ms-enum-values": [{ "value": "lo" }, { "value": "hi", "displayName": "High" }]
```

## How to fix
Add the label: `{ "value": "lo", "displayName": "Low" }`.
"#,
    check: check_display_names,
});

rule!(InvalidEnumValuesExtensionValue {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An `x-ms-enum-values` item's `value` is not in the sibling `enum`.",
    docs: r#"## What it does
Reports an item of `x-ms-enum-values` whose `value` is not one of the values of the `enum`
next to it (same parameter or schema), or that has no `enum` next to it at all. Values compare
as JSON: `"1"` and `1` differ.

## Why
A label for a value the field cannot take is never shown, and usually means the `enum` and
its labels drifted apart. The validator rejects it.

## Example
```json
"enum": ["lo", "hi"],
"x-ms-enum-values": [{ "value": "low", "displayName": "Low" }]
```

## How to fix
Use a value from `enum` (`"lo"`), or add the value to `enum`.
"#,
    check: check_values,
});

rule!(DuplicateEnumValuesInExtension {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "Two `x-ms-enum-values` items have the same `value`.",
    docs: r#"## What it does
Reports an item of `x-ms-enum-values` whose `value` an earlier item already has.

## Why
Each value can have only one label; the validator rejects the duplicate.

## Example
```json
"x-ms-enum-values": [
  { "value": "lo", "displayName": "Low" },
  { "value": "lo", "displayName": "Minimum" }
]
```

## How to fix
Delete one of the two items, or correct its `value`.
"#,
    check: check_duplicates,
});

/// Calls `f(owner, item)` for every object item of every effective `x-ms-enum-values`.
fn each_item<'a>(cx: &Context<'a>, mut f: impl FnMut(Node<'a>, Node<'a>)) {
    super::for_each_effective(cx, |ext, value| {
        if ext.name != "x-ms-enum-values" {
            return;
        }
        let Some(owner) = value.parent() else { return };
        value
            .items()
            .filter(Node::is_object)
            .for_each(|item| f(owner, item));
    });
}

/// JSON equality of two scalar values (numbers by value, so `1.0` equals `1`).
fn same_value(a: Node, b: Node) -> bool {
    match (a.kind(), b.kind()) {
        (Kind::String, Kind::String) => a.as_str() == b.as_str(),
        (Kind::Number, Kind::Number) => a.as_f64() == b.as_f64(),
        (Kind::Bool, Kind::Bool) => a.as_bool() == b.as_bool(),
        (Kind::Null, Kind::Null) => true,
        _ => false,
    }
}

fn check_display_names(cx: &Context, out: &mut Report) {
    each_item(cx, |_, item| {
        if item.get("displayName").is_none() {
            out.missing(
                item,
                "The 'x-ms-enum-values' extension is invalid. Please specify the property 'displayName'.",
            );
        }
    });
}

fn check_values(cx: &Context, out: &mut Report) {
    each_item(cx, |owner, item| {
        let Some(value) = item.get("value") else {
            return;
        };
        // Without an `enum` no value can match (every certified use has one).
        let allowed = owner.get("enum");
        if !allowed.is_some_and(|a| a.items().any(|a| same_value(a, value))) {
            out.at(
                value,
                "The 'value' field must match one of the enums as defined in the 'enum' property of the schema.",
            );
        }
    });
}

fn check_duplicates(cx: &Context, out: &mut Report) {
    super::for_each_effective(cx, |ext, list| {
        if ext.name != "x-ms-enum-values" {
            return;
        }
        let values: Vec<Node> = list.items().filter_map(|i| i.get("value")).collect();
        for (i, v) in values.iter().enumerate() {
            // Enum lists are short; a quadratic scan is cheaper than hashing here.
            if let Some(first) = values[..i].iter().find(|p| same_value(**p, *v)) {
                // At the extension (its list is what has duplicates); the range on the repeat.
                out.about(
                    list,
                    v.range(),
                    "The 'x-ms-enum-values' extension has duplicate values. You can only have one display name mapped to a value.",
                )
                .with_related(FileKind::Swagger, first.range(), "first mapped here");
            }
        }
    });
}
