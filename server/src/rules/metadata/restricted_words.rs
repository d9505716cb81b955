//! Words the certification review does not allow in the connector's title and description.

use super::title_name;
use crate::json::Node;
use crate::package::FileKind;
use crate::rules::{Context, FixAvailability, Report, Rule, Severity};

pub static VALUE_CONTAINS_RESTRICTED_WORDS: Rule = Rule {
    code: "ValueContainsRestrictedWords",
    severity: Severity::Warning,
    file: FileKind::Swagger,
    certification: true,
    documented: true,
    fix: FixAvailability::None,
    summary:
        "The title or description uses a restricted word (\"API\", \"Connector\", product names).",
    docs: r#"## What it does
Reports an `info.title` that contains the word "API" or "Connector", and an `info.title` or
`info.description` that names a Power Platform product: "Power Apps", "Power Automate" or
"Logic Apps" (also written without the space). Matching ignores case and looks at whole words:
"OptiAPI" or "Rapid" are fine. The ` (Independent Publisher)` suffix of independent publisher
titles is ignored.

Severity: warning. The validator reports it as an error, but certified connectors that predate
the rule still mention "Power Automate" in their descriptions; raise it to `error` for a new
submission.

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
};

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

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn report(out: &mut Report, node: Node, field: &str, list: &str) {
    out.at(
        FileKind::Swagger,
        node,
        format!("The value '{field}' contains at least one of the restricted words: '{list}'."),
    );
}

fn check_restricted_words(cx: &Context, out: &mut Report) {
    let Some(info) = cx.swagger.and_then(|s| s.info()) else {
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
    if let Some(node) = info.get("description") {
        if let Some(text) = node.as_str() {
            if contains_phrase(&words(text), PRODUCT_WORDS) {
                report(out, node, "description", PRODUCT_LIST);
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
    }
}
