//! Helpers shared by the end-to-end tests in `tests/`: the server binary and an LSP client over
//! its stdio.

pub mod cli;
pub mod lsp;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The `connector-ls` binary of the profile these tests were built with
/// (`target/<profile>/connector-ls`, found next to the running test executable).
///
/// The binary is (re)built once per test process with `cargo build -p connector-ls`, using the
/// `CARGO` that runs the tests: `cargo test` does not build a binary for another crate's tests,
/// and an existing one may be stale. The build is a no-op when it is up to date.
pub fn connector_ls_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable path");
        // target/<profile>/deps/<test> -> target/<profile>
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("test executable lives in target/<profile>/deps");
        let bin = profile_dir.join(format!("connector-ls{}", std::env::consts::EXE_SUFFIX));
        let profile = profile_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let target_dir = profile_dir.parent().expect("target dir");
        let cargo = std::env::var("CARGO")
            .ok()
            .or_else(|| option_env!("CARGO").map(str::to_string))
            .unwrap_or_else(|| "cargo".to_string());
        let mut cmd = Command::new(cargo);
        cmd.args([
            "build",
            "--quiet",
            "-p",
            "connector-ls",
            "--bin",
            "connector-ls",
        ])
        .arg("--target-dir")
        .arg(target_dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
        match profile.as_str() {
            "debug" => {}
            "release" => {
                cmd.arg("--release");
            }
            other => {
                cmd.args(["--profile", other]);
            }
        }
        let status = cmd.status();
        match status {
            Ok(s) if s.success() => {}
            _ if bin.exists() => eprintln!(
                "warning: could not rebuild {}; using the existing binary",
                bin.display()
            ),
            other => panic!("cargo build -p connector-ls failed: {other:?}"),
        }
        assert!(bin.exists(), "{} was not built", bin.display());
        bin
    })
    .clone()
}

/// The corpus of certified connectors beside the checkout (`../shared/corpus`), or `None` with
/// a line saying the test is skipped: it is not part of the repository.
pub fn corpus_dir() -> Option<PathBuf> {
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
