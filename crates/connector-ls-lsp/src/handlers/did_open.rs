//! `textDocument/didOpen`: a document joins its package, which is checked.

use crate::*;

pub(crate) async fn handle(backend: &Backend, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let path = convert::file_path(&doc.uri);
    // Large or small, the text usually comes from the input filter, not from the params.
    let text = backend
        .texts
        .take(&doc.uri, doc.version)
        .unwrap_or(doc.text);
    let uri = doc.uri.clone();
    backend.state.docs.insert(
        doc.uri,
        OpenDocument::opened(path.clone(), doc.version, text.into()),
    );
    let Some(dir) = path.as_deref().and_then(diagnostics::package_dir) else {
        return;
    };
    // The folder's submission zips, once per version of each.
    submission::refresh(
        backend.state.clone(),
        backend.client.clone(),
        dir.clone(),
        false,
    );
    let generation = backend.state.touch(&dir);
    let (state, client) = (backend.state.clone(), backend.client.clone());
    tokio::spawn(async move {
        diagnostics::opened(&state, &client, &uri).await;
        diagnostics::schedule(state.clone(), client.clone(), dir.clone(), generation).await;
        config_file::after_open(state.clone(), client.clone());
        // The git base is read once the first check is done: reading it loads the package
        // and starts git, which competed with that check for the cores and, when it got
        // there first, loaded the package a second time.
        breaking::refresh(state, client, dir, false);
    });
    // After the package is marked changed (no await before that: a pull that arrives now
    // must see the new generation). Opened, a configuration file shows its problems as
    // diagnostics; without watchers, an open is when a changed file is noticed (the package,
    // companion files included, is read from disk again for the new generation).
    if path
        .as_deref()
        .is_some_and(connector_ls_workspace::config::is_config_file)
        || !backend.watches_files()
    {
        backend.config_changed().await;
    }
}
