//! A small LSP client over the real server's stdio, for end-to-end tests.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long a test waits for any single message before failing.
pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct LspClient {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    pub backlog: Vec<Value>,
    /// Answer for `workspace/configuration` requests.
    pub configuration: Value,
    /// Whether requests from the server are answered (off: they go to `backlog`, unanswered).
    pub answer_server_requests: bool,
    /// The requests from the server answered so far (by `wait`).
    pub server_requests: Vec<Value>,
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut buf = vec![0; length?];
    reader.read_exact(&mut buf).ok()?;
    serde_json::from_slice(&buf).ok()
}

impl LspClient {
    /// Starts `connector-ls serve`.
    pub fn start() -> Self {
        let mut child = Command::new(crate::connector_ls_bin())
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("server starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(msg) = read_frame(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Self {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
            backlog: Vec::new(),
            configuration: Value::Null,
            answer_server_requests: true,
            server_requests: Vec::new(),
        }
    }

    /// The server's process id (for resource measurements).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Writes raw bytes to the server (for malformed-frame tests).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.send_raw(&frame);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id without waiting.
    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its response (`result` or `error` object).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.wait_response(id)
    }

    /// `textDocument/diagnostic` of `uri`, with the result id of the report the client holds
    /// when given; the whole response.
    pub fn pull(&mut self, uri: &str, previous: Option<&str>) -> Value {
        let mut params = json!({"textDocument": {"uri": uri}});
        if let Some(id) = previous {
            params["previousResultId"] = json!(id);
        }
        self.request("textDocument/diagnostic", params)
    }

    pub fn wait_response(&mut self, id: i64) -> Value {
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Waits for a message matching `pred`, answering server requests and keeping other
    /// notifications in `backlog`.
    pub fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(msg) => {
                    if pred(&msg) {
                        return msg;
                    }
                    if self.answer_server_requests
                        && msg.get("id").is_some()
                        && msg.get("method").is_some()
                    {
                        self.answer_server_request(&msg);
                    } else {
                        self.backlog.push(msg);
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!("timed out; backlog: {:#?}", self.backlog),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("server closed its output; backlog: {:#?}", self.backlog)
                }
            }
        }
    }

    fn answer_server_request(&mut self, msg: &Value) {
        let result = match msg["method"].as_str() {
            Some("workspace/configuration") => json!([self.configuration.clone()]),
            _ => Value::Null,
        };
        let id = msg["id"].clone();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
        self.server_requests.push(msg.clone());
    }

    /// `initialize` + `initialized` with the given client capabilities and options.
    pub fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let resp = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities, "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        resp
    }

    pub fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": version, "text": text}}),
        );
    }

    /// Waits for the diagnostics of `uri` at `version`; fails if an older version's arrive after
    /// a newer one was sent.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let msg = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        msg["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Closes stdin and waits for the exit status.
    pub fn finish(mut self) -> Option<i32> {
        self.stdin.take();
        self.wait_exit()
    }

    /// Waits for the exit status with stdin left open (`None`: still running after `TIMEOUT`).
    pub fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }

    pub fn exit_code_after(mut self, msgs: &[&str]) -> Option<i32> {
        for m in msgs {
            match *m {
                "shutdown" => {
                    self.request("shutdown", Value::Null);
                }
                other => self.notify(other, Value::Null),
            }
        }
        self.finish()
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A `file://` URI for a path (percent-encodes spaces and non-ASCII bytes).
/// Whether the `initialize` answer `init` lists `command` among the server's commands.
pub fn offers_command(init: &Value, command: &str) -> bool {
    init["result"]["capabilities"]["executeCommandProvider"]["commands"]
        .as_array()
        .is_some_and(|commands| commands.contains(&json!(command)))
}

pub fn file_uri(path: &std::path::Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
