//! `textDocument/foldingRange`.

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    let Some((snap, path)) = backend.snapshot(&params.text_document.uri)? else {
        return Ok(None);
    };
    guard("foldingRange", || {
        let doc = snap.package.documents().find(|d| d.path == path)?;
        Some(symbols::folding_ranges(doc))
    })
}
