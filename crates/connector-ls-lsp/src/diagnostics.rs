//! Computing and publishing diagnostics: debounced, off the request path, never stale.
//!
//! One channel per document. A client that supports `textDocument/diagnostic` pulls the
//! diagnostics of the documents it has open, and those are never pushed to it; the files it does
//! not have open (the other files of a package one of whose files is open, the packages the
//! workspace check showed) are pushed, since a client pulls only open documents. A document
//! opened after a push loses the pushed copy (an empty push) before its pull; a closed one is
//! pushed again as a file on disk while its package is shown. A client without pull gets
//! everything by push.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;

use tower_lsp_server::ls_types::{Diagnostic, Uri};
use tower_lsp_server::Client;

use super::state::{Analysis, State};
use super::{convert, replies};
use connector_ls_core::package::FileKind;

/// The folder (package) a document belongs to.
pub fn package_dir(path: &Path) -> Option<PathBuf> {
    path.parent().map(Path::to_path_buf)
}

/// Diagnostics of one document from an analysis.
///
/// Findings without a document to point into are shown once, at the start of the package's
/// first document (the swagger when there is one), instead of nowhere: those of a package JSON
/// file that could not be read (over `maxFileSizeMb`, not UTF-8, ...), and those of the other
/// package files (`readme.md`, `intro.md`, `icon.png`, `script.csx`) and of the package as a
/// whole, named by their file.
///
/// With the setting `jsonValidatedByClient`, an open document does not get the findings the
/// client's own JSON validation shows ([`connector_ls_core::rules::SHOWN_BY_JSON_VALIDATION`]);
/// a file that is not open is not validated by the client, so it gets them.
pub fn diagnostics_for(state: &State, analysis: &Analysis, path: &Path) -> Vec<Diagnostic> {
    let enc = state.encoding();
    let settings = state.settings();
    let mut links = convert::DocsLinks::new(&settings.rules.docs_base_url);
    let pkg = &analysis.package;
    let client_validates = settings.json_validated_by_client
        && state.docs.iter().any(|d| d.path.as_deref() == Some(path));
    let mut out: Vec<Diagnostic> = analysis
        .findings_for(path)
        .filter(|(_, f)| {
            !(client_validates && connector_ls_core::rules::shown_by_json_validation(f.code))
        })
        .map(|(doc, f)| convert::diagnostic(pkg, doc, f, enc, &mut links))
        .collect();
    if let Some(first) = pkg.documents().next().filter(|d| d.path == path) {
        for f in analysis
            .findings
            .iter()
            .filter(|f| pkg.document(f.file).is_none())
        {
            // An unread JSON file's finding already names the file, with an empty range at
            // offset 0, which is a valid place in any document.
            if matches!(
                f.file,
                FileKind::Swagger | FileKind::ApiProperties | FileKind::Settings
            ) {
                out.push(convert::diagnostic(pkg, first, f, enc, &mut links));
                continue;
            }
            let shown = connector_ls_core::rules::Finding {
                message: match f.file {
                    FileKind::Package => f.message.clone(),
                    other => format!("{}: {}", other.file_name(), f.message),
                },
                range: connector_ls_core::text::TextRange::default(),
                fix: None,
                related: Vec::new(),
                ..f.clone()
            };
            out.push(convert::diagnostic(pkg, first, &shown, enc, &mut links));
        }
    }
    out.extend(state.validator.for_path(path));
    out
}

/// Runs the check of `dir` on a blocking thread; `None` if it panicked.
pub async fn analyze(state: Arc<State>, dir: PathBuf) -> Option<Arc<Analysis>> {
    let d = dir.clone();
    let st = state.clone();
    match tokio::task::spawn_blocking(move || st.analyze(&d)).await {
        Ok(a) => Some(a),
        Err(e) => {
            tracing::error!(dir = %dir.display(), error = %e, "check failed");
            None
        }
    }
}

/// The latest analysis of `dir` if it is current, else the check of the current generation:
/// started here, or joined if the scheduled check (or another request) already started it.
pub async fn current_analysis(state: Arc<State>, dir: PathBuf) -> Option<Arc<Analysis>> {
    let generation = state.generation(&dir);
    if let Some(a) = state.analyses.get(&dir) {
        if a.generation == generation {
            return Some(a.clone());
        }
    }
    let cell = state.inflight(&dir, generation);
    cell.get_or_init(|| analyze(state.clone(), dir.clone()))
        .await
        .clone()
}

/// Whether the client pulls the diagnostics of its open documents.
pub fn pulls(state: &State) -> bool {
    state.pull_diagnostics.load(Ordering::SeqCst)
}

/// Pushes `diags` for `uri`, unless the document is open in a client that pulls (it gets them by
/// pull alone), or `fresh` names a package (folder, generation) that changed since they were
/// computed (the check of the change publishes). Returns whether they were sent.
pub async fn push(
    state: &State,
    client: &Client,
    uri: Uri,
    diags: Vec<Diagnostic>,
    version: Option<i32>,
    fresh: Option<(&Path, u64)>,
) -> bool {
    let mut pushed = state.pushed.lock().await;
    if pulls(state) && is_open(state, &uri) {
        return false;
    }
    if fresh.is_some_and(|(dir, generation)| state.generation(dir) != generation) {
        return false;
    }
    if diags.is_empty() {
        pushed.remove(&uri);
        client.publish_diagnostics(uri, diags, version).await;
        return true;
    }
    // Written straight from their types (those pushed last time copied from that push), and
    // put into the message on the way out ([`replies`]); an empty list (a clear) goes as it is.
    let written = replies::Written::new(
        &diags,
        pushed.get(&uri).map(|(last, written)| (&last[..], written)),
    );
    let items = state.reports.keep_written("push", written.json.clone());
    pushed.insert(uri.clone(), (diags, written));
    let params = replies::PlaceholderPush {
        uri,
        version,
        diagnostics: Vec::new(),
        items,
    };
    client
        .send_notification::<replies::PushDiagnostics>(params)
        .await;
    true
}

/// Whether the document at `uri` is open (by its URI, or by its path: the client may spell the
/// URI of a file otherwise than [`convert::uri_of`]).
fn is_open(state: &State, uri: &Uri) -> bool {
    state.docs.contains_key(uri)
        || convert::file_path(uri).is_some_and(|p| {
            state
                .docs
                .iter()
                .any(|d| d.path.as_deref() == Some(p.as_path()))
        })
}

/// A pulling client opened `uri`: a copy pushed while it was closed is withdrawn, so that only
/// the pulled diagnostics show.
pub async fn opened(state: &State, client: &Client, uri: &Uri) {
    if !pulls(state) {
        return;
    }
    let path = convert::file_path(uri);
    let mut pushed = state.pushed.lock().await;
    let withdrawn: Vec<Uri> = pushed
        .keys()
        .filter(|u| *u == uri || path.is_some() && convert::file_path(u) == path)
        .cloned()
        .collect();
    for u in withdrawn {
        pushed.remove(&u);
        client.publish_diagnostics(u, Vec::new(), None).await;
    }
}

/// The pushed documents in folder `dir`.
async fn pushed_in(state: &State, dir: &Path) -> Vec<Uri> {
    state
        .pushed
        .lock()
        .await
        .keys()
        .filter(|u| convert::file_path(u).is_some_and(|p| p.parent() == Some(dir)))
        .cloned()
        .collect()
}

/// After a change to package `dir` (generation `generation`): wait out the debounce, check, and
/// publish — unless a newer change arrived meanwhile. While the package is shown (one of its
/// documents is open, or the workspace check showed it), its open documents get their
/// diagnostics (by push with their version, or by the client's pull) and its other files are
/// pushed; when it is no longer shown, what was pushed for its files is withdrawn.
pub async fn schedule(state: Arc<State>, client: Client, dir: PathBuf, generation: u64) {
    let debounce = state.settings().debounce;
    if !debounce.is_zero() {
        tokio::time::sleep(debounce).await;
    }
    if state.generation(&dir) != generation {
        return;
    }
    let open = state.open_in(&dir);
    let shown = !open.is_empty() || state.shown.lock().expect("shown lock").contains(&dir);
    let earlier = pushed_in(&state, &dir).await;
    if !shown && earlier.is_empty() {
        return;
    }
    let Some(analysis) = current_analysis(state.clone(), dir.clone()).await else {
        return;
    };
    if state.generation(&dir) != generation {
        return;
    }
    let fresh = Some((dir.as_path(), generation));
    let mut sent: std::collections::HashSet<Uri> = std::collections::HashSet::new();
    if shown {
        let open_paths: std::collections::HashSet<&Path> =
            open.iter().map(|(_, p)| p.as_path()).collect();
        for (uri, path) in &open {
            // A configuration file's diagnostics are its problems (`config_file`), not the
            // package's.
            if connector_ls_workspace::config::is_config_file(path) {
                continue;
            }
            sent.insert(uri.clone());
            if pulls(&state) {
                continue;
            }
            let Some(&version) = analysis.versions.get(path) else {
                continue;
            };
            // Checked again just before sending: a version that is no longer current is not shown.
            let current = state.docs.get(uri).map(|d| d.version);
            if current != Some(version) {
                continue;
            }
            let diags = diagnostics_for(&state, &analysis, path);
            push(&state, &client, uri.clone(), diags, Some(version), fresh).await;
        }
        for doc in analysis.package.documents() {
            if open_paths.contains(doc.path.as_path()) {
                continue;
            }
            let Some(uri) = convert::uri_of(&doc.path) else {
                continue;
            };
            let diags = diagnostics_for(&state, &analysis, &doc.path);
            sent.insert(uri.clone());
            push(&state, &client, uri, diags, None, fresh).await;
        }
    }
    // Files no longer in the package (deleted, renamed), or the package no longer shown.
    for uri in earlier {
        if !sent.contains(&uri) {
            push(&state, &client, uri, Vec::new(), None, fresh).await;
        }
    }
}

/// Clears what was published for a closed document.
pub async fn clear(state: &State, client: &Client, uri: Uri) {
    push(state, client, uri, Vec::new(), None, None).await;
}
