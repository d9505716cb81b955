//! One bad entry in a folder tree does not stop the check: a tree holding connectors beside a
//! folder nested beyond the system's path limit (and, where the tests do not run as root, a
//! folder without permissions; a symbolic-link loop) gets its connectors checked and the bad
//! entry reported, by `check` and by the server's `checkWorkspace` command.

use std::path::{Path, PathBuf};
use std::process::Command;

use connector_ls_tests::cli::{run_in, Run};
use connector_ls_tests::lsp::{file_uri, LspClient};
use serde_json::{json, Value};

/// Clean JSON: no finding of the JSON family.
const CLEAN: &str = "{\n  \"swagger\": \"2.0\",\n  \"paths\": {}\n}\n";
/// A duplicate key: one warning.
const DUPLICATE: &str = "{\n  \"swagger\": \"2.0\",\n  \"paths\": {},\n  \"paths\": {}\n}\n";

const JSON_FAMILY: &str = "JsonSyntaxError,DuplicateKey,JsonNonStandard,FileNotReadable";

/// A tree: `a-good/` (clean), `m-deep/d/d/...` nested past PATH_MAX, `z-dup/` (a warning),
/// a symbolic-link loop, and (unless root, who reads it anyway) a folder with mode 000.
struct Tree {
    root: PathBuf,
}

impl Tree {
    fn new(name: &str) -> Self {
        let root =
            std::env::temp_dir().join(format!("connector-ls-tree-{}-{name}", std::process::id()));
        remove(&root);
        for (dir, text) in [("a-good", CLEAN), ("z-dup", DUPLICATE)] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
            std::fs::write(root.join(dir).join("apiDefinition.swagger.json"), text).unwrap();
        }
        // No path can name the bottom of that folder, so it is built in two halves that each
        // fit in PATH_MAX, then one is moved under the other; a connector sits at the bottom.
        let half = |base: PathBuf| (0..200).fold(base, |p, _| p.join("dddddddddd"));
        let upper = half(root.join("m-deep"));
        let lower = half(root.join("stage").join("top"));
        std::fs::create_dir_all(&upper).unwrap();
        std::fs::create_dir_all(&lower).unwrap();
        std::fs::write(lower.join("apiDefinition.swagger.json"), CLEAN).unwrap();
        std::fs::rename(root.join("stage").join("top"), upper.join("top")).unwrap();
        std::fs::remove_dir(root.join("stage")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
            use std::os::unix::fs::PermissionsExt;
            let closed = root.join("n-closed");
            // Empty: where it can be read anyway (as root), it holds no connector to count.
            std::fs::create_dir(&closed).unwrap();
            std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
        }
        Tree { root }
    }

    /// Whether the mode-000 folder cannot be read here (not as root).
    fn closed_is_unreadable(&self) -> bool {
        std::fs::read_dir(self.root.join("n-closed")).is_err()
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        remove(&self.root);
    }
}

fn remove(root: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(
            root.join("n-closed"),
            std::fs::Permissions::from_mode(0o755),
        );
    }
    // `rm` removes a tree deeper than PATH_MAX.
    let _ = Command::new("rm").arg("-rf").arg(root).status();
}

fn check(cwd: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    run_in(cwd, &all)
}

fn not_searched(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "FileNotReadable")
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn check_reports_the_bad_entry_and_checks_the_rest() {
    let tree = Tree::new("cli");
    let parent = tree.root.parent().unwrap();
    let name = tree.root.file_name().unwrap().to_str().unwrap();
    let r = check(parent, &[name, "--format", "json", "--select", JSON_FAMILY]);
    let doc: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("JSON ({e}): {}\n{}", r.stdout, r.stderr));
    // Both connectors checked, the duplicate key of one found.
    assert_eq!(doc["summary"]["connectors"], 2, "{doc:#}");
    let connectors: Vec<&str> = doc["connectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        connectors,
        [format!("{name}/a-good"), format!("{name}/z-dup")]
    );
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "DuplicateKey" && f["connector"] == format!("{name}/z-dup")),
        "{doc:#}"
    );
    // The deep folder is reported once, as an error: the run fails on it, not with a usage error.
    let bad = not_searched(&doc);
    let deep: Vec<&String> = bad.iter().filter(|p| p.contains("/m-deep/")).collect();
    assert_eq!(deep.len(), 1, "{bad:?}");
    assert!(deep[0].len() > 4000, "the entry past the limit is named");
    if tree.closed_is_unreadable() {
        assert!(bad.iter().any(|p| p.ends_with("n-closed")), "{bad:?}");
    }
    assert_eq!(doc["errors"], json!([]), "{doc:#}");
    assert_eq!(r.code, 1, "{}", r.stderr);

    // The text output names it too, shortened in the message, and counts only connectors.
    let r = check(parent, &[name, "--select", JSON_FAMILY]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("error[FileNotReadable] The folder '"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("could not be searched"), "{}", r.stdout);
    let last = r.stdout.lines().last().unwrap();
    assert!(last.contains("in 2 connectors"), "{last}");
    assert!(r.stderr.is_empty(), "{}", r.stderr);

    // Without the report of the bad entry, the exit status is the connectors' own (a warning).
    let ignoring = check(
        parent,
        &[name, "--select", JSON_FAMILY, "--ignore", "FileNotReadable"],
    );
    assert_eq!(ignoring.code, 0, "{}{}", ignoring.stdout, ignoring.stderr);
    assert!(
        ignoring.stdout.contains("warning[DuplicateKey]"),
        "{}",
        ignoring.stdout
    );
}

#[test]
fn a_named_path_that_cannot_be_read_is_still_a_usage_error() {
    let tree = Tree::new("named");
    let r = check(&tree.root, &["no-such-folder", "a-good"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no-such-folder"), "{}", r.stderr);
    // The other path was checked.
    assert!(r.stdout.contains("in 1 connector"), "{}", r.stdout);
}

#[test]
fn check_workspace_checks_the_good_connectors_and_names_the_bad_entry() {
    let tree = Tree::new("lsp");
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "connector-ls.checkWorkspace", "arguments": [file_uri(&tree.root)]}),
    );
    let result = &r["result"];
    assert_eq!(result["packages"], 2, "{r:#}");
    assert!(result["warnings"].as_u64().unwrap() >= 1, "{r:#}");
    let unreadable: Vec<&str> = result["unreadable"]
        .as_array()
        .unwrap_or_else(|| panic!("{r:#}"))
        .iter()
        .map(|u| u["path"].as_str().unwrap())
        .collect();
    assert!(
        unreadable
            .iter()
            .any(|p| p.contains("/m-deep/") && p.len() > 4000),
        "{unreadable:?}"
    );
    let dup_uri = file_uri(&tree.root.join("z-dup").join("apiDefinition.swagger.json"));
    let pushed = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == dup_uri.as_str()
    });
    assert!(pushed["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "DuplicateKey"));
    let shown = c.wait(|m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("could not be searched"),
        "{shown:#}"
    );
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}
