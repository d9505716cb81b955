//! `connector-ls log`: each validator output format (fixtures under
//! `tests/fixtures/validator-log/`, written by us), every output format, the lines that cannot be
//! placed, the exit status, and a round trip on the recent corpus connectors: our own findings
//! written as pipeline lines come back at the same pointer.

use std::path::{Path, PathBuf};
use std::process::Command;

use connector_ls::workspace::search::find_packages;
use connector_ls::workspace::source::DISK;
use connector_ls_core::package::{FileKind, Package, Source};
use connector_ls_core::rules::{self, Config, Severity};
use connector_ls_core::validator_log;
use connector_ls_tests::cli::{run_with, Run};
use connector_ls_tests::connector_ls_bin;
use connector_ls_tests::corpus_dir;
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/validator-log")
}

fn log(args: &[&str], stdin: Option<&str>) -> Run {
    let mut all = vec!["log"];
    all.extend_from_slice(args);
    run_with(&fixtures(), &all, stdin)
}

fn log_json(file: &str) -> (i32, Value) {
    let r = log(
        &[file, "--connector", "connector", "--format", "json"],
        None,
    );
    let doc = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    (r.code, doc)
}

/// `(code, severity, pointer, line)` of each finding of a JSON output.
fn findings(doc: &Value) -> Vec<(String, String, String, u64)> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["pointer"].as_str().unwrap().to_string(),
                f["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn row(code: &str, sev: &str, pointer: &str, line: u64) -> (String, String, String, u64) {
    (code.into(), sev.into(), pointer.into(), line)
}

const PARAM0: &str = "/paths/~1v2~1stations/get/parameters/0";
const FORMAT: &str = "/paths/~1v2~1stations/get/parameters/1/format";
const READINGS: &str = "/paths/~1v2~1stations~1{stationId}~1readings/post";

#[test]
fn pipeline_lines_are_placed_at_their_value_paths() {
    let (code, doc) = log_json("pipeline.log");
    assert_eq!(code, 1);
    assert_eq!(
        findings(&doc),
        vec![
            row("RequiredPropertyMissing", "error", PARAM0, 17),
            row("RequiredPropertyMissing", "error", PARAM0, 17),
            row("RequiredPropertyMissing", "error", READINGS, 46),
            row("RequiredPropertyMissing", "error", "/info", 3),
            row("RequiredPropertyMissing", "error", "", 1),
            row("FieldLengthExceeded", "error", "/info/title", 4),
            row("UnrecognizedTypeFormat", "warning", FORMAT, 26),
        ]
    );
    // The pipeline's own failure line is listed, not placed.
    let v = &doc["validator"];
    assert_eq!(
        (v["entries"].as_u64(), v["placed"].as_u64()),
        (Some(8), Some(7))
    );
    assert_eq!(v["unplaced"][0]["line"], 10);
    assert!(v["skippedLines"].as_u64().unwrap() >= 2);
    // Our own fix comes along where our check found the same thing.
    assert_eq!(
        doc["findings"][1]["fix"]["title"].as_str(),
        Some("Add `description` \"The region.\"")
    );
    assert_eq!(
        doc["findings"][3]["fix"]["title"].as_str(),
        Some("Add an `info.contact` skeleton")
    );
    assert!(doc["findings"][5]["fix"].is_null());
}

#[test]
fn paconn_json_entries_are_placed() {
    let (code, doc) = log_json("paconn.json");
    assert_eq!(code, 1);
    assert_eq!(
        findings(&doc),
        vec![
            row("RequiredPropertyMissing", "error", PARAM0, 17),
            row("RequiredPropertyMissing", "error", "/info", 3),
            row("RequiredPropertyMissing", "error", "", 1),
            row("UnrecognizedTypeFormat", "warning", FORMAT, 26),
        ]
    );
    // The unicode escapes of the message are decoded.
    assert_eq!(
        doc["findings"][3]["message"],
        "The type/format 'integer/password' is not recognized."
    );
    assert_eq!(doc["validator"]["unplaced"].as_array().unwrap().len(), 0);
}

#[test]
fn coded_lines_use_the_named_code() {
    let (code, doc) = log_json("coded.log");
    assert_eq!(code, 1);
    assert_eq!(
        findings(&doc),
        vec![
            row(
                "ExtensionNameNotValid",
                "error",
                &format!("{READINGS}/tideMode"),
                65
            ),
            row(
                "DefaultResponseHasSchema",
                "error",
                &format!("{READINGS}/responses/default"),
                60
            ),
            row("UnrecognizedTypeFormat", "warning", FORMAT, 26),
        ]
    );
}

#[test]
fn mixed_input_lists_what_it_cannot_place() {
    let (code, doc) = log_json("mixed.log");
    assert_eq!(code, 1);
    assert_eq!(
        findings(&doc),
        vec![
            row("RequiredPropertyMissing", "error", PARAM0, 17),
            row("RequiredPropertyMissing", "error", "/info", 3),
            row("FieldLengthExceeded", "error", "/info/title", 4),
            row(
                "BreakingOutputDeleted",
                "warning",
                "/paths/~1v2~1stations/get/responses/200/schema",
                34
            ),
        ]
    );
    let unplaced: Vec<u64> = doc["validator"]["unplaced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["line"].as_u64().unwrap())
        .collect();
    assert_eq!(unplaced, vec![5, 7, 11, 13]);
    assert_eq!(
        doc["validator"]["unplaced"][1]["code"],
        "BodySchemaCountExceedsMaxAllowed"
    );

    let text = log(&["mixed.log", "--connector", "connector"], None);
    assert_eq!(text.code, 1);
    assert!(
        text.stdout
            .contains("Read 8 validator lines from mixed.log: 4 placed; 4 could not be placed:"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("  line 5: ##[error]The 'description' property is required. ValuePath: /paths/~1v2~1tides/get/parameters/3"));
    // A control character of the log reaches the terminal escaped.
    assert!(!text.stdout.contains('\x1b'), "{}", text.stdout);
    assert!(text.stdout.contains("~1gone\\u{1b}[2J"));
}

#[test]
fn text_output_shows_the_source_line_and_caret() {
    let r = log(
        &[
            "pipeline.log",
            "--connector",
            "connector",
            "--color",
            "never",
        ],
        None,
    );
    assert_eq!(r.code, 1);
    let expected = "connector/apiDefinition.swagger.json:4:5: error[FieldLengthExceeded] The 'title' value goes over the character limit '30'\n 4 |     \"title\": \"Pelican Tide Tables Connector Service\",\n   |     ^^^^^^^\n";
    assert!(r.stdout.contains(expected), "{}", r.stdout);
    assert!(r
        .stdout
        .contains("   help: Add `x-ms-summary` \"Region\" (unsafe fix)"));
    assert!(r
        .stdout
        .contains("Found 6 errors, 1 warning, 0 info, 0 hints in 1 connector"));
    // `--color` alone colours (the summary of what could not be placed too).
    let r = log(
        &["pipeline.log", "--connector", "connector", "--color"],
        None,
    );
    assert!(
        r.stdout
            .contains("\x1b[1;31merror[FieldLengthExceeded]\x1b[0m"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("\x1b[1;33m1 could not be placed\x1b[0m"));
}

#[test]
fn sarif_and_github_outputs() {
    let r = log(
        &["mixed.log", "--connector", "connector", "--format", "sarif"],
        None,
    );
    assert_eq!(r.code, 1);
    let doc: Value = serde_json::from_str(&r.stdout).expect("SARIF is JSON");
    let run = &doc["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 4);
    assert_eq!(
        run["results"][0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        PARAM0
    );
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 4);
    assert!(notes[0]["message"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Could not place validator line 5:"));
    assert!(r
        .stderr
        .contains("4 of 8 validator lines could not be placed"));

    let r = log(
        &[
            "pipeline.log",
            "--connector",
            "connector",
            "--format",
            "github",
        ],
        None,
    );
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 8);
    assert_eq!(lines[5], "::error file=connector/apiDefinition.swagger.json,line=4,col=5,endLine=4,endColumn=12,title=FieldLengthExceeded::The 'title' value goes over the character limit '30'");
    assert!(lines[7].starts_with("::error title=validator line 10 not placed::"));
}

#[test]
fn reads_standard_input_and_exits_zero_on_warnings() {
    let warning = "##[warning]The type/format 'integer/password' is not recognized. ValuePath: /paths/~1v2~1stations/get/parameters/1/format\n";
    let r = log(
        &["-", "--connector", "connector", "--format", "json"],
        Some(warning),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        findings(&doc),
        vec![row("UnrecognizedTypeFormat", "warning", FORMAT, 26)]
    );

    let r = log(
        &["--connector", "connector"],
        Some("nothing to see\nhere\n"),
    );
    assert_eq!(r.code, 0);
    assert!(r
        .stdout
        .contains("No validator output found in standard input (2 lines read)."));
}

#[test]
fn api_properties_pointers_are_placed_in_api_properties() {
    let line = "##[error]The property value must be one of the following: actions, triggers. ValuePath: /properties/capabilities\n";
    let r = log(
        &["-", "--connector", "connector", "--format", "json"],
        Some(line),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let f = &doc["findings"][0];
    assert_eq!(f["fileKind"], "apiProperties", "{doc:#}");
    assert_eq!(f["file"], "connector/apiProperties.json");
    assert_eq!(f["pointer"], "/properties/capabilities");
    assert_eq!(f["code"], "JsonValueNotInEnum");
    assert_eq!(f["range"]["start"]["line"], 4);
}

#[test]
fn without_a_connector_every_line_is_unplaced() {
    // No --connector, and the current folder (an empty one) is no connector.
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(connector_ls_bin())
        .args(["log", "--format", "json"])
        .arg(fixtures().join("paconn.json"))
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 0);
    assert_eq!(doc["validator"]["unplaced"].as_array().unwrap().len(), 4);
    assert_eq!(
        doc["validator"]["unplaced"][0]["reason"],
        "no connector to look the location up in"
    );
}

#[test]
fn usage_errors() {
    let r = log(&["no-such.log", "--connector", "connector"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no-such.log: cannot read the log"),
        "{}",
        r.stderr
    );
    let r = log(&["pipeline.log", "--connector", "no-such-dir"], None);
    assert_eq!(r.code, 2);
    let r = log(&["pipeline.log", "--format", "yaml"], None);
    assert_eq!(r.code, 2);
}

fn recent(dir: &Path) -> std::collections::BTreeSet<String> {
    let text = std::fs::read_to_string(dir.join("history.json")).expect("history.json");
    let history: Value = serde_json::from_str(&text).expect("history.json parses");
    history["connectors"]
        .as_object()
        .expect("connectors")
        .iter()
        .filter(|(_, h)| {
            h["swagger"]["last"]
                .as_str()
                .is_some_and(|d| d >= "2023-07-01")
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// Our findings on the recent corpus connectors, written as pipeline lines and read back,
/// are placed at the pointer (and in the file) they were reported at.
#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus")]
fn round_trip_on_the_recent_corpus() {
    let Some(dir) = corpus_dir() else { return };
    let recent = recent(&dir);
    let config = Config::default();
    let (mut lines, mut same_pointer, mut same_file, mut same_code) = (0usize, 0, 0, 0);
    let mut misses: std::collections::BTreeMap<String, usize> = Default::default();
    // Lines of rules that mirror a documented validator code, and how many of their messages
    // the validator's templates recognise as that code.
    let (mut documented, mut documented_same) = (0usize, 0usize);
    let mut code_misses: std::collections::BTreeMap<String, usize> = Default::default();
    let mut mislabelled: std::collections::BTreeMap<String, usize> = Default::default();
    let mut connectors = 0;
    for (pkg_dir, explicit) in find_packages(std::slice::from_ref(&dir)).expect("corpus") {
        let rel = pkg_dir
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !recent.contains(&rel) {
            continue;
        }
        connectors += 1;
        let source = Source {
            swagger_override: explicit,
            ..Source::new(&DISK)
        };
        let pkg = Package::load(&pkg_dir, None, &source).expect("loads");
        let ours: Vec<_> = rules::check(&pkg, &config)
            .into_iter()
            .filter(|f| matches!(f.file, FileKind::Swagger | FileKind::ApiProperties))
            .filter(|f| pkg.document(f.file).is_some())
            .collect();
        let text: String = ours
            .iter()
            .map(|f| {
                let marker = if f.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                };
                let message = f.message.replace(['\r', '\n'], " ");
                if f.pointer.is_empty() {
                    format!("##[{marker}]{message}\n")
                } else {
                    format!("##[{marker}]{message} ValuePath: {}\n", f.pointer)
                }
            })
            .collect();
        let log = validator_log::parse(&text);
        assert_eq!(log.entries.len(), ours.len(), "{rel}: every line is read");
        for (f, e) in ours.iter().zip(&log.entries) {
            lines += 1;
            if e.code() == f.code {
                same_code += 1;
            }
            if e.code() != f.code && e.code() != validator_log::UNMATCHED_CODE {
                *mislabelled
                    .entry(format!("{} as {}", f.code, e.code()))
                    .or_default() += 1;
            }
            if rules::rule(f.code).is_some_and(|r| r.documented) {
                documented += 1;
                if e.code() == f.code {
                    documented_same += 1;
                } else {
                    *code_misses.entry(f.code.to_string()).or_default() += 1;
                }
            }
            match validator_log::place(&pkg, e) {
                Ok(p) if e.is_finding() && p.pointer == f.pointer => {
                    same_pointer += 1;
                    if p.file == f.file {
                        same_file += 1;
                    } else {
                        *misses
                            .entry(format!("{} (other file)", f.code))
                            .or_default() += 1;
                    }
                }
                _ => *misses.entry(f.code.to_string()).or_default() += 1,
            }
        }
    }
    eprintln!(
        "round trip on {connectors} recent connectors: {lines} lines, {same_pointer} at the same pointer, {same_file} also in the same file, {same_code} matched to the same code ({documented_same} of the {documented} of documented rules); placement misses by code: {misses:?}; code misses: {code_misses:?}; read as another code: {mislabelled:?}"
    );
    assert!(connectors >= 200, "{connectors} recent connectors");
    assert!(
        documented_same * 100 >= documented * 99,
        "{documented_same} of {documented} lines of documented rules read as their code"
    );
    assert!(
        same_file * 100 >= lines * 99,
        "{same_file} of {lines} placed at the same pointer and file"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Any text — validator markers, separators and escapes mixed with anything — is read and
    /// placed without a panic, and every entry keeps its line number within the input.
    #[test]
    fn any_text_is_read_without_a_panic(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::prelude::Just("##[error]".to_string()),
                proptest::prelude::Just("##[warning]".to_string()),
                proptest::prelude::Just(" ValuePath: ".to_string()),
                proptest::prelude::Just("Error : ".to_string()),
                proptest::prelude::Just(" : ".to_string()),
                proptest::prelude::Just("\"message\": \"".to_string()),
                proptest::prelude::Just("\\r\\n".to_string()),
                proptest::prelude::Just("\\u0027".to_string()),
                proptest::prelude::Just("error ExtensionNameNotValid: ".to_string()),
                proptest::prelude::Just("operation/ListStations/".to_string()),
                proptest::prelude::Just("/paths/~1v2~1stations/get/parameters/0".to_string()),
                proptest::prelude::Just("\n".to_string()),
                "\\PC{0,12}",
            ],
            0..24,
        )
    ) {
        let text: String = parts.concat();
        let log = validator_log::parse(&text);
        let lines = text.lines().count().max(1);
        for e in &log.entries {
            proptest::prop_assert!(e.line >= 1 && e.line <= lines, "{e:?}");
        }
        let pkg = fixture_package();
        let _ = validator_log::place_all(Some(&pkg), &log, &[]);
    }
}

fn fixture_package() -> Package {
    Package::load(&fixtures().join("connector"), None, &Source::new(&DISK)).expect("fixture loads")
}
