//! connector-ls-workspace: the world around the engine, shared by both edges (the command line
//! and the language server): the one way package files are resolved and read ([`files`]), the
//! search for connector folders below a path ([`search`]), the engine's
//! [`FileSource`](connector_ls_core::package::FileSource) over the disk with editor buffers over
//! it ([`source`]), git ([`git`]), the configuration files ([`config`]), and submission zips
//! read from disk and checked with the connector inside ([`zip`]).
//!
//! Nothing here renders for a terminal or speaks the LSP.

pub mod config;
pub mod files;
pub mod git;
pub mod search;
pub mod source;
pub mod zip;

use std::path::{Path, PathBuf};

/// A path or folder that could not be read.
#[derive(Clone, Debug)]
pub struct PathError {
    pub path: PathBuf,
    pub message: String,
}

/// A path for display: `./` stripped, separators kept as the platform has them.
pub fn display_path(path: &Path) -> String {
    let s = path.display().to_string();
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s,
    }
}
