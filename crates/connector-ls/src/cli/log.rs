//! `connector-ls log`: validator output pasted from a pull request (or paconn) shown at the
//! places it means in the connector's files, in every `check` format.
//!
//! The log is read by [`connector_ls_core::validator_log`]; each entry is placed in the connector, becomes a
//! finding with the matching rule code (and connector-ls's fix where its own check found the
//! same thing at the same pointer), and is rendered by the `check` renderers. The entries that
//! could not be placed are listed after them (text), in a `validator` member (json), as tool
//! notifications (sarif) or as annotations without a file (github).

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{json, Value};

use super::{
    github, json as json_out, locate_all, sarif, text, CheckRun, Checked, ColorChoice,
    OutputFormat, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE,
};
use crate::workspace::search::find_packages;
use crate::workspace::source::DISK;
use connector_ls_core::package::{FileKind, Package, Source};
use connector_ls_core::rules::{self, Config, Severity};
use connector_ls_core::validator_log::{self, escape, Log, Unplaced};

/// The largest log read (a CI log of a whole pipeline run fits many times over).
pub const MAX_LOG_BYTES: u64 = 64 * 1024 * 1024;

/// Everything `log` needs, already parsed.
#[derive(Clone, Debug, Default)]
pub struct LogOptions {
    /// The log file; `None` or `-` reads standard input.
    pub input: Option<PathBuf>,
    /// The connector folder (or one of its files); `None`: the current folder, if it is one.
    pub connector: Option<PathBuf>,
    pub format: OutputFormat,
    pub color: ColorChoice,
}

/// What a `log` run found, before rendering.
pub struct LogRun {
    pub run: CheckRun,
    pub log: Log,
    pub unplaced: Vec<Unplaced>,
    /// Where the input came from, for messages.
    pub input_name: String,
}

impl LogRun {
    /// 1 when the log has an error line (placed or not), else 0.
    pub fn exit_code(&self) -> i32 {
        if self
            .log
            .entries
            .iter()
            .any(|e| e.severity == Severity::Error)
        {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        }
    }
}

fn read_input(input: Option<&Path>) -> Result<(String, String), String> {
    let mut bytes = Vec::new();
    let name = match input {
        None => "standard input".to_string(),
        Some(p) if p.as_os_str() == "-" => "standard input".to_string(),
        Some(p) => p.display().to_string(),
    };
    let read = match input {
        Some(p) if p.as_os_str() != "-" => {
            std::fs::File::open(p).and_then(|f| f.take(MAX_LOG_BYTES + 1).read_to_end(&mut bytes))
        }
        _ => io::stdin()
            .lock()
            .take(MAX_LOG_BYTES + 1)
            .read_to_end(&mut bytes),
    };
    read.map_err(|e| format!("{name}: cannot read the log: {e}"))?;
    if bytes.len() as u64 > MAX_LOG_BYTES {
        return Err(format!(
            "{name}: the log is larger than {} MB",
            MAX_LOG_BYTES / 1024 / 1024
        ));
    }
    Ok((String::from_utf8_lossy(&bytes).into_owned(), name))
}

/// The connector to place the log in: `Ok(None)` when none was named and the current folder
/// is not one.
fn connector(named: Option<&Path>) -> Result<Option<(PathBuf, Option<PathBuf>)>, String> {
    let dir = named.unwrap_or(Path::new("."));
    let found = match find_packages(&[dir.to_path_buf()]) {
        Ok(found) => found,
        Err(e) if named.is_some() => return Err(format!("{}: {}", e.path.display(), e.message)),
        Err(_) => Vec::new(),
    };
    match found.len() {
        0 if named.is_some() => Err(format!(
            "{}: no connector package found (no apiDefinition.swagger.json or apiProperties.json)",
            dir.display()
        )),
        0 => Ok(None),
        1 => Ok(found.into_iter().next()),
        n => Err(format!(
            "{}: {n} connectors found; name the one the log is about with --connector",
            dir.display()
        )),
    }
}

/// Reads the log and places it; the error is a usage error's message.
pub fn analyze(opts: &LogOptions) -> Result<LogRun, String> {
    let started = Instant::now();
    let (text, input_name) = read_input(opts.input.as_deref())?;
    let target = connector(opts.connector.as_deref())?;
    let package = match &target {
        Some((dir, explicit)) => {
            let disk = DISK;
            let source = Source {
                swagger_override: explicit.clone(),
                ..Source::new(&disk)
            };
            Some(
                Package::load(dir, None, &source)
                    .map_err(|e| format!("{}: {}", e.path.display(), e.message))?,
            )
        }
        None => None,
    };
    let log = validator_log::parse(&text);
    let config = Config::default();
    let ours = match &package {
        Some(p) if !log.entries.is_empty() => rules::check(p, &config),
        _ => Vec::new(),
    };
    let (findings, unplaced) = validator_log::place_all(package.as_ref(), &log, &ours);
    let checked = package
        .map(|p| {
            let main_file = p
                .document(FileKind::Swagger)
                .or_else(|| p.document(FileKind::ApiProperties))
                .map(|d| d.path.clone());
            Checked {
                dir: p.dir.clone(),
                publisher: p.publisher,
                findings: locate_all(&p, findings, None),
                fixed: 0,
                main_file,
                connector: true,
                proposed: Vec::new(),
            }
        })
        .into_iter()
        .collect();
    Ok(LogRun {
        run: CheckRun {
            checked,
            errors: Vec::new(),
            elapsed: started.elapsed(),
            config,
            adoption: Default::default(),
        },
        log,
        unplaced,
        input_name,
    })
}

/// `connector-ls log`: renders to stdout and returns the exit status.
pub fn run(opts: &LogOptions) -> i32 {
    let result = match analyze(opts) {
        Ok(r) => r,
        Err(message) => {
            eprintln!("connector-ls: {message}");
            return EXIT_USAGE;
        }
    };
    if opts.format != OutputFormat::Text && !result.unplaced.is_empty() {
        eprintln!(
            "connector-ls: {} of {} validator lines could not be placed (listed in the output)",
            result.unplaced.len(),
            result.log.entries.len()
        );
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = render(&result, opts, &mut out).and_then(|()| out.flush());
    match written {
        Ok(()) => result.exit_code(),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => result.exit_code(),
        Err(e) => {
            eprintln!("connector-ls: cannot write the output: {e}");
            EXIT_USAGE
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Renders a `log` run in the chosen format.
pub fn render(r: &LogRun, opts: &LogOptions, out: &mut dyn Write) -> io::Result<()> {
    match opts.format {
        OutputFormat::Text => render_text(r, opts.color.enabled(), out),
        OutputFormat::Json => {
            let mut doc = rendered_json(r, |run, buf| json_out::render(run, buf))?;
            doc["validator"] = validator_summary(r);
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)
        }
        OutputFormat::Sarif => {
            let mut doc = rendered_json(r, |run, buf| sarif::render(run, buf))?;
            let notifications: Vec<Value> = r
                .unplaced
                .iter()
                .map(|u| {
                    json!({
                        "level": sarif_level(u.entry.severity),
                        "message": { "text": format!("Could not place validator line {}: {} ({})", u.entry.line, u.entry.text, u.reason) },
                        "descriptor": { "id": u.entry.code() },
                    })
                })
                .collect();
            doc["runs"][0]["invocations"] = json!([{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }]);
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)
        }
        OutputFormat::Github => {
            github::render(&r.run, out)?;
            for u in &r.unplaced {
                let command = match u.entry.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    _ => "notice",
                };
                writeln!(
                    out,
                    "::{command} title={}::{}",
                    github::escape_property(&format!("validator line {} not placed", u.entry.line)),
                    github::escape_data(&format!(
                        "{} ({})",
                        escape(&u.entry.text),
                        escape(&u.reason)
                    ))
                )?;
            }
            Ok(())
        }
    }
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

fn rendered_json(
    r: &LogRun,
    render: impl Fn(&CheckRun, &mut dyn Write) -> io::Result<()>,
) -> io::Result<Value> {
    let mut buf = Vec::new();
    render(&r.run, &mut buf)?;
    serde_json::from_slice(&buf).map_err(io::Error::other)
}

/// The `validator` member of the JSON output.
fn validator_summary(r: &LogRun) -> Value {
    json!({
        "input": r.input_name,
        "lines": r.log.lines,
        "entries": r.log.entries.len(),
        "placed": r.log.entries.len() - r.unplaced.len(),
        "skippedLines": r.log.skipped,
        "unplaced": r.unplaced.iter().map(|u| json!({
            "line": u.entry.line,
            "text": u.entry.text,
            "format": u.entry.format,
            "severity": u.entry.severity,
            "code": u.entry.code(),
            "message": u.entry.message,
            "valuePath": u.entry.value_path,
            "reason": u.reason,
        })).collect::<Vec<_>>(),
    })
}

fn render_text(r: &LogRun, color: bool, out: &mut dyn Write) -> io::Result<()> {
    if !r.run.checked.is_empty() {
        text::render(&r.run, color, out)?;
    }
    let entries = r.log.entries.len();
    if entries == 0 {
        return writeln!(
            out,
            "No validator output found in {} ({} read).",
            escape(&r.input_name),
            plural(r.log.lines, "line", "lines")
        );
    }
    let placed = entries - r.unplaced.len();
    let head = format!(
        "Read {} from {}: {} placed",
        plural(entries, "validator line", "validator lines"),
        escape(&r.input_name),
        placed
    );
    if r.unplaced.is_empty() {
        return writeln!(out, "{head}.");
    }
    let (on, off) = if color {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("", "")
    };
    writeln!(
        out,
        "{head}; {on}{} could not be placed{off}:",
        r.unplaced.len()
    )?;
    for u in &r.unplaced {
        writeln!(
            out,
            "  line {}: {}\n    {}",
            u.entry.line,
            escape(&u.entry.text),
            escape(&u.reason)
        )?;
    }
    Ok(())
}
