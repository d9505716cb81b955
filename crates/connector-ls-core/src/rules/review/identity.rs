//! `publisher` and `stackOwner` of apiProperties.json: who publishes the connector and who owns
//! the service behind it.

use crate::json::Node;
use crate::package::{FileKind, Publisher};
use crate::rules::{rule, Context, Report};
use crate::text::TextRange;

rule!(PublisherIdentityInvalid {
    severity: Warning,
    file: ApiProperties,
    certification: true,
    documented: false,
    fix: None,
    summary: "apiProperties.json lacks `publisher` or `stackOwner`, or one holds special or non-ASCII characters.",
    docs: r##"## What it does
Reports an `apiProperties.json` whose `properties` lack `publisher` or `stackOwner`, has one of
them empty or not a string, or has one with a character other than ASCII letters, digits,
spaces and `. , - & ' ( )` (a `™`, `®`, `@`, `/`, an accented letter, ...).

## Why
Reviewers ask for both before certifying (reviewer practice #4: PRs #731, #523, #2266): the
publisher is the company or person shown as the connector's author, the stack owner the
company running the service; both are shown in the connector's listing and must be plain names.
A warning: the platform accepts the package without them.

On the 208 recently merged corpus connectors it reports 22 (10.6%), most for a missing
`stackOwner`, a few for `+` or non-ASCII letters (`å`). It is not narrowed: each finding is a
true instance of what reviewers ask for (the member is missing, empty or has such a
character); those connectors were merged before the practice was enforced or had it waived.

## Example
```json
"properties": {"publisher": "Contoso™", "iconBrandColor": "#0072c6"}
```

## How to fix
```json
"properties": {"publisher": "Contoso", "stackOwner": "Contoso", "iconBrandColor": "#0072c6"}
```
"##,
    check,
});

rule!(IndependentPublisherSettingsFile {
    severity: Warning,
    file: Settings,
    certification: true,
    documented: false,
    fix: None,
    summary: "An independent publisher's connector folder has a settings.json.",
    docs: r##"## What it does
Reports `settings.json` in the folder of an independent-publisher connector (a folder under
`independent-publisher-connectors/`, `--publisher independent`, or an `info.title` ending in
"(Independent Publisher)").

## Why
Reviewers ask independent publishers to remove it (reviewer practice #11, with `icon.png` and
the brand colour: PRs #3640, #1423). `settings.json` is the configuration of the author's own
`paconn` command line (environment, connector id, file names), not part of the connector:
Microsoft builds independent-publisher connectors from the swagger, apiProperties and script in
the pull request. Verified publishers are not asked (their folders keep it for `paconn`). A
warning: the pipeline does not reject it; a reviewer does.

The corpus of certified connectors holds no independent-publisher connector, so it reports
none there (0 of the 208 recent ones); the evidence is the review threads above.

## Example
`independent-publisher-connectors/Contoso/settings.json`.

## How to fix
Delete `settings.json` from the pull request (keep it locally, or out of the connector folder,
if you use `paconn`).
"##,
    check: check_settings_file,
});

fn check_settings_file(cx: &Context, out: &mut Report) {
    if cx.publisher == Publisher::Independent && cx.package.file(FileKind::Settings).is_some() {
        out.at_range(
            String::new(),
            TextRange::default(),
            "Independent-publisher connectors do not include settings.json (the paconn \
             configuration); remove it from the pull request.",
        );
    }
}

/// The characters a publisher or stack owner name may have besides ASCII letters and digits.
fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | ',' | '-' | '&' | '\'' | '(' | ')')
}

fn check(cx: &Context, out: &mut Report) {
    let Some(props) = cx.api_props() else { return };
    for key in ["publisher", "stackOwner"] {
        match props.get(key) {
            None => {
                out.missing(
                    props,
                    format!(
                        "apiProperties.json has no '{key}'; reviewers ask for {}.",
                        what(key)
                    ),
                );
            }
            Some(v) => check_value(key, v, out),
        }
    }
}

/// What a member names, for messages.
fn what(key: &str) -> &'static str {
    if key == "publisher" {
        "the company or person publishing the connector"
    } else {
        "the company that owns the service"
    }
}

fn check_value(key: &str, v: Node, out: &mut Report) {
    let Some(text) = v.as_str() else {
        out.at(v, format!("'{key}' must be a string naming {}.", what(key)));
        return;
    };
    if text.trim().is_empty() {
        out.at(v, format!("'{key}' is empty; it names {}.", what(key)));
        return;
    }
    let mut bad: Vec<char> = text.chars().filter(|c| !allowed(*c)).collect();
    bad.dedup();
    if !bad.is_empty() {
        let shown: Vec<String> = bad
            .iter()
            .take(5)
            .map(|c| c.escape_default().to_string())
            .collect();
        out.at(
            v,
            format!(
                "'{key}' has characters reviewers do not accept in a name ({}); use ASCII \
                 letters, digits, spaces and . , - & ' ( ) only.",
                shown.join(" ")
            ),
        );
    }
}
