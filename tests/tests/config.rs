//! `connector-ls.toml` with `check`: discovery (the nearest file applies, dotted name too),
//! precedence (the command line over the file over the defaults), unknown keys and codes (exit
//! 2 with the file, line and a suggestion), overrides by glob, accepted breaking changes and
//! `base` from the file.

use std::path::Path;

use connector_ls_tests::cli::{git, run_in, write};
use serde_json::Value;

/// A duplicate key (DuplicateKey, a warning by default) and a trailing comma (JsonNonStandard).
const SWAGGER: &str = "{\n  \"swagger\": \"2.0\",\n  \"host\": \"a.example.com\", \"host\": \"b.example.com\",\n  \"paths\": {},\n}\n";

/// `check --format json ARGS` in `cwd`: (exit code, [(connector folder name, code, severity)]).
fn findings(cwd: &Path, args: &[&str]) -> (i32, Vec<(String, String, String)>, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let r = run_in(cwd, &all);
    let v: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", r.stdout, r.stderr));
    let mut out: Vec<(String, String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = Path::new(f["file"].as_str().unwrap());
            let folder = file
                .parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                folder,
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    (r.code, out, r.stderr)
}

fn has(found: &[(String, String, String)], folder: &str, code: &str) -> Option<String> {
    found
        .iter()
        .find(|(f, c, _)| f == folder && c == code)
        .map(|(_, _, s)| s.clone())
}

/// `repo/` with connectors `a/One`, `a/Two` and `b/Three`, each with [`SWAGGER`].
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for c in ["a/One", "a/Two", "b/Three"] {
        write(
            &dir.path().join(c).join("apiDefinition.swagger.json"),
            SWAGGER,
        );
    }
    dir
}

#[test]
fn the_nearest_file_applies_and_the_dotted_name_is_found() {
    let ws = repo();
    let root = ws.path();
    write(
        &root.join("connector-ls.toml"),
        "[rules]\nDuplicateKey = \"error\"\n",
    );
    // A file nearer to `a/Two` replaces the root's for it (no merging).
    write(
        &root.join("a/Two/.connector-ls.toml"),
        "[rules]\nJsonNonStandard = \"off\"\n",
    );
    let (code, found, stderr) = findings(root, &["."]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(has(&found, "One", "DuplicateKey").as_deref(), Some("error"));
    assert_eq!(
        has(&found, "Three", "DuplicateKey").as_deref(),
        Some("error")
    );
    assert_eq!(
        has(&found, "Two", "DuplicateKey").as_deref(),
        Some("warning"),
        "the root file does not apply where a nearer one is"
    );
    assert!(has(&found, "Two", "JsonNonStandard").is_none());
    assert!(has(&found, "One", "JsonNonStandard").is_some());

    // Checked from inside a connector, the file above is still found.
    // (Files are named relative to the current folder, so the connector's folder name is empty.)
    let (_, found, _) = findings(&root.join("a/One"), &[]);
    assert_eq!(has(&found, "", "DuplicateKey").as_deref(), Some("error"));
}

#[test]
fn command_line_flags_override_the_file() {
    let ws = repo();
    let root = ws.path();
    write(
        &root.join("connector-ls.toml"),
        "[rules]\nDuplicateKey = \"off\"\nJsonNonStandard = \"error\"\njson = \"hint\"\n",
    );
    let (code, found, _) = findings(root, &["a/One"]);
    assert_eq!(code, 1);
    assert!(
        has(&found, "One", "DuplicateKey").is_none(),
        "off in the file"
    );
    assert_eq!(
        has(&found, "One", "JsonNonStandard").as_deref(),
        Some("error"),
        "the code beats its group"
    );
    // Naming a code on the command line runs it though the file turns it off, and `--ignore`
    // wins over the file's severity.
    let (code, found, _) = findings(
        root,
        &[
            "a/One",
            "--select",
            "DuplicateKey,JsonNonStandard",
            "--ignore",
            "JsonNonStandard",
        ],
    );
    assert_eq!(code, 0);
    let codes: Vec<&str> = found.iter().map(|(_, c, _)| c.as_str()).collect();
    assert_eq!(codes, ["DuplicateKey"]);
    assert_eq!(
        found[0].2, "warning",
        "the file's own entry for the code (off) beats its group's severity, so none applies"
    );
    // The `--severity` threshold applies to the severities the file gives.
    let (_, found, _) = findings(
        root,
        &[
            "a/One",
            "--select",
            "JsonNonStandard,DuplicateKey",
            "--severity",
            "error",
        ],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "JsonNonStandard", "an error by the file");
}

#[test]
fn groups_are_accepted_by_select_and_ignore() {
    let ws = repo();
    let root = ws.path();
    let (_, found, stderr) = findings(root, &["a/One", "--select", "json"]);
    assert!(!found.is_empty(), "{stderr}");
    assert!(found
        .iter()
        .all(|(_, c, _)| ["DuplicateKey", "JsonNonStandard"].contains(&c.as_str())));
    let (_, found, _) = findings(root, &["a/One", "--ignore", "json"]);
    assert!(!found.is_empty());
    assert!(!found.iter().any(|(_, c, _)| c == "DuplicateKey"));
    let r = run_in(root, &["check", "a/One", "--select", "jsn"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn certification_and_publisher_from_the_file_give_way_to_flags() {
    let ws = repo();
    let root = ws.path();
    // Certification-only rules run by default; the file turns them off.
    let certification_only: Vec<String> = {
        let r = run_in(root, &["rules", "--format", "json"]);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .filter(|e| e["certification"] == true)
            .map(|e| e["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!certification_only.is_empty());
    let (_, with, _) = findings(root, &["b/Three"]);
    assert!(
        with.iter().any(|(_, c, _)| certification_only.contains(c)),
        "a bare swagger has certification findings: {with:?}"
    );
    write(&root.join("connector-ls.toml"), "certification = false\n");
    let (_, without, _) = findings(root, &["b/Three"]);
    assert!(
        !without
            .iter()
            .any(|(_, c, _)| certification_only.contains(c)),
        "{without:?}"
    );
    // The publisher: the file's, an override's for the folders it matches, and `--publisher`
    // over both.
    write(
        &root.join("connector-ls.toml"),
        "publisher = \"independent\"\n[[overrides]]\npaths = [\"b/*\"]\npublisher = \"verified\"\n",
    );
    let publishers = |args: &[&str]| -> Vec<(String, String)> {
        let mut all = vec!["check", "--format", "json", "--select", "json"];
        all.extend_from_slice(args);
        let r = run_in(root, &all);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        let mut out: Vec<(String, String)> = v["connectors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let dir = c["path"].as_str().unwrap();
                (
                    Path::new(dir)
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                    c["publisher"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        out.sort();
        out
    };
    assert_eq!(
        publishers(&["."]),
        [
            ("One".to_string(), "independent".to_string()),
            ("Three".into(), "verified".into()),
            ("Two".into(), "independent".into())
        ]
    );
    assert!(publishers(&[".", "--publisher", "verified"])
        .iter()
        .all(|(_, p)| p == "verified"));

    // The `certification` group does the same by severity.
    write(
        &root.join("connector-ls.toml"),
        "[rules]\ncertification = \"hint\"\n",
    );
    let (_, hinted, _) = findings(root, &["b/Three"]);
    assert!(hinted
        .iter()
        .filter(|(_, c, _)| certification_only.contains(c))
        .all(|(_, _, s)| s == "hint"));
}

#[test]
fn overrides_apply_to_the_folders_their_globs_match() {
    let ws = repo();
    let root = ws.path();
    write(
        &root.join("connector-ls.toml"),
        r#"[rules]
DuplicateKey = "error"

[[overrides]]
paths = ["a/*"]
rules = { DuplicateKey = "hint" }

[[overrides]]
paths = ["a/Two"]
[overrides.rules]
DuplicateKey = "off"
"#,
    );
    let (_, found, stderr) = findings(root, &["."]);
    assert_eq!(
        has(&found, "One", "DuplicateKey").as_deref(),
        Some("hint"),
        "{stderr}"
    );
    assert_eq!(
        has(&found, "Two", "DuplicateKey"),
        None,
        "the later override wins"
    );
    assert_eq!(
        has(&found, "Three", "DuplicateKey").as_deref(),
        Some("error")
    );
}

#[test]
fn unknown_keys_and_codes_exit_2_with_file_line_and_suggestion() {
    let ws = repo();
    let root = ws.path();
    write(
        &root.join("connector-ls.toml"),
        "certification = true\n[rules]\nDuplicateKy = \"off\"\n\n[[overrides]]\npath = [\"a/*\"]\n",
    );
    let r = run_in(root, &["check", "."]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("connector-ls.toml:3:1: unknown rule code or group 'DuplicateKy' (did you mean 'DuplicateKey'?)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "connector-ls.toml:6:1: unknown key 'path' in [[overrides]] (did you mean 'paths'?)"
        ),
        "{}",
        r.stderr
    );
    // Reported once, not once per connector under the file.
    assert_eq!(r.stderr.matches("DuplicateKy").count(), 1, "{}", r.stderr);
    // The broken file's connectors are not checked: no finding on stdout.
    assert!(!r.stdout.contains("DuplicateKey"), "{}", r.stdout);

    write(&root.join("connector-ls.toml"), "[rules\n");
    let r = run_in(root, &["check", "."]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("connector-ls.toml:1:"), "{}", r.stderr);
    assert!(r.stderr.contains("not valid TOML"), "{}", r.stderr);

    // Two files in one folder: which one applies would be a guess.
    write(&root.join("connector-ls.toml"), "");
    write(&root.join(".connector-ls.toml"), "");
    let r = run_in(root, &["check", "."]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("two configuration files"), "{}", r.stderr);
}

const OLD: &str = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {
"/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "ok"}}}},
"/b": {"get": {"operationId": "GetB", "responses": {"200": {"description": "ok"}}}},
"/c": {"get": {"operationId": "GetC", "responses": {"200": {"description": "ok"}}}}}}"#;
const NEW: &str = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {
"/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "ok"}}}}}}"#;

#[test]
fn accepted_breaking_changes_and_base_come_from_the_file() {
    let ws = tempfile::tempdir().unwrap();
    let root = ws.path();
    git(root, &["init", "-q"]);
    let swagger = root.join("Widgets/apiDefinition.swagger.json");
    write(&swagger, OLD);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "v1"]);
    write(&swagger, NEW);
    let select = ["--select", "Breaking*"];

    // `base` in the file is what `--base` would be.
    write(&root.join("connector-ls.toml"), "base = \"HEAD\"\n");
    let (code, found, stderr) = findings(root, &select);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(found.len(), 2, "GetB and GetC deleted: {found:?}");

    write(
        &root.join("connector-ls.toml"),
        r#"base = "HEAD"
[breaking]
accepted = [
  { code = "BreakingOperationDeleted", operation = "GetB", reason = "retired in v2, announced to users" },
]
"#,
    );
    let r = run_in(
        root,
        &["check", "--format", "json", "--select", "Breaking*"],
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let messages: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("'GetC'"), "{messages:?}");

    // `diff` reads the new side's file too.
    std::fs::create_dir_all(root.join("old")).unwrap();
    write(&root.join("old/apiDefinition.swagger.json"), OLD);
    let r = run_in(root, &["diff", "old", "Widgets", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{}", r.stderr));
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{}", r.stdout);

    // A base that is not a commit is the file's error, at its line.
    write(
        &root.join("connector-ls.toml"),
        "\nbase = \"no-such-branch\"\n",
    );
    let r = run_in(root, &["check", "."]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr
            .contains("connector-ls.toml:2:8: base: 'no-such-branch' is not a commit"),
        "{}",
        r.stderr
    );
    // `--base` on the command line wins over the file's.
    let (code, found, stderr) = findings(root, &["--base", "HEAD", "--select", "Breaking*"]);
    assert_eq!((code, found.len()), (1, 2), "{stderr}");

    // A ref that would reach git as an option is refused when the file is read.
    write(
        &root.join("connector-ls.toml"),
        "base = \"--output=/tmp/x\"\n",
    );
    let r = run_in(root, &["check", "."]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a git ref"), "{}", r.stderr);
}

/// `schemas/connector-ls.schema.json` is what the registry generates (its codes and groups).
#[test]
fn the_shipped_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/connector-ls.schema.json");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    let fresh = connector_ls::config::schema::schema_text();
    if current == fresh {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, fresh).expect("schemas/ writable");
        return;
    }
    panic!(
        "schemas/connector-ls.schema.json is stale (the rule registry changed). Regenerate it with\n  \
         UPDATE_DOCS=1 cargo test -p connector-ls-tests --test config is_current"
    );
}
