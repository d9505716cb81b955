//! The configuration file, `connector-ls.toml` (or `.connector-ls.toml`): one place for the
//! settings that both `check` and the language server read.
//!
//! The file that applies to a connector is the nearest one found walking up from its folder
//! ([`find`]); it is never merged with files further up. [`parse`] reads it strictly: an unknown
//! key, rule code or group, or a value of the wrong type is a [`ConfigError`] with its line and
//! a suggestion, because a configuration with a typo that is silently ignored turns CI green.
//! [`ConfigFile::for_package`] resolves it for one connector folder (its `[[overrides]]`
//! applied), and [`Resolved::apply`] lays the result under the engine's [`rules::Config`]: the
//! command line and the editor's own settings are applied over it by their callers.
//!
//! Nothing here runs git or reads anything but the file itself.

pub mod layers;
mod parse;
pub mod schema;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;

use connector_ls_core::package::Publisher;
use connector_ls_core::rules::{self, Rule, Severity};

pub use layers::{for_editor, EditorSet};
pub use parse::parse;

/// The file names, in the order they are looked for in each folder.
pub const FILE_NAMES: [&str; 2] = ["connector-ls.toml", ".connector-ls.toml"];

/// A configuration file larger than this is refused (it is a few lines in practice).
pub const MAX_FILE_SIZE: u64 = 1024 * 1024;

/// Whether `path` is named like a configuration file.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| FILE_NAMES.contains(&n))
}

/// A problem in a configuration file, at a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            crate::display_path(&shown(&self.path)),
            self.line,
            self.column,
            self.message
        )
    }
}

/// `path` relative to the current folder when it is under it (files are found by absolute
/// path, but named as the user would).
pub fn shown(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_path_buf();
    };
    match path.strip_prefix(normalize(&cwd)) {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path.to_path_buf(),
    }
}

/// What `[rules]` says of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// How specific a `[rules]` key is: a code beats a prefix, which beats a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Specificity {
    Group,
    Prefix,
    Code,
}

/// One `[rules]` entry, resolved to the rules it names.
#[derive(Clone, Debug)]
pub struct RuleSetting {
    /// The key as written (`UnknownExtension`, `Path*`, `metadata`).
    pub key: String,
    specificity: Specificity,
    /// Where the key is in the file (orders entries of equal specificity).
    order: usize,
    pub codes: Vec<&'static str>,
    pub level: Level,
}

/// A `[rules]` table: the level of each rule it names.
#[derive(Clone, Debug, Default)]
pub struct RuleTable {
    pub settings: Vec<RuleSetting>,
}

impl RuleTable {
    /// Lays this table over `levels`: for each rule, its most specific entry (the later one of
    /// equal specificity) wins.
    fn apply(&self, levels: &mut HashMap<&'static str, Level>) {
        let mut ordered: Vec<&RuleSetting> = self.settings.iter().collect();
        ordered.sort_by_key(|s| (s.specificity, s.order));
        for s in ordered {
            for &code in &s.codes {
                levels.insert(code, s.level);
            }
        }
    }
}

pub use connector_ls_core::rules::Accepted;

/// A `[[overrides]]` entry: settings for the connector folders its globs match.
#[derive(Clone, Debug)]
pub struct Override {
    pub paths: Vec<String>,
    globs: GlobSet,
    pub publisher: Option<Publisher>,
    pub certification: Option<bool>,
    pub rules: RuleTable,
    pub accepted: Vec<Accepted>,
}

/// The `base` ref, with where it is written (errors about it point there).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base {
    pub reference: String,
    pub line: u32,
    pub column: u32,
}

/// A parsed configuration file.
#[derive(Clone, Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    /// The folder of the file: override globs are relative to it.
    pub dir: PathBuf,
    pub publisher: Option<Publisher>,
    pub certification: Option<bool>,
    pub base: Option<Base>,
    pub rules: RuleTable,
    pub accepted: Vec<Accepted>,
    pub overrides: Vec<Override>,
}

/// The configuration of one connector folder: the file with its matching overrides applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolved {
    /// The file it comes from (`None`: there is none).
    pub path: Option<PathBuf>,
    pub publisher: Option<Publisher>,
    pub certification: Option<bool>,
    pub base: Option<Base>,
    /// The level of every rule the file names.
    pub levels: HashMap<&'static str, Level>,
    pub accepted: Vec<Accepted>,
}

impl ConfigFile {
    /// The configuration of the connector folder `dir` (under the file's folder).
    pub fn for_package(&self, dir: &Path) -> Resolved {
        let mut out = Resolved {
            path: Some(self.path.clone()),
            publisher: self.publisher,
            certification: self.certification,
            base: self.base.clone(),
            levels: HashMap::new(),
            accepted: self.accepted.clone(),
        };
        self.rules.apply(&mut out.levels);
        let relative = relative_to(&self.dir, dir);
        for o in &self.overrides {
            let Some(rel) = relative.as_deref() else {
                break;
            };
            if !o.globs.is_match(rel) {
                continue;
            }
            out.publisher = o.publisher.or(out.publisher);
            out.certification = o.certification.or(out.certification);
            o.rules.apply(&mut out.levels);
            out.accepted.extend(o.accepted.iter().cloned());
        }
        out
    }
}

impl Resolved {
    /// Lays the file's rule levels and accepted breaking changes under `config`: rules it turns
    /// off join `config.ignore` (unless `keep_on` names them: a code given explicitly on the
    /// command line), its severities fill `config.severity` where no one set the code already.
    /// `certification` and the publisher are the callers' (they know which of theirs were set).
    pub fn apply(&self, config: &mut rules::Config, keep_on: &[String]) {
        let mut codes: Vec<(&&'static str, &Level)> = self.levels.iter().collect();
        codes.sort_by_key(|(code, _)| **code);
        for (code, level) in codes {
            match level {
                Level::Off => {
                    let named = keep_on.iter().any(|k| k.eq_ignore_ascii_case(code));
                    if !named {
                        config.ignore.push(code.to_string());
                    }
                }
                Level::On(s) => {
                    config.severity.entry(code.to_string()).or_insert(*s);
                }
            }
        }
        config.accepted.extend(self.accepted.iter().cloned());
    }
}

/// The relative path of `dir` under `root` with `/` separators (`""` for `root` itself), or
/// `None` when `dir` is not under it.
fn relative_to(root: &Path, dir: &Path) -> Option<String> {
    let rest = normalize(dir)
        .strip_prefix(normalize(root))
        .ok()?
        .to_path_buf();
    let parts: Vec<String> = rest
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// `path` made absolute (against the current folder) with `.` and `..` resolved by name, not
/// through the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The nearest configuration file of `dir` (a connector folder, or a file's folder): `dir`
/// itself, then each folder above. Two files in one folder are an error: which one applies
/// would be a guess.
pub fn find(dir: &Path) -> Result<Option<PathBuf>, ConfigError> {
    let start = normalize(dir);
    for folder in start.ancestors() {
        let found: Vec<PathBuf> = FILE_NAMES
            .iter()
            .map(|n| folder.join(n))
            .filter(|p| p.is_file())
            .collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(Some(one.clone())),
            [first, second, ..] => {
                return Err(ConfigError {
                    path: second.clone(),
                    line: 1,
                    column: 1,
                    message: format!(
                        "two configuration files in one folder: remove this one or {}",
                        crate::display_path(&shown(first))
                    ),
                })
            }
        }
    }
    Ok(None)
}

/// Reads and parses the configuration file at `path`.
pub fn load(path: &Path) -> Result<ConfigFile, Vec<ConfigError>> {
    let error = |message: String| {
        vec![ConfigError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message,
        }]
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_SIZE => {
            return Err(error(format!(
                "the file is {} bytes; a configuration file is at most {MAX_FILE_SIZE}",
                m.len()
            )))
        }
        Ok(_) => {}
        Err(e) => return Err(error(format!("cannot read the file: {e}"))),
    }
    let bytes = std::fs::read(path).map_err(|e| error(format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| error("the file is not UTF-8".into()))?;
    parse(path, text.strip_prefix('\u{feff}').unwrap_or(&text))
}

/// A loaded file, or what is wrong with it.
pub type Loaded = Result<Arc<ConfigFile>, Arc<Vec<ConfigError>>>;

/// Configuration files found and parsed, cached by folder and by file, so that a run over many
/// connectors (or an editor session) reads each file once.
#[derive(Default)]
pub struct Configs {
    nearest: HashMap<PathBuf, Result<Option<PathBuf>, ConfigError>>,
    files: HashMap<PathBuf, Loaded>,
}

impl Configs {
    /// The configuration of connector folder `dir`: `Ok(None)` without a file.
    pub fn of(&mut self, dir: &Path) -> Result<Option<Resolved>, Arc<Vec<ConfigError>>> {
        let key = normalize(dir);
        let nearest = self
            .nearest
            .entry(key.clone())
            .or_insert_with(|| find(&key))
            .clone();
        let path = match nearest {
            Ok(Some(path)) => path,
            Ok(None) => return Ok(None),
            Err(e) => return Err(Arc::new(vec![e])),
        };
        let loaded = self
            .files
            .entry(path.clone())
            .or_insert_with(|| load(&path).map(Arc::new).map_err(Arc::new))
            .clone();
        loaded.map(|file| Some(file.for_package(&key)))
    }

    /// Every file read so far, with its result.
    pub fn files(&self) -> impl Iterator<Item = (&PathBuf, &Loaded)> {
        self.files.iter()
    }

    /// The problems of every file looked at so far (two files in one folder included), by file.
    pub fn problems(&self) -> std::collections::BTreeMap<PathBuf, Vec<ConfigError>> {
        let mut out: std::collections::BTreeMap<PathBuf, Vec<ConfigError>> = Default::default();
        for e in self.nearest.values().filter_map(|r| r.as_ref().err()) {
            let list = out.entry(e.path.clone()).or_default();
            if !list.contains(e) {
                list.push(e.clone());
            }
        }
        for (path, loaded) in &self.files {
            if let Err(errors) = loaded {
                out.entry(path.clone())
                    .or_default()
                    .extend(errors.iter().cloned());
            }
        }
        out
    }

    /// Forgets everything (a configuration file changed, appeared or went away).
    pub fn clear(&mut self) {
        self.nearest.clear();
        self.files.clear();
    }
}

/// `--select`/`--ignore` entries with each group name (`metadata`, `certification`, ...)
/// replaced by the codes of its rules.
pub fn expand_groups(list: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(list.len());
    for entry in list {
        if rules::group_names().any(|g| g == entry) {
            out.extend(rules::group_rules(entry).iter().map(|r| r.code.to_string()));
        } else {
            out.push(entry.clone());
        }
    }
    out
}

/// Checks a `base` ref's spelling: it reaches git as a revision, so it may not look like an
/// option or carry what would change the command's meaning.
pub fn valid_ref(reference: &str) -> Result<(), String> {
    let bad = |why: &str| {
        Err(format!(
            "'{}' is not a git ref: {why}",
            reference.escape_debug()
        ))
    };
    if reference.is_empty() {
        return bad("it is empty");
    }
    if reference.starts_with('-') {
        return bad("a ref does not start with '-'");
    }
    if reference.len() > 256 {
        return bad("it is longer than 256 characters");
    }
    if let Some(c) = reference
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, ':' | '\\' | '?' | '*' | '['))
    {
        return bad(&format!("'{}' is not allowed in a ref", c.escape_debug()));
    }
    if reference.contains("..") {
        return bad("'..' is a range, not a ref");
    }
    Ok(())
}

/// The rules a `[rules]` key names: a group (`metadata`, `certification`, ...), a prefix
/// ending in `*`, or a code (any case). An unknown key's error suggests the closest code or
/// group.
fn rules_of(key: &str) -> Result<(Specificity, Vec<&'static str>), String> {
    if rules::group_names().any(|g| g == key) {
        let codes = rules::group_rules(key).iter().map(|r| r.code).collect();
        return Ok((Specificity::Group, codes));
    }
    if key.ends_with('*') {
        let codes: Vec<&'static str> = rules::RULES
            .iter()
            .filter(|r| rules::code_matches(key, r.code))
            .map(|r| r.code)
            .collect();
        if codes.is_empty() {
            return Err(format!(
                "'{}' matches no rule code (`connector-ls rules` lists them)",
                key.escape_debug()
            ));
        }
        return Ok((Specificity::Prefix, codes));
    }
    if let Some(rule) = rules::rule(key) {
        return Ok((Specificity::Code, vec![rule.code]));
    }
    let candidates = rules::RULES
        .iter()
        .map(|r: &&Rule| r.code)
        .chain(rules::group_names());
    let hint = rules::support::did_you_mean(key, candidates)
        .map(|c| format!(" (did you mean '{c}'?)"))
        .unwrap_or_default();
    let groups: Vec<&str> = rules::group_names().collect();
    Err(format!(
        "unknown rule code or group '{}'{hint}; groups: {}",
        key.escape_debug(),
        groups.join(", ")
    ))
}
