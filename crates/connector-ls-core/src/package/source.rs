//! Where a package's files come from. The engine reads nothing itself: the edges hand in a
//! [`FileSource`] (the disk, with the language server's open buffers over it; the entries of
//! a submission zip; files built in a test), and [`Package::load`](super::Package::load) asks
//! it for the folder's listing and the bytes of the files it needs, once per load.

use std::path::{Path, PathBuf};

use crate::text::SharedText;

/// One entry of a package folder, as a [`FileSource`] lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    /// The file name as stored (not normalised).
    pub name: String,
    pub path: PathBuf,
    /// The size of the file, following a symbolic link; `None` when the entry is not (or does
    /// not lead to) a regular file.
    pub size: Option<u64>,
    /// Why the file must not be read (a symbolic link out of the package, a FIFO, a device):
    /// a sentence for the `FileNotReadable` finding. Such a file is listed, never read.
    pub refused: Option<String>,
}

/// The files of package folders, for the engine.
pub trait FileSource: Sync {
    /// The entries of folder `dir`. `Err`: the folder itself cannot be read (the reason).
    fn list(&self, dir: &Path) -> Result<Vec<Listed>, String>;

    /// The bytes of `path`, an entry [`list`](Self::list) gave for `dir` and did not refuse;
    /// refused (the reason) when it holds more than `limit` bytes or cannot be read.
    fn read(&self, dir: &Path, path: &Path, limit: u64) -> Result<Vec<u8>, String>;

    /// The text of an editor buffer open on `path`, which wins over the file's bytes (of every
    /// kind: the JSON documents, the readme, intro and script).
    fn buffer(&self, _path: &Path) -> Option<SharedText> {
        None
    }
}

/// No folder has any file: for packages built from documents handed in one by one.
pub struct NoFiles;

impl FileSource for NoFiles {
    fn list(&self, dir: &Path) -> Result<Vec<Listed>, String> {
        Err(format!("{} is not available here", dir.display()))
    }

    fn read(&self, _dir: &Path, path: &Path, _limit: u64) -> Result<Vec<u8>, String> {
        Err(format!("{} is not available here", path.display()))
    }
}

/// `size` in MB with one decimal (bytes below 1 MB), for messages.
pub fn human_size(size: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if size < MB {
        format!("{size} bytes")
    } else {
        format!("{:.1} MB", size as f64 / MB as f64)
    }
}
