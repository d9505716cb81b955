//! `connector-ls diff OLD NEW` and `check --base REF`: breaking changes between two versions of
//! a connector, rendered like `check` (same formats, same exit statuses).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{
    display_path, locate_with, render, CheckOptions, CheckRun, Checked, ColorChoice, OutputFormat,
    PathError, EXIT_USAGE,
};
use crate::workspace::files;
use crate::workspace::search::find_packages;
use crate::workspace::source::DISK;
use connector_ls_core::diff;
use connector_ls_core::package::{Document, FileKind, Package, Source, DEFAULT_MAX_FILE_SIZE};
use connector_ls_core::rules::{self, Config};
use connector_ls_core::text::escape::escape;

/// What `diff` needs.
#[derive(Clone, Debug)]
pub struct DiffOptions {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: OutputFormat,
    pub color: ColorChoice,
}

/// Loads one side of a diff: a connector folder, a package file (the whole folder), or any
/// other JSON file as the swagger on its own.
pub fn load_side(path: &Path) -> Result<Package, PathError> {
    let err = |path: &Path, message: String| PathError {
        path: path.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(path, e.to_string()))?;
    if !meta.is_file() && !meta.is_dir() {
        return Err(err(
            path,
            "not a regular file or a folder; it was not read".into(),
        ));
    }
    if meta.is_file() {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if FileKind::from_file_name(&name) != Some(FileKind::Swagger) {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            // Read as `check` reads a package file: inside its folder, a regular file, at most
            // the size limit by the bytes read.
            let bytes = files::read_bounded(dir, path, DEFAULT_MAX_FILE_SIZE)
                .map_err(|message| err(path, message))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                err(
                    path,
                    format!("the file is not valid UTF-8 (first invalid byte at offset {at})"),
                )
            })?;
            let doc = Document::new(path.to_path_buf(), FileKind::Swagger, &text);
            return Ok(Package::from_documents(dir, vec![doc], None));
        }
    }
    let found = find_packages(&[path.to_path_buf()]).map_err(|e| err(&e.path, e.message))?;
    let [(dir, explicit)] = found.as_slice() else {
        let message = if found.is_empty() {
            "no connector package found (no apiDefinition.swagger.json or apiProperties.json)"
                .to_string()
        } else {
            format!(
                "{} connector packages found; diff compares one with one",
                found.len()
            )
        };
        return Err(err(path, message));
    };
    let disk = DISK;
    let source = Source {
        swagger_override: explicit.clone(),
        ..Source::new(&disk)
    };
    let pkg = Package::load(dir, None, &source).map_err(|e| err(&e.path, e.message))?;
    if pkg.swagger.is_none() {
        // A swagger that is there but was not read (over the limit, a link out of the folder,
        // not a regular file) says why.
        let unread = pkg.load_errors.iter().find(|e| {
            let name = e.path.file_name().unwrap_or_default().to_string_lossy();
            FileKind::from_file_name(&name) == Some(FileKind::Swagger)
                || explicit.as_deref() == Some(e.path.as_path())
        });
        return Err(match unread {
            Some(e) => err(&e.path, e.message.clone()),
            None => err(path, "the package has no swagger to compare".into()),
        });
    }
    Ok(pkg)
}

/// `connector-ls diff`: compares, renders to stdout, and returns the exit status.
pub fn run(opts: &DiffOptions) -> i32 {
    let started = Instant::now();
    let (old, new) = match (load_side(&opts.old), load_side(&opts.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            for e in [o.err(), n.err()].into_iter().flatten() {
                eprintln!(
                    "connector-ls: {}: {}",
                    escape(&e.path.display().to_string()),
                    escape(&e.message)
                );
            }
            return EXIT_USAGE;
        }
    };
    // The new side's `connector-ls.toml`: its rules and accepted breaking changes apply.
    let config = match super::configs::of_folder(&new.dir) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let findings = diff::compare_configured(&old, &new, &config)
        .into_iter()
        .map(|f| locate_with(&new, Some(&old), f))
        .collect();
    let run = CheckRun {
        checked: vec![Checked {
            dir: new.dir.clone(),
            publisher: new.publisher,
            findings,
            fixed: 0,
            main_file: None,
            connector: true,
            proposed: Vec::new(),
        }],
        errors: Vec::new(),
        elapsed: started.elapsed(),
        config: Config::default(),
        adoption: Default::default(),
    };
    let render_opts = CheckOptions {
        format: opts.format,
        color: opts.color,
        ..CheckOptions::default()
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match render(&run, &render_opts, &mut out).and_then(|()| out.flush()) {
        Ok(()) => run.exit_code(),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => run.exit_code(),
        Err(e) => {
            eprintln!("connector-ls: cannot write the output: {e}");
            EXIT_USAGE
        }
    }
}

/// Whether `reference` names a commit of the git repository around `dir`.
pub fn ref_exists(dir: &Path, reference: &str) -> bool {
    crate::workspace::git::ref_exists(dir, reference)
}

/// The breaking changes of `package` since git ref `reference` (empty when its swagger did not
/// exist there, or the ref is not a commit of the package's repository), filtered by `config`
/// and the threshold, and placed. The ref is verified and resolved to a commit hash first; only
/// the hash reaches `git show`.
pub fn since_base(
    package: &Package,
    reference: &str,
    config: &Config,
    threshold: rules::Severity,
) -> Vec<super::Located> {
    let commit = match crate::workspace::git::verify(&package.dir, reference) {
        Ok(commit) => commit,
        Err(e) => {
            tracing::warn!(dir = %package.dir.display(), "--base: {e}");
            return Vec::new();
        }
    };
    let label = |p: &Path| PathBuf::from(format!("{reference}:{}", display_path(p)));
    let Some(old) = crate::workspace::git::base_package(package, &commit, &label) else {
        return Vec::new();
    };
    let mut findings = diff::compare_configured(&old, package, config);
    findings.extend(
        rules::review::compare(&old, package)
            .into_iter()
            .filter(|f| rules::rule(f.code).is_some_and(|r| config.is_enabled(r))),
    );
    findings
        .into_iter()
        .filter(|f| f.severity >= threshold)
        .map(|f| locate_with(package, Some(&old), f))
        .collect()
}
