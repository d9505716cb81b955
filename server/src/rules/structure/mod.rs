//! Rules of the `structure` family: the OpenAPI 2.0 skeleton a connector needs. Root members
//! (`swagger`, `host`, `basePath`, `schemes`), path templates, operation ids, parameter lists,
//! path parameters, `$ref`s, responses, and type/format pairs.

mod arrays;
mod file_type;
mod operation_id;
mod parameter_names;
mod parameter_shape;
mod parameters;
mod path_parameters;
mod paths;
mod ref_loops;
mod references;
mod responses;
mod root;
mod type_format;

use super::{Context, Rule};
use crate::json::Node;
use crate::package::swagger::METHODS;

pub static RULES: &[&Rule] = &[
    &root::SPECIFICATION_VERSION_INCORRECT,
    &root::HOST_NAME_NOT_VALID,
    &root::BASE_PATH_NOT_VALID,
    &root::SCHEME_NOT_VALID,
    &root::SCHEME_NOT_SUPPORTED,
    &root::SCHEMES_ARRAY_EMPTY,
    &paths::OPERATION_PATH_MUST_START_WITH_SLASH,
    &paths::OPERATION_PATH_MAY_NOT_CONTAIN_QUERY_OR_FRAGMENT,
    &paths::OPERATION_PATH_CONTAINS_UNSUPPORTED_CHARACTERS,
    &paths::OPERATION_PATH_TEMPLATE_NOT_VALID,
    &paths::OPERATION_PATH_VARIABLES_CONTAIN_DEFAULTS,
    &paths::PATH_REDEFINED,
    &paths::DUPLICATE_OPERATION_PATH,
    &operation_id::OPERATION_ID_REQUIRED,
    &operation_id::OPERATION_ID_NOT_UNIQUE,
    &path_parameters::PATH_PARAMETER_MUST_BE_REQUIRED,
    &path_parameters::OPERATION_MISSING_PATH_PARAMETER,
    &path_parameters::PATH_PARAMETER_NOT_DEFINED_IN_TEMPLATE,
    &parameters::OPERATION_PARAMETERS_CONTAIN_DUPLICATE_PARAMETER,
    &parameters::PATH_PARAMETERS_CONTAIN_DUPLICATE_PARAMETER,
    &parameters::OPERATION_PARAMETERS_CONTAIN_MULTIPLE_BODY_PARAMETERS,
    &parameters::PATH_PARAMETERS_CONTAIN_MULTIPLE_BODY_PARAMETERS,
    &parameters::PARAMETER_LIST_CONTAINS_FORM_DATA_AND_BODY,
    &parameter_shape::BODY_PARAMETER_SCHEMA_REQUIRED,
    &parameter_shape::NON_BODY_PARAMETER_SCHEMA_NOT_VALID,
    &parameters::BODY_OR_FORM_DATA_PARAMETER_IN_FETCH_OPERATION_NOT_ALLOWED,
    &parameter_names::CONNECTION_ID_PARAMETER_NOT_ALLOWED,
    &parameter_names::INVALID_FORM_DATA_PARAMETER_NAME,
    &file_type::FILE_PARAMETER_MUST_BE_IN_FORM_DATA,
    &file_type::SCHEMA_TYPE_FILE_NOT_VALID,
    &references::SCHEMA_REFERENCE_NOT_FOUND,
    &references::SCHEMA_REFERENCE_NOT_VALID,
    &references::PARAMETER_REFERENCE_NOT_FOUND,
    &references::PARAMETER_REFERENCE_NOT_VALID,
    &references::RESPONSE_REFERENCE_NOT_FOUND,
    &references::RESPONSE_REFERENCE_NOT_VALID,
    &ref_loops::SCHEMA_REF_LOOP_NOT_ALLOWED,
    &ref_loops::PARAMETER_REF_LOOP_NOT_ALLOWED,
    &ref_loops::RESPONSE_REF_LOOP_NOT_ALLOWED,
    &responses::OPERATION_MUST_HAVE_RESPONSE,
    &responses::OPERATION_SHOULD_HAVE_SUCCESSFUL_RESPONSE,
    &responses::DEFAULT_RESPONSE_HAS_SCHEMA,
    &responses::RESPONSE_MUST_BE_DEFAULT_OR_HTTP_STATUS_CODE,
    &responses::RESPONSE_HEADERS_ARE_NOT_UNIQUE,
    &responses::OPERATION_HAS_MANY_RESPONSES_WITH_SCHEMA,
    &type_format::UNRECOGNIZED_TYPE_FORMAT,
    &arrays::ARRAY_HAS_NO_ITEMS,
];

/// Inline parameter definitions (`$ref` items excluded, their targets are in the root section):
/// the root `parameters` section and the lists of path items and operations.
fn parameter_definitions<'a>(cx: &Context<'a>) -> Vec<Node<'a>> {
    let Some(sw) = cx.swagger else {
        return Vec::new();
    };
    let mut out: Vec<Node<'a>> = sw
        .root
        .get("parameters")
        .iter()
        .flat_map(|p| p.members().map(|(_, v)| v))
        .collect();
    for (_, item) in sw.paths().iter().flat_map(|p| p.members()) {
        let op_lists = item.members().filter_map(|(k, op)| {
            METHODS
                .iter()
                .any(|m| m.eq_ignore_ascii_case(k))
                .then(|| op.get("parameters"))
                .flatten()
        });
        for list in item.get("parameters").into_iter().chain(op_lists) {
            out.extend(list.items().filter(|p| p.get("$ref").is_none()));
        }
    }
    out.retain(Node::is_object);
    out
}

/// How deep nested schemas are followed (the tree's own depth limit is higher; this keeps the
/// walk bounded on absurd documents).
const MAX_SCHEMA_DEPTH: usize = 128;

/// Calls `f` with every inline schema object of the document: definitions, the schemas of root
/// and inline body parameters, of root and operation responses, and everything nested in them
/// (properties, items, additionalProperties, allOf/anyOf/oneOf). Each node is visited once and
/// each object's members are read once, which keeps this cheap on the largest swaggers.
fn for_each_schema<'a>(cx: &Context<'a>, mut f: impl FnMut(Node<'a>)) {
    let Some(sw) = cx.swagger else { return };
    let root = sw.root;
    for (key, section) in root.members() {
        match key {
            "definitions" => section
                .members()
                .for_each(|(_, s)| walk_schema(s, 0, &mut f)),
            "parameters" | "responses" => section.members().for_each(|(_, p)| {
                if let Some(s) = p.get("schema") {
                    walk_schema(s, 0, &mut f);
                }
            }),
            "paths" => {
                for (_, item) in section.members() {
                    for (k, v) in item.members() {
                        if k == "parameters" {
                            visit_parameter_schemas(v, &mut f);
                            continue;
                        }
                        if !METHODS.iter().any(|m| m.eq_ignore_ascii_case(k)) {
                            continue;
                        }
                        for (ok, ov) in v.members() {
                            match ok {
                                "parameters" => visit_parameter_schemas(ov, &mut f),
                                "responses" => ov.members().for_each(|(_, r)| {
                                    if let Some(s) = r.get("schema") {
                                        walk_schema(s, 0, &mut f);
                                    }
                                }),
                                _ => {}
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn visit_parameter_schemas<'a>(list: Node<'a>, f: &mut impl FnMut(Node<'a>)) {
    for p in list.items() {
        if let Some(s) = p.get("schema") {
            walk_schema(s, 0, f);
        }
    }
}

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
