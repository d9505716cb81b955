//! One solution zip of `PkgAssets`: its three XML files, parsed with an XML parser, and the
//! folders and files its `customizations.xml` requires.

use std::collections::HashMap;

use super::archive::{entry_path, Archive, Budget, Entry, Limits};
use super::{codes, custom_code, has_folder, list, shown, InnerConnector, ZipFinding};

/// What a solution holds, as `customizations.xml` says.
#[derive(Debug, Default)]
pub struct Info {
    pub location: String,
    /// `customizations.xml` was read and parsed.
    pub parsed: bool,
    pub connector: bool,
    pub workflows: bool,
    pub plugin: bool,
    pub swagger: Option<InnerConnector>,
    /// The connector's `connectionparameters` file (apiProperties' `connectionParameters`).
    pub connection_parameters: Option<InnerConnector>,
    /// The connector's `policytemplateinstances` file (apiProperties'
    /// `policyTemplateInstances`).
    pub policy_templates: Option<InnerConnector>,
    /// The connector's custom code (`customcodeblobcontent`), decoded: the folder's `script.csx`.
    pub script: Option<InnerConnector>,
    /// The connector's `scriptoperations` file (apiProperties' `scriptOperations`).
    pub script_operations: Option<InnerConnector>,
}

/// The solution kinds a package is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Connector,
    Flow,
    Plugin,
}

impl Info {
    pub fn kind(&self) -> Option<Kind> {
        match (self.connector, self.workflows, self.plugin) {
            (true, false, false) => Some(Kind::Connector),
            (true, true, false) => Some(Kind::Flow),
            (true, false, true) => Some(Kind::Plugin),
            _ => None,
        }
    }
}

const REQUIRED: [&str; 3] = ["[Content_Types].xml", "customizations.xml", "solution.xml"];

/// Elements that name a file of the solution (`/Workflows/x.json`).
const FILE_ELEMENTS: [&str; 2] = ["JsonFileName", "XamlFileName"];

/// Whether an element has content, as the validator's `HasChildNodes or Attributes.Count > 0`
/// sees it (whitespace between elements is not a node there).
fn non_empty(node: roxmltree::Node) -> bool {
    node.attributes().len() > 0
        || node
            .children()
            .any(|c| c.is_element() || c.text().is_some_and(|t| !t.trim().is_empty()))
}

fn find_non_empty<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    name: &str,
) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name && non_empty(*n))
        .collect()
}

/// Parses an XML text; a finding (with the error's position) when it cannot.
fn parse<'t>(
    text: &'t str,
    at: &str,
    out: &mut Vec<ZipFinding>,
) -> Option<roxmltree::Document<'t>> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    match roxmltree::Document::parse_with_options(text, options) {
        Ok(doc) => Some(doc),
        Err(e) => {
            let pos = e.pos();
            out.push(
                ZipFinding::new(
                    &codes::SubmissionSolutionXmlInvalid,
                    at,
                    format!("the file is not well-formed XML: {e}"),
                )
                .at(pos.row, pos.col),
            );
            None
        }
    }
}

/// Reads an entry as UTF-8 text (a byte order mark dropped).
fn text_of(
    zip: &mut Archive,
    entry: &Entry,
    limits: &Limits,
    budget: &mut Budget,
    out: &mut Vec<ZipFinding>,
) -> Option<String> {
    let bytes = zip.read(entry, limits, budget, out)?;
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Some(s)
        }
        Err(e) => {
            out.push(ZipFinding::new(
                &codes::SubmissionSolutionXmlInvalid,
                &entry_path(&zip.location, &entry.name),
                format!(
                    "the file is not UTF-8 (first invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            ));
            None
        }
    }
}

fn root_is(doc: &roxmltree::Document, name: &str, at: &str, out: &mut Vec<ZipFinding>) -> bool {
    let root = doc.root_element().tag_name().name();
    if root == name {
        return true;
    }
    out.push(ZipFinding::new(
        &codes::SubmissionSolutionXmlInvalid,
        at,
        format!(
            "the root element is {}; an exported solution's is {name}",
            shown(root)
        ),
    ));
    false
}

/// Checks one solution zip.
pub fn check(
    zip: &mut Archive,
    limits: &Limits,
    budget: &mut Budget,
    out: &mut Vec<ZipFinding>,
) -> Info {
    let location = zip.location.clone();
    let mut info = Info {
        location: location.clone(),
        ..Info::default()
    };
    let files: HashMap<String, Entry> = zip
        .files()
        .map(|e| (e.name.to_ascii_lowercase(), e.clone()))
        .collect();
    let root = |name: &str| files.get(&name.to_ascii_lowercase()).cloned();
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|n| root(n).is_none())
        .map(|n| n.to_string())
        .collect();
    if !missing.is_empty() {
        // Zipped from the parent folder: the files are one level down.
        let nested = files
            .keys()
            .filter(|k| k.ends_with("/solution.xml") && k.matches('/').count() == 1)
            .map(|k| k.split('/').next().unwrap_or_default().to_string())
            .next();
        let hint = match nested {
            Some(folder) => format!(
                " (they are inside the folder {}: the folder was zipped instead of its content)",
                shown(&folder)
            ),
            None => String::new(),
        };
        out.push(ZipFinding::new(
            &codes::SubmissionSolutionFileMissing,
            &location,
            format!(
                "the solution zip lacks {} at its root; an exported solution has \
                 [Content_Types].xml, customizations.xml and solution.xml{hint}",
                list(&missing)
            ),
        ));
    }
    if let Some(entry) = root("[Content_Types].xml") {
        let at = entry_path(&location, &entry.name);
        if let Some(text) = text_of(zip, &entry, limits, budget, out) {
            if let Some(doc) = parse(&text, &at, out) {
                root_is(&doc, "Types", &at, out);
            }
        }
    }
    if let Some(entry) = root("solution.xml") {
        let at = entry_path(&location, &entry.name);
        if let Some(text) = text_of(zip, &entry, limits, budget, out) {
            if let Some(doc) = parse(&text, &at, out) {
                if root_is(&doc, "ImportExportXml", &at, out) {
                    check_manifest(&doc, &at, out);
                }
            }
        }
    }
    let Some(entry) = root("customizations.xml") else {
        return info;
    };
    let at = entry_path(&location, &entry.name);
    let Some(text) = text_of(zip, &entry, limits, budget, out) else {
        return info;
    };
    let Some(doc) = parse(&text, &at, out) else {
        return info;
    };
    if !root_is(&doc, "ImportExportXml", &at, out) {
        return info;
    }
    info.parsed = true;
    let connectors = find_non_empty(&doc, "Connector");
    info.connector = !connectors.is_empty();
    info.workflows = !find_non_empty(&doc, "Workflows").is_empty();
    info.plugin = !find_non_empty(&doc, "aicopilot_aiplugin").is_empty();

    let folders = zip.folders();
    let mut needed: Vec<&str> = Vec::new();
    let mut why = Vec::new();
    if info.connector {
        needed.push("Connector");
        why.push("a Connector node");
    }
    if info.workflows {
        needed.extend(["Connector", "Workflows"]);
        why.push("a Workflows node");
    }
    if info.plugin {
        needed.extend(["Connector", "aiplugins", "aipluginoperations"]);
        why.push("an aicopilot_aiplugin node");
    }
    needed.sort_unstable();
    needed.dedup();
    let absent: Vec<String> = needed
        .iter()
        .filter(|f| !has_folder(&folders, f))
        .map(|f| format!("{f}/"))
        .collect();
    if !absent.is_empty() {
        out.push(ZipFinding::new(
            &codes::SubmissionSolutionFolderMissing,
            &location,
            format!(
                "customizations.xml has {}, so the solution zip needs {}; it lacks {}",
                why.join(" and "),
                needed
                    .iter()
                    .map(|f| format!("{f}/"))
                    .collect::<Vec<_>>()
                    .join(", "),
                list(&absent)
            ),
        ));
    }

    // Files the XML names must be in the zip.
    let mut named: Vec<(String, &str, roxmltree::Node)> = Vec::new();
    for connector in &connectors {
        for child in connector.children().filter(|c| c.is_element()) {
            if let Some(path) = child.text().map(str::trim).filter(|t| t.starts_with('/')) {
                named.push((path.to_string(), child.tag_name().name(), child));
            }
        }
    }
    for node in doc
        .descendants()
        .filter(|n| n.is_element() && FILE_ELEMENTS.contains(&n.tag_name().name()))
    {
        if let Some(path) = node.text().map(str::trim).filter(|t| t.starts_with('/')) {
            named.push((path.to_string(), node.tag_name().name(), node));
        }
    }
    let mut absent_files = Vec::new();
    for (path, element, node) in &named {
        let key = path.trim_start_matches('/').replace('\\', "/");
        match files.get(&key.to_ascii_lowercase()) {
            None => absent_files.push((path.clone(), *element, *node)),
            Some(entry) if *element == "openapidefinition" && info.swagger.is_none() => {
                let entry = entry.clone();
                let path = entry_path(&location, &entry.name);
                if let Some(bytes) = zip.read(&entry, limits, budget, out) {
                    match String::from_utf8(bytes) {
                        Ok(text) => info.swagger = Some(InnerConnector { path, text }),
                        Err(_) => out.push(ZipFinding::new(
                            &codes::SubmissionSolutionXmlInvalid,
                            &path,
                            "the connector definition is not UTF-8 text".into(),
                        )),
                    }
                }
            }
            Some(entry) if *element == "customcodeblobcontent" && info.script.is_none() => {
                let entry = entry.clone();
                let path = entry_path(&location, &entry.name);
                if let Some(bytes) = zip.read(&entry, limits, budget, out) {
                    match custom_code::decode(&bytes) {
                        Ok(text) => info.script = Some(InnerConnector { path, text }),
                        Err(message) => out.push(ZipFinding::new(
                            &codes::SubmissionCustomCodeInvalid,
                            &path,
                            message,
                        )),
                    }
                }
            }
            Some(entry) if *element == "scriptoperations" && info.script_operations.is_none() => {
                let entry = entry.clone();
                let path = entry_path(&location, &entry.name);
                if let Some(bytes) = zip.read(&entry, limits, budget, out) {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    json_syntax(&text, &path, out);
                    match custom_code::operations_shape(&text) {
                        Ok(()) => info.script_operations = Some(InnerConnector { path, text }),
                        Err(message) => out.push(ZipFinding::new(
                            &codes::SubmissionCustomCodeInvalid,
                            &path,
                            message,
                        )),
                    }
                }
            }
            Some(entry) if entry.name.to_ascii_lowercase().ends_with(".json") => {
                let entry = entry.clone();
                if let Some(bytes) = zip.read(&entry, limits, budget, out) {
                    let path = entry_path(&location, &entry.name);
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    json_syntax(&text, &path, out);
                    // The parts of apiProperties a solution keeps in files of their own: the
                    // engine checks them as apiProperties (see `cli::zip`).
                    let slot = match *element {
                        "connectionparameters" => Some(&mut info.connection_parameters),
                        "policytemplateinstances" => Some(&mut info.policy_templates),
                        _ => None,
                    };
                    if let Some(slot) = slot.filter(|s| s.is_none()) {
                        *slot = Some(InnerConnector { path, text });
                    }
                }
            }
            Some(_) => {}
        }
    }
    for (path, element, node) in absent_files.iter().take(20) {
        let pos = doc.text_pos_at(node.range().start);
        out.push(
            ZipFinding::new(
                &codes::SubmissionSolutionFileMissing,
                &at,
                format!(
                    "<{element}> names {}, which is not in the solution zip",
                    shown(path)
                ),
            )
            .at(pos.row, pos.col),
        );
    }
    info
}

/// `solution.xml`'s manifest: the unique name and version every exported solution has.
fn check_manifest(doc: &roxmltree::Document, at: &str, out: &mut Vec<ZipFinding>) {
    let manifest = doc
        .root_element()
        .children()
        .find(|n| n.is_element() && n.tag_name().name() == "SolutionManifest");
    let Some(manifest) = manifest else {
        out.push(ZipFinding::new(
            &codes::SubmissionSolutionXmlInvalid,
            at,
            "solution.xml has no SolutionManifest element".into(),
        ));
        return;
    };
    for name in ["UniqueName", "Version"] {
        let value = manifest
            .children()
            .find(|n| n.is_element() && n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(str::trim)
            .unwrap_or_default();
        if value.is_empty() {
            let pos = doc.text_pos_at(manifest.range().start);
            out.push(
                ZipFinding::new(
                    &codes::SubmissionSolutionXmlInvalid,
                    at,
                    format!("the SolutionManifest has no {name}"),
                )
                .at(pos.row, pos.col),
            );
        }
    }
}

/// The syntax errors of a JSON file of the connector besides its definition (the connection
/// parameters, the policy templates), which the engine does not check: reported under the
/// engine's own code, at their line and column in the entry.
fn json_syntax(text: &str, at: &str, out: &mut Vec<ZipFinding>) {
    let Some(rule) = crate::rules::rule("JsonSyntaxError") else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parse = crate::json::parse(text);
    let errors = parse
        .errors
        .iter()
        .filter(|e| e.kind == crate::json::SyntaxErrorKind::Syntax);
    let mut lines = None;
    for e in errors.take(5) {
        let lines = lines.get_or_insert_with(|| crate::text::LineIndex::new(text));
        let pos = lines.line_col(text, e.range.start, crate::text::Encoding::Utf32);
        out.push(ZipFinding::new(rule, at, e.message.clone()).at(pos.line + 1, pos.col + 1));
    }
}
