//! What the entries of a dynamic extension's `parameters` map mean: the operation the extension
//! sits in (the *source* of referenced values), the form of each entry (a static value, a
//! legacy `{"parameter": name}`, a `{"parameterReference": path}`), and where a name or a path
//! leads inside an operation's parameters (a parameter, or a property of its body schema).

use std::collections::HashMap;

use crate::json::Node;
use crate::package::swagger::{Operation, Parameter, Swagger, METHODS};
use crate::rules::Context;

/// Deepest property path followed (paths are written by hand and short; this only bounds work
/// on adversarial input).
const MAX_SEGMENTS: usize = 16;

/// The operation whose definition contains `node`, when `node` is written inside one (under
/// `/paths/{path}/{method}`). Extensions in `definitions`, in the root `parameters` or in a path
/// item's shared `parameters` belong to no single operation and give `None`.
pub(super) fn enclosing_operation<'a>(cx: &Context<'a>, node: Node<'a>) -> Option<Operation<'a>> {
    let swagger = cx.swagger?;
    let paths = swagger.paths()?;
    let mut child = node;
    for parent in node.ancestors() {
        if parent.parent() == Some(paths) {
            let path_item = parent;
            let method = METHODS
                .iter()
                .find(|m| child.key().is_some_and(|k| m.eq_ignore_ascii_case(k)))?;
            return Some(Operation {
                swagger,
                path: path_item.key()?,
                path_item,
                method,
                node: child,
            });
        }
        child = parent;
    }
    None
}

/// The operations an extension's references are resolved against: the operation it is written
/// in, or, for an extension inside a definition, the operations whose body parameter's schema
/// is a `$ref` to that definition (then the definition's properties are that body's
/// properties). A definition reached only through other definitions has no known operation.
pub(super) struct Sources<'a> {
    by_definition: HashMap<String, Vec<Operation<'a>>>,
}

impl<'a> Sources<'a> {
    pub(super) fn new(cx: &Context<'a>) -> Self {
        let mut by_definition: HashMap<String, Vec<Operation<'a>>> = HashMap::new();
        for op in cx.swagger.iter().flat_map(|s| s.operations()) {
            for p in op.parameters() {
                let Some(name) = p
                    .def
                    .get("schema")
                    .and_then(|s| s.get_str("$ref"))
                    .and_then(|r| r.strip_prefix("#/definitions/"))
                else {
                    continue;
                };
                let name = name.replace("~1", "/").replace("~0", "~");
                by_definition.entry(name).or_default().push(op);
            }
        }
        Sources { by_definition }
    }

    /// The operations `node`'s references are resolved against (empty when unknown).
    pub(super) fn of(&self, cx: &Context<'a>, node: Node<'a>) -> Vec<Operation<'a>> {
        if let Some(op) = enclosing_operation(cx, node) {
            return vec![op];
        }
        let Some(definitions) = cx.swagger.and_then(|s| s.definitions()) else {
            return Vec::new();
        };
        node.ancestors()
            .chain(std::iter::once(node))
            .find(|n| n.parent() == Some(definitions))
            .and_then(|d| d.key())
            .and_then(|k| self.by_definition.get(k))
            .cloned()
            .unwrap_or_default()
    }
}

/// The sibling extension `name` of a dynamic extension value (on the same parameter or schema).
pub(super) fn sibling<'a>(value: Node<'a>, name: &str) -> Option<Node<'a>> {
    value.parent()?.get(name)
}

/// One entry of a dynamic extension's `parameters` map, by form.
#[derive(Clone, Copy)]
pub(super) enum Entry<'a> {
    /// A fixed value: a bare literal (legacy) or `{"value": literal}`.
    Static(Node<'a>),
    /// `{"parameter": name}` (legacy form): the node is the string.
    Parameter(Node<'a>),
    /// `{"parameterReference": "param/prop/..."}`: the node is the string.
    Reference(Node<'a>),
    /// Anything else (`selectedItemValuePath`, half-typed objects).
    Other,
}

impl<'a> Entry<'a> {
    pub(super) fn of(value: Node<'a>) -> Entry<'a> {
        if !value.is_object() {
            return Entry::Static(value);
        }
        if let Some(v) = value.get("value") {
            return Entry::Static(v);
        }
        if let Some(p) = value.get("parameter").filter(Node::is_string) {
            return Entry::Parameter(p);
        }
        if let Some(p) = value.get("parameterReference").filter(Node::is_string) {
            return Entry::Reference(p);
        }
        Entry::Other
    }
}

/// Where a name or path leads in an operation's inputs.
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    /// The parameter the path starts in.
    pub parameter: Parameter<'a>,
    /// The schema reached (after `$ref`), for a property or a body parameter.
    pub schema: Option<Node<'a>>,
    /// Whether every step is required: the parameter, and each property in its parent's
    /// `required` list.
    pub required: bool,
    /// Whether the parameter, or a property on the way, is `x-ms-visibility: internal`.
    pub internal: bool,
    /// Whether a `default` is declared where the path ends.
    pub has_default: bool,
}

impl<'a> Place<'a> {
    /// The declared `type` where the path ends (`None` when undeclared).
    pub fn type_name(&self) -> Option<&'a str> {
        match self.schema {
            Some(s) => s.get_str("type"),
            None => self.parameter.def.get_str("type"),
        }
    }
}

fn is_internal(node: Node) -> bool {
    node.get_str("x-ms-visibility") == Some("internal")
}

/// The parameter of `params` named `name`.
pub(super) fn parameter<'a>(params: &[Parameter<'a>], name: &str) -> Option<Parameter<'a>> {
    params.iter().find(|p| p.name() == Some(name)).copied()
}

/// The (dereferenced) schema of the first body parameter.
pub(super) fn body<'a>(
    sw: &Swagger<'a>,
    params: &[Parameter<'a>],
) -> Option<(Parameter<'a>, Node<'a>)> {
    let p = params.iter().find(|p| p.location() == Some("body"))?;
    Some((*p, sw.deref(p.def.get("schema")?)?))
}

/// Follows `segments` as property names from `start` (a parameter, and its schema when it has
/// one). `None` when a segment is not a declared property.
fn follow<'a, 's>(
    sw: &Swagger<'a>,
    parameter: Parameter<'a>,
    schema: Option<Node<'a>>,
    segments: impl Iterator<Item = &'s str>,
) -> Option<Place<'a>> {
    let mut place = Place {
        parameter,
        schema,
        required: parameter.is_required(),
        internal: parameter.is_internal(),
        has_default: parameter.def.get("default").is_some(),
    };
    for seg in segments.take(MAX_SEGMENTS) {
        let parent = place.schema?;
        let prop = sw.deref(parent.get("properties")?.get(seg)?)?;
        let listed = parent
            .get("required")
            .is_some_and(|r| r.items().any(|i| i.as_str() == Some(seg)));
        let written = parent.get("properties").and_then(|p| p.get(seg));
        place.required &= listed;
        place.internal |= is_internal(prop) || written.is_some_and(is_internal);
        place.has_default = prop.get("default").is_some();
        place.schema = Some(prop);
    }
    Some(place)
}

/// Where a `parameterReference`-style path (`name` or `name/prop/...`) leads among `params`.
pub(super) fn resolve_path<'a>(
    sw: &Swagger<'a>,
    params: &[Parameter<'a>],
    path: &str,
) -> Option<Place<'a>> {
    let mut segs = path.split('/');
    let p = parameter(params, segs.next()?)?;
    let schema = p.def.get("schema").and_then(|s| sw.deref(s));
    follow(sw, p, schema, segs)
}

/// Where a property path (`prop` or `prop/sub`) leads inside the body schema among `params`.
pub(super) fn resolve_body_path<'a>(
    sw: &Swagger<'a>,
    params: &[Parameter<'a>],
    path: &str,
) -> Option<Place<'a>> {
    let (p, schema) = body(sw, params)?;
    follow(sw, p, Some(schema), path.split('/'))
}

/// Where a legacy name (a parameter name, else a path into a parameter, else a body property
/// path) leads among `params`.
pub(super) fn resolve_legacy<'a>(
    sw: &Swagger<'a>,
    params: &[Parameter<'a>],
    name: &str,
) -> Option<Place<'a>> {
    if let Some(p) = parameter(params, name) {
        let schema = p.def.get("schema").and_then(|s| sw.deref(s));
        return follow(sw, p, schema, std::iter::empty());
    }
    resolve_path(sw, params, name).or_else(|| resolve_body_path(sw, params, name))
}
