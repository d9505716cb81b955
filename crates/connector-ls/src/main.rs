//! The `connector-ls` binary: argument parsing only. Every command lives in the library
//! (`connector_ls::cli` and `connector_ls::lsp`).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use connector_ls::cli::{self, rules_cmd::RulesFormat, CheckOptions, ColorChoice, OutputFormat};
use connector_ls_core::package::Publisher;
use connector_ls_core::rules::Severity;

/// Language server and checker for Power Platform custom connectors.
#[derive(Parser, Debug)]
#[command(name = "connector-ls", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the language server over stdin/stdout.
    Serve {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check connector packages (folders, single files, or trees of folders).
    Check(CheckArgs),
    /// List the implemented rules: code, severity, group, certification, fix, summary.
    ///
    /// With `--all`, also every code documented by Microsoft's Swagger Validator that no rule
    /// implements, with the reason (text: IMPLEMENTED/DOCUMENTED columns; JSON: entries with
    /// `implemented: false` and a `reason`).
    Rules {
        #[arg(long, value_enum, default_value_t)]
        format: RulesFormat,
        /// Also list the documented validator codes that are not implemented, and why
        /// (text and json formats).
        #[arg(long)]
        all: bool,
    },
    /// Report the breaking changes from OLD to NEW (connector folders or swagger files).
    Diff(DiffArgs),
    /// Show pasted validator output (PR pipeline `##[error]` lines, paconn's JSON, coded lines)
    /// at its places in the connector's files, in any `check` format.
    Log(LogArgs),
    /// Write the connector as the Power Automate designer shows it (its card, each action and
    /// trigger with its fields, labels, required marks and dynamic content, and the findings
    /// on them) as one self-contained HTML page.
    Preview(PreviewArgs),
    /// Print a rule's documentation.
    Explain {
        /// The rule code, e.g. JsonSyntaxError (case-insensitive).
        code: String,
    },
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Connector folders, swagger/apiProperties files, or folders to search for connectors
    /// (default: the current folder); `-` reads a swagger from stdin (see --stdin-filename).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: OutputFormat,
    /// Publisher type (default: detected from the folder and `info.title`).
    #[arg(long, value_parser = parse_publisher, value_name = "verified|independent")]
    publisher: Option<Publisher>,
    /// Skip the certification-only rules (content guidance).
    #[arg(long)]
    no_certification: bool,
    /// Run only these rule codes (comma-separated; `Prefix*` selects every code that starts so;
    /// a category — `review`, `validator`, `connector-ls` — selects its rules).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    select: Option<Vec<String>>,
    /// Never run these rule codes (comma-separated; `Prefix*` and categories as in --select).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    ignore: Vec<String>,
    /// Show and count only findings at or above this severity.
    #[arg(long, value_parser = parse_severity, default_value = "hint", value_name = "error|warning|info|hint")]
    severity: Severity,
    /// Colour the text output.
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    jobs: usize,
    /// Apply the safe fixes to the files, then report the findings that are left.
    #[arg(long)]
    fix: bool,
    /// Also report breaking changes since this git ref (each swagger against `git show REF:path`).
    #[arg(long, value_name = "REF")]
    base: Option<String>,
    /// Report package files larger than this many MB instead of parsing them.
    #[arg(long, default_value_t = 20.0, value_name = "MB", value_parser = parse_megabytes)]
    max_file_size: f64,
    #[command(flatten)]
    adoption: Box<cli::adoption::AdoptionOptions>,
}

#[derive(Args, Debug)]
struct DiffArgs {
    /// The previous version: a connector folder or a swagger file.
    old: PathBuf,
    /// The new version: a connector folder or a swagger file.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: OutputFormat,
    /// Colour the text output.
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

#[derive(Args, Debug)]
struct PreviewArgs {
    /// The connector folder (or one of its files).
    #[arg(value_name = "DIR")]
    path: PathBuf,
    /// Write the page to this file (replaced, never written through a link) instead of
    /// standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct LogArgs {
    /// The log file (default, or `-`: standard input).
    #[arg(value_name = "FILE")]
    input: Option<PathBuf>,
    /// The connector folder (or one of its files) the log is about (default: the current folder).
    #[arg(long, value_name = "DIR")]
    connector: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: OutputFormat,
    /// Colour the text output (`--color` alone: always).
    #[arg(long, value_enum, default_value_t, num_args = 0..=1, default_missing_value = "always")]
    color: ColorChoice,
}

fn parse_publisher(s: &str) -> Result<Publisher, String> {
    s.parse()
}

fn parse_megabytes(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(mb) if mb.is_finite() && mb >= 0.0 => Ok(mb),
        _ => Err(format!("'{s}' is not a size in MB")),
    }
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
}

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { cli::EXIT_USAGE } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    init_logging();
    let code = match cli.command {
        Command::Serve { stdio: _ } => connector_ls::lsp::serve_stdio(),
        Command::Check(a) => cli::check(&CheckOptions {
            paths: if a.paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                a.paths
            },
            format: a.format,
            publisher: a.publisher,
            certification: !a.no_certification,
            select: a.select,
            ignore: a.ignore,
            threshold: a.severity,
            color: a.color,
            jobs: a.jobs,
            fix: a.fix,
            base: a.base,
            max_file_size: (a.max_file_size * 1024.0 * 1024.0) as u64,
            adoption: *a.adoption,
        }),
        Command::Diff(a) => cli::diff::run(&cli::diff::DiffOptions {
            old: a.old,
            new: a.new,
            format: a.format,
            color: a.color,
        }),
        Command::Log(a) => cli::log::run(&cli::log::LogOptions {
            input: a.input,
            connector: a.connector,
            format: a.format,
            color: a.color,
        }),
        Command::Preview(a) => cli::preview::run(&cli::preview::PreviewOptions {
            path: a.path,
            out: a.out,
        }),
        Command::Rules { format, all } => {
            if all && matches!(format, RulesFormat::Markdown | RulesFormat::Docs) {
                eprintln!("connector-ls: --all applies to the text and json formats only");
                cli::EXIT_USAGE
            } else {
                let mut out = std::io::stdout().lock();
                finish(
                    cli::rules_cmd::list(format, all, &mut out).and_then(|()| out.flush()),
                    0,
                )
            }
        }
        Command::Explain { code } => {
            let mut out = std::io::stdout().lock();
            match cli::rules_cmd::explain(&code, &mut out) {
                Ok(status) => finish(out.flush(), status),
                Err(e) => finish(Err(e), 0),
            }
        }
    };
    std::process::exit(code);
}

/// The exit status after writing to stdout: a closed pipe is fine, another error is not.
fn finish(written: std::io::Result<()>, status: i32) -> i32 {
    match written {
        Ok(()) => status,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(e) => {
            eprintln!("connector-ls: cannot write the output: {e}");
            cli::EXIT_USAGE
        }
    }
}
