//! The paths a dynamic extension reads from the response of the operation it calls must exist
//! in that operation's successful response schema: the collection must be an array, and the
//! value and title paths properties of its items (or of the response, for a schema path).
//!
//! Open schemas are unknown, not wrong: a schema without `properties`, with
//! `additionalProperties`, with `allOf` / composition the walk does not merge, with its own
//! `x-ms-dynamic-schema`, or a broken `$ref` stops the walk without a finding.

use crate::json::Node;
use crate::package::swagger::{Operation, Swagger};
use crate::package::FileKind;
use crate::rules::{rule, Context, Report};

rule!(InvokedOperationShouldProduceArray {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "The collection path of a dynamic extension is not an array in the called operation's response.",
    docs: r#"## What it does
Follows the successful response schema (the first `2xx` with a schema, else `default`) of the
operation an `x-ms-dynamic-values`, an `x-ms-dynamic-list` or the `open` / `browse` call of an
`x-ms-dynamic-tree` calls, through `$ref`, along `value-collection` / `itemsPath` (or takes the
response itself when no path is given), and
reports the path when what it reaches is declared and is not an array. Open schemas (no
`properties`, `additionalProperties`, `allOf`, an `x-ms-dynamic-schema`) are not reported: what
they hold is unknown.

## Why
The designer fills the drop-down from the items of that array. When the called operation
declares something else there, the list is empty at run time. The validator reports it.

It is a warning here, not an error: 19 certified connectors declare a collection their called
operation does not (a `value` the schema calls `values`, an array answered as an object), so
the validator does not enforce it on every package.

## Example
```json
"x-ms-dynamic-values": { "operationId": "ListProjects", "value-collection": "items", "value-path": "id" }
```
while `ListProjects` answers `{ "type": "object", "properties": { "value": { "type": "array" } } }`.

## How to fix
Point the collection path at the array (`value` here), or declare the array in the called
operation's `200` response schema.
"#,
    check: check_array,
});

rule!(InvokedOperationShouldProduceProperty {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A value or title path of a dynamic extension is not a property of the called operation's response.",
    docs: r#"## What it does
Follows the successful response schema (the first `2xx` with a schema, else `default`) of the
operation a dynamic extension calls, through `$ref`, and reports a path that names a property
the schema does not declare:
- `value-path` / `value-title` of `x-ms-dynamic-values` and `itemValuePath` / `itemTitlePath` of
  `x-ms-dynamic-list` and of a tree's `open` / `browse`, inside the items of the collection;
- `value-path` of `x-ms-dynamic-schema` and `itemValuePath` of `x-ms-dynamic-properties`, from
  the response itself.

A step into an open schema (no `properties`, `additionalProperties`, `allOf`, an
`x-ms-dynamic-schema`, a broken `$ref`) ends the walk without a finding.

## Why
The designer reads the value and the display text of each item, or the schema, at that path.
A property the called operation never returns leaves the drop-down blank or the fields missing.
The validator reports it.

It is a warning here, not an error: 14 certified connectors read properties their called operation
does not declare, so the validator does not enforce it on every package. Names are compared
without regard to case (`Name` finds a declared `name`), as certified connectors rely on.

## Example
```json
"x-ms-dynamic-values": { "operationId": "ListProjects", "value-collection": "value", "value-path": "projectId" }
```
while the items of `value` only declare `id` and `name`.

## How to fix
Use the property's real name (`id`), or declare it in the response schema of the called
operation.
"#,
    check: check_property,
});

/// What a walk along a path found.
#[derive(Clone, Copy)]
enum Found<'a> {
    /// The schema at the end of the path (dereferenced).
    Schema(Node<'a>),
    /// The path leaves the declared schema.
    Missing,
    /// The schema on the way is open: anything may be there.
    Unknown,
}

/// The successful response schema of `op`: the first `2xx` with a schema, else `default`.
/// `None` when the operation declares none (nothing to compare against).
fn response_schema<'a>(sw: &Swagger<'a>, op: &Operation<'a>) -> Option<Node<'a>> {
    let responses = op.responses()?;
    let schema_of = |r: Node<'a>| sw.deref(r).and_then(|r| r.get("schema"));
    responses
        .members()
        .filter(|(code, _)| code.len() == 3 && code.starts_with('2'))
        .find_map(|(_, r)| schema_of(r))
        .or_else(|| responses.get("default").and_then(schema_of))
}

/// Whether `schema` says nothing definite about its members.
fn is_open(schema: Node) -> bool {
    [
        "x-ms-dynamic-schema",
        "x-ms-dynamic-properties",
        "allOf",
        "anyOf",
        "oneOf",
    ]
    .iter()
    .any(|k| schema.get(k).is_some())
        || schema
            .get("additionalProperties")
            .is_some_and(|a| a.as_bool() != Some(false))
}

/// One step from `schema` to its property `seg`.
fn step<'a>(sw: &Swagger<'a>, schema: Node<'a>, seg: &str) -> Found<'a> {
    let Some(schema) = sw.deref(schema) else {
        return Found::Unknown;
    };
    if is_open(schema) {
        return Found::Unknown;
    }
    match schema.get("properties") {
        // Names are matched case-insensitively, as the platform reads responses (certified
        // connectors rely on it: `Name` for a declared `name`).
        Some(props) if props.is_object() => {
            match props.get(seg).or_else(|| props.get_ignore_case(seg)) {
                Some(p) => sw.deref(p).map_or(Found::Unknown, Found::Schema),
                None => Found::Missing,
            }
        }
        Some(_) => Found::Unknown,
        // Without properties only a declared scalar (or array) is definitely not an object.
        None => match schema.get_str("type") {
            Some("string" | "integer" | "number" | "boolean") => Found::Missing,
            _ => Found::Unknown,
        },
    }
}

/// Walks `path` (`/`-separated property names; empty = `schema` itself) from `schema`.
fn walk<'a>(sw: &Swagger<'a>, schema: Node<'a>, path: &str) -> Found<'a> {
    let Some(mut cur) = sw.deref(schema) else {
        return Found::Unknown;
    };
    for seg in path.split('/').filter(|s| !s.is_empty()).take(32) {
        match step(sw, cur, seg) {
            Found::Schema(s) => cur = s,
            other => return other,
        }
    }
    Found::Schema(cur)
}

/// The items of an array schema: `Some(Ok(items))`, `Some(Err(()))` when the schema is declared
/// and is not an array, `None` when unknown.
fn array_items<'a>(sw: &Swagger<'a>, schema: Node<'a>) -> Option<Result<Node<'a>, ()>> {
    let schema = sw.deref(schema)?;
    if is_open(schema) {
        return None;
    }
    match (schema.get_str("type"), schema.get("items")) {
        (Some("array") | None, Some(items)) => Some(Ok(items)),
        (Some("array"), None) => None,
        (Some(_), _) => Some(Err(())),
        // Untyped: an object with declared properties is not an array; otherwise unknown.
        (None, None) => schema
            .get("properties")
            .filter(|p| p.is_object())
            .map(|_| Err(())),
    }
}

/// The member names of an extension's call, per extension.
struct Spec {
    ext: &'static str,
    /// The collection path (`None` for extensions reading a single object).
    collection: Option<&'static str>,
    /// Paths read inside each item (or from the response, without a collection).
    paths: &'static [&'static str],
}

const SPECS: [Spec; 5] = [
    Spec {
        ext: "x-ms-dynamic-values",
        collection: Some("value-collection"),
        paths: &["value-path", "value-title"],
    },
    Spec {
        ext: "x-ms-dynamic-list",
        collection: Some("itemsPath"),
        paths: &["itemValuePath", "itemTitlePath"],
    },
    Spec {
        ext: "x-ms-dynamic-schema",
        collection: None,
        paths: &["value-path"],
    },
    Spec {
        ext: "x-ms-dynamic-properties",
        collection: None,
        paths: &["itemValuePath"],
    },
    // The `open` and `browse` calls of a tree (matched by the holder, not the extension).
    Spec {
        ext: "x-ms-dynamic-tree",
        collection: Some("itemsPath"),
        paths: &["itemValuePath", "itemTitlePath"],
    },
];

/// What a problem is about.
enum Problem<'a> {
    /// The collection (node: the path member, or the `operationId` when the path is implicit).
    Array(Node<'a>, &'a str),
    /// A property path member.
    Property(Node<'a>, &'a str),
}

/// Calls `f` with each problem, the called operation's id and its response schema (as written).
fn for_each_problem<'a>(cx: &Context<'a>, mut f: impl FnMut(Problem<'a>, &'a str, Node<'a>)) {
    let Some(sw) = cx.swagger else { return };
    let ops = super::operations_by_id(cx);
    let mut calls = Vec::new();
    crate::rules::extensions::for_each_effective(cx, |ext, value| {
        let Some(spec) = SPECS.iter().find(|s| s.ext == ext.name) else {
            return;
        };
        if ext.name == "x-ms-dynamic-tree" {
            let holders = ["open", "browse"].into_iter().filter_map(|k| value.get(k));
            calls.extend(holders.filter(Node::is_object).map(|h| (spec, h)));
        } else if value.is_object() {
            calls.push((spec, value));
        }
    });
    for (spec, value) in calls {
        let Some(id_node) = value.get("operationId") else {
            continue;
        };
        let Some((id, op)) = id_node
            .as_str()
            .and_then(|id| ops.get(id).map(|op| (id, op)))
        else {
            continue;
        };
        let Some(root) = response_schema(&sw, &op) else {
            continue;
        };
        let base = match spec.collection {
            None => Some(root),
            Some(member) => {
                let path_node = value.get(member).filter(Node::is_string);
                let path = path_node.and_then(|p| p.as_str()).unwrap_or("");
                match walk(&sw, root, path) {
                    Found::Schema(s) => match array_items(&sw, s) {
                        Some(Ok(items)) => Some(items),
                        Some(Err(())) => {
                            f(Problem::Array(path_node.unwrap_or(id_node), path), id, root);
                            None
                        }
                        None => None,
                    },
                    Found::Missing => {
                        f(Problem::Array(path_node.unwrap_or(id_node), path), id, root);
                        None
                    }
                    Found::Unknown => None,
                }
            }
        };
        let Some(base) = base else { continue };
        for member in spec.paths {
            let Some(p) = value.get(member) else { continue };
            let Some(path) = p.as_str() else { continue };
            // A schema path ending in `properties` points at the property map itself.
            let path = if spec.ext == "x-ms-dynamic-schema" {
                let p = path.trim_end_matches('/');
                match p.rsplit_once('/') {
                    Some((head, "properties")) => head,
                    None if p == "properties" => "",
                    _ => p,
                }
            } else {
                path
            };
            if let Found::Missing = walk(&sw, base, path) {
                f(Problem::Property(p, p.as_str().unwrap_or(path)), id, root);
            }
        }
    }
}

fn check_array(cx: &Context, out: &mut Report) {
    for_each_problem(cx, |problem, id, root| {
        if let Problem::Array(node, path) = problem {
            out.at(
                node,
                format!("The dynamic operation expects an array on the specified path '{path}' which should be defined in the successful response of the invoked operation '{id}'."),
            )
            .with_related(FileKind::Swagger, root.anchor(), format!("The response schema of '{id}'"));
        }
    });
}

fn check_property(cx: &Context, out: &mut Report) {
    for_each_problem(cx, |problem, id, root| {
        if let Problem::Property(node, path) = problem {
            out.at(
                node,
                format!("The dynamic operation expects a property on the specified path '{path}' which should be defined in the successful response of the invoked operation '{id}'."),
            )
            .with_related(FileKind::Swagger, root.anchor(), format!("The response schema of '{id}'"));
        }
    });
}
