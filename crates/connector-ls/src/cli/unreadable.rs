//! Entries of a searched tree that could not be read (a folder without permission, one nested
//! beyond the system's path limit, one that vanished): each is reported as a `FileNotReadable`
//! finding of its own, and the rest of the tree is checked as usual.

use std::path::Path;

use super::{display_path, Checked, Located, Position};
use connector_ls_core::package::{FileKind, LoadError, Publisher};
use connector_ls_core::rules::{self, Config, Finding, Severity};
use connector_ls_core::text::TextRange;

/// The code of the finding.
pub const CODE: &str = "FileNotReadable";

/// Paths longer than this many characters are shortened in the message (the path itself is
/// kept whole in the finding's location).
const SHOWN_PATH_CHARS: usize = 160;

/// `e` as a finding in an entry of its own, unless the configuration leaves `FileNotReadable`
/// out or the threshold hides it.
pub fn entry(e: &LoadError, config: &Config, threshold: Severity) -> Option<Checked> {
    let rule = rules::rule(CODE)?;
    if !config.is_enabled(rule) {
        return None;
    }
    let severity = config.severity.get(CODE).copied().unwrap_or(rule.severity);
    if severity < threshold {
        return None;
    }
    let message = format!(
        "The folder '{}' could not be searched: {}; connectors inside it, if any, were not checked.",
        shortened(&e.path),
        e.message
    );
    let start = Position {
        line: 1,
        column: 1,
        offset: 0,
    };
    let finding = Finding {
        code: rule.code,
        severity,
        message,
        file: FileKind::Package,
        pointer: String::new(),
        range: TextRange::default(),
        fix: None,
        related: Vec::new(),
    };
    Some(Checked {
        dir: e.path.clone(),
        publisher: Publisher::default(),
        findings: vec![Located {
            finding,
            path: e.path.clone(),
            start,
            end: start,
            snippet: None,
            related: Vec::new(),
            subject: None,
        }],
        fixed: 0,
        main_file: None,
        connector: false,
        proposed: Vec::new(),
    })
}

/// `path` for a message: its start and end around `…` when it is very long.
fn shortened(path: &Path) -> String {
    let s = display_path(path);
    let n = s.chars().count();
    if n <= SHOWN_PATH_CHARS {
        return s;
    }
    let half = SHOWN_PATH_CHARS / 2;
    let head: String = s.chars().take(half).collect();
    let tail: String = s.chars().skip(n - half).collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paths_are_shortened_in_the_message_only() {
        let long = Path::new("a/").join("b/".repeat(3000));
        let e = LoadError {
            path: long.clone(),
            message: "File name too long (os error 36)".into(),
        };
        let c = entry(&e, &Config::default(), Severity::Hint).unwrap();
        let loc = &c.findings[0];
        assert_eq!(loc.path, long);
        assert!(
            loc.finding.message.chars().count() < 300,
            "{}",
            loc.finding.message
        );
        assert!(loc.finding.message.contains("File name too long"));
        assert!(!c.connector);
    }

    #[test]
    fn ignored_or_below_the_threshold_is_not_reported() {
        let e = LoadError {
            path: "x".into(),
            message: "Permission denied".into(),
        };
        let ignoring = Config {
            ignore: vec![CODE.into()],
            ..Config::default()
        };
        assert!(entry(&e, &ignoring, Severity::Hint).is_none());
        let mut lowered = Config::default();
        lowered.severity.insert(CODE.into(), Severity::Info);
        assert!(entry(&e, &lowered, Severity::Warning).is_none());
        assert_eq!(
            entry(&e, &lowered, Severity::Info).unwrap().findings[0]
                .finding
                .severity,
            Severity::Info
        );
    }
}
