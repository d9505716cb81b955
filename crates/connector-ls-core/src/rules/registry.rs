//! Every rule of the engine. Each family folder lists its own rules; this file joins them.

use std::sync::LazyLock;

use super::{
    api_properties, dynamic, extensions, json, keywords, metadata, package_files, review,
    structure, Rule,
};

/// The families of rules, each under the name that selects it as a group (`[rules]` of a
/// configuration file, the GROUP column of `connector-ls rules`). A new family is one line here;
/// its group follows.
pub static FAMILIES: &[(&str, &[&Rule])] = &[
    ("json", json::RULES),
    ("metadata", metadata::RULES),
    ("structure", structure::RULES),
    ("extensions", extensions::RULES),
    ("api-properties", api_properties::RULES),
    ("package-files", package_files::RULES),
    ("keywords", keywords::RULES),
    ("dynamic", dynamic::RULES),
    ("breaking", crate::diff::RULES),
    ("submission", crate::submission::RULES),
    ("review", review::RULES),
];

/// All rules, in a stable order (families, then each family's own order).
pub static RULES: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    FAMILIES
        .iter()
        .flat_map(|(_, rules)| rules.iter().copied())
        .collect()
});

/// The rules whose findings an editor's own JSON validation shows as well, on the same ranges:
/// syntax (any JSON parser) and the schemas of `apiProperties.json` and `settings.json` (an
/// editor that validates them with connector-ls's schemas, as the VS Code extension sets up). A
/// client that says so (the server setting `jsonValidatedByClient`) does not get these for the
/// documents it has open, so that each problem is listed once.
pub static SHOWN_BY_JSON_VALIDATION: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    json::SHOWN_BY_JSON_VALIDATION
        .iter()
        .chain(api_properties::SHOWN_BY_JSON_VALIDATION)
        .copied()
        .collect()
});

/// Whether the findings of the rule with `code` are shown by an editor's JSON validation too
/// ([`SHOWN_BY_JSON_VALIDATION`]).
pub fn shown_by_json_validation(code: &str) -> bool {
    SHOWN_BY_JSON_VALIDATION.iter().any(|r| r.code == code)
}

/// The group of the certification-only rules.
pub const CERTIFICATION_GROUP: &str = "certification";

/// The groups that are a rule attribute rather than a family: (name, whether a rule is in it).
/// A new attribute group is one line here; `[rules]`, `--select`/`--ignore` and the schema of
/// `connector-ls.toml` follow.
pub static ATTRIBUTE_GROUPS: &[(&str, InGroup)] = &[
    (CERTIFICATION_GROUP, |r| r.certification),
    (VALIDATOR, |r| category(r) == VALIDATOR),
    (OWN, |r| category(r) == OWN),
];

/// Whether a rule is in an attribute group.
pub type InGroup = fn(&Rule) -> bool;

/// The family of `rule` (its group name in [`FAMILIES`]).
pub fn family_of(rule: &Rule) -> &'static str {
    FAMILIES
        .iter()
        .find(|(_, rules)| rules.iter().any(|r| std::ptr::eq(*r, rule)))
        .map_or("", |(name, _)| name)
}

/// Every group name: the families, then the [`ATTRIBUTE_GROUPS`].
pub fn group_names() -> impl Iterator<Item = &'static str> {
    FAMILIES
        .iter()
        .map(|(name, _)| *name)
        .chain(ATTRIBUTE_GROUPS.iter().map(|(name, _)| *name))
}

/// The rules of group `name` (empty for a name that is no group).
pub fn group_rules(name: &str) -> Vec<&'static Rule> {
    if let Some((_, member)) = ATTRIBUTE_GROUPS.iter().find(|(n, _)| *n == name) {
        return RULES.iter().copied().filter(|r| member(r)).collect();
    }
    FAMILIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, rules)| rules.to_vec())
        .unwrap_or_default()
}

/// Why a documented validator code has no rule: `(code, one sentence)`. Codes absent here get
/// [`GENERIC_NOT_IMPLEMENTED`]. A code belongs here when the package alone cannot decide it (the
/// validator consults knowledge kept on the service side), so it will stay unimplemented.
pub static NOT_IMPLEMENTED: &[(&str, &str)] = &[
    (
        "ProductionStatusOnBetaService",
        "needs the backing service's beta registration, which is not in the package",
    ),
    (
        "ReservedParameterIsUsed",
        "needs the platform's list of reserved parameter names per location, which is not \
         documented and which no certified connector gives evidence of",
    ),
];

/// The reason of a documented code that no rule implements and [`NOT_IMPLEMENTED`] does not name.
pub const GENERIC_NOT_IMPLEMENTED: &str =
    "documented by the validator; not implemented by connector-ls yet";

/// Why `code` (a documented validator code) has no rule.
pub fn not_implemented_reason(code: &str) -> &'static str {
    NOT_IMPLEMENTED
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(GENERIC_NOT_IMPLEMENTED, |(_, why)| why)
}

/// The category of rules that encode what certification reviewers ask for
/// ([`super::review`]): selectable as a group (`--select review`, `--ignore review`).
pub const REVIEW: &str = "review";
/// The category of the validator's documented codes.
pub const VALIDATOR: &str = "validator";
/// The category of connector-ls's other codes.
pub const OWN: &str = "connector-ls";

/// Every category, as `rules` lists them and `--select`/`--ignore` accept them.
pub const CATEGORIES: [&str; 3] = [VALIDATOR, OWN, REVIEW];

/// The category of a rule: [`REVIEW`] for the reviewer checks, [`VALIDATOR`] for the
/// validator's documented codes, [`OWN`] for the rest.
pub fn category(rule: &Rule) -> &'static str {
    if review::RULES.iter().any(|r| std::ptr::eq(*r, rule)) {
        REVIEW
    } else if rule.documented {
        VALIDATOR
    } else {
        OWN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_validation_duplicates_are_syntax_and_schema_rules_of_the_registry() {
        let codes: Vec<&str> = SHOWN_BY_JSON_VALIDATION.iter().map(|r| r.code).collect();
        assert_eq!(
            codes,
            [
                "JsonSyntaxError",
                "JsonNonStandard",
                "DuplicateKey",
                "ApiPropertiesSchemaViolation",
                "ApiPropertiesUnknownProperty",
                "SettingsSchemaViolation"
            ]
        );
        for rule in SHOWN_BY_JSON_VALIDATION.iter() {
            assert!(RULES.iter().any(|r| std::ptr::eq(*r, *rule)), "{rule:?}");
            assert!(shown_by_json_validation(rule.code));
        }
        // What a JSON editor cannot know: the platform's own rules.
        assert!(!shown_by_json_validation("UnknownExtension"));
        assert!(!shown_by_json_validation("FileNotReadable"));
        assert!(!shown_by_json_validation(""));
    }
}
