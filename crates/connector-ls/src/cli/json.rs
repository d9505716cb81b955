//! `--format json`: the stable machine-readable output, documented in `docs/json-output.md`.
//!
//! Bump [`SCHEMA_VERSION`] on any change that removes or renames a field or changes its
//! meaning; adding a field is not a breaking change.

use std::io::{self, Write};

use serde::Serialize;

use super::{display_path, docs_url, CheckRun, Checked, Located, Position};
use connector_ls_core::package::{FileKind, Publisher};
use connector_ls_core::rules::{Safety, Severity};

/// The version of the output schema.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    connectors: Vec<Connector>,
    findings: Findings<'a>,
    errors: Vec<PathErrorOut>,
    /// With `--baseline`: what it left out and which of its entries are stale.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineOut<'a>>,
}

/// Every shown finding, each built as it is written: the corpus's 32,000 findings held as one
/// vector of owned paths and links were 17 of the command's 64 MB at its peak.
struct Findings<'a>(&'a CheckRun);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let run = self.0;
        serializer.collect_seq(run.located().map(|(c, l)| finding(run, c, l)))
    }
}

#[derive(Serialize)]
struct BaselineOut<'a> {
    file: String,
    /// Findings left out because the baseline records them.
    baselined: usize,
    /// Entries of the checked connectors that no longer occur.
    stale: &'a [crate::cli::baseline::Entry],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    connectors: usize,
    errors: usize,
    warnings: usize,
    info: usize,
    hints: usize,
    /// Fixes applied by `--fix`.
    fixed: usize,
    /// Shown findings with a safe fix (`--fix` applies them).
    fixable: usize,
    /// Shown findings with an unsafe fix (`--fix --unsafe-fixes` applies them).
    #[serde(rename = "unsafeFixable")]
    unsafe_fixable: usize,
    #[serde(rename = "elapsedMs")]
    elapsed_ms: u64,
}

#[derive(Serialize)]
struct Connector {
    path: String,
    publisher: Publisher,
}

#[derive(Serialize)]
struct PathErrorOut {
    path: String,
    message: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonFinding<'a> {
    connector: String,
    file: String,
    /// The entry inside `file` when `file` is a submission zip (`PkgAssets/x.zip!solution.xml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    entry: Option<String>,
    file_kind: FileKind,
    code: &'a str,
    severity: Severity,
    message: &'a str,
    /// The object a finding placed on an object as a whole is about, named
    /// (`parameter 'id' (path) of 'GetItem'`); the message stays the validator's words.
    subject: Option<&'a str>,
    pointer: &'a str,
    range: Range,
    docs_url: Option<String>,
    fix: Option<FixOut<'a>>,
    related: Vec<RelatedOut<'a>>,
}

#[derive(Serialize)]
struct Range {
    start: Pos,
    end: Pos,
}

#[derive(Serialize)]
struct Pos {
    line: u32,
    column: u32,
    offset: u32,
}

impl From<Position> for Pos {
    fn from(p: Position) -> Self {
        Pos {
            line: p.line,
            column: p.column,
            offset: p.offset,
        }
    }
}

#[derive(Serialize)]
struct FixOut<'a> {
    title: &'a str,
    safety: Safety,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    file: String,
    line: u32,
    column: u32,
    message: &'a str,
}

fn finding<'a>(run: &CheckRun, checked: &Checked, loc: &'a Located) -> JsonFinding<'a> {
    let f = &loc.finding;
    let (file, entry) = match super::zip::split_archive_path(&loc.path) {
        Some((zip, entry)) => (display_path(&zip), Some(entry)),
        None => (display_path(&loc.path), None),
    };
    JsonFinding {
        connector: display_path(&checked.dir),
        file,
        entry,
        file_kind: f.file,
        code: f.code,
        severity: f.severity,
        message: &f.message,
        subject: loc.subject.as_deref(),
        pointer: &f.pointer,
        range: Range {
            start: loc.start.into(),
            end: loc.end.into(),
        },
        docs_url: docs_url(&run.config, f.code),
        fix: f.fix.as_ref().map(|fx| FixOut {
            title: &fx.title,
            safety: fx.safety,
        }),
        related: loc
            .related
            .iter()
            .map(|r| RelatedOut {
                file: display_path(&r.path),
                line: r.start.line,
                column: r.start.column,
                message: &r.message,
            })
            .collect(),
    }
}

pub fn render(run: &CheckRun, out: &mut dyn Write) -> io::Result<()> {
    let counts = run.counts();
    let (fixable, unsafe_fixable) = crate::cli::adoption::fixable(run);
    let doc = Output {
        version: SCHEMA_VERSION,
        tool: Tool {
            name: "connector-ls",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            connectors: run.connectors(),
            errors: counts.error,
            warnings: counts.warning,
            info: counts.info,
            hints: counts.hint,
            fixed: run.fixed(),
            fixable,
            unsafe_fixable,
            elapsed_ms: run.elapsed.as_millis() as u64,
        },
        connectors: run
            .checked
            .iter()
            .filter(|c| c.connector)
            .map(|c| Connector {
                path: display_path(&c.dir),
                publisher: c.publisher,
            })
            .collect(),
        findings: Findings(run),
        errors: run
            .errors
            .iter()
            .map(|e| PathErrorOut {
                path: display_path(&e.path),
                message: e.message.clone(),
            })
            .collect(),
        baseline: run.adoption.baseline_file.as_ref().map(|f| BaselineOut {
            file: display_path(f),
            baselined: run.adoption.baselined,
            stale: &run.adoption.stale,
        }),
    };
    super::safe_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
