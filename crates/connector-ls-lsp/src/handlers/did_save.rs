//! `textDocument/didSave`: the git base may have moved; configuration files are re-read without watchers.

use crate::*;

pub(crate) async fn handle(backend: &Backend, params: DidSaveTextDocumentParams) {
    let path = Backend::path_of(&params.text_document.uri);
    if path
        .as_deref()
        .is_some_and(connector_ls_workspace::config::is_config_file)
        || !backend.watches_files()
    {
        backend.config_changed().await;
    }
    backend.refresh_base(path.as_deref(), true);
}
