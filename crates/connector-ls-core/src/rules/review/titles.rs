//! Summaries and titles as reviewers want them: action names in words, triggers that say when,
//! a real title, and the independent publisher suffix.

use crate::json::Node;
use crate::package::{FileKind, Publisher};
use crate::rules::{fix, rule, Context, Fix, Report, Safety};

use super::normalize;

rule!(SummaryIdentifierShaped {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: None,
    summary: "An operation's summary is an identifier (`list_boards`, `getItems`), not words.",
    docs: r##"## What it does
Reports an operation `summary` written as a code identifier: one word with an underscore
(`list_boards`), or one word in camelCase (`getItems`, `createNewTask`). Internal operations
(`x-ms-visibility: internal`) are not reported.

## Why
The summary is the action's name in the designer; reviewers ask for it to read as words
(reviewer practice #9: PRs #907, #914). A warning.

## Example
```json
"summary": "list_boards"
```

## How to fix
`"summary": "List boards"`.
"##,
    check: check_identifier,
});

rule!(TriggerSummaryNotWhen {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: None,
    summary: "A trigger's summary does not start with \"When\".",
    docs: r##"## What it does
Reports an operation with `x-ms-trigger` whose `summary` does not start with the word "When"
or "Whenever" (any case; "Triggers when …" and a leading "DEPRECATED" are accepted).
Internal and deprecated triggers are not reported.

## Why
Reviewers ask for trigger names of the form "When a task is created" (reviewer practice #9:
PRs #907, #914), as Microsoft's own connectors name theirs, so a flow reads as a sentence.
A warning.

On the 208 recently merged corpus connectors it reports 29 (13.9%; 38 before "Triggers
when" and deprecated triggers were accepted), with names like "On change", "Subscribe to
events", "Create webhook". Each is a true instance (the name does not say when the flow
runs), so it is not narrowed further.

## Example
```json
"summary": "New task", "x-ms-trigger": "batch"
```

## How to fix
`"summary": "When a task is created"`.
"##,
    check: check_trigger,
});

rule!(TitlePlaceholder {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: None,
    summary: "`info.title` is a placeholder (\"Default title\", \"My connector\").",
    docs: r##"## What it does
Reports an `info.title` (without the independent publisher suffix) that is a template's
placeholder: "Default title", "Title", "Untitled", "My connector", "My API", "Custom
connector", "New connector", "Test", "Test connector", "Sample", "Sample connector",
"Connector" (ignoring case, spaces and punctuation).

## Why
The title is the connector's name everywhere in the product; reviewers ask for the service's
real name (reviewer practice #7: PRs #629, #3500). A warning.

## Example
```json
"info": {"title": "Default title", "version": "1.0"}
```

## How to fix
`"title": "Contoso Tasks"`.
"##,
    check: check_title,
});

rule!(IndependentPublisherTitleSuffixMissing {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: Safe,
    summary: "An independent publisher's `info.title` lacks \" (Independent Publisher)\".",
    docs: r##"## What it does
Reports an independent publisher connector (in `independent-publisher-connectors/`, or checked
with `--publisher independent`) whose `info.title` does not end in "(Independent Publisher)".
The safe fix appends the suffix. The brand colour `#da3b01` alone does not make a connector an
independent publisher's (a certified connector of the corpus uses it): every rule decides the
publisher the same way.

## Why
Independent publisher connectors are listed with the suffix, and reviewers ask for it (reviewer
practice #7: PRs #629, #3500). A warning.

## Example
```json
"info": {"title": "Bing Search", "version": "1.0"}
```

## How to fix
`"title": "Bing Search (Independent Publisher)"`.
"##,
    check: check_suffix,
});

/// A summary that is one identifier: no spaces, with an underscore or a lower-to-upper case
/// change inside (camelCase).
fn is_identifier(summary: &str) -> bool {
    let s = summary.trim();
    if s.is_empty() || s.contains(char::is_whitespace) {
        return false;
    }
    if !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return false;
    }
    let camel = s
        .as_bytes()
        .windows(2)
        .skip(1)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    s.contains('_') || camel && s.as_bytes()[0].is_ascii_lowercase()
}

fn is_internal(node: Node) -> bool {
    node.get_str("x-ms-visibility") == Some("internal")
}

fn check_identifier(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        if is_internal(op.node) {
            continue;
        }
        let Some(s) = op.node.get("summary").filter(Node::is_string) else {
            continue;
        };
        if s.as_str().is_some_and(is_identifier) {
            out.at(
                s,
                format!(
                    "The summary of '{}' is an identifier; write the action's name in words \
                     (\"List boards\", not \"list_boards\").",
                    op.display_name()
                ),
            );
        }
    }
}

fn check_trigger(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        if !op.is_trigger() || is_internal(op.node) {
            continue;
        }
        let Some(s) = op.node.get("summary").filter(Node::is_string) else {
            continue;
        };
        let text = s.as_str().unwrap_or("");
        if op.node.get("deprecated").and_then(|d| d.as_bool()) == Some(true) {
            continue;
        }
        if !says_when(text) {
            out.at(
                s,
                format!(
                    "The summary of the trigger '{}' should start with \"When\" (\"When a task is created\").",
                    op.display_name()
                ),
            );
        }
    }
}

/// Whether a trigger summary says when it fires: "When …" or "Whenever …", also after
/// "Triggers" and after a deprecation mark ("DEPRECATED: When …").
fn says_when(summary: &str) -> bool {
    let words: Vec<String> = summary
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut rest = words.as_slice();
    if rest.first().is_some_and(|w| w == "deprecated") {
        rest = &rest[1..];
    }
    if rest
        .first()
        .is_some_and(|w| w == "triggers" || w == "trigger")
    {
        rest = &rest[1..];
    }
    words.is_empty() || rest.first().is_some_and(|w| w == "when" || w == "whenever")
}

/// Placeholder titles, normalised ([`normalize`]).
const PLACEHOLDER_TITLES: &[&str] = &[
    "defaulttitle",
    "title",
    "untitled",
    "myconnector",
    "myapi",
    "customconnector",
    "newconnector",
    "test",
    "testconnector",
    "sample",
    "sampleconnector",
    "connector",
];

const SUFFIX: &str = "(Independent Publisher)";

/// The title without the independent publisher suffix.
fn title_name(title: &str) -> &str {
    let t = title.trim_end();
    match t.len().checked_sub(SUFFIX.len()) {
        Some(cut) if t.is_char_boundary(cut) && t[cut..].eq_ignore_ascii_case(SUFFIX) => {
            t[..cut].trim_end()
        }
        _ => t,
    }
}

fn check_title(cx: &Context, out: &mut Report) {
    let Some(title) = cx
        .swagger
        .and_then(|sw| sw.info())
        .and_then(|i| i.get("title"))
        .filter(Node::is_string)
    else {
        return;
    };
    let name = normalize(title_name(title.as_str().unwrap_or("")));
    if PLACEHOLDER_TITLES.contains(&name.as_str()) {
        out.at(
            title,
            "The title is a placeholder; use the service's real name (\"Contoso Tasks\").",
        );
    }
}

fn check_suffix(cx: &Context, out: &mut Report) {
    if cx.publisher != Publisher::Independent {
        return;
    }
    let Some(title) = cx
        .swagger
        .and_then(|sw| sw.info())
        .and_then(|i| i.get("title"))
        .filter(Node::is_string)
    else {
        return;
    };
    let text = title.as_str().unwrap_or("");
    if text.trim().is_empty() || title_name(text).len() != text.trim_end().len() {
        return;
    }
    let fixed = format!("{} {SUFFIX}", text.trim_end());
    let fix = Fix::new(
        format!("Append \"{SUFFIX}\" to the title"),
        Safety::Safe,
        vec![fix::replace_value(
            FileKind::Swagger,
            title,
            &serde_json::Value::String(fixed),
        )],
    );
    out.at(
        title,
        format!("An independent publisher's title ends in \"{SUFFIX}\"."),
    )
    .with_fix(fix);
}

rule!(IndependentPublisherTitleChanged {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: None,
    summary: "An independent publisher's `info.title` changed since `--base` (check --base only).",
    docs: r##"## What it does
Under `check --base REF` (and in `connector-ls diff`'s fixtures), reports an independent
publisher connector (as `IndependentPublisherTitleSuffixMissing` decides it) whose
`info.title` differs from the title at `REF` (compared with surrounding spaces trimmed).
Without a base the rule reports nothing.

## Why
An independent publisher connector's title is its identity in the product; reviewers ask for
it to stay the same in an update (reviewer practice #7: PRs #629, #3500), as flows find the
connector by it. A warning.

## Example
`"title": "Bing Search (Independent Publisher)"` at the base, `"title": "Bing Web Search
(Independent Publisher)"` now.

## How to fix
Keep the published title; describe the change in the description instead.
"##,
    check: |_, _| {},
});

/// Whether `package` is an independent publisher's, as every rule decides it
/// ([`Package::detect_publisher`](crate::package::Package::detect_publisher)).
fn is_independent(package: &crate::package::Package) -> bool {
    package.publisher == Publisher::Independent
}

/// The [`IndependentPublisherTitleChanged`] finding of `new` against `old`.
pub fn title_changed(
    old: &crate::package::Package,
    new: &crate::package::Package,
) -> Option<crate::rules::Finding> {
    if !is_independent(new) {
        return None;
    }
    fn title(p: &crate::package::Package) -> Option<Node<'_>> {
        p.swagger
            .as_ref()
            .and_then(|d| d.tree().root())
            .and_then(|r| r.path(&["info", "title"]))
            .filter(Node::is_string)
    }
    let (before, after) = (title(old)?, title(new)?);
    let was = before.as_str()?.trim();
    if was == after.as_str()?.trim() {
        return None;
    }
    Some(crate::rules::Finding {
        code: IndependentPublisherTitleChanged.code,
        severity: IndependentPublisherTitleChanged.severity,
        message: format!(
            "An independent publisher's title stays the same in an update; it was \"{}\".",
            was.escape_debug()
        ),
        file: FileKind::Swagger,
        pointer: after.pointer(),
        range: after.range(),
        fix: None,
        related: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert!(is_identifier("list_boards"));
        assert!(is_identifier("getItems"));
        assert!(!is_identifier("Get items"));
        assert!(!is_identifier("Search"));
        assert!(!is_identifier("OAuth"));
        assert!(!is_identifier("GetItems (V2)"));
        assert!(!is_identifier("eBay"));
        assert_eq!(title_name("Bing (Independent Publisher)"), "Bing");
        assert!(says_when("When a task is created"));
        assert!(says_when("Triggers when a task is created"));
        assert!(says_when("DEPRECATED: When a task is created"));
        assert!(!says_when("On new task"));
    }
}
