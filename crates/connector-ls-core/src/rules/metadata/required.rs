//! Missing labels and metadata: what the certification validator requires
//! (`RequiredPropertyMissing`) and what certification guidance asks for but the validator does
//! not enforce (`RecommendedPropertyMissing`).

use std::collections::HashSet;

use serde_json::{json, Value};

use super::is_internal;
use crate::json::{Node, NodeId};
use crate::package::swagger::Swagger;
use crate::package::FileKind;
use crate::rules::fix::{insert_member, Edit, Fix, Safety};
use crate::rules::support::title_case;
use crate::rules::{rule, Context, Report};

rule!(RequiredPropertyMissing {
    severity: Error,
    file: Swagger,
    certification: true,
    documented: true,
    fix: Unsafe,
    summary: "A property the certification validator requires is missing.",
    docs: r#"## What it does
Reports a property that the certification validator requires and that is absent:
- `info.description` and `info.contact`;
- the root `x-ms-connector-metadata` array;
- `summary` on every operation that is not `x-ms-visibility: internal`;
- `x-ms-summary` and `description` on every parameter that is not a `body` parameter, is not
  `x-ms-visibility: internal`, and belongs to an operation that is not internal. A parameter
  used through `$ref` is reported once, at its definition under `#/parameters`.

Body parameters, internal parameters and internal operations are not required to carry labels
(certified connectors omit them widely); certification guidance still asks for them on body
parameters, which `RecommendedPropertyMissing` reports.

Severity: error, because the certification pipeline reports each of these as "The '{0}'
property is required." with `##[error]` (path, query and header parameters, including required
headers with a default; operation `summary`; `info.contact` and `info.description`; root
`x-ms-connector-metadata`). The certified connectors that lack them (46 without `info.contact`,
53 without `x-ms-connector-metadata`) were merged before the requirement and not re-validated.

## Why
The designers show `summary` as the action name and `x-ms-summary` as the field label; without
them users see raw identifiers. `info.description`, `info.contact` and the connector metadata
fill the public documentation page of the connector.

## Example
```json
{ "name": "userId", "in": "query", "type": "string" }
```

## How to fix
Add the named property. The quick fixes write a first draft to review: an `x-ms-summary` in
Title Case made from the parameter name (`userId` -> "User ID"), a one-sentence `description`,
an operation `summary` made from the operationId, an `info.contact` skeleton (`name`, `url`,
`email`) and an `x-ms-connector-metadata` skeleton (`Website`, `Privacy policy`, `Categories`).
"#,
    check: check_required,
});

rule!(RecommendedPropertyMissing {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: Unsafe,
    summary:
        "A label certification guidance asks for is missing (the validator does not enforce it).",
    docs: r#"## What it does
Reports properties that Microsoft's certification guidance asks for but the validator does not
enforce:
- `x-ms-summary` and `description` on `body` parameters (of operations and parameters that are
  not `x-ms-visibility: internal`);
- `description` on operations that are not internal;
- `name`, `url` and `email` inside `info.contact`.

Severity: warning. Most certified connectors omit these (over 500 lack `x-ms-summary` on a
body parameter), so reviewers accept their absence; they still improve the designer and the
documentation page.

## Why
The label and help text of a body parameter show when the body is not a plain object, and an
operation's `description` is the tooltip of the action. The contact's name, URL and e-mail
address are shown on the connector's documentation page.

## Example
```json
{ "name": "body", "in": "body", "schema": { "type": "string" } }
```

## How to fix
Add the named property. The quick fix drafts an `x-ms-summary` in Title Case from the
parameter name and a one-sentence `description`.
"#,
    check: check_recommended,
});

const FILE: FileKind = FileKind::Swagger;

fn required_message(name: &str) -> String {
    format!("The '{name}' property is required.")
}

fn recommended_message(name: &str) -> String {
    format!("The '{name}' property is missing; certification guidance asks for it.")
}

/// The visible parameter definitions of visible operations, as node ids with whether each is a
/// body parameter; both rules of this file read them, so they are listed once per check.
struct VisibleParameters(Vec<(NodeId, bool)>);

/// The visible parameter definitions of visible operations, each once (a definition shared by
/// `$ref` or by a path item is checked once), with whether it is a body parameter.
fn visible_parameters<'a>(cx: &Context<'a>, sw: &Swagger<'a>) -> Vec<(Node<'a>, bool)> {
    let found = cx.memo(|| {
        let mut seen: HashSet<NodeId> = HashSet::new();
        let mut out = Vec::new();
        for op in sw.operations() {
            if is_internal(op.node) {
                continue;
            }
            for p in op.parameters() {
                // An unresolved `$ref` is another rule's business.
                if !p.def.is_object() || p.def.get("$ref").is_some() || p.is_internal() {
                    continue;
                }
                if !seen.insert(p.def.id()) {
                    continue;
                }
                out.push((p.def.id(), p.location() == Some("body")));
            }
        }
        VisibleParameters(out)
    });
    let tree = sw.root.tree();
    found
        .0
        .iter()
        .map(|&(id, body)| (tree.node(id), body))
        .collect()
}

/// Lower-cases every word but acronyms ("User ID" -> "user ID").
fn lower_words(label: &str) -> String {
    label
        .split(' ')
        .map(|w| {
            if w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase()) {
                w.to_string()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sentence case: the first word as is, the others lower-cased except acronyms.
fn sentence_case(label: &str) -> String {
    match label.split_once(' ') {
        Some((first, rest)) => format!("{first} {}", lower_words(rest)),
        None => label.to_string(),
    }
}

fn add_x_ms_summary(param: Node) -> Option<Fix> {
    let label = title_case(param.get_str("name")?);
    if label.is_empty() {
        return None;
    }
    let edit = insert_member(
        FILE,
        param,
        Some("name"),
        "x-ms-summary",
        &Value::String(label.clone()),
    );
    Some(Fix::new(
        format!("Add `x-ms-summary` \"{label}\""),
        Safety::Unsafe,
        vec![edit],
    ))
}

fn add_parameter_description(param: Node) -> Option<Fix> {
    let label = title_case(param.get_str("name")?);
    if label.is_empty() {
        return None;
    }
    let text = format!("The {}.", lower_words(&label));
    let after = if param.get("x-ms-summary").is_some() {
        "x-ms-summary"
    } else {
        "name"
    };
    let edit = insert_member(
        FILE,
        param,
        Some(after),
        "description",
        &Value::String(text.clone()),
    );
    Some(Fix::new(
        format!("Add `description` \"{text}\""),
        Safety::Unsafe,
        vec![edit],
    ))
}

fn add_operation_summary(op: Node, path: &str, method: &str) -> Fix {
    let label = match op.get_str("operationId").map(title_case) {
        Some(l) if !l.is_empty() => sentence_case(&l),
        _ => {
            let noun = path
                .rsplit('/')
                .find(|s| !s.is_empty() && !s.starts_with('{'))
                .map(|s| lower_words(&title_case(s)))
                .unwrap_or_default();
            sentence_case(format!("{} {noun}", title_case(method)).trim())
        }
    };
    let edit = insert_member(
        FILE,
        op,
        Some("operationId"),
        "summary",
        &Value::String(label.clone()),
    );
    Fix::new(
        format!("Add `summary` \"{label}\""),
        Safety::Unsafe,
        vec![edit],
    )
}

/// Inserts `"contact": { "name": "", "url": "", "email": "" }` in that order (a rendered
/// `serde_json` map would sort the keys): the object is rendered with `name` alone, then the
/// `name` member is repeated for the other keys with the same separator and indentation.
fn contact_skeleton(info: Node) -> Edit {
    let mut edit = insert_member(FILE, info, None, "contact", &json!({ "name": "" }));
    let member = "\"name\": \"\"";
    if let Some(pos) = edit.new_text.find(member) {
        let before = &edit.new_text[..pos];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let indent = &before[line_start..];
        let separator = if line_start > 0 && indent.chars().all(|c| c == ' ' || c == '\t') {
            let eol = if before[..line_start].ends_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            };
            format!(",{eol}{indent}")
        } else {
            ", ".to_string()
        };
        let members = format!("{member}{separator}\"url\": \"\"{separator}\"email\": \"\"");
        edit.new_text = format!("{before}{members}{}", &edit.new_text[pos + member.len()..]);
    }
    edit
}

fn check_required(cx: &Context, out: &mut Report) {
    let Some(sw) = &cx.swagger else { return };
    if let Some(info) = sw.info() {
        if info.get("description").is_none() {
            let text = match info.get_str("title").map(str::trim) {
                Some(t) if !t.is_empty() => format!("Connect to {t} to automate your work."),
                _ => "Describe the service this connector connects to.".to_string(),
            };
            let edit = insert_member(
                FILE,
                info,
                Some("title"),
                "description",
                &Value::String(text),
            );
            out.missing(info, required_message("description"))
                .with_fix(Fix::new(
                    "Add a draft `description`",
                    Safety::Unsafe,
                    vec![edit],
                ));
        }
        if info.get("contact").is_none() {
            let edit = contact_skeleton(info);
            out.missing(info, required_message("contact"))
                .with_fix(Fix::new(
                    "Add an `info.contact` skeleton",
                    Safety::Unsafe,
                    vec![edit],
                ));
        }
    }
    if sw.root.get("x-ms-connector-metadata").is_none() {
        let items: Vec<Value> = ["Website", "Privacy policy", "Categories"]
            .iter()
            .map(|n| json!({ "propertyName": n, "propertyValue": "" }))
            .collect();
        let edit = insert_member(
            FILE,
            sw.root,
            None,
            "x-ms-connector-metadata",
            &Value::Array(items),
        );
        out.missing(sw.root, required_message("x-ms-connector-metadata"))
            .with_fix(Fix::new(
                "Add an `x-ms-connector-metadata` skeleton",
                Safety::Unsafe,
                vec![edit],
            ));
    }
    for op in sw.operations() {
        if !is_internal(op.node) && op.node.get("summary").is_none() {
            let fix = add_operation_summary(op.node, op.path, op.method);
            out.missing(op.node, required_message("summary"))
                .with_fix(fix);
        }
    }
    for (param, is_body) in visible_parameters(cx, sw) {
        if is_body {
            continue;
        }
        if param.get("x-ms-summary").is_none() {
            let f = out.missing(param, required_message("x-ms-summary"));
            if let Some(fix) = add_x_ms_summary(param) {
                f.with_fix(fix);
            }
        }
        if param.get("description").is_none() {
            let f = out.missing(param, required_message("description"));
            if let Some(fix) = add_parameter_description(param) {
                f.with_fix(fix);
            }
        }
    }
}

fn check_recommended(cx: &Context, out: &mut Report) {
    let Some(sw) = &cx.swagger else { return };
    if let Some(contact) = sw
        .info()
        .and_then(|i| i.get("contact"))
        .filter(Node::is_object)
    {
        for key in ["name", "url", "email"] {
            if contact.get(key).is_none() {
                let edit = insert_member(FILE, contact, None, key, &Value::String(String::new()));
                out.missing(contact, recommended_message(key))
                    .with_fix(Fix::new(
                        format!("Add an empty `{key}` to fill in"),
                        Safety::Unsafe,
                        vec![edit],
                    ));
            }
        }
    }
    for op in sw.operations() {
        if !is_internal(op.node) && op.node.get("description").is_none() {
            out.missing(op.node, recommended_message("description"));
        }
    }
    for (param, is_body) in visible_parameters(cx, sw) {
        if !is_body {
            continue;
        }
        if param.get("x-ms-summary").is_none() {
            let f = out.missing(param, recommended_message("x-ms-summary"));
            if let Some(fix) = add_x_ms_summary(param) {
                f.with_fix(fix);
            }
        }
        if param.get("description").is_none() {
            let f = out.missing(param, recommended_message("description"));
            if let Some(fix) = add_parameter_description(param) {
                f.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_skeleton_keeps_order_and_style() {
        for (text, expected) in [
            (
                "{\r\n  \"info\": {\r\n    \"title\": \"T\"\r\n  }\r\n}",
                "{\r\n  \"info\": {\r\n    \"title\": \"T\",\r\n    \"contact\": {\r\n      \"name\": \"\",\r\n      \"url\": \"\",\r\n      \"email\": \"\"\r\n    }\r\n  }\r\n}",
            ),
            (
                r#"{"info": {"title": "T"}}"#,
                r#"{"info": {"title": "T", "contact": { "name": "", "url": "", "email": "" }}}"#,
            ),
        ] {
            let p = crate::json::parse(text);
            let info = p.tree.resolve("/info").unwrap();
            let e = contact_skeleton(info);
            assert_eq!(crate::rules::fix::apply(text, &[&e]), expected);
        }
    }

    #[test]
    fn casing() {
        assert_eq!(lower_words("User ID"), "user ID");
        assert_eq!(sentence_case("Get User By ID"), "Get user by ID");
        assert_eq!(sentence_case("List"), "List");
    }
}
