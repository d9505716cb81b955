//! Adversarial input: huge, deep, broken or hostile packages. The answer is always a clear
//! finding, never a panic, a hang, a read outside the package folder or unbounded memory.
//!
//! Each case runs through the engine directly (`Package::load` + `rules::check` and the designer
//! preview, with a panic hook that counts panics even where the engine catches them per rule)
//! and, for the file-level cases, through `connector-ls check`. Every test stays within a few seconds in a debug build.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex, Once};
use std::time::Duration;

use connector_ls::workspace::source::DISK;
use connector_ls_core::package::{Package, Source, DEFAULT_MAX_FILE_SIZE};
use connector_ls_core::rules::{self, Config, Finding};
use connector_ls_tests::connector_ls_bin;

/// The names of the threads that panicked, including in the rules `rules::check` catches and
/// logs; tests run in parallel, so each check runs on a thread of its own name.
static PANICKED: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let name = std::thread::current()
                .name()
                .unwrap_or_default()
                .to_string();
            PANICKED
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(name);
            default(info);
        }));
    });
}

fn package(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("connector-ls adversarial ")
        .tempdir()
        .unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// Loads and checks `dir` on another thread; fails if that takes over `limit` (a hang) or if
/// anything panicked.
fn check_within(dir: &Path, max_file_size: u64, limit: Duration) -> Vec<Finding> {
    record_panics();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!("check-{}", NEXT.fetch_add(1, Ordering::SeqCst));
    let dir = dir.to_path_buf();
    let (tx, rx) = mpsc::channel();
    let builder = std::thread::Builder::new().name(name.clone());
    builder
        .spawn(move || {
            let source = Source {
                max_file_size,
                ..Source::new(&DISK)
            };
            let pkg = Package::load(&dir, None, &source).expect("folder readable");
            let findings = rules::check(&pkg, &Config::default());
            // The designer preview of the same package holds the same promises.
            let preview = connector_ls_core::ide::preview::preview(&pkg, &findings);
            let _ = connector_ls_core::ide::preview_html::render(&preview);
            let _ = tx.send(findings);
        })
        .unwrap();
    let findings = rx
        .recv_timeout(limit)
        .expect("the check finishes in time and does not panic outside a rule");
    let panicked = PANICKED.lock().unwrap().contains(&name);
    assert!(!panicked, "a rule panicked (see the output above)");
    findings
}

fn check(dir: &Path) -> Vec<Finding> {
    check_within(dir, DEFAULT_MAX_FILE_SIZE, Duration::from_secs(30))
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code).collect()
}

fn has(findings: &[Finding], code: &str) -> bool {
    findings.iter().any(|f| f.code == code)
}

/// `connector-ls check ARGS --format json`: (exit code, parsed output).
fn cli(args: &[&str]) -> (i32, serde_json::Value) {
    let out = Command::new(connector_ls_bin())
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    let code = out.status.code().expect("exited, not killed by a signal");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, json)
}

fn cli_codes(json: &serde_json::Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn swagger_with(extra: &str) -> String {
    format!(
        "{{\"swagger\": \"2.0\", \"info\": {{\"title\": \"Adversarial\", \"version\": \"1.0\"}}, \
         \"host\": \"example.com\", \"paths\": {{}}{extra}}}"
    )
}

const SWAGGER: &str = "apiDefinition.swagger.json";

#[test]
fn nesting_100k_deep_is_reported_not_a_stack_overflow() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let dir = package(&[(
        SWAGGER,
        swagger_with(&format!(", \"x-deep\": {deep}")).as_bytes(),
    )]);
    let f = check(dir.path());
    assert!(has(&f, "JsonSyntaxError"), "{:?}", codes(&f));
    let unclosed = swagger_with(&format!(", \"x-deep\": {}", "{\"a\":".repeat(100_000)));
    let dir = package(&[(SWAGGER, unclosed.as_bytes())]);
    assert!(has(&check(dir.path()), "JsonSyntaxError"));
    let (code, json) = cli(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(cli_codes(&json).contains(&"JsonSyntaxError".to_string()));
}

#[test]
fn a_20_mb_swagger_is_checked() {
    // 20 MB of definitions (just under the default limit): parsed and checked in full.
    let one = "\"Def{}\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\", \"description\": \"a name\"}}},\n";
    let mut defs = String::with_capacity(21 << 20);
    let mut i = 0;
    while defs.len() < (20 << 20) - 4096 {
        defs.push_str(&one.replace("{}", &i.to_string()));
        i += 1;
    }
    defs.pop();
    defs.pop();
    let text = swagger_with(&format!(", \"definitions\": {{{defs}}}"));
    assert!(text.len() > 19 << 20 && text.len() as u64 <= DEFAULT_MAX_FILE_SIZE);
    let dir = package(&[(SWAGGER, text.as_bytes())]);
    let f = check(dir.path());
    assert!(!has(&f, "FileNotReadable"), "{:?}", codes(&f));
    assert!(!has(&f, "JsonSyntaxError"), "{:?}", codes(&f));
}

#[test]
fn files_over_the_size_limit_are_reported_not_parsed() {
    let big = swagger_with(&format!(", \"x-pad\": \"{}\"", "a".repeat(3 << 20)));
    let dir = package(&[(SWAGGER, big.as_bytes())]);
    // Engine: a 1 MB limit.
    let f = check_within(dir.path(), 1 << 20, Duration::from_secs(30));
    assert_eq!(codes(&f), ["FileNotReadable"], "{f:#?}");
    assert!(
        f[0].message.contains("over the 1.0 MB limit"),
        "{}",
        f[0].message
    );
    // CLI: the default (20 MB) parses it; `--max-file-size 2` does not, `0.5` neither.
    let path = dir.path().to_str().unwrap();
    let (_, json) = cli(&[path, "--select", "FileNotReadable"]);
    assert!(cli_codes(&json).is_empty(), "{json}");
    for limit in ["2", "0.5"] {
        let (code, json) = cli(&[path, "--max-file-size", limit]);
        assert_eq!(code, 1, "{json}");
        assert_eq!(cli_codes(&json), ["FileNotReadable"], "{json}");
    }
    let out = Command::new(connector_ls_bin())
        .args(["check", path, "--max-file-size", "lots"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_array_of_a_million_elements() {
    let items = vec!["0"; 1_000_000].join(",");
    let dir = package(&[(
        SWAGGER,
        swagger_with(&format!(", \"x-items\": [{items}]")).as_bytes(),
    )]);
    let f = check(dir.path());
    assert!(!has(&f, "JsonSyntaxError"), "{:?}", codes(&f));
    // A million wrong `schemes` entries: found in linear time (finding an item's index for its
    // pointer was a linear scan, which made this take minutes), and reported up to the cap of
    // findings per rule, with one more finding that counts the rest.
    let dir = package(&[(
        SWAGGER,
        swagger_with(&format!(", \"schemes\": [{items}]")).as_bytes(),
    )]);
    let f = check(dir.path());
    let bad: Vec<_> = f.iter().filter(|f| f.code == "SchemeNotValid").collect();
    assert_eq!(bad.len(), 1001);
    assert_eq!(bad[999].pointer, "/schemes/999");
    assert!(
        bad[1000]
            .message
            .starts_with("999000 more findings of SchemeNotValid are not shown"),
        "{}",
        bad[1000].message
    );
}

#[test]
fn a_5_mb_string() {
    let long = "é".repeat(5 << 19);
    let text = format!(
        "{{\"swagger\": \"2.0\", \"info\": {{\"title\": \"T\", \"version\": \"1\", \"description\": \"{long}\"}}, \"paths\": {{}}}}"
    );
    let dir = package(&[(SWAGGER, text.as_bytes())]);
    let f = check(dir.path());
    assert!(has(&f, "FieldLengthNotInRange"), "{:?}", codes(&f));
    // An unterminated 5 MB string: a syntax error.
    let cut = &text[..text.len() / 2 + 1];
    let dir = package(&[(SWAGGER, cut.as_bytes())]);
    assert!(has(&check(dir.path()), "JsonSyntaxError"));
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let mut bytes = swagger_with("").into_bytes();
    bytes.insert(20, 0xff);
    let dir = package(&[
        (SWAGGER, &bytes),
        ("apiProperties.json", b"{\"properties\": {\xc3\x28}}"),
    ]);
    let f = check(dir.path());
    assert_eq!(
        f.iter().filter(|f| f.code == "FileNotReadable").count(),
        2,
        "{f:#?}"
    );
    let (code, json) = cli(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(cli_codes(&json).contains(&"FileNotReadable".to_string()));
    // NUL outside strings is a syntax error; inside a string it is a raw control character,
    // which the platform's lenient reader accepts: a non-standard warning.
    for (text, code) in [
        (swagger_with(", \"x-a\": \u{0}1"), "JsonSyntaxError"),
        ("\u{0}".repeat(1000), "JsonSyntaxError"),
        (swagger_with(", \"x-a\": \"a\u{0}b\""), "JsonNonStandard"),
        (swagger_with(", \"x\u{0}\": 1"), "JsonNonStandard"),
    ] {
        let dir = package(&[(SWAGGER, text.as_bytes())]);
        let f = check(dir.path());
        assert!(has(&f, code), "{text:?}: {:?}", codes(&f));
    }
}

#[test]
fn lone_surrogates_big_numbers_and_duplicate_keys() {
    let text = swagger_with(
        r#", "x-lone": "\ud800", "x-low": "\udc00x", "x-pair": "\ud83d\ude00", "\ud800key": 1,
        "definitions": {"N": {"type": "string", "maxLength": 1e999, "minLength": -1e999, "default": 1e-999}},
        "x-dup": {"a": 1, "a": 2, "a": 3}"#,
    );
    let dir = package(&[(SWAGGER, text.as_bytes())]);
    let f = check(dir.path());
    assert_eq!(
        f.iter().filter(|f| f.code == "DuplicateKey").count(),
        2,
        "{f:#?}"
    );
    assert!(!has(&f, "JsonSyntaxError"), "{:?}", codes(&f));
    // The tree decodes a lone surrogate to U+FFFD and keeps the pair.
    let parse = connector_ls_core::json::parse(text.as_str());
    let root = parse.tree.root().unwrap();
    assert_eq!(root.get_str("x-lone"), Some("\u{fffd}"));
    assert_eq!(root.get_str("x-low"), Some("\u{fffd}x"));
    assert_eq!(root.get_str("x-pair"), Some("😀"));
    let n = root.path(&["definitions", "N", "maxLength"]).unwrap();
    assert_eq!(n.as_f64(), Some(f64::INFINITY));
    assert_eq!(n.as_i64(), None);
    let _ = root.to_value();
}

#[test]
fn pointers_with_tilde_and_slash_round_trip() {
    let text = swagger_with(
        r#", "x-a/b": {"c~d": {"~1": [{"/": {"~0~": "v"}}]}}, "definitions": {"A/B~C": {"type": "object"}}"#,
    );
    let parse = connector_ls_core::json::parse(text.as_str());
    let tree = &parse.tree;
    let mut count = 0;
    for id in 0..tree.node_count() as u32 {
        let node = tree.node(id);
        let pointer = node.pointer();
        assert_eq!(
            tree.resolve(&pointer).map(|n| n.id()),
            Some(node.id()),
            "{pointer}"
        );
        count += 1;
    }
    assert!(count > 10);
    let node = tree.resolve("/x-a~1b/c~0d/~01/0/~1/~00~0").unwrap();
    assert_eq!(node.as_str(), Some("v"));
    let dir = package(&[(SWAGGER, text.as_bytes())]);
    for f in check(dir.path()) {
        if !f.pointer.is_empty() {
            assert!(tree.resolve(&f.pointer).is_some(), "{f:?}");
        }
    }
}

#[test]
fn ref_cycles_and_long_chains() {
    let op = r##""/x": {"get": {"operationId": "X", "summary": "Get x", "description": "Gets x", "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/A"}}}}}"##;
    let text = format!(
        r##"{{"swagger": "2.0", "info": {{"title": "T", "version": "1"}}, "paths": {{{op}}},
        "definitions": {{"A": {{"$ref": "#/definitions/B"}}, "B": {{"$ref": "#/definitions/A"}},
          "S": {{"$ref": "#/definitions/S"}},
          "P": {{"type": "object", "properties": {{"self": {{"$ref": "#/definitions/P"}}}}}}}},
        "parameters": {{"Q": {{"$ref": "#/parameters/Q"}}}},
        "responses": {{"R1": {{"$ref": "#/responses/R2"}}, "R2": {{"$ref": "#/responses/R1"}}}}}}"##
    );
    let dir = package(&[(SWAGGER, text.as_bytes())]);
    let f = check(dir.path());
    for code in [
        "SchemaRefLoopNotAllowed",
        "ParameterRefLoopNotAllowed",
        "ResponseRefLoopNotAllowed",
    ] {
        assert!(has(&f, code), "{code}: {:?}", codes(&f));
    }
    // A chain 1,000 deep, and properties nesting 1,000 schemas through refs.
    let mut defs = Vec::new();
    for i in 0..1000 {
        defs.push(format!(
            r##""D{i}": {{"type": "object", "properties": {{"next": {{"$ref": "#/definitions/D{}"}}}}}}"##,
            i + 1
        ));
        defs.push(format!(
            r##""C{i}": {{"$ref": "#/definitions/C{}"}}"##,
            i + 1
        ));
    }
    defs.push(r#""D1000": {"type": "string"}, "C1000": {"type": "string"}"#.to_string());
    let text = format!(
        r##"{{"swagger": "2.0", "info": {{"title": "T", "version": "1"}}, "paths": {{{}}}, "definitions": {{{}}}}}"##,
        op.replace("/definitions/A", "/definitions/C0"),
        defs.join(",\n")
    );
    let dir = package(&[(SWAGGER, text.as_bytes())]);
    let f = check(dir.path());
    assert!(has(&f, "SchemaRefLoopNotAllowed"), "{:?}", codes(&f));
    assert!(!has(&f, "JsonSyntaxError"));
}

/// A FIFO outside the package: opening it for reading blocks, so any attempt to read it shows
/// up as a hang (caught by [`check_within`]'s time limit).
#[cfg(unix)]
fn fifo(dir: &Path) -> PathBuf {
    let path = dir.join("trap.json");
    let ok = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(ok.success());
    path
}

#[cfg(unix)]
#[test]
fn external_refs_are_reported_never_fetched_or_read() {
    let outside = tempfile::tempdir().unwrap();
    let trap = fifo(outside.path());
    let text = format!(
        r##"{{"swagger": "2.0", "info": {{"title": "T", "version": "1"}}, "paths": {{"/x": {{"get": {{
          "operationId": "X",
          "parameters": [{{"$ref": "{trap}#/parameters/P"}}],
          "responses": {{"200": {{"$ref": "https://example.invalid/r.json#/responses/R"}},
                         "201": {{"description": "ok", "schema": {{"$ref": "../../etc/passwd#/definitions/D"}}}},
                         "202": {{"description": "ok", "schema": {{"$ref": "file:///etc/shadow"}}}}}}}}}}}}}}"##,
        trap = trap.display()
    );
    let dir = package(&[(SWAGGER, text.as_bytes())]);
    let f = check_within(dir.path(), DEFAULT_MAX_FILE_SIZE, Duration::from_secs(20));
    for code in [
        "ParameterReferenceNotValid",
        "ResponseReferenceNotValid",
        "SchemaReferenceNotValid",
    ] {
        assert!(has(&f, code), "{code}: {:?}", codes(&f));
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_package_are_not_read() {
    let outside = tempfile::tempdir().unwrap();
    let trap = fifo(outside.path());
    let secret = outside.path().join("secret.json");
    std::fs::write(
        &secret,
        "{\"properties\": {\"iconBrandColor\": \"#123456\"}}",
    )
    .unwrap();
    let dir = package(&[("settings.json", b"{}")]);
    std::os::unix::fs::symlink(&trap, dir.path().join(SWAGGER)).unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("apiProperties.json")).unwrap();
    // A link to a file of the package itself is fine.
    std::os::unix::fs::symlink("settings.json", dir.path().join("readme.md")).unwrap();
    let f = check_within(dir.path(), DEFAULT_MAX_FILE_SIZE, Duration::from_secs(20));
    let unreadable: Vec<_> = f.iter().filter(|f| f.code == "FileNotReadable").collect();
    // Both links lead out of the package (one to a FIFO): both reported, neither opened.
    assert_eq!(unreadable.len(), 2, "{f:#?}");
    for (u, name) in unreadable
        .iter()
        .zip(["apiDefinition.swagger.json", "apiProperties.json"])
    {
        assert!(u.message.contains(name), "{u:?}");
        assert!(u.message.contains("symbolic link"), "{u:?}");
    }
    // The same with a regular file at the end of the link.
    let regular = std::fs::read_to_string(&secret).unwrap();
    std::fs::remove_file(&trap).unwrap();
    std::fs::write(&trap, &regular).unwrap();
    let f = check_within(dir.path(), DEFAULT_MAX_FILE_SIZE, Duration::from_secs(20));
    assert_eq!(
        f.iter().filter(|f| f.code == "FileNotReadable").count(),
        2,
        "{f:#?}"
    );
    let (code, json) = cli(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(cli_codes(&json).contains(&"FileNotReadable".to_string()));
}

#[test]
fn script_csx_is_never_executed() {
    // The marker would be created outside the package, in a folder removed after the test.
    let outside = tempfile::tempdir().unwrap();
    let marker = outside.path().join("csx-ran");
    let script = format!(
        "#!/bin/sh\ntouch '{}'\n// C#: public class Script : ScriptBase {{ }}\n",
        marker.display()
    );
    let api = r##"{"properties": {"scriptOperations": ["X"], "iconBrandColor": "#123456"}}"##;
    let dir = package(&[
        (SWAGGER, swagger_with("").as_bytes()),
        ("apiProperties.json", api.as_bytes()),
        ("script.csx", script.as_bytes()),
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let csx = dir.path().join("script.csx");
        std::fs::set_permissions(&csx, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let f = check(dir.path());
    assert!(!has(&f, "ScriptFileMissing"), "{:?}", codes(&f));
    let _ = cli(&[dir.path().to_str().unwrap()]);
    assert!(!marker.exists(), "script.csx was executed");
}

#[test]
fn names_with_spaces_and_non_ascii() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("Cönnectör wïth spaces 😀");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("my swägger.json"),
        swagger_with(", \"a\": 1, \"a\": 2"),
    )
    .unwrap();
    let file = dir.join("my swägger.json");
    let (_, json) = cli(&[file.to_str().unwrap()]);
    assert!(
        cli_codes(&json).contains(&"DuplicateKey".to_string()),
        "{json}"
    );
}
