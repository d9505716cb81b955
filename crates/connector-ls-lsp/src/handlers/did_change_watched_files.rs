//! `workspace/didChangeWatchedFiles`: files changed on disk.

use crate::*;

pub(crate) async fn handle(backend: &Backend, params: DidChangeWatchedFilesParams) {
    let mut dirs = std::collections::BTreeSet::new();
    let configs_changed = params.changes.iter().any(|c| {
        convert::file_path(&c.uri)
            .is_some_and(|p| connector_ls_workspace::config::is_config_file(&p))
    });
    for change in params.changes {
        let path = convert::file_path(&change.uri);
        // A file changed on disk (not through an open buffer): pasted validator output no
        // longer knows where its lines are.
        if !backend.state.docs.contains_key(&change.uri) {
            if let Some(p) = &path {
                backend.state.validator.forget(p);
            }
        }
        if let Some(p) = &path {
            submission::changed(backend.state.clone(), backend.client.clone(), p);
        }
        dirs.extend(path.as_deref().and_then(diagnostics::package_dir));
        backend.changed(path);
    }
    for dir in dirs {
        breaking::refresh(backend.state.clone(), backend.client.clone(), dir, true);
    }
    if configs_changed {
        backend.config_changed().await;
    }
    backend.refresh_pulled().await;
}
