//! An operation's `parameters` list must not list the same parameter twice: the same `$ref`
//! again, or a parameter that is identical to an earlier one once `$ref`s are resolved.
//!
//! Two *different* definitions with one name and location are
//! `OperationParametersContainDuplicateParameter`'s finding; the entries reported here are
//! skipped there, so a repeated entry gets one finding.

use crate::json::Node;
use crate::package::swagger::Swagger;
use crate::package::FileKind;
use crate::rules::fix::Edit;
use crate::rules::{rule, Context, Fix, Report, Safety};
use crate::text::TextRange;

rule!(OperationParametersAreNotUnique {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "An operation lists the same parameter twice.",
    docs: r##"## What it does
Reports an entry of an operation's `parameters` list that repeats an earlier entry: the same
`$ref`, or a parameter identical to an earlier one once `$ref`s are resolved (an inline copy of
a root parameter that is also referenced, say). Two *different* definitions that share a name
and location are reported by `OperationParametersContainDuplicateParameter`.

## Why
A parameter appears once in a request; a list with repeated entries is not a set, and the
validator refuses it.

Error: the validator rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"parameters": [
  { "$ref": "#/parameters/top" },
  { "$ref": "#/parameters/top" }
]
```

## How to fix
Delete the repeated entry. When it repeats the first one verbatim, the fix removes it safely.
When the repeat carries members of its own (a `description` beside its `$ref`), removing it would
take them along, so the fix is offered for review only (`--unsafe-fixes`, or the quick fix).
"##,
    check,
});

/// The earlier entry of `list` that item `i` repeats, if any: the same `$ref`, or an entry
/// whose parameter (after resolving `$ref`s) is the same node or an identical object.
pub(super) fn repeated_entry<'a>(sw: Swagger<'a>, list: Node<'a>, i: usize) -> Option<Node<'a>> {
    let item = list.item(i)?;
    if !item.is_object() {
        return None;
    }
    let def = sw.deref(item)?;
    let (name, loc) = (def.get_str("name")?, def.get_str("in")?);
    let reference = item.get("$ref").and_then(|r| r.as_str());
    let mut value = None;
    list.items().take(i).find(|e| {
        if reference.is_some() && e.get("$ref").and_then(|r| r.as_str()) == reference {
            return true;
        }
        let Some(other) = sw.deref(*e) else {
            return false;
        };
        other.get_str("name") == Some(name)
            && other.get_str("in") == Some(loc)
            && (other == def || *value.get_or_insert_with(|| def.to_value()) == other.to_value())
    })
}

/// Whether removing `item` loses nothing that `first` does not say: it holds nothing beside a
/// `$ref`, and both resolve to equal parameters.
fn says_the_same(sw: Swagger, item: Node, first: Node) -> bool {
    if item.get("$ref").is_some() && item.len() > 1 {
        return false;
    }
    let resolved = |n: Node| sw.deref(n).unwrap_or(n).to_value();
    resolved(item) == resolved(first)
}

/// Where to point for a listed parameter: its `$ref` or its `name`.
fn anchor(node: Node) -> Node {
    node.get("$ref")
        .or_else(|| node.get("name"))
        .unwrap_or(node)
}

fn check(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let Some(list) = op.node.get("parameters").filter(Node::is_array) else {
            continue;
        };
        let items: Vec<Node> = list.items().collect();
        for (i, item) in items.iter().enumerate().skip(1) {
            let Some(first) = repeated_entry(sw, list, i) else {
                continue;
            };
            // Removing from the end of the previous item takes the comma with it.
            let removal = Edit {
                file: FileKind::Swagger,
                range: TextRange::new(items[i - 1].range().end, item.range().end),
                new_text: String::new(),
            };
            out.at_range(
                op.node.pointer(),
                anchor(*item).range(),
                format!(
                    "The parameters in the operation '{}' are not unique.",
                    op.display_name()
                ),
            )
            .with_related(
                FileKind::Swagger,
                anchor(first).range(),
                "first listed here",
            )
            .with_fix(Fix::new(
                "Remove the repeated parameter",
                // Only a repeat that says the same, once resolved, can go without review: an
                // entry that adds members of its own (a `description` beside a `$ref`) would
                // take them with it.
                if says_the_same(sw, *item, first) {
                    Safety::Safe
                } else {
                    Safety::Unsafe
                },
                vec![removal],
            ));
        }
    }
}
