//! Our JSON schemas for `apiProperties.json` and `settings.json` (written by us, in `schemas/`).
//!
//! Embedded at build time and parsed / compiled once. Validation (the `*SchemaViolation` rules),
//! completion and hover all read them from here; [`subschema`] follows a schema location (with
//! local `$ref`s) to the schema object it names, e.g. to list the members a place allows.

use std::sync::LazyLock;

use serde_json::Value;

/// The text of `schemas/apiProperties.json`.
pub const API_PROPERTIES_SCHEMA: &str = include_str!("../../schemas/apiProperties.json");
/// The text of `schemas/settings.json`.
pub const SETTINGS_SCHEMA: &str = include_str!("../../schemas/settings.json");

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
