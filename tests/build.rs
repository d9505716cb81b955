//! Two things the tests need at compile time.
//!
//! One test per rule fixture folder (`fixtures/rules/<Code>/`), generated into
//! `$OUT_DIR/rule_fixture_tests.rs` for `tests/rule_fixtures.rs`: `cargo test InvalidNextLinkName`
//! runs that rule's fixtures alone, and one rule's mismatch does not hide another's.
//!
//! Tests that read the connector corpus (`../shared/corpus`, beside the repository and not part
//! of it) are compiled as ignored when it is absent, so a fresh clone shows them as skipped
//! ("ignored, needs ../shared/corpus") instead of passing without having run.

fn main() {
    rule_fixture_tests();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    println!("cargo::rustc-check-cfg=cfg(no_corpus)");
    println!("cargo::rerun-if-changed={}", corpus.display());
    if !corpus.is_dir() {
        println!("cargo::rustc-cfg=no_corpus");
    }
}

fn rule_fixture_tests() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut codes: Vec<String> = std::fs::read_dir(&root)
        .expect("tests/fixtures/rules")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    codes.sort();
    let mut out = String::new();
    for code in codes {
        // A folder that is not a rule code is reported by `registry_docs_and_fixtures_agree`;
        // only names that can be a function name get a test of their own.
        if !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        out.push_str(&format!(
            "#[test]\n#[allow(non_snake_case)]\nfn {code}() {{\n    check_fixtures(\"{code}\");\n}}\n\n"
        ));
    }
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR"))
        .join("rule_fixture_tests.rs");
    std::fs::write(dest, out).expect("OUT_DIR writable");
}
