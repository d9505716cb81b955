//! Document symbols, folding ranges and workspace symbols: the engine's outline
//! ([`connector_ls_core::ide::symbols`]) as LSP types.

use tower_lsp_server::ls_types::{
    DocumentSymbol, FoldingRange, FoldingRangeKind, Location, SymbolInformation, SymbolKind,
};

use super::convert;
use connector_ls_core::ide::symbols::{self, Symbol};
use connector_ls_core::package::Document;
use connector_ls_core::text::Encoding;

fn kind(k: symbols::SymbolKind) -> SymbolKind {
    use symbols::SymbolKind as K;
    match k {
        K::Section => SymbolKind::MODULE,
        K::Path => SymbolKind::NAMESPACE,
        K::Operation => SymbolKind::METHOD,
        K::Parameter => SymbolKind::VARIABLE,
        K::Definition => SymbolKind::CLASS,
        K::Component => SymbolKind::PROPERTY,
        K::Object => SymbolKind::OBJECT,
        K::Array => SymbolKind::ARRAY,
        K::String => SymbolKind::STRING,
        K::Number => SymbolKind::NUMBER,
        K::Bool => SymbolKind::BOOLEAN,
        K::Null => SymbolKind::NULL,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be set.
fn document_symbol(doc: &Document, s: Symbol, enc: Encoding) -> DocumentSymbol {
    let children: Vec<DocumentSymbol> = s
        .children
        .into_iter()
        .map(|c| document_symbol(doc, c, enc))
        .collect();
    DocumentSymbol {
        name: s.name,
        detail: s.detail,
        kind: kind(s.kind),
        tags: None,
        deprecated: None,
        range: convert::range(doc, s.range, enc),
        selection_range: convert::range(doc, s.selection, enc),
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn document_symbols(doc: &Document, enc: Encoding) -> Vec<DocumentSymbol> {
    symbols::document_symbols(doc)
        .into_iter()
        .map(|s| document_symbol(doc, s, enc))
        .collect()
}

pub fn folding_ranges(doc: &Document) -> Vec<FoldingRange> {
    symbols::folding_ranges(doc)
        .into_iter()
        .map(|f| FoldingRange {
            start_line: f.start_line,
            start_character: None,
            end_line: f.end_line,
            end_character: None,
            kind: Some(FoldingRangeKind::Region),
            collapsed_text: None,
        })
        .collect()
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must still be set.
pub fn workspace_operations(doc: &Document, query: &str, enc: Encoding) -> Vec<SymbolInformation> {
    let Some(uri) = convert::uri_of(&doc.path) else {
        return Vec::new();
    };
    symbols::workspace_operations(doc, query)
        .into_iter()
        .map(|op| SymbolInformation {
            name: op.name,
            kind: SymbolKind::METHOD,
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), convert::range(doc, op.selection, enc)),
            container_name: Some(op.container),
        })
        .collect()
}
