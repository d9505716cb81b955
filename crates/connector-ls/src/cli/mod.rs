//! The command line edge: `check` (find packages, run the engine, render), `diff` (breaking
//! changes between two versions), `rules` and `explain`.
//!
//! `main.rs` only parses arguments into the option structs here. Everything that reaches a
//! terminal or a CI system is produced in this module and its renderers ([`text`], [`json`],
//! [`sarif`], [`github`]), all from one list of [`Located`] findings so positions are computed
//! once and agree across formats.

pub mod adoption;
pub mod autofix;
pub mod baseline;
pub mod changed;
pub mod configs;
pub mod diff;
pub mod github;
pub mod json;
pub mod log;
pub mod preview;
pub mod rules_cmd;
pub mod safe_json;
pub mod sarif;
pub mod text;
pub mod unreadable;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub use connector_ls_core::locate::{
    locate_all, locate_with, snippet, subject, Located, LocatedRelated, Position, Snippet,
    MAX_SHOWN_CHARS,
};
use connector_ls_core::package::{FileKind, Package, Publisher};
use connector_ls_core::rules::{self, Config, Finding, Severity};
use connector_ls_core::text::escape::escape;
use connector_ls_workspace::search::search_packages;
pub use connector_ls_workspace::{display_path, zip, PathError};

/// Exit status: no error-severity finding was reported.
pub const EXIT_OK: i32 = 0;
/// Exit status: at least one error-severity finding was reported.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: bad usage, or a path that could not be read.
pub const EXIT_USAGE: i32 = 2;

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: severity[Code] message`, the source line and a caret, then a summary.
    #[default]
    Text,
    /// The stable JSON document described in `docs/json-output.md`.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`).
    Github,
}

/// Whether the text output uses ANSI colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Decides for stdout.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && io::stdout().is_terminal()
            }
        }
    }
}

/// Everything `check` needs, already parsed.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: OutputFormat,
    /// `None`: detect per package (folder name, `(Independent Publisher)` title).
    pub publisher: Option<Publisher>,
    pub certification: bool,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    /// Findings below this severity are neither shown nor counted.
    pub threshold: Severity,
    pub color: ColorChoice,
    /// Worker threads for loading and checking; 0 means one per core.
    pub jobs: usize,
    /// Apply the safe fixes of the shown findings to the files, then report what is left.
    pub fix: bool,
    /// Also report the breaking changes since this git ref (`check --base REF`).
    pub base: Option<String>,
    /// Package files larger than this (bytes) are reported, not parsed.
    pub max_file_size: u64,
    /// `--statistics`, `--baseline`, `--changed-since`, `check -` and the other adoption flags.
    pub adoption: adoption::AdoptionOptions,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            paths: Vec::new(),
            format: OutputFormat::Text,
            publisher: None,
            certification: true,
            select: None,
            ignore: Vec::new(),
            threshold: Severity::Hint,
            color: ColorChoice::Auto,
            jobs: 0,
            fix: false,
            base: None,
            max_file_size: connector_ls_core::package::DEFAULT_MAX_FILE_SIZE,
            adoption: adoption::AdoptionOptions::default(),
        }
    }
}

/// One checked connector: where it is and what was found, without its documents.
#[derive(Debug)]
pub struct Checked {
    pub dir: PathBuf,
    pub publisher: Publisher,
    pub findings: Vec<Located>,
    /// How many fixes `--fix` applied to this connector's files.
    pub fixed: usize,
    /// The swagger (else apiProperties.json) as the user named it: where annotations about the
    /// package as a whole go.
    pub main_file: Option<PathBuf>,
    /// False for an entry of a searched tree that could not be read ([`unreadable`]): its one
    /// finding says so, and it is not counted as a connector.
    pub connector: bool,
    /// The files `--diff` would change, before and after.
    pub proposed: Vec<adoption::Change>,
}

impl Checked {
    /// Where an annotation (GitHub, SARIF) of `loc` goes: a real file, never a folder or a file
    /// that does not exist. A finding about the package as a whole (`IconMissing`,
    /// `ReadmeMissing`, ...) goes on line 1 of the swagger.
    pub fn annotation_target<'a>(&'a self, loc: &'a Located) -> (&'a Path, Position, Position) {
        let parsed = matches!(
            loc.finding.file,
            FileKind::Swagger | FileKind::ApiProperties | FileKind::Settings
        );
        // A finding inside a submission zip has no line in the zip file: line 1 of it.
        let in_zip = zip::split_archive_path(&loc.path).is_some();
        if (parsed && !in_zip) || loc.path.is_file() {
            return (&loc.path, loc.start, loc.end);
        }
        match &self.main_file {
            Some(main) => {
                let first = Position {
                    line: 1,
                    column: 1,
                    offset: 0,
                };
                (main, first, first)
            }
            None => (&loc.path, loc.start, loc.end),
        }
    }
}

/// The outcome of a `check` run, before rendering.
#[derive(Debug)]
pub struct CheckRun {
    pub checked: Vec<Checked>,
    pub errors: Vec<PathError>,
    pub elapsed: Duration,
    pub config: Config,
    /// What `--baseline` left out and found stale.
    pub adoption: adoption::Report,
}

/// Counts of shown findings per severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub hint: usize,
}

impl Counts {
    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
            Severity::Hint => self.hint += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.error + self.warning + self.info + self.hint
    }
}

impl CheckRun {
    /// Every finding with its location, in package order then the engine's order.
    pub fn located(&self) -> impl Iterator<Item = (&Checked, &Located)> {
        self.checked
            .iter()
            .flat_map(|c| c.findings.iter().map(move |f| (c, f)))
    }

    /// How many connectors were checked (entries that could not be read are not connectors).
    pub fn connectors(&self) -> usize {
        self.checked.iter().filter(|c| c.connector).count()
    }

    /// How many fixes `--fix` applied, over all connectors.
    pub fn fixed(&self) -> usize {
        self.checked.iter().map(|c| c.fixed).sum()
    }

    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for c in &self.checked {
            for f in &c.findings {
                counts.add(f.finding.severity);
            }
        }
        counts
    }

    /// 0 with no error finding, 1 with one, 2 when a path could not be read.
    pub fn exit_code(&self) -> i32 {
        if !self.errors.is_empty() {
            EXIT_USAGE
        } else if self.counts().error > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        }
    }
}

/// Checks the submission package `path` ([`zip::check_zip`]) as one connector of the run.
fn check_zip(path: &Path, opts: &CheckOptions, config: &Config) -> Result<Checked, PathError> {
    let zip_opts = zip::ZipOptions {
        publisher: opts.publisher,
        threshold: opts.threshold,
    };
    let checked = zip::check_zip(path, &zip_opts, config)?;
    Ok(Checked {
        dir: path.to_path_buf(),
        publisher: checked.publisher,
        findings: checked.findings,
        fixed: 0,
        main_file: Some(path.to_path_buf()),
        connector: true,
        proposed: Vec::new(),
    })
}

/// Builds the engine configuration from the options.
pub fn config_of(opts: &CheckOptions) -> Config {
    Config {
        certification: opts.certification,
        select: opts.select.as_deref().map(crate::config::expand_groups),
        ignore: crate::config::expand_groups(&opts.ignore),
        ..Config::default()
    }
}

/// The entries of `--select`/`--ignore` that name no rule (a typo must not turn CI green by
/// selecting nothing): each with a suggestion where one is close.
pub fn unknown_codes(opts: &CheckOptions) -> Vec<String> {
    let mut warnings = Vec::new();
    let all = opts.select.iter().flatten().chain(opts.ignore.iter());
    for code in all {
        let known = rules::group_names().any(|g| g == code)
            || rules::RULES.iter().any(|r| rules::rule_matches(code, r));
        if !known {
            let candidates = rules::RULES.iter().map(|r| r.code);
            let hint = rules::support::did_you_mean(code, candidates.chain(rules::group_names()))
                .map(|c| format!(" (did you mean '{c}'?)"))
                .unwrap_or_default();
            warnings.push(format!("unknown rule code '{code}'{hint}"));
        }
    }
    warnings
}

/// Finds, loads and checks every package under `opts.paths`. Never panics on bad input:
/// unreadable paths become [`PathError`]s.
pub fn run(opts: &CheckOptions) -> CheckRun {
    let started = Instant::now();
    let config = config_of(opts);
    let mut errors = Vec::new();
    let mut targets: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    let paths: &[PathBuf] = if opts.adoption.stdin.is_some() {
        // `check -`: the one package of the stdin swagger's folder (which may not exist).
        targets.extend(opts.paths.iter().map(|p| (p.clone(), None)));
        &[]
    } else {
        &opts.paths
    };
    // Submission packages: a `.zip` named, or found in a folder searched.
    let mut zips: Vec<PathBuf> = Vec::new();
    // Entries of the searched trees that could not be read: reported, the rest is checked.
    let mut unreadable = Vec::new();
    for path in paths {
        if zip::is_zip(path) && path.is_file() {
            zips.push(path.clone());
            continue;
        }
        match search_packages(std::slice::from_ref(path)) {
            // A folder with only submission packages is checked for those.
            Ok(found)
                if found.packages.is_empty()
                    && found.unreadable.is_empty()
                    && found.zips.is_empty() =>
            {
                errors.push(PathError {
                    path: path.clone(),
                    message: "no connector package found (no apiDefinition.swagger.json or apiProperties.json)".into(),
                })
            }
            Ok(found) => {
                targets.extend(found.packages);
                unreadable.extend(found.unreadable);
                zips.extend(found.zips);
            }
            Err(e) => errors.push(PathError {
                path: e.path,
                message: e.message,
            }),
        }
    }
    targets.sort();
    targets.dedup();
    if let Some(changed) = &opts.adoption.changed {
        targets.retain(|(dir, _)| changed.touches(dir));
    }

    tracing::debug!(packages = targets.len(), "found connector packages");
    // Each folder's options and rules: its `connector-ls.toml` under the command line's flags.
    // A folder whose file is broken is not checked; the file's problems are reported once.
    let mut configs = configs::CheckConfigs::default();
    let mut reported = std::collections::HashSet::new();
    let mut planned = Vec::with_capacity(targets.len());
    for (dir, explicit) in targets {
        match configs::for_check(&mut configs, &dir, opts) {
            Ok((o, c)) => planned.push((dir, explicit, o, c)),
            Err(problems) => {
                for p in problems.iter().filter(|p| reported.insert((*p).clone())) {
                    errors.push(PathError {
                        path: PathBuf::from(format!(
                            "{}:{}:{}",
                            display_path(&crate::config::shown(&p.path)),
                            p.line,
                            p.column
                        )),
                        message: p.message.clone(),
                    });
                }
            }
        }
    }
    let results = check_all(&planned);
    tracing::debug!(
        packages = planned.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "checked"
    );
    zips.sort();
    zips.dedup();
    let mut checked = Vec::with_capacity(results.len() + unreadable.len() + zips.len());
    let zip_results = zips.iter().map(|z| check_zip(z, opts, &config));
    for r in results.into_iter().chain(zip_results) {
        match r {
            Ok(c) => checked.push(c),
            Err(e) => errors.push(e),
        }
    }
    for e in &unreadable {
        tracing::debug!(path = %e.path.display(), error = %e.message, "not searched");
        checked.extend(unreadable::entry(e, &config, opts.threshold));
    }
    if let Some(reference) = &opts.base {
        change_scope(&mut checked, reference, &config, opts.threshold);
    }
    CheckRun {
        checked,
        errors,
        elapsed: started.elapsed(),
        config,
        adoption: adoption::Report::default(),
    }
}

/// `ChangeScopeTooWide` under `check --base`: once per run, on the first checked connector,
/// when the change since `reference` is more than that connector's.
fn change_scope(checked: &mut [Checked], reference: &str, config: &Config, threshold: Severity) {
    let rule = &rules::review::ChangeScopeTooWide;
    if !config.is_enabled(rule) || rule.severity < threshold {
        return;
    }
    let Some(first) = checked.first() else { return };
    let Some((root, changed)) = crate::workspace::git::changed_files(&first.dir, reference) else {
        return;
    };
    // Compare as git names them: absolute, without `.` or symlinked components.
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let root = canonical(&root);
    let dirs: Vec<PathBuf> = checked.iter().map(|c| canonical(&c.dir)).collect();
    let Some(finding) = rules::review::change_scope(&root, &changed, &dirs) else {
        return;
    };
    let first = &mut checked[0];
    let at = Position {
        line: 1,
        column: 1,
        offset: 0,
    };
    first.findings.push(Located {
        finding,
        path: first.dir.clone(),
        start: at,
        end: at,
        snippet: None,
        related: Vec::new(),
        subject: None,
    });
}

fn check_one(
    dir: &Path,
    explicit: &Option<PathBuf>,
    opts: &CheckOptions,
    config: &Config,
) -> Result<Checked, PathError> {
    // The stdin swagger, and with --diff the files as the fixes leave them.
    let mut texts = adoption::initial_texts(opts);
    let load = |texts: &adoption::Texts| adoption::load(dir, explicit, opts, texts);
    let shown = |package: &Package| {
        let mut findings = rules::check(package, config);
        findings.retain(|f| f.severity >= opts.threshold);
        findings
    };
    let mut package = load(&texts)?;
    let mut findings = shown(&package);
    let mut fixed = 0;
    let mut proposed = Vec::new();
    let preview = opts.adoption.diff;
    if opts.fix || preview {
        let originals: Vec<(PathBuf, String)> = if preview {
            package
                .documents()
                .map(|d| (d.path.clone(), d.text().to_string()))
                .collect()
        } else {
            Vec::new()
        };
        for _ in 0..autofix::MAX_ROUNDS {
            let refs: Vec<&Finding> = findings.iter().collect();
            let plan = autofix::plan_with(&package, &refs, opts.adoption.unsafe_fixes);
            if plan.fixes == 0 {
                break;
            }
            for (path, text) in plan.files {
                if preview {
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                    texts.insert(path, text.into());
                    continue;
                }
                autofix::write_atomically(&package.dir, &path, &text).map_err(|e| PathError {
                    path: path.clone(),
                    message: format!("cannot write the fixed file: {e}"),
                })?;
            }
            fixed += plan.fixes;
            tracing::debug!(dir = %dir.display(), fixes = plan.fixes, "applied fixes");
            package = load(&texts)?;
            findings = shown(&package);
        }
        for (path, before) in originals {
            match texts.get(&path) {
                Some(after) if **after != *before => proposed.push(adoption::Change {
                    after: after.to_string(),
                    path,
                    before,
                }),
                _ => {}
            }
        }
    }
    // When the secret rules ran and their findings are shown, those are the credentials to
    // mask; else they are looked for again.
    let shown_all = config.is_enabled(&rules::review::SecretInPackage)
        && config.is_enabled(&rules::review::ClientIdInPackage)
        && opts.threshold <= rules::review::ClientIdInPackage.severity;
    let secrets = shown_all.then(|| {
        findings
            .iter()
            .filter(|f| rules::review::hides_range(f.code))
            .map(|f| (f.file, f.range))
            .collect()
    });
    let mut findings = locate_all(&package, findings, secrets);
    if let Some(reference) = &opts.base {
        findings.extend(diff::since_base(
            &package,
            reference,
            config,
            opts.threshold,
        ));
    }
    let main_file = package
        .document(FileKind::Swagger)
        .or_else(|| package.document(FileKind::ApiProperties))
        .map(|d| d.path.clone());
    Ok(Checked {
        dir: package.dir.clone(),
        publisher: package.publisher,
        findings,
        fixed,
        main_file,
        connector: true,
        proposed,
    })
}

/// A connector folder to check (with the swagger named on the command line, if one was), and
/// its options and rules.
type Planned = (PathBuf, Option<PathBuf>, CheckOptions, Config);

/// Loads and checks the packages on `opts.jobs` threads, keeping the input order.
fn check_all(targets: &[Planned]) -> Vec<Result<Checked, PathError>> {
    let Some((_, _, opts, _)) = targets.first() else {
        return Vec::new();
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = if opts.jobs == 0 { cores } else { opts.jobs }.min(targets.len());
    if jobs <= 1 {
        return targets
            .iter()
            .map(|(d, e, o, c)| check_one(d, e, o, c))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<Checked, PathError>>>> =
        targets.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((dir, explicit, opts, config)) = targets.get(i) else {
                    break;
                };
                let r = check_one(dir, explicit, opts, config);
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(r);
                }
            });
        }
    });
    slots
        .into_iter()
        .zip(targets)
        .map(|(slot, (dir, ..))| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                Err(PathError {
                    path: dir.clone(),
                    message: "internal error: the check of this package did not finish".into(),
                })
            })
        })
        .collect()
}

/// `connector-ls check`: runs, renders to stdout, reports path errors on stderr, and returns
/// the exit status.
pub fn check(opts: &CheckOptions) -> i32 {
    if opts.paths.is_empty() {
        eprintln!("connector-ls: nothing to check: give one or more connector folders or files");
        return EXIT_USAGE;
    }
    let unknown = unknown_codes(opts);
    if !unknown.is_empty() {
        for u in unknown {
            eprintln!("connector-ls: {u}");
        }
        eprintln!("connector-ls: `connector-ls rules` lists the codes and categories; `Prefix*` selects a family");
        return EXIT_USAGE;
    }
    let mut opts = opts.clone();
    if let Err(code) = adoption::prepare(&mut opts) {
        return code;
    }
    let opts = &opts;
    if let Some(reference) = &opts.base {
        let dir = git_dir(&opts.paths[0]);
        if let Err(e) = crate::workspace::git::verify(&dir, reference) {
            eprintln!("connector-ls: --base: {}", escape(&e.to_string()));
            return EXIT_USAGE;
        }
    }
    let mut run = run(opts);
    for e in &run.errors {
        eprintln!(
            "connector-ls: {}: {}",
            escape(&e.path.display().to_string()),
            escape(&e.message)
        );
    }
    if let Err(code) = adoption::finish(&mut run, opts) {
        return code;
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut status = adoption::exit_code(&run, opts);
    let written = if opts.adoption.diff {
        adoption::render_diff(&run, &mut out).map(|s| status = s)
    } else if opts.adoption.statistics {
        adoption::render_statistics(&run, opts, &mut out)
    } else {
        render(&run, opts, &mut out)
    }
    .and_then(|()| out.flush());
    if !opts.adoption.diff {
        adoption::notes(&run, opts);
    }
    match written {
        Ok(()) => status,
        // A closed pipe (`| head`) is the reader's choice, not a failure to report.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => status,
        Err(e) => {
            eprintln!("connector-ls: cannot write the output: {e}");
            EXIT_USAGE
        }
    }
}

/// The folder whose git repository `--base` and `--changed-since` refer to: the first path's
/// (its folder when it is a file).
pub fn git_dir(first: &Path) -> PathBuf {
    if first.is_dir() {
        first.to_path_buf()
    } else {
        first
            .parent()
            .filter(|p| !p.as_os_str().is_empty() && p.is_dir())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    }
}

/// Renders a run in the chosen format.
pub fn render(run: &CheckRun, opts: &CheckOptions, out: &mut dyn Write) -> io::Result<()> {
    match opts.format {
        OutputFormat::Text => text::render(run, opts.color.enabled(), out)
            .and_then(|()| adoption::extra_text_lines(run, opts, out)),
        OutputFormat::Json => json::render(run, out),
        OutputFormat::Sarif => sarif::render(run, out),
        OutputFormat::Github => github::render(run, out),
    }
}

/// The documentation link of a finding's rule.
pub fn docs_url(config: &Config, code: &str) -> Option<String> {
    rules::rule(code).map(|r| r.docs_url(&config.docs_base_url))
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn short_lines_are_whole() {
        let s = snippet("abc", 1, 2);
        assert_eq!((s.text.as_str(), s.caret_from, s.caret_len), ("abc", 1, 1));
        // An empty range still gets one caret.
        assert_eq!(snippet("abc", 3, 3).caret_len, 1);
    }

    #[test]
    fn long_lines_are_windowed_around_the_range() {
        let line = format!("{}needle{}", "x".repeat(300), "y".repeat(300));
        let s = snippet(&line, 300, 306);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        let caret: String = s
            .text
            .chars()
            .skip(s.caret_from)
            .take(s.caret_len)
            .collect();
        assert_eq!(caret, "needle");
        assert!(s.text.chars().count() < 80);
    }
}
