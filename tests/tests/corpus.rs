//! The corpus of certified connectors: everything parses, nothing panics, and the count of
//! findings per code and severity is snapshotted so a change in rule behaviour shows up in review.
//!
//! Verdict parity: the connectors whose swagger changed since 2023-07-01 (`history.json`) went
//! through today's certification pipeline and passed it, so at most 1% of them may have an
//! error finding, besides the known true defects listed in `KNOWN_DEFECTS`. Older connectors
//! were never re-validated by today's rules and are only counted.
//!
//! Skips (with a message) when `../shared/corpus` is absent, as on a fresh clone.

use connector_ls_tests::corpus_dir;
use std::collections::BTreeMap;

use connector_ls::workspace::search::find_packages;
use connector_ls::workspace::source::DISK;
use connector_ls_core::package::{Package, Source};
use connector_ls_core::rules::{self, Config, Severity};

/// Swagger changes since this date went through the current pipeline.
const RECENT_SINCE: &str = "2023-07-01";

/// Recent connectors with real defects the pipeline let through (reviewed by hand).
const KNOWN_DEFECTS: [&str; 3] = ["Oneflow", "PROS AI", "Shopranos"];

/// The corpus folders (relative, `/`-separated) whose swagger last changed on or after
/// `RECENT_SINCE`.
fn recent_connectors(dir: &std::path::Path) -> std::collections::BTreeSet<String> {
    let text = std::fs::read_to_string(dir.join("history.json")).expect("history.json readable");
    let history: serde_json::Value = serde_json::from_str(&text).expect("history.json parses");
    history["connectors"]
        .as_object()
        .expect("history.json has connectors")
        .iter()
        .filter(|(_, h)| {
            h["swagger"]["last"]
                .as_str()
                .is_some_and(|d| d >= RECENT_SINCE)
        })
        .map(|(name, _)| name.clone())
        .collect()
}

#[test]
fn corpus_parses_and_counts_are_stable() {
    let Some(dir) = corpus_dir() else { return };
    let packages = find_packages(std::slice::from_ref(&dir)).expect("corpus readable");
    assert!(
        packages.len() >= 600,
        "expected the whole corpus, found {}",
        packages.len()
    );
    let config = Config::default();
    // `custom-connectors/` holds uncertified samples: the pipeline validates them without the
    // certification flag, as `check --no-certification` does.
    let uncertified = Config {
        certification: false,
        ..Config::default()
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut connectors_with_errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // Findings whose severity their rule does not declare (`Rule::also`).
    let mut undeclared: Vec<String> = Vec::new();
    for (pkg_dir, explicit) in &packages {
        let source = Source {
            swagger_override: explicit.clone(),
            ..Source::new(&DISK)
        };
        let pkg = Package::load(pkg_dir, None, &source).expect("package loads");
        for doc in pkg.documents() {
            assert!(
                doc.tree().root().is_some(),
                "{}: no JSON value",
                doc.path.display()
            );
        }
        let rel = pkg_dir
            .strip_prefix(&dir)
            .unwrap_or(pkg_dir)
            .display()
            .to_string();
        let config = if rel.replace('\\', "/").starts_with("custom-connectors/") {
            &uncertified
        } else {
            &config
        };
        for f in rules::check(&pkg, config) {
            if !rules::severity_declared(&f) {
                undeclared.push(format!("{rel}: {} is {}", f.code, f.severity.as_str()));
            }
            *counts
                .entry(format!("{} ({})", f.code, f.severity.as_str()))
                .or_default() += 1;
            if f.severity == Severity::Error {
                connectors_with_errors
                    .entry(rel.clone())
                    .or_default()
                    .push(f.code.to_string());
            }
        }
    }
    assert!(
        undeclared.is_empty(),
        "findings with a severity their rule does not declare:\n{}",
        undeclared.join("\n")
    );
    let recent = recent_connectors(&dir);
    let mut listing = String::new();
    let mut recent_checked = 0usize;
    let mut recent_failing: Vec<String> = Vec::new();
    for (c, codes) in &connectors_with_errors {
        let mut codes = codes.clone();
        codes.sort();
        codes.dedup();
        let is_recent = recent.contains(&c.replace('\\', "/"));
        let mark = if is_recent { " [recent]" } else { "" };
        listing.push_str(&format!("{c}{mark}: {}\n", codes.join(", ")));
        let known = KNOWN_DEFECTS
            .iter()
            .any(|k| c.rsplit(['/', '\\']).next() == Some(*k));
        if is_recent && !known {
            recent_failing.push(format!("{c}: {}", codes.join(", ")));
        }
    }
    for (pkg_dir, _) in &packages {
        let rel = pkg_dir.strip_prefix(&dir).unwrap_or(pkg_dir);
        if recent.contains(&rel.display().to_string().replace('\\', "/")) {
            recent_checked += 1;
        }
    }
    let summary = format!(
        "recent connectors (swagger changed since {RECENT_SINCE}): {recent_checked}\n\
         with error findings besides {KNOWN_DEFECTS:?}: {}\n{}",
        recent_failing.len(),
        recent_failing.join("\n")
    );
    eprintln!("{summary}");
    insta::assert_snapshot!("corpus_error_connectors", listing);
    insta::assert_snapshot!("corpus_recent_error_rate", summary);
    insta::assert_json_snapshot!("corpus_counts", counts);
    assert!(
        recent_checked >= 200,
        "expected the 208 recent connectors, found {recent_checked}"
    );
    let allowed = recent_checked / 100;
    assert!(
        recent_failing.len() <= allowed,
        "{} of {recent_checked} recent connectors have error findings (at most {allowed}, 1%):\n{summary}",
        recent_failing.len()
    );
}
