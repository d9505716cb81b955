//! Rules about `apiProperties.json` and `settings.json`, and how they agree with the swagger.

mod capabilities;
mod connection_security;
mod icon_brand_color;
mod policy_operations;
mod schema;
mod script_operations;
mod tenant_id;

use super::Rule;

pub static RULES: &[&Rule] = &[
    &schema::ApiPropertiesSchemaViolation,
    &schema::ApiPropertiesUnknownProperty,
    &schema::SettingsSchemaViolation,
    &icon_brand_color::IconBrandColorInvalid,
    &icon_brand_color::IconBrandColorDefault,
    &icon_brand_color::IconBrandColorIndependentPublisher,
    &capabilities::CapabilityNotValid,
    &connection_security::ConnectionParameterSecurityMismatch,
    &script_operations::ScriptOperationNotFound,
    &script_operations::ScriptFileMissing,
    &policy_operations::PolicyTemplateOperationNotFound,
    &tenant_id::TenantIdParameterInvalid,
];

/// The rules of this family that an editor validating `apiProperties.json` and `settings.json`
/// against connector-ls's schemas (`schemas/`, which the VS Code extension associates with those
/// files) reports itself ([`super::SHOWN_BY_JSON_VALIDATION`]).
pub static SHOWN_BY_JSON_VALIDATION: &[&Rule] = &[
    &schema::ApiPropertiesSchemaViolation,
    &schema::ApiPropertiesUnknownProperty,
    &schema::SettingsSchemaViolation,
];

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::RULES;
    use crate::package::{Document, FileKind, Package};
    use crate::rules::{Config, Context, Report};

    /// Half-typed and wrongly typed documents: every rule of the family runs without panicking
    /// (called directly, without the engine's panic guard).
    #[test]
    fn broken_documents_do_not_panic() {
        let api_props = [
            "",
            "{",
            r#"{"properties": "#,
            r#"{"properties": []}"#,
            r#"{"properties": {"iconBrandColor": 7, "capabilities": {"a": 1}}}"#,
            r##"{"properties": {"iconBrandColor": "#", "capabilities": [null, 3, "act"]}}"##,
            r#"{"properties": {"connectionParameters": [], "connectionParameterSets": {"values": {}}}}"#,
            r#"{"properties": {"connectionParameters": {"t": {"type": ["oauthSetting"]}, "u": 1}}}"#,
            r#"{"properties": {"connectionParameterSets": {"values": [1, {"parameters": []}]}}}"#,
            r#"{"properties": {"scriptOperations": "GetItems", "policyTemplateInstances": [1, {"parameters": {"x-ms-apimTemplate-operationName": [1, "X"]}}]}}"#,
            r#"{"properties": {"scriptOperations": [1, "X"], "policyTemplateInstances": {"templateId": 1}}}"#,
            r#"[1, 2]"#,
        ];
        let swaggers = [
            "",
            r#"{"securityDefinitions": []}"#,
            r#"{"securityDefinitions": {"a": {"type": 1}, "b": "x", "c": {"type": "oauth2"}}, "paths": {"/": {"get": {"operationId": 5}}}}"#,
        ];
        let config = Config::default();
        for a in api_props {
            for s in swaggers {
                for settings in ["", "{\"icon\": ", "[]", "{\"environment\": 5}"] {
                    let docs = vec![
                        Document::new("apiProperties.json".into(), FileKind::ApiProperties, a),
                        Document::new("apiDefinition.swagger.json".into(), FileKind::Swagger, s),
                        Document::new("settings.json".into(), FileKind::Settings, settings),
                    ];
                    let pkg = Package::from_documents(Path::new("."), docs, None);
                    let cx = Context::new(&pkg, &config);
                    let mut findings = Vec::new();
                    for rule in RULES.iter().copied() {
                        let mut report = Report::new(rule, &mut findings);
                        (rule.check)(&cx, &mut report);
                    }
                }
            }
        }
    }
}
