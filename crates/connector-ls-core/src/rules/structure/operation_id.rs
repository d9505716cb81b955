//! Every operation has an `operationId`, and no two share one.

use std::collections::{HashMap, HashSet};

use serde_json::json;

use crate::json::Node;
use crate::package::swagger::Operation;
use crate::package::FileKind;
use crate::rules::fix::{insert_first_member, replace_value};
use crate::rules::{rule, Context, Fix, Report, Safety, Severity};

rule!(OperationIdRequired {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "An operation has no `operationId` (or an empty one).",
    docs: r##"## What it does
Reports an operation (a `get`, `post`, ... under `paths`) without an `operationId`, or with an
empty or blank one.

## Why
The operationId is the action's identity: flows and apps store it, `x-ms-dynamic-values` and
`x-ms-notification` refer to operations by it, and the platform rejects operations without it.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"/items": { "get": { "summary": "List items", "responses": { "200": { "description": "OK" } } } }
```

## How to fix
Add a unique PascalCase identifier without spaces, hyphens or underscores:
`"operationId": "ListItems"`. The quick fix derives one from the `summary` (or from the method
and path) and keeps it unique; check it before publishing, as flows will refer to it.
"##,
    check: check_required,
});

rule!(OperationIdNotUnique {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "Two operations share one `operationId`.",
    docs: r##"## What it does
Reports each operation whose `operationId` is already used by an earlier operation, with a link
to that first use. Identifiers that differ only by letter case (`GetItems` and `getItems`) are
reported as a warning: case-insensitive tools and people confuse them, though the platform is
not known to reject them.

## Why
Flows and apps call an action by its operationId; with two operations behind one identifier the
platform cannot tell which one is meant, and refuses the definition.

Error for exact duplicates (never seen in the certified connectors we calibrate on); warning for
case-only differences.

## Example
```json
"/items": { "get": { "operationId": "GetItems" } },
"/items/{id}": { "get": { "operationId": "GetItems" } }
```

## How to fix
Rename one of them, e.g. `GetItem` for the single-item operation. Renaming an operation of a
published connector breaks existing flows: deprecate it and add a new one instead.
"##,
    check: check_unique,
});

/// PascalCase of the alphanumeric words of `text`: "List all items" -> "ListAllItems".
fn pascal_case(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// An operationId for `op`: from its summary, else from its method and the static segments of
/// its path; made unique against `taken`.
fn suggest_id(op: &Operation, taken: &HashSet<&str>) -> String {
    let from_summary = op.node.get_str("summary").map(pascal_case);
    let base = match from_summary.filter(|s| !s.is_empty()) {
        Some(s) => s,
        None => {
            let verb = match op.method {
                "get" => "Get",
                "post" => "Create",
                "put" | "patch" => "Update",
                "delete" => "Delete",
                "head" => "Head",
                _ => "Options",
            };
            let statics: String = op
                .path
                .split('/')
                .filter(|seg| !seg.starts_with('{'))
                .map(pascal_case)
                .collect();
            format!("{verb}{statics}")
        }
    };
    let base = if base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        base
    } else {
        format!("Op{base}")
    };
    if !taken.contains(base.as_str()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|c| !taken.contains(c.as_str()))
        .unwrap_or(base)
}

fn check_required(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    const MSG: &str = "The operation 'operationId' property is required.";
    // Filled on the first finding: the ids already used, so suggestions stay unique.
    let mut taken: Option<HashSet<&str>> = None;
    let mut suggested: Vec<String> = Vec::new();
    for op in sw.operations() {
        let current = op.node.get("operationId");
        if current.is_some_and(|id| !id.as_str().is_some_and(|s| s.trim().is_empty())) {
            continue;
        }
        let taken = taken.get_or_insert_with(|| {
            sw.operations()
                .filter_map(|o| o.operation_id())
                .collect::<HashSet<&str>>()
        });
        let mut all: HashSet<&str> = taken.clone();
        all.extend(suggested.iter().map(String::as_str));
        let id = suggest_id(&op, &all);
        let (f, edit) = match current {
            Some(node) => (
                out.at(node, MSG),
                replace_value(FileKind::Swagger, node, &json!(id)),
            ),
            None => (
                out.missing(op.node, MSG),
                insert_first_member(FileKind::Swagger, op.node, "operationId", &json!(id)),
            ),
        };
        f.with_fix(Fix::new(
            format!("Add operationId \"{id}\""),
            Safety::Unsafe,
            vec![edit],
        ));
        suggested.push(id);
    }
}

fn check_unique(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let mut first: HashMap<&str, Node> = HashMap::new();
    let mut first_folded: HashMap<String, (&str, Node)> = HashMap::new();
    for op in sw.operations() {
        let Some(node) = op.node.get("operationId") else {
            continue;
        };
        let Some(id) = node.as_str().filter(|s| !s.trim().is_empty()) else {
            continue;
        };
        if let Some(prev) = first.get(id) {
            out.at(
                node,
                format!(
                    "The operationId '{id}' is used multiple times. Operation identifiers must be unique."
                ),
            )
            .with_related(FileKind::Swagger, prev.range(), "first used here");
            continue;
        }
        first.insert(id, node);
        let folded = id.to_lowercase();
        match first_folded.get(&folded) {
            Some(&(prev_id, prev)) => {
                let f = out
                    .at(
                        node,
                        format!(
                            "The operationId '{id}' differs from the operationId '{prev_id}' only by letter case."
                        ),
                    )
                    .with_related(FileKind::Swagger, prev.range(), "the other operationId");
                // Not proven to be rejected by the platform, but confusing and fragile.
                f.severity = Severity::Warning;
            }
            None => {
                first_folded.insert(folded, (id, node));
            }
        }
    }
}
