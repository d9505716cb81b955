//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.
//!
//! One run; `tool.driver.rules` lists every enabled rule (with `helpUri`), results point at
//! artifacts by URI relative to the working directory (`%SRCROOT%`) with 1-based regions whose
//! columns count Unicode code points (`columnKind`).

use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Value};

use super::{CheckRun, Checked, Located};
use connector_ls_core::rules::{Severity, RULES};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A URI reference for a path: relative to the working directory when it is below it, `/`
/// separated, with characters outside the URI "pchar" set percent-encoded.
pub fn artifact_uri(path: &Path) -> String {
    let rel = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let s = rel.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s);
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if rel.is_absolute() {
        let slash = if out.starts_with('/') { "" } else { "/" };
        format!("file://{slash}{out}")
    } else {
        out
    }
}

fn result(checked: &Checked, loc: &Located, rule_index: Option<usize>) -> Value {
    let f = &loc.finding;
    let (path, start, end) = checked.annotation_target(loc);
    let uri = artifact_uri(path);
    let mut artifact = json!({ "uri": uri });
    if !uri.starts_with("file://") {
        artifact["uriBaseId"] = json!("%SRCROOT%");
    }
    let mut r = json!({
        "ruleId": f.code,
        "level": level(f.severity),
        "message": { "text": super::zip::annotation_message(loc) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": {
                    "startLine": start.line,
                    "startColumn": start.column,
                    "endLine": end.line,
                    "endColumn": end.column,
                    "byteOffset": start.offset,
                    "byteLength": end.offset.saturating_sub(start.offset),
                }
            },
            "logicalLocations": [{ "fullyQualifiedName": f.pointer, "kind": "member" }]
        }],
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if !loc.related.is_empty() {
        r["relatedLocations"] = loc
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                json!({
                    "id": i,
                    "message": { "text": rel.message },
                    "physicalLocation": {
                        "artifactLocation": { "uri": artifact_uri(&rel.path) },
                        "region": { "startLine": rel.start.line, "startColumn": rel.start.column }
                    }
                })
            })
            .collect();
    }
    if let Some(fix) = &f.fix {
        r["properties"] = json!({ "fix": { "title": fix.title, "safety": fix.safety } });
    }
    r
}

pub fn render(run: &CheckRun, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<_> = RULES
        .iter()
        .copied()
        .filter(|r| run.config.is_enabled(r))
        .collect();
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "helpUri": r.docs_url(&run.config.docs_base_url),
                "help": { "text": r.docs, "markdown": r.docs },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": {
                    "tags": if r.certification { vec!["certification"] } else { vec!["structure"] },
                    "documented": r.documented,
                }
            })
        })
        .collect();
    let results: Vec<Value> = run
        .located()
        .map(|(checked, loc)| {
            let idx = rules.iter().position(|r| r.code == loc.finding.code);
            result(checked, loc, idx)
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "connector-ls",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/connector-ls/connector-ls",
                    "rules": driver_rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    super::safe_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::artifact_uri;
    use std::path::Path;

    #[test]
    fn relative_uris_are_percent_encoded() {
        assert_eq!(
            artifact_uri(Path::new("./examples/Contoso Widgets/apiProperties.json")),
            "examples/Contoso%20Widgets/apiProperties.json"
        );
    }
}
