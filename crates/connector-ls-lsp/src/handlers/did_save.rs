//! `textDocument/didSave`: the git base may have moved; without file watchers, the package's
//! files (companion files, zips, configuration files) are read from disk again.

use crate::*;

pub(crate) async fn handle(backend: &Backend, params: DidSaveTextDocumentParams) {
    let path = convert::file_path(&params.text_document.uri);
    let watched = backend.watches_files();
    if path
        .as_deref()
        .is_some_and(connector_ls_workspace::config::is_config_file)
        || !watched
    {
        backend.config_changed().await;
    }
    if !watched {
        // A client without watchers says nothing when apiProperties.json, the readme, the
        // icon, script.csx, settings.json or a zip changes on disk: a save of any file of the
        // package is when the package is read again (a new generation reads the disk).
        if let Some(dir) = path.as_deref().and_then(diagnostics::package_dir) {
            submission::refresh(
                backend.state.clone(),
                backend.client.clone(),
                dir.clone(),
                false,
            );
            backend.changed_dir(dir);
            backend.refresh_pulled().await;
        }
    }
    backend.refresh_base(path.as_deref(), true);
}
