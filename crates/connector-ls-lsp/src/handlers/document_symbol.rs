//! `textDocument/documentSymbol`: the outline.

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let Some((snap, path)) = backend.snapshot(&params.text_document.uri)? else {
        return Ok(None);
    };
    let enc = backend.state.encoding();
    guard("documentSymbol", || {
        let doc = snap.package.documents().find(|d| d.path == path)?;
        Some(DocumentSymbolResponse::Nested(symbols::document_symbols(
            doc, enc,
        )))
    })
}
