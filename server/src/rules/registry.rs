//! Every rule of the engine. Each family folder lists its own rules; this file joins them.

use std::sync::LazyLock;

use super::{
    api_properties, dynamic, extensions, json, keywords, metadata, package_files, review,
    structure, Rule,
};

/// All rules, in a stable order (families, then each family's own order).
pub static RULES: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    [
        json::RULES,
        metadata::RULES,
        structure::RULES,
        extensions::RULES,
        api_properties::RULES,
        package_files::RULES,
        keywords::RULES,
        dynamic::RULES,
        crate::diff::RULES,
        review::RULES,
    ]
    .concat()
});

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
