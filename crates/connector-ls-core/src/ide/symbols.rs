//! The outline of a document (paths → operations → parameters, definitions, apiProperties
//! sections), its folding lines and the operations matching a workspace-symbol query, as plain
//! data with byte ranges.

use crate::json::{Kind, Node};
use crate::package::swagger::Swagger;
use crate::package::{Document, FileKind};
use crate::text::TextRange;

/// What an outline entry is, for the editor's icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// `paths`, `definitions` and the other sections.
    Section,
    /// A path of `paths`.
    Path,
    /// An operation.
    Operation,
    /// A parameter of an operation.
    Parameter,
    /// A definition (a schema).
    Definition,
    /// A shared parameter, response or security definition.
    Component,
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

/// One entry of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The member as a whole (key and value).
    pub range: TextRange,
    /// What to select: the key (or the value of an array item).
    pub selection: TextRange,
    pub children: Vec<Symbol>,
}

fn symbol(
    node: Node,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    children: Vec<Symbol>,
) -> Symbol {
    Symbol {
        name: if name.is_empty() {
            "\"\"".to_string()
        } else {
            name
        },
        detail,
        kind,
        range: node.member_range(),
        selection: node.anchor(),
        children,
    }
}

/// The outline of `doc`.
pub fn document_symbols(doc: &Document) -> Vec<Symbol> {
    let Some(root) = doc.tree().root().filter(Node::is_object) else {
        return Vec::new();
    };
    match doc.kind {
        FileKind::Swagger => swagger_symbols(root),
        _ => root
            .members()
            .map(|(k, v)| generic_symbol(k, v, 0))
            .collect(),
    }
}

fn generic_symbol(key: &str, node: Node, depth: usize) -> Symbol {
    let kind = match node.kind() {
        Kind::Object => SymbolKind::Object,
        Kind::Array => SymbolKind::Array,
        Kind::String => SymbolKind::String,
        Kind::Number => SymbolKind::Number,
        Kind::Bool => SymbolKind::Bool,
        _ => SymbolKind::Null,
    };
    let children = if depth < 3 {
        node.children()
            .enumerate()
            .map(|(i, c)| {
                let k = c.key().map_or_else(|| i.to_string(), str::to_string);
                generic_symbol(&k, c, depth + 1)
            })
            .collect()
    } else {
        Vec::new()
    };
    let detail = node.as_str().map(str::to_string);
    symbol(node, key.to_string(), detail, kind, children)
}

fn swagger_symbols(root: Node) -> Vec<Symbol> {
    let Some(swagger) = Swagger::new(root) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, node) in root.members() {
        match key {
            "paths" if node.is_object() => {
                let paths = node
                    .members()
                    .map(|(path, item)| {
                        let ops = item
                            .members()
                            .filter(|(m, _)| {
                                crate::package::swagger::METHODS
                                    .contains(&m.to_ascii_lowercase().as_str())
                            })
                            .map(|(m, op)| {
                                let params = op
                                    .get("parameters")
                                    .into_iter()
                                    .flat_map(|p| p.items())
                                    .map(|p| {
                                        let def = swagger.deref(p).unwrap_or(p);
                                        let name = def.get_str("name").unwrap_or("?").to_string();
                                        let detail = def.get_str("in").map(str::to_string);
                                        symbol(p, name, detail, SymbolKind::Parameter, Vec::new())
                                    })
                                    .collect();
                                let name = op
                                    .get_str("operationId")
                                    .map_or_else(|| m.to_uppercase(), str::to_string);
                                let detail = Some(
                                    format!(
                                        "{} {}",
                                        m.to_uppercase(),
                                        op.get_str("summary").unwrap_or("")
                                    )
                                    .trim_end()
                                    .to_string(),
                                );
                                symbol(op, name, detail, SymbolKind::Operation, params)
                            })
                            .collect();
                        symbol(item, path.to_string(), None, SymbolKind::Path, ops)
                    })
                    .collect();
                out.push(symbol(
                    node,
                    key.to_string(),
                    None,
                    SymbolKind::Section,
                    paths,
                ));
            }
            "definitions" | "parameters" | "responses" | "securityDefinitions"
                if node.is_object() =>
            {
                let kind = if key == "definitions" {
                    SymbolKind::Definition
                } else {
                    SymbolKind::Component
                };
                let items = node
                    .members()
                    .map(|(name, def)| {
                        let detail = def
                            .get_str("type")
                            .or_else(|| def.get_str("in"))
                            .map(str::to_string);
                        symbol(def, name.to_string(), detail, kind, Vec::new())
                    })
                    .collect();
                out.push(symbol(
                    node,
                    key.to_string(),
                    None,
                    SymbolKind::Section,
                    items,
                ));
            }
            _ => out.push(generic_symbol(key, node, 2)),
        }
    }
    out
}

/// A fold: 0-based lines, from the opening bracket's to the line before the closing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub start_line: u32,
    pub end_line: u32,
}

/// A fold for every object and array that spans several lines.
pub fn folding_ranges(doc: &Document) -> Vec<Fold> {
    let mut out = Vec::new();
    let Some(root) = doc.tree().root() else {
        return out;
    };
    let idx = doc.line_index();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if !n.kind().is_container() {
            continue;
        }
        let r = n.range();
        let start = idx.line_of(r.start);
        let end = idx.line_of(r.end.saturating_sub(1));
        if end > start {
            out.push(Fold {
                start_line: start,
                // Keep the closing bracket's line visible.
                end_line: end.saturating_sub(1).max(start),
            });
        }
        stack.extend(n.children());
    }
    out.sort_by_key(|f| (f.start_line, f.end_line));
    out
}

/// An operation matching a workspace-symbol query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationSymbol {
    /// The operationId (or what names the operation without one).
    pub name: String,
    /// `GET /path`.
    pub container: String,
    /// The operation's key in its path item.
    pub selection: TextRange,
}

/// Operations whose operationId, summary or path contains `query` (case-insensitive).
pub fn workspace_operations(doc: &Document, query: &str) -> Vec<OperationSymbol> {
    let q = query.to_lowercase();
    let Some(swagger) = doc.tree().root().and_then(Swagger::new) else {
        return Vec::new();
    };
    swagger
        .operations()
        .filter_map(|op| {
            let name = op.display_name();
            let summary = op.node.get_str("summary").unwrap_or("");
            let hay = format!("{name} {summary} {}", op.path).to_lowercase();
            if !q.is_empty() && !hay.contains(&q) {
                return None;
            }
            Some(OperationSymbol {
                name,
                container: format!("{} {}", op.method.to_uppercase(), op.path),
                selection: op.node.anchor(),
            })
        })
        .collect()
}
