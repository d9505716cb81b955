//! Tests that read the connector corpus (`../shared/corpus`, beside the repository and not part
//! of it) are compiled as ignored when it is absent, so a fresh clone shows them as skipped
//! ("ignored, needs ../shared/corpus") instead of passing without having run.

fn main() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    println!("cargo::rustc-check-cfg=cfg(no_corpus)");
    println!("cargo::rerun-if-changed={}", corpus.display());
    if !corpus.is_dir() {
        println!("cargo::rustc-cfg=no_corpus");
    }
}
