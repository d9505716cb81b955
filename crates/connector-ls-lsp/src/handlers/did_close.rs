//! `textDocument/didClose`: the file on disk replaces the buffer.

use crate::*;

pub(crate) async fn handle(backend: &Backend, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    let Some((_, doc)) = backend.state.docs.remove(&uri) else {
        return;
    };
    backend.state.pulled.remove(&uri);
    diagnostics::clear(&backend.state, &backend.client, uri).await;
    // The file on disk (not the closed buffer) is now what the package holds.
    backend.changed(doc.path);
}
