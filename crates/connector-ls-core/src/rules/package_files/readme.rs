//! `readme.md`: present, with the sections the publisher type's template requires.

use crate::package::{FileKind, Publisher};
use crate::rules::{rule, Context, Report};
use crate::text::TextRange;

rule!(ReadmeMissing {
    severity: Warning,
    file: Package,
    certification: true,
    documented: false,
    fix: None,
    summary: "The package has no readme.md.",
    docs: r#"## What it does
Reports a connector folder without a `readme.md` (any case of the name).

## Why
Certification requires a readme for verified and independent publishers alike: it is the
connector's documentation page. A warning, because older certified connectors predate the rule.

## Example
A folder with only `apiDefinition.swagger.json` and `apiProperties.json` (and perhaps an
`intro.md`: that is the certification package's introduction, not the repository's readme).

## How to fix
Add `readme.md` following the certification template: a title and introduction, then
`## Publisher`, `## Prerequisites`, `## Supported Operations`, `## Obtaining Credentials`,
`## Known Issues and Limitations` (and `## Deployment Instructions` for verified publishers).
"#,
    check: check_missing,
});

rule!(ReadmeSectionMissing {
    severity: Warning,
    file: Readme,
    certification: true,
    documented: false,
    fix: None,
    summary: "readme.md lacks a section its certification template requires.",
    docs: r#"## What it does
Reports each required heading of the certification readme template that `readme.md` lacks:
a `# Title`, `## Publisher`, `## Prerequisites`, `## Supported Operations`,
`## Obtaining Credentials`, `## Known Issues and Limitations`, and for verified publishers
`## Deployment Instructions`. Headings match ignoring case and what follows the name
(`## Publisher: Contoso` counts).

## Why
Reviewers reject readmes that do not follow the template. A warning, because many certified
connectors predate the current template.

## Example
A readme with `# Contoso` and `## Prerequisites` only.

## How to fix
Add the missing sections, even briefly ("None known." under Known Issues).
"#,
    check: check_sections,
});

fn check_missing(cx: &Context, out: &mut Report) {
    if cx.package.file(FileKind::Readme).is_some() || cx.package.swagger.is_none() {
        return;
    }
    let message = if cx.package.file(FileKind::Intro).is_some() {
        // intro.md is the certification package's document (the portal submission); the
        // repository's documentation is still the readme.
        "The connector has no readme.md; certification requires one (intro.md, the certification package's introduction, does not replace it)."
    } else {
        "The connector has no readme.md; certification requires one."
    };
    out.at_range(String::new(), TextRange::default(), message);
}

/// Normalises a heading's text for comparison: lower case, without what follows a colon.
fn heading_name(text: &str) -> String {
    let name = text.split(':').next().unwrap_or("").trim();
    name.to_lowercase()
}

/// `(level, normalised name)` of every ATX heading outside fenced code blocks.
pub(crate) fn headings(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let level = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&level) && t[level..].starts_with([' ', '\t']) {
            out.push((level, heading_name(t[level..].trim().trim_end_matches('#'))));
        }
    }
    out
}

fn check_sections(cx: &Context, out: &mut Report) {
    let Some(text) = cx.package.readme_text() else {
        return;
    };
    let found = headings(text);
    let mut required: Vec<&str> = vec![
        "Publisher",
        "Prerequisites",
        "Supported Operations",
        "Obtaining Credentials",
        "Known Issues and Limitations",
    ];
    if cx.publisher == Publisher::Verified {
        required.push("Deployment Instructions");
    }
    if !found.iter().any(|(level, _)| *level == 1) {
        out.at_range(
            String::new(),
            TextRange::default(),
            "The readme has no '# Title' heading introducing the connector.",
        );
    }
    for title in required {
        let name = title.to_lowercase();
        // Accept any heading level, so a readme using `#` or `###` for its sections is not
        // flagged for the section itself.
        if found
            .iter()
            .any(|(_, h)| *h == name || h.starts_with(&format!("{name} ")))
        {
            continue;
        }
        out.at_range(
            String::new(),
            TextRange::default(),
            format!("The readme lacks the required section '## {title}'."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_skip_code_blocks() {
        let h = headings(
            "# Contoso\n## Publisher: Contoso Ltd\n```\n## Not a heading\n```\n### Op\n#nospace\n",
        );
        assert_eq!(
            h,
            vec![
                (1, "contoso".into()),
                (2, "publisher".into()),
                (3, "op".into())
            ]
        );
    }
}
