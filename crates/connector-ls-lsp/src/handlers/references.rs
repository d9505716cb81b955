//! `textDocument/references`: the uses of a `$ref` target or operationId.

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    let include = params.context.include_declaration;
    backend.at("references", &params.text_document_position, |at, enc| {
        Some(navigation::references(at, include, enc))
    })
}
