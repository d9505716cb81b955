//! The workspace's `rust-version` states what the locked dependencies really need: the highest
//! `rust-version` among the packages built for this host (dev-dependencies included), and every
//! crate inherits it.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn parse(v: &str) -> Vec<u32> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

#[test]
fn rust_version_is_what_the_locked_dependencies_need() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let host = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .arg("-vV")
        .output()
        .expect("rustc runs");
    let host = String::from_utf8_lossy(&host.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc -vV names the host");
    let out = Command::new(cargo)
        .current_dir(root())
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host])
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let resolved: std::collections::HashSet<&str> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m.as_str())
        .collect();
    let mut needed: Option<(Vec<u32>, String)> = None;
    for p in meta["packages"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap_or_default();
        if !resolved.contains(id) {
            continue;
        }
        let Some(v) = p["rust_version"].as_str() else {
            continue;
        };
        if members.contains(&id) {
            continue;
        }
        if needed.as_ref().is_none_or(|(n, _)| parse(v) > *n) {
            needed = Some((parse(v), format!("{} {v}", p["name"].as_str().unwrap())));
        }
    }
    let (needed, by) = needed.expect("some dependency states a rust-version");
    for p in meta["packages"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap_or_default();
        if !members.contains(&id) {
            continue;
        }
        let stated = p["rust_version"]
            .as_str()
            .unwrap_or_else(|| panic!("{} states no rust-version", p["name"]));
        let mut stated_parts = parse(stated);
        stated_parts.resize(needed.len().max(stated_parts.len()), 0);
        let mut needed_parts = needed.clone();
        needed_parts.resize(stated_parts.len(), 0);
        assert_eq!(
            stated_parts, needed_parts,
            "{} states rust-version {stated}, but the locked dependencies need {by}",
            p["name"]
        );
    }
}
