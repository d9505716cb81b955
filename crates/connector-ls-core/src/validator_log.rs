//! Validator output pasted back: the lines Microsoft's certification pipeline, `paconn validate` and
//! the certification bot print, parsed into [`Entry`]s and placed in a connector's files.
//!
//! Three shapes are read, mixed and surrounded by anything else (which is skipped):
//!
//! - the pull-request pipeline: `##[error]MESSAGE ValuePath: /json/pointer` (or `##[warning]`;
//!   a root-level finding has no `ValuePath:`), optionally after an Azure DevOps timestamp;
//! - paconn's JSON error object, whose `message` string holds `Severity : path : message`
//!   entries joined by CRLF, the path written without its leading `/` (or left out for the
//!   root); the entries are also read when pasted already decoded, one per line, or with the
//!   escapes left in (`\r\n`, `\u0027`);
//! - the newer output that names the rule: `error CodeName: MESSAGE`, with or without the
//!   pipeline's `##[...]` marker and `ValuePath:`.
//!
//! The breaking-change check's `ValuePath: operation/<operationId>/...` is not a JSON pointer;
//! it is followed through the operation, its parameters and its schemas as far as they exist.
//!
//! Each entry is matched to a rule: by the code when the line names one, else by the message
//! (the validator's documented message templates, as globs). Nothing here prints; the CLI
//! (`connector-ls log`) and the language server render the placed findings.

use std::fmt::Write as _;

use crate::json::unescape_token;
use crate::json::Node;
use crate::package::swagger::Swagger;
use crate::package::{FileKind, Package};
use crate::rules::{self, Finding, Severity};
use crate::text::TextRange;
use crate::validator_codes::DOCUMENTED_CODES;

/// The code of a validator line that matches no known rule or message.
pub const UNMATCHED_CODE: &str = "ValidatorMessage";

/// Which output an entry was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Format {
    /// `##[error]... ValuePath: /...` (pull-request pipeline).
    Pipeline,
    /// `Error : path : message` (paconn's JSON message, the maker portal).
    Paconn,
    /// `error CodeName: message` (the output that names the rule).
    Coded,
}

/// One finding of the validator, as read from the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The 1-based line of the input it was read from (a JSON blob's entries: its first line).
    pub line: usize,
    /// That input line, as read (a long line is cut), for listing what could not be placed.
    pub text: String,
    pub format: Format,
    pub severity: Severity,
    /// The rule code the line names, if it names one.
    pub named_code: Option<String>,
    /// The validator's message.
    pub message: String,
    /// The location as written after `ValuePath:` (or paconn's path); `None` for the root.
    pub value_path: Option<String>,
}

impl Entry {
    /// The code of the matching rule: connector-ls's when one implements it, else the
    /// documented validator code; [`UNMATCHED_CODE`] when neither the code nor the message is
    /// known.
    pub fn code(&self) -> &'static str {
        if let Some(named) = &self.named_code {
            if let Some(code) = known_code(named) {
                return code;
            }
        }
        match_message(&self.message).unwrap_or(UNMATCHED_CODE)
    }

    /// Whether this line is a finding of the validator rather than some other error of the
    /// pipeline (`##[error]Bash exited with code '1'.`): it has a location, names a code or
    /// says a known message.
    pub fn is_finding(&self) -> bool {
        self.value_path.is_some()
            || self.format != Format::Pipeline
            || self.code() != UNMATCHED_CODE
    }
}

/// A code as rules or the documented catalog spell it (case-insensitive lookup).
fn known_code(code: &str) -> Option<&'static str> {
    if let Some(rule) = rules::rule(code) {
        return Some(rule.code);
    }
    DOCUMENTED_CODES
        .iter()
        .copied()
        .find(|c| c.eq_ignore_ascii_case(code))
}

/// The validator's messages (its documented templates, placeholders as `*`, the final period
/// left out; a template whose first sentence is already distinctive is cut after it), and the
/// breaking-change check's, with the code each means. A message matches a pattern that covers
/// its beginning; the pattern with the most literal text wins.
const MESSAGES: &[(&str, &str)] = &[
    ("AdditionalPropertyNotAllowed", "The property '*' is not allowed and must be removed"),
    ("AdditionalPropertyNotAllowedAdjacentToRef", "When '$ref' is defined, no other properties may be specified"),
    ("AllowEmptyValueOnlyValidForQueryFormData", "The parameter cannot use the 'allowEmptyValue' keyword as it is not in the 'query' or 'formData' location"),
    ("ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations", "The 'x-ms-api-annotation' extension for operation '*' is invalid. The replacement property should be specified for deprecated operations only"),
    ("ApiAnnotationExtensionReplacementInfoMissingApiProperty", "The 'x-ms-api-annotation' extension for operation '*' is invalid. The replacement property must specify 'api' property"),
    ("ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty", "The 'x-ms-api-annotation' extension for operation '*' is invalid. The replacement property must specify 'operationId' property"),
    ("ArrayDuplicateValue", "The array contains duplicate values, values must be unique"),
    ("ArrayHasNoItems", "The array should have items specified"),
    ("BasePathNotValid", "The 'basePath' property, if present, must start with a '/' character"),
    ("BodyOrFormDataParameterInFetchOperationNotAllowed", "Body or form data parameters are not supported in a fetch operation"),
    ("BodyParameterPropertyNotValid", "The 'body' parameter cannot use property '*', instead, the 'schema' property should be used to define the type used by the parameter"),
    ("BodyParameterSchemaRequired", "The 'body' parameter must define a 'schema' property"),
    ("BodySchemaCountExceedsMaxAllowed", "The total number of schemas in the object exceeds the max schema count allowed value of '*'"),
    ("CollectionFormatValueNotSupported", "The 'collectionFormat' keyword value '*' is not supported"),
    ("ConnectionIdParameterNotAllowed", "A parameter cannot be named as 'connectionId'"),
    ("ConnectorMetadataPropertiesMissing", "The connector metadata property '*' is required"),
    ("ConsumesMissing", "At least one supported MIME type must be provided in 'consumes' for operation '*'"),
    ("ContactEmailNotValid", "The contact 'email' property, if present, must be a valid email address"),
    ("DefaultResponseHasSchema", "The 'default' response should not have schema definition"),
    ("DefaultValueMustMatchType", "The 'default' value is of type '*', but should match the given type '*'"),
    ("DiscriminatorMustBeARequiredStringProperty", "The 'discriminator' value must be the name of a required string property"),
    ("DuplicateEnumValuesInExtension", "The 'x-ms-enum-values' extension has duplicate values"),
    ("DuplicateOperationPath", "The operations '*' and '*' have the path templates '*' and '*' which are duplicate and indistinguishable"),
    ("DynamicExtensionDefinitionNotAllowedInParameter", "Dynamic extensions are not allowed to be defined on the body parameter"),
    ("DynamicListExtensionRequiredForAmbiguousReferences", "The 'x-ms-dynamic-values' extension references ambiguous parameter references"),
    ("DynamicListExtensionRequiredForNonParameterReferences", "The 'x-ms-dynamic-values' extension references properties within parameters"),
    ("DynamicPropertiesExtensionRequiredForAmbiguousReferences", "The 'x-ms-dynamic-schema' extension references ambiguous parameter references"),
    ("DynamicPropertiesExtensionRequiredForNonParameterReferences", "The 'x-ms-dynamic-schema' extension references properties within parameters"),
    ("DynamicPropertiesExtensionRequiredForPropertiesValuePath", "The 'x-ms-dynamic-schema' extension property 'value-path' points to schema properties"),
    ("DynamicPropertiesItemValuePathMismatch", "The 'x-ms-dynamic-properties' extension should have the same item value path as 'x-ms-dynamic-schema' extension without 'properties' ending"),
    ("DynamicTreeExtensionMissing", "The 'x-ms-dynamic-tree' extension must be defined to enable file picker support"),
    ("EnumMustContainAtLeastOneElement", "The 'enum' array requires at least one value"),
    ("ExclusiveMaximumRequiresMaximum", "The 'exclusiveMaximum' keyword can only be specified if the 'maximum' keyword is also specified"),
    ("ExclusiveMinimumRequiresMinimum", "The 'exclusiveMinimum' keyword can only be specified if the 'minimum' keyword is also specified"),
    ("ExtensionNameNotValid", "The property '*' is not valid"),
    ("FieldLengthExceeded", "The '*' value goes over the character limit '*'"),
    ("FieldLengthNotInRange", "The '*' value must be between '*' and '*' characters"),
    ("FileParameterMustBeInFormData", "Parameters of type 'file' are not valid in locations other than 'formData'"),
    ("FilterFunctionsPropertyEmpty", "The 'filterFunctions' property must have at least one element"),
    ("FilterFunctionsPropertyHasDuplicates", "The 'filterFunctions' property cannot contain duplicates"),
    ("FilterFunctionsPropertyInInputSchema", "The 'filterFunctions' property has to be in the response schema"),
    ("FilterFunctionsPropertyInvalidValue", "The 'filterFunctions' property supports only these values: *\""),
    ("HostNameNotValid", "The 'host' property, if present, must be a valid URI host without a scheme or path"),
    ("InternalPropertyWithDefaultOptional", "The internal property has a default value but is optional"),
    ("InvalidConnectorCategory", "The connector category is invalid"),
    ("InvalidCustomEditorExtensionDictionaryValue", "The 'x-ms-editor' extension can be specified as 'dictionary' only for schema with type object and additional properties allowed"),
    ("InvalidEnumValue", "The type of the enum value is '*' but it should be '*' as specified in the schema"),
    ("InvalidEnumValuesExtensionValue", "The 'value' field must match one of the enums as defined in the 'enum' property of the schema"),
    ("InvalidFormDataParameterName", "The form data parameter name '*' is invalid"),
    ("InvalidNextLinkNameValue", "The nextLinkName value for operation '*' is invalid"),
    ("InvalidStringBinaryProperty", "A schema with type/format 'string/binary' can only be at the top level of a body or formData parameter"),
    ("InvokedOperationShouldProduceArray", "The dynamic operation expects an array on the specified path '*' which should be defined in the successful response of the invoked operation '*'"),
    ("InvokedOperationShouldProduceProperty", "The dynamic operation expects a property on the specified path '*' which should be defined in the successful response of the invoked operation '*'"),
    ("JsonPointerNotValid", "The JSON Pointer path is not valid"),
    ("JsonTypeIncorrect", "The type of the property is incorrect"),
    ("JsonValueNotInEnum", "The property value must be one of the following: *"),
    ("MaxItemsMustBeGreaterThanOrEqualToZero", "The 'maxItems' value must be greater than or equal to zero"),
    ("MaxLengthMustBeGreaterThanOrEqualToZero", "The 'maxLength' value must be greater than or equal to zero"),
    ("MaxPropertiesMustBeGreaterThanOrEqualToZero", "The 'maxProperties' value must be greater than or equal to zero"),
    ("MimeTypeNotCompatibleWithRequestContentSchemaType", "The MIME type(s) are not compatible with the request content type '*' for operation '*'"),
    ("MimeTypeNotSupported", "The MIME type '*' is not supported"),
    ("MimeTypeNotValid", "The MIME type '*' is not valid"),
    ("MinItemsMustBeGreaterThanOrEqualToZero", "The 'minItems' value must be greater than or equal to zero"),
    ("MinItemsShouldBeLessThanOrEqualToMaxItems", "The 'minItems' value should be less than or equal to the 'maxItems' value"),
    ("MinLengthMustBeGreaterThanOrEqualToZero", "The 'minLength' value must be greater than or equal to zero"),
    ("MinLengthShouldBeLessThanOrEqualToMaxLength", "The 'minLength' value should be less than or equal to the 'maxLength' value"),
    ("MinPropertiesMustBeGreaterThanOrEqualToZero", "The 'minProperties' value must be greater than or equal to zero"),
    ("MinimumShouldBeLessThanOrEqualToMaximum", "The 'minimum' value should be less than or equal to the 'maximum' value"),
    ("MissingEnumValuesDisplayName", "The 'x-ms-enum-values' extension is invalid"),
    ("MultipleOfMustBeGreaterThanZero", "The 'multipleOf' value must be greater than zero"),
    ("NonBodyParameterSchemaNotValid", "The parameter cannot define a schema as it is not in the 'body'"),
    ("NotificationExtensionNotSupportedInWebhookOperation", "The 'x-ms-notification' extension must not be defined in a webhook operation"),
    ("NotificationExtensionSupportedForTriggerOnly", "The 'x-ms-notification' is supported for trigger operations only"),
    ("NotificationOperationMustBeWebhook", "The 'operationId' property in 'x-ms-notification' extension must be for a webhook operation"),
    ("NotificationUrlNotAllowedInThisPosition", "The notification URL property is not allowed in this position"),
    ("NotificationUrlNotInternal", "The notification URL property itself or at least one of its parents must be internal"),
    ("NotificationUrlNotRequired", "The notification URL property must be required all the way through the schema chain"),
    ("NotificationUrlNotString", "The notification URL property must be of type string"),
    ("OAuthSecurityRequirementValueMustBeScopeName", "The OAuth security requirement '*' refers to scope name '*', but this is not defined in the 'securityDefinitions' object"),
    ("OneOfPropertiesRequired", "At least one of the properties is required: [*]"),
    ("OperationFamilyHasDuplicateRevisions", "The operation family '*' has operations with duplicate revision"),
    ("OperationFamilyHasManyActiveOperations", "The operation family '*' has more than two active operations"),
    ("OperationFamilyHasManyActiveProductionOperations", "The operation family '*' has several active operations in Production status"),
    ("OperationFamilyHasManyEmptyRevisions", "The operation family '*' has several operations with empty revision"),
    ("OperationHasManyResponsesWithSchema", "The operation '*' has more than one response with specified schema, only one schema will be used in the designer"),
    ("OperationIdNotFound", "The 'operationId' could not be found in this swagger document"),
    ("OperationIdNotUnique", "The operationId '*' is used multiple times"),
    ("OperationIdRequired", "The operation 'operationId' property is required"),
    ("OperationIdSanitized", "The 'operationId' property value is different from its sanitized value '*'"),
    ("OperationIdShouldEndWithRevision", "The operation Id '*' should end with revision suffix '*'"),
    ("OperationIdTooLong", "The operationId length must be less than '*'"),
    ("OperationMissingPathParameter", "The operation '*' does not define the '*' parameter which is required by the path"),
    ("OperationMissingRequiredProperty", "The target operation requires parameter '*'"),
    ("OperationMustHaveNotificationContentExtension", "The operation '*' is missing notification content extension as it has '*' properties marked as notification URL"),
    ("OperationMustHaveResponse", "The operation is not valid, it must contain at least one response definition"),
    ("OperationParameterNameIsAmbiguous", "The parameter name is ambiguous as it matches both a parameter name and a path to a body property"),
    ("OperationParameterNameNotFound", "The parameter could not be found in operation '*' in the swagger document"),
    ("OperationParameterRequiredMismatch", "The parameter is required, but an optional value is provided by operation '*'"),
    ("OperationParameterStaticTypeMismatch", "The parameter has type '*', but a static value is provided of type '*'"),
    ("OperationParameterTypeMismatch", "The parameter has type '*', but operation '*' is providing a parameter of type '*'"),
    ("OperationParametersAreNotUnique", "The parameters in the operation '*' are not unique"),
    ("OperationParametersContainDuplicateParameter", "The operation '*' contains duplicate parameters with name '*', location '*'"),
    ("OperationParametersContainMultipleBodyParameters", "The operation '*' contains multiple parameters in the location 'body', at most one is allowed"),
    ("OperationPathContainsUnsupportedCharacters", "The operation path cannot contain wildcard character '*'"),
    ("OperationPathMayNotContainQueryOrFragment", "The path is not valid, it must not contain a query part or fragment identifier"),
    ("OperationPathMustStartWithSlash", "The path is not valid, it must start with a '/' character"),
    ("OperationPathTemplateNotValid", "The path is not valid, each path template variable enclosed by '{' and '}' characters must be contained within a single URL segment"),
    ("OperationPathVariablesContainDefaults", "The operation path template variables cannot set default values with character '='"),
    ("OperationRevisionEmpty", "The operation '*' does not specify a revision in api annotation"),
    ("OperationSchemaCountExceedsMaxAllowed", "The total number of schemas in the operation has exceeded the maximum allowed value of '*'"),
    ("OperationShouldHaveSuccessfulResponse", "The operation '*' should have at least one successful response definition"),
    ("OperationStatusAheadOfConnector", "The operation '*' cannot be in a Production status ahead of the connector"),
    ("OperationSummaryTooLong", "The operation 'summary' should be fewer than * characters for improved readablity"),
    ("ParameterListContainsFormDataAndBody", "The 'parameters' list defines both a 'body' parameter, and a 'formData' parameter"),
    ("ParameterRefLoopNotAllowed", "The parameter definition may not use a '$ref' to point to another definition"),
    ("ParameterReferenceNotFound", "The parameter reference '*' could not be found in the swagger document"),
    ("ParameterReferenceNotValid", "The parameter reference '*' is not valid"),
    ("ParamtersWithSameNameMustHaveSameTypeAndVisibility", "Parameters of the same name in fetch and subscribe operations must be of the same type and visibility"),
    ("PartialDuplicateOperationPath", "The operation '*' has the path template '*' which is similar to other operation path templates, this can lead to an unexpected routing to a different operation in case an input path parameter value matches to a static value segment"),
    ("PathItemRefNotSuppored", "The '$ref' property in a path is not supported"),
    ("PathParameterMissingEncoding", "Encoding for path parameter '*' is missing, which might lead to invalid requests"),
    ("PathParameterMustBeRequired", "The parameter must be marked as required as it is used in the operation path"),
    ("PathParameterNotDefinedInTemplate", "The 'path' parameter '*' is not defined in the URI path template"),
    ("PathParametersContainDuplicateParameter", "The path '*' contains duplicate parameters with name '*', location '*'"),
    ("PathParametersContainMultipleBodyParameters", "The path '*' contains multiple parameters in the location 'body', at most one is allowed"),
    ("PathRedefined", "The path '*' is defined multiple times with different capitalization"),
    ("PatternShouldBeValidRegularExpression", "The 'pattern' value should be a valid regular expression"),
    ("ProductionStatusOnBetaService", "The connector cannot be in Production status on a beta service"),
    ("PropertyMustBeRequired", "The property is internal and has a default value, it must be required"),
    ("QueryParameterEncodingNotSupported", "Encoding for query parameter '*' is not supported"),
    ("RequiredLoopInSchemaNotAllowed", "Loops of required schema properties are not allowed"),
    ("RequiredPropertyArrayEmpty", "The 'required' array requires at least one value"),
    ("RequiredPropertyDefinitionMissing", "The required property '*' is not defined in the object schema"),
    ("RequiredPropertyMissing", "The '*' property is required"),
    ("RequiredPropertyNotOnObject", "The property 'required' is applicable to schemas with 'object' type only and should be removed"),
    ("RequiredReadOnlyPropertyNotAllowedAsInput", "An input property cannot be 'readonly' and required"),
    ("RequiredValueEmpty", "The '*' property must have not empty value"),
    ("ReservedParameterIsUsed", "The parameter '*' is reserved and cannot be used in '*'"),
    ("ResponseExampleMustBeProducedByOperation", "The response example '*' is not produced by the operation '*'"),
    ("ResponseHeadersAreNotUnique", "The response headers are not unique"),
    ("ResponseMustBeDefaultOrHttpStatusCode", "The response is not valid, the response must be a valid HTTP status code, or the string 'default'"),
    ("ResponseRefLoopNotAllowed", "The response definition may not use a '$ref' to point to another definition"),
    ("ResponseReferenceNotFound", "The response reference '*' could not be found in the swagger document"),
    ("ResponseReferenceNotValid", "The response reference '*' is not valid"),
    ("RestrictedCharactersInSummary", "Summary string contains any of the restricted characters [*]"),
    ("SchemaDefinitionSetIncorrectly", "The operation '*' should define an output schema on the 200 or 201 response code or in 'x-ms-notification-content' extension for a webhook to be visible in the designer"),
    ("SchemaRefLoopNotAllowed", "The schema definition may not use a '$ref' to point to another definition"),
    ("SchemaReferenceNotFound", "The schema reference '*' could not be found in the swagger document"),
    ("SchemaReferenceNotValid", "The schema reference '*' is not valid"),
    ("SchemaTooDeep", "The schema exceeds the maximum allowed depth"),
    ("SchemaTypeFileNotValid", "The schema type 'file' is not valid"),
    ("SchemeNotSupported", "The WebSocket transfer protocol schemes are not supported"),
    ("SchemeNotValid", "The 'schemes' property must only contain transfer protocols from the list: *"),
    ("SchemesArrayEmpty", "The 'schemes' array requires at least one value"),
    ("SecurityRequirementMustBeDefined", "The security requirement '*' is not defined in the 'securityDefinitions' object"),
    ("SecurityRequirementMustHaveEmptyValue", "The security requirement '*' cannot specify any scopes, an empty array should be provided"),
    ("SecurityRequirementMustHaveValue", "The security requirement '*' must have have a value"),
    ("SecuritySchemePropertyNotValid", "The security definition property '*' is not valid for definitions of type '*'"),
    ("SecuritySchemePropertyRequired", "The security definition property '*' is required for definitions of type '*'"),
    ("SelectedItemValuePathNotAllowedInThisPosition", "The 'selectedItemValuePath' property is not allowed in this position"),
    ("SourcePropertyInternal", "The parameter reference '*' in the source operation '*' is internal or one of its parent(s) are internal"),
    ("SpecificationVersionIncorrect", "The 'swagger' property must have the string value \"2.0\""),
    ("StringBinaryNotSupportedForFormUrlEncoded", "String/binary parameters are not supported for operation '*' with 'application/x-www-form-urlencoded' consumes type"),
    ("SwaggerKeywordNotSupported", "The '*' keyword is not supported"),
    ("TagRedefined", "The 'tags' property defines tag '*' multiple times"),
    ("TooManyConnectorCategories", "The maximum allowed number of categories for the connector is '*'"),
    ("TotalOperationsCountExceedsMaxAllowed", "The total number of operations in the swagger exceeds the maximum allowed value of '*'"),
    ("TotalSchemaCountExceedsMaxAllowed", "The maximum allowed number of schemas in the swagger is '*'"),
    ("UnrecognizedTypeFormat", "The type/format '*' is not recognized"),
    ("UrlNotValid", "The 'url' property must be a valid absolute URL"),
    ("ValueContainsRestrictedWords", "The value '*' contains at least one of the restricted words: '*'"),
    ("ValueMustBeInEnglish", "The '*' value must be written in English"),
    ("ValueMustEndWithAlphanumeric", "The '*' value must end with alphanumeric character"),
    ("WebhookOperationsMissingNotificationUrlProperty", "The webhook operation '*' is missing notification URL property"),
    // The breaking-change check (`ValidateChange`), reported as connector-ls's Breaking* rules.
    ("BreakingOperationDeleted", "The operation has been deleted"),
    ("BreakingTypeChanged", "The type has been changed for the output field"),
    ("BreakingOutputDeleted", "The output field has been deleted"),
    ("BreakingRequiredParameterAdded", "The required input field has been added"),
    ("BreakingPathChanged", "The path template has been changed for the operation"),
    ("BreakingParameterLocationChanged", "The location has been changed for the parameter"),
    ("BreakingEnumAdded", "The list of enum values has been added to the input field"),
];

/// Whether `pattern` (literal text and `*` wildcards) covers the start of `message`; if so, how
/// many literal characters it has.
fn covers(pattern: &str, message: &str) -> Option<usize> {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let mut rest = message.strip_prefix(first)?;
    let mut literal = first.len();
    for part in parts {
        if part.is_empty() {
            continue;
        }
        let at = rest.find(part)?;
        rest = &rest[at + part.len()..];
        literal += part.len();
    }
    Some(literal)
}

/// The code whose message `message` is, by [`MESSAGES`].
pub fn match_message(message: &str) -> Option<&'static str> {
    let message = message.trim();
    let (code, _) = MESSAGES
        .iter()
        .filter_map(|(code, pattern)| covers(pattern, message).map(|n| (*code, n)))
        .max_by_key(|&(_, n)| n)?;
    known_code(code)
}

/// The longest input line kept in [`Entry::text`].
const MAX_TEXT_CHARS: usize = 400;

fn cut(line: &str) -> String {
    if line.chars().count() <= MAX_TEXT_CHARS {
        return line.to_string();
    }
    let mut s: String = line.chars().take(MAX_TEXT_CHARS).collect();
    s.push('…');
    s
}

/// `s` with control and bidirectional-formatting characters written as `\u{..}` escapes, so
/// that pasted text reaches a terminal as text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

fn severity_word(word: &str) -> Option<Severity> {
    match word.to_ascii_lowercase().as_str() {
        "error" | "critical" | "fatal" => Some(Severity::Error),
        "warning" | "warn" => Some(Severity::Warning),
        "info" | "information" | "informational" | "notice" => Some(Severity::Info),
        _ => None,
    }
}

/// Strips an Azure DevOps timestamp (`2025-01-31T10:20:30.1234567Z `) from the start of a line.
fn strip_timestamp(line: &str) -> &str {
    let b = line.as_bytes();
    let looks = b.len() > 20
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T';
    if !looks {
        return line;
    }
    match line.find(char::is_whitespace) {
        Some(i) if line[..i].ends_with('Z') => line[i..].trim_start(),
        _ => line,
    }
}

/// The pipeline's marker: `##[error]`, `##[warning]`, or a `##vso[task.logissue type=...]`
/// command; returns the severity and the rest of the line.
fn pipeline_marker(line: &str) -> Option<(Severity, &str)> {
    if let Some(rest) = line.strip_prefix("##[") {
        let close = rest.find(']')?;
        let sev = severity_word(&rest[..close])?;
        return Some((sev, &rest[close + 1..]));
    }
    let rest = line.strip_prefix("##vso[task.logissue")?;
    let close = rest.find(']')?;
    let props = &rest[..close];
    let kind = props
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("type="))?;
    Some((severity_word(kind)?, &rest[close + 1..]))
}

/// Root members of a swagger or apiProperties document: a bare word that is one of these is a
/// paconn path (`info`), not the first word of a message.
const ROOT_WORDS: &[&str] = &[
    "swagger",
    "info",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "paths",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "security",
    "tags",
    "externalDocs",
    "properties",
];

/// Whether `token` reads as a location: a pointer (`/a/b`, `a/b`, `#/a`) or a root member.
fn looks_like_path(token: &str) -> bool {
    !token.is_empty()
        && !token.contains(char::is_whitespace)
        && (token.contains('/') || ROOT_WORDS.contains(&token) || token.starts_with("x-ms-"))
}

/// Splits `MESSAGE ValuePath: PATH [Source: ...]` (or `MESSAGE at /PATH`).
fn split_value_path(rest: &str) -> (String, Option<String>) {
    if let Some(i) = rest.rfind("ValuePath:") {
        let message = rest[..i].trim_end().trim_end_matches([',', ';']).trim_end();
        let mut path = rest[i + "ValuePath:".len()..].trim();
        if let Some(j) = path.find(" Source:") {
            path = path[..j].trim();
        }
        return (message.to_string(), Some(path.to_string()));
    }
    if let Some(i) = rest.rfind(" at /") {
        let path = rest[i + 4..].trim();
        if looks_like_path(path) {
            return (rest[..i].trim_end().to_string(), Some(path.to_string()));
        }
    }
    (rest.trim().to_string(), None)
}

/// `CodeName: rest`, where the code is known or at least PascalCase.
fn split_code(rest: &str) -> Option<(&str, &str)> {
    let colon = rest.find(':')?;
    let code = &rest[..colon];
    let pascal = code.len() >= 3
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code.chars().all(|c| c.is_ascii_alphanumeric())
        && code.chars().any(|c| c.is_ascii_lowercase());
    (pascal && rest[colon + 1..].starts_with(' ')).then(|| (code, rest[colon + 1..].trim_start()))
}

/// A paconn entry, `Severity : [path : ]message`, starting anywhere in `s` (after the
/// "...following errors: " preamble, say).
fn paconn_entry(s: &str) -> Option<(Severity, Option<String>, String)> {
    let mut search = 0;
    while search < s.len() {
        let at = s[search..].find(" : ").map(|i| i + search)?;
        let head = &s[..at];
        let word_start = head
            .char_indices()
            .rfind(|(_, c)| !c.is_ascii_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[word_start..];
        let word_ok = matches!(word, "Error" | "Warning" | "Critical" | "Information");
        let starts_clean = word_start == 0 || head[..word_start].ends_with([' ', ':', '\t', '"']);
        if word_ok && starts_clean {
            let sev = severity_word(word)?;
            let rest = s[at + 3..].trim();
            if let Some(j) = rest.find(" : ") {
                let path = rest[..j].trim();
                if looks_like_path(path) {
                    return Some((
                        sev,
                        Some(path.to_string()),
                        rest[j + 3..].trim().to_string(),
                    ));
                }
            }
            return Some((sev, None, rest.to_string()));
        }
        search = at + 3;
    }
    None
}

/// Decodes the escapes of a JSON string body left in pasted text (`\r\n`, `\"`, `\u0027`); the
/// text unchanged when it has none or is not a valid string body.
fn unescape_json(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let quoted = format!("\"{}\"", s.replace('"', "\\\"").replace("\\\\\"", "\\\""));
    serde_json::from_str::<String>(&quoted).unwrap_or_else(|_| {
        s.replace("\\r\\n", "\n")
            .replace("\\n", "\n")
            .replace("\\u0027", "'")
            .replace("\\\"", "\"")
    })
}

/// Parses one line (already split from its neighbours) into an entry.
fn parse_line(line: &str, number: usize, raw: &str) -> Option<Entry> {
    let line = strip_timestamp(line.trim());
    let entry = |format, severity, named_code: Option<&str>, message: String, value_path| Entry {
        line: number,
        text: cut(raw.trim()),
        format,
        severity,
        named_code: named_code.map(str::to_string),
        message,
        value_path,
    };
    if let Some((sev, rest)) = pipeline_marker(line) {
        let rest = rest.trim();
        // `##[error]error CodeName: ...` or `##[error]CodeName: ...`
        let (sev, rest, format) = match rest.split_once(' ') {
            Some((word, after)) if severity_word(word).is_some() && split_code(after).is_some() => {
                (severity_word(word).unwrap_or(sev), after, Format::Coded)
            }
            _ => (sev, rest, Format::Pipeline),
        };
        if let Some((code, message)) = split_code(rest) {
            if format == Format::Coded || known_code(code).is_some() {
                let (message, path) = split_value_path(message);
                return Some(entry(Format::Coded, sev, Some(code), message, path));
            }
        }
        if let Some((sev, path, message)) = paconn_entry(rest) {
            return Some(entry(Format::Paconn, sev, None, message, path));
        }
        let (message, path) = split_value_path(rest);
        return Some(entry(format, sev, None, message, path));
    }
    // `error CodeName: message [ValuePath: ...]`
    if let Some((word, after)) = line.split_once(char::is_whitespace) {
        let word = word.trim_matches(|c| c == '[' || c == ']');
        let coded = split_code(after.trim_start()).filter(|(code, _)| known_code(code).is_some());
        if let (Some(sev), Some((code, rest))) = (severity_word(word), coded) {
            let (message, mut path) = split_value_path(rest);
            let mut message = message;
            // `error CodeName: path : message`
            if path.is_none() {
                if let Some((p, m)) = message.split_once(" : ") {
                    if looks_like_path(p.trim()) {
                        path = Some(p.trim().to_string());
                        message = m.trim().to_string();
                    }
                }
            }
            return Some(entry(Format::Coded, sev, Some(code), message, path));
        }
    }
    let (sev, path, message) = paconn_entry(line)?;
    let (message, path) = match path {
        Some(p) => (message, Some(p)),
        None => split_value_path(&message),
    };
    Some(entry(Format::Paconn, sev, None, message, path))
}

/// The string value of every `"message": "..."` member in `text`, with the byte range of the
/// string literal.
fn message_strings(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("\"message\"") {
        let key_end = from + i + "\"message\"".len();
        from = key_end;
        let after = text[key_end..].trim_start();
        let Some(after) = after.strip_prefix(':') else {
            continue;
        };
        let value = after.trim_start();
        if !value.starts_with('"') {
            continue;
        }
        let start = text.len() - value.len();
        let bytes = text.as_bytes();
        let mut j = start + 1;
        while j < bytes.len() && bytes[j] != b'"' {
            j += if bytes[j] == b'\\' { 2 } else { 1 };
        }
        if j >= bytes.len() {
            break;
        }
        if let Ok(s) = serde_json::from_str::<String>(&text[start..=j]) {
            out.push((start..j + 1, s));
        }
        from = j + 1;
    }
    out
}

/// The pieces a line holds: several paconn entries may share one (CRLF left escaped, the maker
/// portal's `   ##   ` separator).
fn pieces(line: &str) -> Vec<String> {
    let decoded = if line.contains("\\r\\n") || line.contains("\\n") || line.contains("\\u00") {
        unescape_json(line)
    } else {
        line.to_string()
    };
    decoded
        .split(['\r', '\n'])
        .flat_map(|l| l.split("   ##   "))
        .map(str::to_string)
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// What a log holds.
#[derive(Clone, Debug, Default)]
pub struct Log {
    pub entries: Vec<Entry>,
    /// Input lines that are not validator output.
    pub skipped: usize,
    pub lines: usize,
}

/// Reads every validator entry in `text`, in input order.
pub fn parse(text: &str) -> Log {
    let blobs = message_strings(text);
    let breaks: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
    let line_of = |offset: usize| breaks.partition_point(|&b| b < offset) + 1;
    let mut found: Vec<Entry> = Vec::new();
    let mut blob_lines = std::collections::BTreeSet::new();
    for (range, message) in &blobs {
        let first = line_of(range.start);
        let last = line_of(range.end);
        let mut any = false;
        for piece in pieces(message) {
            if let Some(e) = parse_line(&piece, first, &piece) {
                any = true;
                found.push(e);
            }
        }
        if any {
            blob_lines.extend(first..=last);
        }
    }
    let mut skipped = 0;
    let mut lines = 0;
    for (i, raw) in text.lines().enumerate() {
        lines += 1;
        let number = i + 1;
        if blob_lines.contains(&number) {
            continue;
        }
        let mut any = false;
        for piece in pieces(raw) {
            if let Some(e) = parse_line(&piece, number, raw) {
                any = true;
                found.push(e);
            }
        }
        if !any && !raw.trim().is_empty() {
            skipped += 1;
        }
    }
    // Blob entries first came first; keep input order (stable, by line).
    found.sort_by_key(|e| e.line);
    Log {
        entries: found,
        skipped,
        lines,
    }
}

/// Where an entry sits in the connector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    pub file: FileKind,
    /// The JSON pointer of the node (for a breaking-change path, of the deepest part found).
    pub pointer: String,
    pub range: TextRange,
    /// Said when the location was followed only part of the way.
    pub note: Option<String>,
}

/// The JSON pointer a ValuePath stands for: paconn's lack of a leading `/` restored, a `#`
/// fragment prefix dropped. `None` for the breaking-change check's `operation/...` paths.
pub fn pointer_of(value_path: Option<&str>) -> Option<String> {
    let Some(path) = value_path.map(str::trim) else {
        return Some(String::new());
    };
    let path = path.strip_prefix('#').unwrap_or(path);
    if path.starts_with("operation/") {
        return None;
    }
    if path.is_empty() || path.starts_with('/') {
        return Some(path.to_string());
    }
    Some(format!("/{path}"))
}

fn place_node(file: FileKind, node: Node, note: Option<String>) -> Placement {
    Placement {
        file,
        pointer: node.pointer(),
        range: node.anchor(),
        note,
    }
}

/// Places an entry in `package`: its pointer in the swagger, else in apiProperties; a
/// breaking-change path through the named operation. The error says why it could not be.
pub fn place(package: &Package, entry: &Entry) -> Result<Placement, String> {
    let Some(pointer) = pointer_of(entry.value_path.as_deref()) else {
        return place_operation_path(package, entry.value_path.as_deref().unwrap_or(""));
    };
    let kinds = [FileKind::Swagger, FileKind::ApiProperties];
    let mut nearest: Option<String> = None;
    for kind in kinds {
        let Some(doc) = package.document(kind) else {
            continue;
        };
        let tree = doc.tree();
        if tree.root().is_none() {
            continue;
        }
        let (node, whole) = tree.closest(&pointer);
        if whole {
            return Ok(Placement {
                file: kind,
                pointer: pointer.clone(),
                range: node.anchor(),
                note: None,
            });
        }
        if kind == FileKind::Swagger && node.parent().is_some() {
            nearest = Some(node.pointer());
        }
    }
    let files: Vec<&str> = kinds
        .iter()
        .filter(|k| package.document(**k).is_some())
        .map(|k| k.file_name())
        .collect();
    if files.is_empty() {
        return Err("the connector has no apiDefinition.swagger.json or apiProperties.json".into());
    }
    let mut reason = format!("{pointer} is not in {}", files.join(" or "));
    if let Some(n) = nearest {
        let _ = write!(reason, " (the nearest part that is: {n})");
    }
    Err(reason)
}

/// `operation/<operationId>[/parameter/<name>|/responses/<code>][/schema/<property>...]`.
fn place_operation_path(package: &Package, path: &str) -> Result<Placement, String> {
    let doc = package
        .document(FileKind::Swagger)
        .ok_or("the connector has no apiDefinition.swagger.json")?;
    let swagger = doc
        .tree()
        .root()
        .and_then(Swagger::new)
        .ok_or("apiDefinition.swagger.json is not an object")?;
    let mut tokens = path
        .split('/')
        .skip(1)
        .map(|t| unescape_token(t).into_owned());
    let id = tokens
        .next()
        .filter(|t| !t.is_empty())
        .ok_or("no operationId in the path")?;
    let op = swagger
        .operation_by_id(&id)
        .ok_or_else(|| format!("no operation has operationId '{id}'"))?;
    let tokens: Vec<String> = tokens.collect();
    let mut node = op.node;
    let mut i = 0;
    let mut stopped = false;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        let next = tokens.get(i + 1).map(String::as_str);
        let step = match (t, next) {
            ("parameter" | "parameters", Some(name)) if node.id() == op.node.id() => {
                i += 1;
                op.parameters()
                    .into_iter()
                    .find(|p| p.name() == Some(name))
                    .map(|p| p.def)
            }
            ("responses", Some(code)) if node.id() == op.node.id() => {
                i += 1;
                op.responses().and_then(|r| r.get(code))
            }
            ("schema", _) => node.get("schema").and_then(|s| swagger.deref(s)),
            (prop, _) => node
                .get(prop)
                .or_else(|| schema_property(&swagger, node, prop)),
        };
        match step {
            Some(n) => node = n,
            None => {
                stopped = true;
                break;
            }
        }
        i += 1;
    }
    let note = stopped.then(|| {
        format!(
            "only part of `{}` exists in the swagger; shown at {}",
            path,
            node.pointer()
        )
    });
    Ok(place_node(FileKind::Swagger, node, note))
}

/// The schema of property `name` of an object schema (or of its array items), `$ref`s followed.
fn schema_property<'a>(swagger: &Swagger<'a>, schema: Node<'a>, name: &str) -> Option<Node<'a>> {
    let schema = swagger.deref(schema)?;
    let direct = schema
        .get("properties")
        .and_then(|p| p.get(name))
        .and_then(|s| swagger.deref(s));
    direct.or_else(|| {
        let items = swagger.deref(schema.get("items")?)?;
        items
            .get("properties")
            .and_then(|p| p.get(name))
            .and_then(|s| swagger.deref(s))
    })
}

/// The finding an entry becomes once placed. `ours` are connector-ls's findings on the same
/// package: where one has the same code at the same pointer, its fix comes along.
pub fn finding(entry: &Entry, placement: &Placement, ours: &[Finding]) -> Finding {
    let code = entry.code();
    let mut message = escape(&entry.message);
    if code == UNMATCHED_CODE {
        if let Some(named) = &entry.named_code {
            message = format!("{}: {message}", escape(named));
        }
    }
    if let Some(note) = &placement.note {
        let _ = write!(message, " ({})", escape(note));
    }
    let fix = our_fix(entry, code, &placement.pointer, ours);
    Finding {
        code,
        severity: entry.severity,
        message,
        file: placement.file,
        pointer: placement.pointer.clone(),
        range: placement.range,
        fix,
        related: Vec::new(),
    }
}

/// The fix of connector-ls's own finding of `code` at `pointer` that says the same as the
/// entry: the same message, else one naming the same quoted member (`'x-ms-summary'`).
fn our_fix(
    entry: &Entry,
    code: &str,
    pointer: &str,
    ours: &[Finding],
) -> Option<crate::rules::Fix> {
    let norm = |m: &str| m.trim().trim_end_matches('.').to_lowercase();
    let wanted = norm(&entry.message);
    let candidates: Vec<&Finding> = ours
        .iter()
        .filter(|f| f.code == code && f.pointer == pointer && f.fix.is_some())
        .collect();
    let same = candidates.iter().find(|f| norm(&f.message) == wanted);
    let named = || {
        let quoted = entry.message.split('\'').nth(1).filter(|q| !q.is_empty())?;
        let quoted = format!("'{quoted}'");
        candidates.iter().find(|f| f.message.contains(&quoted))
    };
    same.or_else(named).and_then(|f| f.fix.clone())
}

/// An entry that could not be placed, and why.
#[derive(Clone, Debug)]
pub struct Unplaced {
    pub entry: Entry,
    pub reason: String,
}

/// Every entry of `log` placed in `package` (or not): the findings in input order, and the
/// entries that could not be placed. Pipeline errors that are not validator findings (no
/// location, no known message) are never placed.
pub fn place_all(
    package: Option<&Package>,
    log: &Log,
    ours: &[Finding],
) -> (Vec<Finding>, Vec<Unplaced>) {
    let mut placed = Vec::new();
    let mut unplaced = Vec::new();
    for entry in &log.entries {
        let result = if !entry.is_finding() {
            Err("not a validator finding: no ValuePath and no known message".to_string())
        } else if let Some(package) = package {
            place(package, entry)
        } else {
            Err("no connector to look the location up in".to_string())
        };
        match result {
            Ok(p) => placed.push(finding(entry, &p, ours)),
            Err(reason) => unplaced.push(Unplaced {
                entry: entry.clone(),
                reason,
            }),
        }
    }
    (placed, unplaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_match_their_codes() {
        assert_eq!(
            match_message("The 'x-ms-summary' property is required."),
            Some("RequiredPropertyMissing")
        );
        assert_eq!(
            match_message("The operation 'operationId' property is required."),
            Some("OperationIdRequired")
        );
        assert_eq!(
            match_message("The connector metadata property 'Categories' is required."),
            Some("ConnectorMetadataPropertiesMissing")
        );
        assert_eq!(match_message("Something else entirely."), None);
    }

    #[test]
    fn every_pattern_names_a_known_code() {
        for (code, _) in MESSAGES {
            assert!(known_code(code).is_some(), "{code}");
        }
    }

    #[test]
    fn pipeline_lines() {
        let log = parse("noise\n##[error]The 'summary' property is required. ValuePath: /paths/~1a/get\n##[warning]x ValuePath: /info\n");
        assert_eq!(log.entries.len(), 2);
        assert_eq!(log.skipped, 1);
        let e = &log.entries[0];
        assert_eq!(
            (e.line, e.format, e.severity),
            (2, Format::Pipeline, Severity::Error)
        );
        assert_eq!(e.value_path.as_deref(), Some("/paths/~1a/get"));
        assert_eq!(e.code(), "RequiredPropertyMissing");
        assert_eq!(log.entries[1].severity, Severity::Warning);
    }

    #[test]
    fn paconn_blob_and_decoded_entries() {
        let blob = r#"{"error":{"code":"SwaggerCertificationFailedWithErrors","message":"Failed: Error : paths/~1b/get/parameters/1 : The 'description' property is required.\r\nError : The 'x-ms-connector-metadata' property is required.\r\nWarning : info : W."}}"#;
        let log = parse(blob);
        assert_eq!(log.entries.len(), 3, "{log:?}");
        assert_eq!(
            log.entries[0].value_path.as_deref(),
            Some("paths/~1b/get/parameters/1")
        );
        assert_eq!(log.entries[1].value_path, None);
        assert_eq!(log.entries[2].severity, Severity::Warning);
        assert_eq!(
            pointer_of(log.entries[0].value_path.as_deref()).as_deref(),
            Some("/paths/~1b/get/parameters/1")
        );
        let escaped = r"Error : info : The 'contact' property is required.\r\nError : The \u0027x\u0027 property is required.";
        let log = parse(escaped);
        assert_eq!(log.entries.len(), 2, "{log:?}");
        assert_eq!(log.entries[1].message, "The 'x' property is required.");
    }

    #[test]
    fn coded_lines() {
        let log = parse("  error ExtensionNameNotValid: The property 'foo' is not valid. ValuePath: /foo\nwarning UnrecognizedTypeFormat: paths/~1c/get/parameters/0/format : T\n");
        assert_eq!(log.entries.len(), 2);
        assert_eq!(log.entries[0].code(), "ExtensionNameNotValid");
        assert_eq!(log.entries[0].format, Format::Coded);
        assert_eq!(
            log.entries[1].value_path.as_deref(),
            Some("paths/~1c/get/parameters/0/format")
        );
        assert_eq!(log.entries[1].severity, Severity::Warning);
    }

    #[test]
    fn pipeline_errors_that_are_not_findings() {
        let log = parse("##[error]Bash exited with code '1'.\n");
        assert_eq!(log.entries.len(), 1);
        assert!(!log.entries[0].is_finding());
        let log = parse("##[error]The 'x-ms-connector-metadata' property is required.\n");
        assert!(log.entries[0].is_finding());
    }

    #[test]
    fn escapes_control_characters() {
        assert_eq!(escape("a\x1b[31mb\u{202e}"), "a\\u{1b}[31mb\\u{202e}");
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for s in [
            "\"message\":\"",
            "\"message\": \"\\",
            "Error : ",
            "##[",
            "##[error",
            "##vso[task.logissue type=error",
            "error X: ",
            "é : Error : é : é",
            "2025-01-01T00:00:00.0000000Z",
        ] {
            let _ = parse(s);
        }
    }
}
