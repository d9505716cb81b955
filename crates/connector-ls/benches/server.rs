//! The language server end to end, over the real binary's stdio: on Encodian (1.1 MB), one
//! keystroke inside a description to its pulled diagnostics, and completion and hover asked
//! while keystrokes arrive (each request sent right after an edit, so it meets the check of
//! that edit in progress). Beside criterion's estimates it prints the p50/p95/p99 of each.
//!
//! The connector comes from `../shared/corpus` beside the repository; without it the bench
//! prints a message and measures nothing.
//!
//! `cargo bench -p connector-ls --bench server`

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
}

impl Server {
    fn start() -> Self {
        // `BENCH_SERVER_LOG=FILE` keeps the server's log (with `RUST_LOG=connector_ls_lsp=debug`,
        // each request's time on the server's side) to see where the time goes.
        let stderr = match std::env::var_os("BENCH_SERVER_LOG") {
            Some(path) => Stdio::from(std::fs::File::create(path).expect("log file")),
            None => Stdio::null(),
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_connector-ls"))
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Self {
            child,
            stdin,
            stdout,
            next_id: 1,
        }
    }

    fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).expect("serialisable");
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write");
        self.stdin.write_all(&body).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).expect("read") > 0,
                "server exited"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).expect("read");
        serde_json::from_slice(&body).expect("JSON")
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its answer, answering the server's own requests.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.read();
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
            if let (Some(server_id), Some(m)) = (msg.get("id"), msg.get("method")) {
                let result = match m.as_str() {
                    Some("workspace/configuration") => json!([null]),
                    _ => Value::Null,
                };
                let answer = json!({"jsonrpc": "2.0", "id": server_id, "result": result});
                self.send(&answer);
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One typing session on a document: each step types (or deletes) a character inside one
/// string, with increasing versions.
struct Typing {
    uri: String,
    line: u32,
    character: u32,
    version: i64,
}

impl Typing {
    fn edit(&mut self, server: &mut Server) {
        self.version += 1;
        let (end, text) = if self.version % 2 == 1 {
            (self.character, "x")
        } else {
            (self.character + 1, "")
        };
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": self.uri, "version": self.version},
                   "contentChanges": [{"range": {
                       "start": {"line": self.line, "character": self.character},
                       "end": {"line": self.line, "character": end}}, "text": text}]}),
        );
    }
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The line and column (UTF-16, ASCII text) just inside the description two thirds in.
fn description_position(text: &str) -> (u32, u32) {
    let anchor = "\"description\": \"";
    let target = text.len() * 2 / 3;
    let at = text
        .match_indices(anchor)
        .map(|(i, _)| i + anchor.len())
        .min_by_key(|&i| i.abs_diff(target))
        .expect("a description");
    let line = text[..at].matches('\n').count() as u32;
    let column = (at - text[..at].rfind('\n').map_or(0, |i| i + 1)) as u32;
    (line, column)
}

/// The line and column (UTF-16, ASCII text) of byte offset `at`.
fn line_column(text: &str, at: usize) -> (u32, u32) {
    let line = text[..at].matches('\n').count() as u32;
    let column = (at - text[..at].rfind('\n').map_or(0, |i| i + 1)) as u32;
    (line, column)
}

/// Just after the `{` of the first parameter object (where keys complete), and inside that
/// parameter's first key (where hover explains it).
fn parameter_positions(text: &str) -> ((u32, u32), (u32, u32)) {
    let at = text.find("\"parameters\": [").expect("parameters") + "\"parameters\": [".len();
    let brace = at + text[at..].find('{').expect("a parameter") + 1;
    let key = brace + text[brace..].find('"').expect("a key") + 2;
    (line_column(text, brace), line_column(text, key))
}

fn percentiles(name: &str, mut samples: Vec<Duration>) {
    if samples.is_empty() {
        return;
    }
    samples.sort();
    let at =
        |q: f64| samples[((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    eprintln!(
        "{name}: n {}, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms",
        samples.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(0.99))
    );
}

fn server(c: &mut Criterion) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/certified-connectors/Encodian/apiDefinition.swagger.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipping: {} not found (the corpus is not part of the repository)",
            path.display()
        );
        return;
    };
    let path = path.canonicalize().expect("a real path");
    let text = text.trim_start_matches('\u{feff}').to_string();
    let uri = file_uri(&path);
    let mut server = Server::start();
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(path.parent().expect("a folder")),
               "capabilities": {"textDocument": {"diagnostic": {}}},
               "initializationOptions": {"debounceMs": 0}}),
    );
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 0, "text": text}}),
    );
    let pull = json!({"textDocument": {"uri": uri}});
    server.request("textDocument/diagnostic", pull.clone());

    let (line, character) = description_position(&text);
    let mut typing = Typing {
        uri: uri.clone(),
        line,
        character,
        version: 0,
    };
    let ((cline, ccol), (hline, hcol)) = parameter_positions(&text);
    let completion =
        json!({"textDocument": {"uri": uri}, "position": {"line": cline, "character": ccol}});
    let hover =
        json!({"textDocument": {"uri": uri}, "position": {"line": hline, "character": hcol}});
    // The requests measured answer something (else the bench would time an empty answer).
    let first = server.request("textDocument/completion", completion.clone());
    assert!(
        !first["result"].is_null(),
        "no completion at {completion}: {first}"
    );
    let first = server.request("textDocument/hover", hover.clone());
    assert!(!first["result"].is_null(), "no hover at {hover}: {first}");

    let mut group = c.benchmark_group("server/Encodian");
    group.sample_size(30);
    let mut samples = Vec::new();
    group.bench_function("keystroke to pulled diagnostics", |b| {
        b.iter(|| {
            let start = Instant::now();
            typing.edit(&mut server);
            let answer = server.request("textDocument/diagnostic", pull.clone());
            samples.push(start.elapsed());
            answer
        })
    });
    percentiles(
        "keystroke to pulled diagnostics",
        std::mem::take(&mut samples),
    );
    group.bench_function("completion while typing", |b| {
        b.iter(|| {
            typing.edit(&mut server);
            let start = Instant::now();
            let answer = server.request("textDocument/completion", completion.clone());
            samples.push(start.elapsed());
            answer
        })
    });
    percentiles("completion while typing", std::mem::take(&mut samples));
    group.bench_function("hover while typing", |b| {
        b.iter(|| {
            typing.edit(&mut server);
            let start = Instant::now();
            let answer = server.request("textDocument/hover", hover.clone());
            samples.push(start.elapsed());
            answer
        })
    });
    percentiles("hover while typing", std::mem::take(&mut samples));
    group.finish();
}

criterion_group!(benches, server);
criterion_main!(benches);
