//! Words the certification review does not allow in the connector's title and description.

use std::collections::HashSet;

use super::title_name;
use crate::json::{Node, NodeId};
use crate::package::swagger::Swagger;
use crate::rules::{rule, Context, Finding, Report, Severity};

rule!(ValueContainsRestrictedWords {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: true,
    documented: true,
    fix: None,
    summary:
        "The title or description uses a restricted word (\"API\", \"Connector\", product names).",
    docs: r#"## What it does
Reports an `info.title` that contains the word "API" or "Connector", and an `info.title`,
`info.description`, operation `summary` or `description`, or parameter `x-ms-summary` or
`description` that names a Power Platform product: "Power Apps", "Power Automate" or "Logic
Apps" (also written without the space; words inside links are ignored). The validator is known to check the title and the
connector description; certification guidance extends the product names to the others. Matching ignores case and looks at whole words:
"OptiAPI" or "Rapid" are fine. The ` (Independent Publisher)` suffix of independent publisher
titles is ignored.

Severity: error for `info.title` and `info.description`, because the certification pipeline
reports "contains at least one of the restricted words" as an error on those values; warning
for operation and parameter texts, which only certification guidance covers.

## Why
Every connector is an API connector, so the words add nothing to its name, and the connector
works in every Power Platform product, so naming one misleads.

## Example
```json
"info": { "title": "Contoso API", "description": "Use Contoso tasks from Power Automate flows." }
```

## How to fix
Reword: `"title": "Contoso"`, `"description": "Create, update and list Contoso tasks."`.
"#,
    check: check_restricted_words,
});

/// Restricted in titles.
const TITLE_WORDS: &[&[&str]] = &[&["api"], &["connector"]];
const TITLE_LIST: &str = "api, connector";

/// Restricted in titles and descriptions; joined spellings count too.
const PRODUCT_WORDS: &[&[&str]] = &[
    &["power", "apps"],
    &["powerapps"],
    &["power", "automate"],
    &["powerautomate"],
    &["logic", "apps"],
    &["logicapps"],
];
const PRODUCT_LIST: &str = "power apps, power automate, logic apps";

/// Whether the lower-cased words of `text` contain one of `phrases` as consecutive words.
fn contains_phrase(words: &[String], phrases: &[&[&str]]) -> bool {
    phrases.iter().any(|phrase| {
        words
            .windows(phrase.len())
            .any(|w| w.iter().zip(phrase.iter()).all(|(a, b)| a == b))
    })
}

/// The lower-cased words of `text`, leaving out links (`https://.../power-automate-guide`
/// names a page, not the product).
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|chunk| !chunk.contains("://") && !chunk.to_ascii_lowercase().starts_with("www."))
        .flat_map(|chunk| chunk.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn report<'r>(out: &'r mut Report, node: Node, field: &str, list: &str) -> &'r mut Finding {
    out.at(
        node,
        format!("The value '{field}' contains at least one of the restricted words: '{list}'."),
    )
}

/// Cheap test before splitting into words: every product phrase contains one of these.
fn may_name_product(text: &str) -> bool {
    let bytes = text.as_bytes();
    let starts = |i: usize, tail: &[u8]| {
        bytes
            .get(i..i + tail.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(tail))
    };
    (0..bytes.len())
        .any(|i| (bytes[i] | 0x20) == b'a' && (starts(i + 1, b"pps") || starts(i + 1, b"utomate")))
}

/// Reports `field` of `holder` when it names a product, with `severity`.
fn check_text(out: &mut Report, holder: Node, field: &str, severity: Severity) {
    let Some(node) = holder.get(field) else {
        return;
    };
    let Some(text) = node.as_str() else { return };
    if may_name_product(text) && contains_phrase(&words(text), PRODUCT_WORDS) {
        report(out, node, field, PRODUCT_LIST).severity = severity;
    }
}

fn check_restricted_words(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    check_operations(&sw, out);
    let Some(info) = sw.info() else {
        return;
    };
    if let Some(node) = info.get("title") {
        if let Some(title) = node.as_str() {
            let w = words(title_name(title));
            if contains_phrase(&w, TITLE_WORDS) {
                report(out, node, "title", TITLE_LIST);
            } else if contains_phrase(&w, PRODUCT_WORDS) {
                report(out, node, "title", PRODUCT_LIST);
            }
        }
    }
    check_text(out, info, "description", Severity::Error);
}

/// Operation summaries and descriptions, and the labels and descriptions of their parameters.
fn check_operations(sw: &Swagger, out: &mut Report) {
    let mut seen: HashSet<NodeId> = HashSet::new();
    for op in sw.operations() {
        check_text(out, op.node, "summary", Severity::Warning);
        check_text(out, op.node, "description", Severity::Warning);
        for p in op.parameters() {
            if p.def.is_object() && seen.insert(p.def.id()) {
                check_text(out, p.def, "x-ms-summary", Severity::Warning);
                check_text(out, p.def, "description", Severity::Warning);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words() {
        assert!(contains_phrase(&words("Contoso API"), TITLE_WORDS));
        assert!(contains_phrase(&words("contoso-connector"), TITLE_WORDS));
        assert!(!contains_phrase(&words("OptiAPI"), TITLE_WORDS));
        assert!(!contains_phrase(&words("RAPID Platform"), TITLE_WORDS));
        assert!(contains_phrase(
            &words("Use it in Power\nAutomate."),
            PRODUCT_WORDS
        ));
        assert!(contains_phrase(&words("PowerApps"), PRODUCT_WORDS));
        assert!(!contains_phrase(&words("Power your apps"), PRODUCT_WORDS));
        assert!(!contains_phrase(
            &words("See https://contoso.example/power-automate-guide"),
            PRODUCT_WORDS
        ));
    }
}
