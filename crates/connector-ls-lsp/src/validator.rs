//! `connector-ls.showValidatorOutput`: validator output pasted by the user, shown as diagnostics
//! with source `validator` at the places it means, until the line they are on is edited.
//!
//! The diagnostics are kept per file in protocol coordinates. An edit drops the ones on the
//! lines it touches and moves the ones below it by the lines it added or removed; a change
//! that replaces the whole text drops them all. A new paste replaces the package's previous one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use dashmap::DashMap;
use serde_json::{json, Value};
use tower_lsp_server::ls_types::{Diagnostic, TextDocumentContentChangeEvent};

use super::convert;
use connector_ls_core::package::Package;
use connector_ls_core::rules::Finding;
use connector_ls_core::text::Encoding;
use connector_ls_core::validator_log;

/// The command: arguments `[text, uri?]` or `[{"text": ..., "uri": ...}]`.
pub const SHOW_VALIDATOR_OUTPUT_COMMAND: &str = "connector-ls.showValidatorOutput";

/// The `source` of the diagnostics it publishes.
pub const SOURCE: &str = "validator";

/// The validator diagnostics of every file.
#[derive(Default)]
pub struct Store {
    by_path: DashMap<PathBuf, Vec<Diagnostic>>,
    /// Bumped on every change of the store: part of the pulled diagnostics' result id.
    epoch: AtomicU64,
}

impl Store {
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    /// The validator diagnostics of the file at `path`.
    pub fn for_path(&self, path: &Path) -> Vec<Diagnostic> {
        self.by_path
            .get(path)
            .map(|d| d.clone())
            .unwrap_or_default()
    }

    /// Replaces what package `dir` showed with `diags`; returns every file whose diagnostics
    /// changed.
    pub fn replace_package(
        &self,
        dir: &Path,
        diags: HashMap<PathBuf, Vec<Diagnostic>>,
    ) -> Vec<PathBuf> {
        let mut affected: Vec<PathBuf> = self
            .by_path
            .iter()
            .filter(|e| e.key().parent() == Some(dir))
            .map(|e| e.key().clone())
            .collect();
        for path in &affected {
            self.by_path.remove(path);
        }
        for (path, d) in diags {
            if !affected.contains(&path) {
                affected.push(path.clone());
            }
            if !d.is_empty() {
                self.by_path.insert(path, d);
            }
        }
        self.epoch.fetch_add(1, Ordering::SeqCst);
        affected.sort();
        affected
    }

    /// Drops what the file at `path` showed (it changed on disk, so the places are gone);
    /// `true` if it showed something.
    pub fn forget(&self, path: &Path) -> bool {
        let had = self.by_path.remove(path).is_some();
        if had {
            self.epoch.fetch_add(1, Ordering::SeqCst);
        }
        had
    }

    /// Follows edits of the file at `path` (in the order the client sent them); `true` if a
    /// diagnostic was dropped or moved.
    pub fn edited(&self, path: &Path, changes: &[TextDocumentContentChangeEvent]) -> bool {
        let Some(mut diags) = self.by_path.get_mut(path) else {
            return false;
        };
        let before = diags.clone();
        for change in changes {
            let Some(range) = change.range else {
                diags.clear();
                break;
            };
            let (first, last) = (range.start.line, range.end.line.max(range.start.line));
            let added = line_breaks(&change.text) as i64;
            let delta = added - i64::from(last - first);
            diags.retain_mut(|d| {
                if d.range.end.line < first {
                    return true;
                }
                if d.range.start.line > last {
                    let shift = |l: u32| (i64::from(l) + delta).max(0) as u32;
                    d.range.start.line = shift(d.range.start.line);
                    d.range.end.line = shift(d.range.end.line);
                    return true;
                }
                false
            });
        }
        let changed = *diags != before;
        let empty = diags.is_empty();
        drop(diags);
        if empty {
            self.by_path.remove(path);
        }
        if changed {
            self.epoch.fetch_add(1, Ordering::SeqCst);
        }
        changed
    }
}

/// Line breaks in `s`: LF, CRLF and a lone CR each count once.
fn line_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}

/// The text and document of the command's arguments.
pub fn arguments(args: &[Value]) -> Option<(String, Option<String>)> {
    match args.first()? {
        Value::String(text) => Some((
            text.clone(),
            args.get(1).and_then(Value::as_str).map(str::to_string),
        )),
        Value::Object(o) => Some((
            o.get("text")?.as_str()?.to_string(),
            o.get("uri").and_then(Value::as_str).map(str::to_string),
        )),
        _ => None,
    }
}

/// Reads `text`, places it in `pkg` and renders the diagnostics per file; with the summary the
/// command answers (`entries`, `placed`, `unplaced` with line, text and reason).
pub fn build(
    pkg: &Package,
    ours: &[Finding],
    text: &str,
    enc: Encoding,
    docs_base: &str,
) -> (HashMap<PathBuf, Vec<Diagnostic>>, Value) {
    let log = validator_log::parse(text);
    let (findings, unplaced) = validator_log::place_all(Some(pkg), &log, ours);
    let mut links = convert::DocsLinks::new(docs_base);
    let mut out: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
    let mut placed = 0;
    for f in &findings {
        let Some(doc) = pkg.document(f.file) else {
            continue;
        };
        let mut d = convert::diagnostic(pkg, doc, f, enc, &mut links);
        d.source = Some(SOURCE.to_string());
        out.entry(doc.path.clone()).or_default().push(d);
        placed += 1;
    }
    let summary = json!({
        "entries": log.entries.len(),
        "placed": placed,
        "skippedLines": log.skipped,
        "unplaced": unplaced.iter().map(|u| json!({
            "line": u.entry.line,
            "text": validator_log::escape(&u.entry.text),
            "reason": validator_log::escape(&u.reason),
        })).collect::<Vec<_>>(),
    });
    (out, summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn diag(line: u32) -> Diagnostic {
        Diagnostic {
            range: Range::new(Position::new(line, 2), Position::new(line, 5)),
            ..Diagnostic::default()
        }
    }

    fn change(from: u32, to: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(from, 0), Position::new(to, 1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn an_edit_drops_its_lines_and_moves_the_rest() {
        let store = Store::default();
        let path = PathBuf::from("/c/apiDefinition.swagger.json");
        let mut m = HashMap::new();
        m.insert(path.clone(), vec![diag(1), diag(4), diag(9)]);
        store.replace_package(Path::new("/c"), m);
        // Line 4 edited, one line added: 9 moves to 10, 1 stays.
        assert!(store.edited(&path, &[change(4, 4, "a\nb")]));
        let lines: Vec<u32> = store
            .for_path(&path)
            .iter()
            .map(|d| d.range.start.line)
            .collect();
        assert_eq!(lines, vec![1, 10]);
        // Lines 2..=3 joined into one, above line 10: it moves up by one.
        assert!(store.edited(&path, &[change(2, 3, "")]));
        let lines: Vec<u32> = store
            .for_path(&path)
            .iter()
            .map(|d| d.range.start.line)
            .collect();
        assert_eq!(lines, vec![1, 9]);
        // A whole-text change drops everything.
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: String::new(),
        };
        assert!(store.edited(&path, &[full]));
        assert!(store.for_path(&path).is_empty());
        assert!(!store.edited(&path, &[change(0, 0, "x")]));
        // A change on disk forgets the file's diagnostics.
        let mut m = HashMap::new();
        m.insert(path.clone(), vec![diag(3)]);
        store.replace_package(Path::new("/c"), m);
        let before = store.epoch();
        assert!(store.forget(&path));
        assert!(store.for_path(&path).is_empty() && store.epoch() > before);
        assert!(!store.forget(&path));
    }

    #[test]
    fn line_breaks_count_every_convention() {
        assert_eq!(line_breaks("a\nb\r\nc\rd"), 3);
        assert_eq!(line_breaks(""), 0);
    }
}
