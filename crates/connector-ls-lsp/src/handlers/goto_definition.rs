//! `textDocument/definition`: where a `$ref` target or operationId is defined.

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let pos = &params.text_document_position_params;
    backend.at("definition", pos, |at, enc| {
        navigation::definition(at, enc).map(GotoDefinitionResponse::Scalar)
    })
}
