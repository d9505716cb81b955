//! Size limits of the document: how many schemas one body, one operation and the whole swagger
//! expand to (with `$ref`s expanded), how deep a schema nests, and how many operations there are.
//!
//! The schema graph is measured once per check by [`Sizes::of`]: every definition is measured
//! at most once from scratch (memoised), so the largest documents stay linear. A `$ref` back to
//! a definition that is already being expanded counts as one schema and ends there, so cycles
//! terminate. The measure of a definition on a reference cycle depends on where the cycle was
//! entered, so it is not memoised; every measure visits at most [`COUNT_CAP`] schemas, which
//! bounds the work.

use std::collections::HashMap;

use crate::json::{Kind, Node, NodeId};
use crate::package::swagger::Swagger;
use crate::rules::{rule, Context, Report};

/// Most schemas one object (a definition, a body parameter's or a response's schema) may expand
/// to. Observed in real validator output: "... max schema count allowed value of '512'"
/// (PowerPlatformConnectors issue 1088); the largest certified definition expands to 478.
pub const MAX_BODY_SCHEMA_COUNT: u32 = 512;

/// Most schemas one operation (all its body and response schemas) may expand to. Not
/// documented: twice the observed per-object limit; the largest certified operation
/// expands to 675 (Shopranos).
pub const MAX_OPERATION_SCHEMA_COUNT: u32 = 1024;

/// Most schemas the whole swagger (the sum over its operations) may expand to. Not documented:
/// a power of two well above the largest certified connector (16,526 in Shopranos).
pub const MAX_TOTAL_SCHEMA_COUNT: u32 = 32_768;

/// Most operations one swagger may define. Not documented: the power of two above the largest
/// certified connector (219 operations in Encodian).
pub const MAX_OPERATIONS: usize = 256;

/// Deepest nesting a schema may reach, `$ref`s expanded (each level of `properties`, `items` or
/// `additionalProperties` is one; `allOf` members are the same level). Not documented: twice
/// the deepest certified schema (15, in Cloudmersive Document Conversion).
pub const MAX_SCHEMA_DEPTH: u32 = 32;

/// Counting stops here: past the operation limit the exact number no longer matters, and the
/// cap bounds the work of every measure.
const COUNT_CAP: u32 = MAX_OPERATION_SCHEMA_COUNT + 1;

/// Nesting (inline levels plus expanded `$ref`s) after which a walk stops, so that absurdly
/// deep documents cannot exhaust the stack; such a schema is reported as too deep.
const NEST_LIMIT: u32 = 256;

rule!(BodySchemaCountExceedsMaxAllowed {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A definition or body schema expands to more than 512 schemas.",
    docs: r##"## What it does
Counts the schemas one object expands to: the object itself, each property, `items`,
`additionalProperties` and `allOf`/`anyOf`/`oneOf` member, at every depth, with each `$ref`
replaced by the definition it points to. Reports a definition, a body parameter's schema or a
response's schema whose count is above 512. A `$ref` back to a definition already being
expanded (a recursive schema) counts once. When the object is only too big because a definition
it references is, only that definition is reported.

## Why
The platform turns every schema into metadata for the designer; it refuses objects above its
limit. The limit of 512 is the one the validator prints ("max schema count allowed value of
'512'"); the largest certified definition expands to 478.

Error: the validator reports it as critical.

## Example
A `Customer` definition with 300 properties whose `address` and `billingAddress` both reference
an `Address` definition of 150 properties expands to 601 schemas.

## How to fix
Remove properties the connector's users do not need, or split the object: return a summary and
offer a second operation for the details.
"##,
    check: check_body,
});

rule!(OperationSchemaCountExceedsMaxAllowed {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An operation's body and response schemas expand to more than 1024 schemas.",
    docs: r##"## What it does
Adds up the schemas of an operation's body parameter and response schemas (its own parameters
and its path item's, `$ref`s expanded, counted as in `BodySchemaCountExceedsMaxAllowed`) and
reports the operation when the sum is above 1024.

## Why
The platform keeps the metadata of each operation together and refuses operations above its
limit. The limit is not documented: 1024 is twice the observed per-object limit, and no
certified connector comes near it (the largest operation expands to 675).

Error: the platform refuses the operation.

## Example
An operation whose request body and `200` response each expand to 500 schemas, and whose
`default` response adds 100 more.

## How to fix
Trim the request and response schemas, or split the operation into smaller ones.
"##,
    check: check_operation,
});

rule!(TotalSchemaCountExceedsMaxAllowed {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "All operations together expand to more than 32,768 schemas.",
    docs: r##"## What it does
Adds up the schema counts of all operations (see `OperationSchemaCountExceedsMaxAllowed`) and
reports the swagger's `paths` when the sum is above 32,768.

## Why
The connector's metadata as a whole has a size limit. Its value is not documented: 32,768 is a
power of two about twice the largest certified connector (16,526 schemas).

Error: the platform refuses the definition.

## Example
200 operations that each return the same 200-schema list object.

## How to fix
Remove properties nobody uses from shared definitions, or split the connector into several.
"##,
    check: check_total,
});

rule!(TotalOperationsCountExceedsMaxAllowed {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "The swagger defines more than 256 operations.",
    docs: r##"## What it does
Counts the operations under `paths` (every `get`, `put`, `post`, `delete`, `options`, `head` and
`patch`) and reports `paths` when there are more than 256.

## Why
The platform limits how many operations one connector may have. The value is not documented:
256 is the power of two above the largest certified connector (219 operations).

Error: the platform refuses the definition.

## Example
A connector generated from a large API description, with one action per endpoint: 300
operations.

## How to fix
Keep the operations your users need, or split the connector into several by area.
"##,
    check: check_operations,
});

rule!(SchemaTooDeep {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A schema nests more than 32 levels deep, `$ref`s included.",
    docs: r##"## What it does
Measures how deep a definition, body parameter schema or response schema nests, following
`$ref`s: each level of `properties`, `items` or `additionalProperties` counts one, `allOf` /
`anyOf` / `oneOf` members sit at the level of the schema that holds them. A `$ref` back to a
definition already being expanded (a recursive schema) ends the path. Reports the object when
the depth is above 32; when it is only too deep because a definition it references is, only that
definition is reported.

## Why
The designer renders nested schemas as nested fields, and the platform refuses schemas deeper
than its limit. The value is not documented: 32 is twice the deepest certified schema (15).

Error: the platform refuses the definition.

## Example
A `Node` definition whose `child` property is an inline object with a `child` property, 40
levels down.

## How to fix
Flatten the schema: return deep parts as strings or from separate operations, or make the
recursion explicit with a `$ref` to the definition itself.
"##,
    check: check_depth,
});

/// A schema count and depth.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Measure {
    count: u32,
    depth: u32,
}

impl Measure {
    const LEAF: Measure = Measure { count: 1, depth: 1 };

    fn worst(self, other: Measure) -> Measure {
        Measure {
            count: self.count.max(other.count),
            depth: self.depth.max(other.depth),
        }
    }
}

/// A definition's measure and the worst measure among the definitions it references directly.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    own: Measure,
    referenced: Measure,
}

struct Graph<'a> {
    definitions: Option<Node<'a>>,
    index: HashMap<&'a str, u32>,
    nodes: Vec<Node<'a>>,
    memo: Vec<Option<Entry>>,
    /// Whether each definition lies on a reference cycle through other definitions.
    cyclic: Vec<bool>,
    /// Whether each definition is being expanded.
    on_stack: Vec<bool>,
    budget: u32,
    exhausted: bool,
    /// The worst measure of the definitions referenced from the current frame's inline schemas.
    frame_refs: Measure,
}

impl<'a> Graph<'a> {
    fn new(sw: Swagger<'a>) -> Self {
        let definitions = sw.definitions();
        let mut index = HashMap::new();
        let mut nodes = Vec::new();
        for (name, node) in definitions.iter().flat_map(|d| d.members()) {
            // With duplicate names the last wins, as in `Node::get`.
            let i = *index.entry(name).or_insert(nodes.len() as u32);
            if i as usize == nodes.len() {
                nodes.push(node);
            } else {
                nodes[i as usize] = node;
            }
        }
        let n = nodes.len();
        let mut g = Self {
            definitions,
            index,
            nodes,
            cyclic: Vec::new(),
            memo: vec![None; n],
            on_stack: vec![false; n],
            budget: 0,
            exhausted: false,
            frame_refs: Measure::default(),
        };
        let edges: Vec<Vec<u32>> = g.nodes.iter().map(|&d| g.references(d)).collect();
        g.cyclic = on_cycles(&edges);
        g
    }

    /// The definitions referenced from the inline schemas of `node` (not through other
    /// definitions), walked like [`Graph::schema`].
    fn references(&self, node: Node<'a>) -> Vec<u32> {
        let mut out = Vec::new();
        let mut todo = vec![(node, 0u32)];
        while let Some((n, nest)) = todo.pop() {
            if !n.is_object() || nest > NEST_LIMIT {
                continue;
            }
            if let Some(r) = n.get("$ref") {
                out.extend(r.as_str().and_then(|r| self.definition_of(r)));
                continue;
            }
            for (key, child) in n.members() {
                match key {
                    "properties" => todo.extend(child.members().map(|(_, p)| (p, nest + 1))),
                    "items" if child.kind() == Kind::Array => {
                        todo.extend(child.items().map(|i| (i, nest + 1)))
                    }
                    "items" | "additionalProperties" => todo.push((child, nest + 1)),
                    "allOf" | "anyOf" | "oneOf" => todo.extend(child.items().map(|i| (i, nest))),
                    _ => {}
                }
            }
        }
        out
    }

    /// The definition a `$ref` names, when it names one (not a node inside one).
    fn definition_of(&self, reference: &str) -> Option<u32> {
        let name = reference.strip_prefix("#/definitions/")?;
        if !name.bytes().any(|b| matches!(b, b'/' | b'~' | b'%')) {
            return self.index.get(name).copied();
        }
        let target = self.definitions?.tree().resolve(&reference[1..])?;
        if target.parent() != self.definitions {
            return None;
        }
        self.index.get(target.key()?).copied()
    }

    /// Measures a schema.
    fn schema(&mut self, node: Node<'a>, nest: u32) -> Measure {
        if !node.is_object() {
            return Measure::default();
        }
        if let Some(r) = node.get("$ref") {
            let Some(i) = r.as_str().and_then(|r| self.definition_of(r)) else {
                // Broken or foreign references are other rules' findings: one schema here.
                return Measure::LEAF;
            };
            let entry = self.definition(i, nest + 1);
            self.frame_refs = self.frame_refs.worst(entry.own);
            return entry.own;
        }
        if self.budget == 0 || nest > NEST_LIMIT {
            self.exhausted = true;
            let depth = if nest > NEST_LIMIT { NEST_LIMIT } else { 1 };
            return Measure { count: 1, depth };
        }
        self.budget -= 1;
        let mut count: u32 = 1;
        let mut depth: u32 = 1;
        // `level`: how many levels of depth the child adds (an `allOf` member adds none).
        let mut add = |g: &mut Self, child: Node<'a>, level: u32| {
            let m = g.schema(child, nest + 1);
            count = count.saturating_add(m.count);
            if m.count > 0 {
                depth = depth.max(m.depth + level);
            }
        };
        for (key, child) in node.members() {
            match key {
                "properties" => child.members().for_each(|(_, p)| add(self, p, 1)),
                "items" if child.kind() == Kind::Array => {
                    child.items().for_each(|i| add(self, i, 1))
                }
                "items" | "additionalProperties" => add(self, child, 1),
                "allOf" | "anyOf" | "oneOf" => child.items().for_each(|i| add(self, i, 0)),
                _ => {}
            }
        }
        Measure { count, depth }
    }

    /// Measures definition `i`, expanding it unless it is memoised or already being expanded
    /// (a loop back counts as one schema).
    fn definition(&mut self, i: u32, nest: u32) -> Entry {
        let idx = i as usize;
        if let Some(e) = self.memo[idx] {
            self.budget = self.budget.saturating_sub(e.own.count);
            return e;
        }
        if self.on_stack[idx] {
            return Entry {
                own: Measure::LEAF,
                referenced: Measure::default(),
            };
        }
        self.on_stack[idx] = true;
        let outer_exhausted = std::mem::replace(&mut self.exhausted, false);
        let outer_refs = std::mem::take(&mut self.frame_refs);
        let own = self.schema(self.nodes[idx], nest);
        let entry = Entry {
            own,
            referenced: std::mem::replace(&mut self.frame_refs, outer_refs),
        };
        self.on_stack[idx] = false;
        // Only a definition outside every reference cycle (a self-reference aside) measures the
        // same from every entry point; one inside a cycle stops wherever the cycle was entered.
        if !self.exhausted && !self.cyclic[idx] {
            self.memo[idx] = Some(entry);
        }
        self.exhausted |= outer_exhausted;
        entry
    }

    /// Measures a definition from scratch (or from the memo).
    fn measure_definition(&mut self, i: u32) -> Entry {
        self.budget = COUNT_CAP;
        self.exhausted = false;
        let mut e = self.definition(i, 0);
        if self.exhausted {
            e.own.count = e.own.count.max(COUNT_CAP);
        }
        e
    }

    /// Measures an inline root schema (a body parameter's or a response's).
    fn measure_root(&mut self, node: Node<'a>) -> Entry {
        self.budget = COUNT_CAP;
        self.exhausted = false;
        self.frame_refs = Measure::default();
        let mut own = self.schema(node, 0);
        if self.exhausted {
            own.count = own.count.max(COUNT_CAP);
        }
        Entry {
            own,
            referenced: std::mem::take(&mut self.frame_refs),
        }
    }
}

/// Marks the vertices that belong to a strongly connected component of two or more vertices
/// (Tarjan's algorithm, iterative so that long reference chains cannot exhaust the stack).
fn on_cycles(edges: &[Vec<u32>]) -> Vec<bool> {
    const UNSEEN: u32 = u32::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut cyclic = vec![false; n];
    let mut next = 0u32;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (vertex, next edge to look at)
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root as u32);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut e)) = calls.last_mut() {
            if let Some(&w) = edges[v].get(*e) {
                *e += 1;
                let w = w as usize;
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w as u32);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    members.push(w as usize);
                    if w as usize == v {
                        break;
                    }
                }
                if members.len() > 1 {
                    members.into_iter().for_each(|m| cyclic[m] = true);
                }
            }
        }
    }
    cyclic
}

/// The measures of one swagger, as node ids so that [`Context::shared`] can keep them for all
/// the limit rules of a check.
pub(super) struct Sizes {
    /// Each definition with its measure.
    definitions: Vec<(NodeId, Entry)>,
    /// Each inline body parameter or response schema (root sections, path items, operations),
    /// as the `schema` member node, with its measure.
    roots: Vec<(NodeId, Entry)>,
    /// Each operation (its node) with its schema count.
    operations: Vec<(NodeId, u32)>,
}

impl Sizes {
    fn of<'a>(sw: Swagger<'a>) -> Self {
        let mut g = Graph::new(sw);
        let definitions = (0..g.nodes.len() as u32)
            .map(|i| (g.nodes[i as usize].id(), g.measure_definition(i)))
            .collect();
        let mut by_node: HashMap<NodeId, Entry> = HashMap::new();
        let mut roots = Vec::new();
        let mut measure =
            |g: &mut Graph<'a>, schema: Node<'a>, roots: &mut Vec<(NodeId, Entry)>| {
                *by_node.entry(schema.id()).or_insert_with(|| {
                    let e = g.measure_root(schema);
                    roots.push((schema.id(), e));
                    e
                })
            };
        // Root sections first, so that roots are listed in a stable order.
        for section in ["parameters", "responses"] {
            for (_, v) in sw.root.get(section).iter().flat_map(|s| s.members()) {
                if let Some(s) = v.get("schema").filter(Node::is_object) {
                    measure(&mut g, s, &mut roots);
                }
            }
        }
        for (_, item) in sw.paths().iter().flat_map(|p| p.members()) {
            for p in item.get("parameters").iter().flat_map(|l| l.items()) {
                if let Some(s) = sw.deref(p).and_then(|d| d.get("schema")) {
                    measure(&mut g, s, &mut roots);
                }
            }
        }
        let mut operations = Vec::new();
        for op in sw.operations() {
            let mut count: u32 = 0;
            for p in op.parameters() {
                if let Some(s) = p.def.get("schema").filter(Node::is_object) {
                    count = count.saturating_add(measure(&mut g, s, &mut roots).own.count);
                }
            }
            for (_, r) in op.responses().iter().flat_map(|r| r.members()) {
                let r = sw.deref(r).unwrap_or(r);
                if let Some(s) = r.get("schema").filter(Node::is_object) {
                    count = count.saturating_add(measure(&mut g, s, &mut roots).own.count);
                }
            }
            operations.push((op.node.id(), count));
        }
        Self {
            definitions,
            roots,
            operations,
        }
    }

    /// The sizes of the check's swagger, measured once for all the limit rules.
    pub(super) fn shared(cx: &Context) -> Option<std::sync::Arc<Sizes>> {
        let sw = cx.swagger?;
        Some(cx.memo(|| Sizes::of(sw)))
    }

    /// Every measured object: definitions (reported at their name) and inline roots (at their
    /// `schema` member).
    fn objects(&self) -> impl Iterator<Item = (NodeId, Entry)> + '_ {
        self.definitions.iter().chain(self.roots.iter()).copied()
    }
}

fn check_body(cx: &Context, out: &mut Report) {
    let (Some(sw), Some(sizes)) = (cx.swagger, Sizes::shared(cx)) else {
        return;
    };
    let tree = sw.root.tree();
    for (id, e) in sizes.objects() {
        let node = tree.node(id);
        if e.own.count > MAX_BODY_SCHEMA_COUNT && e.referenced.count <= MAX_BODY_SCHEMA_COUNT {
            out.at_key(
                node,
                format!("The total number of schemas in the object exceeds the max schema count allowed value of '{MAX_BODY_SCHEMA_COUNT}'. Please remove any unnecessary property or item definitions."),
            );
        }
    }
}

fn check_depth(cx: &Context, out: &mut Report) {
    let (Some(sw), Some(sizes)) = (cx.swagger, Sizes::shared(cx)) else {
        return;
    };
    let tree = sw.root.tree();
    for (id, e) in sizes.objects() {
        let node = tree.node(id);
        if e.own.depth > MAX_SCHEMA_DEPTH && e.referenced.depth <= MAX_SCHEMA_DEPTH {
            out.at_key(
                node,
                format!("The schema exceeds the maximum allowed depth. Schemas must not exceed a depth of '{MAX_SCHEMA_DEPTH}', including referenced ('$ref') schemas."),
            );
        }
    }
}

fn check_operation(cx: &Context, out: &mut Report) {
    let (Some(sw), Some(sizes)) = (cx.swagger, Sizes::shared(cx)) else {
        return;
    };
    for &(id, count) in &sizes.operations {
        if count > MAX_OPERATION_SCHEMA_COUNT {
            out.at_key(
                sw.root.tree().node(id),
                format!("The total number of schemas in the operation has exceeded the maximum allowed value of '{MAX_OPERATION_SCHEMA_COUNT}'. Please remove any unnecessary property or item definitions."),
            );
        }
    }
}

fn check_total(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let (Some(paths), Some(sizes)) = (sw.paths(), Sizes::shared(cx)) else {
        return;
    };
    let total = sizes
        .operations
        .iter()
        .fold(0u32, |t, (_, c)| t.saturating_add(*c));
    if total > MAX_TOTAL_SCHEMA_COUNT {
        // A root check: the validator's ValuePath is the root; the range is on `paths`.
        out.about(
            sw.root,
            paths.anchor(),
            format!("The maximum allowed number of schemas in the swagger is '{MAX_TOTAL_SCHEMA_COUNT}'. Please remove any unnecessary property or item definitions."),
        );
    }
}

fn check_operations(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let Some(paths) = sw.paths() else { return };
    if sw.operations().count() > MAX_OPERATIONS {
        out.about(
            sw.root,
            paths.anchor(),
            format!("The total number of operations in the swagger exceeds the maximum allowed value of '{MAX_OPERATIONS}'."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes_of(text: &str, f: impl FnOnce(&Sizes)) {
        let p = crate::json::parse(text);
        let sw = Swagger::new(p.tree.root().unwrap()).unwrap();
        f(&Sizes::of(sw));
    }

    #[test]
    fn refs_expand_and_cycles_end() {
        sizes_of(
            r##"{"definitions":{
              "A":{"type":"object","properties":{"b":{"$ref":"#/definitions/B"},"c":{"type":"string"}}},
              "B":{"type":"object","properties":{"a":{"$ref":"#/definitions/A"},"x":{"type":"array","items":{"type":"string"}}}},
              "S":{"type":"object","properties":{"self":{"$ref":"#/definitions/S"}}}}}"##,
            |s| {
                let m: Vec<Measure> = s.definitions.iter().map(|(_, e)| e.own).collect();
                // A: A, c, B, x, x.items, and the loop back to A.
                assert_eq!(m[0], Measure { count: 6, depth: 4 });
                assert_eq!(m[1], Measure { count: 6, depth: 3 });
                assert_eq!(m[2], Measure { count: 2, depth: 2 });
            },
        );
    }

    #[test]
    fn operations_add_their_bodies() {
        sizes_of(
            r##"{"definitions":{"D":{"type":"object","properties":{"a":{},"b":{}}}},
            "paths":{"/x":{"post":{"parameters":[{"name":"b","in":"body","schema":{"$ref":"#/definitions/D"}}],
            "responses":{"200":{"schema":{"type":"array","items":{"$ref":"#/definitions/D"}}}}}}}}"##,
            |s| {
                assert_eq!(s.operations.len(), 1);
                assert_eq!(s.operations[0].1, 3 + 4);
            },
        );
    }

    #[test]
    fn dense_cycles_stay_bounded() {
        // 300 definitions that all reach each other: nothing is memoised, each measure stops
        // at the cap.
        let n = 300;
        let defs: Vec<String> = (0..n)
            .map(|i| {
                let props: Vec<String> = (1..=3)
                    .map(|k| format!(r##""p{k}":{{"$ref":"#/definitions/D{}"}}"##, (i + k) % n))
                    .collect();
                format!(
                    r#""D{i}":{{"type":"object","properties":{{{}}}}}"#,
                    props.join(",")
                )
            })
            .collect();
        let text = format!(r#"{{"definitions":{{{}}}}}"#, defs.join(","));
        // Unbounded work here is exponential (a hang, caught by the harness): no timed assertion,
        // which a loaded machine would break.
        sizes_of(&text, |s| {
            assert!(s
                .definitions
                .iter()
                .all(|(_, e)| e.own.count > MAX_BODY_SCHEMA_COUNT));
        });
    }
}
