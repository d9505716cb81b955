//! Shared server state: open documents, settings, and the latest analysis of each package.
//!
//! Locks are short and synchronous: no guard lives across an `.await`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use dashmap::DashMap;
use tower_lsp_server::ls_types::{Diagnostic, Uri};

use super::config::Settings;
use super::document::OpenDocument;
use connector_ls_core::package::{Document, FileKind, Package, Source};

use connector_ls_core::rules::{self, Finding};
use connector_ls_core::text::{Encoding, SharedText};
use connector_ls_workspace::source::Disk;

use super::memory::Remembered;

/// One check of one package: the package as it was and what the rules found.
pub struct Analysis {
    pub package: Arc<Package>,
    pub findings: Vec<Finding>,
    /// The version of each open document that went into this analysis.
    pub versions: HashMap<PathBuf, i32>,
    pub generation: u64,
    /// What the next check of the package may reuse ([`rules::check_again`]).
    pub memory: rules::Memory,
}

impl Analysis {
    /// Findings that belong to the document at `path`.
    pub fn findings_for<'a>(
        &'a self,
        path: &'a Path,
    ) -> impl Iterator<Item = (&'a Document, &'a Finding)> + 'a {
        self.findings.iter().filter_map(move |f| {
            let doc = self.package.document(f.file)?;
            (doc.path == path).then_some((doc, f))
        })
    }
}

#[derive(Default)]
pub struct State {
    pub docs: DashMap<Uri, OpenDocument>,
    pub settings: RwLock<Settings>,
    pub encoding: RwLock<Encoding>,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so we do not push.
    pub pull_diagnostics: AtomicBool,
    /// The client accepts `workspace/diagnostic/refresh` (re-pull after a settings change).
    pub diagnostic_refresh: AtomicBool,
    pub initialized: AtomicBool,
    /// Workspace folders (for the workspace-wide check).
    pub roots: RwLock<Vec<PathBuf>>,
    pub shutdown: AtomicBool,
    /// Bumped on every change to a package's files; a check whose generation is stale is dropped.
    generations: DashMap<PathBuf, u64>,
    next_generation: AtomicU64,
    pub analyses: DashMap<PathBuf, Arc<Analysis>>,
    /// The check of each folder under way, by generation: the pushed check scheduled by an edit
    /// and the client's pull for the same version share one run instead of racing two.
    inflight: DashMap<PathBuf, (u64, InFlight)>,
    /// The parsed package of each folder at a generation, read from disk (the checks use it).
    snapshots: DashMap<PathBuf, Snapshot>,
    /// The package of each folder as requests see it ([`State::view`]): the last snapshot with
    /// the open buffers of a newer generation over it, built without reading the disk.
    views: DashMap<PathBuf, Snapshot>,
    /// Held while a folder's package is loaded, so that one load per generation is shared.
    loading: DashMap<PathBuf, Arc<Mutex<()>>>,
    /// Held while a folder's package is checked ([`State::analyze`]).
    checking: DashMap<PathBuf, Arc<Mutex<()>>>,
    /// Each package's version in git, for the breaking-change findings.
    pub breaking: super::breaking::BaseCache,
    /// The `connector-ls.toml` files read so far ([`State::settings_for`]).
    pub configs: std::sync::Mutex<connector_ls_workspace::config::Configs>,
    /// The configuration problems last reported, by file, and whether as diagnostics (the file
    /// was open) or as a message.
    pub config_reported: std::sync::Mutex<
        HashMap<PathBuf, (Vec<connector_ls_workspace::config::ConfigError>, bool)>,
    >,
    /// The client registers file watchers for us (else configuration files are re-read on
    /// open and save).
    pub watched_files: AtomicBool,
    /// Validator output the user pasted (`connector-ls.showValidatorOutput`), per file.
    pub validator: super::validator::Store,
    /// The last full report pulled for each open document: its result id and items. A pull
    /// that would answer the same items (in the client's coordinates) answers `unchanged`
    /// instead: typing inside a string moves byte offsets but rarely a diagnostic's line and
    /// column, and the report of a large document is hundreds of kilobytes.
    pub pulled: DashMap<Uri, Pulled>,
    /// Diagnostics written for their pulled report or push, waiting for the output filter to
    /// put them into the message ([`super::replies`]).
    pub reports: super::replies::Reports,
    /// The documents whose last pushed diagnostics were not empty ([`super::diagnostics::push`]).
    /// Locked across the decision to push and the push itself, so that a document opened
    /// meanwhile by a pulling client never keeps a pushed copy beside the pulled one.
    /// Each holds the diagnostics last pushed and how they were written, for the next push of
    /// the document to copy ([`super::replies::Written`]).
    pub pushed: tokio::sync::Mutex<HashMap<Uri, (Vec<Diagnostic>, super::replies::Written)>>,
    /// Packages the workspace check showed: their files' diagnostics are kept current even
    /// without an open document.
    pub shown: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

/// A check under way (or done), shared by everyone who asks for the same generation.
pub type InFlight = Arc<tokio::sync::OnceCell<Option<Arc<Analysis>>>>;

/// The last full report pulled for a document.
pub struct Pulled {
    pub id: String,
    pub items: Vec<Diagnostic>,
    /// The items as written for the client.
    pub written: super::replies::Written,
}

/// A parsed package and the versions of the open documents in it.
#[derive(Clone)]
pub struct Snapshot {
    pub generation: u64,
    pub package: Arc<Package>,
    pub versions: Arc<HashMap<PathBuf, i32>>,
}

/// Decides whether a document is a connector file: by name, else a JSON object whose
/// `swagger` member is "2.0".
pub fn kind_of(path: &Path, text: &str) -> Option<FileKind> {
    let name = path.file_name()?.to_string_lossy();
    match FileKind::from_file_name(&name) {
        Some(k @ (FileKind::Swagger | FileKind::ApiProperties | FileKind::Settings)) => Some(k),
        Some(_) => None,
        None if name.to_ascii_lowercase().ends_with(".json") && looks_like_swagger(text) => {
            Some(FileKind::Swagger)
        }
        None => None,
    }
}

fn looks_like_swagger(text: &str) -> bool {
    let head = &text[..text.len().min(4096)];
    let head = match head.char_indices().last() {
        Some(_) if text.is_char_boundary(head.len()) => head,
        _ => "",
    };
    let Some(i) = head.find("\"swagger\"") else {
        return false;
    };
    let rest = head[i + 9..].trim_start();
    rest.strip_prefix(':')
        .is_some_and(|r| r.trim_start().starts_with("\"2.0\""))
}

impl State {
    pub fn encoding(&self) -> Encoding {
        *self.encoding.read().expect("encoding lock")
    }

    pub fn settings(&self) -> Settings {
        self.settings.read().expect("settings lock").clone()
    }

    /// The settings of package `dir`: its `connector-ls.toml` under what the user set in the
    /// editor. A broken file is left out (its problems are reported by the server, see
    /// [`super::config_file`]).
    pub fn settings_for(&self, dir: &Path) -> Settings {
        let settings = self.settings();
        let resolved = self.configs.lock().expect("configs lock").of(dir);
        match resolved {
            Ok(Some(file)) => settings.with_file(&file),
            Ok(None) | Err(_) => settings,
        }
    }

    /// Marks a package as changed and returns the new generation.
    pub fn touch(&self, dir: &Path) -> u64 {
        let g = self.next_generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.generations.insert(dir.to_path_buf(), g);
        g
    }

    pub fn generation(&self, dir: &Path) -> u64 {
        self.generations.get(dir).map_or(0, |g| *g)
    }

    /// The shared check of `dir` at `generation`: a new one replaces that of an older generation.
    pub fn inflight(&self, dir: &Path, generation: u64) -> InFlight {
        let mut entry = self
            .inflight
            .entry(dir.to_path_buf())
            .or_insert_with(|| (generation, InFlight::default()));
        if entry.0 != generation {
            *entry = (generation, InFlight::default());
        }
        entry.1.clone()
    }

    /// Open documents (uri, path, kind) in folder `dir`.
    pub fn open_in(&self, dir: &Path) -> Vec<(Uri, PathBuf)> {
        self.docs
            .iter()
            .filter_map(|e| {
                let path = e.value().path.clone()?;
                (path.parent() == Some(dir)).then(|| (e.key().clone(), path))
            })
            .collect()
    }

    /// The package in `dir` as of its current generation: from disk, with open documents
    /// overriding their files. Cached per generation.
    pub fn snapshot(&self, dir: &Path) -> Snapshot {
        let generation = self.generation(dir);
        let current = |s: &Snapshot| s.generation == generation;
        if let Some(s) = self.snapshots.get(dir).filter(|s| current(s)) {
            return s.clone();
        }
        let lock = self.load_lock(dir);
        let _loading = lock.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(s) = self.snapshots.get(dir).filter(|s| current(s)) {
            return s.clone();
        }
        let (package, versions) = self.load(dir, None, generation);
        let snap = Snapshot {
            generation,
            package: Arc::new(package),
            versions: Arc::new(versions),
        };
        self.snapshots.insert(dir.to_path_buf(), snap.clone());
        snap
    }

    /// The package in `dir` as requests (completion, hover, navigation, symbols) see it: the
    /// open buffers as they are now, every other file as the last snapshot read it. No disk
    /// read unless the folder was never read; the check in the background reads the disk.
    ///
    /// A request that arrives while the check of the same generation is loading waits for that
    /// load instead of parsing the buffer a second time beside it (on two cores, the two
    /// loads and the rules would otherwise share them, and the request would wait anyway).
    pub fn view(&self, dir: &Path) -> Snapshot {
        let generation = self.generation(dir);
        let current = |s: &Snapshot| s.generation == generation;
        let Some(latest) = self.snapshots.get(dir).map(|s| s.package.clone()) else {
            return self.snapshot(dir);
        };
        let built = || {
            (self.snapshots.get(dir).filter(|s| current(s)))
                .or_else(|| self.views.get(dir).filter(|v| current(v)))
                .map(|s| s.clone())
        };
        if let Some(s) = built() {
            return s;
        }
        let lock = self.load_lock(dir);
        let _loading = lock.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(s) = built() {
            return s;
        }
        // The check may have stored a newer snapshot meanwhile.
        let latest = (self.snapshots.get(dir)).map_or(latest, |s| s.package.clone());
        let (package, versions) = self.load(dir, Some(&latest), generation);
        let view = Snapshot {
            generation,
            package: Arc::new(package),
            versions: Arc::new(versions),
        };
        self.views.insert(dir.to_path_buf(), view.clone());
        view
    }

    /// The lock held while the package in `dir` is loaded ([`State::snapshot`],
    /// [`State::view`]).
    fn load_lock(&self, dir: &Path) -> Arc<Mutex<()>> {
        self.loading.entry(dir.to_path_buf()).or_default().clone()
    }

    /// Loads the package in `dir` with the open documents over its files: the files from disk,
    /// or, with `remembered`, as that earlier load of the folder read them.
    ///
    /// An open document is reparsed from its version in the view of `generation` when that view
    /// holds the same versions (the check after a request: the parse is the request's), else from
    /// the last snapshot.
    fn load(
        &self,
        dir: &Path,
        remembered: Option<&Package>,
        generation: u64,
    ) -> (Package, HashMap<PathBuf, i32>) {
        let settings = self.settings_for(dir);
        let mut texts: HashMap<PathBuf, (SharedText, i32, Option<FileKind>)> = HashMap::new();
        for mut entry in self.docs.iter_mut() {
            let Some(path) = entry.path.clone() else {
                continue;
            };
            if path.parent() != Some(dir) {
                continue;
            }
            let version = entry.version;
            let text = entry.text();
            let kind = kind_of(&path, &text);
            texts.insert(path, (text, version, kind));
        }
        let swagger_override = texts
            .iter()
            .find(|(p, (_, _, k))| {
                *k == Some(FileKind::Swagger)
                    && p.file_name()
                        .and_then(|n| FileKind::from_file_name(&n.to_string_lossy()))
                        .is_none()
            })
            .map(|(p, _)| p.clone());
        let overlay = |p: &Path| texts.get(p).map(|(t, _, _)| t.clone());
        // The last snapshot of the folder: typing in a string reparses only what changed.
        let same_versions = |v: &Snapshot| {
            v.versions.len() == texts.len()
                && texts
                    .iter()
                    .all(|(p, (_, version, _))| v.versions.get(p) == Some(version))
        };
        let previous = (self.views.get(dir))
            .filter(|v| v.generation == generation && same_versions(v))
            .map(|v| v.package.clone())
            .or_else(|| self.snapshots.get(dir).map(|s| s.package.clone()));
        let disk = Disk::with_buffers(&overlay);
        let memory = remembered.map(|previous| Remembered {
            previous,
            buffers: &overlay,
        });
        let source = Source {
            files: match &memory {
                Some(m) => m,
                None => &disk,
            },
            swagger_override,
            max_file_size: settings.max_file_size,
            previous: previous.as_deref(),
        };
        let mut package = Package::load(dir, settings.publisher, &source).unwrap_or_else(|e| {
            tracing::warn!(%e, "package folder unreadable; checking open documents only");
            Package {
                dir: dir.to_path_buf(),
                ..Package::default()
            }
        });
        // Open documents that are not on disk (yet) still belong to the package.
        for (path, (text, _, kind)) in &texts {
            let Some(kind) = *kind else { continue };
            if package.document(kind).is_none() {
                let earlier = previous
                    .as_deref()
                    .and_then(|p| p.document(kind))
                    .filter(|d| d.path == *path);
                package.set_document(match earlier {
                    Some(earlier) => Document::edited(earlier, text.clone()),
                    None => Document::verbatim(path.clone(), kind, text.clone()),
                });
            }
        }
        package.publisher = package.detect_publisher(settings.publisher);
        let versions = texts.into_iter().map(|(p, (_, v, _))| (p, v)).collect();
        (package, versions)
    }

    /// Checks the current snapshot of `dir` and keeps the analysis (unless one of a newer
    /// generation is kept already).
    ///
    /// One check of a package at a time: a check started while the previous one still runs
    /// waits for it, so that it re-checks from that analysis ([`rules::check_again`], a
    /// millisecond or two after a keystroke) instead of from an older one its document's
    /// edit does not start from (a full check, 30-40 ms on Encodian, that held both cores
    /// while typing went on).
    pub fn analyze(&self, dir: &Path) -> Arc<Analysis> {
        let lock = self.checking.entry(dir.to_path_buf()).or_default().clone();
        let _checking = lock.lock().unwrap_or_else(PoisonError::into_inner);
        let start = std::time::Instant::now();
        let snap = self.snapshot(dir);
        let loaded = start.elapsed();
        let settings = self.settings_for(dir);
        let previous = self.analyses.get(dir).map(|a| a.clone());
        let (mut findings, memory) = rules::check_again(
            &snap.package,
            &settings.rules,
            previous.as_deref().map(|a| (&*a.package, &a.memory)),
        );
        drop(previous);
        let checked = start.elapsed();
        findings.extend(self.breaking.findings(&snap.package, &settings));
        tracing::debug!(
            dir = %dir.display(),
            generation = snap.generation,
            load_ms = loaded.as_secs_f64() * 1e3,
            check_ms = (checked - loaded).as_secs_f64() * 1e3,
            breaking_ms = (start.elapsed() - checked).as_secs_f64() * 1e3,
            rules_run = memory.ran.len(),
            findings = findings.len(),
            "analysed"
        );
        let analysis = Arc::new(Analysis {
            package: snap.package,
            findings,
            versions: (*snap.versions).clone(),
            generation: snap.generation,
            memory,
        });
        // A check of an older generation must not replace a newer one.
        let mut slot = (self.analyses)
            .entry(dir.to_path_buf())
            .or_insert_with(|| analysis.clone());
        if slot.generation <= analysis.generation {
            *slot = analysis.clone();
        }
        analysis
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_files() {
        assert_eq!(
            kind_of(Path::new("/a/APIProperties.json"), "{}"),
            Some(FileKind::ApiProperties)
        );
        assert_eq!(
            kind_of(Path::new("/a/x.json"), "{\n  \"swagger\" : \"2.0\"}"),
            Some(FileKind::Swagger)
        );
        assert_eq!(
            kind_of(Path::new("/a/x.json"), "{\"openapi\": \"3.0.0\"}"),
            None
        );
        assert_eq!(kind_of(Path::new("/a/readme.md"), ""), None);
    }

    #[test]
    fn requests_see_the_buffers_as_they_are_without_reading_the_disk() {
        let dir = std::env::temp_dir().join(format!("cls-view-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let swagger = dir.join("apiDefinition.swagger.json");
        let api = dir.join("apiProperties.json");
        std::fs::write(&swagger, r#"{"swagger": "2.0", "info": {"title": "A"}}"#).unwrap();
        std::fs::write(&api, r#"{"properties": {}}"#).unwrap();
        std::fs::write(dir.join("readme.md"), "# A").unwrap();
        let state = State::default();
        let uri = crate::convert::uri_of(&swagger).unwrap();
        let open = |version: i32, text: &str| {
            state.docs.insert(
                uri.clone(),
                OpenDocument::opened(Some(swagger.clone()), version, text.into()),
            );
            state.touch(&dir);
        };
        open(1, r#"{"swagger": "2.0", "info": {"title": "A"}}"#);
        let first = state.view(&dir);
        assert!(first.package.api_properties.is_some());
        // The folder changes on disk unseen, and the buffer is edited: the request's view has
        // the edit and the files as read before.
        std::fs::remove_file(&api).unwrap();
        std::fs::remove_file(dir.join("readme.md")).unwrap();
        open(2, r#"{"swagger": "2.0", "info": {"title": "AB"}}"#);
        let view = state.view(&dir);
        assert_eq!(view.versions.get(&swagger), Some(&2));
        assert!(view
            .package
            .swagger
            .as_ref()
            .unwrap()
            .text()
            .contains("\"AB\""));
        assert!(
            view.package.api_properties.is_some(),
            "read from the last snapshot"
        );
        assert_eq!(view.package.readme_text(), Some("# A"));
        assert!(
            std::ptr::eq(&*state.view(&dir).package, &*view.package),
            "built once"
        );
        // The check reads the disk.
        let checked = state.snapshot(&dir);
        assert!(checked.package.api_properties.is_none());
        assert!(checked.package.readme_text().is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The example package, with its swagger open as `text` at `version` (a new generation).
    fn open_example(state: &State, version: i32, text: &str) -> (PathBuf, Uri) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/Contoso Widgets");
        let swagger = dir.join("apiDefinition.swagger.json");
        let uri = crate::convert::uri_of(&swagger).unwrap();
        state.docs.insert(
            uri.clone(),
            OpenDocument::opened(Some(swagger), version, text.into()),
        );
        state.touch(&dir);
        (dir, uri)
    }

    fn example_swagger() -> String {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/Contoso Widgets");
        std::fs::read_to_string(dir.join("apiDefinition.swagger.json")).unwrap()
    }

    #[test]
    fn the_check_after_a_request_reuses_the_requests_parse() {
        let state = State::default();
        let text = example_swagger();
        let (dir, _) = open_example(&state, 1, &text);
        state.analyze(&dir);
        // Typing inside the title; a request sees it first, then the check runs.
        let typed = text.replacen("\"title\": \"", "\"title\": \"x", 1);
        assert_ne!(typed, text);
        open_example(&state, 2, &typed);
        let view = state.view(&dir);
        let checked = state.analyze(&dir);
        let (seen, read) = (
            view.package.swagger.as_ref().unwrap(),
            checked.package.swagger.as_ref().unwrap(),
        );
        assert!(Arc::ptr_eq(&seen.parse, &read.parse), "parsed once");
        assert_eq!(seen.revision, read.revision);
        assert!(
            checked.memory.ran.len() < rules::RULES.len() / 4,
            "still a re-check from the edit: {} rules ran",
            checked.memory.ran.len()
        );
    }

    #[test]
    fn a_check_started_during_another_waits_and_rechecks_from_it() {
        let state = Arc::new(State::default());
        let text = example_swagger();
        let (dir, _) = open_example(&state, 1, &text);
        // The first check is a full one (milliseconds); the second starts while it runs.
        let first = {
            let (state, dir) = (state.clone(), dir.clone());
            std::thread::spawn(move || state.analyze(&dir))
        };
        // Its snapshot is kept before its rules run.
        while state.snapshots.get(&dir).is_none() {
            std::thread::yield_now();
        }
        let typed = text.replacen("\"title\": \"", "\"title\": \"x", 1);
        open_example(&state, 2, &typed);
        let second = state.analyze(&dir);
        let first = first.join().unwrap();
        assert!(first.generation < second.generation);
        assert!(
            second.memory.ran.len() < rules::RULES.len() / 4,
            "a re-check from the first check, not a second full one: {} rules ran",
            second.memory.ran.len()
        );
        assert_eq!(
            state.analyses.get(&dir).unwrap().generation,
            second.generation
        );
    }
}
