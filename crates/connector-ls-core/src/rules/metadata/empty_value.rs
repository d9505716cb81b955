//! Labels and descriptions that are present but blank.

use serde_json::json;

use super::texts::{for_each_text, Holder};
use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::{remove_member, replace_value};
use crate::rules::support::title_case;
use crate::rules::{rule, Context, Fix, Patch, Report, Safety, Severity};

rule!(RequiredValueEmpty {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: true,
    documented: true,
    fix: Safe,
    summary: "A title, summary, `x-ms-summary` or description is present but empty.",
    docs: r##"## What it does
Reports a user-facing text that is present but empty or only whitespace: `info.title` and
`info.description`, an operation's `summary` and `description`, a parameter's `x-ms-summary`
and `description`, a schema's `title`, `x-ms-summary` and `description`, and a response's
`description`. (A text that is missing altogether is `RequiredPropertyMissing`'s.)

Severity: error for `info.title`, `info.description` and operation `summary`, which the
validator requires and which no certified connector of our corpus leaves blank; warning for the
others, which certified connectors often leave blank (empty property titles in 111 connectors,
empty parameter descriptions in 18) and still pass.

## Why
An empty string fills the slot without saying anything: the designer shows a blank action name,
field label or tooltip instead of falling back to something readable, and the documentation page
has a hole. Certification review asks for real text.

## Example
```json
{ "name": "top", "in": "query", "type": "integer", "x-ms-summary": "", "description": "Number of items to return." }
```

## How to fix
Write the text (`"x-ms-summary": "Top"`), or remove the member where it is optional. On a
schema, where `title`, `x-ms-summary` and `description` are optional, the safe fix removes the
empty member; on a parameter, a quick fix writes an `x-ms-summary` in Title Case from the
parameter's name (`top` -> "Top") for you to review.
"##,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    for_each_text(cx, |holder, key, value| check_one(holder, key, value, out));
}

/// Checks one edited text again ([`crate::rules::Patch`]).
pub(super) static PATCH: Patch = Patch {
    rule: &RequiredValueEmpty,
    domain: super::texts::memo_key,
    check_one: |cx, node, out| {
        super::texts::check_text(cx, node, |holder, key| check_one(holder, key, node, out))
    },
};

/// The check of one text: it reads that text and its parameter's name (never another text).
fn check_one(holder: Holder, key: &str, value: Node, out: &mut Report) {
    if !value.as_str().is_some_and(|s| s.trim().is_empty()) {
        return;
    }
    let f = out.at(
        value,
        format!("The '{key}' property must have not empty value."),
    );
    let enforced = matches!(
        (holder, key),
        (Holder::Info, _) | (Holder::Operation, "summary")
    );
    if !enforced {
        f.severity = Severity::Warning;
    }
    match holder {
        // Optional on schemas: an empty one says nothing, so removing it is mechanical.
        Holder::Schema => {
            if let Some(edit) = remove_member(FileKind::Swagger, value) {
                f.with_fix(Fix::new(
                    format!("Remove the empty `{key}`"),
                    Safety::Safe,
                    vec![edit],
                ));
            }
        }
        Holder::Parameter if key == "x-ms-summary" => {
            let label = value
                .parent()
                .and_then(|p| p.get_str("name"))
                .map(title_case)
                .filter(|l| !l.is_empty());
            if let Some(label) = label {
                f.with_fix(Fix::new(
                    format!("Write `x-ms-summary` \"{label}\""),
                    Safety::Unsafe,
                    vec![replace_value(FileKind::Swagger, value, &json!(label))],
                ));
            }
        }
        _ => {}
    }
}
