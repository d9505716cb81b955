//! What certification reviewers ask for before they certify a connector, decided from the
//! files: the `review` category (`--select review`, `--ignore review`).
//!
//! These are requests of the people who review the pull request (and of the pipeline's
//! credential scan), not of the validator: warnings, except a secret, which the credential scan
//! blocks (an error).

mod content;
mod csharp;
mod descriptions;
mod hosts;
mod identity;
mod responses;
mod scope;
mod script;
mod secrets;
mod titles;

use super::Rule;

pub use scope::{change_scope, ChangeScopeTooWide};
pub use secrets::{
    mask, mask_secrets, prepare_secrets, secret_ranges, ClientIdInPackage, SecretInPackage,
};

pub(super) static PATCHES: &[&super::Patch] = &[&secrets::PATCH, &descriptions::PATCH];

pub static RULES: &[&Rule] = &[
    &secrets::SecretInPackage,
    &secrets::ClientIdInPackage,
    &identity::PublisherIdentityInvalid,
    &identity::IndependentPublisherSettingsFile,
    &responses::SuccessResponseSchemaMissing,
    &responses::ResponseSchemaEmpty,
    &descriptions::DescriptionRepeatsName,
    &descriptions::DescriptionPlaceholder,
    &titles::SummaryIdentifierShaped,
    &titles::TriggerSummaryNotWhen,
    &titles::TitlePlaceholder,
    &titles::IndependentPublisherTitleSuffixMissing,
    &titles::IndependentPublisherTitleChanged,
    &hosts::HostNotProduction,
    &content::EmptyOperationOrPathItem,
    &content::RetiredProductName,
    &script::ScriptApiNotAllowed,
    &script::ScriptAwaitWithoutConfigureAwait,
    &script::ScriptJsonWithoutCreateJsonContent,
    &scope::ChangeScopeTooWide,
];

/// The review findings of a change from `old` to `new` (`check --base`): what a single
/// package cannot show.
pub fn compare(
    old: &crate::package::Package,
    new: &crate::package::Package,
) -> Vec<super::Finding> {
    titles::title_changed(old, new).into_iter().collect()
}

/// Whether the range of a finding of `code` is a credential (of [`SecretInPackage`] or
/// [`ClientIdInPackage`]): what [`secret_ranges`] returns.
pub fn hides_range(code: &str) -> bool {
    code == SecretInPackage.code || code == ClientIdInPackage.code
}

/// Normalises a name for matching: lower-case ASCII letters and digits only.
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    out.extend(normalized(name).map(char::from));
    out
}

/// The bytes of [`normalize`]`(name)`, without building it. (The bytes of a character beyond
/// ASCII are never ASCII letters or digits, so a byte scan keeps what a character scan keeps.)
fn normalized(name: &str) -> impl Iterator<Item = u8> + Clone + '_ {
    name.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
}

/// Whether [`normalize`]`(name)` is `word`, without building it.
fn normalizes_to(name: &str, word: &str) -> bool {
    normalized(name).eq(word.bytes())
}

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
        let swaggers = [
            "",
            "{",
            r#"{"paths": []}"#,
            r#"{"paths": {"/a": {"get": {"parameters": [1, {"name": 2, "default": "x"}]}}}}"#,
            r#"{"paths": {"/a": {"get": {"parameters": [{"name": "api_key", "default": "ghp_"}]}}}}"#,
            r#"{"info": "Bearer ", "x": "eyJ.eyJ.", "y": "AccountKey=", "z": "-----BEGIN PRIVATE KEY-----"}"#,
        ];
        let api_props = [
            "",
            r#"{"properties": {"connectionParameters": {"t": {"oAuthSettings": {"clientId": 1, "customParameters": {"a": 2, "b": {"value": []}}}}}}}"#,
            r#"{"properties": {"connectionParameters": []}}"#,
        ];
        let config = Config::default();
        for s in swaggers {
            for a in api_props {
                let docs = vec![
                    Document::new("apiDefinition.swagger.json".into(), FileKind::Swagger, s),
                    Document::new("apiProperties.json".into(), FileKind::ApiProperties, a),
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
        for s in swaggers {
            crate::rules::check_every_prefix(s, RULES);
        }
    }
}
