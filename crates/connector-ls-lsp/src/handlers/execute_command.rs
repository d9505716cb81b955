//! `workspace/executeCommand`: check the workspace, show pasted validator output, preview a
//! connector.

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: ExecuteCommandParams,
) -> Result<Option<serde_json::Value>> {
    if params.command == SHOW_VALIDATOR_OUTPUT_COMMAND {
        return backend.show_validator_output(&params.arguments).await;
    }
    if params.command == PREVIEW_COMMAND {
        return preview::run(backend.state.clone(), &params.arguments).await;
    }
    if params.command != CHECK_WORKSPACE_COMMAND {
        return Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
            "unknown command '{}'",
            params.command
        )));
    }
    let mut roots: Vec<PathBuf> = params
        .arguments
        .iter()
        .filter_map(|a| a.as_str())
        .filter_map(|s| s.parse::<Uri>().ok())
        .filter_map(|u| convert::file_path(&u))
        .collect();
    if roots.is_empty() {
        roots = backend.state.roots.read().expect("roots lock").clone();
    }
    // Each root is searched on its own, and an entry that cannot be read (a folder without
    // permission, one nested beyond the path limit) is named in the answer: the rest of the
    // workspace is checked all the same.
    let (dirs, unreadable) = tokio::task::spawn_blocking(move || {
        let mut dirs = Vec::new();
        let mut unreadable = Vec::new();
        for root in &roots {
            match connector_ls_workspace::search::search_packages(std::slice::from_ref(root)) {
                Ok(found) => {
                    dirs.extend(found.packages);
                    unreadable.extend(found.unreadable);
                }
                Err(e) => unreadable.push(e),
            }
        }
        (dirs, unreadable)
    })
    .await
    .map_err(|_| tower_lsp_server::jsonrpc::Error::internal_error())?;
    for e in &unreadable {
        tracing::warn!(path = %e.path.display(), error = %e.message, "not searched");
    }
    if let Some(first) = unreadable.first() {
        let more = match unreadable.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        backend.client
            .show_message(
                MessageType::WARNING,
                format!(
                    "connector-ls: {} could not be searched: {}{more}; the rest of the workspace was checked.",
                    connector_ls_core::text::escape::escape(&first.path.display().to_string()),
                    connector_ls_core::text::escape::escape(&first.message)
                ),
            )
            .await;
    }
    let (mut errors, mut warnings, mut files) = (0usize, 0usize, 0usize);
    for (dir, _) in &dirs {
        submission::refresh(
            backend.state.clone(),
            backend.client.clone(),
            dir.clone(),
            false,
        );
        let Some(analysis) = diagnostics::analyze(backend.state.clone(), dir.clone()).await else {
            continue;
        };
        // Shown from now on: its files' diagnostics follow its changes, open or not.
        backend
            .state
            .shown
            .lock()
            .expect("shown lock")
            .insert(dir.clone());
        for doc in analysis.package.documents() {
            let Some(uri) = convert::uri_of(&doc.path) else {
                continue;
            };
            let diags = diagnostics::diagnostics_for(&backend.state, &analysis, &doc.path);
            errors += diags
                .iter()
                .filter(|d| d.severity == Some(DiagnosticSeverity::ERROR))
                .count();
            warnings += diags
                .iter()
                .filter(|d| d.severity == Some(DiagnosticSeverity::WARNING))
                .count();
            files += 1;
            // An open document of a pulling client has them by pull, not by this push.
            let version = analysis.versions.get(&doc.path).copied();
            diagnostics::push(
                &backend.state,
                &backend.client,
                uri,
                diags,
                version,
                Some((dir, analysis.generation)),
            )
            .await;
        }
    }
    Ok(Some(serde_json::json!({
        "packages": dirs.len(),
        "files": files,
        "errors": errors,
        "warnings": warnings,
        "unreadable": unreadable
            .iter()
            .map(|e| serde_json::json!({"path": e.path.display().to_string(), "message": e.message}))
            .collect::<Vec<_>>(),
    })))
}
