//! The layering that Cargo cannot see: `connector-ls-core` is the engine without input/output.
//! It must not depend, even indirectly, on an async runtime, the LSP, command-line parsing or a
//! text rope, and its code must not touch the file system, processes, the network, the
//! environment or the terminal. The edges (`crates/connector-ls`) do that.
//!
//! Plain tests over `Cargo.lock` and the crate's sources: they fail with the offending
//! dependency chain or file and line.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

const CORE: &str = "connector-ls-core";

/// Crates the engine must never reach (a name, or a prefix ending in `*`).
const FORBIDDEN_CRATES: &[&str] = &[
    "tokio*",
    "tower*",
    "ls-types",
    "lsp-types",
    "dashmap",
    "ropey",
    "clap*",
    "tracing-subscriber",
    "hyper*",
    "mio",
    "reqwest",
    "socket2",
    "notify",
    "walkdir",
    "ignore",
];

/// What the engine's code must not name: (pattern, why). Matched on code with comments and
/// string literals removed, at a word boundary.
const FORBIDDEN_APIS: &[(&str, &str)] = &[
    ("std::fs", "the file system (use package::FileSource)"),
    ("fs::", "the file system (use package::FileSource)"),
    ("File::", "the file system (use package::FileSource)"),
    ("OpenOptions", "the file system (use package::FileSource)"),
    (
        "std::process",
        "processes (git and the like belong to the edges)",
    ),
    (
        "Command::new",
        "processes (git and the like belong to the edges)",
    ),
    ("std::net", "the network"),
    (
        "std::env",
        "the environment (the edges pass what matters in)",
    ),
    ("stdin()", "the terminal"),
    ("stdout()", "the terminal"),
    ("stderr()", "the terminal (log with tracing)"),
    ("print!", "the terminal"),
    ("println!", "the terminal"),
    ("eprint!", "the terminal (log with tracing)"),
    ("eprintln!", "the terminal (log with tracing)"),
    ("tokio", "the async runtime"),
    ("tower_lsp_server", "the LSP"),
    ("ls_types", "the LSP"),
    ("ropey", "the editor's text rope"),
    ("dashmap", "the language server's state"),
    ("clap", "command-line parsing"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `Cargo.lock`'s packages: name → the names of its dependencies (all versions merged, which
/// can only over-approximate what the engine reaches).
fn lock_graph(lock: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        let mut name = None;
        let mut deps = BTreeSet::new();
        let mut in_deps = false;
        for line in block.lines() {
            let line = line.trim();
            if let Some(v) = line.strip_prefix("name = ") {
                name = Some(v.trim_matches('"').to_string());
            } else if line.starts_with("dependencies = [") {
                in_deps = !line.ends_with(']');
                for d in line.trim_start_matches("dependencies = [").split(',') {
                    let d = d.trim().trim_end_matches(']').trim_matches('"');
                    if let Some(n) = d.split_whitespace().next() {
                        deps.insert(n.to_string());
                    }
                }
            } else if in_deps {
                if line.starts_with(']') {
                    in_deps = false;
                } else if let Some(n) = line
                    .trim_matches(|c| c == '"' || c == ',')
                    .split_whitespace()
                    .next()
                {
                    deps.insert(n.to_string());
                }
            }
        }
        if let Some(name) = name {
            graph.entry(name).or_default().extend(deps);
        }
    }
    graph
}

fn forbidden_crate(name: &str) -> bool {
    FORBIDDEN_CRATES.iter().any(|f| match f.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == *f,
    })
}

/// The chains `from → … → forbidden crate` (shortest, one per forbidden crate).
fn forbidden_chains(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Vec<String> {
    let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    let mut chains = Vec::new();
    while let Some(name) = queue.pop_front() {
        if name != from && forbidden_crate(name) {
            let mut chain = vec![name];
            let mut at = name;
            while let Some(p) = parent.get(at) {
                chain.push(p);
                at = p;
            }
            chain.reverse();
            chains.push(chain.join(" → "));
            continue;
        }
        for dep in graph.get(name).into_iter().flatten() {
            if dep != from && !parent.contains_key(dep.as_str()) {
                parent.insert(dep, name);
                queue.push_back(dep);
            }
        }
    }
    chains
}

/// `source` with comments, string and char literals blanked (newlines kept, so line numbers
/// stay), good enough for Rust code that compiles.
fn code_only(source: &str) -> String {
    let b = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |out: &mut String, s: &str| {
        for c in s.chars() {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
    };
    while i < b.len() {
        let rest = &source[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(rest.len(), |e| e + 2);
            blank(&mut out, &rest[..end]);
            i += end;
        } else if let Some(len) = raw_string_len(rest) {
            blank(&mut out, &rest[..len]);
            i += len;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(b.len());
            blank(&mut out, &source[i..end]);
            i = end;
        } else if b[i] == b'\''
            && rest.len() > 2
            && (rest.as_bytes()[2] == b'\'' || rest.as_bytes()[1] == b'\\')
        {
            // A char literal ('x' or '\n'), not a lifetime.
            let end = rest[1..].find('\'').map_or(rest.len(), |e| e + 2);
            blank(&mut out, &rest[..end]);
            i += end;
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The length of a raw string literal (`r"…"`, `r#"…"#`, `br"…"`) starting `s`.
fn raw_string_len(s: &str) -> Option<usize> {
    let after_b = s.strip_prefix('b').unwrap_or(s);
    let body = after_b.strip_prefix('r')?;
    let hashes = body.len() - body.trim_start_matches('#').len();
    let open = body[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    let end = open.find(&close)? + close.len();
    Some(s.len() - open.len() + end)
}

/// `(line, pattern, why)` for each forbidden API named in `source`.
fn forbidden_apis(source: &str) -> Vec<(usize, &'static str, &'static str)> {
    let code = code_only(source);
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        for &(pattern, why) in FORBIDDEN_APIS {
            let mut from = 0;
            while let Some(at) = line[from..].find(pattern) {
                let at = from + at;
                let before = line[..at].chars().next_back();
                let word_start = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
                if word_start {
                    found.push((n + 1, pattern, why));
                    break;
                }
                from = at + pattern.len();
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .expect("source folder readable")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_crate_reaches_no_runtime_lsp_cli_or_rope_crate() {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    let graph = lock_graph(&lock);
    assert!(graph.contains_key(CORE), "{CORE} is in Cargo.lock");
    let chains = forbidden_chains(&graph, CORE);
    assert!(
        chains.is_empty(),
        "{CORE} depends on crates that belong to the edges:\n  {}",
        chains.join("\n  ")
    );
    // The edges do reach them: the check sees what it is meant to see.
    assert!(
        !forbidden_chains(&graph, "connector-ls").is_empty(),
        "the binary crate reaches tokio and the LSP through Cargo.lock"
    );
}

#[test]
fn the_core_crate_touches_no_file_process_network_or_terminal() {
    let mut files = Vec::new();
    rust_files(&root().join("crates/connector-ls-core/src"), &mut files);
    assert!(files.len() > 50, "the core's sources are found");
    let mut problems = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("readable");
        for (line, pattern, why) in forbidden_apis(&source) {
            problems.push(format!(
                "{}:{line}: `{pattern}`: {why}",
                file.strip_prefix(root()).unwrap_or(file).display()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the engine must not touch the world:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn the_scanner_sees_code_and_ignores_comments_and_strings() {
    let source = r##"
use std::fs;
// std::process is only mentioned
let s = "std::net in a string";
let r = r#"println! in a raw string"#;
let c = '"'; let p = std::process::Command::new("git");
fn refs() { refs::x(); }
"##;
    let found: Vec<(usize, &str)> = forbidden_apis(source)
        .into_iter()
        .map(|(line, pattern, _)| (line, pattern))
        .collect();
    assert_eq!(
        found,
        vec![(2, "std::fs"), (6, "std::process"), (6, "Command::new")]
    );
}

#[test]
fn the_lock_parser_follows_chains() {
    let lock = r#"
[[package]]
name = "a"
dependencies = [
 "b",
 "c 1.0.0",
]

[[package]]
name = "b"
dependencies = ["tokio-util"]

[[package]]
name = "c"
"#;
    let graph = lock_graph(lock);
    assert_eq!(forbidden_chains(&graph, "a"), vec!["a → b → tokio-util"]);
    assert!(forbidden_chains(&graph, "c").is_empty());
}
