//! The certification engine: the rule registry and [`check`].
//!
//! A rule is a `static` [`Rule`] in its own file, declared with `rule!` (`declare.rs`): code (its
//! name), default severity, docs and a `check` function that reports [`Finding`]s through a
//! [`Report`]. [`RULES`] lists them all; the CLI and the language server both call [`check`].
//! Nothing here knows about LSP or terminals.

mod context;
mod declare;
pub mod fix;
mod recheck;
mod registry;
pub mod support;

mod api_properties;
mod dynamic;
mod extensions;
mod json;
mod keywords;
mod metadata;
mod package_files;
pub mod review;
mod structure;

pub use context::{Context, Report};
pub(crate) use declare::rule;
pub use fix::{Edit, Fix, Safety};
pub use recheck::{check_again, Memory};
pub use registry::{
    category, family_of, group_names, group_rules, not_implemented_reason,
    shown_by_json_validation, ATTRIBUTE_GROUPS, CATEGORIES, CERTIFICATION_GROUP, FAMILIES,
    GENERIC_NOT_IMPLEMENTED, NOT_IMPLEMENTED, RULES, SHOWN_BY_JSON_VALIDATION,
};

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::json::track::{self, Reads};
use crate::package::{FileKind, Package};
use crate::text::TextRange;

/// How serious a finding is. Ordered from least to most severe.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    #[serde(alias = "information")]
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "hint" => Ok(Severity::Hint),
            "info" | "information" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity '{s}' (expected error, warning, info or hint)"
            )),
        }
    }
}

/// Whether a rule offers a fix, and of which kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    None,
    /// Mechanical; may run in `source.fixAll`.
    Safe,
    /// Writes content the author should review; offered as a quick fix only.
    Unsafe,
}

/// One rule of the engine.
pub struct Rule {
    /// The validator's own code where the documented catalog has one, else our PascalCase name.
    pub code: &'static str,
    pub severity: Severity,
    /// The other severities some of its findings have (a defect the validator only warns about
    /// in one form, say). Every finding of the rule has [`Rule::severity`] or one of these: the
    /// engine checks it in debug builds and the tests check it on every fixture and the corpus.
    /// A `severity` override of the configuration replaces them all.
    pub also: &'static [Severity],
    /// The file the rule checks: where its findings are, unless one is reported in another
    /// (the `*_in` methods of [`Report`]).
    pub file: FileKind,
    /// Only run in certification mode (on by default; `--no-certification` turns these off).
    pub certification: bool,
    /// Mirrors a code documented on Microsoft's "Fix Swagger Validator errors" page.
    pub documented: bool,
    pub fix: FixAvailability,
    /// One line: what the rule flags.
    pub summary: &'static str,
    /// Markdown with `## What it does`, `## Why`, `## Example` and `## How to fix` sections.
    pub docs: &'static str,
    pub check: fn(&Context, &mut Report),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("code", &self.code).finish()
    }
}

/// A rule whose findings each belong to one node of a domain (the texts of the swagger, say)
/// and depend on that node alone: after an edit inside one string of the domain, its findings
/// about that string are replaced by `check_one` of it, instead of checking every node again
/// ([`check_again`]). The domain must be a memo ([`Context::memo`], of type `domain()`) that
/// the edit did not change.
pub struct Patch {
    pub rule: &'static Rule,
    pub domain: fn() -> std::any::TypeId,
    /// Reports the findings about `node`; `false` if `node` is not in the domain.
    pub check_one: fn(&Context, crate::json::Node, &mut Report) -> bool,
}

/// Every [`Patch`].
static PATCHES: &[&[&Patch]] = &[metadata::PATCHES, review::PATCHES];

/// The page that documents the validator's own codes.
pub const VALIDATOR_DOCS_URL: &str =
    "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules";

/// Where our own rule docs live; `{base}#{code-lowercase}` links a rule.
pub const DEFAULT_DOCS_BASE_URL: &str =
    "https://github.com/connector-ls/connector-ls/blob/main/docs/rules.md";

impl Rule {
    /// Every severity a finding of the rule can have: [`Rule::severity`], then [`Rule::also`].
    pub fn severities(&self) -> impl Iterator<Item = Severity> + '_ {
        std::iter::once(self.severity).chain(self.also.iter().copied())
    }

    /// Whether a finding of the rule may have `severity` (before the configuration's overrides).
    pub fn emits(&self, severity: Severity) -> bool {
        self.severities().any(|s| s == severity)
    }

    /// The documentation link for this rule.
    pub fn docs_url(&self, base: &str) -> String {
        if self.documented {
            VALIDATOR_DOCS_URL.to_string()
        } else {
            format!("{base}#{}", self.code.to_ascii_lowercase())
        }
    }
}

/// Whether `finding` has a severity its rule declares ([`Rule::emits`]), before the
/// configuration's overrides; a code no rule has declares nothing and passes. The engine checks
/// every finding of a check in debug builds, the tests every finding of the fixtures and the
/// corpus.
pub fn severity_declared(finding: &Finding) -> bool {
    rule(finding.code).is_none_or(|r| r.emits(finding.severity))
}

/// Looks a rule up by code (exact, then case-insensitive).
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code).or_else(|| {
        RULES
            .iter()
            .copied()
            .find(|r| r.code.eq_ignore_ascii_case(code))
    })
}

/// Something wrong (or worth saying) about the package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub file: FileKind,
    /// RFC 6901 pointer to the offending node (for a missing member: the object lacking it).
    pub pointer: String,
    pub range: TextRange,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
}

/// A secondary location for a finding (the first duplicate, the old definition, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: FileKind,
    pub range: TextRange,
    pub message: String,
    /// The file, when it is not the package's own document of kind `file` (the old version
    /// of a swagger that [`crate::diff::compare`] compares with, for example).
    pub path: Option<std::path::PathBuf>,
}

/// What to run and how to report it.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Run the certification-only rules (the validator's certification flag).
    pub certification: bool,
    /// If set, only these codes run.
    pub select: Option<Vec<String>>,
    /// These codes never run.
    pub ignore: Vec<String>,
    /// Per-code severity overrides.
    pub severity: HashMap<String, Severity>,
    pub docs_base_url: String,
    /// Intentional breaking changes (`[breaking] accepted` of `connector-ls.toml`): not reported.
    pub accepted: Vec<Accepted>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            certification: true,
            select: None,
            ignore: Vec::new(),
            severity: HashMap::new(),
            docs_base_url: DEFAULT_DOCS_BASE_URL.to_string(),
            accepted: Vec::new(),
        }
    }
}

/// Whether a `--select`/`--ignore` entry names `code`: the code itself (ignoring case), or a prefix
/// ending in `*` (`Breaking*`, `Path*`).
pub fn code_matches(pattern: &str, code: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => code
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix)),
        None => pattern.eq_ignore_ascii_case(code),
    }
}

/// Whether a `--select`/`--ignore` entry names `rule`: its code ([`code_matches`]) or its
/// category ([`category`]: `review`, `validator`, `connector-ls`).
pub fn rule_matches(pattern: &str, rule: &Rule) -> bool {
    code_matches(pattern, rule.code) || pattern.eq_ignore_ascii_case(category(rule))
}

impl Config {
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        if rule.certification && !self.certification {
            return false;
        }
        let matches = |list: &[String]| list.iter().any(|c| rule_matches(c, rule));
        if matches(&self.ignore) {
            return false;
        }
        self.select.as_deref().is_none_or(matches)
    }
}

/// Documents at least this large (the swagger's bytes) are checked on several threads: below it,
/// starting a thread costs more than the rules (a typical connector checks in a fraction of a
/// millisecond).
const PARALLEL_FROM_BYTES: usize = 256 * 1024;

/// The most threads one check uses (the rules share a few expensive walks, so more threads
/// mostly wait for each other).
const MAX_THREADS: usize = 4;

/// Builders of the data several rules share, run first when a check has several threads:
/// left to the rules, the first two rules that need the same data would wait for each other,
/// while these build different data side by side. Each is a memo the rules would build anyway.
static WARM_UPS: &[fn(&Context)] = &[
    |cx| {
        cx.schemas();
    },
    extensions::warm_up,
    structure::warm_up,
    metadata::warm_up,
    dynamic::warm_up,
];

/// The example connector shipped with the repository, which [`warm_up`] checks.
const WARM_UP_SWAGGER: &str =
    include_str!("../../../../examples/Contoso Widgets/apiDefinition.swagger.json");
const WARM_UP_PROPERTIES: &str =
    include_str!("../../../../examples/Contoso Widgets/apiProperties.json");

/// Checks the example connector once, so that what the rules build on first use (regular
/// expressions, word lists, the JSON schemas) is built before the first package a user opens:
/// a language server calls it while the client starts. The first check of Encodian in a fresh
/// server took 13 ms against 4-7 ms for the next ones.
pub fn warm_up() {
    crate::schemas::warm_up();
    let dir = std::path::Path::new("warm-up");
    let docs = vec![
        crate::package::Document::new(
            dir.join("apiDefinition.swagger.json"),
            FileKind::Swagger,
            WARM_UP_SWAGGER,
        ),
        crate::package::Document::new(
            dir.join("apiProperties.json"),
            FileKind::ApiProperties,
            WARM_UP_PROPERTIES,
        ),
    ];
    let package = Package::from_documents(dir, docs, None);
    check(&package, &Config::default());
}

/// Runs every enabled rule on the package. A rule that panics is logged and its findings are
/// dropped; the others are unaffected.
///
/// Large documents are checked by several threads that take rules from one shared queue. The
/// result does not depend on the threads: each rule's findings are kept apart and joined in
/// registry order before sorting.
pub fn check(package: &Package, config: &Config) -> Vec<Finding> {
    check_on(package, config, threads_for(package))
}

/// How many threads (the calling one included) check `package`.
fn threads_for(package: &Package) -> usize {
    let size = package.swagger.as_ref().map_or(0, |d| d.text().len());
    if size >= PARALLEL_FROM_BYTES {
        parallelism()
    } else {
        1
    }
}

/// The threads a check may use when its work is worth sharing out.
///
/// Asked once per process: on Linux, `available_parallelism` reads the process's cgroup and
/// its CPU quota from `/proc` and `/sys` on every call (a handful of system calls), and a
/// language server asks for every full check and every re-check worth sharing out.
fn parallelism() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS))
    })
}

/// The rules `config` enables, in registry order.
fn enabled(config: &Config) -> Vec<&'static Rule> {
    RULES
        .iter()
        .copied()
        .filter(|r| config.is_enabled(r))
        .collect()
}

/// [`check`] on `threads` threads (the calling one included).
fn check_on(package: &Package, config: &Config, threads: usize) -> Vec<Finding> {
    let cx = Context::new(package, config);
    let rules = enabled(config);
    let all: Vec<usize> = (0..rules.len()).collect();
    let runs = run_rules(&cx, &rules, &all, threads);
    finish(
        config,
        runs.into_iter().flat_map(|(_, run)| run.findings).collect(),
    )
}

/// One rule's findings in one check, and what it read of the tracked document.
#[derive(Clone, Debug, Default)]
struct RuleRun {
    findings: Vec<Finding>,
    reads: Arc<Reads>,
    /// How long the rule ran: what running it again is expected to cost ([`check_again`]
    /// shares out the rules of a re-check by it).
    took: std::time::Duration,
}

/// Runs `rules[i]` for each `i` of `todo` (taken in its order) on `threads` threads; returns
/// each rule's run by `i`, in ascending order.
fn run_rules(
    cx: &Context,
    rules: &[&'static Rule],
    todo: &[usize],
    threads: usize,
) -> Vec<(usize, RuleRun)> {
    let threads = threads.clamp(1, todo.len().max(1));
    // Warm-ups only pay when threads share the work and every rule runs (a selection of a few
    // rules may need none of the shared data).
    let warm_ups: &[fn(&Context)] =
        if threads > 1 && cx.config.select.is_none() && todo.len() == rules.len() {
            WARM_UPS
        } else {
            &[]
        };
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let task = next.fetch_add(1, Ordering::Relaxed);
            if let Some(warm_up) = warm_ups.get(task) {
                // A panic here reaches the rule that needs the data, which reports it.
                let _ = catch_unwind(AssertUnwindSafe(|| warm_up(cx)));
                continue;
            }
            let Some(&i) = todo.get(task - warm_ups.len()) else {
                break;
            };
            done.push((i, run_rule(cx, rules[i])));
        }
        done
    };
    let mut runs: Vec<(usize, RuleRun)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            // A thread that cannot be started leaves its share to the others.
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = work();
        for helper in helpers {
            // Rules run under `catch_unwind`, so a helper thread does not panic.
            done.extend(helper.join().unwrap_or_default());
        }
        done
    });
    runs.sort_unstable_by_key(|(i, _)| *i);
    runs
}

/// The findings of all rules, joined in registry order: severities overridden per `config`,
/// sorted by place, duplicates removed.
fn finish(config: &Config, mut findings: Vec<Finding>) -> Vec<Finding> {
    #[cfg(debug_assertions)]
    if let Some(f) = findings.iter().find(|f| !severity_declared(f)) {
        panic!(
            "{} reported a {} finding, a severity its rule does not declare (add it to the \
             rule's `also`): {}",
            f.code,
            f.severity.as_str(),
            f.message
        );
    }
    for f in &mut findings {
        if let Some(&s) = config.severity.get(f.code) {
            f.severity = s;
        }
    }
    findings.sort_by(|a, b| {
        (a.file, a.range.start, a.range.end, a.code).cmp(&(
            b.file,
            b.range.start,
            b.range.end,
            b.code,
        ))
    });
    findings.dedup();
    findings
}

/// The most findings one rule reports in one check. A generated or hostile document can repeat
/// one defect a million times; past this many, one more finding says how many were left out.
pub const MAX_FINDINGS_PER_RULE: usize = 1000;

/// One rule's findings (at most [`MAX_FINDINGS_PER_RULE`] and a note), or none if it panicked,
/// and what it read of the tracked document (nothing when none is tracked).
fn run_rule(cx: &Context, rule: &'static Rule) -> RuleRun {
    let mut findings = Vec::new();
    let mut report = Report::new(rule, &mut findings);
    let started = std::time::Instant::now();
    let (panicked, reads) = track::reading(cx.tracked_tree(), || {
        catch_unwind(AssertUnwindSafe(|| (rule.check)(cx, &mut report))).is_err()
    });
    let took = started.elapsed();
    let dropped = report.dropped();
    let mut reads = reads.unwrap_or_default();
    if panicked {
        tracing::error!(
            rule = rule.code,
            dir = %cx.package.dir.display(),
            "rule panicked; its findings are dropped"
        );
        findings.clear();
        // Run it again next time: what it would have read is unknown.
        reads = Reads::everything_read();
    }
    if findings.len() > MAX_FINDINGS_PER_RULE {
        let left_out = findings.len() - MAX_FINDINGS_PER_RULE + dropped;
        findings.truncate(MAX_FINDINGS_PER_RULE + 1);
        let note = &mut findings[MAX_FINDINGS_PER_RULE];
        note.message = format!(
            "{left_out} more findings of {} are not shown (the first {MAX_FINDINGS_PER_RULE} are).",
            rule.code
        );
        note.fix = None;
        note.related.clear();
    }
    RuleRun {
        findings,
        reads: Arc::new(reads),
        took,
    }
}

/// Runs `rules` directly (without the engine's panic guard) on every prefix of the swagger
/// `text` that ends on a character boundary, as an author's half-typed document would be, and
/// returns the findings of the whole text. A rule that panics on any prefix fails the test.
#[cfg(test)]
pub(crate) fn check_every_prefix(text: &str, rules: &[&'static Rule]) -> Vec<Finding> {
    let config = Config::default();
    let mut findings = Vec::new();
    for cut in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        let doc = crate::package::Document::new("a.json".into(), FileKind::Swagger, &text[..cut]);
        let pkg = Package::from_documents(std::path::Path::new("."), vec![doc], None);
        let cx = Context::new(&pkg, &config);
        findings.clear();
        for rule in rules {
            (rule.check)(&cx, &mut Report::new(rule, &mut findings));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    /// The warm-up checks a real connector (not one the rules stop at, as a syntax error).
    #[test]
    fn the_warm_up_checks_the_whole_example() {
        for text in [WARM_UP_SWAGGER, WARM_UP_PROPERTIES] {
            assert!(crate::json::parse(text).errors.is_empty());
        }
        super::warm_up();
    }

    use std::path::Path;

    use super::*;
    use crate::package::Document;

    /// A swagger with many operations, each with findings of several rules.
    fn package() -> Package {
        let mut paths = Vec::new();
        for i in 0..40 {
            paths.push(format!(
                r##""/items{i}/{{id}}": {{"get": {{"operationId": "get-{i}", "parameters": [
                    {{"name": "id", "in": "path", "type": "string"}},
                    {{"name": "q", "in": "query", "type": "strin", "minLength": -1}}],
                  "responses": {{"200": {{"description": "ok", "schema": {{"$ref": "#/definitions/Missing{i}"}}}}}}}}}}"##
            ));
        }
        let swagger = format!(
            r#"{{"swagger": "2.0", "info": {{"title": "T!", "version": "1.0"}}, "host": "h.io",
                "paths": {{{}}}}}"#,
            paths.join(",")
        );
        let dir = Path::new("/pkg");
        let docs = vec![Document::new(
            dir.join("apiDefinition.swagger.json"),
            FileKind::Swagger,
            &swagger,
        )];
        Package::from_documents(dir, docs, None)
    }

    /// Past the cap a report keeps nothing more: the work of a hostile document with a million
    /// defects is a count, and the count is still exact.
    #[test]
    fn a_full_report_keeps_no_more_findings_and_counts_the_rest() {
        let members: Vec<String> = (0..5000).map(|i| format!("\"x-ms-zz{i}\": 1")).collect();
        let swagger = format!(
            r#"{{"swagger": "2.0", "paths": {{"/a": {{"get": {{{}}}}}}}}}"#,
            members.join(",")
        );
        let dir = Path::new("/pkg");
        let docs = vec![Document::new(
            dir.join("apiDefinition.swagger.json"),
            FileKind::Swagger,
            &swagger,
        )];
        let package = Package::from_documents(dir, docs, None);
        let config = Config::default();
        let cx = Context::new(&package, &config);
        let rule = *RULES
            .iter()
            .find(|r| r.code == "UnknownExtension")
            .expect("registered");
        let mut findings = Vec::new();
        let mut report = Report::new(rule, &mut findings);
        (rule.check)(&cx, &mut report);
        assert!(report.is_full());
        assert_eq!(report.dropped(), 5000 - MAX_FINDINGS_PER_RULE - 1);
        assert_eq!(findings.len(), MAX_FINDINGS_PER_RULE + 1);
        let run = run_rule(&cx, rule);
        assert!(
            run.findings[MAX_FINDINGS_PER_RULE]
                .message
                .starts_with("4000 more findings of UnknownExtension"),
            "{}",
            run.findings[MAX_FINDINGS_PER_RULE].message
        );
    }

    #[test]
    fn one_rule_reports_at_most_the_cap_and_a_note() {
        let items = vec![r#"{"name": "n", "in": "query", "type": "strin"}"#; 1500].join(",");
        let swagger = format!(
            r#"{{"swagger": "2.0", "paths": {{"/a": {{"get": {{"parameters": [{items}]}}}}}}}}"#
        );
        let dir = Path::new("/pkg");
        let docs = vec![Document::new(
            dir.join("apiDefinition.swagger.json"),
            FileKind::Swagger,
            &swagger,
        )];
        let package = Package::from_documents(dir, docs, None);
        let config = Config {
            select: Some(vec!["UnrecognizedTypeFormat".into()]),
            ..Config::default()
        };
        let findings = check(&package, &config);
        assert_eq!(findings.len(), MAX_FINDINGS_PER_RULE + 1);
        let note = findings
            .iter()
            .find(|f| f.message.contains("more findings"))
            .unwrap();
        assert!(
            note.message
                .starts_with("500 more findings of UnrecognizedTypeFormat"),
            "{}",
            note.message
        );
    }

    /// `also` names other severities than the default, each once.
    #[test]
    fn declared_severities_are_distinct() {
        for rule in RULES.iter() {
            let all: Vec<Severity> = rule.severities().collect();
            for (i, s) in all.iter().enumerate() {
                assert!(
                    !all[..i].contains(s),
                    "{}: severity {} declared twice",
                    rule.code,
                    s.as_str()
                );
            }
        }
    }

    /// A finding whose severity its rule does not declare is a bug that a debug build reports.
    #[test]
    fn an_undeclared_severity_is_caught() {
        let rule = *RULES
            .iter()
            .find(|r| r.code == "InvalidNextLinkNameValue")
            .expect("registered");
        let mut findings = Vec::new();
        let package = package();
        let node = package.swagger.as_ref().unwrap().tree().root().unwrap();
        let mut report = Report::new(rule, &mut findings);
        report.at(node, "declared").severity = Severity::Warning;
        report.at(node, "undeclared").severity = Severity::Info;
        assert!(severity_declared(&findings[0]));
        assert!(!severity_declared(&findings[1]));
        let caught = catch_unwind(|| finish(&Config::default(), findings.clone()));
        assert_eq!(caught.is_err(), cfg!(debug_assertions));
    }

    /// A `severity` override of the configuration sets every finding of its code, whatever
    /// severity the rule gave it.
    #[test]
    fn a_severity_override_sets_every_finding_of_the_code() {
        let swagger = r#"{"swagger": "2.0", "paths": {
            "/a": {"get": {"x-ms-pageable": {"nextLinkName": "next_page"}}},
            "/b": {"get": {"x-ms-pageable": {"nextLinkName": "nextlink"}}}}}"#;
        let dir = Path::new("/pkg");
        let docs = vec![Document::new(
            dir.join("apiDefinition.swagger.json"),
            FileKind::Swagger,
            swagger,
        )];
        let package = Package::from_documents(dir, docs, None);
        let mut config = Config {
            select: Some(vec!["InvalidNextLinkNameValue".into()]),
            ..Config::default()
        };
        let severities = |config: &Config| -> Vec<Severity> {
            check(&package, config).iter().map(|f| f.severity).collect()
        };
        assert_eq!(severities(&config), [Severity::Error, Severity::Warning]);
        config
            .severity
            .insert("InvalidNextLinkNameValue".into(), Severity::Info);
        assert_eq!(severities(&config), [Severity::Info, Severity::Info]);
    }

    #[test]
    fn threads_do_not_change_the_result() {
        let package = package();
        let config = Config::default();
        let one = check_on(&package, &config, 1);
        assert!(
            one.len() > 100,
            "the fixture has many findings: {}",
            one.len()
        );
        for threads in [2, 3, 8] {
            assert!(
                check_on(&package, &config, threads) == one,
                "{threads} threads gave another result"
            );
        }
    }
}

/// An intentional breaking change: its finding is not reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// A breaking-change code (`BreakingOperationDeleted`, ...).
    pub code: &'static str,
    /// The operationId the change is about (the old or the new one); `None`: every finding of
    /// the code (changes that are about no operation, like `BreakingAuthChanged`).
    pub operation: Option<String>,
    /// Why the change is intended (for the reviewer).
    pub reason: String,
}

impl Accepted {
    /// Whether `finding` is this accepted change. Breaking-change messages name the operation
    /// by its quoted operationId.
    pub fn matches(&self, finding: &Finding) -> bool {
        finding.code == self.code
            && self
                .operation
                .as_deref()
                .is_none_or(|op| finding.message.contains(&format!("'{op}'")))
    }
}
