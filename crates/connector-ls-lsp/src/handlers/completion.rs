//! `textDocument/completion`: the core's candidates (`ide::completion`).

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let pos = &params.text_document_position;
    backend.at("completion", pos, |at, enc| {
        let doc = at.package.document(at.file)?;
        let items = completion::complete(at.package, doc, at.offset, enc);
        Some(CompletionResponse::List(CompletionList {
            is_incomplete: false,
            items,
        }))
    })
}
