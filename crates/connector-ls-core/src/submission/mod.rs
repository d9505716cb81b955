//! The submission package: the zip that goes to Microsoft (Partner Center for verified
//! publishers; since 2026 also the `package.zip` of an independent publisher's pull request).
//!
//! Its layout is what `ConnectorPackageValidator.ps1` checks: an outer zip holding `intro.md`
//! and the package zip; the package zip holding one folder, `PkgAssets`; `PkgAssets` holding
//! the solution zips (connector, flow, and AI plugin when there is one); each solution zip
//! holding `[Content_Types].xml`, `customizations.xml`, `solution.xml` and the folders its
//! `customizations.xml` requires. [`check_bytes`] reads all of it from memory ([`archive`]:
//! nothing is extracted, every read is bounded) and reports every problem at once, each a
//! [`ZipFinding`] with its own code ([`codes`]) located at the zip entry
//! (`package.zip!PkgAssets/x.zip!solution.xml`). The connector definition inside the solutions
//! is handed back ([`Submission::connector`]) for the engine to check like a folder's.

pub mod archive;
pub mod codes;
pub mod compare;
pub mod custom_code;
mod solution;

use std::collections::BTreeSet;

pub use archive::{entry_path, Budget, Limits};
pub use codes::RULES;

use crate::rules::{Rule, Severity};
use archive::{Archive, Entry};

/// One problem of the package, at an archive or an entry of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZipFinding {
    pub code: &'static str,
    pub severity: Severity,
    /// `outer.zip`, `outer.zip!intro.md`, `outer.zip!package.zip!PkgAssets/x.zip!solution.xml`.
    pub path: String,
    pub message: String,
    /// 1-based line and column inside the entry (XML errors), else 1:1.
    pub line: u32,
    pub column: u32,
}

impl ZipFinding {
    pub fn new(rule: &Rule, path: &str, message: String) -> Self {
        Self {
            code: rule.code,
            severity: rule.severity,
            path: path.to_string(),
            message,
            line: 1,
            column: 1,
        }
    }

    /// Another severity than the rule's default: one the rule declares ([`Rule::also`]).
    pub fn severity(mut self, severity: Severity) -> Self {
        debug_assert!(
            crate::rules::rule(self.code).is_none_or(|r| r.emits(severity)),
            "{} does not declare the severity {}",
            self.code,
            severity.as_str()
        );
        self.severity = severity;
        self
    }

    pub fn at(mut self, line: u32, column: u32) -> Self {
        self.line = line.max(1);
        self.column = column.max(1);
        self
    }
}

/// A name from the archive, quoted for a message: control characters escaped, cut when long.
pub fn shown(name: &str) -> String {
    let mut out = String::from("'");
    for (i, c) in name.chars().enumerate() {
        if i == 200 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// The connector definition found in a solution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InnerConnector {
    /// The entry path of the `openapidefinition` (`outer.zip!…!Connector/x_openapidefinition.json`).
    pub path: String,
    pub text: String,
}

/// What the check of one package found.
#[derive(Debug, Default)]
pub struct Submission {
    pub findings: Vec<ZipFinding>,
    /// The connector's swagger as the package carries it: the connector solution's, else the
    /// first solution's that has one.
    pub connector: Option<InnerConnector>,
    /// The connection parameters and policy templates of the same solution as [`connector`](Self::connector).
    pub connection_parameters: Option<InnerConnector>,
    pub policy_templates: Option<InnerConnector>,
    /// The custom code (decoded `customcodeblobcontent`) and `scriptoperations` of the same
    /// solution.
    pub script: Option<InnerConnector>,
    pub script_operations: Option<InnerConnector>,
    /// Whether any solution has an AI plugin.
    pub has_plugin: bool,
    /// The zip is the package zip itself (`PkgAssets` at its root, no `.md` or `.zip` beside
    /// it), as an independent publisher's pull request carries it beside `intro.md`: the
    /// intro is then the folder's.
    pub package_only: bool,
}

/// Checks the submission package `bytes`, named `location` in findings.
pub fn check_bytes(location: &str, bytes: Vec<u8>, limits: &Limits) -> Submission {
    let mut out = Vec::new();
    let mut budget = Budget::default();
    let mut submission = Submission::default();
    if let Some(mut outer) = Archive::open(bytes, location, 1, limits, &mut out) {
        if is_package_zip(&outer) {
            submission.package_only = true;
            check_package(&mut outer, limits, &mut budget, &mut out, &mut submission);
        } else {
            check_outer(&mut outer, limits, &mut budget, &mut out, &mut submission);
        }
    }
    submission.findings = out;
    submission
}

/// Whether `archive` is a package zip rather than the outer zip: a `PkgAssets` folder at its
/// root and no Markdown or zip file there.
fn is_package_zip(archive: &Archive) -> bool {
    let root = files_in(archive, "");
    folders_in(archive, "")
        .iter()
        .any(|f| f.eq_ignore_ascii_case("PkgAssets"))
        && !root
            .iter()
            .any(|e| has_ext(&e.name, "md") || has_ext(&e.name, "zip"))
}

/// The folders of `archive` directly in `prefix` (`""` or `Folder/`).
fn folders_in(archive: &Archive, prefix: &str) -> Vec<String> {
    archive
        .folders()
        .into_iter()
        .filter_map(|f| {
            let rest = f.strip_prefix(prefix)?;
            (!rest.is_empty() && !rest.contains('/')).then(|| rest.to_string())
        })
        .collect()
}

/// The files of `archive` directly in `prefix`.
fn files_in(archive: &Archive, prefix: &str) -> Vec<Entry> {
    archive
        .files()
        .filter(|e| {
            e.name
                .strip_prefix(prefix)
                .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
        })
        .cloned()
        .collect()
}

fn has_ext(name: &str, ext: &str) -> bool {
    name.rsplit('.')
        .next()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
        && name.contains('.')
}

fn base_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

fn list(names: &[String]) -> String {
    let mut shown_names: Vec<String> = names.iter().take(5).map(|n| shown(n)).collect();
    if names.len() > 5 {
        shown_names.push(format!("and {} more", names.len() - 5));
    }
    shown_names.join(", ")
}

/// Whether a Markdown text has a line that is not blank and not a heading.
fn has_text(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}'));
        !t.is_empty() && !t.starts_with('#') && !t.starts_with("<!--")
    })
}

fn check_outer(
    outer: &mut Archive,
    limits: &Limits,
    budget: &mut Budget,
    out: &mut Vec<ZipFinding>,
    submission: &mut Submission,
) {
    let location = outer.location.clone();
    let mut prefix = String::new();
    let top = folders_in(outer, "");
    if !top.is_empty() {
        if files_in(outer, "").is_empty() && top.len() == 1 {
            out.push(ZipFinding::new(
                &codes::SubmissionOuterZipLayout,
                &location,
                format!(
                    "everything is inside the folder {}: the folder was zipped instead of its \
                     content; intro.md and the package zip must be at the root",
                    shown(&top[0])
                ),
            ));
            prefix = format!("{}/", top[0]);
        } else {
            out.push(ZipFinding::new(
                &codes::SubmissionOuterZipLayout,
                &location,
                format!(
                    "the outer zip holds {} ({}); it must hold only intro.md and the package \
                     zip, with no folder",
                    if top.len() == 1 {
                        "a folder"
                    } else {
                        "folders"
                    },
                    list(&top)
                ),
            ));
        }
    }
    let level = files_in(outer, &prefix);
    let md: Vec<&Entry> = level.iter().filter(|e| has_ext(&e.name, "md")).collect();
    let zips: Vec<&Entry> = level.iter().filter(|e| has_ext(&e.name, "zip")).collect();
    match md.len() {
        0 => out.push(ZipFinding::new(
            &codes::SubmissionIntroMissing,
            &location,
            "the outer zip has no intro.md at its root".into(),
        )),
        1 => {}
        n => out.push(ZipFinding::new(
            &codes::SubmissionOuterZipLayout,
            &location,
            format!(
                "the outer zip holds {n} Markdown files ({}); it must hold exactly one, intro.md",
                list(&md.iter().map(|e| e.name.clone()).collect::<Vec<_>>())
            ),
        )),
    }
    let intro = md
        .iter()
        .find(|e| base_name(&e.name).eq_ignore_ascii_case("intro.md"))
        .or(md.first().filter(|_| md.len() == 1));
    if let Some(&entry) = intro {
        let at = entry_path(&location, &entry.name);
        if !base_name(&entry.name).eq_ignore_ascii_case("intro.md") {
            out.push(
                ZipFinding::new(
                    &codes::SubmissionIntroMissing,
                    &at,
                    format!(
                        "the Markdown file is named {}; the certification bot looks for intro.md",
                        shown(base_name(&entry.name))
                    ),
                )
                .severity(Severity::Warning),
            );
        }
        let entry = entry.clone();
        if let Some(bytes) = outer.read(&entry, limits, budget, out) {
            if !has_text(&String::from_utf8_lossy(&bytes)) {
                out.push(ZipFinding::new(
                    &codes::SubmissionIntroMissing,
                    &at,
                    "intro.md has no text besides headings; it must describe the connector".into(),
                ));
            }
        }
    }
    match zips.len() {
        0 => out.push(ZipFinding::new(
            &codes::SubmissionPackageZipMissing,
            &location,
            "the outer zip holds no package zip at its root (\"Solution package not found at \
             root\")"
                .into(),
        )),
        1 => {}
        n => out.push(ZipFinding::new(
            &codes::SubmissionOuterZipLayout,
            &location,
            format!(
                "the outer zip holds {n} zip files ({}); it must hold exactly one, the package",
                list(&zips.iter().map(|e| e.name.clone()).collect::<Vec<_>>())
            ),
        )),
    }
    let zips: Vec<Entry> = zips.into_iter().cloned().collect();
    for entry in &zips {
        let Some(bytes) = outer.read(entry, limits, budget, out) else {
            continue;
        };
        let at = entry_path(&location, &entry.name);
        if let Some(mut package) = Archive::open(bytes, &at, outer.depth + 1, limits, out) {
            check_package(&mut package, limits, budget, out, submission);
        }
    }
}

fn check_package(
    package: &mut Archive,
    limits: &Limits,
    budget: &mut Budget,
    out: &mut Vec<ZipFinding>,
    submission: &mut Submission,
) {
    let location = package.location.clone();
    let top = folders_in(package, "");
    let root_zips = files_in(package, "")
        .into_iter()
        .filter(|e| has_ext(&e.name, "zip"))
        .count();
    let assets = match top.len() {
        0 => {
            let more = if root_zips > 0 {
                format!("; its {root_zips} zip files are at its root")
            } else {
                String::new()
            };
            out.push(ZipFinding::new(
                &codes::SubmissionPkgAssetsMissing,
                &location,
                format!(
                    "the package zip holds no folder: the solution zips go in a PkgAssets \
                     folder{more}"
                ),
            ));
            if root_zips == 0 {
                return;
            }
            String::new()
        }
        1 => {
            if !top[0].eq_ignore_ascii_case("PkgAssets") {
                out.push(
                    ZipFinding::new(
                        &codes::SubmissionPkgAssetsMissing,
                        &location,
                        format!(
                            "the package zip's folder is named {}; the certification bot looks \
                             for PkgAssets",
                            shown(&top[0])
                        ),
                    )
                    .severity(Severity::Warning),
                );
            }
            format!("{}/", top[0])
        }
        n => {
            out.push(ZipFinding::new(
                &codes::SubmissionPkgAssetsMissing,
                &location,
                format!(
                    "the package zip holds {n} folders ({}); it must hold exactly one, PkgAssets",
                    list(&top)
                ),
            ));
            match top.iter().find(|t| t.eq_ignore_ascii_case("PkgAssets")) {
                Some(t) => format!("{t}/"),
                None => return,
            }
        }
    };
    let shown_assets = if assets.is_empty() {
        "the package zip".to_string()
    } else {
        shown(assets.trim_end_matches('/'))
    };
    let sub = folders_in(package, &assets);
    if !sub.is_empty() {
        out.push(ZipFinding::new(
            &codes::SubmissionPkgAssetsLayout,
            &entry_path(&location, &assets),
            format!(
                "{shown_assets} holds {} ({}); it must hold only the solution zips",
                if sub.len() == 1 {
                    "a folder"
                } else {
                    "folders"
                },
                list(&sub)
            ),
        ));
    }
    let solutions: Vec<Entry> = files_in(package, &assets)
        .into_iter()
        .filter(|e| has_ext(&e.name, "zip"))
        .collect();
    let mut infos = Vec::new();
    for entry in &solutions {
        let Some(bytes) = package.read(entry, limits, budget, out) else {
            continue;
        };
        let at = entry_path(&location, &entry.name);
        if let Some(mut zip) = Archive::open(bytes, &at, package.depth + 1, limits, out) {
            infos.push(solution::check(&mut zip, limits, budget, out));
        }
    }
    let plugin = infos.iter().any(|i| i.plugin);
    submission.has_plugin |= plugin;
    let expected = if plugin { 3 } else { 2 };
    if solutions.len() != expected {
        let what = if plugin {
            "3 (the connector, flow and AI plugin solutions: a solution has an AI plugin)"
        } else {
            "2 (the connector solution and the flow solution)"
        };
        out.push(ZipFinding::new(
            &codes::SubmissionPkgAssetsLayout,
            &entry_path(&location, &assets),
            format!(
                "{shown_assets} holds {} solution zip{}; it must hold {what}",
                solutions.len(),
                if solutions.len() == 1 { "" } else { "s" }
            ),
        ));
    }
    split(&infos, plugin, &entry_path(&location, &assets), out);
    // The connector the package certifies: the connector solution's, else any solution's.
    let pick = infos
        .iter()
        .filter(|i| i.swagger.is_some())
        .min_by_key(|i| i.kind() != Some(solution::Kind::Connector));
    if let Some(info) = pick {
        if submission.connector.is_none() {
            submission.connector = info.swagger.clone();
            submission.connection_parameters = info.connection_parameters.clone();
            submission.policy_templates = info.policy_templates.clone();
            submission.script = info.script.clone();
            submission.script_operations = info.script_operations.clone();
        }
        if let Some(main) = &info.swagger {
            for other in &infos {
                let Some(swagger) = &other.swagger else {
                    continue;
                };
                if swagger.path == main.path {
                    continue;
                }
                if swagger.text != main.text {
                    out.extend(compare::swaggers(
                        &swagger.path,
                        &swagger.text,
                        &format!("the copy in {}", shown(&main.path)),
                        &main.text,
                    ));
                }
                // The custom code of the two copies, at the other copy's script (or swagger).
                let at = other.script.as_ref().unwrap_or(swagger);
                out.extend(compare::scripts(
                    &at.path,
                    other.script.as_ref().map(|s| s.text.as_str()),
                    &format!("the solution {}", shown(&info.location)),
                    info.script.as_ref().map(|s| s.text.as_str()),
                ));
            }
        }
    }
}

/// The connector-only / flow / plugin split across the solutions.
fn split(infos: &[solution::Info], plugin: bool, at: &str, out: &mut Vec<ZipFinding>) {
    use solution::Kind;
    for info in infos {
        if info.kind().is_none() && info.parsed {
            let why = if !info.connector {
                "it has no connector (no non-empty Connector node in customizations.xml)"
            } else {
                "it has both flows and an AI plugin"
            };
            out.push(ZipFinding::new(
                &codes::SubmissionSolutionSplit,
                &info.location,
                format!(
                    "the solution is neither the connector solution, the flow solution nor the \
                     plugin solution: {why}"
                ),
            ));
        }
    }
    if infos.iter().all(|i| !i.parsed) {
        return;
    }
    let has = |k: Kind| infos.iter().any(|i| i.kind() == Some(k));
    let mut missing = Vec::new();
    if !has(Kind::Connector) {
        missing.push("a connector solution (the connector alone, no flows)");
    }
    if !has(Kind::Flow) {
        missing.push("a flow solution (the connector and its flows)");
    }
    if plugin && !has(Kind::Plugin) {
        missing.push("a plugin solution (the connector and the AI plugin, no flows)");
    }
    if !missing.is_empty() {
        out.push(ZipFinding::new(
            &codes::SubmissionSolutionSplit,
            at,
            format!("the package lacks {}", missing.join(" and ")),
        ));
    }
}

/// The folder names of `archive` compared as the validator compares them (ignoring case).
fn has_folder(folders: &BTreeSet<String>, name: &str) -> bool {
    folders.iter().any(|f| f.eq_ignore_ascii_case(name))
}
