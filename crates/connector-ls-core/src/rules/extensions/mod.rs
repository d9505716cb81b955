//! Rules of the `extensions` family: `x-ms-*` members, and the fixed fields of Swagger objects,
//! checked against the [`catalog`].
//!
//! The classified objects of the swagger are walked once per document ([`catalog::walk`]); the
//! walk records their `x-` members, their members that are neither fields nor extensions, and
//! fields of the wrong type or outside their enum, and every rule reads that record. Objects
//! inside extension values (a dynamic-values `parameters` map, say) and names that are data
//! (`properties`, `headers`, `definitions` entries) are never taken for extensions or fields.
//! Rules about parameters or operations only iterate those instead.

mod dictionary_editor;
mod dynamic_on_body;
mod dynamic_values_source;
mod enum_values;
mod name_not_valid;
mod next_link_name;
mod not_allowed_here;
mod notification_url_position;
mod path_encoding;
mod query_encoding;
mod type_incorrect;
mod unknown;
mod value_not_in_enum;

use std::sync::Arc;

use super::{Context, Rule};
use crate::catalog::{self, Extension, Field, Site, ValueSpec};
use crate::json::{Kind, Node, NodeId};
use crate::package::swagger::{Swagger, METHODS};

pub static RULES: &[&Rule] = &[
    &unknown::UnknownExtension,
    &value_not_in_enum::JsonValueNotInEnum,
    &type_incorrect::JsonTypeIncorrect,
    &not_allowed_here::ExtensionNotAllowedHere,
    &dynamic_on_body::DynamicExtensionDefinitionNotAllowedInParameter,
    &notification_url_position::NotificationUrlNotAllowedInThisPosition,
    &query_encoding::QueryParameterEncodingNotSupported,
    &next_link_name::InvalidNextLinkNameValue,
    &name_not_valid::ExtensionNameNotValid,
    &enum_values::MissingEnumValuesDisplayName,
    &enum_values::InvalidEnumValuesExtensionValue,
    &enum_values::DuplicateEnumValuesInExtension,
    &path_encoding::PathParameterMissingEncoding,
    &dictionary_editor::InvalidCustomEditorExtensionDictionaryValue,
    &dynamic_values_source::OneOfPropertiesRequired,
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

/// One `x-` member as stored in the per-document memo: ids instead of handles, so the list
/// outlives the borrow of the tree.
#[derive(Clone, Copy)]
struct RawUse {
    site: Site,
    owner: NodeId,
    value: NodeId,
    ext: Option<&'static Extension>,
}

/// What one walk of a swagger finds: its `x-` members; the members that are neither fixed
/// fields of their object nor extensions (`(site, value)`); and the fixed fields whose value
/// has the wrong JSON type or is outside the field's enum.
#[derive(Default)]
struct Walked {
    uses: Vec<RawUse>,
    /// The known extensions placed where they have an effect (see [`for_each_effective`]).
    effective: Vec<(&'static Extension, NodeId)>,
    foreign: Vec<(Site, NodeId)>,
    mistyped: Vec<(&'static Field, NodeId)>,
    off_enum: Vec<(&'static Field, NodeId)>,
}

fn collect(swagger: &Swagger) -> Walked {
    let mut out = Walked::default();
    catalog::walk(swagger, |site, owner| {
        let fields = catalog::fields(site);
        for (name, value) in owner.members() {
            if name.starts_with("x-") || name.starts_with("X-") {
                let ext = catalog::extension(name);
                if let Some(ext) = ext.filter(|e| e.allowed_at(site)) {
                    out.effective.push((ext, value.id()));
                }
                out.uses.push(RawUse {
                    site,
                    owner: owner.id(),
                    value: value.id(),
                    ext,
                });
                continue;
            }
            // Open objects (`paths`, `responses`) have no fixed fields to check.
            let Some(fields) = fields else { continue };
            let Some(field) = catalog::field_of(fields, name, value) else {
                out.foreign.push((site, value.id()));
                continue;
            };
            let kind = value.kind();
            if kind == Kind::Error {
                continue;
            }
            if !field.value.accepts(value) {
                out.mistyped.push((field, value.id()));
            } else if !field.value.values.is_empty()
                && value
                    .as_str()
                    .is_some_and(|v| !field.value.values.contains(&v))
            {
                out.off_enum.push((field, value.id()));
            }
        }
    });
    out
}

/// What the walk finds, computed once per check: every rule of the family needs it, and on
/// the largest connector the walk costs as much as parsing.
fn walked(cx: &Context, swagger: &Swagger) -> Arc<Walked> {
    cx.memo(|| collect(swagger))
}

/// Builds the data the family's rules share ([`crate::rules::WARM_UPS`]).
pub(super) fn warm_up(cx: &Context) {
    if let Some(swagger) = cx.swagger {
        walked(cx, &swagger);
    }
}

/// Calls `f` for every `x-` member of every classified object of the swagger.
fn for_each_use<'a>(cx: &Context<'a>, mut f: impl FnMut(Use<'a>)) {
    let Some(swagger) = cx.swagger else { return };
    let tree = swagger.root.tree();
    for u in walked(cx, &swagger).uses.iter() {
        let value = tree.node(u.value);
        f(Use {
            site: u.site,
            owner: tree.node(u.owner),
            name: value.key().unwrap_or(""),
            value,
            ext: u.ext,
        });
    }
}

/// Calls `f` with the site and value of every use of the extension `name` placed where it has
/// an effect (a cheap scan of the memoised walk, for rules about one extension).
pub(in crate::rules) fn for_each_effective_named<'a>(
    cx: &Context<'a>,
    name: &str,
    mut f: impl FnMut(Site, Node<'a>),
) {
    let Some(swagger) = cx.swagger else { return };
    let tree = swagger.root.tree();
    for u in walked(cx, &swagger).uses.iter() {
        if u.ext
            .is_some_and(|e| e.name == name && e.allowed_at(u.site))
        {
            f(u.site, tree.node(u.value));
        }
    }
}

/// Calls `f` for every member that is neither a fixed field of its (classified) object nor an
/// extension, with the object's site.
pub(in crate::rules) fn for_each_foreign<'a>(cx: &Context<'a>, mut f: impl FnMut(Site, Node<'a>)) {
    let Some(swagger) = cx.swagger else { return };
    let tree = swagger.root.tree();
    for &(site, value) in walked(cx, &swagger).foreign.iter() {
        f(site, tree.node(value));
    }
}

/// Calls `f` for every fixed field whose value has the wrong JSON type.
fn for_each_mistyped_field<'a>(cx: &Context<'a>, mut f: impl FnMut(&'static Field, Node<'a>)) {
    let Some(swagger) = cx.swagger else { return };
    let tree = swagger.root.tree();
    for &(field, value) in walked(cx, &swagger).mistyped.iter() {
        f(field, tree.node(value));
    }
}

/// Calls `f` for every enumerated fixed field whose string value is not one of its values.
fn for_each_off_enum_field<'a>(cx: &Context<'a>, mut f: impl FnMut(&'static Field, Node<'a>)) {
    let Some(swagger) = cx.swagger else { return };
    let tree = swagger.root.tree();
    for &(field, value) in walked(cx, &swagger).off_enum.iter() {
        f(field, tree.node(value));
    }
}

/// Calls `f` for every parameter object written in the document (not `$ref`s to one): the root
/// `parameters` map and the lists of path items and operations. Cheaper than a full walk for
/// rules about parameters only.
fn for_each_parameter<'a>(cx: &Context<'a>, mut f: impl FnMut(Node<'a>)) {
    let Some(swagger) = cx.swagger else { return };
    if let Some(map) = swagger.root.get("parameters") {
        map.members()
            .map(|(_, p)| p)
            .filter(Node::is_object)
            .for_each(&mut f);
    }
    for (_, item) in swagger.paths().into_iter().flat_map(|p| p.members()) {
        let lists = std::iter::once(item).chain(
            item.members()
                .filter(|(k, _)| METHODS.iter().any(|m| m.eq_ignore_ascii_case(k)))
                .map(|(_, op)| op),
        );
        for holder in lists {
            if let Some(list) = holder.get("parameters") {
                list.items().filter(Node::is_object).for_each(&mut f);
            }
        }
    }
}

/// Calls `f` for every known extension placed where it has an effect. Values of extensions in
/// the wrong place are ignored by the platform, so their contents are not checked.
pub(in crate::rules) fn for_each_effective<'a>(
    cx: &Context<'a>,
    mut f: impl FnMut(&'static Extension, Node<'a>),
) {
    let Some(swagger) = cx.swagger else { return };
    let tree = swagger.root.tree();
    for &(ext, value) in walked(cx, &swagger).effective.iter() {
        f(ext, tree.node(value));
    }
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

#[cfg(test)]
mod tests {
    use crate::package::{Document, FileKind, Package};
    use crate::rules::{check, Config};

    fn codes(text: &str) -> Vec<&'static str> {
        let doc = Document::new("apiDefinition.swagger.json".into(), FileKind::Swagger, text);
        let pkg = Package::from_documents(std::path::Path::new("."), vec![doc], None);
        let config = Config {
            select: Some(vec!["UnknownExtension".into(), "JsonValueNotInEnum".into()]),
            ..Config::default()
        };
        let mut v: Vec<_> = check(&pkg, &config).iter().map(|f| f.code).collect();
        v.dedup();
        v
    }

    /// The walk is memoised per document text: one document after another on the same thread,
    /// and the same text parsed twice, must each get their own, correct findings.
    #[test]
    fn memo_follows_the_document() {
        let a = r#"{"info": {"x-ms-visibilty": "x"}}"#;
        let b = r#"{"paths": {"/p": {"get": {"x-ms-trigger": "Single"}}}}"#;
        for _ in 0..2 {
            assert_eq!(codes(a), ["UnknownExtension"]);
            assert_eq!(codes(b), ["JsonValueNotInEnum"]);
            assert_eq!(codes("{}"), Vec::<&str>::new());
        }
    }
}
