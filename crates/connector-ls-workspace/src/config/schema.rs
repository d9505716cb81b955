//! The JSON schema of `connector-ls.toml` (shipped as `schemas/connector-ls.schema.json`, for
//! TOML editors such as Even Better TOML), generated from the rule registry so that its rule
//! codes and groups are the engine's.

use serde_json::{json, Map, Value};

use connector_ls_core::rules;

/// The schema's `$id`, also what a `#:schema` comment at the top of the file can name.
pub const SCHEMA_ID: &str = "https://connector-ls.dev/schemas/connector-ls.schema.json";

/// The levels a `[rules]` entry takes.
fn level() -> Value {
    json!({
        "type": "string",
        "enum": ["off", "hint", "info", "warning", "error"]
    })
}

/// The `[rules]` table: every code and group by name, and `Prefix*` patterns.
/// A rule's default severity, and the others some of its findings have (an override sets them
/// all): `error`, `error; some findings warning`.
fn default_severity(r: &rules::Rule) -> String {
    let mut s = r.severity.as_str().to_string();
    if !r.also.is_empty() {
        let also: Vec<&str> = r.also.iter().map(|s| s.as_str()).collect();
        s.push_str(&format!("; some findings {}", also.join(", ")));
    }
    s
}

fn rules_table() -> Value {
    let mut properties = Map::new();
    for (name, family) in rules::FAMILIES {
        properties.insert(
            name.to_string(),
            json!({
                "description": format!("Group: the {} rules of the `{name}` family.", family.len()),
                "$ref": "#/definitions/level"
            }),
        );
    }
    for (name, _) in rules::ATTRIBUTE_GROUPS {
        let description = if *name == rules::CERTIFICATION_GROUP {
            "Group: the certification-only rules (those `--no-certification` turns off)."
                .to_string()
        } else {
            format!("Group: the `{name}` rules.")
        };
        properties.insert(
            name.to_string(),
            json!({ "description": description, "$ref": "#/definitions/level" }),
        );
    }
    let mut codes: Vec<&rules::Rule> = rules::RULES.to_vec();
    codes.sort_by_key(|r| r.code);
    for r in codes {
        properties.insert(
            r.code.to_string(),
            json!({
                "description": format!("{} (default: {})", r.summary, default_severity(r)),
                "$ref": "#/definitions/level"
            }),
        );
    }
    json!({
        "description": "Severity per rule code or group (`connector-ls rules` lists both), or a code prefix ending in `*`. A code beats a prefix, which beats a group.",
        "type": "object",
        "properties": properties,
        "patternProperties": { "^[A-Za-z]+\\*$": { "$ref": "#/definitions/level" } },
        "additionalProperties": false
    })
}

fn breaking() -> Value {
    let mut codes: Vec<&str> = rules::group_rules("breaking")
        .iter()
        .map(|r| r.code)
        .collect();
    codes.sort_unstable();
    json!({
        "description": "Breaking changes (against `base`) that are intended.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "accepted": {
                "description": "Intentional breaking changes: their findings are not reported.",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["code", "reason"],
                    "properties": {
                        "code": { "type": "string", "enum": codes },
                        "operation": {
                            "description": "The operationId (old or new) the change is about; absent: every finding of the code.",
                            "type": "string"
                        },
                        "reason": {
                            "description": "Why the change is intended (for the reviewer).",
                            "type": "string",
                            "minLength": 1
                        }
                    }
                }
            }
        }
    })
}

/// The schema.
pub fn schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "connector-ls.toml",
        "description": "Configuration of connector-ls (check and the language server). The nearest file above a connector applies. Generated from the rule registry: edit crates/connector-ls/src/config/schema.rs, not this file.",
        "type": "object",
        "additionalProperties": false,
        "definitions": {
            "level": level(),
            "publisher": {
                "description": "The publisher type (default: detected from the folder and the title).",
                "type": "string",
                "enum": ["verified", "independent"]
            },
            "certification": {
                "description": "Run the certification-only rules (default true; `--no-certification` overrides).",
                "type": "boolean"
            },
            "rules": rules_table(),
            "breaking": breaking()
        },
        "properties": {
            "publisher": { "$ref": "#/definitions/publisher" },
            "certification": { "$ref": "#/definitions/certification" },
            "base": {
                "description": "The git ref breaking changes are measured against (what `--base` gives).",
                "type": "string",
                "pattern": "^[^-\\s:\\\\?*\\[][^\\s:\\\\?*\\[]*$"
            },
            "rules": { "$ref": "#/definitions/rules" },
            "breaking": { "$ref": "#/definitions/breaking" },
            "overrides": {
                "description": "Settings for the connector folders the globs match; later entries win.",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["paths"],
                    "properties": {
                        "paths": {
                            "description": "Globs of connector folders, relative to this file (`certified-connectors/*`).",
                            "type": "array",
                            "items": { "type": "string" }
                        },
                        "publisher": { "$ref": "#/definitions/publisher" },
                        "certification": { "$ref": "#/definitions/certification" },
                        "rules": { "$ref": "#/definitions/rules" },
                        "breaking": { "$ref": "#/definitions/breaking" }
                    }
                }
            }
        }
    })
}

/// The schema as the shipped file holds it (pretty, with a final newline).
pub fn schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}
