//! `x-ms-api-annotation` on operations: replacements of deprecated operations, status against
//! the connector's, and the revisions of an operation family.

use std::collections::HashMap;

use crate::json::Node;
use crate::package::swagger::Operation;
use crate::rules::{rule, Context, Report, Severity};

const NAME: &str = "x-ms-api-annotation";

rule!(
    ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations {
        severity: Error,
        file: Swagger,
        certification: false,
        documented: true,
        fix: None,
        summary: "An operation that is not deprecated names a replacement.",
        docs: r#"## What it does
Reports `x-ms-api-annotation.replacement` on an operation whose `deprecated` is not `true`.

## Why
A replacement tells callers of a retired operation where to move. On a live operation it is
contradictory, and the validator rejects it.

## Example
```json
"get": { "operationId": "GetItem", "x-ms-api-annotation": { "replacement": { "api": "contoso", "operationId": "GetItemV2" } } }
```

## How to fix
Add `"deprecated": true` to the operation if it is retired, or delete `replacement`.
"#,
        check: check_non_deprecated,
    }
);

rule!(ApiAnnotationExtensionReplacementInfoMissingApiProperty {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`x-ms-api-annotation.replacement` has no `api`.",
    docs: r#"## What it does
Reports an operation's `x-ms-api-annotation.replacement` without a non-empty string `api`.

## Why
`api` names the connector that holds the replacement operation; without it the designer cannot
point users at the new operation. The validator rejects it.

## Example
```json
"x-ms-api-annotation": { "replacement": { "operationId": "GetItemV2" } }
```

## How to fix
Add the connector's name: `"replacement": { "api": "contoso", "operationId": "GetItemV2" }`.
"#,
    check: check_missing_api,
});

rule!(
    ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty {
        severity: Error,
        file: Swagger,
        certification: false,
        documented: true,
        fix: None,
        summary: "`x-ms-api-annotation.replacement` has no `operationId`.",
        docs: r#"## What it does
Reports an operation's `x-ms-api-annotation.replacement` without a non-empty string
`operationId`.

## Why
`operationId` names the operation that replaces the deprecated one; without it the designer
cannot offer the upgrade. The validator rejects it.

## Example
```json
"x-ms-api-annotation": { "replacement": { "api": "contoso" } }
```

## How to fix
Add the replacing operation: `"replacement": { "api": "contoso", "operationId": "GetItemV2" }`.
"#,
        check: check_missing_operation_id,
    }
);

rule!(OperationStatusAheadOfConnector {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An operation is in Production status while the connector is in Preview.",
    docs: r#"## What it does
Reports an operation whose `x-ms-api-annotation.status` is `Production` while the connector's
status (`info.x-ms-api-annotation.status`) is `Preview`. Only an explicit connector status is
compared.

## Why
An operation cannot be more mature than the connector it belongs to; the validator rejects the
combination.

## Example
```json
"info": { "x-ms-api-annotation": { "status": "Preview" } },
"paths": { "/items": { "get": { "x-ms-api-annotation": { "status": "Production" } } } }
```

## How to fix
Set the operation's status to `Preview`, or move the connector to `Production`.
"#,
    check: check_status,
});

rule!(OperationFamilyHasDuplicateRevisions {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "Two operations of one family have the same revision.",
    docs: r#"## What it does
Reports an operation whose `x-ms-api-annotation` `family` and `revision` are the same as those
of an earlier operation.

## Why
Revisions order the versions of one operation; two with the same number make it impossible to
tell which is newer. The validator rejects it.

## Example
```json
"GetItem":   { "x-ms-api-annotation": { "family": "GetItem", "revision": 1 } },
"GetItemV2": { "x-ms-api-annotation": { "family": "GetItem", "revision": 1 } }
```

## How to fix
Give the newer operation the next revision number (`2`).
"#,
    check: check_duplicate_revisions,
});

rule!(OperationFamilyHasManyEmptyRevisions {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "Several operations of one family have no revision.",
    docs: r#"## What it does
Reports the second and later operations of an `x-ms-api-annotation` family that have no
`revision`.

## Why
Only one operation of a family may go without a revision (it counts as the first); with two the
order of the family is unknown. The validator rejects it.

## Example
```json
"GetItem":   { "x-ms-api-annotation": { "family": "GetItem" } },
"GetItemV2": { "x-ms-api-annotation": { "family": "GetItem" } }
```

## How to fix
Number the revisions: `"revision": 2` on the newer operation.
"#,
    check: check_empty_revisions,
});

rule!(OperationFamilyHasManyActiveOperations {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "More than two operations of one family are not deprecated.",
    docs: r#"## What it does
Reports the third and later operations of an `x-ms-api-annotation` family that are not
`deprecated`.

## Why
A family keeps at most two live revisions (the current one and the one users migrate from);
older ones must be deprecated. The validator rejects more.

## Example
Three operations with `"family": "GetItem"` and revisions 1, 2 and 3, none deprecated.

## How to fix
Add `"deprecated": true` to the oldest revisions.
"#,
    check: check_many_active,
});

/// The operation's annotation object.
fn annotation<'a>(op: &Operation<'a>) -> Option<Node<'a>> {
    op.node.get(NAME).filter(Node::is_object)
}

fn is_deprecated(op: &Operation) -> bool {
    op.node.get("deprecated").and_then(|d| d.as_bool()) == Some(true)
}

fn replacements<'a>(cx: &Context<'a>, mut f: impl FnMut(Operation<'a>, Node<'a>)) {
    for op in cx.swagger.iter().flat_map(|s| s.operations()) {
        if let Some(r) = annotation(&op).and_then(|a| a.get("replacement")) {
            f(op, r);
        }
    }
}

fn check_non_deprecated(cx: &Context, out: &mut Report) {
    replacements(cx, |op, r| {
        if !is_deprecated(&op) {
            out.at_key(
                r,
                format!("The 'x-ms-api-annotation' extension for operation '{}' is invalid. The replacement property should be specified for deprecated operations only.", op.display_name()),
            );
        }
    });
}

fn non_empty(r: Node, key: &str) -> bool {
    r.get_str(key).is_some_and(|s| !s.trim().is_empty())
}

fn check_missing_api(cx: &Context, out: &mut Report) {
    check_replacement_member(cx, out, "api");
}

fn check_missing_operation_id(cx: &Context, out: &mut Report) {
    check_replacement_member(cx, out, "operationId");
}

/// Reports a `replacement` object without a non-empty `key`.
fn check_replacement_member(cx: &Context, out: &mut Report, key: &str) {
    replacements(cx, |op, r| {
        if r.is_object() && !non_empty(r, key) {
            out.missing(
                r,
                format!("The 'x-ms-api-annotation' extension for operation '{}' is invalid. The replacement property must specify '{key}' property.", op.display_name()),
            );
        }
    });
}

fn check_status(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let connector = sw
        .info()
        .and_then(|i| i.path(&[NAME, "status"]))
        .and_then(|s| s.as_str());
    if connector != Some("Preview") {
        return;
    }
    for op in sw.operations() {
        if let Some(s) = annotation(&op).and_then(|a| a.get("status")) {
            if s.as_str() == Some("Production") {
                out.at(
                    s,
                    format!("The operation '{}' cannot be in a Production status ahead of the connector.", op.display_name()),
                );
            }
        }
    }
}

/// The operations of each explicitly named family, with their annotation, in document order.
fn families<'a>(cx: &Context<'a>) -> Vec<(&'a str, Vec<(Operation<'a>, Node<'a>)>)> {
    let mut order: Vec<(&'a str, Vec<(Operation<'a>, Node<'a>)>)> = Vec::new();
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    for op in cx.swagger.iter().flat_map(|s| s.operations()) {
        let Some(a) = annotation(&op) else { continue };
        let Some(family) = a.get_str("family") else {
            continue;
        };
        let i = *index.entry(family).or_insert_with(|| {
            order.push((family, Vec::new()));
            order.len() - 1
        });
        order[i].1.push((op, a));
    }
    order
}

fn check_duplicate_revisions(cx: &Context, out: &mut Report) {
    for (family, ops) in families(cx) {
        let mut seen: Vec<&str> = Vec::new();
        for (_, a) in ops {
            let Some(rev) = a
                .get("revision")
                .filter(|r| !r.is_object() && !r.is_array())
            else {
                continue;
            };
            let text = rev.as_str().unwrap_or(rev.source()).trim();
            if seen.contains(&text) {
                out.at(
                    rev,
                    format!(
                        "The operation family '{family}' has operations with duplicate revision."
                    ),
                );
            } else {
                seen.push(text);
            }
        }
    }
}

fn check_empty_revisions(cx: &Context, out: &mut Report) {
    for (family, ops) in families(cx) {
        let empty = ops.iter().filter(|(_, a)| a.get("revision").is_none());
        for (_, a) in empty.skip(1) {
            out.missing(
                *a,
                format!("The operation family '{family}' has several operations with empty revision. Only one operation can have empty revision."),
            );
        }
    }
}

fn check_many_active(cx: &Context, out: &mut Report) {
    for (family, ops) in families(cx) {
        let active = ops.iter().filter(|(op, _)| !is_deprecated(op));
        for (op, _) in active.skip(2) {
            out.at_key(
                op.node,
                format!("The operation family '{family}' has more than two active operations. Extra operations must be deprecated."),
            );
        }
    }
}

rule!(OperationRevisionEmpty {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An operation of an `x-ms-api-annotation` family has no revision.",
    docs: r#"## What it does
Reports an operation whose `x-ms-api-annotation` names a `family` but gives no `revision`
(missing, `null` or blank). When several operations of the family lack one, the first is
reported here and the others by `OperationFamilyHasManyEmptyRevisions`.

## Why
The revision orders the versions of an operation: the designer offers the newest and marks the
others as older versions. An operation without one cannot be placed in its family.

Error when the family has several operations (their order is then unknown). An operation alone
in its family without a revision is a warning: certified connectors have such operations, so
the validator does not refuse them.

## Example
```json
"GetItem":   { "x-ms-api-annotation": { "family": "GetItem" } },
"GetItemV2": { "x-ms-api-annotation": { "family": "GetItem", "revision": 2 } }
```

## How to fix
Add the revision: `"revision": 1` on the first version.
"#,
    check: check_revision_empty,
});

rule!(OperationIdShouldEndWithRevision {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "The operationId of a revision above 1 does not end with `_V<revision>`.",
    docs: r#"## What it does
Reports an operation whose `x-ms-api-annotation.revision` is above 1 while its `operationId`
does not end with `_V<revision>` (`GetItem_V2` for revision 2; the `V` may be lower case).

## Why
Revisions of an operation share a family name; the suffix keeps the identifiers apart and tells
flow authors which version they call. Microsoft's own connectors name revisions
`<Name>_V<revision>`; the exact suffix the validator expects is not documented.

Warning: many certified connectors use other suffixes (`GetItemV2`), so the validator does not
refuse them.

## Example
```json
"operationId": "GetItemNew", "x-ms-api-annotation": { "family": "GetItem", "revision": 2 }
```

## How to fix
Name the operation `GetItem_V2`. Do not rename an operation that is already published (flows
refer to it): give the next revision the suffix instead.
"#,
    check: check_id_revision_suffix,
});

rule!(OperationFamilyHasManyActiveProductionOperations {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "More than one operation of a family is live in Production status.",
    docs: r#"## What it does
Reports the second and later operations of an `x-ms-api-annotation` family that are not
`deprecated` and whose status is `Production` (their own `x-ms-api-annotation.status`, else the
connector's in `info`, else `Production`, the platform's default). Operations that
`OperationFamilyHasManyActiveOperations` already reports (the third and later live ones) are
skipped.

## Why
Once a new revision is in Production, the older ones should be deprecated so that flow authors
are steered to the current one.

Warning: the message asks for deprecation ("should"); keeping the older revision live for a
migration period is a choice, not a defect the platform refuses.

## Example
```json
"GetItem":    { "x-ms-api-annotation": { "family": "GetItem", "revision": 1, "status": "Production" } },
"GetItem_V2": { "x-ms-api-annotation": { "family": "GetItem", "revision": 2, "status": "Production" } }
```

## How to fix
Add `"deprecated": true` to the older revision, or keep the new one in `Preview` until it
replaces the old one.
"#,
    check: check_many_active_production,
});

/// No usable revision: missing, `null`, or a blank string.
fn revision_empty(a: Node) -> bool {
    match a.get("revision") {
        None => true,
        Some(r) => {
            r.kind() == crate::json::Kind::Null || r.as_str().is_some_and(|s| s.trim().is_empty())
        }
    }
}

fn check_revision_empty(cx: &Context, out: &mut Report) {
    for (_, ops) in families(cx) {
        let alone = ops.len() < 2;
        let mut missing_seen = false;
        for (op, a) in &ops {
            if !revision_empty(*a) {
                continue;
            }
            // The second and later missing revisions are `OperationFamilyHasManyEmptyRevisions`'s.
            let missing = a.get("revision").is_none();
            if missing && std::mem::replace(&mut missing_seen, true) {
                continue;
            }
            let msg = format!(
                "The operation '{}' does not specify a revision in api annotation.",
                op.display_name()
            );
            let f = match a.get("revision") {
                Some(r) => out.at(r, msg),
                None => out.missing(*a, msg),
            };
            // Certified connectors have single-operation families without a revision.
            if alone {
                f.severity = Severity::Warning;
            }
        }
    }
}

/// A revision as a number: an integer, or a string holding one.
fn revision_number(a: Node) -> Option<i64> {
    let r = a.get("revision")?;
    r.as_i64().or_else(|| r.as_str()?.trim().parse().ok())
}

fn check_id_revision_suffix(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let Some(rev) = annotation(&op).and_then(revision_number).filter(|r| *r > 1) else {
            continue;
        };
        let Some(node) = op.node.get("operationId") else {
            continue;
        };
        let Some(id) = node.as_str().filter(|s| !s.trim().is_empty()) else {
            continue;
        };
        let suffix = format!("_V{rev}");
        let ends = id.len() >= suffix.len()
            && id.is_char_boundary(id.len() - suffix.len())
            && id[id.len() - suffix.len()..].eq_ignore_ascii_case(&suffix);
        if !ends {
            out.at(
                node,
                format!("The operation Id '{id}' should end with revision suffix '{suffix}'."),
            );
        }
    }
}

fn check_many_active_production(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let connector = sw
        .info()
        .and_then(|i| i.path(&[NAME, "status"]))
        .and_then(|s| s.as_str());
    for (family, ops) in families(cx) {
        let active: Vec<&(Operation, Node)> =
            ops.iter().filter(|(op, _)| !is_deprecated(op)).collect();
        let production = active
            .iter()
            .take(2) // the third and later are `OperationFamilyHasManyActiveOperations`'s
            .filter(|(_, a)| {
                a.get_str("status").or(connector).unwrap_or("Production") == "Production"
            });
        for (op, _) in production.skip(1) {
            out.at_key(
                op.node,
                format!("The operation family '{family}' has several active operations in Production status. Previous revisions should be deprecated."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Rule;

    /// Every prefix of a document with annotated families: half-typed text never makes an
    /// annotation rule panic (rules are called directly, without the engine's panic guard).
    #[test]
    fn annotation_rules_survive_every_truncation() {
        let rules: [&Rule; 10] = [
            &super::ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations,
            &super::ApiAnnotationExtensionReplacementInfoMissingApiProperty,
            &super::ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty,
            &super::OperationStatusAheadOfConnector,
            &super::OperationFamilyHasDuplicateRevisions,
            &super::OperationFamilyHasManyEmptyRevisions,
            &super::OperationFamilyHasManyActiveOperations,
            &super::OperationRevisionEmpty,
            &super::OperationIdShouldEndWithRevision,
            &super::OperationFamilyHasManyActiveProductionOperations,
        ];
        let text = r#"{"swagger":"2.0","info":{"x-ms-api-annotation":{"status":"Preview"}},"paths":{"/a":{
"get":{"operationId":"GetAé","x-ms-api-annotation":{"family":"A","revision":null,"status":"Production"}},
"put":{"operationId":"GetA2","x-ms-api-annotation":{"family":"A","revision":"2","replacement":{}}},
"post":{"operationId":5,"x-ms-api-annotation":{"family":"A"}},
"patch":{"operationId":"GetA_V3","deprecated":true,"x-ms-api-annotation":{"family":"A","revision":3}}}}}"#;
        let findings = crate::rules::check_every_prefix(text, &rules);
        for code in [
            "OperationRevisionEmpty",
            "OperationIdShouldEndWithRevision",
            "OperationFamilyHasManyActiveOperations",
        ] {
            assert!(findings.iter().any(|f| f.code == code), "no {code}");
        }
    }
}
