//! Reading packages from disk and finding connector folders below a path.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::companion::MAX_COMPANION_SIZE;
use super::{files, Document, FileKind, Package, PackageFile, Publisher};

/// A file or folder that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl LoadError {
    pub(crate) fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }
}

/// Files larger than this are reported instead of parsed.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 20 * 1024 * 1024;

/// In-memory texts that replace files on disk (keyed by path).
pub type Overlay<'a> = &'a dyn Fn(&Path) -> Option<Arc<str>>;

/// Where package files come from: the disk, with an optional overlay of in-memory texts (the
/// language server's open buffers) that win over it.
pub struct Source<'a> {
    pub overlay: Option<Overlay<'a>>,
    pub max_file_size: u64,
    /// A JSON file to treat as the swagger whatever its name (`check some.json`).
    pub swagger_override: Option<PathBuf>,
    /// An earlier load of the same folder: overlay texts that are a small edit of its
    /// documents are reparsed incrementally ([`Document::edited`]).
    pub previous: Option<&'a Package>,
}

impl Default for Source<'_> {
    fn default() -> Self {
        Self {
            overlay: None,
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
        let entries = fs::read_dir(dir).map_err(|e| LoadError::new(dir, e.to_string()))?;
        let mut pkg = Package {
            dir: dir.to_path_buf(),
            ..Package::default()
        };
        // Every file of a known kind is resolved the one way reads use ([`files::resolve`]):
        // a symbolic link that resolves outside the folder, or anything but a regular file (a
        // FIFO, device, folder), is reported and never read. A package is its folder, and
        // checking one must not read (or block on) anything elsewhere.
        let mut refused = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = if source.swagger_override.as_deref() == Some(path.as_path()) {
                Some(FileKind::Swagger)
            } else {
                FileKind::from_file_name(&name)
            };
            if let Some(kind) = kind {
                let limit = match kind {
                    FileKind::Swagger | FileKind::ApiProperties | FileKind::Settings => None,
                    _ => Some(MAX_COMPANION_SIZE),
                };
                let checked = files::resolve(dir, &path).and_then(|real| match limit {
                    Some(limit) => match fs::metadata(&real) {
                        Ok(m) if m.len() > limit => Err(format!(
                            "the file is {}, over the {} limit; it was not read",
                            files::human_size(m.len()),
                            files::human_size(limit)
                        )),
                        _ => Ok(real),
                    },
                    None => Ok(real),
                });
                if let Err(message) = checked {
                    refused.push(path.clone());
                    pkg.load_errors.push(LoadError::new(&path, message));
                }
            }
            // Listed when it is (or links to) a regular file, even if refused above, so that
            // a refused readme is not also reported missing.
            let Ok(meta) = fs::metadata(&path) else {
                continue;
            };
            if !meta.is_file() {
                continue;
            }
            pkg.files.push(PackageFile {
                name,
                path,
                kind,
                size: meta.len(),
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
            let overlay = source.overlay.and_then(|o| o(&file.path));
            let read = match overlay {
                Some(text) => Ok(
                    match source
                        .previous
                        .and_then(|p| p.document(kind))
                        .filter(|d| d.path == file.path)
                    {
                        Some(previous) => Document::edited(previous, text),
                        None => Document::verbatim(file.path.clone(), kind, text),
                    },
                ),
                // Reported already.
                None if refused.contains(&file.path) => continue,
                None => read_text(dir, &file.path, file.size, source)
                    .map(|text| Document::from_text(file.path.clone(), kind, text)),
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
        pkg.publisher = pkg.detect_publisher(publisher);
        Ok(pkg)
    }
}

fn read_text(dir: &Path, path: &Path, size: u64, source: &Source) -> Result<String, LoadError> {
    if size > source.max_file_size {
        return Err(LoadError::new(
            path,
            format!(
                "the file is {}, over the {} limit; it was not parsed",
                files::human_size(size),
                files::human_size(source.max_file_size)
            ),
        ));
    }
    let bytes = files::read_bounded(dir, path, source.max_file_size)
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

/// Finds the connector folders named by `paths` as [`search_packages`](super::search_packages)
/// does, and fails on the first entry that could not be read (`check` and the editor use
/// `search_packages`, which reports such entries and goes on).
pub fn find_packages(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Option<PathBuf>)>, LoadError> {
    let found = super::search_packages(paths)?;
    match found.unreadable.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(found.packages),
    }
}
