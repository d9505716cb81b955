//! The user-facing texts of a swagger, for the rules that read every label and description:
//! `RequiredValueEmpty` (blank) and `ValueMustBeInEnglish`.

use crate::json::{Node, NodeId};
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

/// One text member found by [`collect`]: ids instead of handles, so the list outlives the
/// borrow of the tree.
type Found = (Holder, &'static str, NodeId);

/// The text members of the swagger. Two rules read every text of the document, and on the
/// largest connector the walk is one of the dearest of the check, so it is done once per check
/// ([`Context::memo`]).
struct Texts(Vec<Found>);

/// Calls `f(holder, key, value)` for every string-valued text member: `info` title and
/// description, operation summary and description, parameter `x-ms-summary` and description
/// (each definition once), schema title, `x-ms-summary` and description (every schema of
/// [`Context::schemas`]), and response descriptions.
/// Builds the texts list ahead of the rules ([`crate::rules::WARM_UPS`]).
pub(in crate::rules) fn warm_up(cx: &Context) {
    if cx.swagger.is_some() {
        cx.memo(|| Texts(collect(cx)));
    }
}

/// The memo [`for_each_text`] walks (for [`crate::rules::Patch::domain`]).
pub(super) fn memo_key() -> std::any::TypeId {
    std::any::TypeId::of::<Texts>()
}

/// Calls `f` as [`for_each_text`] would for `node`, if `node` is one of the texts; says whether
/// it is (for a [`crate::rules::Patch`]'s `check_one`).
pub(super) fn check_text(cx: &Context, node: Node, f: impl FnOnce(Holder, &'static str)) -> bool {
    let found = cx.memo(|| Texts(collect(cx)));
    match found.0.iter().find(|(_, _, id)| *id == node.id()) {
        Some(&(holder, key, _)) => {
            f(holder, key);
            true
        }
        None => false,
    }
}

pub(super) fn for_each_text<'a>(
    cx: &Context<'a>,
    mut f: impl FnMut(Holder, &'static str, Node<'a>),
) {
    let Some(sw) = cx.swagger else { return };
    let tree = sw.root.tree();
    let found = cx.memo(|| Texts(collect(cx)));
    for &(holder, key, id) in found.0.iter() {
        f(holder, key, tree.node(id));
    }
}

fn collect(cx: &Context) -> Vec<Found> {
    let mut out = Vec::new();
    let Some(sw) = cx.swagger else { return out };
    // One pass over the members (this runs on every schema of the largest documents).
    let mut visit = |holder: Holder, node: Node| {
        let keys = keys(holder);
        for (name, value) in node.members() {
            if let Some(&key) = keys.iter().find(|k| **k == name) {
                if value.is_string() {
                    out.push((holder, key, value.id()));
                }
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
    for p in crate::rules::support::parameter_definitions(cx) {
        visit(Holder::Parameter, p);
    }
    for site in cx.schemas() {
        visit(Holder::Schema, site.node);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::package::{Document, FileKind, Package};
    use crate::rules::{check, Config};

    fn pointers(text: &str) -> Vec<String> {
        let doc = Document::new("apiDefinition.swagger.json".into(), FileKind::Swagger, text);
        let pkg = Package::from_documents(std::path::Path::new("."), vec![doc], None);
        let config = Config {
            select: Some(vec!["RequiredValueEmpty".into()]),
            ..Config::default()
        };
        check(&pkg, &config)
            .into_iter()
            .map(|f| f.pointer)
            .collect()
    }

    /// The walk is memoised per check: documents checked one after another each get their own
    /// findings.
    #[test]
    fn memo_follows_the_document() {
        let a = r#"{"info": {"title": " "}}"#;
        let b = r#"{"paths": {"/p": {"get": {"summary": ""}}}}"#;
        for _ in 0..2 {
            assert_eq!(pointers(a), ["/info/title"]);
            assert_eq!(pointers(b), ["/paths/~1p/get/summary"]);
            assert!(pointers("{}").is_empty());
        }
    }
}
