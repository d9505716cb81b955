//! `textDocument/prepareRename`: whether the name under the cursor can be renamed.

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    backend.at("prepareRename", &params, navigation::prepare_rename)
}
