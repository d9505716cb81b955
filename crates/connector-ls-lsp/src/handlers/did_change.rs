//! `textDocument/didChange`: the edit is applied before any `.await`, then the package is checked again (debounced).

use crate::*;

pub(crate) async fn handle(backend: &Backend, params: DidChangeTextDocumentParams) {
    let enc = backend.state.encoding();
    let uri = params.text_document.uri;
    let path = {
        let Some(mut doc) = backend.state.docs.get_mut(&uri) else {
            tracing::warn!("didChange for a document that is not open; ignored");
            return;
        };
        if params.text_document.version <= doc.version {
            tracing::warn!(
                old = doc.version,
                "document version did not increase; applying anyway"
            );
        }
        let version = params.text_document.version;
        let changes = params.content_changes;
        // Pasted validator output stays until its line is edited.
        if let Some(path) = &doc.path {
            backend.state.validator.edited(path, &changes);
        }
        if guard("didChange", || doc.apply(version, changes, enc)).is_err() {
            return;
        }
        doc.path.clone()
    };
    backend.changed(path);
}
