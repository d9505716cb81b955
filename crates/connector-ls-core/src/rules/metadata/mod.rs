//! Rules of the `metadata` family: certification content rules on `info`, the root
//! `x-ms-connector-metadata`, operation summaries and parameter labels.
//!
//! Most of these only run in certification mode: they check content (lengths, words, labels)
//! that the platform accepts on import but Microsoft's certification review rejects.

mod connector_metadata;
mod contact;
mod empty_value;
mod end_alphanumeric;
mod english;
mod english_files;
mod label_ending;
mod lengths;
mod required;
mod restricted_words;
mod summary;
mod texts;

pub(super) use texts::warm_up;

use super::Rule;
use crate::json::Node;

/// The family's rules that can check one edited text again ([`super::Patch`]).
pub(super) static PATCHES: &[&super::Patch] = &[&english::PATCH, &empty_value::PATCH];

pub static RULES: &[&Rule] = &[
    &required::RequiredPropertyMissing,
    &required::RecommendedPropertyMissing,
    &connector_metadata::ConnectorMetadataPropertiesMissing,
    &connector_metadata::InvalidConnectorCategory,
    &connector_metadata::TooManyConnectorCategories,
    &lengths::FieldLengthExceeded,
    &lengths::FieldLengthNotInRange,
    &restricted_words::ValueContainsRestrictedWords,
    &summary::RestrictedCharactersInSummary,
    &summary::OperationSummaryTooLong,
    &end_alphanumeric::ValueMustEndWithAlphanumeric,
    &label_ending::LabelEndsWithPunctuation,
    &contact::ContactEmailNotValid,
    &contact::UrlNotValid,
    &empty_value::RequiredValueEmpty,
    &english::ValueMustBeInEnglish,
];

/// The suffix independent publishers append to their connector titles.
const INDEPENDENT_PUBLISHER_SUFFIX: &str = "(Independent Publisher)";

/// `x-ms-visibility: internal` on an operation or parameter: hidden from users, so its labels
/// are never shown.
fn is_internal(node: Node) -> bool {
    node.get_str("x-ms-visibility") == Some("internal")
}

/// The connector's own name: the title without the independent publisher suffix, which the
/// platform requires and so does not count against the title rules.
fn title_name(title: &str) -> &str {
    let trimmed = title.trim_end();
    let lower_len = trimmed.len();
    let suffix_len = INDEPENDENT_PUBLISHER_SUFFIX.len();
    if lower_len >= suffix_len
        && trimmed.is_char_boundary(lower_len - suffix_len)
        && trimmed[lower_len - suffix_len..].eq_ignore_ascii_case(INDEPENDENT_PUBLISHER_SUFFIX)
    {
        trimmed[..lower_len - suffix_len].trim_end()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn independent_publisher_suffix() {
        assert_eq!(
            title_name("Bing Search (Independent Publisher)"),
            "Bing Search"
        );
        assert_eq!(title_name("Bing Search"), "Bing Search");
        assert_eq!(title_name("Ä (independent publisher) "), "Ä");
    }
}
