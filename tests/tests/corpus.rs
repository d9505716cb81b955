//! The corpus of certified connectors: everything parses, nothing panics, and the count of
//! findings per code is snapshotted so a change in rule behaviour shows up in review.
//!
//! Skips (with a message) when `../shared/corpus` is absent, as on a fresh clone.

use std::collections::BTreeMap;
use std::path::PathBuf;

use connector_ls::package::{find_packages, Package, Source};
use connector_ls::rules::{self, Config, Severity};

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: corpus not found at {} (it is not part of the repository)",
            dir.display()
        );
        None
    }
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
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut connectors_with_errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (pkg_dir, explicit) in &packages {
        let source = Source {
            swagger_override: explicit.clone(),
            ..Source::default()
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
        for f in rules::check(&pkg, &config) {
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
    let error_share = connectors_with_errors.len() as f64 / packages.len() as f64;
    let mut listing = String::new();
    for (c, codes) in &connectors_with_errors {
        let mut codes = codes.clone();
        codes.sort();
        codes.dedup();
        listing.push_str(&format!("{c}: {}\n", codes.join(", ")));
    }
    insta::assert_snapshot!("corpus_error_connectors", listing);
    insta::assert_json_snapshot!("corpus_counts", counts);
    assert!(
        error_share <= 0.02,
        "{:.1}% of certified connectors have error findings (at most 2% allowed):\n{listing}",
        error_share * 100.0
    );
}
