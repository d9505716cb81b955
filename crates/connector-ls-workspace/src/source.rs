//! The engine's [`FileSource`] over the disk: every listing and read goes through [`files`]
//! (a package file is read only inside its folder, only when it is a regular file, and never
//! past the limit), and the language server's open buffers win over the files.

use std::fs;
use std::path::Path;

use connector_ls_core::package::{FileSource, Listed, LoadError, Package, Publisher, Source};
use connector_ls_core::text::SharedText;

use crate::files;

/// The open buffers of an editor: the text of a file, by path.
pub type Buffers<'a> = &'a (dyn Fn(&Path) -> Option<SharedText> + Sync);

/// The disk, without buffers.
pub const DISK: Disk<'static> = Disk { buffers: None };

/// Package folders on disk, with an optional overlay of editor buffers.
#[derive(Clone, Copy, Default)]
pub struct Disk<'a> {
    buffers: Option<Buffers<'a>>,
}

impl<'a> Disk<'a> {
    /// The disk, with `buffers` winning over the files they have a text for.
    pub fn with_buffers(buffers: Buffers<'a>) -> Self {
        Self {
            buffers: Some(buffers),
        }
    }
}

impl FileSource for Disk<'_> {
    fn list(&self, dir: &Path) -> Result<Vec<Listed>, String> {
        let entries = fs::read_dir(dir).map_err(|e| e.to_string())?;
        let mut listed = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            // Resolved the one way reads use ([`files::resolve`]): a link out of the folder,
            // or anything but a regular file, is refused and never opened.
            let refused = files::resolve(dir, &path).err();
            let size = fs::metadata(&path)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len());
            listed.push(Listed {
                name,
                path,
                size,
                refused,
            });
        }
        Ok(listed)
    }

    fn read(&self, dir: &Path, path: &Path, limit: u64) -> Result<Vec<u8>, String> {
        files::read_bounded(dir, path, limit)
    }

    fn buffer(&self, path: &Path) -> Option<SharedText> {
        self.buffers.and_then(|b| b(path))
    }
}

/// Loads the package in folder `dir` from the disk, with the default limits.
pub fn load(dir: &Path, publisher: Option<Publisher>) -> Result<Package, LoadError> {
    Package::load(dir, publisher, &Source::new(&DISK))
}
