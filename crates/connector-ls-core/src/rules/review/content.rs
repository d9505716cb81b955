//! Empty operations and path items, and retired product names.

use std::sync::LazyLock;

use regex::Regex;

use crate::json::Node;
use crate::package::swagger::METHODS;
use crate::package::FileKind;
use crate::rules::{fix, rule, Context, Fix, Report, Safety};
use crate::text::TextRange;

rule!(EmptyOperationOrPathItem {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: None,
    summary: "A path item has no operation, or an operation object is empty.",
    docs: r##"## What it does
Reports a member of `paths` that holds no operation (no `get`, `post`, `put`, `patch`,
`delete`, `head` or `options`: an empty object, or only `parameters`), and an operation whose
object is empty (`"get": {}`).

## Why
Reviewers ask for empty operations and path items to be removed (reviewer practice #12: PRs
#698, #1690): they are leftovers that the designer cannot show and that make the definition
harder to review. A warning.

On the 208 recently merged corpus connectors it reports 19 (9.1%), nearly all a path item
left as `{}` (`"/api/v2/convert": {}`). Each finding is a true instance (the path or
operation is empty), so the rule is not narrowed.

## Example
```json
"paths": {"/items": {}, "/tasks": {"get": {}}}
```

## How to fix
Remove them, or finish the operation.
"##,
    check: check_empty,
});

rule!(RetiredProductName {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: Safe,
    summary: "A text uses a retired product name (\"Microsoft Flow\", \"PowerApps\").",
    docs: r##"## What it does
Reports "Microsoft Flow" (and "MS Flow") and "PowerApps" in the strings of the swagger and of
`apiProperties.json` and in `readme.md` and `intro.md`; the current names are "Power Automate"
and "Power Apps". "Flow" alone is not reported: it is also an ordinary word, and a flow is
what Power Automate runs. The safe fix rewrites the name in JSON strings (a readme is left
to the author).

## Why
Reviewers ask for the current product names (reviewer practice #14: PR #140), readme
included: the old names were retired in 2019 and confuse users. A warning.

On the 208 recently merged corpus connectors it reports 12 (5.8%). Each finding is a true
instance (the retired name, spelled out), so the rule is not narrowed.

## Example
```json
"description": "Use this connector in Microsoft Flow and PowerApps."
```

## How to fix
`"description": "Use this connector in Power Automate and Power Apps."`
"##,
    check: check_names,
});

fn check_empty(cx: &Context, out: &mut Report) {
    let Some(paths) = cx.swagger.and_then(|sw| sw.paths()) else {
        return;
    };
    for (path, item) in paths.members() {
        if !item.is_object() {
            continue;
        }
        let mut operations = 0;
        for (key, op) in item.members() {
            if !METHODS.contains(&key.to_ascii_lowercase().as_str()) {
                continue;
            }
            operations += 1;
            if op.is_object() && op.is_empty() {
                out.at_key(
                    op,
                    format!("The operation '{key} {path}' is empty; remove it or define it."),
                );
            }
        }
        if operations == 0 && item.get("$ref").is_none() {
            out.at_key(
                item,
                format!("The path '{path}' has no operation; remove it."),
            );
        }
    }
}

/// The retired names and their replacements.
static RETIRED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:(?:Microsoft|MS) Flow|PowerApps)\b").expect("static regex"));

fn replacement(name: &str) -> &'static str {
    if name == "PowerApps" {
        "Power Apps"
    } else {
        "Power Automate"
    }
}

/// Every string of a JSON tree (keys excluded).
fn strings<'a>(node: Node<'a>, out: &mut Vec<Node<'a>>) {
    if node.is_string() {
        out.push(node);
    }
    for child in node.children() {
        strings(child, out);
    }
}

fn check_names(cx: &Context, out: &mut Report) {
    for kind in [FileKind::Swagger, FileKind::ApiProperties] {
        let Some(doc) = cx.package.document(kind) else {
            continue;
        };
        // A cheap look at the raw text first: most packages name neither product.
        if !RETIRED.is_match(doc.text()) {
            continue;
        }
        crate::json::track::note_everything();
        let mut all = Vec::new();
        if let Some(root) = doc.tree().root() {
            strings(root, &mut all);
        }
        for s in all {
            let Some(text) = s.as_str() else { continue };
            let names: Vec<&str> = RETIRED.find_iter(text).map(|m| m.as_str()).collect();
            let Some(first) = names.first() else { continue };
            let fixed =
                RETIRED.replace_all(text, |c: &regex::Captures| replacement(&c[0]).to_string());
            out.at_in(
                kind,
                s,
                format!(
                    "'{first}' is now called '{}'; use the current product name.",
                    replacement(first)
                ),
            )
            .with_fix(Fix::new(
                "Use the current product names",
                Safety::Safe,
                vec![fix::replace_value(
                    kind,
                    s,
                    &serde_json::Value::String(fixed.into_owned()),
                )],
            ));
        }
    }
    for (kind, text) in [
        (FileKind::Readme, cx.package.readme_text()),
        (FileKind::Intro, cx.package.intro_text()),
    ] {
        let Some(text) = text else { continue };
        for m in RETIRED.find_iter(text) {
            out.at_range_in(
                kind,
                String::new(),
                TextRange::from_usize(m.start(), m.end()),
                format!(
                    "'{}' is now called '{}'; use the current product name.",
                    m.as_str(),
                    replacement(m.as_str())
                ),
            );
        }
    }
}
