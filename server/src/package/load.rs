//! Reading packages from disk and finding connector folders below a path.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Document, FileKind, Package, PackageFile, Publisher};

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
        // Symbolic links that resolve outside the folder are listed but never read: a package is
        // its folder, and checking one must not read (or block on) anything elsewhere.
        let mut outside = Vec::new();
        let real_dir = fs::canonicalize(dir).ok();
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = fs::metadata(&path) else {
                continue;
            };
            if entry.file_type().is_ok_and(|t| t.is_symlink()) {
                let inside = match (&real_dir, fs::canonicalize(&path)) {
                    (Some(d), Ok(target)) => target.parent() == Some(d.as_path()),
                    _ => false,
                };
                if !inside {
                    outside.push(path.clone());
                }
            }
            if !meta.is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = if source.swagger_override.as_deref() == Some(path.as_path()) {
                Some(FileKind::Swagger)
            } else {
                FileKind::from_file_name(&name)
            };
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
                None if outside.contains(&file.path) => Err(LoadError::new(
                    &file.path,
                    "the file is a symbolic link to outside the package folder; it was not read",
                )),
                None => read_text(&file.path, file.size, source)
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

fn read_text(path: &Path, size: u64, source: &Source) -> Result<String, LoadError> {
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
    let bytes = fs::read(path).map_err(|e| LoadError::new(path, e.to_string()))?;
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

/// `size` in MB with one decimal (bytes below 1 MB), for messages.
fn human_size(size: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if size < MB {
        format!("{size} bytes")
    } else {
        format!("{:.1} MB", size as f64 / MB as f64)
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
