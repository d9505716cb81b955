//! Rules of the `structure` family: the OpenAPI 2.0 skeleton a connector needs. Root members
//! (`swagger`, `host`, `basePath`, `schemes`), path templates, operation ids, parameter lists,
//! path parameters, `$ref`s, responses, and type/format pairs.

mod arrays;
mod binary;
mod consumes;
mod file_type;
mod json_pointer;
mod limits;
mod operation_id;
mod operation_id_shape;
mod parameter_names;
mod parameter_shape;
mod parameters;
mod parameters_unique;
mod path_parameters;
mod paths;
mod ref_loops;
mod references;
mod required_loop;
mod responses;
mod root;
mod type_format;

/// Builds the data the family's rules share ([`crate::rules::WARM_UPS`]).
pub(super) fn warm_up(cx: &Context) {
    limits::Sizes::shared(cx);
}

use super::{Context, Rule};
use crate::json::Node;
use crate::package::swagger::METHODS;

pub static RULES: &[&Rule] = &[
    &root::SpecificationVersionIncorrect,
    &root::HostNameNotValid,
    &root::BasePathNotValid,
    &root::SchemeNotValid,
    &root::SchemeNotSupported,
    &root::SchemesArrayEmpty,
    &paths::OperationPathMustStartWithSlash,
    &paths::OperationPathMayNotContainQueryOrFragment,
    &paths::OperationPathContainsUnsupportedCharacters,
    &paths::OperationPathTemplateNotValid,
    &paths::OperationPathVariablesContainDefaults,
    &paths::PathRedefined,
    &paths::DuplicateOperationPath,
    &paths::PartialDuplicateOperationPath,
    &operation_id::OperationIdRequired,
    &operation_id::OperationIdNotUnique,
    &path_parameters::PathParameterMustBeRequired,
    &path_parameters::OperationMissingPathParameter,
    &path_parameters::PathParameterNotDefinedInTemplate,
    &parameters::OperationParametersContainDuplicateParameter,
    &parameters::PathParametersContainDuplicateParameter,
    &parameters::OperationParametersContainMultipleBodyParameters,
    &parameters::PathParametersContainMultipleBodyParameters,
    &parameters::ParameterListContainsFormDataAndBody,
    &parameter_shape::BodyParameterSchemaRequired,
    &parameter_shape::NonBodyParameterSchemaNotValid,
    &parameters::BodyOrFormDataParameterInFetchOperationNotAllowed,
    &parameter_names::ConnectionIdParameterNotAllowed,
    &parameter_names::InvalidFormDataParameterName,
    &file_type::FileParameterMustBeInFormData,
    &file_type::SchemaTypeFileNotValid,
    &consumes::ConsumesMissing,
    &references::SchemaReferenceNotFound,
    &references::SchemaReferenceNotValid,
    &references::ParameterReferenceNotFound,
    &references::ParameterReferenceNotValid,
    &references::ResponseReferenceNotFound,
    &references::ResponseReferenceNotValid,
    &ref_loops::SchemaRefLoopNotAllowed,
    &ref_loops::ParameterRefLoopNotAllowed,
    &ref_loops::ResponseRefLoopNotAllowed,
    &responses::OperationMustHaveResponse,
    &responses::OperationShouldHaveSuccessfulResponse,
    &responses::DefaultResponseHasSchema,
    &responses::ResponseMustBeDefaultOrHttpStatusCode,
    &responses::ResponseHeadersAreNotUnique,
    &responses::OperationHasManyResponsesWithSchema,
    &type_format::UnrecognizedTypeFormat,
    &arrays::ArrayHasNoItems,
    &binary::StringBinaryNotSupportedForFormUrlEncoded,
    &binary::InvalidStringBinaryProperty,
    &limits::BodySchemaCountExceedsMaxAllowed,
    &limits::OperationSchemaCountExceedsMaxAllowed,
    &limits::TotalSchemaCountExceedsMaxAllowed,
    &limits::TotalOperationsCountExceedsMaxAllowed,
    &limits::SchemaTooDeep,
    &required_loop::RequiredLoopInSchemaNotAllowed,
    &json_pointer::JsonPointerNotValid,
    &operation_id_shape::OperationIdTooLong,
    &operation_id_shape::OperationIdSanitized,
    &parameters_unique::OperationParametersAreNotUnique,
];

/// Calls `f` on every object that describes a simple (non-schema) value: inline non-body
/// parameters and response headers (root section and operations).
fn for_each_simple_value<'a>(cx: &Context<'a>, mut f: impl FnMut(Node<'a>)) {
    let Some(sw) = cx.swagger else { return };
    for def in parameter_definitions(cx) {
        if def.get_str("in") != Some("body") {
            f(def);
        }
    }
    let root_responses = sw.root.get("responses").filter(Node::is_object);
    let op_responses = sw.operations().filter_map(|op| op.responses());
    for responses in root_responses.into_iter().chain(op_responses) {
        for (_, r) in responses.members() {
            for (_, h) in r.get("headers").iter().flat_map(|h| h.members()) {
                f(h);
            }
        }
    }
}

/// Inline parameter objects: see [`crate::package::swagger::Swagger::parameter_definitions`].
fn parameter_definitions<'a>(cx: &Context<'a>) -> Vec<Node<'a>> {
    crate::rules::support::parameter_definitions(cx)
}

/// Calls `f` with every schema object of the document: those of [`Context::schemas`] (shared by
/// all rules: definitions, body parameter and response schemas and everything nested in them),
/// plus the webhook payload schemas of `x-ms-notification-content` (on path items, or on
/// operations) and what they nest.
fn for_each_schema<'a>(cx: &Context<'a>, mut f: impl FnMut(Node<'a>)) {
    for site in cx.schemas() {
        f(site.node);
    }
    let Some(paths) = cx.swagger.and_then(|sw| sw.paths()) else {
        return;
    };
    for (_, item) in paths.members() {
        for (key, v) in item.members() {
            let content = if key == "x-ms-notification-content" {
                Some(v)
            } else if METHODS.iter().any(|m| m.eq_ignore_ascii_case(key)) {
                v.get("x-ms-notification-content")
            } else {
                None
            };
            if let Some(schema) = content.and_then(|c| c.get("schema")) {
                walk_schema(schema, 0, &mut f);
            }
        }
    }
}

/// How deep nested schemas are followed.
const MAX_SCHEMA_DEPTH: usize = 128;

fn walk_schema<'a>(node: Node<'a>, depth: usize, f: &mut impl FnMut(Node<'a>)) {
    if !node.is_object() || depth > MAX_SCHEMA_DEPTH {
        return;
    }
    f(node);
    for (key, v) in node.members() {
        match key {
            "properties" => v.members().for_each(|(_, p)| walk_schema(p, depth + 1, f)),
            "items" if v.is_array() => v.items().for_each(|i| walk_schema(i, depth + 1, f)),
            "items" | "additionalProperties" => walk_schema(v, depth + 1, f),
            "allOf" | "anyOf" | "oneOf" => v.items().for_each(|i| walk_schema(i, depth + 1, f)),
            _ => {}
        }
    }
}

/// The members of a schema-like object that the type rules read, found in one pass.
#[derive(Default)]
struct TypeFields<'a> {
    reference: Option<Node<'a>>,
    ty: Option<Node<'a>>,
    format: Option<Node<'a>>,
    items: Option<Node<'a>>,
}

fn type_fields(node: Node) -> TypeFields {
    let mut f = TypeFields::default();
    for (key, child) in node.members() {
        match key {
            "$ref" => f.reference = Some(child),
            "type" => f.ty = Some(child),
            "format" => f.format = Some(child),
            "items" => f.items = Some(child),
            _ => {}
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::RULES;

    /// Every prefix of a document that exercises all the rules: half-typed text must never
    /// make a rule panic (rules are called directly here, without the engine's panic guard).
    #[test]
    fn rules_survive_every_truncation() {
        let text = r##"{"swagger":"2.0","host":"https://x/y","basePath":"v1","schemes":["ftp",[],"wss"],
"parameters":{"p":{"$ref":"#/parameters/q"},"id":{"name":"id","in":"path","type":"file","schema":{}}},
"responses":{"r":{"$ref":5},"e":{"description":"","headers":{"A":{"type":"array"},"a":{}}}},
"definitions":{"D":{"$ref":"#/definitions/E"},"E":{"type":"object","format":"x","properties":{"f":{"type":"file"},"g":{"type":"decimal","items":[{"$ref":"x.json"}]}}}},
"paths":{"a/{id}/{=}/{x/y}?q#*":{"parameters":[{"$ref":"#/parameters/id"},{"$ref":"#/parameters/id"},{"name":"b","in":"body"},{"name":"c","in":"body"}],
"get":{"operationId":"","schemes":[],"consumes":[],"parameters":[{"name":"connectionId","in":"formData","type":"file"},{"name":"é","in":"formData"},{"$ref":"#/parameters/missing"},{"$ref":"#/definitions/E"}],
"responses":{"default":{"$ref":"#/responses/e","schema":{"$ref":"#/definitions/Z"}},"OK":{"$ref":"#/responses/nope"},"200":{"schema":{"type":"file"}},"201":{"schema":{}}}},
"post":{"operationId":"X","responses":{}},"put":{"operationId":"x"},"delete":5}},"A/{ID}/{=}/{x/y}?q#*":{"get":{"operationId":"X"}}}"##;
        let findings = crate::rules::check_every_prefix(text, RULES);
        let mut codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert!(codes.len() > 25, "only {codes:?}");
    }
}
