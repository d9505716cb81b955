//! Our JSON schemas for `apiProperties.json` and `settings.json` (written by us, in `schemas/`).
//!
//! Embedded at build time and parsed / compiled once. Validation (the `*SchemaViolation` rules),
//! completion and hover all read them from here; [`subschema`] follows a schema location (with
//! local `$ref`s) to the schema object it names, e.g. to list the members a place allows.

use std::sync::LazyLock;

use serde_json::Value;

use crate::json::Node;

/// The text of `schemas/apiProperties.json`.
pub const API_PROPERTIES_SCHEMA: &str = include_str!("../../../schemas/apiProperties.json");
/// The text of `schemas/settings.json`.
pub const SETTINGS_SCHEMA: &str = include_str!("../../../schemas/settings.json");

/// A schema document and its compiled validator.
pub struct Schema {
    pub value: Value,
    pub validator: jsonschema::Validator,
}

fn compile(text: &str) -> Schema {
    // Both texts are ours and covered by tests: failing here is a build mistake, not user input.
    let value: Value = serde_json::from_str(text).expect("embedded schema is JSON");
    let validator = jsonschema::draft7::new(&value).expect("embedded schema compiles");
    Schema { value, validator }
}

/// The apiProperties.json schema.
pub static API_PROPERTIES: LazyLock<Schema> = LazyLock::new(|| compile(API_PROPERTIES_SCHEMA));
/// The settings.json schema.
pub static SETTINGS: LazyLock<Schema> = LazyLock::new(|| compile(SETTINGS_SCHEMA));

/// Compiles the embedded schemas now rather than on the first check that needs them (the
/// language server does this while the client finishes starting, off the request path).
pub fn warm_up() {
    LazyLock::force(&API_PROPERTIES);
    LazyLock::force(&SETTINGS);
}

/// Follows a schema location (`/properties/a/$ref/additionalProperties`, or a canonical one) from
/// the root of `schema`, jumping through local `$ref`s met on the way or at the end.
pub fn subschema<'s>(schema: &'s Value, location: &str) -> Option<&'s Value> {
    let mut cur = schema;
    if let Some(rest) = location.strip_prefix('/') {
        for token in rest.split('/') {
            let token = crate::json::unescape_token(token);
            if token == "$ref" {
                cur = resolve_local(schema, cur)?;
                continue;
            }
            // Draft 7 ignores the siblings of `$ref`: a holder stands for its target.
            if cur.get(token.as_ref()).is_none() && cur.get("$ref").is_some() {
                cur = resolve_local(schema, cur)?;
            }
            cur = match cur {
                Value::Object(m) => m.get(token.as_ref())?,
                Value::Array(a) => a.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
    }
    // A location may end on a `$ref` holder; hand back what it points to.
    for _ in 0..16 {
        if cur.get("$ref").is_none() {
            break;
        }
        cur = resolve_local(schema, cur)?;
    }
    Some(cur)
}

fn resolve_local<'s>(root: &'s Value, holder: &'s Value) -> Option<&'s Value> {
    let r = holder.get("$ref")?.as_str()?;
    root.pointer(r.strip_prefix('#')?)
}

/// Follows a local `$ref` (bounded).
pub fn deref<'s>(root: &'s Value, mut v: &'s Value) -> &'s Value {
    for _ in 0..16 {
        match v
            .get("$ref")
            .and_then(|r| r.as_str())
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(ptr) => match root.pointer(ptr) {
                Some(t) => v = t,
                None => break,
            },
            None => break,
        }
    }
    v
}

/// A schema and the schemas it combines (`allOf`/`anyOf`/`oneOf`, and `then` branches).
pub fn branches<'s>(root: &'s Value, v: &'s Value, out: &mut Vec<&'s Value>) {
    let v = deref(root, v);
    if out.len() > 64 || out.iter().any(|o| std::ptr::eq(*o, v)) {
        return;
    }
    out.push(v);
    for key in ["allOf", "anyOf", "oneOf"] {
        for b in v.get(key).and_then(|a| a.as_array()).into_iter().flatten() {
            branches(root, b, out);
            if let Some(then) = b.get("then") {
                branches(root, then, out);
            }
        }
    }
}

/// The schemas that describe the JSON node `node` of a document following `root`.
pub fn for_node<'s>(root: &'s Value, node: Node) -> Vec<&'s Value> {
    let mut chain: Vec<Node> = node.ancestors().collect();
    chain.reverse();
    chain.push(node);
    let mut current = Vec::new();
    branches(root, root, &mut current);
    for n in chain.iter().skip(1) {
        let mut next = Vec::new();
        for s in &current {
            let child = match n.key() {
                Some(k) => s
                    .get("properties")
                    .and_then(|p| p.get(k))
                    .or_else(|| s.get("additionalProperties").filter(|a| a.is_object())),
                None => s.get("items"),
            };
            if let Some(c) = child {
                branches(root, c, &mut next);
            }
        }
        current = next;
        if current.is_empty() {
            break;
        }
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_compile_and_follow_refs() {
        let s = &API_PROPERTIES.value;
        let cp = subschema(
            s,
            "/properties/properties/properties/connectionParameters/additionalProperties",
        )
        .unwrap();
        assert!(cp.pointer("/properties/type/enum").is_some());
        assert!(SETTINGS
            .validator
            .is_valid(&serde_json::json!({"icon": "icon.png"})));
        assert!(!SETTINGS.validator.is_valid(&serde_json::json!({"icon": 1})));
    }
}
