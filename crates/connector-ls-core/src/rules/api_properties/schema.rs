//! Validation of `apiProperties.json` and `settings.json` against our schemas (`schemas/`).
//!
//! The tree is converted to a `serde_json::Value`, validated, and every error's instance path is
//! mapped back to a range with [`Tree::closest`](crate::json::Tree::closest). Unknown member names
//! of apiProperties get their own warning ([`ApiPropertiesUnknownProperty`]) because certified
//! connectors carry a few harmless extras; everything else is a violation.
//!
//! Leniencies copied from the platform, which reads these files with Json.NET: member names and
//! enum values are matched ignoring case, so `displayname` or `"redirectMode": "global"` are not
//! violations (a differently cased name still gets the unknown-member warning with a rename fix).

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::json::{Kind, Node};
use crate::package::FileKind;
use crate::rules::fix::{self, Fix, Safety};
use crate::rules::support::did_you_mean;
use crate::rules::{rule, Context, Report};
use crate::schemas::{self, Schema};

rule!(ApiPropertiesSchemaViolation {
    severity: Error,
    file: ApiProperties,
    certification: false,
    documented: false,
    fix: None,
    summary: "apiProperties.json does not have the shape the platform reads: a wrong type, a missing required member, or a value outside the allowed set.",
    docs: r##"## What it does
Checks `apiProperties.json` against connector-ls's schema of the file: `properties` must exist and
hold `iconBrandColor`; each connection parameter needs a `type` from `string`, `securestring`,
`int`, `bool`, `oauthSetting`, `gatewaySetting`; `oAuthSettings` needs an `identityProvider` and
the custom parameters that provider requires (`authorizationUrl` and `tokenUrl` for oauth2,
`resourceUri` for aad; a `token:ResourceUri`-style connection parameter also supplies one); each
policy template instance needs a known `templateId` and the parameters its template requires
(`name` and `value` for setheader, `urlTemplate` for dynamichosturl, ...); lists must be arrays
and texts strings. Member names and values are compared ignoring case, as the platform does.

Unknown member names are reported separately by `ApiPropertiesUnknownProperty`; capability
values by `CapabilityNotValid`.

## Why
The platform cannot import a connector whose apiProperties it cannot read: a parameter without a
type or with an unknown type, or an OAuth setting without an identity provider, fails when the
connector is created or updated. The severity is error because every certified connector in our
corpus satisfies this schema.

## Example
```json
{ "properties": { "iconBrandColor": "#1f6fb2",
  "connectionParameters": { "api_key": { "type": "secret" } } } }
```

## How to fix
Use a value the message lists (`"type": "securestring"`), add the missing member, or change the
value to the type named.
"##,
    check: check_api_properties,
});

rule!(ApiPropertiesUnknownProperty {
    severity: Warning,
    file: ApiProperties,
    certification: false,
    documented: false,
    fix: Safe,
    summary:
        "apiProperties.json has a member the platform does not know (often a typo or a wrong case).",
    docs: r##"## What it does
Reports member names in `apiProperties.json` that the file's schema does not define at that
place, such as `stackowner` for `stackOwner` or `tooltips` in a `uiDefinition`, and suggests the
closest known name.

## Why
The platform ignores members it does not know, so a misspelt `publisher` or `tabIndex` silently
has no effect. Names that differ only in case are read by the platform, but the documented
spelling keeps tools and reviewers happy. A warning, not an error: a few certified connectors
carry such extras.

## Example
```json
{ "properties": { "iconBrandColor": "#1f6fb2", "stackowner": "Contoso" } }
```

## How to fix
Rename the member to the suggested name (`stackOwner`); the fix does it (safe when only the case
differs), or delete the member.
"##,
    check: check_api_properties_unknown,
});

rule!(SettingsSchemaViolation {
    severity: Warning,
    file: Settings,
    certification: false,
    documented: false,
    fix: Safe,
    summary: "settings.json does not match the paconn settings schema.",
    docs: r##"## What it does
Checks `settings.json`, the settings file of the `paconn` command-line tool, against
connector-ls's schema: the file paths (`apiDefinition`, `apiProperties`, `icon`, `script`) are
strings, `environment` is an environment GUID, `powerAppsUrl` / `flowUrl` are http(s) URLs, the API
versions are `2016-11-01`, and no other member is present.

## Why
`paconn` reads this file to find the package files and the environment to deploy to; a wrong
value makes `paconn create` or `paconn update` fail or target the wrong place. A warning, because
the file is not part of the connector the platform certifies.

## Example
```json
{ "environment": "my-env", "powerAppsApiVersion": "2020-01-01" }
```

## How to fix
Use the form the message names (`"powerAppsApiVersion": "2016-11-01"`), or rename or delete an
unknown member (the fix renames one that differs only in case or by a typo).
"##,
    check: check_settings,
});

fn check_api_properties(cx: &Context, out: &mut Report) {
    validate(cx, &schemas::API_PROPERTIES, out, Want::Violations);
}

fn check_api_properties_unknown(cx: &Context, out: &mut Report) {
    validate(cx, &schemas::API_PROPERTIES, out, Want::Unknown);
}

fn check_settings(cx: &Context, out: &mut Report) {
    validate(cx, &schemas::SETTINGS, out, Want::Both);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Violations,
    Unknown,
    Both,
}

/// Checks the rule's file ([`crate::rules::Rule::file`]) against `schema`.
fn validate(cx: &Context, schema: &Schema, out: &mut Report, want: Want) {
    let file = out.rule().file;
    let Some(doc) = cx.package.document(file) else {
        return;
    };
    let tree = doc.tree();
    let Some(root) = tree.root() else { return };
    if root.kind() == Kind::Error {
        return; // nothing readable; the syntax rule says why
    }
    let value = root.to_value();
    for error in schema.validator.iter_errors(&value) {
        let path = error.instance_path().as_str();
        let (node, exact) = tree.closest(path);
        if !exact || node.kind() == Kind::Error {
            continue; // a value the parser could not read is the syntax rule's finding
        }
        let schema_at = |loc: &str| schemas::subschema(&schema.value, loc);
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                if want == Want::Violations {
                    continue;
                }
                let keyword_holder = parent_location(error.schema_path().as_str());
                let known: Vec<&str> = schema_at(keyword_holder)
                    .and_then(|s| s.get("properties"))
                    .and_then(Value::as_object)
                    .map(|m| m.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                for name in unexpected {
                    let Some(member) = node.get(name) else {
                        continue;
                    };
                    report_unknown(out, file, node, member, name, &known);
                }
            }
            _ if want == Want::Unknown => {}
            ValidationErrorKind::Required { property } => {
                let Some(name) = property.as_str() else {
                    continue;
                };
                if node.get_ignore_case(name).is_some() {
                    continue; // present with another case: read by the platform
                }
                if supplied_by_setting_parameter(node, name) {
                    continue;
                }
                let msg = format!("{} lacks the required member '{name}'.", describe(node));
                out.missing(node, msg);
            }
            ValidationErrorKind::Enum { options } => {
                let value = error.instance();
                if let (Some(s), Some(opts)) = (value.as_str(), options.as_array()) {
                    if opts
                        .iter()
                        .filter_map(Value::as_str)
                        .any(|o| o.eq_ignore_ascii_case(s))
                    {
                        continue; // case differs only: the platform reads it
                    }
                }
                if is_capability(path) {
                    continue; // CapabilityNotValid says it better
                }
                let msg = format!(
                    "{} has the value {}, which is not one of: {}.",
                    describe(node),
                    short(value),
                    list_options(options)
                );
                out.at(node, msg);
            }
            ValidationErrorKind::Type { .. } => {
                let expected = schema_at(error.schema_path().as_str())
                    .map(type_names)
                    .unwrap_or_else(|| "another type".to_string());
                let msg = format!(
                    "{} must be {expected}, not {}.",
                    describe(node),
                    article(node.kind().name())
                );
                out.at(node, msg);
            }
            ValidationErrorKind::PropertyNames { error: inner } => {
                let Some(name) = inner.instance().as_str().map(str::to_string) else {
                    continue;
                };
                let Some(member) = node.get(&name) else {
                    continue;
                };
                let rule = match inner.kind() {
                    ValidationErrorKind::Pattern { pattern } => format!("match {pattern}"),
                    _ => "follow the naming rule".to_string(),
                };
                let msg = format!(
                    "The member name '{name}' in {} does not {rule}: use letters, digits, '_' and '-' (and one ':' before a setting name).",
                    describe(node)
                );
                out.at_key(member, msg);
            }
            ValidationErrorKind::Pattern { pattern } => {
                let msg = format!(
                    "{} has the value {}, which does not match {pattern}.",
                    describe(node),
                    short(error.instance())
                );
                out.at(node, msg);
            }
            _ => {
                let msg = format!("{}: {error}.", describe(node));
                out.at(node, msg);
            }
        }
    }
}

fn report_unknown(
    out: &mut Report,
    file: FileKind,
    object: Node,
    member: Node,
    name: &str,
    known: &[&str],
) {
    let case_twin = known.iter().copied().find(|k| k.eq_ignore_ascii_case(name));
    let suggestion = case_twin.or_else(|| did_you_mean(name, known.iter().copied()));
    let where_ = describe(object);
    let msg = match suggestion {
        Some(s) => format!("{where_} has an unknown member '{name}'; did you mean '{s}'?"),
        None => format!("{where_} has an unknown member '{name}'."),
    };
    let finding = out.at_key(member, msg);
    if let Some(s) = suggestion {
        // Renaming onto an existing member would create a duplicate key.
        if object.get(s).is_none() {
            if let Some(edit) = fix::rename_key(file, member, s) {
                let safety = if case_twin.is_some() {
                    Safety::Safe
                } else {
                    Safety::Unsafe
                };
                finding.with_fix(Fix::new(format!("Rename to '{s}'"), safety, vec![edit]));
            }
        }
    }
}

/// A required OAuth custom parameter may instead come from a `<parameter>:<setting>` connection
/// parameter (`token:ResourceUri` fills `customParameters.resourceUri` of `token`).
fn supplied_by_setting_parameter(object: Node, name: &str) -> bool {
    if object.key() != Some("customParameters") {
        return false;
    }
    let Some(param) = object.parent().and_then(|settings| settings.parent()) else {
        return false;
    };
    let (Some(param_name), Some(params)) = (param.key(), param.parent()) else {
        return false;
    };
    params
        .get_ignore_case(&format!("{param_name}:{name}"))
        .is_some()
}

fn is_capability(instance_path: &str) -> bool {
    instance_path.starts_with("/properties/capabilities/")
}

/// The location of the schema object holding the keyword at `location`.
fn parent_location(location: &str) -> &str {
    location.rfind('/').map_or("", |i| &location[..i])
}

/// "'properties.connectionParameters.api_key.type'", or "The file" for the root.
fn describe(node: Node) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = node;
    while cur.parent().is_some() {
        match cur.key() {
            Some(k) => parts.push(k.to_string()),
            None => parts.push(format!("[{}]", cur.index().unwrap_or(0))),
        }
        cur = match cur.parent() {
            Some(p) => p,
            None => break,
        };
    }
    if parts.is_empty() {
        return "The file".to_string();
    }
    let mut s = String::new();
    for p in parts.iter().rev() {
        if !s.is_empty() && !p.starts_with('[') {
            s.push('.');
        }
        s.push_str(p);
    }
    format!("'{s}'")
}

fn article(kind: &str) -> String {
    match kind {
        "object" | "array" | "invalid" => format!("an {kind}"),
        "null" => "null".to_string(),
        _ => format!("a {kind}"),
    }
}

/// "a string", "a string or a boolean" from a `type` keyword value.
fn type_names(v: &Value) -> String {
    let names: Vec<String> = match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    names
        .iter()
        .map(|n| article(n))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The allowed values, one per spelling ignoring case (aliases differ only in case).
fn list_options(options: &Value) -> String {
    let mut seen: Vec<String> = Vec::new();
    let mut out: Vec<String> = Vec::new();
    for o in options.as_array().into_iter().flatten() {
        let key = o
            .as_str()
            .map(str::to_ascii_lowercase)
            .unwrap_or_else(|| o.to_string());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        out.push(o.to_string());
    }
    out.join(", ")
}

/// A value for a message, cut short when long.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(57).collect();
        format!("{cut}...")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn tree_to_value_keeps_last_duplicate_and_nulls_unreadable_values() {
        let p = crate::json::parse(r#"{"a": 1, "a": [true, "x\n", 2.5], "b": {"c": null}, "d": }"#);
        let v = p.tree.root().unwrap().to_value();
        assert_eq!(
            v,
            json!({"a": [true, "x\n", 2.5], "b": {"c": null}, "d": null})
        );
    }
}
