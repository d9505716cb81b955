//! Server settings from `initializationOptions` and `workspace/configuration` (section
//! `connectorLs`). Unknown keys are ignored; a malformed value keeps the previous setting.

use std::collections::HashMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::json;

use connector_ls_core::package::Publisher;
use connector_ls_core::rules::{Config, Severity, DEFAULT_DOCS_BASE_URL};

/// The largest `maxFileSizeMb` the server accepts: a repository's own settings must not be able
/// to lift the bound on what the server reads into memory.
pub const MAX_FILE_SIZE_CEILING_MB: f64 = 100.0;

/// The default of every setting, as a client sends it (camelCase JSON): the server's one table
/// of defaults. [`Settings::default`] is these applied; the VS Code extension declares the same
/// values in its `package.json` (`contributes.configuration`), and
/// `server_setting_defaults_are_those_of_the_vscode_extension` in `tests/tests/lsp.rs` fails when
/// the two differ.
pub fn defaults() -> serde_json::Value {
    json!({
        "debounceMs": 150,
        "severity": {},
        "disabled": [],
        "certification": true,
        "publisher": "auto",
        "docsBaseUrl": "",
        "maxFileSizeMb": connector_ls_core::package::DEFAULT_MAX_FILE_SIZE / (1024 * 1024),
        "breakingChanges": true,
        "baseRef": "",
        "jsonValidatedByClient": false,
    })
}

/// Settings as the client sends them (camelCase JSON).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RawSettings {
    pub debounce_ms: Option<u64>,
    /// Per-code severity overrides: `{"UnknownExtension": "error"}`; `"off"` disables a code.
    /// Optional so that an empty map (the last override removed) resets, and an absent one keeps.
    pub severity: Option<HashMap<String, String>>,
    pub disabled: Option<Vec<String>>,
    pub certification: Option<bool>,
    pub publisher: Option<String>,
    pub docs_base_url: Option<String>,
    /// Files on disk larger than this many MB are reported, not parsed (open buffers always are).
    pub max_file_size_mb: Option<f64>,
    /// Report breaking changes against the git base (default: on inside a git repository).
    pub breaking_changes: Option<bool>,
    /// The git ref to compare with; empty or absent: the merge-base with the default branch.
    pub base_ref: Option<String>,
    /// The client validates JSON itself, with connector-ls's schemas for `apiProperties.json`
    /// and `settings.json` (the VS Code extension sends `true` while VS Code's JSON validation is
    /// on): the findings that validation shows ([`connector_ls_core::rules::SHOWN_BY_JSON_VALIDATION`])
    /// are not reported for the documents the client has open.
    pub json_validated_by_client: Option<bool>,
}

/// The settings in effect.
#[derive(Clone, Debug)]
pub struct Settings {
    pub debounce: Duration,
    pub publisher: Option<Publisher>,
    pub rules: Config,
    /// Bytes; see [`RawSettings::max_file_size_mb`].
    pub max_file_size: u64,
    /// Breaking changes against git (reported only when the folder is in a git repository).
    pub breaking_changes: bool,
    /// The base ref; `None`: the merge-base of HEAD with the default branch.
    pub base_ref: Option<String>,
    /// See [`RawSettings::json_validated_by_client`].
    pub json_validated_by_client: bool,
}

impl Default for Settings {
    /// The [`defaults`], applied.
    fn default() -> Self {
        let mut settings = Self {
            debounce: Duration::ZERO,
            publisher: None,
            rules: Config::default(),
            max_file_size: 0,
            breaking_changes: false,
            base_ref: None,
            json_validated_by_client: false,
        };
        let problems = settings.update(&defaults());
        debug_assert!(problems.is_empty(), "{problems:?}");
        settings
    }
}

impl Settings {
    /// Merges client settings over the current ones; returns what could not be understood.
    pub fn update(&mut self, value: &serde_json::Value) -> Vec<String> {
        let mut problems = Vec::new();
        let raw: RawSettings = match serde_json::from_value(value.clone()) {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("ignoring malformed settings: {e}"));
                return problems;
            }
        };
        if let Some(ms) = raw.debounce_ms {
            self.debounce = Duration::from_millis(ms.min(10_000));
        }
        if let Some(c) = raw.certification {
            self.rules.certification = c;
        }
        if let Some(p) = raw.publisher {
            match p.as_str() {
                "" | "auto" => self.publisher = None,
                other => match other.parse() {
                    Ok(p) => self.publisher = Some(p),
                    Err(e) => problems.push(e),
                },
            }
        }
        if let Some(mb) = raw.max_file_size_mb {
            if mb.is_finite() && mb >= 0.0 {
                // Workspace settings can set this too: it raises the read bound only so far.
                if mb > MAX_FILE_SIZE_CEILING_MB {
                    problems.push(format!(
                        "maxFileSizeMb: {mb} is over the {MAX_FILE_SIZE_CEILING_MB} MB ceiling; {MAX_FILE_SIZE_CEILING_MB} is used"
                    ));
                }
                self.max_file_size = (mb.min(MAX_FILE_SIZE_CEILING_MB) * 1024.0 * 1024.0) as u64;
            } else {
                problems.push(format!("maxFileSizeMb: {mb} is not a size in MB"));
            }
        }
        if let Some(on) = raw.breaking_changes {
            self.breaking_changes = on;
        }
        if let Some(on) = raw.json_validated_by_client {
            self.json_validated_by_client = on;
        }
        if let Some(reference) = raw.base_ref {
            // Workspace settings can set this: anything that could be read as an option of
            // git is refused here, and the rest is verified against the repository before use.
            let reference = reference.trim();
            if reference.is_empty() {
                self.base_ref = None;
            } else if connector_ls_workspace::git::is_well_formed(reference) {
                self.base_ref = Some(reference.to_string());
            } else {
                problems.push(format!(
                    "baseRef: {}; it was not used",
                    connector_ls_workspace::git::RefError::Malformed(reference.to_string())
                ));
            }
        }
        if let Some(url) = raw.docs_base_url {
            self.rules.docs_base_url = if url.is_empty() {
                DEFAULT_DOCS_BASE_URL.to_string()
            } else {
                url
            };
        }
        if raw.severity.is_some() || raw.disabled.is_some() {
            self.rules.severity.clear();
            self.rules.ignore = raw.disabled.clone().unwrap_or_default();
            for (code, sev) in raw.severity.unwrap_or_default() {
                if sev.eq_ignore_ascii_case("off") || sev.eq_ignore_ascii_case("none") {
                    self.rules.ignore.push(code);
                    continue;
                }
                match sev.parse::<Severity>() {
                    Ok(s) => {
                        self.rules.severity.insert(code, s);
                    }
                    Err(e) => problems.push(format!("{code}: {e}")),
                }
            }
        }
        problems
    }
}

impl Settings {
    /// What the user set, apart from the defaults: a client such as VS Code sends every
    /// setting with its default, so a value equal to the default counts as not set.
    pub fn editor_set(&self) -> connector_ls_workspace::config::EditorSet {
        connector_ls_workspace::config::EditorSet {
            certification: (!self.rules.certification).then_some(false),
            publisher: self.publisher,
            base_ref: self.base_ref.clone(),
        }
    }

    /// These settings over a package's configuration file: the file fills what the user did
    /// not set in the editor.
    pub fn with_file(mut self, file: &connector_ls_workspace::config::Resolved) -> Settings {
        let (rules, publisher, base_ref) =
            connector_ls_workspace::config::for_editor(file, &self.rules, &self.editor_set());
        self.rules = rules;
        self.publisher = publisher;
        self.base_ref = base_ref;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merges_and_reports_problems() {
        let mut s = Settings::default();
        let problems = s.update(&json!({
            "debounceMs": 0,
            "severity": {"UnknownExtension": "error", "DuplicateKey": "off", "X": "loud"},
            "certification": false,
            "publisher": "independent",
            "somethingElse": 1
        }));
        assert_eq!(s.debounce, Duration::ZERO);
        assert_eq!(
            s.rules.severity.get("UnknownExtension"),
            Some(&Severity::Error)
        );
        assert!(s.rules.ignore.contains(&"DuplicateKey".to_string()));
        assert!(!s.rules.certification);
        assert_eq!(s.publisher, Some(Publisher::Independent));
        assert_eq!(problems.len(), 1);
        assert_eq!(
            s.max_file_size,
            connector_ls_core::package::DEFAULT_MAX_FILE_SIZE
        );
        assert!(s.update(&json!({"maxFileSizeMb": 1.5})).is_empty());
        assert_eq!(s.max_file_size, 1_572_864);
        assert!(!s.update(&json!({"maxFileSizeMb": -1})).is_empty());
        assert_eq!(s.max_file_size, 1_572_864);
        assert_eq!(s.update(&json!({"maxFileSizeMb": 1e9})).len(), 1);
        assert_eq!(s.max_file_size, 100 * 1024 * 1024);
        assert!(!s.update(&json!("nonsense")).is_empty());
        assert_eq!((s.breaking_changes, s.base_ref.as_deref()), (true, None));
        assert!(s
            .update(&json!({"breakingChanges": false, "baseRef": " origin/dev "}))
            .is_empty());
        assert!(!s.breaking_changes);
        assert!(!s.json_validated_by_client);
        assert!(s.update(&json!({"jsonValidatedByClient": true})).is_empty());
        assert!(s.json_validated_by_client);
        assert_eq!(s.base_ref.as_deref(), Some("origin/dev"));
        // Anything git could read as an option is refused; the previous ref stays.
        let refused = s.update(&json!({"baseRef": "--output=/tmp/out"}));
        assert_eq!(refused.len(), 1, "{refused:?}");
        assert!(refused[0].contains("--output=/tmp/out"), "{refused:?}");
        assert_eq!(s.base_ref.as_deref(), Some("origin/dev"));
        assert!(!s.update(&json!({"baseRef": "main --output=x"})).is_empty());
        assert!(s.update(&json!({"baseRef": ""})).is_empty());
        assert_eq!(s.base_ref, None);
        // Settings without the override keys keep them; empty ones (all removed) reset them.
        assert!(s.update(&json!({"certification": true})).is_empty());
        assert!(s.rules.ignore.contains(&"DuplicateKey".to_string()));
        assert!(s
            .update(&json!({"severity": {}, "disabled": []}))
            .is_empty());
        assert!(s.rules.ignore.is_empty() && s.rules.severity.is_empty());
    }

    /// The defaults name every setting the server reads, and are what `Default` holds.
    #[test]
    fn the_defaults_cover_every_setting_and_are_the_default() {
        let keys = |v: serde_json::Value| -> Vec<String> {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        assert_eq!(
            keys(defaults()),
            keys(serde_json::to_value(RawSettings::default()).unwrap())
        );
        let s = Settings::default();
        assert_eq!(s.debounce, Duration::from_millis(150));
        assert_eq!(
            s.max_file_size,
            connector_ls_core::package::DEFAULT_MAX_FILE_SIZE
        );
        assert_eq!(s.rules.docs_base_url, DEFAULT_DOCS_BASE_URL);
        assert!(s.rules.certification && s.breaking_changes && !s.json_validated_by_client);
        assert_eq!((s.publisher, s.base_ref.as_deref()), (None, None));
        assert!(s.rules.severity.is_empty() && s.rules.ignore.is_empty());
        // Applying them again changes nothing: a client that sends every default (VS Code)
        // gets the same as one that sends none.
        let mut again = s.clone();
        assert!(again.update(&defaults()).is_empty());
        assert_eq!(format!("{again:?}"), format!("{s:?}"));
    }

    /// Editor settings the user set win over the file; the file wins over the defaults (and
    /// over a value the client sends that equals the default).
    #[test]
    fn the_file_fills_what_the_user_did_not_set() {
        let file = connector_ls_workspace::config::parse(
            std::path::Path::new("/repo/connector-ls.toml"),
            "certification = false\npublisher = \"independent\"\nbase = \"origin/dev\"\n[rules]\nUnknownExtension = \"error\"\nDuplicateKey = \"off\"\n",
        )
        .unwrap()
        .for_package(std::path::Path::new("/repo/A"));
        // VS Code sends its defaults: they count as not set.
        let mut s = Settings::default();
        s.update(
            &json!({"certification": true, "publisher": "auto", "baseRef": "", "severity": {}}),
        );
        let applied = s.clone().with_file(&file);
        assert!(!applied.rules.certification);
        assert_eq!(applied.publisher, Some(Publisher::Independent));
        assert_eq!(applied.base_ref.as_deref(), Some("origin/dev"));
        assert_eq!(
            applied.rules.severity.get("UnknownExtension"),
            Some(&Severity::Error)
        );
        assert!(applied.rules.ignore.contains(&"DuplicateKey".to_string()));

        // Set by the user: theirs.
        s.update(
            &json!({"certification": false, "publisher": "verified", "baseRef": "HEAD",
            "severity": {"UnknownExtension": "hint", "DuplicateKey": "warning"}}),
        );
        let applied = s.with_file(&file);
        assert_eq!(applied.publisher, Some(Publisher::Verified));
        assert_eq!(applied.base_ref.as_deref(), Some("HEAD"));
        assert_eq!(
            applied.rules.severity.get("UnknownExtension"),
            Some(&Severity::Hint)
        );
        assert!(
            !applied.rules.ignore.contains(&"DuplicateKey".to_string()),
            "a code the user gave a severity is not turned off by the file"
        );
    }
}
