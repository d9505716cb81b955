//! Building a package from the files of its folder, as a [`FileSource`] hands them in.

use std::path::{Path, PathBuf};

use super::companion::{Companions, MAX_COMPANION_SIZE};
use super::source::{human_size, FileSource};
use super::{Document, FileKind, Package, PackageFile, Publisher};

/// A file or folder that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl LoadError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }
}

/// Files larger than this are reported instead of parsed.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 20 * 1024 * 1024;

/// How to load a package: where its files come from and the limits that apply.
pub struct Source<'a> {
    pub files: &'a dyn FileSource,
    pub max_file_size: u64,
    /// A JSON file to treat as the swagger whatever its name (`check some.json`).
    pub swagger_override: Option<PathBuf>,
    /// An earlier load of the same folder: buffer texts that are a small edit of its
    /// documents are reparsed incrementally ([`Document::edited`]).
    pub previous: Option<&'a Package>,
}

impl<'a> Source<'a> {
    /// `files`, with the default limits and nothing else.
    pub fn new(files: &'a dyn FileSource) -> Self {
        Self {
            files,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            swagger_override: None,
            previous: None,
        }
    }
}

impl Package {
    /// Loads the package in folder `dir`. Unreadable files become [`LoadError`]s in the package;
    /// only an unreadable folder is an error.
    pub fn load(
        dir: &Path,
        publisher: Option<Publisher>,
        source: &Source,
    ) -> Result<Package, LoadError> {
        let entries = source.files.list(dir).map_err(|e| LoadError::new(dir, e))?;
        let mut pkg = Package {
            dir: dir.to_path_buf(),
            ..Package::default()
        };
        // A file the source refused (a symbolic link that resolves outside the folder, or
        // anything but a regular file: a FIFO, device, folder) is reported and never read. A
        // package is its folder, and checking one must not read (or block on) anything
        // elsewhere.
        let mut refused = Vec::new();
        for entry in entries {
            let kind = if source.swagger_override.as_deref() == Some(entry.path.as_path()) {
                Some(FileKind::Swagger)
            } else {
                FileKind::from_file_name(&entry.name)
            };
            if let Some(kind) = kind {
                let limit = match kind {
                    FileKind::Swagger | FileKind::ApiProperties | FileKind::Settings => None,
                    _ => Some(MAX_COMPANION_SIZE),
                };
                let problem = entry.refused.clone().or_else(|| match (limit, entry.size) {
                    (Some(limit), Some(size)) if size > limit => Some(format!(
                        "the file is {}, over the {} limit; it was not read",
                        human_size(size),
                        human_size(limit)
                    )),
                    _ => None,
                });
                if let Some(message) = problem {
                    refused.push(entry.path.clone());
                    pkg.load_errors.push(LoadError::new(&entry.path, message));
                }
            }
            // Listed when it is (or links to) a regular file, even if refused above, so that
            // a refused readme is not also reported missing.
            let Some(size) = entry.size else {
                continue;
            };
            pkg.files.push(PackageFile {
                name: entry.name,
                path: entry.path,
                kind,
                size,
            });
        }
        pkg.files.sort_by(|a, b| a.name.cmp(&b.name));
        // A swagger named explicitly beats one found by name.
        if source.swagger_override.is_some() {
            for f in &mut pkg.files {
                if f.kind == Some(FileKind::Swagger)
                    && Some(&f.path) != source.swagger_override.as_ref()
                {
                    f.kind = None;
                }
            }
        }
        for kind in [
            FileKind::Swagger,
            FileKind::ApiProperties,
            FileKind::Settings,
        ] {
            let Some(file) = pkg.files.iter().find(|f| f.kind == Some(kind)) else {
                continue;
            };
            let previous = (source.previous)
                .and_then(|p| p.document(kind))
                .filter(|d| d.path == file.path);
            let read = match source.files.buffer(&file.path) {
                Some(text) => Ok(match previous {
                    Some(previous) => Document::edited(previous, text),
                    None => Document::verbatim(file.path.clone(), kind, text),
                }),
                // Reported already.
                None if refused.contains(&file.path) => continue,
                None => read_text(dir, &file.path, file.size, source).map(|text| {
                    // A file unchanged on disk is the version read before (parsed already).
                    match previous.filter(|p| unchanged(p, &text)) {
                        Some(previous) => previous.clone(),
                        None => Document::from_text(file.path.clone(), kind, text),
                    }
                }),
            };
            match read {
                Ok(doc) => match kind {
                    FileKind::Swagger => pkg.swagger = Some(doc),
                    FileKind::ApiProperties => pkg.api_properties = Some(doc),
                    _ => pkg.settings = Some(doc),
                },
                Err(e) => pkg.load_errors.push(e),
            }
        }
        pkg.companions = companions(&pkg, dir, source, &refused);
        pkg.publisher = pkg.detect_publisher(publisher);
        Ok(pkg)
    }
}

/// Whether `text` read from disk is the text of `doc` (a document read from disk, whose BOM was
/// stripped).
fn unchanged(doc: &Document, text: &str) -> bool {
    let (body, had_bom) = match text.strip_prefix('\u{feff}') {
        Some(body) => (body, true),
        None => (text, false),
    };
    doc.had_bom == had_bom && doc.text() == body
}

/// The readme, intro, script and icon of the package: an open buffer's text, else the file's
/// bytes (at most [`MAX_COMPANION_SIZE`]). A refused file was reported by the load
/// (`FileNotReadable`); one that cannot be read now (it changed since it was listed) is logged.
fn companions(pkg: &Package, dir: &Path, source: &Source, refused: &[PathBuf]) -> Companions {
    let bytes = |kind: FileKind| -> Option<Vec<u8>> {
        let file = pkg.file(kind)?;
        if let Some(text) = source.files.buffer(&file.path) {
            return Some(text.as_bytes().to_vec());
        }
        if refused.contains(&file.path) {
            return None;
        }
        source
            .files
            .read(dir, &file.path, MAX_COMPANION_SIZE)
            .map_err(|e| tracing::warn!(path = %file.path.display(), "{e}"))
            .ok()
    };
    let text = |kind| bytes(kind).map(|b| String::from_utf8_lossy(&b).into_owned());
    Companions::new(
        text(FileKind::Readme),
        text(FileKind::Intro),
        text(FileKind::Script),
        bytes(FileKind::Icon),
    )
}

fn read_text(dir: &Path, path: &Path, size: u64, source: &Source) -> Result<String, LoadError> {
    if size > source.max_file_size {
        return Err(LoadError::new(
            path,
            format!(
                "the file is {}, over the {} limit; it was not parsed",
                human_size(size),
                human_size(source.max_file_size)
            ),
        ));
    }
    let bytes = source
        .files
        .read(dir, path, source.max_file_size)
        .map_err(|message| LoadError::new(path, message))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(LoadError::new(
                path,
                format!("the file is not valid UTF-8 (first invalid byte at offset {at})"),
            ))
        }
    }
}
