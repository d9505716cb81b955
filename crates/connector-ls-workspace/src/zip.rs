//! `check PATH.zip`, and the `.zip` files found in a connector folder or tree: the submission
//! package ([`connector_ls_core::submission`]) and the connector inside it, checked by the engine like a
//! folder's, with the differences from the folder beside the zip.
//!
//! A finding inside the zip is located at its entry: its path is
//! `package.zip!PkgAssets/x.zip!solution.xml` ([`split_archive_path`] takes it apart). The text
//! output shows that path; JSON names the zip file and the entry apart; GitHub and SARIF put the
//! annotation on line 1 of the zip file with the entry in the message.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::source::DISK;
use crate::{display_path, PathError};
use connector_ls_core::locate::{locate_all, Located, Position};
use connector_ls_core::package::{Document, FileKind, Package, Publisher, Source};
use connector_ls_core::rules::{self, Config, Finding, Severity};
use connector_ls_core::submission::{self, InnerConnector, Limits, ZipFinding};

pub use crate::search::is_zip;

/// What a zip is checked with besides the engine's configuration.
#[derive(Clone, Copy, Debug)]
pub struct ZipOptions {
    /// The publisher type the command line names (else: the folder's, else detected).
    pub publisher: Option<Publisher>,
    /// Findings below this severity are left out.
    pub threshold: Severity,
}

impl Default for ZipOptions {
    /// No publisher named; every finding shown.
    fn default() -> Self {
        Self {
            publisher: None,
            threshold: Severity::Hint,
        }
    }
}

/// A checked submission package.
#[derive(Debug)]
pub struct ZipChecked {
    pub publisher: Publisher,
    pub findings: Vec<Located>,
}

/// Splits `outer.zip!entry!…` into the zip file on disk and the entry path inside it.
pub fn split_archive_path(path: &Path) -> Option<(PathBuf, String)> {
    let s = path.to_str()?;
    let lower = s.to_ascii_lowercase();
    let at = lower.find(".zip!")? + ".zip".len();
    Some((PathBuf::from(&s[..at]), s[at + 1..].to_string()))
}

/// The message of an annotation placed on the zip file: the entry first, when the finding is
/// inside one.
pub fn annotation_message(loc: &Located) -> String {
    let message = match split_archive_path(&loc.path) {
        Some((_, entry)) if loc.start.line > 1 || loc.start.column > 1 => format!(
            "{entry}:{}:{}: {}",
            loc.start.line, loc.start.column, loc.finding.message
        ),
        Some((_, entry)) => format!("{entry}: {}", loc.finding.message),
        None => loc.finding.message.clone(),
    };
    match &loc.subject {
        Some(subject) => format!("{message} ({subject})"),
        None => message,
    }
}

/// A zip finding, placed, if `config` enables its code and it is shown at the threshold.
fn located(f: ZipFinding, config: &Config, opts: &ZipOptions) -> Option<Located> {
    let rule = rules::rule(f.code)?;
    if !config.is_enabled(rule) {
        return None;
    }
    let severity = config.severity.get(f.code).copied().unwrap_or(f.severity);
    if severity < opts.threshold {
        return None;
    }
    let at = Position {
        line: f.line,
        column: f.column,
        offset: 0,
    };
    Some(Located {
        finding: Finding {
            code: rule.code,
            severity,
            message: f.message,
            file: FileKind::Package,
            pointer: String::new(),
            range: Default::default(),
            fix: None,
            related: Vec::new(),
        },
        path: PathBuf::from(f.path),
        start: at,
        end: at,
        snippet: None,
        related: Vec::new(),
        subject: None,
    })
}

/// Checks the submission package `path`.
pub fn check_zip(path: &Path, opts: &ZipOptions, config: &Config) -> Result<ZipChecked, PathError> {
    check_zip_beside(path, opts, config, Beside::default())
}

/// The folder's files as an editor holds them, which the connector inside a zip is compared
/// with instead of the files on disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct Beside<'a> {
    /// The swagger: its path and text.
    pub swagger: Option<(&'a Path, &'a str)>,
    /// The text of `script.csx`.
    pub script: Option<&'a str>,
}

/// [`check_zip`], comparing the connector inside with `beside` instead of the files on disk.
pub fn check_zip_beside(
    path: &Path,
    opts: &ZipOptions,
    config: &Config,
    beside: Beside,
) -> Result<ZipChecked, PathError> {
    let limits = Limits::default();
    let error = |message: String| PathError {
        path: path.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| error(e.to_string()))?;
    let location = display_path(path);
    let submission = if meta.len() > limits.max_file_size {
        submission::Submission {
            findings: vec![ZipFinding::new(
                &submission::codes::SubmissionZipLimitExceeded,
                &location,
                format!(
                    "the file is {}, more than the {} a submission package may be; it was not read",
                    submission::archive::human(meta.len()),
                    submission::archive::human(limits.max_file_size)
                ),
            )],
            ..Default::default()
        }
    } else {
        // Bounded by what is read, not by the size the file system reports.
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        std::fs::File::open(path)
            .and_then(|f| std::io::Read::take(f, limits.max_file_size + 1).read_to_end(&mut bytes))
            .map_err(|e| error(e.to_string()))?;
        submission::check_bytes(&location, bytes, &limits)
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // The connector folder the zip sits in, if it is one.
    let folder = Package::load(&dir, opts.publisher, &Source::new(&DISK))
        .ok()
        .filter(|p| p.swagger.is_some() || p.api_properties.is_some());
    let mut zip_findings = submission.findings;
    // A package zip without its outer zip (an independent publisher's pull request): the
    // intro is the folder's `intro.md` (whose text the folder's own rules check).
    let has_intro = std::fs::read_dir(&dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().eq_ignore_ascii_case("intro.md"))
    });
    if submission.package_only && !has_intro {
        zip_findings.insert(
            0,
            ZipFinding::new(
                &submission::codes::SubmissionIntroMissing,
                &location,
                "the package zip has no intro.md beside it: a pull request adds intro.md \
                 and package.zip to the connector folder, and an outer zip holds both"
                    .into(),
            ),
        );
    }
    let mut engine = Vec::new();
    let mut publisher = folder.as_ref().map(|p| p.publisher);
    if let Some(inner) = &submission.connector {
        let theirs = match beside.swagger {
            Some((path, text)) => Some((path.to_path_buf(), text)),
            None => folder
                .as_ref()
                .and_then(|p| p.swagger.as_ref())
                .map(|d| (d.path.clone(), d.text())),
        };
        if let Some((theirs, text)) = theirs {
            zip_findings.extend(submission::compare::swaggers(
                &inner.path,
                &inner.text,
                &format!("the folder's {}", display_path(&theirs)),
                text,
            ));
        }
        // The custom code, with the folder's script.csx.
        if let Some(folder) = &folder {
            let at = submission.script.as_ref().unwrap_or(inner);
            let theirs = folder.file(FileKind::Script).map(|f| display_path(&f.path));
            let other = match &theirs {
                Some(path) => format!("the folder ({path})"),
                None => "the folder".to_string(),
            };
            zip_findings.extend(submission::compare::scripts(
                &at.path,
                submission.script.as_ref().map(|s| s.text.as_str()),
                &other,
                beside.script.or_else(|| folder.script_text()),
            ));
        }
        let doc = Document::from_text(
            PathBuf::from(&inner.path),
            FileKind::Swagger,
            inner.text.clone(),
        );
        let mut docs = vec![doc];
        let api = ApiPropertiesParts::new(
            submission.connection_parameters.as_ref(),
            submission.policy_templates.as_ref(),
            submission.script_operations.as_ref(),
        );
        if let Some(api) = &api {
            docs.push(Document::from_text(
                PathBuf::from(format!("{}!apiProperties", inner.path)),
                FileKind::ApiProperties,
                api.text.clone(),
            ));
        }
        let mut package = Package::from_documents(&dir, docs, publisher.or(opts.publisher));
        if let Some(script) = &submission.script {
            package.set_script(PathBuf::from(&script.path), script.text.clone());
        }
        publisher.get_or_insert(package.publisher);
        // What the swagger says, and what the solution's connection parameters and policy
        // templates say as parts of apiProperties; the rest of apiProperties (publisher, brand
        // colour, ...) lives in the solution's XML, which the package checks read.
        let mut found = rules::check(&package, config);
        found.retain(|f| {
            f.severity >= opts.threshold
                && match f.file {
                    FileKind::Swagger => true,
                    // The zip check reports the syntax errors of these files, in every solution.
                    FileKind::ApiProperties => {
                        f.code != "JsonSyntaxError"
                            && api.as_ref().is_some_and(|a| a.part_of(f).is_some())
                    }
                    FileKind::Script => submission.script.is_some(),
                    _ => false,
                }
        });
        engine = locate_all(&package, found, None);
        if let Some(api) = &api {
            for loc in &mut engine {
                if loc.finding.file == FileKind::ApiProperties {
                    api.relocate(loc);
                }
            }
        }
    }
    let mut findings: Vec<Located> = zip_findings
        .into_iter()
        .filter_map(|f| located(f, config, opts))
        .collect();
    findings.extend(engine);
    Ok(ZipChecked {
        publisher: publisher.unwrap_or(Publisher::Verified),
        findings,
    })
}

/// The apiProperties a solution spreads over files of their own (`connectionparameters`,
/// `policytemplateinstances` and `scriptoperations`), joined into one document for the engine,
/// with where each file's text sits in it.
struct ApiPropertiesParts<'a> {
    text: String,
    /// (the file, the byte offset its text starts at in [`text`](Self::text)).
    parts: Vec<(&'a InnerConnector, usize)>,
}

impl<'a> ApiPropertiesParts<'a> {
    fn new(
        connection_parameters: Option<&'a InnerConnector>,
        policy_templates: Option<&'a InnerConnector>,
        script_operations: Option<&'a InnerConnector>,
    ) -> Option<Self> {
        if connection_parameters.is_none()
            && policy_templates.is_none()
            && script_operations.is_none()
        {
            return None;
        }
        let mut text = String::from("{\"properties\": {");
        let mut parts = Vec::new();
        let members = [
            ("connectionParameters", connection_parameters),
            ("policyTemplateInstances", policy_templates),
            ("scriptOperations", script_operations),
        ];
        for (member, file) in members {
            let Some(file) = file else { continue };
            if !parts.is_empty() {
                text.push_str(", ");
            }
            text.push_str(&format!("\"{member}\": "));
            parts.push((file, text.len()));
            text.push_str(&file.text);
            // A line break of its own: a trailing `//` comment cannot swallow what follows.
            text.push('\n');
        }
        text.push_str("}}");
        Some(ApiPropertiesParts { text, parts })
    }

    /// The file a finding on the joined document lies in, with its start offset there.
    fn part_of(&self, f: &Finding) -> Option<(&'a InnerConnector, usize)> {
        let range = f.range.as_usize();
        self.parts.iter().find_map(|&(file, start)| {
            let end = start + file.text.len();
            (range.start >= start && range.end <= end).then_some((file, start))
        })
    }

    /// Moves a finding located on the joined document to its place in the solution's file.
    fn relocate(&self, loc: &mut Located) {
        let Some((file, start)) = self.part_of(&loc.finding) else {
            return;
        };
        let range = loc.finding.range.as_usize();
        loc.path = PathBuf::from(&file.path);
        loc.start = position_in(&file.text, range.start - start);
        loc.end = position_in(&file.text, range.end - start);
        loc.snippet = None;
        loc.related.clear();
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
fn position_in(text: &str, offset: usize) -> Position {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() as u32 + 1,
        column: before[line_start..].chars().count() as u32 + 1,
        offset: offset as u32,
    }
}
