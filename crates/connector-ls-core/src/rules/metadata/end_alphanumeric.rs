//! The connector title and operation summaries must end with a letter or digit.

use serde_json::Value;

use super::title_name;
use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::{replace_value, Fix, Safety};
use crate::rules::{rule, Context, Report};

rule!(ValueMustEndWithAlphanumeric {
    severity: Error,
    file: Swagger,
    certification: true,
    documented: true,
    fix: Unsafe,
    summary: "The title or an operation summary ends with punctuation or whitespace.",
    docs: r#"## What it does
Reports an `info.title` or an operation `summary` whose last character is not a letter or a
digit: a period, a colon, a question mark, a space. A closing parenthesis is accepted: the
platform requires independent publisher titles to end in `(Independent Publisher)`, and
hundreds of certified summaries end in one, like "Convert file (Advanced)".

Severity: error: no certified connector's title or summary ends otherwise.

## Why
Titles and summaries are names (of the connector, of an action), not sentences; the designers
add their own punctuation around them.

## Example
```json
"summary": "Create a task."
```

## How to fix
Remove the trailing characters: `"Create a task"`. The quick fix does that.
"#,
    check: check_endings,
});

const FILE: FileKind = FileKind::Swagger;

fn ends_well(text: &str) -> bool {
    text.chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ')')
}

fn check_value(out: &mut Report, node: Node, field: &str, text: &str) {
    // A blank value is RequiredValueEmpty's.
    if text.trim().is_empty() || ends_well(text) {
        return;
    }
    let f = out.at(
        node,
        format!("The '{field}' value must end with alphanumeric character."),
    );
    let fixed = text.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == ')'));
    if !fixed.is_empty() {
        let edit = replace_value(FILE, node, &Value::String(fixed.to_string()));
        let removed = &text[fixed.len()..];
        f.with_fix(Fix::new(
            format!("Remove the trailing {:?}", removed),
            Safety::Unsafe,
            vec![edit],
        ));
    }
}

fn check_endings(cx: &Context, out: &mut Report) {
    let Some(sw) = &cx.swagger else { return };
    if let Some(node) = sw.info().and_then(|i| i.get("title")) {
        if let Some(title) = node.as_str() {
            // The independent publisher suffix ends in ')' anyway; check the name before it too.
            let name = title_name(title);
            if !name.is_empty() && !ends_well(name) && name.len() != title.len() {
                out.at(
                    node,
                    "The 'title' value must end with alphanumeric character.",
                );
            } else {
                check_value(out, node, "title", title);
            }
        }
    }
    for op in sw.operations() {
        let Some(node) = op.node.get("summary") else {
            continue;
        };
        if let Some(summary) = node.as_str() {
            check_value(out, node, "summary", summary);
        }
    }
}
