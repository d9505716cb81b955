//! Every operation has an `operationId`, and no two share one.

use std::collections::HashMap;

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::{Context, FixAvailability, Report, Rule, Severity};

pub static OPERATION_ID_REQUIRED: Rule = Rule {
    code: "OperationIdRequired",
    severity: Severity::Error,
    file: FileKind::Swagger,
    certification: false,
    documented: true,
    fix: FixAvailability::None,
    summary: "An operation has no `operationId` (or an empty one).",
    docs: r##"## What it does
Reports an operation (a `get`, `post`, ... under `paths`) without an `operationId`, or with an
empty or blank one.

## Why
The operationId is the action's identity: flows and apps store it, `x-ms-dynamic-values` and
`x-ms-notification` refer to operations by it, and the platform rejects operations without it.

## Example
```json
"/items": { "get": { "summary": "List items", "responses": { "200": { "description": "OK" } } } }
```

## How to fix
Add a unique PascalCase identifier without spaces, hyphens or underscores:
`"operationId": "ListItems"`.
"##,
    check: check_required,
};

pub static OPERATION_ID_NOT_UNIQUE: Rule = Rule {
    code: "OperationIdNotUnique",
    severity: Severity::Error,
    file: FileKind::Swagger,
    certification: false,
    documented: true,
    fix: FixAvailability::None,
    summary: "Two operations share one `operationId`.",
    docs: r##"## What it does
Reports each operation whose `operationId` is already used by an earlier operation, with a link
to that first use. Identifiers that differ only by letter case (`GetItems` and `getItems`) are
reported as a warning: case-insensitive tools and people confuse them, though the platform is
not known to reject them.

## Why
Flows and apps call an action by its operationId; with two operations behind one identifier the
platform cannot tell which one is meant, and refuses the definition.

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
};

fn check_required(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        match op.node.get("operationId") {
            None => {
                out.missing(
                    FileKind::Swagger,
                    op.node,
                    "The operation 'operationId' property is required.",
                );
            }
            Some(id) if id.as_str().is_some_and(|s| s.trim().is_empty()) => {
                out.at(
                    FileKind::Swagger,
                    id,
                    "The operation 'operationId' property is required.",
                );
            }
            Some(_) => {}
        }
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
                FileKind::Swagger,
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
                        FileKind::Swagger,
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
