//! `connector-ls.toml` in the editor: re-read when it changes, its problems shown.
//!
//! The files are read by [`State::settings_for`] as packages are checked and kept until one
//! changes: a watched-file event (the server registers watchers for both names), or, for a
//! client without file watchers, the open or save of any document. Then every open package is
//! checked again under the new file. A broken file is left out of the settings and its problems
//! are shown: as diagnostics of the file when it is open in the editor, else once as a message.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use tower_lsp_server::ls_types::*;
use tower_lsp_server::Client;

use super::state::State;
use super::Backend;
use connector_ls_workspace::config::ConfigError;

/// Diagnostics of a configuration file's problems.
fn diagnostics(errors: &[ConfigError]) -> Vec<Diagnostic> {
    errors
        .iter()
        .map(|e| {
            let start = Position::new(e.line.saturating_sub(1), e.column.saturating_sub(1));
            let end = Position::new(start.line, start.character + 1);
            Diagnostic {
                range: Range::new(start, end),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("connector-ls".to_string()),
                message: e.message.clone(),
                ..Diagnostic::default()
            }
        })
        .collect()
}

/// The diagnostics of the configuration file at `path` as last read (for a client that pulls
/// them: an open configuration file of such a client gets its problems by pull alone).
pub fn pulled(state: &State, path: &std::path::Path) -> Vec<Diagnostic> {
    let problems = state.configs.lock().expect("configs lock").problems();
    problems.get(path).map_or_else(Vec::new, |e| diagnostics(e))
}

/// The URI of the open document at `path`, if one is.
fn open_uri(state: &State, path: &std::path::Path) -> Option<Uri> {
    state
        .docs
        .iter()
        .find(|d| d.path.as_deref() == Some(path))
        .map(|d| d.key().clone())
}

/// Reports the problems of the configuration files read so far that were not reported yet (or
/// are now fixed): diagnostics on an open file, else a message.
pub async fn report(state: &State, client: &Client) {
    let current = state.configs.lock().expect("configs lock").problems();
    let mut sends: Vec<(PathBuf, Option<Uri>, Vec<ConfigError>)> = Vec::new();
    {
        let mut reported = state.config_reported.lock().expect("reported lock");
        for (path, errors) in &current {
            let uri = open_uri(state, path);
            let as_diagnostics = uri.is_some();
            if reported.get(path) == Some(&(errors.clone(), as_diagnostics)) {
                continue;
            }
            reported.insert(path.clone(), (errors.clone(), as_diagnostics));
            sends.push((path.clone(), uri, errors.clone()));
        }
        let fixed: Vec<PathBuf> = reported
            .keys()
            .filter(|p| !current.contains_key(*p))
            .cloned()
            .collect();
        for path in fixed {
            reported.remove(&path);
            let uri = open_uri(state, &path);
            sends.push((path, uri, Vec::new()));
        }
    }
    let pulls = super::diagnostics::pulls(state);
    let mut pull_again = false;
    for (path, uri, errors) in sends {
        for e in &errors {
            tracing::warn!("configuration: {e}");
        }
        match uri {
            // Open in a client that pulls: it pulls them ([`pulled`]), and is asked to.
            Some(_) if pulls => pull_again = true,
            Some(uri) => {
                client
                    .publish_diagnostics(uri, diagnostics(&errors), None)
                    .await
            }
            None if errors.is_empty() => {}
            None => {
                let more = match errors.len() {
                    1 => String::new(),
                    n => format!(" (and {} more)", n - 1),
                };
                let message = format!(
                    "connector-ls: {} is not used until it is fixed: {}{more}",
                    path.display(),
                    errors[0]
                );
                client.show_message(MessageType::ERROR, message).await;
            }
        }
    }
    if pull_again && state.diagnostic_refresh.load(Ordering::SeqCst) {
        if let Err(e) = client.workspace_diagnostic_refresh().await {
            tracing::debug!(%e, "workspace/diagnostic/refresh failed");
        }
    }
}

/// Folders whose configuration files the state may have read.
fn open_dirs(state: &State) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = state
        .docs
        .iter()
        .filter_map(|d| d.path.as_deref().and_then(super::diagnostics::package_dir))
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

impl Backend {
    /// A configuration file changed, appeared or went away (or may have, for a client without
    /// file watchers): read them again and report their problems; if what applies to an open
    /// package changed, read the git bases again (the file may name another `base`) and check
    /// every open package again.
    pub(super) async fn config_changed(&self) {
        let state = self.state.clone();
        let read = tokio::task::spawn_blocking(move || {
            let dirs = open_dirs(&state);
            let of_all = |state: &State| -> Vec<_> {
                dirs.iter()
                    .map(|d| state.configs.lock().expect("configs lock").of(d))
                    .collect()
            };
            let before = of_all(&state);
            state.configs.lock().expect("configs lock").clear();
            before != of_all(&state)
        })
        .await;
        let changed = read.unwrap_or_else(|e| {
            tracing::error!(%e, "reading the configuration files failed");
            true
        });
        report(&self.state, &self.client).await;
        if !changed {
            return;
        }
        tracing::info!("configuration changed; checking the open packages again");
        for dir in open_dirs(&self.state) {
            super::breaking::refresh(self.state.clone(), self.client.clone(), dir, true);
        }
        self.recheck_all();
        self.refresh_pulled().await;
    }

    /// Without file watchers, configuration files are read again on every open and save.
    pub(super) fn watches_files(&self) -> bool {
        self.state.watched_files.load(Ordering::SeqCst)
    }
}

/// After the first check of a newly opened document: its package's configuration file was read,
/// so report its problems.
pub fn after_open(state: Arc<State>, client: Client) {
    tokio::spawn(async move { report(&state, &client).await });
}
