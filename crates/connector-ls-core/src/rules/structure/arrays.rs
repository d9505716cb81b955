//! Arrays say what they hold: `type: array` needs `items`.

use super::{for_each_schema, for_each_simple_value, type_fields};
use crate::json::Node;
use crate::rules::{rule, Context, Report};

rule!(ArrayHasNoItems {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A `type: array` schema, parameter or header has no `items`.",
    docs: r##"## What it does
Reports a schema (at any depth), a non-body parameter or a response header with
`"type": "array"` and no `items`.

## Why
Without `items` the designer does not know what the array holds: users cannot map its elements
in later steps, and inputs get a raw JSON editor. OpenAPI 2.0 requires `items` on array
parameters and headers.

Warning: the validator's message says "should", and the finding is about usability more than
about the import failing.

## Example
```json
"tags": { "type": "array" }
```

## How to fix
Describe the elements: `"tags": { "type": "array", "items": { "type": "string" } }`.
"##,
    check,
});

const MSG: &str = "The array should have items specified.";

fn check_node(node: Node, out: &mut Report) {
    let fields = type_fields(node);
    if fields.reference.is_some() {
        return;
    }
    let Some(ty) = fields.ty else { return };
    if ty.as_str() == Some("array") && fields.items.is_none() {
        out.about(node, ty.range(), MSG);
    }
}

/// A non-body parameter or header, and its chain of `items`.
fn check_simple(node: Node, out: &mut Report) {
    let mut cur = Some(node);
    for _ in 0..32 {
        let Some(n) = cur.filter(Node::is_object) else {
            break;
        };
        check_node(n, out);
        cur = n.get("items");
    }
}

fn check(cx: &Context, out: &mut Report) {
    for_each_schema(cx, |node| check_node(node, out));
    for_each_simple_value(cx, |node| check_simple(node, out));
}
