//! The connector package: a folder with a swagger, apiProperties and companion files.
//!
//! [`Package`] holds the parsed JSON documents of one connector plus the names of its other
//! files, read from disk or supplied by the caller (the language server's open buffers win over
//! the disk). [`swagger`] has the typed views the rules iterate.

pub mod companion;
mod load;
pub mod refs;
pub mod source;
pub mod swagger;

use std::any::Any;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::json::{Parse, StringEdit, Tree};
use crate::text::{LineIndex, SharedText};

pub use load::{LoadError, Source, DEFAULT_MAX_FILE_SIZE};
pub use source::{FileSource, Listed, NoFiles};

/// Which file of the package a document or finding belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FileKind {
    Swagger,
    ApiProperties,
    Settings,
    Script,
    Icon,
    Readme,
    Intro,
    /// The package as a whole (a missing file, for example).
    Package,
}

impl FileKind {
    /// The canonical file name of this kind.
    pub fn file_name(self) -> &'static str {
        match self {
            FileKind::Swagger => "apiDefinition.swagger.json",
            FileKind::ApiProperties => "apiProperties.json",
            FileKind::Settings => "settings.json",
            FileKind::Script => "script.csx",
            FileKind::Icon => "icon.png",
            FileKind::Readme => "readme.md",
            FileKind::Intro => "intro.md",
            FileKind::Package => ".",
        }
    }

    /// The kind's name in serialised output (`apiProperties`), as serde writes it.
    pub fn key(self) -> &'static str {
        match self {
            FileKind::Swagger => "swagger",
            FileKind::ApiProperties => "apiProperties",
            FileKind::Settings => "settings",
            FileKind::Script => "script",
            FileKind::Icon => "icon",
            FileKind::Readme => "readme",
            FileKind::Intro => "intro",
            FileKind::Package => "package",
        }
    }

    /// Recognises a package file by its name (case-insensitive).
    pub fn from_file_name(name: &str) -> Option<FileKind> {
        let lower = name.to_ascii_lowercase();
        Some(match lower.as_str() {
            "apidefinition.swagger.json" => FileKind::Swagger,
            "apiproperties.json" => FileKind::ApiProperties,
            "settings.json" => FileKind::Settings,
            "script.csx" => FileKind::Script,
            "icon.png" => FileKind::Icon,
            "readme.md" => FileKind::Readme,
            "intro.md" => FileKind::Intro,
            _ => return None,
        })
    }
}

/// Verified (certified) publishers and independent publishers have different requirements.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Publisher {
    #[default]
    Verified,
    Independent,
}

impl std::str::FromStr for Publisher {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "verified" | "certified" => Ok(Publisher::Verified),
            "independent" | "independent-publisher" => Ok(Publisher::Independent),
            _ => Err(format!(
                "unknown publisher type '{s}' (expected 'verified' or 'independent')"
            )),
        }
    }
}

/// One parsed JSON file of the package.
///
/// A clone is the same version of the document (same [`Document::revision`]) and costs two
/// reference counts: the parse and the line index are shared, so the package a request sees
/// and the one its check reads can hold the one parse of an edited buffer.
#[derive(Clone, Debug)]
pub struct Document {
    pub path: PathBuf,
    pub kind: FileKind,
    pub parse: Arc<Parse>,
    /// The file started with a UTF-8 byte order mark (stripped from the text).
    pub had_bom: bool,
    /// Tells this version of the document apart from every other one built in this process.
    pub revision: u64,
    /// When this version was reparsed from the one of revision `.0` by reusing its tree: the
    /// edit between the two ([`crate::json::reparse_edit`]).
    pub edit: Option<(u64, StringEdit)>,
    line_index: Arc<OnceLock<LineIndex>>,
}

/// The next [`Document::revision`].
fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Document {
    pub fn new(path: PathBuf, kind: FileKind, text: &str) -> Self {
        let (text, had_bom) = crate::text::strip_bom(text);
        Self::parsed(path, kind, crate::json::parse(text), had_bom)
    }

    /// A document read from disk: as [`Document::new`], but taking the text it owns, so that
    /// the tree holds that allocation: the text is not copied.
    pub fn from_text(path: PathBuf, kind: FileKind, mut text: String) -> Self {
        let had_bom = text.starts_with('\u{feff}');
        if had_bom {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Self::parsed(path, kind, crate::json::parse(text), had_bom)
    }

    /// A document whose text is kept exactly as given (an editor buffer): a leading BOM stays in
    /// the text so offsets match the client's, and the parser skips it.
    pub fn verbatim(path: PathBuf, kind: FileKind, text: SharedText) -> Self {
        let had_bom = text.starts_with('\u{feff}');
        Self::parsed(path, kind, crate::json::parse(text), had_bom)
    }

    fn parsed(path: PathBuf, kind: FileKind, parse: crate::json::Parse, had_bom: bool) -> Self {
        Self {
            path,
            kind,
            parse: Arc::new(parse),
            had_bom,
            revision: next_revision(),
            edit: None,
            line_index: Arc::default(),
        }
    }

    /// A new version of `previous` (an editor buffer, kept verbatim as [`Document::verbatim`]
    /// does), reparsed incrementally when the change allows it ([`crate::json::reparse`]).
    ///
    /// The same text again (a character typed and deleted, an undo, or the buffer a request
    /// already parsed) is `previous` itself: same revision, parse and edit.
    pub fn edited(previous: &Document, text: SharedText) -> Self {
        if text.as_bytes() == previous.text().as_bytes() {
            return previous.clone();
        }
        let had_bom = text.starts_with('\u{feff}');
        let (parse, edit) = crate::json::reparse_edit(&previous.parse, text);
        // The line index moves with the edit too (a string holds no line break).
        let line_index = Arc::new(OnceLock::new());
        if let (Some(lines), Some(e)) = (previous.line_index.get(), edit) {
            let _ = line_index.set(lines.after_edit(parse.tree.text(), e.at, e.delta));
        }
        Self {
            path: previous.path.clone(),
            kind: previous.kind,
            parse: Arc::new(parse),
            had_bom,
            revision: next_revision(),
            edit: edit.map(|e| (previous.revision, e)),
            line_index,
        }
    }

    pub fn tree(&self) -> &Tree {
        &self.parse.tree
    }

    pub fn text(&self) -> &str {
        self.parse.tree.text()
    }

    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(self.text()))
    }
}

/// A file of the package folder that is not parsed as JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageFile {
    pub name: String,
    pub path: PathBuf,
    pub kind: Option<FileKind>,
    pub size: u64,
}

/// One connector: its folder, parsed documents and the other files beside them.
#[derive(Debug, Default)]
pub struct Package {
    pub dir: PathBuf,
    pub swagger: Option<Document>,
    pub api_properties: Option<Document>,
    pub settings: Option<Document>,
    /// Every regular file in the folder (including the parsed ones), sorted by name.
    pub files: Vec<PackageFile>,
    pub publisher: Publisher,
    /// Files that exist but could not be read (or were not valid UTF-8).
    pub load_errors: Vec<LoadError>,
    /// The readme, intro, script and icon.
    pub companions: companion::Companions,
    /// Values derived from the whole package, computed by the first to ask ([`Memos`]).
    pub memos: Memos,
}

/// Values derived from a whole package, kept with it: a language server's requests share one
/// package per version of the buffers, so what one hover derives the next one reuses.
///
/// Filled only once the package is complete: whoever changes a package after asking for one
/// of them (nothing does; a load builds a new package) must not use them.
#[derive(Default)]
pub struct Memos(Mutex<Vec<Arc<dyn Any + Send + Sync>>>);

impl Memos {
    /// The value of type `T`, computed by `f` if nobody asked for it before. Callers asking at
    /// the same time wait for the first one's `f`.
    pub fn get_or_init<T: Any + Send + Sync>(&self, f: impl FnOnce() -> T) -> Arc<T> {
        let mut memos = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = memos.iter().find_map(|m| m.clone().downcast::<T>().ok()) {
            return found;
        }
        let value = Arc::new(f());
        memos.push(value.clone());
        value
    }
}

impl std::fmt::Debug for Memos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.lock().map_or(0, |m| m.len());
        write!(f, "Memos({n})")
    }
}

impl Package {
    /// The document of a kind, if the package has it.
    pub fn document(&self, kind: FileKind) -> Option<&Document> {
        match kind {
            FileKind::Swagger => self.swagger.as_ref(),
            FileKind::ApiProperties => self.api_properties.as_ref(),
            FileKind::Settings => self.settings.as_ref(),
            _ => None,
        }
    }

    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        [&self.swagger, &self.api_properties, &self.settings]
            .into_iter()
            .flatten()
    }

    /// Puts a document into the package (replacing one of the same kind).
    pub fn set_document(&mut self, doc: Document) {
        match doc.kind {
            FileKind::Swagger => self.swagger = Some(doc),
            FileKind::ApiProperties => self.api_properties = Some(doc),
            FileKind::Settings => self.settings = Some(doc),
            _ => {}
        }
    }

    /// A file of the folder by kind (case-insensitive name match).
    pub fn file(&self, kind: FileKind) -> Option<&PackageFile> {
        self.files.iter().find(|f| f.kind == Some(kind))
    }

    /// The path a finding about `kind` should name.
    pub fn path_of(&self, kind: FileKind) -> PathBuf {
        if let Some(doc) = self.document(kind) {
            return doc.path.clone();
        }
        if let Some(f) = self.file(kind) {
            return f.path.clone();
        }
        match kind {
            FileKind::Package => self.dir.clone(),
            _ => self.dir.join(kind.file_name()),
        }
    }

    /// Decides the publisher type: an explicit choice, else the folder
    /// (`independent-publisher-connectors/`), else an `info.title` ending in
    /// "(Independent Publisher)", else verified.
    pub fn detect_publisher(&self, explicit: Option<Publisher>) -> Publisher {
        if let Some(p) = explicit {
            return p;
        }
        let in_ip_folder = self.dir.components().any(|c| {
            c.as_os_str()
                .to_string_lossy()
                .eq_ignore_ascii_case("independent-publisher-connectors")
        });
        if in_ip_folder {
            return Publisher::Independent;
        }
        let title = self
            .swagger
            .as_ref()
            .and_then(|d| d.tree().root())
            .and_then(|r| r.path(&["info", "title"]))
            .and_then(|t| t.as_str());
        if title.is_some_and(|t| t.trim_end().ends_with("(Independent Publisher)")) {
            return Publisher::Independent;
        }
        Publisher::Verified
    }

    /// Builds a package from documents already in memory (tests, the language server).
    pub fn from_documents(dir: &Path, docs: Vec<Document>, publisher: Option<Publisher>) -> Self {
        let mut pkg = Package {
            dir: dir.to_path_buf(),
            ..Package::default()
        };
        for doc in docs {
            pkg.files.push(PackageFile {
                name: doc
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                path: doc.path.clone(),
                kind: Some(doc.kind),
                size: doc.text().len() as u64,
            });
            pkg.set_document(doc);
        }
        pkg.publisher = pkg.detect_publisher(publisher);
        pkg
    }
}

#[cfg(test)]
mod tests {
    use super::{Document, FileKind, Memos, SharedText};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn a_memo_is_computed_once_per_type() {
        let memos = Memos::default();
        let runs = AtomicUsize::new(0);
        let count = || {
            runs.fetch_add(1, Ordering::Relaxed);
            7u32
        };
        assert_eq!(*memos.get_or_init(count), 7);
        assert_eq!(*memos.get_or_init(count), 7);
        assert_eq!(*memos.get_or_init(|| "another type"), "another type");
        assert_eq!(runs.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn the_same_text_again_is_the_same_version() {
        let path = std::path::PathBuf::from("/c/apiDefinition.swagger.json");
        let first = Document::verbatim(
            path,
            FileKind::Swagger,
            SharedText::from(r#"{"info": {"title": "A"}}"#),
        );
        let typed = Document::edited(&first, SharedText::from(r#"{"info": {"title": "AB"}}"#));
        assert_ne!(typed.revision, first.revision);
        assert_eq!(typed.edit.map(|(from, _)| from), Some(first.revision));
        // Deleted again: a buffer of its own, the same text as `typed`'s base.
        let back = Document::edited(&typed, SharedText::from(r#"{"info": {"title": "A"}}"#));
        assert_ne!(back.revision, typed.revision);
        // The same buffer checked after a request parsed it: that version, shared.
        let again = Document::edited(&back, SharedText::from(back.text()));
        assert_eq!(again.revision, back.revision);
        assert_eq!(again.edit, back.edit);
        assert!(Arc::ptr_eq(&again.parse, &back.parse));
    }

    #[test]
    fn a_kinds_key_is_its_serialised_name() {
        for kind in [
            FileKind::Swagger,
            FileKind::ApiProperties,
            FileKind::Settings,
            FileKind::Script,
            FileKind::Icon,
            FileKind::Readme,
            FileKind::Intro,
            FileKind::Package,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.key());
        }
    }
}
