//! Package text reaches a terminal or a CI log only escaped: a connector whose keys, values,
//! source lines and folder name carry ESC sequences (SGR colours, an OSC 52 clipboard write),
//! BEL, DEL, C1 controls and bidirectional controls is checked in every output format, and no
//! such character comes out as is (`tests/tests/terminal_escape.rs`; see SECURITY.md).

use std::path::Path;
use std::process::{Command, Output};

use connector_ls_tests::connector_ls_bin;

/// The folder of the hostile connector: an OSC 52 clipboard write and a colour in its name.
const FOLDER: &str = "evil\u{1b}]52;c;aGVsbG8=\u{7}\u{1b}[31mconn";

/// Line 7 holds raw ESC bytes before a duplicate key, so the caret must move with the escapes.
fn swagger() -> String {
    [
        "{",
        r#"  "swagger": "2.0","#,
        r#"  "info": {"title": "Evil", "description": "A connector.", "version": "1.0"},"#,
        r#"  "x-ms-\u001b[31mred": 1, "x-ms-\u001b[31mred": 2,"#,
        r#"  "x-ms-\u001b]52;c;aGVsbG8=\u0007osc": 3, "x-ms-\u001b]52;c;aGVsbG8=\u0007osc": 4,"#,
        "  \"x-ms-\u{202e}bidi\u{2066}\u{7f}\": 5, \"x-ms-\u{202e}bidi\u{2066}\u{7f}\": 6,",
        "  \"k\u{1b}[8m\u{7}\u{9b}\": 7, \"k\u{1b}[8m\u{7}\u{9b}\": 8,",
        r#"  "paths": {}"#,
        "}",
        "",
    ]
    .join("\n")
}

fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let pkg = dir.path().join(FOLDER);
    std::fs::create_dir(&pkg).unwrap();
    std::fs::write(pkg.join("apiDefinition.swagger.json"), swagger()).unwrap();
    dir
}

struct Run {
    stdout: String,
    stderr: String,
}

fn run(cwd: &Path, args: &[&str]) -> Run {
    let Output { stdout, stderr, .. } = Command::new(connector_ls_bin())
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_LOG")
        .env_remove("NO_COLOR")
        .output()
        .expect("connector-ls runs");
    Run {
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// The first character that must not reach a terminal, with its offset.
fn first_unsafe(s: &str, allow_newline: bool) -> Option<(usize, char)> {
    s.char_indices().find(|&(_, c)| {
        let code = c as u32;
        let c0 = code < 0x20 && c != '\t' && !(allow_newline && c == '\n');
        c0 || (0x7f..=0x9f).contains(&code)
            || matches!(code, 0x061c | 0x200e | 0x200f | 0x202a..=0x202e | 0x2066..=0x2069)
    })
}

fn assert_clean(what: &str, s: &str) {
    if let Some((i, c)) = first_unsafe(s, true) {
        let from = s[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
        panic!("{what}: raw {c:?} at byte {i}: {:?}", &s[from..]);
    }
}

/// The SGR sequences the text renderer itself writes; anything else after an ESC came from
/// the package.
const OWN_COLOURS: &[&str] = &["0", "1", "34", "1;31", "1;32", "1;33", "1;34", "1;36"];

fn strip_own_colours(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\u{1b}') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let own = after.strip_prefix('[').and_then(|a| {
            let end = a.find('m')?;
            OWN_COLOURS.contains(&&a[..end]).then(|| &a[end + 1..])
        });
        match own {
            Some(next) => rest = next,
            None => {
                // Kept, so that `assert_clean` reports it.
                out.push('\u{1b}');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text output saw every hostile key, escaped, and the caret of the duplicate key on the
/// raw-ESC line is under the escaped key.
fn assert_text_output(out: &str) {
    assert!(
        out.contains("evil\\u{1b}]52;c;aGVsbG8=\\u{7}\\u{1b}[31mconn/apiDefinition.swagger.json:"),
        "{out}"
    );
    assert!(out.contains("'x-ms-\\u{1b}[31mred'"), "{out}");
    assert!(
        out.contains("'x-ms-\\u{1b}]52;c;aGVsbG8=\\u{7}osc'"),
        "{out}"
    );
    assert!(out.contains("x-ms-\\u{202e}bidi\\u{2066}\\u{7f}"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.starts_with(" 7 | "))
        .unwrap_or_else(|| panic!("the raw-ESC line is shown:\n{out}"));
    let shown = &lines[source][" 7 | ".len()..];
    assert_eq!(
        shown,
        "  \"k\\u{1b}[8m\\u{7}\\u{9b}\": 7, \"k\\u{1b}[8m\\u{7}\\u{9b}\": 8,"
    );
    let caret_line = lines[source + 1]
        .strip_prefix("   | ")
        .unwrap_or_else(|| panic!("a caret line follows:\n{out}"));
    let from = caret_line.find('^').expect("a caret");
    let len = caret_line[from..].chars().take_while(|&c| c == '^').count();
    let under: String = shown.chars().skip(from).take(len).collect();
    assert_eq!(
        under, "\"k\\u{1b}[8m\\u{7}\\u{9b}\"",
        "{}\n{}",
        shown, caret_line
    );
}

#[test]
fn text_output_without_colour_escapes_package_text_and_keeps_the_caret_in_place() {
    let ws = hostile();
    let r = run(ws.path(), &["check", FOLDER, "--color", "never"]);
    assert_clean("stdout", &r.stdout);
    assert_clean("stderr", &r.stderr);
    assert_text_output(&r.stdout);
}

#[test]
fn text_output_in_colour_has_only_its_own_colour_codes() {
    let ws = hostile();
    let r = run(ws.path(), &["check", FOLDER, "--color", "always"]);
    assert!(r.stdout.contains("\u{1b}[1;31m") || r.stdout.contains("\u{1b}[1;33m"));
    let plain = strip_own_colours(&r.stdout);
    assert_clean("stdout", &plain);
    assert_clean("stderr", &r.stderr);
    assert_text_output(&plain);
}

#[test]
fn github_annotations_escape_package_text() {
    let ws = hostile();
    let r = run(ws.path(), &["check", FOLDER, "--format", "github"]);
    assert_clean("stdout", &r.stdout);
    assert_clean("stderr", &r.stderr);
    // One workflow command per line: a forged line break would start a command of its own.
    assert!(
        r.stdout.lines().all(|l| l.starts_with("::")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("x-ms-\\u{1b}]52;c;aGVsbG8=\\u{7}osc"),
        "{}",
        r.stdout
    );
}

#[test]
fn json_and_sarif_spell_controls_as_escapes_and_keep_the_values() {
    let ws = hostile();
    for format in ["json", "sarif"] {
        let r = run(ws.path(), &["check", FOLDER, "--format", format]);
        assert_clean(format, &r.stdout);
        assert_clean("stderr", &r.stderr);
        let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
        // The values themselves are the package's: a reader of the JSON gets the real key.
        let text = doc.to_string();
        assert!(
            text.contains("x-ms-\u{202e}bidi\u{2066}\u{7f}"),
            "{format}: {text}"
        );
        assert!(r.stdout.contains("\\u202e"), "{format}");
    }
}

#[test]
fn unreadable_paths_on_stderr_are_escaped() {
    let ws = hostile();
    let missing = "gone\u{1b}]52;c;aGk=\u{7}\u{202e}";
    let r = run(ws.path(), &["check", missing]);
    assert_clean("stderr", &r.stderr);
    assert!(
        r.stderr.contains("gone\\u{1b}]52;c;aGk=\\u{7}\\u{202e}"),
        "{}",
        r.stderr
    );
    let r = run(ws.path(), &["diff", missing, FOLDER]);
    assert_clean("stderr", &r.stderr);
    assert!(r.stderr.contains("gone\\u{1b}"), "{}", r.stderr);
}
