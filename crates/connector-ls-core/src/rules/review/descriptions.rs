//! Descriptions that say nothing: a repeat of the name or label they describe, or a
//! placeholder word.

use crate::json::{Node, NodeId};
use crate::rules::{rule, Context, Patch, Report};

use super::{normalize, normalized, normalizes_to};

rule!(DescriptionRepeatsName {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: None,
    summary: "A description only repeats the name, label or summary it belongs to.",
    docs: r##"## What it does
Reports a `description` that, ignoring case, spaces and punctuation, equals:
- for a parameter, its `name` or its `x-ms-summary`;
- for an operation, its `summary`.

Internal parameters (`x-ms-visibility: internal`) are not reported: no one sees their
descriptions. Schema properties are not read: they repeat their names in most connectors'
outputs, and an output's description is shown less prominently than an input's tooltip.

## Why
Reviewers ask for descriptions that add information (reviewer practice #8: PRs #864, #2433):
the designer shows the description as the field's tooltip and the operation's explanation
under its title, so a repeat tells the user nothing. A warning.

It fires on many connectors: 118 of the 208 recently merged corpus connectors (56.7%; with
schema properties, 81%), as the reviewer practice's counts (2,384 parameters, 1,167
operations) foretold. It is not narrowed further, because every finding is a true instance —
the text is literally the label, name or summary again — and reviewers ask for it when they
notice; `--ignore DescriptionRepeatsName` turns it off for a legacy connector.

## Example
```json
{"name": "userId", "x-ms-summary": "User ID", "description": "User ID"}
```

## How to fix
Say what the value is for and what it looks like: `"description": "The ID of the user, as
shown in the admin center (e.g. u-1234)."`
"##,
    check: check_repeats,
});

rule!(DescriptionPlaceholder {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: None,
    summary: "A description (or a response's) is a placeholder word such as `default`, `string` or `TODO`.",
    docs: r##"## What it does
Reports a description of `info`, an operation, a parameter, a schema or a response whose whole
text (ignoring case and punctuation) is a placeholder: `default`, `string`, `description`,
`TODO`, `TBD`, `test`, `none`, `n/a`, `no description`, `response`, `desc`.

## Why
Reviewers reject descriptions that mean nothing (reviewer practice #8 and #15: PRs #864,
#2433 — "OK", not "default"): the text is shown to users as a tooltip or an output's
explanation. A warning. `OK` and `Success` are not reported: they say what a response is,
and neither is the wizard's `"default": {"description": "default"}` (the catch-all response
described by its name).

On the 208 recently merged corpus connectors it reports 60 (28.8%), nearly all a success
response described as `default` (what the custom connector wizard writes for every
response). Every finding is a true instance of what reviewers ask to change ("OK", not
"default"), so it is not narrowed further.

## Example
```json
"200": {"description": "default", "schema": {"$ref": "#/definitions/Item"}}
```

## How to fix
Describe it: `"description": "The item, with its owner and labels."`
"##,
    check: check_placeholders,
});

/// Placeholder descriptions, normalised ([`normalize`]).
const PLACEHOLDERS: &[&str] = &[
    "default",
    "string",
    "description",
    "todo",
    "tbd",
    "test",
    "none",
    "na",
    "nodescription",
    "response",
    "desc",
];

/// The length of the longest of [`PLACEHOLDERS`].
const LONGEST_PLACEHOLDER: usize = {
    let mut i = 0;
    let mut longest = 0;
    while i < PLACEHOLDERS.len() {
        if PLACEHOLDERS[i].len() > longest {
            longest = PLACEHOLDERS[i].len();
        }
        i += 1;
    }
    longest
};

fn is_internal(node: Node) -> bool {
    node.get_str("x-ms-visibility") == Some("internal")
}

/// Whether `description` says no more than `other` (both normalised, and `other` not empty).
fn repeats(description: &str, other: &str) -> bool {
    let d = normalized(description);
    d.clone().next().is_some() && d.eq(normalized(other))
}

fn report_repeat(out: &mut Report, description: Node, what: &str) {
    out.at(
        description,
        format!("The description only repeats {what}; say what the value is for."),
    );
}

fn check_repeats(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let (Some(d), Some(summary)) = (
            op.node.get("description").filter(Node::is_string),
            op.node.get_str("summary"),
        ) else {
            continue;
        };
        if repeats(d.as_str().unwrap_or(""), summary) {
            out.at(
                d,
                format!(
                    "The description of '{}' only repeats its summary; say what the operation does.",
                    op.display_name()
                ),
            );
        }
    }
    for p in crate::rules::support::parameter_definitions(cx) {
        if is_internal(p) {
            continue;
        }
        let Some(d) = p.get("description").filter(Node::is_string) else {
            continue;
        };
        let text = d.as_str().unwrap_or("");
        if let Some(label) = p.get_str("x-ms-summary").filter(|l| repeats(text, l)) {
            report_repeat(out, d, &format!("the label '{label}'"));
        } else if let Some(name) = p.get_str("name").filter(|n| repeats(text, n)) {
            report_repeat(out, d, &format!("the parameter name '{name}'"));
        }
    }
}

/// The `default` response the custom connector wizard writes, `"default": {"description":
/// "default"}`: the response for any other status, described by its name.
fn is_wizard_default(code: &str, response: Node) -> bool {
    code == "default"
        && response
            .get_str("description")
            .is_some_and(|d| normalizes_to(d, "default"))
}

/// The descriptions [`DescriptionPlaceholder`] reads: of the info object, operations,
/// responses (but the designer's own `default`), parameter definitions and schemas. A memo
/// ([`Context::memo`]), so that after typing in one of them only that one is checked again
/// ([`PATCH`]).
struct PlaceholderSites(Vec<NodeId>);

fn placeholder_sites(cx: &Context) -> PlaceholderSites {
    let mut out = Vec::new();
    let Some(sw) = cx.swagger else {
        return PlaceholderSites(out);
    };
    let mut add = |holder: Node| {
        if let Some(d) = holder.get("description").filter(Node::is_string) {
            out.push(d.id());
        }
    };
    if let Some(info) = sw.info() {
        add(info);
    }
    for op in sw.operations() {
        add(op.node);
        for (code, r) in op.responses().iter().flat_map(|r| r.members()) {
            if r.is_object() && !is_wizard_default(code, r) {
                add(r);
            }
        }
    }
    let root = sw.root.get("responses").filter(Node::is_object);
    for (code, r) in root.iter().flat_map(|r| r.members()) {
        if r.is_object() && !is_wizard_default(code, r) {
            add(r);
        }
    }
    for p in crate::rules::support::parameter_definitions(cx) {
        add(p);
    }
    for site in cx.schemas() {
        add(site.node);
    }
    PlaceholderSites(out)
}

fn check_placeholders(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let sites = cx.memo(|| placeholder_sites(cx));
    let tree = sw.root.tree();
    for &id in &sites.0 {
        check_placeholder(tree.node(id), out);
    }
}

/// Reports description `d` if it is a placeholder.
fn check_placeholder(d: Node, out: &mut Report) {
    let text = d.as_str().unwrap_or("");
    // Most descriptions are sentences: longer than any placeholder once normalised.
    if normalized(text).nth(LONGEST_PLACEHOLDER).is_some() {
        return;
    }
    let n = normalize(text);
    if PLACEHOLDERS.contains(&n.as_str()) {
        out.at(
            d,
            format!("The description is a placeholder ('{n}'); describe what this is."),
        );
    }
}

/// After typing in a description, [`DescriptionPlaceholder`] checks that description alone.
pub(super) static PATCH: Patch = Patch {
    rule: &DescriptionPlaceholder,
    domain: || std::any::TypeId::of::<PlaceholderSites>(),
    check_one: |cx, node, out| {
        let Some(sw) = cx.swagger else { return false };
        if !std::ptr::eq(node.tree(), sw.root.tree()) {
            return false;
        }
        if !cx.memo(|| placeholder_sites(cx)).0.contains(&node.id()) {
            return false;
        }
        check_placeholder(node, out);
        true
    },
};
