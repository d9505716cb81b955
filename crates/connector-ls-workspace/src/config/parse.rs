//! Reading `connector-ls.toml` strictly, with the line of every problem.

use std::ops::Range;
use std::path::Path;

use globset::{GlobBuilder, GlobSetBuilder};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{
    rules_of, valid_ref, Accepted, Base, ConfigError, ConfigFile, Level, Override, RuleSetting,
    RuleTable,
};
use connector_ls_core::rules::{self, support::did_you_mean, Severity};

const TOP_KEYS: &[&str] = &[
    "publisher",
    "certification",
    "base",
    "rules",
    "breaking",
    "overrides",
];
const OVERRIDE_KEYS: &[&str] = &["paths", "publisher", "certification", "rules", "breaking"];
const BREAKING_KEYS: &[&str] = &["accepted"];
const ACCEPTED_KEYS: &[&str] = &["code", "operation", "reason"];
const LEVELS: &[&str] = &["off", "hint", "info", "warning", "error"];
const PUBLISHERS: &[&str] = &["verified", "independent"];

/// Collects the problems of one file.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    errors: Vec<ConfigError>,
}

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

fn type_name(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Reader<'_> {
    /// 1-based line and column (in characters) of byte `offset`.
    fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[start..].chars().count() + 1;
        (line as u32, column as u32)
    }

    fn error(&mut self, span: Range<usize>, message: String) {
        let (line, column) = self.line_col(span.start);
        self.errors.push(ConfigError {
            path: self.path.to_path_buf(),
            line,
            column,
            message,
        });
    }

    /// Reports every key of `table` not in `allowed`, with a suggestion.
    fn known_keys(&mut self, table: &Table, allowed: &[&str], what: &str) {
        for key in table.keys() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let hint = did_you_mean(name, allowed.iter().copied())
                .map(|c| format!(" (did you mean '{c}'?)"))
                .unwrap_or_default();
            let message = format!(
                "unknown key '{}' in {what}{hint}; expected one of: {}",
                name.escape_debug(),
                allowed.join(", ")
            );
            self.error(key.span(), message);
        }
    }

    fn wrong_type(&mut self, key: &str, value: &Value, expected: &str) {
        let message = format!(
            "'{key}' must be {expected}, not {}",
            type_name(value.get_ref())
        );
        self.error(value.span(), message);
    }

    fn string<'t>(&mut self, table: &'t Table, key: &str) -> Option<(&'t str, Range<usize>)> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some((s.as_ref(), value.span())),
            _ => {
                self.wrong_type(key, value, "a string");
                None
            }
        }
    }

    fn boolean(&mut self, table: &Table, key: &str) -> Option<bool> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, value, "true or false");
                None
            }
        }
    }

    fn table<'t, 'i>(&mut self, parent: &'t Table<'i>, key: &str) -> Option<&'t Table<'i>> {
        let value = parent.get(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_type(key, value, "a table");
                None
            }
        }
    }

    fn publisher(&mut self, table: &Table) -> Option<connector_ls_core::package::Publisher> {
        let (s, span) = self.string(table, "publisher")?;
        if !PUBLISHERS.contains(&s) {
            let hint = did_you_mean(s, PUBLISHERS.iter().copied())
                .map(|c| format!(" (did you mean '{c}'?)"))
                .unwrap_or_default();
            let message = format!(
                "unknown publisher '{}'{hint}; expected 'verified' or 'independent'",
                s.escape_debug()
            );
            self.error(span, message);
            return None;
        }
        s.parse().ok()
    }

    fn rules(&mut self, parent: &Table) -> RuleTable {
        let mut out = RuleTable::default();
        let Some(table) = self.table(parent, "rules") else {
            return out;
        };
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            let level = match value.get_ref() {
                DeValue::String(s) => match s.as_ref() {
                    "off" => Some(Level::Off),
                    other => match other.parse::<Severity>() {
                        Ok(sev) if LEVELS.contains(&other) => Some(Level::On(sev)),
                        _ => {
                            let hint = did_you_mean(other, LEVELS.iter().copied())
                                .map(|c| format!(" (did you mean '{c}'?)"))
                                .unwrap_or_default();
                            let message = format!(
                                "unknown level '{}' for '{}'{hint}; expected one of: {}",
                                other.escape_debug(),
                                name.escape_debug(),
                                LEVELS.join(", ")
                            );
                            self.error(value.span(), message);
                            None
                        }
                    },
                },
                _ => {
                    let message = format!(
                        "the level of '{}' must be a string ({}), not {}",
                        name.escape_debug(),
                        LEVELS.join(", "),
                        type_name(value.get_ref())
                    );
                    self.error(value.span(), message);
                    None
                }
            };
            match rules_of(name) {
                Ok((specificity, codes)) => {
                    if let Some(level) = level {
                        out.settings.push(RuleSetting {
                            key: name.to_string(),
                            specificity,
                            order: key.span().start,
                            codes,
                            level,
                        });
                    }
                }
                Err(message) => self.error(key.span(), message),
            }
        }
        out
    }

    fn accepted(&mut self, parent: &Table) -> Vec<Accepted> {
        let mut out = Vec::new();
        let Some(breaking) = self.table(parent, "breaking") else {
            return out;
        };
        self.known_keys(breaking, BREAKING_KEYS, "[breaking]");
        let Some(list) = breaking.get("accepted") else {
            return out;
        };
        let DeValue::Array(items) = list.get_ref() else {
            self.wrong_type("accepted", list, "an array of { code, operation, reason }");
            return out;
        };
        let breaking_codes: Vec<&'static str> = rules::group_rules("breaking")
            .iter()
            .map(|r| r.code)
            .collect();
        for item in items.iter() {
            let DeValue::Table(entry) = item.get_ref() else {
                self.wrong_type("accepted", item, "a table { code, operation, reason }");
                continue;
            };
            self.known_keys(entry, ACCEPTED_KEYS, "an accepted breaking change");
            let code = match self.string(entry, "code") {
                Some((c, span)) => {
                    match rules::rule(c).filter(|r| breaking_codes.contains(&r.code)) {
                        Some(r) => Some(r.code),
                        None => {
                            let hint = did_you_mean(c, breaking_codes.iter().copied())
                                .map(|c| format!(" (did you mean '{c}'?)"))
                                .unwrap_or_default();
                            let message = format!(
                                "'{}' is not a breaking-change code{hint}; expected one of: {}",
                                c.escape_debug(),
                                breaking_codes.join(", ")
                            );
                            self.error(span, message);
                            None
                        }
                    }
                }
                None => {
                    if !entry.contains_key("code") {
                        self.error(
                            item.span(),
                            "an accepted breaking change needs a 'code'".into(),
                        );
                    }
                    None
                }
            };
            let operation = self
                .string(entry, "operation")
                .map(|(s, _)| s.trim().to_string())
                .filter(|s| !s.is_empty());
            let reason = match self.string(entry, "reason") {
                Some((r, _)) if !r.trim().is_empty() => Some(r.trim().to_string()),
                Some((_, span)) => {
                    self.error(
                        span,
                        "the 'reason' of an accepted breaking change is empty".into(),
                    );
                    None
                }
                None => {
                    if !entry.contains_key("reason") {
                        self.error(
                            item.span(),
                            "an accepted breaking change needs a 'reason' (why it is intended)"
                                .into(),
                        );
                    }
                    None
                }
            };
            if let (Some(code), Some(reason)) = (code, reason) {
                out.push(Accepted {
                    code,
                    operation,
                    reason,
                });
            }
        }
        out
    }

    fn overrides(&mut self, root: &Table) -> Vec<Override> {
        let mut out = Vec::new();
        let Some(list) = root.get("overrides") else {
            return out;
        };
        let DeValue::Array(items) = list.get_ref() else {
            self.wrong_type("overrides", list, "an array of tables ([[overrides]])");
            return out;
        };
        for item in items.iter() {
            let DeValue::Table(entry) = item.get_ref() else {
                self.wrong_type("overrides", item, "a table");
                continue;
            };
            self.known_keys(entry, OVERRIDE_KEYS, "[[overrides]]");
            let mut patterns = Vec::new();
            let mut builder = GlobSetBuilder::new();
            match entry.get("paths") {
                None => self.error(
                    item.span(),
                    "an override needs 'paths' (globs of connector folders, relative to this file)"
                        .into(),
                ),
                Some(paths) => {
                    let globs: Vec<&Value> = match paths.get_ref() {
                        DeValue::Array(a) => a.iter().collect(),
                        _ => {
                            self.wrong_type("paths", paths, "an array of glob strings");
                            Vec::new()
                        }
                    };
                    for g in globs {
                        let DeValue::String(pattern) = g.get_ref() else {
                            self.wrong_type("paths", g, "a glob string");
                            continue;
                        };
                        let pattern = pattern.trim_end_matches('/');
                        let outside = pattern.starts_with('/')
                            || pattern.split('/').any(|p| p == "..")
                            || pattern.contains('\\')
                            || pattern.get(1..2) == Some(":");
                        if outside {
                            let message = format!(
                                "'{}': override paths are relative to this file and stay under its folder (use '/' between names)",
                                pattern.escape_debug()
                            );
                            self.error(g.span(), message);
                            continue;
                        }
                        let pattern = pattern.strip_prefix("./").unwrap_or(pattern);
                        match GlobBuilder::new(pattern).literal_separator(true).build() {
                            Ok(glob) => {
                                builder.add(glob);
                                patterns.push(pattern.to_string());
                            }
                            Err(e) => {
                                let message =
                                    format!("'{}' is not a glob: {e}", pattern.escape_debug());
                                self.error(g.span(), message);
                            }
                        }
                    }
                }
            }
            let globs = match builder.build() {
                Ok(set) => set,
                Err(e) => {
                    self.error(item.span(), format!("the paths are not globs: {e}"));
                    continue;
                }
            };
            out.push(Override {
                paths: patterns,
                globs,
                publisher: self.publisher(entry),
                certification: self.boolean(entry, "certification"),
                rules: self.rules(entry),
                accepted: self.accepted(entry),
            });
        }
        out
    }
}

/// Parses the text of the configuration file at `path`. Every problem is reported, not only
/// the first.
pub fn parse(path: &Path, text: &str) -> Result<ConfigFile, Vec<ConfigError>> {
    let mut r = Reader {
        path,
        text,
        errors: Vec::new(),
    };
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            r.error(span, format!("not valid TOML: {message}"));
            return Err(r.errors);
        }
    };
    let root = root.get_ref();
    r.known_keys(root, TOP_KEYS, "the configuration");
    let publisher = r.publisher(root);
    let certification = r.boolean(root, "certification");
    let base = r.string(root, "base").and_then(|(s, span)| {
        let s = s.trim();
        match valid_ref(s) {
            Ok(()) => {
                let (line, column) = r.line_col(span.start);
                Some(Base {
                    reference: s.to_string(),
                    line,
                    column,
                })
            }
            Err(message) => {
                r.error(span, format!("base: {message}"));
                None
            }
        }
    });
    let rules = r.rules(root);
    let accepted = r.accepted(root);
    let overrides = r.overrides(root);
    if !r.errors.is_empty() {
        r.errors.sort_by_key(|e| (e.line, e.column));
        return Err(r.errors);
    }
    let dir = super::normalize(path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok(ConfigFile {
        path: path.to_path_buf(),
        dir,
        publisher,
        certification,
        base,
        rules,
        accepted,
        overrides,
    })
}
