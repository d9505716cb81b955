//! Adopting the checker on an existing repository, end to end: `--statistics`,
//! `--max-warnings`, the "fixable" summary, `--unsafe-fixes`, `--diff`, `--baseline` /
//! `--write-baseline`, `--changed-since` in a scratch git repository, `check -` (stdin), and the
//! `subject` naming the object a missing member belongs to.

use std::path::Path;

use connector_ls_tests::cli::{git, run_in as run, run_with, write, Run};
use serde_json::Value;

/// Findings (with `--select` below): `PathParameterMustBeRequired` (safe fix) on `id`,
/// `RequiredPropertyMissing` (unsafe fix) for `x-ms-summary` on `top`, and the package's
/// `ReadmeMissing`, `IconMissing` and a `FieldLengthNotInRange` warning.
const SWAGGER: &str = r#"{
  "swagger": "2.0",
  "info": {
    "title": "Contoso",
    "description": "Contoso items.",
    "version": "1.0",
    "contact": {"name": "Contoso", "url": "https://contoso.com", "email": "support@contoso.com"}
  },
  "host": "api.contoso.com",
  "basePath": "/",
  "schemes": ["https"],
  "x-ms-connector-metadata": [
    {"propertyName": "Website", "propertyValue": "https://contoso.com"},
    {"propertyName": "Privacy policy", "propertyValue": "https://contoso.com/privacy"},
    {"propertyName": "Categories", "propertyValue": "Productivity"}
  ],
  "paths": {
    "/items/{id}": {
      "get": {
        "operationId": "GetItem",
        "summary": "Get an item",
        "description": "Gets an item.",
        "parameters": [
          {"name": "id", "in": "path", "required": false, "type": "string", "x-ms-summary": "ID", "description": "The ID.", "x-ms-url-encoding": "single"},
          {"name": "top", "in": "query", "type": "integer", "description": "How many."}
        ],
        "responses": {"200": {"description": "OK"}}
      }
    }
  }
}
"#;

const SELECT: &str = "PathParameterMustBeRequired,RequiredPropertyMissing,ReadmeMissing,IconMissing,FieldLengthNotInRange,BreakingOperationDeleted";

/// A folder holding the `Contoso` connector.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("Contoso/apiDefinition.swagger.json"),
        SWAGGER,
    );
    dir
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}{}", r.stdout, r.stderr))
}

fn codes(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn statistics_count_per_code_with_severity_and_fix_mark() {
    let ws = workspace();
    let r = run(
        ws.path(),
        &["check", "Contoso", "--select", SELECT, "--statistics"],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    // Errors first among equal counts; `[*]` safe fix, `[-]` only unsafe, `[ ]` none.
    assert!(
        lines[0].starts_with("1  PathParameterMustBeRequired  error    [*] "),
        "{}",
        r.stdout
    );
    assert!(lines[1].starts_with("1  RequiredPropertyMissing      error    [-] "));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("1  ReadmeMissing                warning  [ ] ")));
    assert_eq!(lines.len(), 5 + 2, "{}", r.stdout);
    assert_eq!(lines[5], "Found 5 findings in 1 connector.");
    assert_eq!(
        lines[6],
        "1 fixable with --fix (1 more with --unsafe-fixes)."
    );
    // No finding is printed.
    assert!(!r.stdout.contains("help:"));

    let r = run(
        ws.path(),
        &[
            "check",
            "Contoso",
            "--select",
            SELECT,
            "--statistics",
            "--format",
            "json",
        ],
    );
    let stats = json(&r);
    let first = &stats[0];
    assert_eq!(first["code"], "PathParameterMustBeRequired");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["count"], 1);
    assert_eq!(first["safeFixes"], 1);
    assert_eq!(stats[1]["unsafeFixes"], 1);
    assert_eq!(stats.as_array().unwrap().len(), 5);

    let r = run(
        ws.path(),
        &["check", "Contoso", "--statistics", "--format", "sarif"],
    );
    assert_eq!(r.code, 2);
}

#[test]
fn max_warnings_fails_the_run_above_the_limit() {
    let ws = workspace();
    let warnings = "ReadmeMissing,IconMissing,FieldLengthNotInRange";
    let r = run(ws.path(), &["check", "Contoso", "--select", warnings]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let r = run(
        ws.path(),
        &[
            "check",
            "Contoso",
            "--select",
            warnings,
            "--max-warnings",
            "3",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let r = run(
        ws.path(),
        &[
            "check",
            "Contoso",
            "--select",
            warnings,
            "--max-warnings",
            "2",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("3 warnings, more than --max-warnings 2"),
        "{}",
        r.stderr
    );
    let r = run(ws.path(), &["check", "Contoso", "--max-warnings", "many"]);
    assert_eq!(r.code, 2);
}

#[test]
fn the_summary_counts_the_fixable_findings() {
    let ws = workspace();
    let r = run(ws.path(), &["check", "Contoso", "--select", SELECT]);
    assert!(
        r.stdout
            .ends_with("1 fixable with --fix (1 more with --unsafe-fixes).\n"),
        "{}",
        r.stdout
    );
    let r = run(
        ws.path(),
        &["check", "Contoso", "--select", SELECT, "--unsafe-fixes"],
    );
    assert!(r.stdout.ends_with("2 fixable with --fix --unsafe-fixes.\n"));
    let r = run(
        ws.path(),
        &["check", "Contoso", "--select", SELECT, "--format", "json"],
    );
    let j = json(&r);
    assert_eq!(j["summary"]["fixable"], 1);
    assert_eq!(j["summary"]["unsafeFixable"], 1);
    // Nothing fixable, no line.
    let r = run(
        ws.path(),
        &["check", "Contoso", "--select", "ReadmeMissing"],
    );
    assert!(!r.stdout.contains("fixable"), "{}", r.stdout);
}

#[test]
fn unsafe_fixes_are_applied_only_when_asked() {
    let ws = workspace();
    let file = ws.path().join("Contoso/apiDefinition.swagger.json");
    let r = run(
        ws.path(),
        &["check", "Contoso", "--select", SELECT, "--fix"],
    );
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.contains(r#""required": true"#), "{after}");
    assert!(!after.contains(r#""x-ms-summary": "Top""#));
    assert!(r.stdout.contains("1 fix applied"), "{}", r.stdout);
    assert!(r.stdout.ends_with("1 fixable with --fix --unsafe-fixes.\n"));

    let r = run(
        ws.path(),
        &[
            "check",
            "Contoso",
            "--select",
            SELECT,
            "--fix",
            "--unsafe-fixes",
        ],
    );
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.contains(r#""x-ms-summary": "Top""#), "{after}");
    assert!(r.stdout.contains("1 fix applied"), "{}", r.stdout);
    assert!(!r.stdout.contains("RequiredPropertyMissing"));
}

#[test]
fn diff_prints_the_fixes_without_writing_them() {
    let ws = workspace();
    let file = ws.path().join("Contoso/apiDefinition.swagger.json");
    let r = run(
        ws.path(),
        &["check", "Contoso", "--select", SELECT, "--diff"],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        SWAGGER,
        "not written"
    );
    let expected_header = "--- Contoso/apiDefinition.swagger.json\n+++ Contoso/apiDefinition.swagger.json\n@@ -21,7 +21,7 @@\n";
    assert!(r.stdout.starts_with(expected_header), "{}", r.stdout);
    assert!(r
        .stdout
        .contains("\n-          {\"name\": \"id\", \"in\": \"path\", \"required\": false,"));
    assert!(r
        .stdout
        .contains("\n+          {\"name\": \"id\", \"in\": \"path\", \"required\": true,"));
    assert!(!r.stdout.contains("x-ms-summary\": \"Top"));
    assert!(
        r.stderr.contains("would apply 1 fix to 1 file"),
        "{}",
        r.stderr
    );

    // The diff applies as a patch and gives what --fix writes.
    let r2 = run(
        ws.path(),
        &[
            "check",
            "Contoso",
            "--select",
            SELECT,
            "--diff",
            "--unsafe-fixes",
        ],
    );
    assert_eq!(r2.code, 1);
    assert!(
        r2.stdout.contains(
            "+          {\"name\": \"top\", \"x-ms-summary\": \"Top\", \"in\": \"query\","
        ),
        "{}",
        r2.stdout
    );
    assert!(r2.stderr.contains("would apply 2 fixes to 1 file"));

    run(
        ws.path(),
        &["check", "Contoso", "--select", SELECT, "--fix"],
    );
    let r = run(
        ws.path(),
        &["check", "Contoso", "--select", SELECT, "--diff"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "");
}

fn baseline_entries(path: &Path) -> Vec<Value> {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(doc["version"], 1);
    doc["findings"].as_array().unwrap().clone()
}

#[test]
fn baseline_round_trip_reports_only_new_findings_and_stale_entries() {
    let ws = workspace();
    let root = ws.path();
    let r = run(
        root,
        &[
            "check",
            ".",
            "--select",
            SELECT,
            "--write-baseline",
            "baseline.json",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("recorded 5 findings in baseline.json"),
        "{}",
        r.stderr
    );
    let entries = baseline_entries(&root.join("baseline.json"));
    assert_eq!(entries.len(), 5);
    let required = entries
        .iter()
        .find(|e| e["code"] == "RequiredPropertyMissing")
        .unwrap();
    assert_eq!(required["connector"], "Contoso");
    assert_eq!(required["file"], "apiDefinition.swagger.json");
    assert_eq!(required["pointer"], "/paths/~1items~1{id}/get/parameters/1");
    assert_eq!(
        required["message"],
        "The 'x-ms-summary' property is required."
    );
    // Numbers in messages are normalised.
    let length = entries
        .iter()
        .find(|e| e["code"] == "FieldLengthNotInRange")
        .unwrap();
    assert!(
        length["message"].as_str().unwrap().contains("'#'"),
        "{length}"
    );

    // Today's findings are all in it.
    let r = run(
        root,
        &[
            "check",
            ".",
            "--select",
            SELECT,
            "--baseline",
            "baseline.json",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("No problems found in 1 connector"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("5 more in the baseline"), "{}", r.stdout);
    assert_eq!(r.stderr, "");

    // The same from elsewhere, with absolute paths: connectors are relative to the baseline.
    let elsewhere = tempfile::tempdir().unwrap();
    let abs = root.join("baseline.json");
    let r = run(
        elsewhere.path(),
        &[
            "check",
            root.join("Contoso").to_str().unwrap(),
            "--select",
            SELECT,
            "--baseline",
            abs.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    // Reformatting moves every line; a new finding and a fixed one.
    let file = root.join("Contoso/apiDefinition.swagger.json");
    let mut doc: Value = serde_json::from_str(SWAGGER).unwrap();
    let params = &mut doc["paths"]["/items/{id}"]["get"]["parameters"];
    params[0]["required"] = Value::Bool(true);
    params.as_array_mut().unwrap().push(serde_json::json!(
        {"name": "skip", "in": "query", "type": "integer", "x-ms-summary": "Skip"}
    ));
    write(&file, &serde_json::to_string_pretty(&doc).unwrap());
    let r = run(
        root,
        &[
            "check",
            ".",
            "--select",
            SELECT,
            "--baseline",
            "baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let j = json(&r);
    assert_eq!(codes(&j), ["RequiredPropertyMissing"]);
    assert_eq!(
        j["findings"][0]["message"],
        "The 'description' property is required."
    );
    assert_eq!(j["baseline"]["baselined"], 4);
    let stale = j["baseline"]["stale"].as_array().unwrap();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["code"], "PathParameterMustBeRequired");
    assert!(
        r.stderr.contains("1 baseline entry is no longer found")
            && r.stderr.contains(
                "PathParameterMustBeRequired at /paths/~1items~1{id}/get/parameters/0/required"
            ),
        "{}",
        r.stderr
    );

    // Writing again drops the stale entry and records the new finding.
    let r = run(
        root,
        &[
            "check",
            ".",
            "--select",
            SELECT,
            "--baseline",
            "baseline.json",
            "--write-baseline",
            "baseline.json",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let entries = baseline_entries(&root.join("baseline.json"));
    assert_eq!(entries.len(), 5);
    assert!(entries
        .iter()
        .all(|e| e["code"] != "PathParameterMustBeRequired"));

    // A connector not checked in this run has no stale entries.
    write(&root.join("Other/apiDefinition.swagger.json"), SWAGGER);
    run(
        root,
        &[
            "check",
            ".",
            "--select",
            SELECT,
            "--write-baseline",
            "baseline.json",
        ],
    );
    let r = run(
        root,
        &[
            "check",
            "Other",
            "--select",
            SELECT,
            "--baseline",
            "baseline.json",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(!r.stderr.contains("no longer found"), "{}", r.stderr);
    // Rewriting the baseline of one connector keeps the entries of the others.
    let before = baseline_entries(&root.join("baseline.json")).len();
    let r = run(
        root,
        &[
            "check",
            "Other",
            "--select",
            SELECT,
            "--write-baseline",
            "baseline.json",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let entries = baseline_entries(&root.join("baseline.json"));
    assert_eq!(entries.len(), before);
    assert!(entries.iter().any(|e| e["connector"] == "Contoso"));
    assert!(entries.iter().any(|e| e["connector"] == "Other"));

    // A broken or foreign baseline is a usage error, not an empty baseline.
    write(
        &root.join("bad.json"),
        "{\"version\": 1, \"findings\": [{\"code\": 1}]}",
    );
    let r = run(root, &["check", ".", "--baseline", "bad.json"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a baseline file"), "{}", r.stderr);
    // ... and is never overwritten.
    let r = run(root, &["check", ".", "--write-baseline", "bad.json"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not overwritten"), "{}", r.stderr);
    assert!(std::fs::read_to_string(root.join("bad.json"))
        .unwrap()
        .contains("\"code\": 1"));
    write(&root.join("v9.json"), "{\"version\": 9, \"findings\": []}");
    let r = run(root, &["check", ".", "--baseline", "v9.json"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("version 9"), "{}", r.stderr);
    let r = run(root, &["check", ".", "--baseline", "missing.json"]);
    assert_eq!(r.code, 2);
}

#[test]
fn changed_since_checks_only_the_changed_connectors_with_breaking_changes() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    for name in ["Alpha", "Beta", "Gamma"] {
        write(
            &repo.join(format!("connectors/{name}/apiDefinition.swagger.json")),
            SWAGGER,
        );
    }
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "three connectors"]);
    git(repo, &["checkout", "-q", "-b", "feature"]);
    // Beta loses its operation (committed), Gamma gets a readme (uncommitted), Delta is new
    // (untracked); Alpha is untouched.
    let mut doc: Value = serde_json::from_str(SWAGGER).unwrap();
    doc["paths"] = serde_json::json!({});
    write(
        &repo.join("connectors/Beta/apiDefinition.swagger.json"),
        &serde_json::to_string_pretty(&doc).unwrap(),
    );
    git(repo, &["commit", "-q", "-am", "Beta: drop GetItem"]);
    write(&repo.join("connectors/Gamma/readme.md"), "# Gamma\n");
    write(
        &repo.join("connectors/Delta/apiDefinition.swagger.json"),
        SWAGGER,
    );

    let r = run(
        repo,
        &[
            "check",
            "connectors",
            "--changed-since",
            "main",
            "--select",
            SELECT,
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let j = json(&r);
    let connectors: Vec<&str> = j["connectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        connectors,
        ["connectors/Beta", "connectors/Delta", "connectors/Gamma"]
    );
    // Breaking changes against the ref, as --base does.
    let breaking: Vec<&Value> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "BreakingOperationDeleted")
        .collect();
    assert_eq!(breaking.len(), 1);
    assert_eq!(breaking[0]["connector"], "connectors/Beta");
    let old = breaking[0]["related"][0]["file"].as_str().unwrap();
    assert!(
        old.starts_with("main:") && old.ends_with("Beta/apiDefinition.swagger.json"),
        "{old}"
    );

    // On main itself nothing changed.
    git(repo, &["stash", "-q", "--include-untracked"]);
    git(repo, &["checkout", "-q", "main"]);
    let r = run(repo, &["check", "connectors", "--changed-since", "main"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("in 0 connectors"), "{}", r.stdout);
    assert!(r
        .stderr
        .contains("no connector under the given paths changed since main"));

    // Values are never options: neither a ref nor git's own flags get through.
    for bad in ["--output=pwned", "-p", "no-such-ref", "main..feature"] {
        let r = run(
            repo,
            &["check", "connectors", &format!("--changed-since={bad}")],
        );
        assert_eq!(r.code, 2, "{bad}: {}{}", r.stdout, r.stderr);
        assert!(
            r.stderr.contains("not a commit") || r.stderr.contains("not a git ref"),
            "{}",
            r.stderr
        );
    }
    assert!(!repo.join("pwned").exists());

    // Outside a repository.
    let plain = tempfile::tempdir().unwrap();
    write(&plain.path().join("C/apiDefinition.swagger.json"), SWAGGER);
    let r = run(plain.path(), &["check", "C", "--changed-since", "HEAD"]);
    assert_eq!(r.code, 2);
}

#[test]
fn stdin_is_checked_as_the_swagger_of_the_named_package() {
    let ws = workspace();
    let root = ws.path();
    write(&root.join("Contoso/readme.md"), "# Contoso\n");
    let edited = SWAGGER.replace(r#""required": false"#, r#""required": true"#);
    let args = [
        "check",
        "-",
        "--stdin-filename",
        "Contoso/apiDefinition.swagger.json",
        "--select",
        SELECT,
        "--format",
        "json",
    ];
    let r = run_with(root, &args, Some(&edited));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let j = json(&r);
    // The text from stdin, not the file on disk; the readme beside it is found.
    assert_eq!(
        codes(&j),
        [
            "FieldLengthNotInRange",
            "RequiredPropertyMissing",
            "IconMissing"
        ]
    );
    assert_eq!(
        j["findings"][1]["file"],
        "Contoso/apiDefinition.swagger.json"
    );
    assert_eq!(j["findings"][1]["range"]["start"]["line"], 25);

    // A swagger not on disk yet, in a folder that does not exist.
    let r = run_with(
        root,
        &[
            "check",
            "-",
            "--stdin-filename",
            "New/apiDefinition.swagger.json",
            "--select",
            "RequiredPropertyMissing",
        ],
        Some(&edited),
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .starts_with("New/apiDefinition.swagger.json:25:11: error[RequiredPropertyMissing]"),
        "{}",
        r.stdout
    );

    // --diff works on stdin; --fix cannot write back.
    let r = run_with(
        root,
        &[
            "check",
            "-",
            "--stdin-filename",
            "Contoso/apiDefinition.swagger.json",
            "--select",
            SELECT,
            "--diff",
            "--unsafe-fixes",
        ],
        Some(SWAGGER),
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r
        .stdout
        .contains("+          {\"name\": \"top\", \"x-ms-summary\": \"Top\", \"in\": \"query\","));
    let r = run_with(root, &["check", "-", "--fix"], Some(SWAGGER));
    assert_eq!(r.code, 2);
    let r = run_with(root, &["check", "-", "Contoso"], Some(SWAGGER));
    assert_eq!(r.code, 2);
    let r = run(root, &["check", "Contoso", "--stdin-filename", "x.json"]);
    assert_eq!(r.code, 2);
    let r = run_with(root, &["check", "-"], Some("\u{0}\u{ff}"));
    assert_eq!(
        r.code, 1,
        "a NUL is a JSON syntax error, not a crash: {}",
        r.stderr
    );
}

#[test]
fn a_missing_member_names_its_object_beside_the_validator_message() {
    let ws = workspace();
    let r = run(
        ws.path(),
        &[
            "check",
            "Contoso",
            "--select",
            "RequiredPropertyMissing",
            "--format",
            "json",
        ],
    );
    let j = json(&r);
    let f = &j["findings"][0];
    assert_eq!(f["message"], "The 'x-ms-summary' property is required.");
    assert_eq!(f["subject"], "parameter 'top' (query) of 'GetItem'");
    let r = run(
        ws.path(),
        &["check", "Contoso", "--select", "RequiredPropertyMissing"],
    );
    assert!(r.stdout.contains(
        "error[RequiredPropertyMissing] The 'x-ms-summary' property is required. (parameter 'top' (query) of 'GetItem')"
    ), "{}", r.stdout);
    let r = run(
        ws.path(),
        &[
            "check",
            "Contoso",
            "--select",
            "RequiredPropertyMissing",
            "--format",
            "github",
        ],
    );
    assert!(
        r.stdout.contains("(parameter 'top' (query) of 'GetItem')"),
        "{}",
        r.stdout
    );
    // A finding about a value has no subject: the caret shows the value.
    let r = run(
        ws.path(),
        &[
            "check",
            "Contoso",
            "--select",
            "PathParameterMustBeRequired",
            "--format",
            "json",
        ],
    );
    assert_eq!(json(&r)["findings"][0]["subject"], Value::Null);
}

#[test]
fn the_diff_applies_as_a_patch_and_gives_what_fix_writes() {
    let ws = tempfile::tempdir().unwrap();
    let root = ws.path();
    write(&root.join("Two Words/apiDefinition.swagger.json"), SWAGGER);
    write(&root.join("fixed/apiDefinition.swagger.json"), SWAGGER);
    let r = run(
        root,
        &[
            "check",
            "Two Words",
            "--select",
            SELECT,
            "--diff",
            "--unsafe-fixes",
        ],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    // A name with a space is quoted, as git and GNU patch read it.
    assert!(r
        .stdout
        .starts_with("--- \"Two Words/apiDefinition.swagger.json\"\n"));
    write(&root.join("fixes.diff"), &r.stdout);
    git(root, &["apply", "-p0", "fixes.diff"]);
    run(
        root,
        &[
            "check",
            "fixed",
            "--select",
            SELECT,
            "--fix",
            "--unsafe-fixes",
        ],
    );
    assert_eq!(
        std::fs::read_to_string(root.join("Two Words/apiDefinition.swagger.json")).unwrap(),
        std::fs::read_to_string(root.join("fixed/apiDefinition.swagger.json")).unwrap()
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_of_a_tree_is_reported_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let ws = workspace();
    let root = ws.path();
    let locked = root.join("Locked");
    write(&locked.join("apiDefinition.swagger.json"), SWAGGER);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    /// Gives the permissions back, so the temp dir can be removed, whatever happens.
    struct Restore<'a>(&'a Path);
    impl Drop for Restore<'_> {
        fn drop(&mut self) {
            let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
    let _restore = Restore(&locked);
    if std::fs::read_dir(&locked).is_ok() {
        eprintln!("skipped: running with privileges that read a folder without permissions");
        return;
    }
    let r = run(
        root,
        &["check", ".", "--select", SELECT, "--format", "json"],
    );
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    let j = json(&r);
    assert_eq!(j["connectors"][0]["path"], "Contoso");
    assert_eq!(j["errors"][0]["path"], "Locked");
    assert!(
        r.stderr.contains("Locked: cannot read the folder"),
        "{}",
        r.stderr
    );
}
