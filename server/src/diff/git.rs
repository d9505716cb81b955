//! The git side of breaking-change checks: the base version of a package's files.
//!
//! Shared by `check --base REF` and the language server. Every git run has a timeout and every
//! failure (git missing, not a repository, unknown ref, file new since the base) is `None`:
//! callers carry on without a base, they never fail because of git.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::package::{Document, FileKind, Package};

/// How long one git command may run before it is killed and treated as failed.
pub const GIT_TIMEOUT: Duration = Duration::from_secs(10);

/// Runs `git -C dir ARGS` and returns its stdout when it exits successfully within
/// [`GIT_TIMEOUT`].
fn git(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
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

fn git_line(dir: &Path, args: &[&str]) -> Option<String> {
    let out = String::from_utf8(git(dir, args)?).ok()?;
    let line = out.trim();
    (!line.is_empty()).then(|| line.to_string())
}

/// Whether `dir` is inside a git work tree (false when git is missing).
pub fn in_repository(dir: &Path) -> bool {
    git_line(dir, &["rev-parse", "--is-inside-work-tree"]).as_deref() == Some("true")
}

/// Whether `reference` names a commit of the git repository around `dir`.
pub fn ref_exists(dir: &Path, reference: &str) -> bool {
    resolve(dir, reference).is_some()
}

/// The commit `reference` names, as a full hash.
pub fn resolve(dir: &Path, reference: &str) -> Option<String> {
    git_line(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{reference}^{{commit}}"),
        ],
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
        &[
            "symbolic-ref",
            "--quiet",
            "--short",
            "refs/remotes/origin/HEAD",
        ],
    )
    .or_else(|| {
        ["main", "master", "origin/main", "origin/master"]
            .into_iter()
            .find(|b| resolve(dir, b).is_some())
            .map(str::to_string)
    });
    if let Some(branch) = branch {
        if let Some(base) = git_line(dir, &["merge-base", "HEAD", &branch]) {
            return Some(base);
        }
    }
    resolve(dir, "HEAD")
}

/// The text of `path` at git ref `reference` (`git show REF:./name`, run in the file's folder
/// so the path is relative to it). `None` when the file did not exist there, or git failed.
pub fn show(reference: &str, path: &Path) -> Option<String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name()?.to_string_lossy();
    String::from_utf8(git(dir, &["show", &format!("{reference}:./{name}")])?).ok()
}

/// The version of `package` at git ref `reference`: its swagger and apiProperties as they were
/// there, each with the path `labelled` gives it (the text is not on disk). `None` when the
/// swagger did not exist at the base (a new connector has nothing to break) or git is
/// unavailable.
pub fn base_package(
    package: &Package,
    reference: &str,
    labelled: &dyn Fn(&Path) -> PathBuf,
) -> Option<Package> {
    let swagger = package.swagger.as_ref()?;
    let text = show(reference, &swagger.path)?;
    let mut docs = vec![Document::new(
        labelled(&swagger.path),
        FileKind::Swagger,
        &text,
    )];
    if let Some(props) = &package.api_properties {
        if let Some(text) = show(reference, &props.path) {
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
/// unstaged changes (`git diff --name-only REF`) and untracked files (`git ls-files --others
/// --exclude-standard`), as absolute paths, with the repository's root. `None` when git fails.
pub fn changed_files(dir: &Path, reference: &str) -> Option<(PathBuf, Vec<PathBuf>)> {
    let root = PathBuf::from(git_line(dir, &["rev-parse", "--show-toplevel"])?);
    let mut files: Vec<PathBuf> = Vec::new();
    // `-z`: names as they are (no quoting), NUL-separated; `--` ends the options before REF.
    let lists = [
        git(&root, &["diff", "--name-only", "-z", reference, "--"])?,
        git(&root, &["ls-files", "--others", "--exclude-standard", "-z"])?,
    ];
    for list in lists {
        for name in list.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            files.push(root.join(String::from_utf8_lossy(name).as_ref()));
        }
    }
    files.sort();
    files.dedup();
    Some((root, files))
}
