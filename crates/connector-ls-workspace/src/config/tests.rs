use connector_ls_core::rules::Finding;
use std::path::Path;

use super::*;

fn parsed(text: &str) -> ConfigFile {
    parse(Path::new("/repo/connector-ls.toml"), text).expect("valid configuration")
}

fn errors(text: &str) -> Vec<ConfigError> {
    parse(Path::new("/repo/connector-ls.toml"), text).expect_err("invalid configuration")
}

#[test]
fn reads_every_key() {
    let file = parsed(
        r#"
publisher = "independent"
certification = false
base = "origin/dev"

[rules]
metadata = "warning"
OperationSummaryTooLong = "error"
"Path*" = "off"

[breaking]
accepted = [{ code = "BreakingOperationDeleted", operation = "GetItems", reason = "v1 retired" }]

[[overrides]]
paths = ["certified-connectors/*"]
publisher = "verified"
rules = { metadata = "off" }
"#,
    );
    assert_eq!(file.publisher, Some(Publisher::Independent));
    assert_eq!(file.certification, Some(false));
    let base = file.base.as_ref().unwrap();
    assert_eq!((base.reference.as_str(), base.line), ("origin/dev", 4));
    assert_eq!(file.accepted.len(), 1);
    assert_eq!(file.overrides.len(), 1);

    let plain = file.for_package(Path::new("/repo/independent-publisher-connectors/A"));
    assert_eq!(plain.publisher, Some(Publisher::Independent));
    // The code beats its group; the group applies to the rest of the family.
    assert_eq!(
        plain.levels.get("OperationSummaryTooLong"),
        Some(&Level::On(Severity::Error))
    );
    let other_metadata = rules::group_rules("metadata")
        .into_iter()
        .find(|r| r.code != "OperationSummaryTooLong")
        .unwrap();
    assert_eq!(
        plain.levels.get(other_metadata.code),
        Some(&Level::On(Severity::Warning))
    );
    assert!(rules::RULES
        .iter()
        .filter(|r| r.code.starts_with("Path"))
        .all(|r| plain.levels.get(r.code) == Some(&Level::Off)));

    // The override matches the certified folders only, and lays its rules over the file's.
    let certified = file.for_package(Path::new("/repo/certified-connectors/B"));
    assert_eq!(certified.publisher, Some(Publisher::Verified));
    assert_eq!(certified.levels.get(other_metadata.code), Some(&Level::Off));
    assert_eq!(
        certified.levels.get("OperationSummaryTooLong"),
        Some(&Level::Off),
        "an override's group beats the file's code"
    );
    let nested = file.for_package(Path::new("/repo/certified-connectors/B/sub"));
    assert_eq!(
        nested.publisher,
        Some(Publisher::Independent),
        "`*` is one name"
    );
}

#[test]
fn applies_under_the_engine_config() {
    let file = parsed("[rules]\nDuplicateKey = \"off\"\nUnknownExtension = \"hint\"\n");
    let resolved = file.for_package(Path::new("/repo/A"));
    let mut config = rules::Config::default();
    config
        .severity
        .insert("UnknownExtension".into(), Severity::Error);
    resolved.apply(&mut config, &[]);
    assert_eq!(config.ignore, vec!["DuplicateKey".to_string()]);
    assert_eq!(
        config.severity.get("UnknownExtension"),
        Some(&Severity::Error),
        "a severity already set (the editor's) wins"
    );
    // A code named on the command line is not turned off by the file.
    let mut config = rules::Config::default();
    resolved.apply(&mut config, &["duplicatekey".to_string()]);
    assert!(config.ignore.is_empty());
    assert_eq!(
        config.severity.get("UnknownExtension"),
        Some(&Severity::Hint)
    );
}

#[test]
fn unknown_keys_codes_and_values_are_errors_with_lines_and_suggestions() {
    let errs = errors(
        "publsher = \"independent\"\n[rules]\nUnknownExtensoin = \"warning\"\nDuplicateKey = \"loud\"\nmetadat = \"off\"\n",
    );
    assert_eq!(errs.len(), 4, "{errs:?}");
    assert_eq!((errs[0].line, errs[0].column), (1, 1));
    assert!(
        errs[0].message.contains("did you mean 'publisher'"),
        "{}",
        errs[0].message
    );
    assert_eq!(errs[1].line, 3);
    assert!(errs[1].message.contains("did you mean 'UnknownExtension'"));
    assert_eq!(errs[2].line, 4);
    assert!(errs[2].message.contains("unknown level 'loud'"));
    assert!(errs[3].message.contains("did you mean 'metadata'"));
    assert_eq!(
        errs[0].to_string().split(": ").next(),
        Some("/repo/connector-ls.toml:1:1")
    );

    let errs = errors("[[overrides]]\npaths = [\"../other/*\"]\nrule = {}\n");
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].message.contains("relative to this file"));
    assert!(errs[1].message.contains("did you mean 'rules'"));

    let errs = errors("certification = \"no\"\n[breaking]\naccepted = [{ code = \"BreakingOperationDeleted\", operation = \"A\" }, { code = \"DuplicateKey\", reason = \"x\" }]\n");
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(errs[0].message.contains("true or false"));
    assert!(errs[1].message.contains("needs a 'reason'"));
    assert!(errs[2].message.contains("not a breaking-change code"));

    let errs = errors("base = \"--upload-pack=evil\"\n");
    assert!(errs[0].message.contains("not a git ref"), "{errs:?}");
    let errs = errors("[rules\n");
    assert!(errs[0].message.starts_with("not valid TOML"), "{errs:?}");
    assert_eq!(errs[0].line, 1);
    assert!(errors("[rules]\n\"Nothing*\" = \"off\"\n")[0]
        .message
        .contains("matches no rule"));
}

#[test]
fn accepted_changes_match_by_code_and_operation() {
    let file = parsed(
        "[breaking]\naccepted = [{ code = \"BreakingOperationDeleted\", operation = \"GetItems\", reason = \"retired\" }, { code = \"BreakingAuthChanged\", reason = \"moved to OAuth\" }]\n",
    );
    let finding = |code: &'static str, message: &str| Finding {
        code,
        severity: Severity::Error,
        message: message.into(),
        file: connector_ls_core::package::FileKind::Swagger,
        pointer: String::new(),
        range: Default::default(),
        fix: None,
        related: Vec::new(),
    };
    let [ops, auth] = &file.accepted[..] else {
        panic!("{:?}", file.accepted)
    };
    assert!(ops.matches(&finding("BreakingOperationDeleted", "deleted ('GetItems')")));
    assert!(!ops.matches(&finding(
        "BreakingOperationDeleted",
        "deleted ('GetItemsV2')"
    )));
    assert!(!ops.matches(&finding("BreakingPathChanged", "('GetItems': ...)")));
    assert!(auth.matches(&finding("BreakingAuthChanged", "anything")));
}

#[test]
fn nearest_file_wins_and_two_in_one_folder_are_an_error() {
    let root = std::env::temp_dir().join(format!("connector-ls-config-{}", std::process::id()));
    let deep = root.join("a/b/c");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(root.join("connector-ls.toml"), "").unwrap();
    assert_eq!(
        find(&deep).unwrap(),
        Some(normalize(&root.join("connector-ls.toml")))
    );
    std::fs::write(root.join("a/b/.connector-ls.toml"), "").unwrap();
    assert_eq!(
        find(&deep).unwrap(),
        Some(normalize(&root.join("a/b/.connector-ls.toml")))
    );
    // A byte order mark (Windows editors write one) is not a syntax error.
    std::fs::write(
        root.join("a/b/.connector-ls.toml"),
        "\u{feff}certification = false\n",
    )
    .unwrap();
    let loaded = load(&root.join("a/b/.connector-ls.toml")).expect("a BOM is skipped");
    assert_eq!(loaded.certification, Some(false));
    std::fs::write(root.join("a/b/connector-ls.toml"), "").unwrap();
    assert!(find(&deep)
        .unwrap_err()
        .message
        .contains("two configuration files"));
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn refs_that_could_be_options_are_refused() {
    for ok in ["origin/dev", "HEAD~1", "v1.2", "HEAD^", "main@{1}"] {
        assert!(valid_ref(ok).is_ok(), "{ok}");
    }
    for bad in [
        "",
        "-x",
        "--output=x",
        "a b",
        "HEAD:file",
        "a..b",
        "x\u{1b}",
    ] {
        assert!(valid_ref(bad).is_err(), "{bad:?}");
    }
}

/// The example of the README's "Configuration file" section (for the PowerPlatformConnectors
/// repository): what users copy must parse and follow the schema.
fn readme_example() -> &'static str {
    let readme = include_str!("../../../../README.md");
    let section = &readme[readme
        .find("## Configuration file")
        .expect("the README section")..];
    let start = section.find("```toml\n").expect("a toml block") + "```toml\n".len();
    &section[start..start + section[start..].find("```").expect("the block's end")]
}

fn as_json(text: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(text).expect("TOML");
    serde_json::to_value(value).expect("JSON")
}

#[test]
fn the_schema_accepts_what_the_parser_accepts() {
    let file = parsed(readme_example());
    let widgets = file.for_package(Path::new("/repo/certified-connectors/Contoso Widgets"));
    assert_eq!(widgets.publisher, Some(Publisher::Verified));
    assert_eq!(widgets.accepted.len(), 1);
    let custom = file.for_package(Path::new("/repo/custom-connectors/Mine"));
    assert_eq!(custom.certification, Some(false));
    assert_eq!(
        custom.levels.get("BreakingOperationDeleted"),
        Some(&Level::On(Severity::Warning))
    );

    let schema = schema::schema();
    let validator = jsonschema::draft7::new(&schema).expect("the schema compiles");
    let example = as_json(readme_example());
    let problems: Vec<String> = validator
        .iter_errors(&example)
        .map(|e| e.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    // What the parser refuses, the schema flags too.
    for bad in [
        "publsher = \"independent\"\n",
        "[rules]\nDuplicateKy = \"off\"\n",
        "[rules]\nDuplicateKey = \"loud\"\n",
        "[[overrides]]\nrules = {}\n",
        "[breaking]\naccepted = [{ code = \"DuplicateKey\", reason = \"x\" }]\n",
        "base = \"--output=x\"\n",
    ] {
        assert!(!validator.is_valid(&as_json(bad)), "schema accepts {bad:?}");
        assert!(
            parse(Path::new("/repo/connector-ls.toml"), bad).is_err(),
            "parser accepts {bad:?}"
        );
    }
}
