//! The user-facing texts of a swagger, for the rules that read every label and description:
//! `RequiredValueEmpty` (blank) and `ValueMustBeInEnglish`.

use crate::json::Node;
use crate::rules::Context;

/// What kind of object holds a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holder {
    Info,
    Operation,
    Parameter,
    Schema,
    Response,
}

/// The text members read per holder.
fn keys(holder: Holder) -> &'static [&'static str] {
    match holder {
        Holder::Info => &["title", "description"],
        Holder::Operation => &["summary", "description"],
        Holder::Parameter => &["x-ms-summary", "description"],
        Holder::Schema => &["title", "x-ms-summary", "description"],
        Holder::Response => &["description"],
    }
}

/// Calls `f(holder, key, value)` for every string-valued text member: `info` title and
/// description, operation summary and description, parameter `x-ms-summary` and description
/// (each definition once), schema title, `x-ms-summary` and description (every schema of
/// [`Context::schemas`]), and response descriptions.
pub(super) fn for_each_text<'a>(
    cx: &Context<'a>,
    mut f: impl FnMut(Holder, &'static str, Node<'a>),
) {
    let Some(sw) = cx.swagger else { return };
    let mut visit = |holder: Holder, node: Node<'a>| {
        for &key in keys(holder) {
            if let Some(v) = node.get(key).filter(Node::is_string) {
                f(holder, key, v);
            }
        }
    };
    if let Some(info) = sw.info() {
        visit(Holder::Info, info);
    }
    let root_responses = sw.root.get("responses").filter(Node::is_object);
    for (_, r) in root_responses.iter().flat_map(|r| r.members()) {
        if r.is_object() {
            visit(Holder::Response, r);
        }
    }
    for op in sw.operations() {
        visit(Holder::Operation, op.node);
        for (_, r) in op.responses().iter().flat_map(|r| r.members()) {
            if r.is_object() {
                visit(Holder::Response, r);
            }
        }
    }
    for p in sw.parameter_definitions() {
        visit(Holder::Parameter, p);
    }
    for site in cx.schemas() {
        visit(Holder::Schema, site.node);
    }
}
