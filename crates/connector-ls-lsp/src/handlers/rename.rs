//! `textDocument/rename`: every occurrence of a `$ref` target or operationId.

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: RenameParams,
) -> Result<Option<WorkspaceEdit>> {
    let new_name = params.new_name.clone();
    let outcome = backend.at("rename", &params.text_document_position, |at, enc| {
        Some(navigation::rename(at, &new_name, enc))
    })?;
    match outcome {
        Some(Ok(edit)) => Ok(edit),
        Some(Err(why)) => Err(tower_lsp_server::jsonrpc::Error::invalid_params(why)),
        None => Ok(None),
    }
}
