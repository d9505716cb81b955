//! Breaking changes in the editor: the package compared with its version in git.
//!
//! The base version (the swagger and apiProperties at the configured `baseRef`, by default the
//! merge-base of HEAD with the default branch) is read with git by [`refresh`] on a blocking
//! thread, off every request path, and kept per package folder, keyed by (swagger file, base).
//! It is read when a package is first opened and again on save, on watched-file changes and on
//! settings changes, never per keystroke. Each analysis then compares the current buffers with
//! the cached base ([`BaseCache::findings`]), which runs no git at all. When git is missing,
//! times out, or the swagger is new since the base, there is simply no base and no finding.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use dashmap::DashMap;
use tower_lsp_server::Client;

use super::config::Settings;
use super::diagnostics;
use super::state::State;
use connector_ls_core::diff;
use connector_ls_core::package::Package;
use connector_ls_core::rules::{Finding, Related};

/// What a cached base belongs to: the package's swagger file and the configured base ref.
#[derive(Clone, Debug, PartialEq, Eq)]
struct BaseKey {
    swagger: PathBuf,
    base_ref: Option<String>,
}

/// The base version of one package.
struct Base {
    package: Package,
    /// How messages name the base: the configured ref, or the merge-base commit.
    label: String,
}

struct Entry {
    key: BaseKey,
    /// The read that owns the entry; an older read finishing late does not overwrite it.
    seq: u64,
    /// `None` while the first read runs, or when there is no base to compare with.
    base: Option<Arc<Base>>,
}

/// The base version of each package folder.
#[derive(Default)]
pub struct BaseCache {
    entries: DashMap<PathBuf, Entry>,
    seq: AtomicU64,
    /// Refusals of the configured base ref already shown to the user (once each until the
    /// settings change).
    shown: std::sync::Mutex<std::collections::HashSet<String>>,
}

fn key_of(package: &Package, settings: &Settings) -> Option<BaseKey> {
    if !settings.breaking_changes {
        return None;
    }
    Some(BaseKey {
        swagger: package.swagger.as_ref()?.path.clone(),
        base_ref: settings.base_ref.clone(),
    })
}

impl BaseCache {
    /// The breaking changes of `package` since its cached base, configured by `settings`. Runs
    /// no git: without a cached base (not read yet, none, or disabled) there are none.
    pub fn findings(&self, package: &Package, settings: &Settings) -> Vec<Finding> {
        let Some(key) = key_of(package, settings) else {
            return Vec::new();
        };
        let base = match self.entries.get(&package.dir) {
            Some(e) if e.key == key => e.base.clone(),
            _ => None,
        };
        let Some(base) = base else {
            return Vec::new();
        };
        let mut findings = diff::compare_configured(&base.package, package, &settings.rules);
        for f in &mut findings {
            place_related(f, &base);
        }
        findings
    }

    /// Starts a read for `dir` under `key`: `None` when one is cached or under way for the same
    /// key and `force` is not set. A forced read keeps the previous base until it finishes, so
    /// diagnostics do not flicker.
    fn begin(&self, dir: &Path, key: BaseKey, force: bool) -> Option<u64> {
        let seq = self.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let mut entry = self.entries.entry(dir.to_path_buf()).or_insert(Entry {
            key: key.clone(),
            seq: 0,
            base: None,
        });
        if entry.key == key && entry.seq != 0 && !force {
            return None;
        }
        if entry.key != key {
            entry.base = None;
        }
        entry.key = key;
        entry.seq = seq;
        Some(seq)
    }

    /// Stores the result of read `seq`. True when the findings may change: a base was read, or
    /// one is dropped; false when a newer read owns the entry, or there was no base before and
    /// there is none now (outside a repository: nothing to re-check).
    fn finish(&self, dir: &Path, seq: u64, base: Option<Base>) -> bool {
        match self.entries.get_mut(dir) {
            Some(mut e) if e.seq == seq => {
                let changed = e.base.is_some() || base.is_some();
                e.base = base.map(Arc::new);
                changed
            }
            _ => false,
        }
    }

    /// Forgets every base (settings changed).
    pub fn clear(&self) {
        self.entries.clear();
        self.shown.lock().expect("shown lock").clear();
    }

    /// Whether `message` is new (not shown since the settings last changed).
    fn first_time(&self, message: &str) -> bool {
        self.shown
            .lock()
            .expect("shown lock")
            .insert(message.to_string())
    }
}

/// The diff places the old definition in the old text, which is not on disk: the editor gets a
/// related location at the finding itself whose message names the base and the old line.
fn place_related(f: &mut Finding, base: &Base) {
    for r in &mut f.related {
        if r.path.is_none() {
            continue;
        }
        let line = base
            .package
            .document(r.file)
            .map(|d| d.line_index().line_of(r.range.start) + 1);
        let file = r
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = file.rsplit(':').next().unwrap_or(&file).to_string();
        let message = match line {
            Some(line) => format!("{} ({file} line {line} at {})", r.message, base.label),
            None => format!("{} ({file} at {})", r.message, base.label),
        };
        *r = Related {
            file: f.file,
            range: f.range,
            message,
            path: None,
        };
    }
}

/// Reads the base of package `dir` with git (when breaking changes are on and it is not cached
/// for the current key, or always with `force`), then re-checks the package if the base
/// changed. Returns at once; the work runs on a blocking thread.
pub fn refresh(state: Arc<State>, client: Client, dir: PathBuf, force: bool) {
    tokio::spawn(async move {
        let st = state.clone();
        let d = dir.clone();
        let read = tokio::task::spawn_blocking(move || read_base(&st, &d, force)).await;
        match read {
            Ok((changed, refused)) => {
                if let Some(message) = refused.filter(|m| state.breaking.first_time(m)) {
                    tracing::warn!("{message}");
                    client
                        .show_message(tower_lsp_server::ls_types::MessageType::WARNING, message)
                        .await;
                }
                if !changed {
                    return;
                }
            }
            Err(e) => {
                tracing::error!(dir = %dir.display(), error = %e, "reading the git base failed");
                return;
            }
        }
        let generation = state.touch(&dir);
        tokio::spawn(diagnostics::schedule(
            state.clone(),
            client.clone(),
            dir,
            generation,
        ));
        if state.pull_diagnostics.load(Ordering::SeqCst)
            && state.diagnostic_refresh.load(Ordering::SeqCst)
        {
            if let Err(e) = client.workspace_diagnostic_refresh().await {
                tracing::debug!(%e, "workspace/diagnostic/refresh failed");
            }
        }
    });
}

/// The blocking part of [`refresh`]: whether the package needs a re-check, and why the
/// configured base ref was refused, if it was.
fn read_base(state: &State, dir: &Path, force: bool) -> (bool, Option<String>) {
    let settings = state.settings_for(dir);
    let snap = state.snapshot(dir);
    let Some(key) = key_of(&snap.package, &settings) else {
        return (false, None);
    };
    let Some(seq) = state.breaking.begin(dir, key.clone(), force) else {
        return (false, None);
    };
    let (base, refused) = match read(&snap.package, key.base_ref.as_deref()) {
        Ok(base) => (base, None),
        Err(e) => (
            None,
            Some(format!(
                "connector-ls: the base ref (the baseRef setting, or `base` of connector-ls.toml) was not used: {e}; no breaking changes are reported"
            )),
        ),
    };
    tracing::debug!(
        dir = %dir.display(),
        base = base.as_ref().map(|b| b.label.as_str()),
        "git base read"
    );
    (state.breaking.finish(dir, seq, base), refused)
}

/// The package's version at `base_ref` (default: the merge-base with the default branch).
/// The configured ref comes from settings a repository can ship: it is verified and resolved
/// to a commit hash, and only the hash reaches git; a refused one is an error to show.
fn read(
    package: &Package,
    base_ref: Option<&str>,
) -> Result<Option<Base>, connector_ls_workspace::git::RefError> {
    let (commit, label) = match base_ref {
        Some(r) => (
            connector_ls_workspace::git::verify(&package.dir, r)?,
            r.to_string(),
        ),
        None => {
            let Some(commit) = connector_ls_workspace::git::default_base(&package.dir) else {
                return Ok(None);
            };
            let short: String = commit.chars().take(8).collect();
            (commit, format!("base {short}"))
        }
    };
    let labelled = |p: &Path| PathBuf::from(format!("{label}:{}", p.display()));
    Ok(
        connector_ls_workspace::git::base_package(package, &commit, &labelled)
            .map(|package| Base { package, label }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use connector_ls_core::package::{Document, FileKind};

    fn package(dir: &str, swagger: &str) -> Package {
        let doc = Document::new(
            PathBuf::from(dir).join("apiDefinition.swagger.json"),
            FileKind::Swagger,
            swagger,
        );
        Package::from_documents(Path::new(dir), vec![doc], None)
    }

    const OLD: &str = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"},
"paths": {"/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "ok"}}}},
"/b": {"get": {"operationId": "GetB", "responses": {"200": {"description": "ok"}}}}}}"#;
    const NEW: &str = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"},
"paths": {"/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "ok"}}}}}}"#;

    #[test]
    fn findings_come_from_the_cached_base_only() {
        let cache = BaseCache::default();
        let settings = Settings::default();
        let new = package("/x", NEW);
        assert!(cache.findings(&new, &settings).is_empty(), "nothing cached");
        let key = key_of(&new, &settings).unwrap();
        let seq = cache.begin(&new.dir, key.clone(), false).unwrap();
        assert_eq!(cache.begin(&new.dir, key.clone(), false), None, "under way");
        let base = Base {
            package: package("/x", OLD),
            label: "HEAD".into(),
        };
        assert!(cache.finish(&new.dir, seq, Some(base)));
        let found = cache.findings(&new, &settings);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, "BreakingOperationDeleted");
        let related = &found[0].related;
        assert_eq!(related.len(), 1);
        assert!(related[0].path.is_none());
        assert!(
            related[0].message.contains("line 3 at HEAD"),
            "{}",
            related[0].message
        );

        // A newer read owns the entry: the older one finishing late is dropped.
        let newer = cache.begin(&new.dir, key.clone(), true).unwrap();
        assert!(!cache.finish(&new.dir, seq, None));
        assert_eq!(
            cache.findings(&new, &settings).len(),
            1,
            "kept while re-reading"
        );
        assert!(cache.finish(&new.dir, newer, None));
        assert!(cache.findings(&new, &settings).is_empty());
        // No base before and none now (outside a repository, say): nothing to re-check.
        let again = cache.begin(&new.dir, key.clone(), true).unwrap();
        assert!(!cache.finish(&new.dir, again, None));

        // Switched off: nothing, even with a base cached.
        let off = Settings {
            breaking_changes: false,
            ..Settings::default()
        };
        assert!(cache.findings(&new, &off).is_empty());
    }
}
