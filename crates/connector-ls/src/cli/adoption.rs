//! Adopting the checker on an existing repository: `--statistics`, `--max-warnings`, the
//! "fixable" summary, `--unsafe-fixes`, `--diff`, `--baseline`/`--write-baseline`
//! ([`super::baseline`]), `--changed-since` ([`super::changed`]) and `check -` (a swagger on
//! stdin).
//!
//! [`prepare`] checks the flags and resolves what needs the outside world (stdin, git, the
//! baseline file) before the run; [`finish`] applies the baseline after it; the renderers read
//! [`Report`].

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::{
    baseline, changed, display_path, CheckOptions, CheckRun, OutputFormat, PathError,
    EXIT_FINDINGS, EXIT_OK, EXIT_USAGE,
};
use crate::workspace::source::{Disk, DISK};
use connector_ls_core::package::{Document, FileKind, Package, PackageFile, Source};
use connector_ls_core::rules::{self, Safety, Severity};
use connector_ls_core::text::SharedText;

/// The flags of this module, flattened into `check`'s arguments.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct AdoptionOptions {
    /// Print the number of findings per code (with severity and whether fixable) instead of the
    /// findings.
    #[arg(long)]
    pub statistics: bool,
    /// Exit with status 1 when more than N warnings are reported.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Apply the unsafe fixes too (content to review: drafted labels and descriptions), with
    /// --fix or --diff.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them (exit 1 if there are any).
    #[arg(long)]
    pub diff: bool,
    /// Report only the findings not recorded in this baseline file (see docs/baseline.md).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every finding of this run in a baseline file (then the run exits as with it).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Check only the connectors whose files changed since this git ref, and report their
    /// breaking changes against it.
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// With `check -`: where the swagger read from stdin would be (names it in the output and
    /// finds its package folder). Default: apiDefinition.swagger.json in the current folder.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Resolved by [`prepare`]: the swagger read from stdin.
    #[arg(skip)]
    pub stdin: Option<StdinSwagger>,
    /// Resolved by [`prepare`]: the files changed since `--changed-since`.
    #[arg(skip)]
    pub changed: Option<Arc<changed::Changed>>,
    /// Resolved by [`prepare`]: the loaded `--baseline`.
    #[arg(skip)]
    pub loaded_baseline: Option<Arc<baseline::Baseline>>,
}

/// `check -`: the text read from stdin and the path it stands for.
#[derive(Clone, Debug)]
pub struct StdinSwagger {
    /// `folder/name` as given by `--stdin-filename` (`./name` without a folder).
    pub path: PathBuf,
    pub text: SharedText,
}

/// A file `--diff` would change.
#[derive(Clone, Debug)]
pub struct Change {
    pub path: PathBuf,
    pub before: String,
    pub after: String,
}

/// What the adoption flags add to a run's output.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Findings left out because the baseline records them.
    pub baselined: usize,
    /// Baseline entries of the checked connectors that no longer occur.
    pub stale: Vec<baseline::Entry>,
    /// The baseline file the run was compared with.
    pub baseline_file: Option<PathBuf>,
}

/// Checks the flag combinations and resolves stdin, `--changed-since` and `--baseline` into
/// `opts`. `Err` is the exit status of a usage error (already reported on stderr).
pub fn prepare(opts: &mut CheckOptions) -> Result<(), i32> {
    let usage = |msg: String| {
        eprintln!("connector-ls: {msg}");
        Err(EXIT_USAGE)
    };
    let a = &opts.adoption;
    if a.statistics && matches!(opts.format, OutputFormat::Sarif | OutputFormat::Github) {
        return usage("--statistics prints text or json; drop --format".into());
    }
    if a.diff && a.statistics {
        return usage("--diff and --statistics cannot be combined".into());
    }
    let stdin = opts.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin && opts.paths.len() > 1 {
        return usage("`check -` reads one swagger from stdin; give no other path".into());
    }
    if !stdin && a.stdin_filename.is_some() {
        return usage("--stdin-filename applies to `check -` only".into());
    }
    if stdin && opts.fix && !a.diff {
        return usage("--fix cannot write back to stdin; use --diff to see the fixes".into());
    }
    if stdin && a.changed_since.is_some() {
        return usage("--changed-since does not apply to `check -`".into());
    }
    if stdin {
        let named = a
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from(FileKind::Swagger.file_name()));
        let Some(name) = named.file_name() else {
            return usage(format!(
                "--stdin-filename {}: not a file name",
                named.display()
            ));
        };
        let dir = named
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let text = match read_stdin(opts.max_file_size) {
            Ok(t) => t,
            Err(msg) => return usage(format!("cannot read the swagger from stdin: {msg}")),
        };
        opts.paths = vec![dir.to_path_buf()];
        opts.adoption.stdin = Some(StdinSwagger {
            path: dir.join(name),
            text: text.into(),
        });
    }
    if let Some(reference) = opts.adoption.changed_since.clone() {
        let dir = super::git_dir(&opts.paths[0]);
        match changed::since(&dir, &reference) {
            Ok(c) => {
                if opts.base.is_none() {
                    // The ref as the user wrote it labels the old versions when it is the
                    // merge-base itself (a branch that HEAD is based on).
                    opts.base = Some(if c.base == c.commit {
                        reference.clone()
                    } else {
                        c.base.clone()
                    });
                }
                opts.adoption.changed = Some(Arc::new(c));
            }
            Err(msg) => return usage(format!("--changed-since {reference}: {msg}")),
        }
    }
    if let Some(file) = opts.adoption.baseline.clone() {
        match baseline::Baseline::read(&file) {
            Ok(b) => opts.adoption.loaded_baseline = Some(Arc::new(b)),
            Err(msg) => return usage(format!("--baseline {}: {msg}", file.display())),
        }
    }
    Ok(())
}

/// Reads stdin whole, refusing more than `limit` bytes and text that is not UTF-8.
fn read_stdin(limit: u64) -> Result<String, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!("more than {limit} bytes (see --max-file-size)"));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// In-memory texts that stand for files: the swagger from stdin, and the files as `--diff`
/// would leave them. Keys are the paths [`Package::load`] gives the files.
pub type Texts = HashMap<PathBuf, SharedText>;

/// The texts a check of `dir` starts from (the stdin swagger, when it is in `dir`).
pub fn initial_texts(opts: &CheckOptions) -> Texts {
    let mut texts = Texts::new();
    if let Some(s) = &opts.adoption.stdin {
        texts.insert(s.path.clone(), s.text.clone());
    }
    texts
}

/// Loads the package in `dir` with `texts` in place of the files they stand for. The stdin
/// swagger is the package's swagger even when no file of that name exists.
pub fn load(
    dir: &Path,
    explicit: &Option<PathBuf>,
    opts: &CheckOptions,
    texts: &Texts,
) -> Result<Package, PathError> {
    let stdin = opts.adoption.stdin.as_ref();
    let overlay = |p: &Path| texts.get(p).cloned();
    let disk = if texts.is_empty() {
        DISK
    } else {
        Disk::with_buffers(&overlay)
    };
    let source = Source {
        files: &disk,
        swagger_override: match stdin {
            Some(s) if FileKind::from_file_name(&file_name(&s.path)) != Some(FileKind::Swagger) => {
                Some(s.path.clone())
            }
            _ => explicit.clone(),
        },
        max_file_size: opts.max_file_size,
        previous: None,
    };
    let Some(s) = stdin else {
        return Package::load(dir, opts.publisher, &source).map_err(|e| PathError {
            path: e.path,
            message: e.message,
        });
    };
    let text = texts
        .get(&s.path)
        .cloned()
        .unwrap_or_else(|| s.text.clone());
    let doc = Document::from_text(s.path.clone(), FileKind::Swagger, text.to_string());
    if !dir.is_dir() {
        return Ok(Package::from_documents(dir, vec![doc], opts.publisher));
    }
    let mut package = Package::load(dir, opts.publisher, &source).map_err(|e| PathError {
        path: e.path,
        message: e.message,
    })?;
    if package.swagger.as_ref().map(|d| &d.path) != Some(&s.path) {
        // The file is not on disk (a new, unsaved swagger): it is the package's swagger anyway.
        for f in &mut package.files {
            if f.kind == Some(FileKind::Swagger) {
                f.kind = None;
            }
        }
        package.files.push(PackageFile {
            name: file_name(&s.path),
            path: s.path.clone(),
            kind: Some(FileKind::Swagger),
            size: text.len() as u64,
        });
        package.swagger = Some(doc);
        package.publisher = package.detect_publisher(opts.publisher);
    }
    Ok(package)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Applies the baseline and writes `--write-baseline`. `Err` is an exit status (reported).
pub fn finish(run: &mut CheckRun, opts: &CheckOptions) -> Result<(), i32> {
    // Written first, from every finding of the run (an older `--baseline` aside).
    let written = match &opts.adoption.write_baseline {
        Some(file) => match baseline::write(file, run) {
            Ok(n) => {
                eprintln!(
                    "connector-ls: recorded {n} finding{} in {}",
                    if n == 1 { "" } else { "s" },
                    file.display()
                );
                Some(n)
            }
            Err(msg) => {
                eprintln!("connector-ls: --write-baseline {}: {msg}", file.display());
                return Err(EXIT_USAGE);
            }
        },
        None => None,
    };
    if let Some(b) = &opts.adoption.loaded_baseline {
        let (baselined, stale) = b.apply(run);
        run.adoption.baselined = baselined;
        run.adoption.stale = stale;
        run.adoption.baseline_file = opts.adoption.baseline.clone();
    }
    if let Some(n) = written {
        // Everything is in the new baseline: the run reports as it would with it.
        run.adoption.baselined = n;
        run.adoption.stale.clear();
        run.adoption.baseline_file = opts.adoption.write_baseline.clone();
        for c in &mut run.checked {
            c.findings.clear();
        }
    }
    Ok(())
}

/// How many shown findings have a safe fix, and how many only an unsafe one.
pub fn fixable(run: &CheckRun) -> (usize, usize) {
    let mut safe = 0;
    let mut unsafe_only = 0;
    for (_, loc) in run.located() {
        match loc.finding.fix.as_ref().map(|f| f.safety) {
            Some(Safety::Safe) => safe += 1,
            Some(Safety::Unsafe) => unsafe_only += 1,
            None => {}
        }
    }
    (safe, unsafe_only)
}

/// The line after the text summary: "N fixable with --fix (M more with --unsafe-fixes)."
pub fn fixable_line(run: &CheckRun, unsafe_fixes: bool) -> Option<String> {
    let (safe, unsafe_only) = fixable(run);
    if unsafe_fixes {
        let n = safe + unsafe_only;
        return (n > 0).then(|| format!("{n} fixable with --fix --unsafe-fixes."));
    }
    match (safe, unsafe_only) {
        (0, 0) => None,
        (n, 0) => Some(format!("{n} fixable with --fix.")),
        // No safe fix: say what would fix them, not "0 fixable".
        (0, m) => Some(format!("{m} fixable with --fix --unsafe-fixes.")),
        (n, m) => Some(format!(
            "{n} fixable with --fix ({m} more with --unsafe-fixes)."
        )),
    }
}

/// One line of `--statistics`.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Statistic {
    pub code: &'static str,
    pub severity: Severity,
    pub count: usize,
    /// Findings of this code with a safe fix (`--fix` applies them).
    pub safe_fixes: usize,
    /// Findings of this code with an unsafe fix (`--fix --unsafe-fixes` applies them).
    pub unsafe_fixes: usize,
    pub summary: &'static str,
}

/// The findings of a run counted per code and severity, most frequent first.
pub fn statistics(run: &CheckRun) -> Vec<Statistic> {
    let mut by: BTreeMap<(&'static str, Severity), Statistic> = BTreeMap::new();
    for (_, loc) in run.located() {
        let f = &loc.finding;
        let s = by.entry((f.code, f.severity)).or_insert_with(|| Statistic {
            code: f.code,
            severity: f.severity,
            count: 0,
            safe_fixes: 0,
            unsafe_fixes: 0,
            summary: rules::rule(f.code).map_or("", |r| r.summary),
        });
        s.count += 1;
        match f.fix.as_ref().map(|fx| fx.safety) {
            Some(Safety::Safe) => s.safe_fixes += 1,
            Some(Safety::Unsafe) => s.unsafe_fixes += 1,
            None => {}
        }
    }
    let mut list: Vec<Statistic> = by.into_values().collect();
    list.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.severity.cmp(&a.severity))
            .then(a.code.cmp(b.code))
    });
    list
}

/// `--statistics`: a table (text) or an array (json), then in text the fixable line.
pub fn render_statistics(
    run: &CheckRun,
    opts: &CheckOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let stats = statistics(run);
    if opts.format == OutputFormat::Json {
        serde_json::to_writer_pretty(&mut *out, &stats)?;
        return writeln!(out);
    }
    let count_w = stats
        .iter()
        .map(|s| s.count.to_string().len())
        .max()
        .unwrap_or(1);
    let code_w = stats.iter().map(|s| s.code.len()).max().unwrap_or(4);
    for s in &stats {
        // `[*]` a safe fix exists, `[-]` only with --unsafe-fixes, `[ ]` no fix.
        let mark = if s.safe_fixes > 0 || (opts.adoption.unsafe_fixes && s.unsafe_fixes > 0) {
            "[*]"
        } else if s.unsafe_fixes > 0 {
            "[-]"
        } else {
            "[ ]"
        };
        writeln!(
            out,
            "{:>count_w$}  {:<code_w$}  {:<7}  {mark} {}",
            s.count,
            s.code,
            s.severity.as_str(),
            s.summary
        )?;
    }
    let total: usize = stats.iter().map(|s| s.count).sum();
    writeln!(
        out,
        "Found {total} finding{} in {} connector{}.",
        if total == 1 { "" } else { "s" },
        run.checked.len(),
        if run.checked.len() == 1 { "" } else { "s" }
    )?;
    extra_text_lines(run, opts, out)
}

/// The lines the adoption flags add after the text summary.
pub fn extra_text_lines(
    run: &CheckRun,
    opts: &CheckOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    if let Some(line) = fixable_line(run, opts.adoption.unsafe_fixes) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Notes on stderr: stale baseline entries, an empty `--changed-since`, too many warnings.
pub fn notes(run: &CheckRun, opts: &CheckOptions) {
    let stale = &run.adoption.stale;
    if !stale.is_empty() {
        let file = run
            .adoption
            .baseline_file
            .as_deref()
            .map(display_path)
            .unwrap_or_default();
        eprintln!(
            "connector-ls: note: {} baseline entr{} no longer found (fixed, or changed); \
             `--write-baseline {file}` drops {}:",
            stale.len(),
            if stale.len() == 1 { "y is" } else { "ies are" },
            if stale.len() == 1 { "it" } else { "them" }
        );
        const SHOWN: usize = 20;
        for e in stale.iter().take(SHOWN) {
            eprintln!("  {}", e.describe());
        }
        if stale.len() > SHOWN {
            eprintln!("  ... and {} more", stale.len() - SHOWN);
        }
    }
    if let (Some(reference), Some(changed)) = (&opts.adoption.changed_since, &opts.adoption.changed)
    {
        if run.checked.is_empty() && run.errors.is_empty() {
            eprintln!(
                "connector-ls: no connector under the given paths changed since {} ({} files changed)",
                super::subject::terminal_safe(reference),
                changed.files.len()
            );
        }
    }
    if let Some(max) = opts.adoption.max_warnings {
        let warnings = run.counts().warning;
        if warnings > max {
            eprintln!("connector-ls: {warnings} warnings, more than --max-warnings {max}");
        }
    }
}

/// The exit status: as [`CheckRun::exit_code`], and 1 when warnings exceed `--max-warnings`.
pub fn exit_code(run: &CheckRun, opts: &CheckOptions) -> i32 {
    let code = run.exit_code();
    match opts.adoption.max_warnings {
        Some(max) if code == EXIT_OK && run.counts().warning > max => EXIT_FINDINGS,
        _ => code,
    }
}

/// A file name for a diff header: quoted C-style (as git and GNU patch read it) when it has a
/// space, a quote or a backslash.
fn patch_name(name: &str) -> String {
    if !name.contains([' ', '\t', '"', '\\']) {
        return name.to_string();
    }
    let escaped = name
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\t', "\\t");
    format!("\"{escaped}\"")
}

/// `--diff`: the changes of every connector as a unified diff on stdout, a count on stderr;
/// exit 1 when there are changes.
pub fn render_diff(run: &CheckRun, out: &mut dyn Write) -> io::Result<i32> {
    let mut files = 0;
    for c in &run.checked {
        for change in &c.proposed {
            let name = patch_name(&display_path(&change.path));
            let diff = similar::TextDiff::from_lines(&change.before, &change.after);
            let text = diff
                .unified_diff()
                .context_radius(3)
                .header(&name, &name)
                .to_string();
            out.write_all(super::subject::terminal_safe(&text).as_bytes())?;
            files += 1;
        }
    }
    let fixes = run.fixed();
    if fixes > 0 {
        eprintln!(
            "connector-ls: would apply {fixes} fix{} to {files} file{}",
            if fixes == 1 { "" } else { "es" },
            if files == 1 { "" } else { "s" }
        );
    } else {
        eprintln!("connector-ls: no fix to apply");
    }
    Ok(if !run.errors.is_empty() {
        EXIT_USAGE
    } else if fixes > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
