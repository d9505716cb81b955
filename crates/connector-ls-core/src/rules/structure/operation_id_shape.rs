//! The shape of an `operationId`: short enough, and made of the characters the platform keeps
//! when it sanitizes identifiers.

use std::collections::HashSet;

use serde_json::json;

use crate::package::FileKind;
use crate::rules::fix::replace_value;
use crate::rules::{rule, Context, Fix, Report, Safety};

/// An operationId must be shorter than this many characters. Not documented: 80 is the length
/// limit of operation identifiers in Azure API Management, which hosts connectors; the longest
/// certified operationId has 69 characters.
pub const MAX_OPERATION_ID_LENGTH: usize = 80;

rule!(OperationIdTooLong {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An `operationId` has 80 characters or more.",
    docs: r##"## What it does
Reports an `operationId` whose length (in characters) is 80 or more.

## Why
The operationId becomes the identifier of the operation in the platform, which limits its
length. The limit is not documented: 80 is the limit of operation identifiers in Azure API
Management, which hosts connectors, and the longest certified operationId has 69 characters.

Error: the platform refuses the operation.

## Example
```json
"operationId": "GetTheListOfAllTheItemsOfTheCurrentUserInTheSelectedWorkspaceSortedByCreationDate"
```

## How to fix
Shorten it to a verb and an object (`ListItems`); the summary and description carry the
details. Renaming an operation of a published connector breaks existing flows: deprecate it
and add a new one instead.
"##,
    check: check_too_long,
});

rule!(OperationIdSanitized {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "An `operationId` has characters other than letters, digits and `_`.",
    docs: r##"## What it does
Reports an `operationId` containing characters other than ASCII letters, digits and `_`
(hyphens, dots, slashes, spaces, ...), with the value the platform would keep after stripping
them.

## Why
The platform sanitizes operation identifiers; when the sanitized value differs from the
authored one, flows, `x-ms-dynamic-values` references and the documentation disagree about the
operation's name.

Warning: certified connectors use hyphens, dots and slashes in operationIds, so the validator
does not refuse them. Underscores are kept (they are common in certified connectors).

## Example
```json
"operationId": "Get-Items.v2"
```

## How to fix
Use only letters, digits and `_`: `GetItemsv2`. The quick fix writes the sanitized value when no
other operation uses it; renaming an operation of a published connector breaks existing flows.
"##,
    check: check_sanitized,
});

fn check_too_long(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let Some(node) = op.node.get("operationId") else {
            continue;
        };
        if node
            .as_str()
            .is_some_and(|id| id.chars().count() >= MAX_OPERATION_ID_LENGTH)
        {
            out.at(
                node,
                format!("The operationId length must be less than '{MAX_OPERATION_ID_LENGTH}'."),
            );
        }
    }
}

/// The identifier with everything but ASCII letters, digits and `_` removed.
fn sanitize(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

fn check_sanitized(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let mut taken: Option<HashSet<&str>> = None;
    // Suggestions already made, so that two ids sanitized alike do not get the same one.
    let mut suggested: HashSet<String> = HashSet::new();
    for op in sw.operations() {
        let Some(node) = op.node.get("operationId") else {
            continue;
        };
        // Empty ids are `OperationIdRequired`'s.
        let Some(id) = node.as_str().filter(|s| !s.trim().is_empty()) else {
            continue;
        };
        let clean = sanitize(id);
        if clean == id {
            continue;
        }
        let f = out.at(
            node,
            format!("The 'operationId' property value is different from its sanitized value '{clean}'. Please avoid the useage of non-alphanumeric characters to have matching values."),
        );
        let taken = taken.get_or_insert_with(|| {
            sw.operations()
                .filter_map(|o| o.operation_id())
                .collect::<HashSet<&str>>()
        });
        if !clean.is_empty() && !taken.contains(clean.as_str()) && suggested.insert(clean.clone()) {
            f.with_fix(Fix::new(
                format!("Rename the operationId to '{clean}'"),
                Safety::Unsafe,
                vec![replace_value(FileKind::Swagger, node, &json!(clean))],
            ));
        }
    }
}
