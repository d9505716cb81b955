//! Computing and publishing diagnostics: debounced, off the request path, never stale.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::{Diagnostic, Uri};
use tower_lsp_server::Client;

use super::convert;
use super::state::{Analysis, State};
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
pub fn diagnostics_for(state: &State, analysis: &Analysis, path: &Path) -> Vec<Diagnostic> {
    let enc = state.encoding();
    let base = state.settings().rules.docs_base_url;
    let mut links = convert::DocsLinks::new(&base);
    let pkg = &analysis.package;
    let mut out: Vec<Diagnostic> = analysis
        .findings_for(path)
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
        Ok(a) => {
            let a = Arc::new(a);
            // A slower check of an older generation must not replace a newer one.
            let mut slot = state.analyses.entry(dir).or_insert_with(|| a.clone());
            if slot.generation <= a.generation {
                *slot = a.clone();
            }
            Some(a)
        }
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

/// After a change to package `dir` (generation `generation`): wait out the debounce, check, and
/// publish for every open document of the package — unless a newer change arrived meanwhile.
pub async fn schedule(state: Arc<State>, client: Client, dir: PathBuf, generation: u64) {
    let debounce = state.settings().debounce;
    if !debounce.is_zero() {
        tokio::time::sleep(debounce).await;
    }
    if state.generation(&dir) != generation {
        return;
    }
    let Some(analysis) = current_analysis(state.clone(), dir.clone()).await else {
        return;
    };
    if state.generation(&dir) != generation
        || state
            .pull_diagnostics
            .load(std::sync::atomic::Ordering::Relaxed)
    {
        return;
    }
    for (uri, path) in state.open_in(&dir) {
        // A configuration file's diagnostics are its problems (`config_file`), not the package's.
        if connector_ls_workspace::config::is_config_file(&path) {
            continue;
        }
        let Some(&version) = analysis.versions.get(&path) else {
            continue;
        };
        // Checked again just before sending: a version that is no longer current is not shown.
        let current = state.docs.get(&uri).map(|d| d.version);
        if current != Some(version) {
            continue;
        }
        let diags = diagnostics_for(&state, &analysis, &path);
        client.publish_diagnostics(uri, diags, Some(version)).await;
    }
}

/// Clears what was published for a closed document.
pub async fn clear(client: &Client, uri: Uri) {
    client.publish_diagnostics(uri, Vec::new(), None).await;
}
