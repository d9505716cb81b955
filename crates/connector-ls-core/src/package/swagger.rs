//! Typed views over the swagger tree: operations, parameters, responses and schemas.
//!
//! Views are thin `Copy` wrappers around [`Node`]s; nothing is copied out of the tree. Local
//! `$ref`s (`#/definitions/...`, `#/parameters/...`, `#/responses/...`) resolve through
//! [`Swagger::resolve_ref`], with a bounded chain so reference cycles end.

use crate::json::{Kind, Node};

/// The HTTP methods that make a path-item member an operation.
pub const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// How many `$ref` hops are followed before giving up (cycles, absurd chains).
const MAX_REF_HOPS: usize = 32;

#[derive(Clone, Copy, Debug)]
pub struct Swagger<'a> {
    pub root: Node<'a>,
}

impl<'a> Swagger<'a> {
    /// The view of a swagger document whose root is an object.
    pub fn new(root: Node<'a>) -> Option<Self> {
        root.is_object().then_some(Self { root })
    }

    pub fn info(&self) -> Option<Node<'a>> {
        self.root.get("info").filter(Node::is_object)
    }

    pub fn paths(&self) -> Option<Node<'a>> {
        self.root.get("paths").filter(Node::is_object)
    }

    pub fn definitions(&self) -> Option<Node<'a>> {
        self.root.get("definitions").filter(Node::is_object)
    }

    /// Every operation, in document order.
    pub fn operations(&self) -> impl Iterator<Item = Operation<'a>> + 'a {
        let swagger = *self;
        self.paths()
            .into_iter()
            .flat_map(|paths| paths.members())
            .filter(|(_, item)| item.is_object())
            .flat_map(move |(path, item)| {
                item.members().filter_map(move |(method, node)| {
                    let method_lower = METHODS.iter().find(|m| m.eq_ignore_ascii_case(method))?;
                    node.is_object().then_some(Operation {
                        swagger,
                        path,
                        path_item: item,
                        method: method_lower,
                        node,
                    })
                })
            })
    }

    /// Resolves a local reference (`#/definitions/Pet`). External references are never followed.
    pub fn resolve_ref(&self, reference: &str) -> Option<Node<'a>> {
        let pointer = reference.strip_prefix('#')?;
        self.root.tree().resolve(pointer)
    }

    /// Follows `$ref` from `node` until a node without one (bounded; `None` on a broken or
    /// cyclic chain). A node without `$ref` is returned as is.
    pub fn deref(&self, node: Node<'a>) -> Option<Node<'a>> {
        let end = self.follow_refs(node);
        end.get_str("$ref").is_none().then_some(end)
    }

    /// Follows `$ref` from `node` as far as it resolves (bounded): the node reached, which
    /// still holds a `$ref` where the chain is broken or cyclic. For a view that shows what it
    /// can of a broken schema; [`Self::deref`] tells the two apart.
    pub fn follow_refs(&self, node: Node<'a>) -> Node<'a> {
        let mut cur = node;
        for _ in 0..MAX_REF_HOPS {
            match cur.get_str("$ref").and_then(|r| self.resolve_ref(r)) {
                Some(next) => cur = next,
                None => break,
            }
        }
        cur
    }

    /// Inline parameter objects (`$ref` items excluded, their targets are in the root section):
    /// the root `parameters` section and the lists of path items and operations.
    pub fn parameter_definitions(&self) -> Vec<Node<'a>> {
        let mut out: Vec<Node<'a>> = self
            .root
            .get("parameters")
            .iter()
            .flat_map(|p| p.members().map(|(_, v)| v))
            .collect();
        for (_, item) in self.paths().iter().flat_map(|p| p.members()) {
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

    /// The operation with this operationId.
    pub fn operation_by_id(&self, id: &str) -> Option<Operation<'a>> {
        self.operations().find(|op| op.operation_id() == Some(id))
    }

    /// Every schema object in the document with where it sits; see [`SchemaSite`].
    pub fn schemas(&self) -> Vec<SchemaSite<'a>> {
        let mut out = Vec::new();
        if let Some(defs) = self.definitions() {
            for (_, s) in defs.members() {
                collect_schemas(s, Place::Definition, 0, &mut out);
            }
        }
        if let Some(params) = self.root.get("parameters").filter(Node::is_object) {
            for (_, p) in params.members() {
                if let Some(s) = p.get("schema") {
                    collect_schemas(s, Place::Request, 0, &mut out);
                }
            }
        }
        if let Some(resps) = self.root.get("responses").filter(Node::is_object) {
            for (_, r) in resps.members() {
                if let Some(s) = r.get("schema") {
                    collect_schemas(s, Place::Response, 0, &mut out);
                }
            }
        }
        for op in self.operations() {
            for p in op
                .node
                .get("parameters")
                .iter()
                .chain(op.path_item.get("parameters").iter())
                .flat_map(|a| a.items())
            {
                if let Some(s) = p.get("schema") {
                    collect_schemas(s, Place::Request, 0, &mut out);
                }
            }
            if let Some(resps) = op.responses() {
                for (_, r) in resps.members() {
                    if let Some(s) = r.get("schema") {
                        collect_schemas(s, Place::Response, 0, &mut out);
                    }
                }
            }
        }
        out
    }
}

/// How long an `items` chain of a parameter or header is followed.
const MAX_ITEMS_CHAIN: usize = 32;

impl<'a> Swagger<'a> {
    /// The objects outside schemas that carry JSON-schema value keywords (`type`, `minimum`,
    /// `enum`, `pattern`, `default`, ...): inline non-body parameters (root section, path items,
    /// operations) and response headers (root section, operations), each followed by its chain
    /// of `items`. Parameter `$ref`s are skipped (their targets are in the root section).
    pub fn simple_value_objects(&self) -> Vec<Node<'a>> {
        fn push_chain<'a>(node: Node<'a>, out: &mut Vec<Node<'a>>) {
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
        }
        let mut out = Vec::new();
        let param = |p: Node<'a>, out: &mut Vec<Node<'a>>| {
            if p.is_object() && p.get("$ref").is_none() && p.get_str("in") != Some("body") {
                push_chain(p, out);
            }
        };
        for (_, p) in self.root.get("parameters").iter().flat_map(|p| p.members()) {
            param(p, &mut out);
        }
        let headers = |responses: Node<'a>, out: &mut Vec<Node<'a>>| {
            for (_, r) in responses.members() {
                for (_, h) in r.get("headers").iter().flat_map(|h| h.members()) {
                    push_chain(h, out);
                }
            }
        };
        if let Some(r) = self.root.get("responses").filter(Node::is_object) {
            headers(r, &mut out);
        }
        for (_, item) in self.paths().iter().flat_map(|p| p.members()) {
            for (key, v) in item.members() {
                if key == "parameters" {
                    v.items().for_each(|p| param(p, &mut out));
                } else if METHODS.iter().any(|m| m.eq_ignore_ascii_case(key)) {
                    for p in v.get("parameters").iter().flat_map(|l| l.items()) {
                        param(p, &mut out);
                    }
                    if let Some(r) = v.get("responses").filter(Node::is_object) {
                        headers(r, &mut out);
                    }
                }
            }
        }
        out
    }
}

/// Whether a schema describes input, output, or a shared definition (used by either).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Definition,
    Request,
    Response,
}

/// A schema object found by [`Swagger::schemas`]: the node, whether it is the root schema of its
/// site, its nesting depth, and its place.
#[derive(Clone, Copy, Debug)]
pub struct SchemaSite<'a> {
    pub node: Node<'a>,
    pub place: Place,
    /// 0 for the schema directly under a definition / parameter / response.
    pub depth: usize,
}

const MAX_SCHEMA_WALK_DEPTH: usize = 128;

fn collect_schemas<'a>(node: Node<'a>, place: Place, depth: usize, out: &mut Vec<SchemaSite<'a>>) {
    if !node.is_object() || depth > MAX_SCHEMA_WALK_DEPTH {
        return;
    }
    out.push(SchemaSite { node, place, depth });
    // One pass over the members (this runs on every schema of the largest documents).
    for (key, child) in node.members() {
        match key {
            "properties" => {
                for (_, p) in child.members() {
                    collect_schemas(p, place, depth + 1, out);
                }
            }
            "items" if child.kind() == Kind::Array => child
                .items()
                .for_each(|i| collect_schemas(i, place, depth + 1, out)),
            "items" | "additionalProperties" => collect_schemas(child, place, depth + 1, out),
            "allOf" | "anyOf" | "oneOf" => child
                .items()
                .for_each(|i| collect_schemas(i, place, depth + 1, out)),
            _ => {}
        }
    }
}

/// One operation: a method under a path template.
#[derive(Clone, Copy, Debug)]
pub struct Operation<'a> {
    pub swagger: Swagger<'a>,
    /// The path template, e.g. `/items/{id}`.
    pub path: &'a str,
    /// The path item object holding this operation.
    pub path_item: Node<'a>,
    /// Lower-case HTTP method.
    pub method: &'static str,
    pub node: Node<'a>,
}

impl<'a> Operation<'a> {
    pub fn operation_id(&self) -> Option<&'a str> {
        self.node.get_str("operationId")
    }

    /// A name for messages: the operationId, else `METHOD path`.
    pub fn display_name(&self) -> String {
        match self.operation_id() {
            Some(id) => id.to_string(),
            None => format!("{} {}", self.method.to_uppercase(), self.path),
        }
    }

    pub fn responses(&self) -> Option<Node<'a>> {
        self.node.get("responses").filter(Node::is_object)
    }

    /// `x-ms-trigger` is set (any value).
    pub fn is_trigger(&self) -> bool {
        self.node.get("x-ms-trigger").is_some()
    }

    /// The effective parameters: path-item level ones overridden by operation level ones with
    /// the same name and location (Swagger 2.0 semantics), operation level first.
    pub fn parameters(&self) -> Vec<Parameter<'a>> {
        let mut out: Vec<Parameter<'a>> = Vec::new();
        for (level, list) in [
            (Level::Operation, self.node.get("parameters")),
            (Level::PathItem, self.path_item.get("parameters")),
        ] {
            let Some(list) = list else { continue };
            for node in list.items() {
                let def = self.swagger.deref(node).unwrap_or(node);
                let p = Parameter { node, def, level };
                if level == Level::PathItem
                    && out
                        .iter()
                        .any(|o| o.name() == p.name() && o.location() == p.location())
                {
                    continue;
                }
                out.push(p);
            }
        }
        out
    }

    /// The names of the `{variables}` of the path template.
    pub fn path_variables(&self) -> Vec<&'a str> {
        path_variables(self.path)
    }
}

/// The names between `{` and `}` in a path template.
pub fn path_variables(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Operation,
    PathItem,
}

/// A parameter as listed (`node`, possibly a `$ref`) and as defined (`def`, the resolved object).
#[derive(Clone, Copy, Debug)]
pub struct Parameter<'a> {
    pub node: Node<'a>,
    pub def: Node<'a>,
    pub level: Level,
}

impl<'a> Parameter<'a> {
    pub fn name(&self) -> Option<&'a str> {
        self.def.get_str("name")
    }

    /// The `in` value: `path`, `query`, `header`, `body` or `formData`.
    pub fn location(&self) -> Option<&'a str> {
        self.def.get_str("in")
    }

    pub fn is_required(&self) -> bool {
        self.def.get("required").and_then(|r| r.as_bool()) == Some(true)
    }

    /// Whether the parameter is written inline (not a `$ref`).
    pub fn is_inline(&self) -> bool {
        self.node.get("$ref").is_none()
    }

    /// `x-ms-visibility: internal`.
    pub fn is_internal(&self) -> bool {
        self.def.get_str("x-ms-visibility") == Some("internal")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_and_parameters() {
        let p = crate::json::parse(
            r##"{"swagger":"2.0","parameters":{"id":{"name":"id","in":"path","required":true}},
            "paths":{"/a/{id}":{"parameters":[{"$ref":"#/parameters/id"},{"name":"q","in":"query"}],
            "get":{"operationId":"GetA","parameters":[{"name":"q","in":"query","type":"integer"}]},
            "x-ms-notes":{}}}}"##,
        );
        let s = Swagger::new(p.tree.root().unwrap()).unwrap();
        let ops: Vec<_> = s.operations().collect();
        assert_eq!(ops.len(), 1);
        let params = ops[0].parameters();
        assert_eq!(params.len(), 2);
        assert_eq!(params[0].def.get_str("type"), Some("integer"));
        assert_eq!(params[1].name(), Some("id"));
        assert!(params[1].is_required());
        assert_eq!(ops[0].path_variables(), vec!["id"]);
    }

    #[test]
    fn ref_cycles_end() {
        let p = crate::json::parse(
            r##"{"definitions":{"A":{"$ref":"#/definitions/B"},"B":{"$ref":"#/definitions/A"}}}"##,
        );
        let s = Swagger::new(p.tree.root().unwrap()).unwrap();
        let a = s.resolve_ref("#/definitions/A").unwrap();
        assert!(s.deref(a).is_none());
    }
}
