//! Submission packages in the language server: the `.zip` files of a connector folder are
//! checked ([`zip::check_zip`]) when a document of the folder is opened and when a zip, or the
//! swagger or `script.csx` it is compared with, changes on disk (a watched file), and their
//! findings are published on the zip file.
//!
//! A zip is binary, so every diagnostic sits at its start; the message begins with the entry
//! it is about (`PkgAssets/x.zip!solution.xml: ...`). A zip is checked again only when its size
//! or modification time changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range};
use tower_lsp_server::Client;

use super::convert;
use super::state::State;
use connector_ls_core::package::FileKind;
use connector_ls_core::rules::Severity;
use connector_ls_workspace::zip;

/// The zip files directly in `dir`.
fn zips_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| zip::is_zip(p))
        .collect();
    out.sort();
    out
}

type Stamp = (SystemTime, u64);

/// The stamp of each zip as last published.
fn published() -> &'static Mutex<HashMap<PathBuf, Stamp>> {
    static PUBLISHED: std::sync::OnceLock<Mutex<HashMap<PathBuf, Stamp>>> =
        std::sync::OnceLock::new();
    PUBLISHED.get_or_init(Mutex::default)
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The diagnostics of the zip file `path`.
fn diagnostics(state: &State, path: &Path) -> Vec<Diagnostic> {
    let config = state.settings().rules;
    let opts = zip::ZipOptions::default();
    // The folder's swagger and script as the editor has them, when they are open: the copies
    // to compare with.
    let dir = path.parent().unwrap_or(Path::new("."));
    let open = |kind: FileKind| {
        state.docs.iter_mut().find_map(|mut d| {
            let file = d.path.clone()?;
            let is_kind = file.parent() == Some(dir)
                && file
                    .file_name()
                    .and_then(|n| FileKind::from_file_name(&n.to_string_lossy()))
                    == Some(kind);
            is_kind.then(|| (file, d.text()))
        })
    };
    let swagger = open(FileKind::Swagger);
    let script = open(FileKind::Script);
    let beside = zip::Beside {
        swagger: swagger.as_ref().map(|(p, t)| (p.as_path(), &**t)),
        script: script.as_ref().map(|(_, t)| &**t),
    };
    let Ok(checked) = zip::check_zip_beside(path, &opts, &config, beside) else {
        return Vec::new();
    };
    let start = Range::new(Position::new(0, 0), Position::new(0, 0));
    checked
        .findings
        .iter()
        .map(|loc| Diagnostic {
            range: start,
            severity: Some(severity(loc.finding.severity)),
            code: Some(NumberOrString::String(loc.finding.code.to_string())),
            source: Some("connector-ls".to_string()),
            message: zip::annotation_message(loc),
            ..Diagnostic::default()
        })
        .collect()
}

/// Checks the zips of package folder `dir` (those whose stamp changed, or all with `force`)
/// and publishes their diagnostics.
pub fn refresh(state: Arc<State>, client: Client, dir: PathBuf, force: bool) {
    tokio::spawn(async move {
        let work = tokio::task::spawn_blocking(move || {
            let mut out = Vec::new();
            for zip in zips_in(&dir) {
                let Some(now) = stamp(&zip) else { continue };
                let seen = published().lock().ok().and_then(|p| p.get(&zip).copied());
                if !force && seen == Some(now) {
                    continue;
                }
                let diags = diagnostics(&state, &zip);
                if let Ok(mut p) = published().lock() {
                    p.insert(zip.clone(), now);
                }
                out.push((zip, diags));
            }
            out
        });
        let Ok(results) = work.await else { return };
        for (zip, diags) in results {
            if let Some(uri) = convert::uri_of(&zip) {
                client.publish_diagnostics(uri, diags, None).await;
            }
        }
    });
}

/// A zip that changed on disk: checked again, or its diagnostics cleared when it is gone. A
/// swagger or `script.csx` that changed on disk: the zips beside it, which are compared with
/// them, are checked again.
pub fn changed(state: Arc<State>, client: Client, path: &Path) {
    if !zip::is_zip(path) {
        let kind = path
            .file_name()
            .and_then(|n| FileKind::from_file_name(&n.to_string_lossy()));
        if matches!(kind, Some(FileKind::Swagger | FileKind::Script)) {
            if let Some(dir) = path.parent() {
                refresh(state, client, dir.to_path_buf(), true);
            }
        }
        return;
    }
    if path.is_file() {
        if let Some(dir) = path.parent() {
            refresh(state, client, dir.to_path_buf(), true);
        }
        return;
    }
    if let Ok(mut p) = published().lock() {
        p.remove(path);
    }
    if let Some(uri) = convert::uri_of(path) {
        tokio::spawn(async move { client.publish_diagnostics(uri, Vec::new(), None).await });
    }
}
