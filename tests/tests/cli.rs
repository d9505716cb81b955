//! End-to-end tests of the `connector-ls` binary: every output format, exit codes, filters,
//! paths with spaces, unreadable paths, `rules`, `explain`, and the README rule table.
//!
//! Only the JSON-family codes (JsonSyntaxError, DuplicateKey, JsonNonStandard) are asserted on,
//! so these tests do not depend on which other rules exist.

use std::path::{Path, PathBuf};
use std::process::Command;

use connector_ls_tests::cli::{run_in, Run};
use serde_json::Value;

/// A package with a syntax error (missing comma) on line 4 and a duplicate key on line 6.
const BROKEN_SWAGGER: &str = r#"{
  "swagger": "2.0",
  "info": {
    "title": "Broken" "version": "1.0"
  },
  "host": "a.example.com", "host": "b.example.com",
  "paths": {}
}
"#;

/// Valid JSON with only a trailing comma (a warning).
const LENIENT_SWAGGER: &str = "{\n  \"swagger\": \"2.0\",\n  \"paths\": {},\n}\n";

const CLEAN_SWAGGER: &str = "{\n  \"swagger\": \"2.0\",\n  \"paths\": {}\n}\n";

/// The rules these tests assert on; other families' rules are not selected, so findings and
/// counts do not change as rules are added.
const JSON_FAMILY: &str = "JsonSyntaxError,DuplicateKey,JsonNonStandard,FileNotReadable";

/// `connector-ls check ARGS` in `cwd`, running only [`JSON_FAMILY`] unless the test selects or
/// ignores rules itself.
fn check_in(cwd: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    if !args.iter().any(|a| *a == "--select" || *a == "--ignore") {
        all.extend_from_slice(&["--select", JSON_FAMILY]);
    }
    run_in(cwd, &all)
}

fn run(args: &[&str]) -> Run {
    run_in(&repo_root(), args)
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// A temp dir with `My Connector/` (broken), `Clean One/` (clean) and `Lenient/` (warning only).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in [
        ("My Connector", BROKEN_SWAGGER),
        ("Clean One", CLEAN_SWAGGER),
        ("Lenient", LENIENT_SWAGGER),
    ] {
        let pkg = dir.path().join(name);
        std::fs::create_dir(&pkg).unwrap();
        std::fs::write(pkg.join("apiDefinition.swagger.json"), text).unwrap();
    }
    dir
}

fn json_of(r: &Run) -> Value {
    serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", r.stdout))
}

#[test]
fn text_output_shows_location_source_caret_and_summary() {
    let ws = workspace();
    let r = check_in(ws.path(), &["My Connector"]);
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    let out = &r.stdout;
    assert!(
        out.contains("My Connector/apiDefinition.swagger.json:4:22: error[JsonSyntaxError]"),
        "{out}"
    );
    assert!(
        out.contains(" 4 |     \"title\": \"Broken\" \"version\": \"1.0\""),
        "{out}"
    );
    assert!(out.contains("   |                      ^"), "{out}");
    assert!(out.contains("warning[DuplicateKey]"), "{out}");
    assert!(
        out.contains("first defined here at My Connector/apiDefinition.swagger.json:6:3"),
        "{out}"
    );
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("Found 1 error, 1 warning, 0 info, 0 hints in 1 connector ("),
        "{last}"
    );
    assert!(!out.contains('\x1b'), "no colour when not a terminal");
    assert!(r.stderr.is_empty(), "stderr: {}", r.stderr);
}

#[test]
fn color_always_uses_ansi_and_never_does_not() {
    let ws = workspace();
    let r = check_in(ws.path(), &["My Connector", "--color", "always"]);
    assert!(
        r.stdout.contains("\x1b[1;31merror[JsonSyntaxError]\x1b[0m"),
        "{}",
        r.stdout
    );
    let r = check_in(ws.path(), &["My Connector", "--color", "never"]);
    assert!(!r.stdout.contains('\x1b'));
}

#[test]
fn clean_package_exits_zero() {
    let ws = workspace();
    let r = check_in(ws.path(), &["Clean One"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with("No problems found in 1 connector ("),
        "{}",
        r.stdout
    );
}

#[test]
fn warnings_alone_exit_zero() {
    let ws = workspace();
    let r = check_in(ws.path(), &["Lenient"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout.contains("warning[JsonNonStandard]"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_tree_of_folders_is_searched() {
    let ws = workspace();
    let r = check_in(ws.path(), &[".", "--format", "json"]);
    assert_eq!(r.code, 1);
    let v = json_of(&r);
    assert_eq!(v["summary"]["connectors"], 3);
    let paths: Vec<&str> = v["connectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["Clean One", "Lenient", "My Connector"]);
}

#[test]
fn a_single_file_can_be_checked() {
    let ws = workspace();
    let r = check_in(ws.path(), &["My Connector/apiDefinition.swagger.json"]);
    assert_eq!(r.code, 1);
    // Any other .json file is taken as the swagger.
    std::fs::write(ws.path().join("other.json"), "{ \"swagger\": \"2.0\" ").unwrap();
    let r = check_in(ws.path(), &["other.json", "--format", "json"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let v = json_of(&r);
    assert_eq!(v["findings"][0]["code"], "JsonSyntaxError");
    assert_eq!(v["findings"][0]["file"], "other.json");
}

#[test]
fn json_output_follows_the_documented_schema() {
    let ws = workspace();
    let r = check_in(ws.path(), &["My Connector", "--format", "json"]);
    assert_eq!(r.code, 1);
    let v = json_of(&r);
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "connector-ls");
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["warnings"], 1);
    assert_eq!(v["connectors"][0]["path"], "My Connector");
    assert_eq!(v["connectors"][0]["publisher"], "verified");
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    let syntax = findings
        .iter()
        .find(|f| f["code"] == "JsonSyntaxError")
        .unwrap();
    assert_eq!(syntax["file"], "My Connector/apiDefinition.swagger.json");
    assert_eq!(syntax["fileKind"], "swagger");
    assert_eq!(syntax["connector"], "My Connector");
    assert_eq!(syntax["severity"], "error");
    assert!(syntax["message"].as_str().unwrap().contains(','));
    assert_eq!(syntax["range"]["start"]["line"], 4);
    assert_eq!(syntax["range"]["start"]["column"], 22);
    let offset = syntax["range"]["start"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(
        &BROKEN_SWAGGER[offset - 8..offset + 10],
        "\"Broken\" \"version\""
    );
    assert!(syntax["docsUrl"]
        .as_str()
        .unwrap()
        .contains("#jsonsyntaxerror"));
    assert!(syntax["fix"].is_null());
    let dup = findings
        .iter()
        .find(|f| f["code"] == "DuplicateKey")
        .unwrap();
    assert_eq!(dup["pointer"], "/host");
    assert_eq!(dup["related"][0]["line"], 6);
    assert_eq!(dup["related"][0]["message"], "first defined here");
    assert!(v["errors"].as_array().unwrap().is_empty());
}

#[test]
fn json_offsets_count_the_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("\u{feff}{BROKEN_SWAGGER}");
    std::fs::write(dir.path().join("apiDefinition.swagger.json"), &text).unwrap();
    let r = check_in(dir.path(), &[".", "--format", "json"]);
    let v = json_of(&r);
    let f = &v["findings"][0];
    assert_eq!(f["range"]["start"]["line"], 4);
    let offset = f["range"]["start"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(
        &text.as_bytes()[offset - 8..offset + 10],
        b"\"Broken\" \"version\""
    );
}

#[test]
fn sarif_output_is_what_code_scanning_expects() {
    let ws = workspace();
    let r = check_in(ws.path(), &["My Connector", "--format", "sarif"]);
    assert_eq!(r.code, 1);
    let v = json_of(&r);
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "connector-ls");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(rule_ids.contains(&"JsonSyntaxError"));
    assert!(rules.iter().all(|r| r["helpUri"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://"))));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let res = results
        .iter()
        .find(|r| r["ruleId"] == "JsonSyntaxError")
        .unwrap();
    assert_eq!(res["level"], "error");
    let idx = res["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], "JsonSyntaxError");
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "My%20Connector/apiDefinition.swagger.json"
    );
    assert_eq!(loc["region"]["startLine"], 4);
    assert_eq!(loc["region"]["startColumn"], 22);
    let dup = results
        .iter()
        .find(|r| r["ruleId"] == "DuplicateKey")
        .unwrap();
    assert_eq!(dup["level"], "warning");
}

#[test]
fn github_output_is_workflow_commands() {
    let ws = workspace();
    let r = check_in(ws.path(), &["My Connector", "--format", "github"]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(
        lines[0].starts_with(
            "::error file=My Connector/apiDefinition.swagger.json,line=4,col=22,endLine=4,endColumn="
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains(",title=JsonSyntaxError::"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("::warning file="), "{}", lines[1]);
    assert!(lines[1].contains("title=DuplicateKey::"), "{}", lines[1]);
}

/// Findings about the package as a whole (a missing icon or readme) are annotated on a real file
/// (the swagger, line 1) in GitHub and SARIF output: an annotation on a folder or a file that does
/// not exist is not shown on a pull request.
#[test]
fn package_findings_are_annotated_on_a_real_file() {
    let ws = workspace();
    let select = ["--select", "IconMissing,ReadmeMissing"];
    let r = run_in(
        ws.path(),
        &[
            &["check", "My Connector", "--format", "github"][..],
            &select,
        ]
        .concat(),
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines.iter().any(|l| l.contains("title=IconMissing")),
        "{}",
        r.stdout
    );
    for line in &lines {
        let file = line
            .split("file=")
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .unwrap_or_else(|| panic!("no file in {line}"));
        assert_eq!(file, "My Connector/apiDefinition.swagger.json", "{line}");
        assert!(line.contains(",line=1,col=1,"), "{line}");
    }
    let r = run_in(
        ws.path(),
        &[&["check", "My Connector", "--format", "sarif"][..], &select].concat(),
    );
    let v = json_of(&r);
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for res in results {
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"]["uri"], "My%20Connector/apiDefinition.swagger.json",
            "{res}"
        );
        assert_eq!(loc["region"]["startLine"], 1);
    }
}

#[test]
fn select_and_ignore_filter_rules() {
    let ws = workspace();
    let r = check_in(
        ws.path(),
        &[
            "My Connector",
            "--select",
            "DuplicateKey",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "only a warning is left");
    let v = json_of(&r);
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["DuplicateKey"]);

    let r = check_in(
        ws.path(),
        &[
            "My Connector",
            "--select",
            JSON_FAMILY,
            "--ignore",
            "jsonsyntaxerror,DuplicateKey",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0);
    assert!(json_of(&r)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["code"] != "JsonSyntaxError" && f["code"] != "DuplicateKey"));

    let r = check_in(
        ws.path(),
        &[
            "My Connector",
            "--select",
            "JsonSyntaxError,DuplicateKey",
            "--ignore",
            "DuplicateKey",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 1);
    assert_eq!(json_of(&r)["findings"].as_array().unwrap().len(), 1);

    // A typo in a code is a usage error, not a green run that checked nothing.
    let r = check_in(ws.path(), &["My Connector", "--select", "JsonSyntaxEror"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("unknown rule code 'JsonSyntaxEror' (did you mean 'JsonSyntaxError'?)"),
        "{}",
        r.stderr
    );
    let r = check_in(ws.path(), &["My Connector", "--ignore", "NoSuchCode"]);
    assert_eq!(r.code, 2, "{}", r.stderr);

    // A prefix ending in `*` selects the family, explicitly.
    let r = check_in(
        ws.path(),
        &[
            "My Connector",
            "--select",
            "JsonSyntax*",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let findings = json_of(&r)["findings"].as_array().unwrap().clone();
    assert!(!findings.is_empty());
    assert!(findings
        .iter()
        .all(|f| f["code"].as_str().unwrap().starts_with("JsonSyntax")));
    let r = check_in(ws.path(), &["My Connector", "--select", "Nothing*"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

/// `check` with no path checks the current folder.
#[test]
fn check_without_a_path_checks_the_current_folder() {
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(
        ws.path().join("apiDefinition.swagger.json"),
        "{\"swagger\": \"2.0\", \"paths\": {",
    )
    .unwrap();
    let r = check_in(ws.path(), &["--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(json_of(&r)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "JsonSyntaxError"));
}

#[test]
fn severity_threshold_hides_and_uncounts() {
    let ws = workspace();
    let r = check_in(
        ws.path(),
        &["My Connector", "--severity", "error", "--format", "json"],
    );
    assert_eq!(r.code, 1);
    let v = json_of(&r);
    assert_eq!(v["summary"]["warnings"], 0);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    let r = check_in(ws.path(), &["Lenient", "--severity", "error"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("No problems found"), "{}", r.stdout);
}

#[test]
fn unreadable_path_is_one_clear_line_and_exit_2() {
    let ws = workspace();
    let r = check_in(ws.path(), &["No Such Folder"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("connector-ls: No Such Folder: "),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"));
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    // The readable paths are still checked and reported.
    let r = check_in(
        ws.path(),
        &["No Such Folder", "My Connector", "--format", "json"],
    );
    assert_eq!(r.code, 2);
    let v = json_of(&r);
    assert_eq!(v["summary"]["connectors"], 1);
    assert_eq!(v["errors"][0]["path"], "No Such Folder");
}

#[test]
fn a_folder_without_a_connector_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let r = check_in(dir.path(), &["."]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no connector package found"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_file_that_is_not_utf8_is_a_finding_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("apiDefinition.swagger.json"), CLEAN_SWAGGER).unwrap();
    std::fs::write(
        dir.path().join("apiProperties.json"),
        b"{ \"x\": \"caf\xe9\" }",
    )
    .unwrap();
    let r = check_in(dir.path(), &[".", "--format", "json"]);
    assert_eq!(r.code, 1);
    assert_eq!(json_of(&r)["findings"][0]["code"], "FileNotReadable");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", ".", "--format", "xml"][..],
        &["check", ".", "--severity", "fatal"],
        &["check", ".", "--publisher", "nobody"],
        &["frobnicate"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(!r.stderr.is_empty());
    }
    assert_eq!(run(&["--help"]).code, 0);
    assert_eq!(run(&["--version"]).code, 0);
}

#[test]
fn rules_all_lists_every_documented_code_with_a_reason() {
    let r = run(&["rules", "--all", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json_of(&r);
    let entries = v.as_array().unwrap();
    let plain = json_of(&run(&["rules", "--format", "json"]));
    let implemented: Vec<&Value> = entries
        .iter()
        .filter(|e| e["implemented"] == true)
        .collect();
    // The same shape as `rules --format json`, whose entries are the implemented ones.
    assert_eq!(implemented.len(), plain.as_array().unwrap().len());
    for e in entries {
        for key in [
            "code",
            "documented",
            "implemented",
            "severity",
            "fix",
            "reason",
        ] {
            assert!(e.get(key).is_some(), "{e} has {key}");
        }
        if e["implemented"] == false {
            assert_eq!(e["documented"], true, "{e}");
            assert!(e["reason"].as_str().is_some_and(|s| !s.is_empty()), "{e}");
            assert!(e["severity"].is_null() && e["fix"].is_null(), "{e}");
        } else {
            assert!(e["reason"].is_null(), "{e}");
        }
    }
    // Every documented code appears exactly once.
    let documented: Vec<&str> = entries
        .iter()
        .filter(|e| e["documented"] == true)
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    let mut unique = documented.clone();
    unique.dedup();
    assert_eq!(documented.len(), unique.len());
    assert_eq!(documented.len(), 174, "the validator documents 174 codes");
    // Server-side knowledge: the reason comes from the registry's table.
    let beta = entries
        .iter()
        .find(|e| e["code"] == "ProductionStatusOnBetaService")
        .expect("listed");
    assert_eq!(beta["implemented"], false);
    assert!(beta["reason"]
        .as_str()
        .unwrap()
        .contains("beta registration"));

    let r = run(&["rules", "--all"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("ProductionStatusOnBetaService "))
        .expect("listed in text");
    assert!(
        line.contains(" no ") && line.contains("beta registration"),
        "{line}"
    );
    assert!(r
        .stdout
        .lines()
        .any(|l| l.starts_with("JsonSyntaxError ") && l.contains(" yes ")));
    assert!(
        r.stdout.contains("174 documented validator codes"),
        "{}",
        r.stdout
    );

    // `explain` of such a code gives the same reason.
    let r = run(&["explain", "productionstatusonbetaservice"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("does not implement: needs the backing service's beta registration"),
        "{}",
        r.stderr
    );

    // The Markdown and docs pages are about the implemented rules only.
    let r = run(&["rules", "--all", "--format", "markdown"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--all"), "{}", r.stderr);
}

#[test]
fn rules_lists_every_rule_in_three_formats() {
    let r = run(&["rules"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("JsonSyntaxError ") && l.contains("error")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("InvalidNextLinkNameValue ") && l.contains(" error/warning ")),
        "{}",
        r.stdout
    );
    let r = run(&["explain", "InvalidNextLinkNameValue"]);
    assert!(
        r.stdout
            .contains("Severity: error (some findings: warning) ·"),
        "{}",
        r.stdout
    );

    let r = run(&["rules", "--format", "json"]);
    assert_eq!(r.code, 0);
    let v = json_of(&r);
    let entries = v.as_array().unwrap();
    let e = entries
        .iter()
        .find(|e| e["code"] == "JsonSyntaxError")
        .unwrap();
    assert_eq!(e["implemented"], true);
    assert_eq!(e["documented"], false);
    assert_eq!(e["severity"], "error");
    assert_eq!(e["severities"], serde_json::json!(["error"]));
    assert_eq!(e["fix"], "none");
    assert_eq!(
        e["group"], "json",
        "the family that selects it in connector-ls.toml"
    );
    assert!(e["reason"].is_null());
    // A rule some of whose findings are warnings says so: the default first.
    let e = entries
        .iter()
        .find(|e| e["code"] == "InvalidNextLinkNameValue")
        .unwrap();
    assert_eq!(e["severity"], "error");
    assert_eq!(e["severities"], serde_json::json!(["error", "warning"]));
    for key in [
        "code",
        "documented",
        "implemented",
        "severity",
        "severities",
        "group",
        "fix",
        "reason",
    ] {
        assert!(
            entries.iter().all(|e| e.get(key).is_some()),
            "every entry has {key}"
        );
    }
    // The implemented rules only; `--all` adds the documented codes without a rule.
    assert!(entries
        .iter()
        .any(|e| e["code"] == "OperationIdNotUnique" && e["documented"] == true));
    assert!(entries.iter().all(|e| e["implemented"] == true));

    let r = run(&["rules", "--format", "markdown"]);
    assert_eq!(r.code, 0);
    assert!(r
        .stdout
        .starts_with("| Code | Severity | Certification | Fix | Summary |"));
    assert!(
        r.stdout
            .contains("| `JsonSyntaxError` * | error | no | none |"),
        "{}",
        r.stdout
    );
}

#[test]
fn explain_prints_docs_and_link() {
    let r = run(&["explain", "jsonsyntaxerror"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("# JsonSyntaxError\n"));
    assert!(r.stdout.contains("## How to fix"));
    assert!(r.stdout.contains("Docs: https://"));
    let r = run(&["explain", "DuplicateKy"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean 'DuplicateKey'"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_example_connector_is_checked() {
    let r = run(&["check", "examples/Contoso Widgets", "--format", "json"]);
    assert!(r.code == 0 || r.code == 1, "{}{}", r.stdout, r.stderr);
    let v = json_of(&r);
    assert_eq!(v["summary"]["connectors"], 1);
    // Its JSON is well-formed: the defects are for the other rule families.
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["code"] != "JsonSyntaxError"));
}

const START: &str = "<!-- rules:start -->";
const END: &str = "<!-- rules:end -->";

/// Set to regenerate the generated documentation instead of failing.
const UPDATE: &str = "UPDATE_DOCS";

fn stale(what: &str) -> String {
    format!(
        "{what} is stale (the rule registry changed). Regenerate it with\n  \
         {UPDATE}=1 cargo test -p connector-ls-tests --test cli is_current\n"
    )
}

#[test]
fn readme_rule_table_is_current() {
    let readme_path = repo_root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("README.md");
    let (Some(s), Some(e)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the {START} / {END} markers");
    };
    let current = readme[s + START.len()..e].trim();
    let r = run(&["rules", "--format", "markdown"]);
    assert_eq!(r.code, 0);
    let fresh = r.stdout.trim();
    if current == fresh {
        return;
    }
    if std::env::var_os(UPDATE).is_some() {
        let updated = format!("{}{START}\n{fresh}\n{}", &readme[..s], &readme[e..]);
        std::fs::write(&readme_path, updated).expect("README.md writable");
        return;
    }
    panic!(
        "{}(or paste the output of `connector-ls rules --format markdown` between the {START} \
         and {END} markers of README.md)",
        stale("The rule table in README.md")
    );
}

#[test]
fn rules_reference_is_current() {
    let path = repo_root().join("docs/rules.md");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    let r = run(&["rules", "--format", "docs"]);
    assert_eq!(r.code, 0);
    if current == r.stdout {
        return;
    }
    if std::env::var_os(UPDATE).is_some() {
        std::fs::write(&path, &r.stdout).expect("docs/rules.md writable");
        return;
    }
    panic!(
        "{}(or run `connector-ls rules --format docs > docs/rules.md`)",
        stale("docs/rules.md")
    );
}

#[test]
fn columns_count_characters_on_crlf_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\r\n\t\"é\": \"ü\" \"b\": 1\r\n}\r\n";
    std::fs::write(dir.path().join("apiDefinition.swagger.json"), text).unwrap();
    let r = check_in(dir.path(), &[".", "--format", "json"]);
    let v = json_of(&r);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "JsonSyntaxError");
    // Line 2 is `\t"é": "ü" "b": 1`: the gap after `"ü"` is character 10, byte offset 11 in the line.
    assert_eq!(f["range"]["start"]["line"], 2);
    assert_eq!(f["range"]["start"]["column"], 10);
    assert_eq!(f["range"]["start"]["offset"], 3 + 11);
    let r = check_in(dir.path(), &[".", "--format", "github"]);
    assert!(
        r.stdout
            .starts_with("::error file=apiDefinition.swagger.json,line=2,col=10,endLine=2,"),
        "{}",
        r.stdout
    );
}

#[test]
fn publisher_is_detected_or_given() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("Widgets (IP)");
    std::fs::create_dir(&pkg).unwrap();
    std::fs::write(
        pkg.join("apiDefinition.swagger.json"),
        r#"{ "swagger": "2.0", "info": { "title": "Widgets (Independent Publisher)" } }"#,
    )
    .unwrap();
    let publisher = |args: &[&str]| {
        let mut all = vec!["Widgets (IP)", "--format", "json"];
        all.extend_from_slice(args);
        json_of(&check_in(dir.path(), &all))["connectors"][0]["publisher"].clone()
    };
    assert_eq!(publisher(&[]), "independent");
    assert_eq!(publisher(&["--publisher", "verified"]), "verified");
    assert_eq!(publisher(&["--publisher", "independent"]), "independent");
}

#[test]
fn fix_leaves_files_without_safe_fixes_unchanged() {
    let ws = workspace();
    let path = ws.path().join("My Connector/apiDefinition.swagger.json");
    let r = check_in(ws.path(), &["My Connector", "--fix", "--format", "json"]);
    assert_eq!(r.code, 1);
    assert_eq!(json_of(&r)["summary"]["fixed"], 0);
    assert_eq!(std::fs::read_to_string(path).unwrap(), BROKEN_SWAGGER);
    let leftovers: Vec<_> = std::fs::read_dir(ws.path().join("My Connector"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files: {leftovers:?}");
}

/// Independent publishers' pull requests carry `intro.md` and `package.zip` since 2026
/// (PRs #4104, #4194, #4205, #4244): an intro.md there is not reported.
#[test]
fn independent_publisher_intro_is_not_reported() {
    let r = run(&[
        "check",
        "tests/fixtures/rules/IntroEmpty/pass_independent_with_intro",
        "--publisher",
        "independent",
    ]);
    assert!(
        !r.stdout.contains("IntroNotAllowed") && !r.stdout.contains("intro.md:"),
        "{}",
        r.stdout
    );
}

/// The credentials of the `SecretInPackage` fixtures, which no output may print in full.
const FIXTURE_SECRETS: [&str; 7] = [
    "8fK2mZq9Lw3Xv7Rt1Yb5Nc4Hd6Js0Pg",
    "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    "xoxb-2048576-9183746501-Zq8Lw3Xv7Rt1Yb5N",
    "q8Zr2Lw9Xk4Vb7Nm1Pc5Hs3Jd6Gf0Ty8Ue2Io4Pa7Sl9Dk1Fj3Hg5",
    "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
    "Zq8Lw3Xv7Rt1Yb5Nc4Hd6Js0Pg2Mk9",
];

/// A credential is reported in every output format, and printed in full in none: not in the
/// message, not in the source line under a finding, not in SARIF or GitHub annotations.
#[test]
fn secrets_are_masked_in_every_output_format() {
    let fixtures = repo_root().join("tests/fixtures/rules/SecretInPackage");
    for case in ["fail_tokens", "fail_named_values"] {
        let dir = fixtures.join(case);
        let dir = dir.to_str().unwrap();
        for format in ["text", "json", "sarif", "github"] {
            let r = run(&["check", dir, "--format", format, "--color", "always"]);
            assert_eq!(r.code, 1, "{case} {format}: {}{}", r.stdout, r.stderr);
            assert!(
                r.stdout.contains("SecretInPackage"),
                "{case} {format}: {}",
                r.stdout
            );
            for secret in FIXTURE_SECRETS {
                assert!(
                    !r.stdout.contains(secret) && !r.stderr.contains(secret),
                    "{case} {format} prints {secret}:\n{}{}",
                    r.stdout,
                    r.stderr
                );
            }
        }
        // The code frame shows the line with the credential masked, also under findings of
        // other rules when the secret rules do not run or are not shown.
        let r = run(&["check", dir, "--select", "review"]);
        assert!(r.stdout.contains("****"), "{}", r.stdout);
        for args in [
            ["--select", "RequiredPropertyMissing"],
            ["--severity", "error"],
        ] {
            let mut all = vec!["check", dir];
            all.extend(args);
            let r = run(&all);
            for secret in FIXTURE_SECRETS {
                assert!(
                    !r.stdout.contains(secret),
                    "{args:?} prints {secret}:\n{}",
                    r.stdout
                );
            }
        }
    }
}

/// `review` selects and ignores the reviewer checks as one group, and `rules` names the
/// category of every rule.
#[test]
fn the_review_category_is_a_group() {
    let dir = repo_root().join("tests/fixtures/rules/SecretInPackage/fail_tokens");
    let dir = dir.to_str().unwrap();
    let r = run(&["check", dir, "--select", "review", "--format", "json"]);
    let v = json_of(&r);
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let review: Vec<String> = json_of(&run(&["rules", "--format", "json"]))
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["category"] == "review")
        .map(|e| e["code"].as_str().unwrap().to_string())
        .collect();
    assert!(review.contains(&"SecretInPackage".to_string()));
    assert!(findings
        .iter()
        .all(|f| review.iter().any(|c| f["code"] == c.as_str())));
    let r = run(&["check", dir, "--ignore", "review", "--format", "json"]);
    assert!(json_of(&r)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| !review.iter().any(|c| f["code"] == c.as_str())));
    let r = run(&["rules"]);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("SecretInPackage ") && l.contains(" review ")),
        "{}",
        r.stdout
    );
}

fn git_in(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@t")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@t")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `check --base`: a change touching a second connector and a file outside any is reported
/// once, naming both; a change of the checked connector alone is not.
#[test]
fn change_scope_is_reported_once_under_base() {
    let ws = tempfile::tempdir().unwrap();
    let root = ws.path();
    if !git_in(root, &["init", "-q"]) {
        eprintln!("skipping: git is not available");
        return;
    }
    for name in ["Contoso", "Fabrikam"] {
        std::fs::create_dir(root.join(name)).unwrap();
        std::fs::write(
            root.join(name).join("apiDefinition.swagger.json"),
            CLEAN_SWAGGER,
        )
        .unwrap();
    }
    assert!(git_in(root, &["add", "."]) && git_in(root, &["commit", "-qm", "base"]));
    let scope = |args: &[&str]| {
        let mut all = vec![
            "check",
            "Contoso",
            "--base",
            "HEAD",
            "--select",
            "ChangeScopeTooWide",
        ];
        all.extend_from_slice(args);
        let r = run_in(root, &all);
        let v = json_of(&r);
        v["findings"].as_array().unwrap().clone()
    };
    std::fs::write(root.join("Contoso/readme.md"), "# Contoso\n").unwrap();
    assert!(scope(&["--format", "json"]).is_empty());
    std::fs::write(root.join("Fabrikam/readme.md"), "# Fabrikam\n").unwrap();
    std::fs::write(root.join("NOTES.txt"), "notes\n").unwrap();
    let found = scope(&["--format", "json"]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("Fabrikam/")
            && message.contains("NOTES.txt")
            && !message.contains("Contoso/"),
        "{message}"
    );
    // Once per run, even with both connectors checked.
    let r = run_in(
        root,
        &[
            "check",
            "Contoso",
            "Fabrikam",
            "--base",
            "HEAD",
            "--select",
            "ChangeScopeTooWide",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        json_of(&r)["findings"].as_array().unwrap().len(),
        1,
        "{}",
        r.stdout
    );
}
