//! Rules of the `extensions` family: `x-ms-*` members checked against the [`catalog`].
//!
//! Every rule walks the classified objects of the swagger once ([`catalog::walk`]) and looks at
//! their `x-` members; objects inside extension values (a dynamic-values `parameters` map, say)
//! and names that are data (`properties`, `headers`, `definitions` entries) are never taken for
//! extensions.

mod dynamic_on_body;
mod next_link_name;
mod not_allowed_here;
mod notification_url_position;
mod query_encoding;
mod type_incorrect;
mod unknown;
mod value_not_in_enum;

use super::{Context, Rule};
use crate::catalog::{self, Extension, Site, ValueSpec};
use crate::json::{Kind, Node};

pub static RULES: &[&Rule] = &[
    &unknown::UNKNOWN_EXTENSION,
    &value_not_in_enum::JSON_VALUE_NOT_IN_ENUM,
    &type_incorrect::JSON_TYPE_INCORRECT,
    &not_allowed_here::EXTENSION_NOT_ALLOWED_HERE,
    &dynamic_on_body::DYNAMIC_EXTENSION_DEFINITION_NOT_ALLOWED_IN_PARAMETER,
    &notification_url_position::NOTIFICATION_URL_NOT_ALLOWED_IN_THIS_POSITION,
    &query_encoding::QUERY_PARAMETER_ENCODING_NOT_SUPPORTED,
    &next_link_name::INVALID_NEXT_LINK_NAME_VALUE,
];

/// One `x-` member of a classified object.
#[derive(Clone, Copy)]
struct Use<'a> {
    /// The site of the object holding the member.
    site: Site,
    /// The object holding the member.
    owner: Node<'a>,
    name: &'a str,
    /// The member's value.
    value: Node<'a>,
    /// The catalog entry, when the name is known.
    ext: Option<&'static Extension>,
}

/// Calls `f` for every `x-` member of every classified object of the swagger.
fn for_each_use<'a>(cx: &Context<'a>, mut f: impl FnMut(Use<'a>)) {
    let Some(swagger) = cx.swagger else { return };
    catalog::walk(&swagger, |site, owner| {
        for (name, value) in owner.members() {
            if !name.starts_with("x-") && !name.starts_with("X-") {
                continue;
            }
            f(Use {
                site,
                owner,
                name,
                value,
                ext: catalog::extension(name),
            });
        }
    });
}

/// Calls `f` for every known extension placed where it has an effect. Values of extensions in
/// the wrong place are ignored by the platform, so their contents are not checked.
fn for_each_effective<'a>(cx: &Context<'a>, mut f: impl FnMut(&'static Extension, Node<'a>)) {
    for_each_use(cx, |u| {
        if let Some(ext) = u.ext.filter(|e| e.allowed_at(u.site)) {
            f(ext, u.value);
        }
    });
}

/// Calls `f` on `node` with `spec`, then on every member of it the spec describes (for arrays
/// of objects: the members of each item).
fn visit_value<'a>(
    spec: &'static ValueSpec,
    node: Node<'a>,
    f: &mut impl FnMut(&ValueSpec, Node<'a>),
) {
    f(spec, node);
    if spec.members.is_empty() {
        return;
    }
    let mut visit_object = |object: Node<'a>| {
        for m in spec.members {
            if let Some(child) = object.get(m.name) {
                visit_value(&m.value, child, f);
            }
        }
    };
    match node.kind() {
        Kind::Object => visit_object(node),
        Kind::Array => node.items().filter(Node::is_object).for_each(visit_object),
        _ => {}
    }
}
