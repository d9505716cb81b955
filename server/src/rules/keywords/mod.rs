//! Rules of the `keywords` family: JSON-schema and Swagger keywords used the way the platform
//! reads them. Numeric and length bounds and their relations, `enum`, `required`, `pattern`,
//! `default`, security requirements and schemes, tags, and keywords the platform does not take.

mod bounds;
mod not_supported;
mod required;
mod security;
mod values;

use super::{Context, Rule};
use crate::json::Node;
use crate::package::swagger::METHODS;

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
];

/// How long an `items` chain of a parameter or header is followed.
const MAX_ITEMS_CHAIN: usize = 32;

/// Every object that can carry JSON-schema validation keywords (`minimum`, `maxLength`, `enum`,
/// `pattern`, `default`, ...): the schemas of [`Context::schemas`], inline non-body parameters
/// (root section, path items, operations) and response headers, with their chains of `items`.
fn keyword_objects<'a>(cx: &Context<'a>) -> Vec<Node<'a>> {
    let mut out: Vec<Node<'a>> = cx.schemas().iter().map(|s| s.node).collect();
    let Some(sw) = cx.swagger else { return out };
    let push_chain = |node: Node<'a>, out: &mut Vec<Node<'a>>| {
        let mut cur = Some(node);
        for _ in 0..MAX_ITEMS_CHAIN {
            let Some(n) = cur.filter(Node::is_object) else {
                break;
            };
            if n.get("$ref").is_some() {
                break;
            }
            out.push(n);
            cur = n.get("items");
        }
    };
    for def in parameter_definitions(cx) {
        if def.get_str("in") != Some("body") {
            push_chain(def, &mut out);
        }
    }
    let root_responses = sw.root.get("responses").filter(Node::is_object);
    let op_responses = sw.operations().filter_map(|op| op.responses());
    for responses in root_responses.into_iter().chain(op_responses) {
        for (_, r) in responses.members() {
            for (_, h) in r.get("headers").iter().flat_map(|h| h.members()) {
                push_chain(h, &mut out);
            }
        }
    }
    out
}

/// Inline parameter objects (`$ref` items excluded, their targets are in the root section):
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
