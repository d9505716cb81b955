//! `--changed-since REF`: the connectors whose files changed since a git ref, as a pull-request
//! pipeline checks them.
//!
//! The ref is resolved first (`git rev-parse --verify --end-of-options REF^{commit}`); the
//! changed files are those of `git diff --name-only REF...` (since the merge-base of REF and
//! `HEAD`), plus the uncommitted changes and the untracked files of the work tree, so a local run
//! sees what the pipeline will. Every git call passes `--end-of-options`: a value is never
//! parsed as an option.

use std::path::{Path, PathBuf};

use crate::workspace::git;

/// The files changed since a ref.
#[derive(Debug)]
pub struct Changed {
    /// The commit the changes are counted from (the merge-base of REF and HEAD): also the base
    /// of the breaking-change comparison.
    pub base: String,
    /// The commit REF names.
    pub commit: String,
    /// The changed files, absolute (under the repository's top folder, made canonical).
    pub files: Vec<PathBuf>,
}

/// The files changed since `reference` in the repository around `dir`.
pub fn since(dir: &Path, reference: &str) -> Result<Changed, String> {
    let commit = git::verify(dir, reference).map_err(|e| e.to_string())?;
    let base =
        git::run_line(dir, &["merge-base"], &[&commit, "HEAD"]).unwrap_or_else(|| commit.clone());
    let (_, files) = git::changed_files(dir, &base).ok_or("git diff or git ls-files failed")?;
    Ok(Changed {
        base,
        commit,
        files,
    })
}

impl Changed {
    /// Whether a file under connector folder `dir` changed.
    pub fn touches(&self, dir: &Path) -> bool {
        match std::fs::canonicalize(dir) {
            Ok(dir) => self.files.iter().any(|f| f.starts_with(&dir)),
            Err(_) => false,
        }
    }
}
