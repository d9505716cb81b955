//! `intro.md`: the one Markdown document of the certification package (the portal submission).
//!
//! The certification package a verified publisher uploads to the Connector Certification Portal
//! holds exactly one `.md` file, `intro.md`, beside the solution archive (reference:
//! `packaging.md` §8, from `scripts/ConnectorPackageValidator.ps1`). Its required headings are not
//! documented anywhere we could read, so this rule checks only what is known: it has content.
//! Independent publishers ship one too: since 2026 their pull request carries `intro.md` and
//! the solution `package.zip` (PRs #4104, #4194, #4205, #4244), so it is not reported there.

use crate::rules::{rule, Context, Report};
use crate::text::TextRange;

rule!(IntroEmpty {
    severity: Warning,
    file: Intro,
    certification: true,
    documented: false,
    fix: None,
    summary: "intro.md has no text besides headings.",
    docs: r#"## What it does
Reports an `intro.md` (any case of the name) that is empty or holds only headings, blank lines,
HTML comments or invisible characters.

## Why
`intro.md` is the one Markdown document of the certification package uploaded to the Connector
Certification Portal (the outer archive holds exactly one `.md` file and the solution archive).
It introduces the connector to the certification team; an empty one says nothing.

## Example
An `intro.md` containing only `## Prerequisites`.

## How to fix
Describe the connector: what the service does, what the connector offers, what a user needs
(prerequisites, how to get credentials) and its known limitations — the certified connectors'
intro files follow these sections.
"#,
    check: check_empty,
});

fn at_intro(out: &mut Report, message: String) {
    out.at_range(String::new(), TextRange::default(), message);
}

/// Whether a Markdown text has a line of prose: not blank, not a heading, not a comment line,
/// not made of invisible characters only (zero-width spaces copied from web editors).
fn has_prose(text: &str) -> bool {
    let mut in_comment = false;
    text.lines().any(|line| {
        let t = line.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{00a0}')
        });
        if in_comment {
            in_comment = !t.contains("-->");
            return false;
        }
        if t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            return false;
        }
        !t.is_empty() && !t.starts_with('#')
    })
}

fn check_empty(cx: &Context, out: &mut Report) {
    let Some(text) = cx.package.intro_text() else {
        return;
    };
    if !has_prose(text) {
        at_intro(
            out,
            "intro.md has no text; the certification package's intro must describe the connector."
                .into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::has_prose;

    #[test]
    fn prose_is_text_outside_headings_and_comments() {
        assert!(!has_prose(""));
        assert!(!has_prose("## Prerequisites\n\n\u{200b}\n#\n"));
        assert!(!has_prose("<!-- TODO\nwrite this\n-->\n## FAQ"));
        assert!(has_prose("## Prerequisites\nA Contoso account."));
        assert!(has_prose("<!-- x -->\nContoso connects widgets."));
    }
}
