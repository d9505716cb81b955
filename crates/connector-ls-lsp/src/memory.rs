//! The package files as the last snapshot of a folder holds them, as a
//! [`FileSource`]: the request path (completion, hover, navigation, symbols) rebuilds a package
//! after a buffer edit from this instead of the disk. Only the open buffers are new; every
//! other file is what the snapshot read (the background check reads the disk again).

use std::path::Path;

use connector_ls_core::package::{FileKind, FileSource, Listed, Package};
use connector_ls_core::text::SharedText;

/// The files of `previous`, with the open `buffers` over them.
pub struct Remembered<'a> {
    pub previous: &'a Package,
    pub buffers: &'a (dyn Fn(&Path) -> Option<SharedText> + Sync),
}

impl FileSource for Remembered<'_> {
    fn list(&self, dir: &Path) -> Result<Vec<Listed>, String> {
        if dir != self.previous.dir {
            return Err(format!("{} was not read before", dir.display()));
        }
        let refusal = |path: &Path| {
            self.previous
                .load_errors
                .iter()
                .find(|e| e.path == path)
                .map(|e| e.message.clone())
        };
        let mut listed: Vec<Listed> = self
            .previous
            .files
            .iter()
            .map(|f| Listed {
                name: f.name.clone(),
                path: f.path.clone(),
                size: Some(f.size),
                // Refused at listing (a link out of the package, ...) or when read (not UTF-8,
                // over the limit): either way the load reports it again, and reads nothing.
                refused: refusal(&f.path),
            })
            .collect();
        // Entries that were refused without being regular files (a FIFO named readme.md).
        for e in &self.previous.load_errors {
            if !self.previous.files.iter().any(|f| f.path == e.path) {
                listed.push(Listed {
                    name: e
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    path: e.path.clone(),
                    size: None,
                    refused: Some(e.message.clone()),
                });
            }
        }
        Ok(listed)
    }

    fn read(&self, _dir: &Path, path: &Path, _limit: u64) -> Result<Vec<u8>, String> {
        let pkg = self.previous;
        if let Some(doc) = pkg.documents().find(|d| d.path == path) {
            let mut bytes = Vec::with_capacity(doc.text().len() + 3);
            if doc.had_bom {
                bytes.extend_from_slice("\u{feff}".as_bytes());
            }
            bytes.extend_from_slice(doc.text().as_bytes());
            return Ok(bytes);
        }
        if let Some(e) = pkg.load_errors.iter().find(|e| e.path == path) {
            return Err(e.message.clone());
        }
        let kind = pkg
            .files
            .iter()
            .find(|f| f.path == path)
            .and_then(|f| f.kind);
        let bytes = match kind {
            Some(FileKind::Readme) => pkg.readme_text().map(|t| t.as_bytes().to_vec()),
            Some(FileKind::Intro) => pkg.intro_text().map(|t| t.as_bytes().to_vec()),
            Some(FileKind::Script) => pkg.script_text().map(|t| t.as_bytes().to_vec()),
            Some(FileKind::Icon) => pkg.icon_bytes().map(<[u8]>::to_vec),
            _ => None,
        };
        bytes.ok_or_else(|| format!("{} was not read before", path.display()))
    }

    fn buffer(&self, path: &Path) -> Option<SharedText> {
        (self.buffers)(path)
    }
}
