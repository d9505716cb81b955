//! The git side of breaking-change checks: the base version of a package's files.
//!
//! Shared by `check --base REF` and the language server. Every git run has a timeout and every
//! failure (git missing, not a repository, unknown ref, file new since the base) is `None`:
//! callers carry on without a base, they never fail because of git.
//!
//! A ref comes from the command line or from editor settings, which a repository can ship
//! (`.vscode/settings.json`), so it is never trusted: [`verify`] refuses anything that looks like
//! an option and resolves the rest to a commit hash with `rev-parse --verify --end-of-options`,
//! and only that hash reaches `git show`. Every value that is not a fixed word of ours is passed
//! after `--end-of-options`, and `git` is always the one found on `PATH`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use connector_ls_core::package::{Document, FileKind, Package};

/// How long one git command may run before it is killed and treated as failed.
pub const GIT_TIMEOUT: Duration = Duration::from_secs(10);

/// Runs `git -C dir ARGS --end-of-options OPERANDS` and returns its stdout when it exits
/// successfully within [`GIT_TIMEOUT`]. `args` are fixed words of ours; `operands` may carry
/// values from outside (refs, branch names), which `--end-of-options` keeps from being read as
/// options whatever they start with.
fn git(dir: &Path, args: &[&str], operands: &[&str]) -> Option<Vec<u8>> {
    let mut cmd = Command::new("git");
    // `-C` takes the next argument as its value, so a folder named `-x` is still a folder. A
    // repository's own config could name an fsmonitor program; none of these commands needs one.
    cmd.arg("-C")
        .arg(dir)
        .args(["-c", "core.fsmonitor=false"])
        .args(args);
    if !operands.is_empty() {
        cmd.arg("--end-of-options").args(operands);
    }
    let mut child = cmd
        // Reading must not take the index lock an editor's own git integration may hold.
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| tracing::debug!(%e, "cannot run git"))
        .ok()?;
    // Drain the pipes on threads so a large `git show` cannot fill them and stall the child.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + GIT_TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                tracing::warn!(?args, dir = %dir.display(), "git timed out; carrying on without it");
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Err(e) => {
                tracing::debug!(%e, "waiting for git failed");
                break None;
            }
        }
    };
    let out = stdout.join().unwrap_or_default();
    let err = stderr.join().unwrap_or_default();
    match status {
        Some(s) if s.success() => Some(out),
        Some(_) => {
            tracing::debug!(
                ?args,
                dir = %dir.display(),
                stderr = %String::from_utf8_lossy(&err).trim(),
                "git failed"
            );
            None
        }
        None => None,
    }
}

/// Runs `git -C dir ARGS --end-of-options OPERANDS` (within [`GIT_TIMEOUT`]): its stdout when it
/// succeeds. Values that are not the caller's own go in `operands`, never in `args`.
pub fn run(dir: &Path, args: &[&str], operands: &[&str]) -> Option<Vec<u8>> {
    git(dir, args, operands)
}

/// As [`run`], the output trimmed to one line (`None` when empty).
pub fn run_line(dir: &Path, args: &[&str], operands: &[&str]) -> Option<String> {
    git_line(dir, args, operands)
}

fn git_line(dir: &Path, args: &[&str], operands: &[&str]) -> Option<String> {
    let out = String::from_utf8(git(dir, args, operands)?).ok()?;
    let line = out.trim();
    (!line.is_empty()).then(|| line.to_string())
}

/// Whether `dir` is inside a git work tree (false when git is missing).
pub fn in_repository(dir: &Path) -> bool {
    git_line(dir, &["rev-parse", "--is-inside-work-tree"], &[]).as_deref() == Some("true")
}

/// Why a ref was refused by [`verify`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RefError {
    /// It would be read as an option, or holds characters no ref has.
    #[error("`{0}` is not a git ref (a ref does not start with `-` or hold spaces or control characters)")]
    Malformed(String),
    /// Well formed, but not a commit of the repository (or no repository, or no git).
    #[error("`{reference}` is not a commit of the git repository at {dir}")]
    Unknown { reference: String, dir: PathBuf },
}

/// Whether `reference` could be a ref at all: not empty, not starting with `-` (an option), no
/// whitespace or control characters. Says nothing about whether it exists.
pub fn is_well_formed(reference: &str) -> bool {
    !reference.is_empty()
        && !reference.starts_with('-')
        && !reference
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
}

/// Whether `s` is a full commit hash (SHA-1 or SHA-256), as [`verify`] returns.
pub fn is_commit_hash(s: &str) -> bool {
    matches!(s.len(), 40 | 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The commit `reference` names in the repository around `dir`, as a full hash: refused when it
/// looks like an option, then resolved with `git rev-parse --verify --end-of-options REF^{commit}`.
/// Callers use the hash from then on, never `reference` itself.
pub fn verify(dir: &Path, reference: &str) -> Result<String, RefError> {
    if !is_well_formed(reference) {
        return Err(RefError::Malformed(reference.to_string()));
    }
    resolve(dir, reference)
        .filter(|h| is_commit_hash(h))
        .ok_or_else(|| RefError::Unknown {
            reference: reference.to_string(),
            dir: dir.to_path_buf(),
        })
}

/// Whether `reference` names a commit of the git repository around `dir`.
pub fn ref_exists(dir: &Path, reference: &str) -> bool {
    verify(dir, reference).is_ok()
}

/// The commit `reference` names, as git prints it (see [`verify`] for refs from outside).
fn resolve(dir: &Path, reference: &str) -> Option<String> {
    git_line(
        dir,
        &["rev-parse", "--verify", "--quiet"],
        &[&format!("{reference}^{{commit}}")],
    )
}

/// The default base of a work tree: the merge-base of `HEAD` with the default branch (the
/// remote's `HEAD`, else `main` or `master`, local or on `origin`), or `HEAD` itself when there
/// is no such branch. `None` outside a repository or before the first commit.
pub fn default_base(dir: &Path) -> Option<String> {
    // One git run outside a repository rather than one per candidate branch.
    if !in_repository(dir) {
        return None;
    }
    let branch = git_line(
        dir,
        &["symbolic-ref", "--quiet", "--short"],
        &["refs/remotes/origin/HEAD"],
    )
    .or_else(|| {
        ["main", "master", "origin/main", "origin/master"]
            .into_iter()
            .find(|b| resolve(dir, b).is_some())
            .map(str::to_string)
    });
    if let Some(branch) = branch {
        // The branch name comes from the repository: an operand, never an option.
        if let Some(base) =
            git_line(dir, &["merge-base"], &["HEAD", &branch]).filter(|h| is_commit_hash(h))
        {
            return Some(base);
        }
    }
    resolve(dir, "HEAD").filter(|h| is_commit_hash(h))
}

/// The text of `path` at commit `commit` (a full hash from [`verify`] or [`default_base`]; any
/// other value is refused): `git show --no-textconv HASH:./name`, run in the file's folder so
/// the path is relative to it. `None` when the file did not exist there, or git failed.
pub fn show(commit: &str, path: &Path) -> Option<String> {
    if !is_commit_hash(commit) {
        tracing::warn!(commit, "not a commit hash; git show was not run");
        return None;
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name()?.to_string_lossy();
    let blob = git(
        dir,
        &["show", "--no-textconv"],
        &[&format!("{commit}:./{name}")],
    )?;
    String::from_utf8(blob).ok()
}

/// The version of `package` at commit `commit` (a full hash, see [`show`]): its swagger and
/// apiProperties as they were there, each with the path `labelled` gives it (the text is not on
/// disk). `None` when the swagger did not exist at the base (a new connector has nothing to
/// break) or git is unavailable.
pub fn base_package(
    package: &Package,
    commit: &str,
    labelled: &dyn Fn(&Path) -> PathBuf,
) -> Option<Package> {
    let swagger = package.swagger.as_ref()?;
    let text = show(commit, &swagger.path)?;
    let mut docs = vec![Document::new(
        labelled(&swagger.path),
        FileKind::Swagger,
        &text,
    )];
    if let Some(props) = &package.api_properties {
        if let Some(text) = show(commit, &props.path) {
            docs.push(Document::new(
                labelled(&props.path),
                FileKind::ApiProperties,
                &text,
            ));
        }
    }
    Some(Package::from_documents(
        &package.dir,
        docs,
        Some(package.publisher),
    ))
}

/// The files changed since `reference` in the repository around `dir`: committed, staged and
/// unstaged changes (`git diff --name-only --no-renames REF`: a moved file counts at both its
/// names) and untracked files (`git ls-files --others --exclude-standard`), as absolute paths
/// under the repository's top folder (made canonical), which is returned with them. `None` when
/// git fails.
pub fn changed_files(dir: &Path, reference: &str) -> Option<(PathBuf, Vec<PathBuf>)> {
    let top = PathBuf::from(git_line(dir, &["rev-parse", "--show-toplevel"], &[])?);
    let root = std::fs::canonicalize(&top).unwrap_or(top);
    let mut files: Vec<PathBuf> = Vec::new();
    // `-z`: names as they are (no quoting), NUL-separated; REF follows `--end-of-options`.
    let lists = [
        git(
            &root,
            &["diff", "--name-only", "-z", "--no-renames"],
            &[reference, "--"],
        )?,
        git(
            &root,
            &[
                "ls-files",
                "-z",
                "--others",
                "--exclude-standard",
                "--full-name",
            ],
            &[],
        )?,
    ];
    for list in lists {
        for name in list.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            files.push(root.join(path_of_bytes(name)));
        }
    }
    files.sort();
    files.dedup();
    Some((root, files))
}

/// A file name as git prints it with `-z`: the bytes as they are (on Unix, any name).
#[cfg(unix)]
fn path_of_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_of_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}
