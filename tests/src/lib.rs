//! Helpers for the end-to-end tests: the server binary and an LSP client over its stdio.

pub mod lsp;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The `connector-ls` binary of this build (built once if the test run did not build it).
pub fn connector_ls_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable path");
        // target/<profile>/deps/<test> -> target/<profile>/connector-ls
        let profile_dir = exe
            .parent()
            .and_then(|d| d.parent())
            .expect("target dir")
            .to_path_buf();
        let bin = profile_dir.join(format!("connector-ls{}", std::env::consts::EXE_SUFFIX));
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "-p", "connector-ls", "--bin", "connector-ls"]);
        if profile_dir.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("cargo runs");
        assert!(status.success(), "building connector-ls failed");
        bin
    })
    .clone()
}
