//! `x-ms-summary` labels that end with punctuation or whitespace.

use std::collections::HashSet;

use serde_json::Value;

use super::is_internal;
use crate::json::{Node, NodeId};
use crate::package::FileKind;
use crate::rules::fix::{replace_value, Fix, Safety};
use crate::rules::{rule, Context, Report};

rule!(LabelEndsWithPunctuation {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: Unsafe,
    summary: "An `x-ms-summary` label ends with punctuation or whitespace.",
    docs: r#"## What it does
Reports an `x-ms-summary` of a parameter or of a schema property whose last character is not
a letter, a digit or a closing parenthesis: "Include deleted?", "Start date (UTC).", "Name ".

Severity: warning. Certification guidance asks for labels without trailing punctuation, but
the validator's `ValueMustEndWithAlphanumeric` only checks the title and operation summaries,
and many certified connectors end labels with `?` or `.`.

## Why
`x-ms-summary` is a field label in the designers, shown next to the input box or in the
dynamic content list; the designers add their own punctuation around labels.

## Example
```json
{ "name": "includeDeleted", "in": "query", "type": "boolean", "x-ms-summary": "Include deleted?" }
```

## How to fix
Remove the trailing characters: `"Include Deleted"`. The quick fix removes them; put a
question or an explanation into the `description`.
"#,
    check: check_labels,
});

const FILE: FileKind = FileKind::Swagger;

fn ends_well(text: &str) -> bool {
    text.chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ')')
}

fn check_label(out: &mut Report, holder: Node) {
    let Some(node) = holder.get("x-ms-summary") else {
        return;
    };
    let Some(label) = node.as_str() else { return };
    // A blank label is RequiredValueEmpty's.
    if label.trim().is_empty() || ends_well(label) {
        return;
    }
    let f = out.at(
        node,
        "The 'x-ms-summary' value should end with a letter, a digit or ')'.",
    );
    let fixed = label.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == ')'));
    if !fixed.is_empty() {
        let removed = &label[fixed.len()..];
        let edit = replace_value(FILE, node, &Value::String(fixed.to_string()));
        f.with_fix(Fix::new(
            format!("Remove the trailing {removed:?}"),
            Safety::Unsafe,
            vec![edit],
        ));
    }
}

fn check_labels(cx: &Context, out: &mut Report) {
    let Some(sw) = &cx.swagger else { return };
    let mut seen: HashSet<NodeId> = HashSet::new();
    for op in sw.operations() {
        if is_internal(op.node) {
            continue;
        }
        for p in op.parameters() {
            if p.def.is_object() && !p.is_internal() && seen.insert(p.def.id()) {
                check_label(out, p.def);
            }
        }
    }
    // Each schema object appears once (references are not followed). The shared list of the
    // check, not a walk of our own.
    for site in cx.schemas() {
        if !is_internal(site.node) {
            check_label(out, site.node);
        }
    }
}
