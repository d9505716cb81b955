//! Rules of the `keywords` family: JSON-schema and Swagger keywords used the way the platform
//! reads them. Numeric and length bounds and their relations, `enum`, `required`, `pattern`,
//! `default`, security requirements and schemes, tags, and keywords the platform does not take.

mod additional_property;
mod body_parameter;
mod bounds;
mod collection_format;
mod discriminator;
pub(crate) mod dotnet_regex;
mod examples;
mod filter_functions;
mod internal_default;
mod mime;
mod not_supported;
mod read_only;
mod required;
mod security;
mod swagger_keyword;
mod values;

pub(in crate::rules) use swagger_keyword::is_unsupported_keyword;

use super::{Context, Rule};
use crate::json::Node;

pub static RULES: &[&Rule] = &[
    &bounds::MAX_ITEMS_MUST_BE_GREATER_THAN_OR_EQUAL_TO_ZERO,
    &bounds::MIN_ITEMS_MUST_BE_GREATER_THAN_OR_EQUAL_TO_ZERO,
    &bounds::MAX_LENGTH_MUST_BE_GREATER_THAN_OR_EQUAL_TO_ZERO,
    &bounds::MIN_LENGTH_MUST_BE_GREATER_THAN_OR_EQUAL_TO_ZERO,
    &bounds::MAX_PROPERTIES_MUST_BE_GREATER_THAN_OR_EQUAL_TO_ZERO,
    &bounds::MIN_PROPERTIES_MUST_BE_GREATER_THAN_OR_EQUAL_TO_ZERO,
    &bounds::MINIMUM_SHOULD_BE_LESS_THAN_OR_EQUAL_TO_MAXIMUM,
    &bounds::MIN_ITEMS_SHOULD_BE_LESS_THAN_OR_EQUAL_TO_MAX_ITEMS,
    &bounds::MIN_LENGTH_SHOULD_BE_LESS_THAN_OR_EQUAL_TO_MAX_LENGTH,
    &bounds::EXCLUSIVE_MAXIMUM_REQUIRES_MAXIMUM,
    &bounds::EXCLUSIVE_MINIMUM_REQUIRES_MINIMUM,
    &bounds::MULTIPLE_OF_MUST_BE_GREATER_THAN_ZERO,
    &bounds::ENUM_MUST_CONTAIN_AT_LEAST_ONE_ELEMENT,
    &required::REQUIRED_PROPERTY_ARRAY_EMPTY,
    &required::REQUIRED_PROPERTY_NOT_ON_OBJECT,
    &required::REQUIRED_PROPERTY_DEFINITION_MISSING,
    &security::SECURITY_REQUIREMENT_MUST_BE_DEFINED,
    &security::SECURITY_REQUIREMENT_MUST_HAVE_VALUE,
    &security::SECURITY_REQUIREMENT_MUST_HAVE_EMPTY_VALUE,
    &security::OAUTH_SECURITY_REQUIREMENT_VALUE_MUST_BE_SCOPE_NAME,
    &security::SECURITY_SCHEME_PROPERTY_REQUIRED,
    &security::SECURITY_SCHEME_PROPERTY_NOT_VALID,
    &not_supported::PATH_ITEM_REF_NOT_SUPPORED,
    &not_supported::ADDITIONAL_PROPERTY_NOT_ALLOWED_ADJACENT_TO_REF,
    &not_supported::ALLOW_EMPTY_VALUE_ONLY_VALID_FOR_QUERY_FORM_DATA,
    &not_supported::TAG_REDEFINED,
    &values::PATTERN_SHOULD_BE_VALID_REGULAR_EXPRESSION,
    &values::DEFAULT_VALUE_MUST_MATCH_TYPE,
    &values::MIME_TYPE_NOT_VALID,
    &body_parameter::BODY_PARAMETER_PROPERTY_NOT_VALID,
    &discriminator::DISCRIMINATOR_MUST_BE_A_REQUIRED_STRING_PROPERTY,
    &read_only::REQUIRED_READ_ONLY_PROPERTY_NOT_ALLOWED_AS_INPUT,
    &examples::RESPONSE_EXAMPLE_MUST_BE_PRODUCED_BY_OPERATION,
    &internal_default::INTERNAL_PROPERTY_WITH_DEFAULT_OPTIONAL,
    &internal_default::PROPERTY_MUST_BE_REQUIRED,
    &filter_functions::FILTER_FUNCTIONS_PROPERTY_EMPTY,
    &filter_functions::FILTER_FUNCTIONS_PROPERTY_HAS_DUPLICATES,
    &filter_functions::FILTER_FUNCTIONS_PROPERTY_IN_INPUT_SCHEMA,
    &filter_functions::FILTER_FUNCTIONS_PROPERTY_INVALID_VALUE,
    &mime::MIME_TYPE_NOT_SUPPORTED,
    &mime::MIME_TYPE_NOT_COMPATIBLE_WITH_REQUEST_CONTENT_SCHEMA_TYPE,
    &collection_format::COLLECTION_FORMAT_VALUE_NOT_SUPPORTED,
    &swagger_keyword::SWAGGER_KEYWORD_NOT_SUPPORTED,
    &additional_property::ADDITIONAL_PROPERTY_NOT_ALLOWED,
];

/// Every object that can carry value keywords ([`Context::keyword_objects`], cached per check).
fn keyword_objects<'c, 'a>(cx: &'c Context<'a>) -> impl Iterator<Item = Node<'a>> + 'c {
    cx.keyword_objects().iter().copied()
}

/// Inline parameter objects: see [`crate::package::swagger::Swagger::parameter_definitions`].
fn parameter_definitions<'a>(cx: &Context<'a>) -> Vec<Node<'a>> {
    crate::rules::support::parameter_definitions(cx)
}

#[cfg(test)]
mod tests {
    use super::RULES;

    /// Every prefix of a document that exercises the rules: half-typed text must never make a
    /// rule panic (rules are called directly here, without the engine's panic guard).
    #[test]
    fn rules_survive_every_truncation() {
        let text = r##"{"swagger":"2.0","produces":["json"],"tags":[{"name":"A"},{"name":"A"}],
"securityDefinitions":{"k":{"type":"apiKey","flow":"x"},"o":{"type":"oauth2","flow":"accessCode","scopes":{"s":""}}},
"security":[{"k":["r"]},{"o":["t"]},{"z":null}],
"parameters":{"p":{"name":"p","in":"header","allowEmptyValue":true,"type":"integer","minimum":9,"maximum":1,"default":"x","x-ms-visibility":"internal"}},
"definitions":{"D":{"type":"array","required":[],"discriminator":"k","properties":{"a":{"$ref":"#/definitions/D","title":"t"},"b":{"type":"string","pattern":"[a","minLength":-1,"maxLength":-2,"enum":[],"multipleOf":0,"exclusiveMaximum":true}}},
"E":{"type":"object","required":["zz"],"allOf":[{"$ref":"#/definitions/D"}],"properties":{"x":{"type":"integer"}}}},
"paths":{"/a":{"$ref":"#/x","get":{"produces":["application/json"],"parameters":[{"name":"b","in":"body","type":"object","schema":{"type":"object","required":["r"],"properties":{"r":{"readOnly":true}}}}],
"responses":{"200":{"description":"","examples":{"text/plain":"x"},"headers":{"h":{"type":"array","items":{"type":"string","minItems":3,"maxItems":1}}}}}}}}}"##;
        let findings = crate::rules::check_every_prefix(text, RULES);
        let mut codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert!(codes.len() > 20, "only {codes:?}");
    }
}
