//! Document symbols (paths → operations → parameters, definitions, apiProperties sections),
//! folding ranges and workspace symbols for operations.

use tower_lsp_server::ls_types::{
    DocumentSymbol, FoldingRange, FoldingRangeKind, Location, SymbolInformation, SymbolKind,
};

use super::convert;
use connector_ls_core::json::{Kind, Node};
use connector_ls_core::package::swagger::Swagger;
use connector_ls_core::package::{Document, FileKind};
use connector_ls_core::text::Encoding;

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be set.
fn symbol(
    doc: &Document,
    node: Node,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    children: Vec<DocumentSymbol>,
    enc: Encoding,
) -> DocumentSymbol {
    DocumentSymbol {
        name: if name.is_empty() {
            "\"\"".to_string()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: convert::range(doc, node.member_range(), enc),
        selection_range: convert::range(doc, node.anchor(), enc),
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn document_symbols(doc: &Document, enc: Encoding) -> Vec<DocumentSymbol> {
    let Some(root) = doc.tree().root().filter(Node::is_object) else {
        return Vec::new();
    };
    match doc.kind {
        FileKind::Swagger => swagger_symbols(doc, root, enc),
        _ => root
            .members()
            .map(|(k, v)| generic_symbol(doc, k, v, enc, 0))
            .collect(),
    }
}

fn generic_symbol(
    doc: &Document,
    key: &str,
    node: Node,
    enc: Encoding,
    depth: usize,
) -> DocumentSymbol {
    let kind = match node.kind() {
        Kind::Object => SymbolKind::OBJECT,
        Kind::Array => SymbolKind::ARRAY,
        Kind::String => SymbolKind::STRING,
        Kind::Number => SymbolKind::NUMBER,
        Kind::Bool => SymbolKind::BOOLEAN,
        _ => SymbolKind::NULL,
    };
    let children = if depth < 3 {
        node.children()
            .enumerate()
            .map(|(i, c)| {
                let k = c.key().map_or_else(|| i.to_string(), str::to_string);
                generic_symbol(doc, &k, c, enc, depth + 1)
            })
            .collect()
    } else {
        Vec::new()
    };
    let detail = node.as_str().map(str::to_string);
    symbol(doc, node, key.to_string(), detail, kind, children, enc)
}

fn swagger_symbols(doc: &Document, root: Node, enc: Encoding) -> Vec<DocumentSymbol> {
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
                                connector_ls_core::package::swagger::METHODS
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
                                        symbol(
                                            doc,
                                            p,
                                            name,
                                            detail,
                                            SymbolKind::VARIABLE,
                                            Vec::new(),
                                            enc,
                                        )
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
                                symbol(doc, op, name, detail, SymbolKind::METHOD, params, enc)
                            })
                            .collect();
                        symbol(
                            doc,
                            item,
                            path.to_string(),
                            None,
                            SymbolKind::NAMESPACE,
                            ops,
                            enc,
                        )
                    })
                    .collect();
                out.push(symbol(
                    doc,
                    node,
                    key.to_string(),
                    None,
                    SymbolKind::MODULE,
                    paths,
                    enc,
                ));
            }
            "definitions" | "parameters" | "responses" | "securityDefinitions"
                if node.is_object() =>
            {
                let kind = if key == "definitions" {
                    SymbolKind::CLASS
                } else {
                    SymbolKind::PROPERTY
                };
                let items = node
                    .members()
                    .map(|(name, def)| {
                        let detail = def
                            .get_str("type")
                            .or_else(|| def.get_str("in"))
                            .map(str::to_string);
                        symbol(doc, def, name.to_string(), detail, kind, Vec::new(), enc)
                    })
                    .collect();
                out.push(symbol(
                    doc,
                    node,
                    key.to_string(),
                    None,
                    SymbolKind::MODULE,
                    items,
                    enc,
                ));
            }
            _ => out.push(generic_symbol(doc, key, node, enc, 2)),
        }
    }
    out
}

/// A folding range for every object and array that spans several lines.
pub fn folding_ranges(doc: &Document) -> Vec<FoldingRange> {
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
            out.push(FoldingRange {
                start_line: start,
                start_character: None,
                // Keep the closing bracket's line visible.
                end_line: end.saturating_sub(1).max(start),
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: None,
            });
        }
        stack.extend(n.children());
    }
    out.sort_by_key(|f| (f.start_line, f.end_line));
    out
}

/// Operations whose operationId, summary or path contains `query` (case-insensitive).
#[allow(deprecated)] // `SymbolInformation::deprecated` must still be set.
pub fn workspace_operations(doc: &Document, query: &str, enc: Encoding) -> Vec<SymbolInformation> {
    let q = query.to_lowercase();
    let Some(uri) = convert::uri_of(&doc.path) else {
        return Vec::new();
    };
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
            Some(SymbolInformation {
                name,
                kind: SymbolKind::METHOD,
                tags: None,
                deprecated: None,
                location: Location::new(uri.clone(), convert::range(doc, op.node.anchor(), enc)),
                container_name: Some(format!("{} {}", op.method.to_uppercase(), op.path)),
            })
        })
        .collect()
}
