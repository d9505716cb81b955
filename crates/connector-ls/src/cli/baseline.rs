//! `--baseline FILE` / `--write-baseline FILE`: today's findings recorded, so that a repository
//! adopting the checker sees only the findings it adds. The format is in `docs/baseline.md`.
//!
//! A finding's key is stable across unrelated edits: the connector folder relative to the
//! baseline file's folder, the file kind, the code, the JSON pointer and the message with every
//! number replaced by `#` (lengths and counts in messages change with unrelated edits). Line
//! numbers are not part of it. The same key may occur several times; the file records a count.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{autofix, CheckRun, Checked, Located};

/// The version of the baseline format.
pub const VERSION: u32 = 1;

/// One recorded finding (with how many times its key occurs).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The connector folder, `/`-separated, relative to the baseline file's folder (`.` for
    /// that folder itself; absolute when outside it).
    pub connector: String,
    /// The file the finding is in: `apiDefinition.swagger.json`, `apiProperties.json`, ...
    pub file: String,
    pub code: String,
    pub pointer: String,
    /// The message with its numbers replaced by `#`.
    pub message: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

impl Entry {
    /// `connector: file: Code at /pointer: message`, for the stale note (escaped).
    pub fn describe(&self) -> String {
        let pointer = if self.pointer.is_empty() {
            String::new()
        } else {
            format!(" at {}", self.pointer)
        };
        let times = if self.count > 1 {
            format!(" ({}x)", self.count)
        } else {
            String::new()
        };
        super::subject::terminal_safe(&format!(
            "{}: {}: {}{pointer}: {}{times}",
            self.connector, self.file, self.code, self.message
        ))
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    version: u32,
    #[serde(default)]
    tool: String,
    findings: Vec<Entry>,
}

type Key = (String, String, String, String, String);

/// A baseline file as read, with the folder its connector paths are relative to.
#[derive(Debug)]
pub struct Baseline {
    root: PathBuf,
    counts: BTreeMap<Key, usize>,
}

/// Every number (digits, with `.` or `,` between digits) replaced by `#`.
pub fn normalise(message: &str) -> String {
    let chars: Vec<char> = message.chars().collect();
    let mut out = String::with_capacity(message.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                i += 1;
            } else if matches!(chars[i], '.' | ',')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            {
                i += 2;
            } else {
                break;
            }
        }
        out.push('#');
    }
    out
}

/// The folder of a baseline file, made absolute (the file need not exist).
fn root_of(file: &Path) -> Result<PathBuf, String> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::canonicalize(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

/// `dir` relative to `root`, `/`-separated.
fn relative(root: &Path, dir: &Path) -> String {
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let rel = match abs.strip_prefix(root) {
        Ok(r) => r.to_path_buf(),
        Err(_) => abs,
    };
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::RootDir => Some(String::new()),
            Component::Prefix(p) => Some(p.as_os_str().to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

fn key(connector: &str, loc: &Located) -> Key {
    let f = &loc.finding;
    (
        connector.to_string(),
        f.file.file_name().to_string(),
        f.code.to_string(),
        f.pointer.clone(),
        normalise(&f.message),
    )
}

fn entry(k: &Key, count: usize) -> Entry {
    Entry {
        connector: k.0.clone(),
        file: k.1.clone(),
        code: k.2.clone(),
        pointer: k.3.clone(),
        message: k.4.clone(),
        count,
    }
}

fn counts_of(root: &Path, checked: &[Checked]) -> BTreeMap<Key, usize> {
    let mut counts = BTreeMap::new();
    for c in checked {
        let connector = relative(root, &c.dir);
        for loc in &c.findings {
            *counts.entry(key(&connector, loc)).or_insert(0) += 1;
        }
    }
    counts
}

impl Baseline {
    /// Reads and validates a baseline file.
    pub fn read(file: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
        let parsed: FileFormat =
            serde_json::from_str(&text).map_err(|e| format!("not a baseline file: {e}"))?;
        if parsed.version != VERSION {
            return Err(format!(
                "baseline format version {} is not supported (this connector-ls reads version {VERSION})",
                parsed.version
            ));
        }
        let mut counts = BTreeMap::new();
        for e in parsed.findings {
            *counts
                .entry((e.connector, e.file, e.code, e.pointer, e.message))
                .or_insert(0) += e.count.max(1);
        }
        Ok(Baseline {
            root: root_of(file)?,
            counts,
        })
    }

    /// Removes the findings of `run` that the baseline records (each recorded occurrence covers
    /// one finding); returns how many were removed, and the entries of the checked connectors
    /// that matched nothing (stale).
    pub fn apply(&self, run: &mut CheckRun) -> (usize, Vec<Entry>) {
        let mut left = self.counts.clone();
        let mut removed = 0;
        let mut checked = std::collections::BTreeSet::new();
        for c in &mut run.checked {
            let connector = relative(&self.root, &c.dir);
            c.findings
                .retain(|loc| match left.get_mut(&key(&connector, loc)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        removed += 1;
                        false
                    }
                    _ => true,
                });
            checked.insert(connector);
        }
        let stale = left
            .iter()
            .filter(|(k, &n)| n > 0 && checked.contains(&k.0))
            .map(|(k, &n)| entry(k, n))
            .collect();
        (removed, stale)
    }
}

/// Writes every finding of `run` to `file`; returns how many.
///
/// The entries an existing baseline file has for connectors not checked in this run (a narrower
/// path, `--changed-since`) are kept; a file that is not a baseline is not overwritten.
pub fn write(file: &Path, run: &CheckRun) -> Result<usize, String> {
    let root = root_of(file)?;
    let mut counts = counts_of(&root, &run.checked);
    let total = counts.values().sum();
    if file.exists() {
        let old = Baseline::read(file).map_err(|e| format!("{e}; the file was not overwritten"))?;
        let checked: std::collections::BTreeSet<String> = run
            .checked
            .iter()
            .map(|c| relative(&root, &c.dir))
            .collect();
        for (k, n) in old.counts {
            if !checked.contains(&k.0) {
                *counts.entry(k).or_insert(0) += n;
            }
        }
    }
    let doc = FileFormat {
        version: VERSION,
        tool: format!("connector-ls {}", env!("CARGO_PKG_VERSION")),
        findings: counts.iter().map(|(k, &n)| entry(k, n)).collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    text.push('\n');
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if file.exists() {
        autofix::write_atomically(dir, file, &text).map_err(|e| e.to_string())?;
    } else {
        // A new file at the path the user named: created, never a planted file or link followed.
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(file)
            .map_err(|e| e.to_string())?;
        std::io::Write::write_all(&mut out, text.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn numbers_are_normalised_but_not_the_sentence() {
        assert_eq!(
            normalise("The summary is 95 characters long, over the 80 limit."),
            "The summary is # characters long, over the # limit."
        );
        assert_eq!(normalise("Version 1.2.3, then 4."), "Version #, then #.");
        assert_eq!(normalise("'x-ms-summary'"), "'x-ms-summary'");
        assert_eq!(normalise("v2 and 10,000 items"), "v# and # items");
    }
}
