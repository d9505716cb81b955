//! Operation summaries: restricted characters and length.

use serde_json::Value;

use crate::package::FileKind;
use crate::rules::fix::{replace_value, Fix, Safety};
use crate::rules::{rule, Context, Report};

rule!(RestrictedCharactersInSummary {
    severity: Error,
    file: Swagger,
    certification: true,
    documented: true,
    fix: Unsafe,
    summary: "An operation summary contains one of / \\ < > * % & ?",
    docs: r#"## What it does
Reports an operation `summary` that contains any of the characters `/ \ < > * % & ?`.

Severity: error: the validator rejects them and no certified connector has one.

## Why
The summary becomes the action's name in the designers and is used in generated identifiers
and documentation anchors, where these characters break.

## Example
```json
"summary": "Create/update a task & notify"
```

## How to fix
Rephrase without them: `"Create or update a task and notify"`. The quick fix removes the
characters (`&` becomes "and", the others a space between words); review the wording
afterwards.
"#,
    check: check_restricted,
});

rule!(OperationSummaryTooLong {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: true,
    fix: None,
    summary: "An operation summary is longer than 80 characters.",
    docs: r#"## What it does
Reports an operation `summary` longer than 80 characters, the limit of the certification
guidance (the validator's own page names 120).

Severity: warning: the validator words it as advice ("should").

## Why
The summary is the action's name in the designers; long names are cut in the action picker.

## Example
```json
"summary": "Retrieve the complete list of every task that is assigned to the signed-in user across all projects"
```

## How to fix
Shorten it and move the detail to the operation's `description`: `"List my tasks"`. There is no
quick fix: only you can choose the shorter wording.
"#,
    check: check_length,
});

const FILE: FileKind = FileKind::Swagger;
const RESTRICTED: [char; 8] = ['/', '\\', '<', '>', '*', '%', '&', '?'];
const SUMMARY_MAX: usize = 80;

/// The summary without restricted characters: `&` becomes "and", the others a space; runs of
/// spaces collapse.
fn without_restricted(summary: &str) -> String {
    let mut replaced = String::with_capacity(summary.len() + 8);
    for c in summary.chars() {
        match c {
            '&' => replaced.push_str(" and "),
            c if RESTRICTED.contains(&c) => replaced.push(' '),
            c => replaced.push(c),
        }
    }
    replaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_restricted(cx: &Context, out: &mut Report) {
    let Some(sw) = &cx.swagger else { return };
    for op in sw.operations() {
        let Some(node) = op.node.get("summary") else {
            continue;
        };
        let Some(summary) = node.as_str() else {
            continue;
        };
        if !summary.contains(RESTRICTED) {
            continue;
        }
        let f = out.at(
            node,
            "Summary string contains any of the restricted characters [/\\<>*%&?]",
        );
        let fixed = without_restricted(summary);
        if !fixed.is_empty() {
            let edit = replace_value(FILE, node, &Value::String(fixed));
            let title = if summary.contains('&') {
                "Remove the restricted characters (`&` becomes \"and\")"
            } else {
                "Remove the restricted characters"
            };
            f.with_fix(Fix::new(title, Safety::Unsafe, vec![edit]));
        }
    }
}

fn check_length(cx: &Context, out: &mut Report) {
    let Some(sw) = &cx.swagger else { return };
    for op in sw.operations() {
        let Some(node) = op.node.get("summary") else {
            continue;
        };
        if node
            .as_str()
            .is_some_and(|s| s.chars().count() > SUMMARY_MAX)
        {
            out.at(
                node,
                format!("The operation 'summary' should be fewer than {SUMMARY_MAX} characters for improved readablity."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removal() {
        assert_eq!(
            without_restricted("Create/update a task & notify?"),
            "Create update a task and notify"
        );
    }
}
