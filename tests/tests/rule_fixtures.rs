//! Data-driven rule tests: `tests/fixtures/rules/<Code>/{fail,pass}*` fixtures.
//!
//! A fixture is a swagger file (`*.json`), an apiProperties file (`*.apiProperties.json`), a
//! settings file (`*.settings.json`), or a folder holding a whole package. Each `fail*` fixture
//! must produce at least one finding of its folder's code and each `pass*` fixture none. What the
//! user sees for a fail fixture (findings and the text after each fix) is snapshotted.
//!
//! The breaking-change codes (`Breaking*`) compare two versions: their fixtures are folders
//! holding `old/` and `new/` packages, run through `diff::compare` (and the review checks of a
//! change, `rules::review::compare`) instead of `rules::check`. A folder with a `changed.txt`
//! is a change's scope (`ChangeScopeTooWide`): the files it lists as changed, grouped by the
//! connector folders inside the fixture.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use connector_ls::cli::{CheckRun, Checked};
use connector_ls::workspace::source::DISK;
use connector_ls_core::locate::locate_all;
use connector_ls_core::package::{Document, FileKind, Package, Publisher, Source};
use connector_ls_core::rules::{self, fix, Config, Finding, RULES};

fn fixtures_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

/// The publisher a fixture is checked as: independent when its name says so (`fail_independent`,
/// `pass_same_independent`: a fixture folder has no `independent-publisher-connectors/` above
/// it), else what the package itself shows.
fn fixture_publisher(path: &Path) -> Option<Publisher> {
    let name = path.file_name()?.to_string_lossy();
    name.contains("independent")
        .then_some(Publisher::Independent)
}

fn load_fixture(path: &Path, publisher: Option<Publisher>) -> Package {
    if path.is_dir() {
        return Package::load(path, publisher, &Source::new(&DISK))
            .expect("fixture folder readable");
    }
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let kind = if name.ends_with(".apiProperties.json") {
        FileKind::ApiProperties
    } else if name.ends_with(".settings.json") {
        FileKind::Settings
    } else {
        FileKind::Swagger
    };
    let text = std::fs::read_to_string(path).expect("fixture readable");
    let doc = Document::new(path.to_path_buf(), kind, &text);
    Package::from_documents(path.parent().unwrap(), vec![doc], publisher)
}

/// What the user sees: the findings as `connector-ls check` prints them (code frame, caret,
/// related locations, the fix's title), then each fix as the unified diff `--diff` would show,
/// with paths relative to the fixtures.
fn render(pkg: &Package, findings: &[Finding]) -> String {
    let run = CheckRun {
        checked: vec![Checked {
            dir: pkg.dir.clone(),
            publisher: pkg.publisher,
            findings: locate_all(pkg, findings.to_vec(), None),
            fixed: 0,
            main_file: None,
            connector: true,
            proposed: Vec::new(),
        }],
        errors: Vec::new(),
        elapsed: std::time::Duration::ZERO,
        config: Config::default(),
        adoption: Default::default(),
    };
    let mut out = Vec::new();
    connector_ls::cli::text::render(&run, false, &mut out).expect("rendering to memory");
    let mut out = String::from_utf8(out).expect("UTF-8 output");
    for f in findings {
        let Some(fx) = &f.fix else { continue };
        for file in [
            FileKind::Swagger,
            FileKind::ApiProperties,
            FileKind::Settings,
        ] {
            let edits: Vec<_> = fx.edits.iter().filter(|e| e.file == file).collect();
            if edits.is_empty() {
                continue;
            }
            let doc = pkg.document(file).expect("fix edits an existing document");
            let fixed = fix::apply(doc.text(), &edits);
            let reparsed = connector_ls_core::json::parse(fixed.as_str());
            assert!(
                reparsed
                    .errors
                    .iter()
                    .all(|e| e.kind != connector_ls_core::json::SyntaxErrorKind::Syntax)
                    || doc
                        .parse
                        .errors
                        .iter()
                        .any(|e| e.kind == connector_ls_core::json::SyntaxErrorKind::Syntax),
                "fix '{}' left invalid JSON:\n{fixed}",
                fx.title
            );
            let name = file.file_name();
            let diff = similar::TextDiff::from_lines(doc.text(), fixed.as_str());
            writeln!(out, "fix: {} ({:?})", fx.title, fx.safety).unwrap();
            write!(
                out,
                "{}",
                diff.unified_diff().context_radius(2).header(name, name)
            )
            .unwrap();
        }
    }
    let root = format!("{}/", fixtures_root().display());
    out.replace(&root, "")
}

fn fixtures_of(code: &str) -> Vec<PathBuf> {
    let dir = fixtures_root().join(code);
    let mut v: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

// One `#[test]` per fixture folder (generated by `build.rs`), each calling [`check_fixtures`].
include!(concat!(env!("OUT_DIR"), "/rule_fixture_tests.rs"));

/// Runs every fixture of rule `code`: each `fail*` must produce a finding of the code (what the
/// user sees is snapshotted), each `pass*` none.
fn check_fixtures(code: &str) {
    let rule = rules::rule(code)
        .filter(|r| r.code == code)
        .unwrap_or_else(|| panic!("fixtures/rules/{code}: no rule has this code"));
    let mut failures = Vec::new();
    let config = Config {
        select: Some(vec![rule.code.to_string()]),
        ..Config::default()
    };
    let fixtures = fixtures_of(rule.code);
    assert!(!fixtures.is_empty(), "fixtures/rules/{code} is empty");
    for path in fixtures {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (pkg, found) = if path.join("changed.txt").is_file() {
            // A change's scope: the files `changed.txt` lists as changed, grouped by the
            // connector folders of the fixture.
            let list = std::fs::read_to_string(path.join("changed.txt")).unwrap();
            let changed: Vec<PathBuf> = list.lines().map(|l| path.join(l)).collect();
            let first = changed.first().expect("changed.txt lists files");
            let pkg = load_fixture(first.parent().unwrap(), fixture_publisher(&path));
            let found = connector_ls_core::rules::review::change_scope(&path, &changed, &[]);
            (pkg, found.into_iter().collect())
        } else if path.join("old").is_dir() && path.join("new").is_dir() {
            let old = load_fixture(&path.join("old"), fixture_publisher(&path));
            let new = load_fixture(&path.join("new"), fixture_publisher(&path));
            let mut found = connector_ls_core::diff::compare(&old, &new);
            found.extend(connector_ls_core::rules::review::compare(&old, &new));
            (new, found)
        } else {
            let pkg = load_fixture(&path, fixture_publisher(&path));
            let found = rules::check(&pkg, &config);
            (pkg, found)
        };
        for f in found.iter().filter(|f| !rules::severity_declared(f)) {
            failures.push(format!(
                "{}/{name}: a {} finding of {}, a severity the rule does not declare",
                rule.code,
                f.severity.as_str(),
                f.code
            ));
        }
        let findings: Vec<Finding> = found.into_iter().filter(|f| f.code == rule.code).collect();
        if name.starts_with("fail") {
            if findings.is_empty() {
                failures.push(format!(
                    "{}/{name}: expected a {} finding, got none",
                    rule.code, rule.code
                ));
                continue;
            }
            let snap_name = format!("{}__{}", rule.code, name.trim_end_matches(".json"));
            insta::with_settings!({snapshot_path => "../fixtures/snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
                insta::assert_snapshot!(snap_name, render(&pkg, &findings));
            });
        } else if name.starts_with("pass") && !findings.is_empty() {
            failures.push(format!(
                "{}/{name}: expected no {} finding, got:\n{}",
                rule.code,
                rule.code,
                render(&pkg, &findings)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn registry_docs_and_fixtures_agree() {
    let mut problems = Vec::new();
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    codes.sort();
    for w in codes.windows(2) {
        if w[0] == w[1] {
            problems.push(format!("{}: registered twice", w[0]));
        }
    }
    for rule in RULES.iter() {
        for heading in ["## What it does", "## Why", "## Example", "## How to fix"] {
            if !rule.docs.contains(heading) {
                problems.push(format!("{}: docs lack '{heading}'", rule.code));
            }
        }
        // The zip check's codes are tested on zips that tests/tests/submission.rs writes.
        if connector_ls_core::submission::RULES
            .iter()
            .any(|r| r.code == rule.code)
        {
            continue;
        }
        let names: Vec<String> = fixtures_of(rule.code)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        if !names.iter().any(|n| n.starts_with("fail")) {
            problems.push(format!("{}: no fail fixture", rule.code));
        }
        if !names.iter().any(|n| n.starts_with("pass")) {
            problems.push(format!("{}: no pass fixture", rule.code));
        }
    }
    for entry in std::fs::read_dir(fixtures_root()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if rules::rule(&name).is_none_or(|r| r.code != name) {
            problems.push(format!("fixtures/rules/{name}: no rule has this code"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
