//! Labels and descriptions written in a non-Latin script.

use super::texts::for_each_text;
use crate::package::FileKind;
use crate::rules::{Context, FixAvailability, Report, Rule, Severity};

/// A text is taken for another language when more than this share of its letters are outside
/// the Latin script. In the 638 certified connectors of our corpus, the only labels with
/// non-Latin letters are English sentences quoting one foreign word (a Greek account type) or
/// holding one look-alike letter (a Cyrillic `С`): a majority threshold passes both and still
/// flags text written in Cyrillic, Greek, Arabic, CJK, ... The validator's method is undocumented.
const NON_LATIN_SHARE: f64 = 0.5;

pub static VALUE_MUST_BE_IN_ENGLISH: Rule = Rule {
    code: "ValueMustBeInEnglish",
    severity: Severity::Warning,
    file: FileKind::Swagger,
    certification: true,
    documented: true,
    fix: FixAvailability::None,
    summary: "A title, summary, `x-ms-summary` or description is not written in English.",
    docs: r##"## What it does
Reports a user-facing text (`info.title` and `description`, operation `summary` and
`description`, parameter `x-ms-summary` and `description`, schema `title`, `x-ms-summary` and
`description`, response `description`) in which most letters are outside the Latin script:
text written in Cyrillic, Greek, Arabic, Hebrew, Chinese, Japanese, Korean, Thai, ...

Accented Latin letters (`é`, `ü`, `ø`) count as Latin: names and loanwords carry them in English
text, and a language check cannot tell French from English without a dictionary. A foreign word
quoted in an English sentence is below the threshold and not reported.

Severity: warning. The validator's detection method is not documented, so this is a heuristic
(more than half of the letters non-Latin; see the docs of the constant in the source), and no
certified connector of our corpus trips it.

## Why
Certified connectors are published for every market with English as the source language; the
platform localizes from it. Text in another language is unreadable for most users and cannot be
localized.

## Example
```json
"summary": "Получить список задач"
```

## How to fix
Write the text in English (`"summary": "List tasks"`).
"##,
    check,
};

/// Whether `c` is a letter of the Latin script (ASCII, Latin-1, Latin Extended-A/B, IPA, Latin
/// Extended Additional and the other Latin blocks).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32,
            0x00C0..=0x024F | 0x0250..=0x02AF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F
            | 0xA720..=0xA7FF | 0xAB30..=0xAB6F | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
        // Ordinal indicators and other letters of Latin-1 that are not in the range above.
        || matches!(c, 'ª' | 'º' | 'µ')
}

/// Whether most letters of `text` are outside the Latin script.
pub(super) fn is_mostly_non_latin(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    let (mut letters, mut foreign) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if !is_latin(c) {
            foreign += 1;
        }
    }
    letters > 0 && foreign as f64 > letters as f64 * NON_LATIN_SHARE
}

fn check(cx: &Context, out: &mut Report) {
    // An all-ASCII document has no letter outside the Latin script.
    if cx.swagger.is_none_or(|sw| sw.root.tree().text().is_ascii()) {
        return;
    }
    for_each_text(cx, |_, key, value| {
        if value.as_str().is_some_and(is_mostly_non_latin) {
            out.at(
                FileKind::Swagger,
                value,
                format!("The '{key}' value must be written in English."),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::is_mostly_non_latin as foreign;

    #[test]
    fn scripts() {
        assert!(foreign("Получить список задач"));
        assert!(foreign("获取任务列表"));
        assert!(foreign("タスクを取得する"));
        assert!(!foreign("List tasks"));
        assert!(!foreign("Crée une tâche für Müller"));
        assert!(!foreign(
            "Code for account type, e.g. 10 for \"Ταμιευτήριο\""
        ));
        assert!(!foreign("Сreation date of the purchase order"));
        assert!(!foreign("12345 ✓"));
    }
}
