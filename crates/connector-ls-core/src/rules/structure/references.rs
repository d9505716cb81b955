//! Every `$ref` in a schema, parameter list or response map must be a local pointer into the
//! right section (`#/definitions/`, `#/parameters/`, `#/responses/`) and must resolve.
//! Nothing is ever fetched: external references are reported as not valid.

use std::collections::HashMap;

use serde_json::json;

use super::for_each_schema;
use super::json_pointer::pointer_defect;
use crate::json::{escape_token, Node, NodeId};
use crate::package::swagger::{Swagger, METHODS};
use crate::package::FileKind;
use crate::rules::fix::replace_value;
use crate::rules::support::did_you_mean;
use crate::rules::{rule, Context, Fix, Report, Safety};

/// Which kind of object a `$ref` stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum RefKind {
    Schema,
    Parameter,
    Response,
}

impl RefKind {
    pub(super) fn prefix(self) -> &'static str {
        match self {
            RefKind::Schema => "#/definitions/",
            RefKind::Parameter => "#/parameters/",
            RefKind::Response => "#/responses/",
        }
    }

    fn section(self) -> &'static str {
        &self.prefix()[2..self.prefix().len() - 1]
    }

    fn noun(self) -> &'static str {
        match self {
            RefKind::Schema => "schema",
            RefKind::Parameter => "parameter",
            RefKind::Response => "response",
        }
    }
}

macro_rules! ref_rule {
    ($name:ident, $fix:ident, $summary:literal, $docs:literal, $check:ident) => {
        rule!($name {
            severity: Error,
            file: Swagger,
            certification: false,
            documented: true,
            fix: $fix,
            summary: $summary,
            docs: $docs,
            check: $check,
        });
    };
}

ref_rule!(
    SchemaReferenceNotFound,
    Unsafe,
    "A schema `$ref` points to a definition that does not exist.",
    r##"## What it does
Reports a schema `$ref` of the form `#/definitions/...` that does not resolve: in definitions,
in body parameter and response schemas, and in their properties, items, additionalProperties
and allOf members, at any depth.

## Why
The platform cannot build the request or response shape from a schema it cannot find; the
definition is refused. Error.

## Example
```json
"schema": { "$ref": "#/definitions/Itme" },
"definitions": { "Item": { "type": "object" } }
```

## How to fix
Fix the name or add the definition. When a definition with a close name exists, the quick fix
points the reference at it.
"##,
    check_schema_not_found
);

ref_rule!(
    SchemaReferenceNotValid,
    None,
    "A schema `$ref` does not start with `#/definitions/` (external files included).",
    r##"## What it does
Reports a schema `$ref` that is not a local JSON pointer into `definitions`: references to other
files or URLs (`common.json#/definitions/Item`) or to other sections (`#/parameters/...`).
Malformed local pointers (`#definitions/Item`, a trailing `/`, a `~` not followed by `0` or
`1`) are reported by `JsonPointerNotValid` instead.

## Why
A connector is a single self-contained document: the platform never loads other files, and a
schema can only come from `definitions`. Error.

## Example
```json
"schema": { "$ref": "models.json#/definitions/Item" }
```

## How to fix
Copy the schema into `definitions` and reference it as `#/definitions/Item`.
"##,
    check_schema_not_valid
);

ref_rule!(
    ParameterReferenceNotFound,
    Unsafe,
    "A parameter `$ref` points to a root parameter that does not exist.",
    r##"## What it does
Reports a `$ref` in a `parameters` list (of an operation or a path item) of the form
`#/parameters/...` whose target is missing from the root `parameters` section.

## Why
The operation would lose that input; the platform refuses the definition. Error.

## Example
```json
"parameters": [ { "$ref": "#/parameters/pageSise" } ]
```

## How to fix
Fix the name or add the parameter under the root `parameters`. When a parameter with a close
name exists, the quick fix points the reference at it.
"##,
    check_parameter_not_found
);

ref_rule!(
    ParameterReferenceNotValid,
    None,
    "A parameter `$ref` does not start with `#/parameters/` (external files included).",
    r##"## What it does
Reports a `$ref` in a `parameters` list that is not a local pointer into the root `parameters`
section: references to other files or URLs, or to `#/definitions/...`. Malformed local
pointers are reported by `JsonPointerNotValid` instead.

## Why
Parameters can only be shared through the root `parameters` section of the same document; the
platform loads no other file. Error.

## Example
```json
"parameters": [ { "$ref": "#/definitions/PageSize" } ]
```

## How to fix
Define the parameter under the root `parameters` and reference it as `#/parameters/PageSize`.
"##,
    check_parameter_not_valid
);

ref_rule!(
    ResponseReferenceNotFound,
    Unsafe,
    "A response `$ref` points to a root response that does not exist.",
    r##"## What it does
Reports a `$ref` used as an operation's response (`"404": { "$ref": "#/responses/..." }`) whose
target is missing from the root `responses` section.

## Why
The response cannot be described; the platform refuses the definition. Error.

## Example
```json
"responses": { "404": { "$ref": "#/responses/NotFuond" } }
```

## How to fix
Fix the name or add the response under the root `responses`. When a response with a close name
exists, the quick fix points the reference at it.
"##,
    check_response_not_found
);

ref_rule!(
    ResponseReferenceNotValid,
    None,
    "A response `$ref` does not start with `#/responses/` (external files included).",
    r##"## What it does
Reports a `$ref` used as an operation's response that is not a local pointer into the root
`responses` section: references to other files or URLs, or to `#/definitions/...` (a schema is
not a response). Malformed local pointers are reported by `JsonPointerNotValid` instead.

## Why
Responses can only be shared through the root `responses` section of the same document. Error.

## Example
```json
"responses": { "200": { "$ref": "#/definitions/Item" } }
```

## How to fix
Reference a root response (`#/responses/ItemResponse`), or write the response inline with the
schema inside: `"200": { "description": "OK", "schema": { "$ref": "#/definitions/Item" } }`.
"##,
    check_response_not_valid
);

/// The `$ref` members of the document, by kind (in [`RefKind`] order). Found once per check
/// ([`Context::memo`]): the not-valid, not-found and JSON-pointer rules all read them, and the
/// schema walk that finds them is one of the longest of the check.
struct Refs([Vec<NodeId>; 3]);

/// Calls `f` with every `$ref` string node of `kind` in the document.
pub(super) fn for_each_ref<'a>(
    cx: &Context<'a>,
    kind: RefKind,
    mut f: impl FnMut(Node<'a>, &'a str),
) {
    let Some(sw) = cx.swagger else { return };
    let refs = cx.memo(|| {
        Refs(
            [RefKind::Schema, RefKind::Parameter, RefKind::Response].map(|kind| {
                let mut ids = Vec::new();
                find_refs(cx, kind, |r| ids.push(r.id()));
                ids
            }),
        )
    });
    let tree = sw.root.tree();
    for &id in &refs.0[kind as usize] {
        let r = tree.node(id);
        // A non-string `$ref` is passed as its source text, which no rule accepts as valid.
        f(r, r.as_str().unwrap_or(r.source()));
    }
}

/// Calls `f` with every `$ref` member of `kind` in the document, in document order.
fn find_refs<'a>(cx: &Context<'a>, kind: RefKind, mut f: impl FnMut(Node<'a>)) {
    let Some(sw) = cx.swagger else { return };
    let mut visit = |holder: Node<'a>| {
        if let Some(r) = holder.get("$ref") {
            f(r);
        }
    };
    match kind {
        RefKind::Schema => for_each_schema(cx, visit),
        RefKind::Parameter | RefKind::Response => {
            // The root section's own entries (aliases, see the RefLoop rules) must point
            // somewhere valid too.
            sw.root
                .get(kind.section())
                .iter()
                .flat_map(|s| s.members())
                .for_each(|(_, entry)| visit(entry));
            for (_, item) in sw.paths().iter().flat_map(|p| p.members()) {
                if kind == RefKind::Parameter {
                    item.get("parameters")
                        .iter()
                        .flat_map(|l| l.items())
                        .for_each(&mut visit);
                }
                for (method, op) in item.members() {
                    if !METHODS.iter().any(|m| m.eq_ignore_ascii_case(method)) {
                        continue;
                    }
                    match kind {
                        RefKind::Parameter => op
                            .get("parameters")
                            .iter()
                            .flat_map(|l| l.items())
                            .for_each(&mut visit),
                        _ => op
                            .get("responses")
                            .iter()
                            .flat_map(|r| r.members())
                            .for_each(|(_, r)| visit(r)),
                    }
                }
            }
        }
    }
}

/// A well-formed local pointer into the kind's section, naming something.
fn is_valid(kind: RefKind, r: &str) -> bool {
    let Some(rest) = r.strip_prefix(kind.prefix()) else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    let b = rest.as_bytes();
    b.iter()
        .enumerate()
        .all(|(i, &c)| c != b'~' || matches!(b.get(i + 1), Some(b'0' | b'1')))
}

/// The members of a root section by name (the last of duplicates wins, as in `Node::get`), so
/// that resolving many references does not rescan the section each time.
fn section_index<'a>(sw: Swagger<'a>, kind: RefKind) -> HashMap<&'a str, Node<'a>> {
    sw.root
        .get(kind.section())
        .iter()
        .flat_map(|s| s.members())
        .collect()
}

/// Resolves a reference, also trying it percent-decoded (URI fragments may be encoded).
fn resolves(sw: Swagger, index: &HashMap<&str, Node>, kind: RefKind, r: &str) -> bool {
    let rest = &r[kind.prefix().len()..];
    if !rest.bytes().any(|b| matches!(b, b'/' | b'~' | b'%')) {
        return index.contains_key(rest);
    }
    if sw.resolve_ref(r).is_some() {
        return true;
    }
    r.contains('%') && percent_decode(r).is_some_and(|d| sw.resolve_ref(&d).is_some())
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn check_not_valid(cx: &Context, out: &mut Report, kind: RefKind) {
    if cx.swagger.is_none() {
        return;
    }
    let noun = kind.noun();
    let noun_cap = match kind {
        RefKind::Schema => "Schema",
        RefKind::Parameter => "Parameter",
        RefKind::Response => "Response",
    };
    let prefix = kind.prefix();
    for_each_ref(cx, kind, |node, r| {
        // A malformed local pointer is `JsonPointerNotValid`'s finding.
        if is_valid(kind, r) || pointer_defect(r).is_some() {
            return;
        }
        out.at(
            node,
            format!(
                "The {noun} reference '{r}' is not valid. {noun_cap} references must start with '{prefix}' and be valid JSON Pointers."
            ),
        );
    });
}

fn check_not_found(cx: &Context, out: &mut Report, kind: RefKind) {
    let Some(sw) = cx.swagger else { return };
    let noun = kind.noun();
    let index = section_index(sw, kind);
    for_each_ref(cx, kind, |node, r| {
        if !is_valid(kind, r) || pointer_defect(r).is_some() || resolves(sw, &index, kind, r) {
            return;
        }
        let f = out.at(
            node,
            format!("The {noun} reference '{r}' could not be found in the swagger document."),
        );
        // Only a plain name (no deeper pointer) gets a suggestion.
        let name = &r[kind.prefix().len()..];
        if name.contains('/') {
            return;
        }
        let section = sw.root.get(kind.section());
        let candidates = section.iter().flat_map(|s| s.members().map(|(k, _)| k));
        if let Some(best) = did_you_mean(name, candidates) {
            let target = format!("{}{}", kind.prefix(), escape_token(best));
            f.with_fix(Fix::new(
                format!("Change the reference to '{target}'"),
                Safety::Unsafe,
                vec![replace_value(FileKind::Swagger, node, &json!(target))],
            ));
        }
    });
}

fn check_schema_not_found(cx: &Context, out: &mut Report) {
    check_not_found(cx, out, RefKind::Schema);
}
fn check_schema_not_valid(cx: &Context, out: &mut Report) {
    check_not_valid(cx, out, RefKind::Schema);
}
fn check_parameter_not_found(cx: &Context, out: &mut Report) {
    check_not_found(cx, out, RefKind::Parameter);
}
fn check_parameter_not_valid(cx: &Context, out: &mut Report) {
    check_not_valid(cx, out, RefKind::Parameter);
}
fn check_response_not_found(cx: &Context, out: &mut Report) {
    check_not_found(cx, out, RefKind::Response);
}
fn check_response_not_valid(cx: &Context, out: &mut Report) {
    check_not_valid(cx, out, RefKind::Response);
}
