//! Length limits of `info.title` and `info.description`.

use super::title_name;
use crate::rules::{rule, Context, Report};

rule!(FieldLengthExceeded {
    severity: Error,
    file: Swagger,
    certification: true,
    documented: true,
    fix: None,
    summary: "`info.title` is longer than 30 characters.",
    docs: r#"## What it does
Reports an `info.title` longer than 30 characters. The ` (Independent Publisher)` suffix that
independent publishers must append is not counted.

Severity: error, because the certification pipeline (and its certification bot) reject a title
over 30 characters; certified connectors with longer titles predate the limit.

## Why
The title is the connector's name in the designers and the gallery, where long names are cut.

## Example
```json
"info": { "title": "Contoso Document Conversion Suite" }
```

## How to fix
Shorten the title to 30 characters or fewer: `"Contoso Documents"`. There is no quick fix:
only you can choose the shorter name.
"#,
    check: check_title,
});

rule!(FieldLengthNotInRange {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: true,
    fix: None,
    summary: "`info.description` is shorter than 30 or longer than 500 characters.",
    docs: r#"## What it does
Reports an `info.description` with fewer than 30 or more than 500 characters.

Severity: warning. The validator reports it as an error, but a few certified connectors have
shorter descriptions; raise it to `error` for a new submission.

## Why
The description is the summary of the connector on its documentation page and in the gallery:
too short says nothing, too long is cut.

## Example
```json
"info": { "description": "Contoso tasks." }
```

## How to fix
Write one to three sentences on what the service is and what the connector lets users do.
There is no quick fix: the text is yours to write.
"#,
    check: check_description,
});

const TITLE_MAX: usize = 30;
const DESCRIPTION_MIN: usize = 30;
const DESCRIPTION_MAX: usize = 500;

fn check_title(cx: &Context, out: &mut Report) {
    let Some(node) = cx.swagger.and_then(|s| s.info()?.get("title")) else {
        return;
    };
    let Some(title) = node.as_str() else { return };
    if title_name(title).chars().count() > TITLE_MAX {
        out.at(
            node,
            format!("The 'title' value goes over the character limit '{TITLE_MAX}'"),
        );
    }
}

fn check_description(cx: &Context, out: &mut Report) {
    let Some(node) = cx.swagger.and_then(|s| s.info()?.get("description")) else {
        return;
    };
    let Some(text) = node.as_str() else { return };
    // A blank description is RequiredValueEmpty's.
    if text.trim().is_empty() {
        return;
    }
    let len = text.chars().count();
    if !(DESCRIPTION_MIN..=DESCRIPTION_MAX).contains(&len) {
        out.at(
            node,
            format!(
                "The 'description' value must be between '{DESCRIPTION_MIN}' and '{DESCRIPTION_MAX}' characters."
            ),
        );
    }
}
