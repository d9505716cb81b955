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
    &bounds::MaxItemsMustBeGreaterThanOrEqualToZero,
    &bounds::MinItemsMustBeGreaterThanOrEqualToZero,
    &bounds::MaxLengthMustBeGreaterThanOrEqualToZero,
    &bounds::MinLengthMustBeGreaterThanOrEqualToZero,
    &bounds::MaxPropertiesMustBeGreaterThanOrEqualToZero,
    &bounds::MinPropertiesMustBeGreaterThanOrEqualToZero,
    &bounds::MinimumShouldBeLessThanOrEqualToMaximum,
    &bounds::MinItemsShouldBeLessThanOrEqualToMaxItems,
    &bounds::MinLengthShouldBeLessThanOrEqualToMaxLength,
    &bounds::ExclusiveMaximumRequiresMaximum,
    &bounds::ExclusiveMinimumRequiresMinimum,
    &bounds::MultipleOfMustBeGreaterThanZero,
    &bounds::EnumMustContainAtLeastOneElement,
    &required::RequiredPropertyArrayEmpty,
    &required::RequiredPropertyNotOnObject,
    &required::RequiredPropertyDefinitionMissing,
    &security::SecurityRequirementMustBeDefined,
    &security::SecurityRequirementMustHaveValue,
    &security::SecurityRequirementMustHaveEmptyValue,
    &security::OAuthSecurityRequirementValueMustBeScopeName,
    &security::SecuritySchemePropertyRequired,
    &security::SecuritySchemePropertyNotValid,
    &not_supported::PathItemRefNotSuppored,
    &not_supported::AdditionalPropertyNotAllowedAdjacentToRef,
    &not_supported::AllowEmptyValueOnlyValidForQueryFormData,
    &not_supported::TagRedefined,
    &values::PatternShouldBeValidRegularExpression,
    &values::DefaultValueMustMatchType,
    &values::MimeTypeNotValid,
    &body_parameter::BodyParameterPropertyNotValid,
    &discriminator::DiscriminatorMustBeARequiredStringProperty,
    &read_only::RequiredReadOnlyPropertyNotAllowedAsInput,
    &examples::ResponseExampleMustBeProducedByOperation,
    &internal_default::InternalPropertyWithDefaultOptional,
    &internal_default::PropertyMustBeRequired,
    &filter_functions::FilterFunctionsPropertyEmpty,
    &filter_functions::FilterFunctionsPropertyHasDuplicates,
    &filter_functions::FilterFunctionsPropertyInInputSchema,
    &filter_functions::FilterFunctionsPropertyInvalidValue,
    &mime::MimeTypeNotSupported,
    &mime::MimeTypeNotCompatibleWithRequestContentSchemaType,
    &collection_format::CollectionFormatValueNotSupported,
    &swagger_keyword::SwaggerKeywordNotSupported,
    &additional_property::AdditionalPropertyNotAllowed,
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
