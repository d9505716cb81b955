//! A guard in front of the JSON-RPC transport: malformed frames are dropped (and logged) here.
//!
//! tower-lsp-server answers a malformed frame with a parse error, but its framed reader
//! (tokio-util) ends the input stream after any decode error: the server then neither reads nor
//! exits, waiting forever on requests it sent the client. The spec asks a server to survive bad
//! input, so only messages the transport can decode reach it.
//!
//! **Still needed** (issue 16, re-checked 2026-12-03): tower-lsp-server 0.23.0 (the version in
//! `Cargo.lock`) still reads through `FramedRead` with its `LanguageServerCodec`, and
//! tokio-util 0.7.20's `FramedRead` still returns `None` for good after a decoder error
//! (`framed_impl.rs`, the `has_errored` state, tokio-rs/tokio#3976), which ends
//! `Server::serve`'s read loop. The alternative of owning the read loop, as ruff does with
//! `lsp-server`, does not remove the rules either: `lsp-server`'s stdio reader thread loops
//! `while let Ok(msg) = Message::read(..)`, so it too stops at the first body that does not
//! decode as a message, and a server on it carries the same filter. What this filter costs: on the Encodian
//! session measured with callgrind (open, 20 keystrokes, their pulls), 21 M of 1,082 M
//! instructions, nearly all of it the one full decode of the `didOpen` to keep its text; the
//! other messages are validated without building values.
//!
//! What is kept depends only on the bytes, never on how they arrive (read boundaries):
//! - a header block is taken only once its blank line (`\r\n\r\n`) is there; a block that lacks
//!   a valid `Content-Length` is dropped, and so is input with no blank line within
//!   [`MAX_HEADER`] bytes;
//! - after either, input is skipped from the block's second byte up to the next `Content-Length`
//!   (any case), searched across reads, so a header split over two reads is still found;
//! - a body that does not decode as a JSON-RPC request, notification or response is dropped whole.
//!
//! Every body is read once here, so this pass is on the path of every message: bodies are
//! validated without building their values ([`Shape`]) and passed on straight from the input
//! buffer. A `didOpen` is the one message decoded in full, to take its text out ([`OpenTexts`]).

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Id, Response};
use tower_lsp_server::ls_types::{DidOpenTextDocumentParams, Uri};

/// Largest header block accepted (blank line included) before the input is treated as garbage.
const MAX_HEADER: usize = 8 * 1024;

/// What resynchronisation looks for, compared ASCII-case-insensitively.
const HEADER_NAME: &[u8] = b"content-length";

/// Copies well-formed frames from `input` to `output` until `input` ends or an `exit`
/// notification has been passed on.
///
/// Stopping at `exit` matters: the transport stops reading there too, but then waits for every
/// handler still running, and one waiting on the client (`workspace/configuration` that the
/// client will not answer any more) would keep the process alive; the server ends its session
/// shortly after this returns.
pub async fn filter(
    mut input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
    texts: &OpenTexts,
) {
    let mut framer = Framer::default();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        while let Some(step) = framer.next_frame() {
            let (body, exit) = match step {
                Step::Dropped => continue,
                Step::Message { body, exit } => (Cow::Borrowed(body), exit),
                Step::Open(params) => (Cow::Owned(texts.keep(*params)), false),
            };
            let head = format!("Content-Length: {}\r\n\r\n", body.len());
            if output.write_all(head.as_bytes()).await.is_err()
                || output.write_all(&body).await.is_err()
                || output.flush().await.is_err()
            {
                return;
            }
            if exit {
                tracing::debug!("exit passed on; no more input is read");
                return;
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => framer.push(&chunk[..n]),
        }
    }
}

/// What [`Framer::next_frame`] took off the input.
#[derive(Debug, PartialEq, Eq)]
enum Step<'a> {
    /// Something malformed was dropped.
    Dropped,
    /// A well-formed message (borrowed from the input buffer until the next push), and whether
    /// it is the `exit` notification.
    Message { body: &'a [u8], exit: bool },
    /// A `didOpen` notification, decoded.
    Open(Box<DidOpenTextDocumentParams>),
}

/// The texts of `didOpen` notifications, taken out on the way in for the handler to take back.
///
/// The transport decodes each message twice (into a buffer of its own, to tell a request from a
/// response, then into a `Value`), after this filter has read it and copied it through a pipe:
/// for a megabyte document, several copies and parses before `didOpen` even runs. Decoded once
/// here instead, the notification goes on with an empty text, and its text waits here.
#[derive(Default)]
pub struct OpenTexts {
    /// By document and version, oldest first (a client that opens the same version twice gets
    /// each text back in order).
    texts: Mutex<HashMap<(String, i32), VecDeque<String>>>,
}

impl OpenTexts {
    /// Keeps the text of `params` and returns the notification to pass on without it.
    fn keep(&self, mut params: DidOpenTextDocumentParams) -> Vec<u8> {
        let doc = &mut params.text_document;
        let text = std::mem::take(&mut doc.text);
        self.texts
            .lock()
            .expect("open texts lock")
            .entry((doc.uri.as_str().to_string(), doc.version))
            .or_default()
            .push_back(text);
        let message = serde_json::json!({
            "jsonrpc": "2.0",
            "method": OPEN,
            "params": params,
        });
        serde_json::to_vec(&message).expect("a decoded notification encodes")
    }

    /// The text kept for the `didOpen` of `uri` at `version`, if this filter took it out.
    pub fn take(&self, uri: &Uri, version: i32) -> Option<String> {
        let mut texts = self.texts.lock().expect("open texts lock");
        let key = (uri.as_str().to_string(), version);
        let queue = texts.get_mut(&key)?;
        let text = queue.pop_front();
        if queue.is_empty() {
            texts.remove(&key);
        }
        text
    }
}

const OPEN: &str = "textDocument/didOpen";

/// Splits a byte stream into frames; feed it with [`Framer::push`], drain it with
/// [`Framer::next_frame`] until that returns `None`.
struct Framer {
    /// Input; `buf[pos..]` is not yet consumed (compacted on the next push, so taking many
    /// small frames off one read does not move the rest each time).
    buf: Vec<u8>,
    pos: usize,
    /// Set after something malformed: input is being skipped up to the next `Content-Length`.
    resync: bool,
    max_header: usize,
}

impl Default for Framer {
    fn default() -> Self {
        Self::new(MAX_HEADER)
    }
}

impl Framer {
    fn new(max_header: usize) -> Self {
        Self {
            buf: Vec::new(),
            pos: 0,
            resync: false,
            max_header,
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        self.buf.drain(..self.pos);
        self.pos = 0;
        self.buf.extend_from_slice(bytes);
    }

    /// Takes the next frame off the input: `None` when more input is needed.
    fn next_frame(&mut self) -> Option<Step<'_>> {
        if self.resync {
            let rest = &self.buf[self.pos..];
            match find_header_name(rest) {
                Some(at) => {
                    self.pos += at;
                    self.resync = false;
                }
                None => {
                    // Keep a tail that may be the start of a name split across reads.
                    self.pos += rest.len().saturating_sub(HEADER_NAME.len() - 1);
                    return None;
                }
            }
        }
        let rest = &self.buf[self.pos..];
        // Only the first `max_header` bytes decide, so the outcome does not depend on how much
        // input happens to be buffered.
        let Some(end) = find(&rest[..rest.len().min(self.max_header)], b"\r\n\r\n") else {
            if rest.len() < self.max_header {
                return None;
            }
            tracing::warn!(
                "dropping input without a frame header within {} bytes",
                self.max_header
            );
            self.pos += 1;
            self.resync = true;
            return Some(Step::Dropped);
        };
        let start = end + 4;
        let Some(length) = content_length(&rest[..end]) else {
            // Resynchronise from inside the block: junk glued to the front of a good header
            // (a body sent without one) leaves that header in this block.
            tracing::warn!("dropping a frame without a valid Content-Length");
            self.pos += 1;
            self.resync = true;
            return Some(Step::Dropped);
        };
        if rest.len() - start < length {
            return None;
        }
        let at = self.pos + start;
        self.pos = at + length;
        let body = &self.buf[at..at + length];
        if let Some(params) = open_params(body) {
            return Some(Step::Open(Box::new(params)));
        }
        match inspect(body) {
            Some(exit) => Some(Step::Message { body, exit }),
            None => {
                tracing::warn!(
                    bytes = length,
                    "dropping a frame that is not a JSON-RPC message"
                );
                Some(Step::Dropped)
            }
        }
    }
}

/// The value of the first well-formed `Content-Length` line of a header block.
fn content_length(head: &[u8]) -> Option<usize> {
    let head = std::str::from_utf8(head).ok()?;
    head.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    })
}

/// Whether the transport can decode `body` (`None` when not; it reads each frame as a request
/// (or notification) or a response, and stops reading for good on the first one it cannot
/// decode), and whether it is `exit` (like the transport, with or without an id).
fn inspect(body: &[u8]) -> Option<bool> {
    let text = std::str::from_utf8(body).ok()?;
    if let Ok(request) = serde_json::from_str::<Shape>(text) {
        return Some(request.method == "exit");
    }
    serde_json::from_str::<Response>(text).ok().map(|_| false)
}

/// The parameters of a `didOpen` notification; `None` for anything else, and for a `didOpen` that
/// the handler could not have read either (it then takes the ordinary way, and is dropped or
/// passed on as it is).
fn open_params(body: &[u8]) -> Option<DidOpenTextDocumentParams> {
    // Clients write the method before the parameters; one that does not just takes the ordinary
    // way, so this only has to be cheap, not complete.
    let head = &body[..body.len().min(512)];
    memchr::memmem::find(head, OPEN.as_bytes())?;
    #[derive(serde::Deserialize)]
    struct Open<'a> {
        #[allow(dead_code)]
        jsonrpc: Version,
        #[serde(borrow)]
        method: Cow<'a, str>,
        params: DidOpenTextDocumentParams,
        #[serde(default, deserialize_with = "deserialize_some")]
        id: Option<Id>,
    }
    let open: Open = serde_json::from_slice(body).ok()?;
    (open.method == OPEN && open.id.is_none()).then_some(open.params)
}

/// What decodes as the transport's `Request`: the same fields with the same serde attributes,
/// but `params` is only validated ([`Valid`]) instead of built into a `Value`. Building it was
/// the dearest step of passing on a large `didOpen`: its text copied once more, and a `Value`
/// allocated for every member.
#[derive(serde::Deserialize)]
struct Shape<'a> {
    #[allow(dead_code)] // Checked while decoding, like the transport's `Version`.
    jsonrpc: Version,
    #[serde(default, borrow)]
    method: Cow<'a, str>,
    #[allow(dead_code)]
    #[serde(default, deserialize_with = "deserialize_some")]
    params: Option<Valid>,
    #[allow(dead_code)]
    #[serde(default, deserialize_with = "deserialize_some")]
    id: Option<Id>,
}

/// As in the transport: a present `null` is `Some`, so `"id": null` is a request with a null id.
fn deserialize_some<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

/// `"2.0"`, as the transport's `Version` accepts it.
struct Version;

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let version = Cow::<'de, str>::deserialize(deserializer)?;
        if version == "2.0" {
            Ok(Self)
        } else {
            Err(de::Error::custom("expected JSON-RPC version \"2.0\""))
        }
    }
}

/// Any JSON value that decodes as a `serde_json::Value`, kept as nothing. It goes through the
/// same `deserialize_any` as `Value` (nesting limit, number range, string escapes), where
/// `IgnoredAny` would skip values with laxer checks than the transport's.
struct Valid;

impl<'de> Deserialize<'de> for Valid {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValidVisitor)
    }
}

struct ValidVisitor;

impl<'de> Visitor<'de> for ValidVisitor {
    type Value = Valid;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Valid, E> {
        Ok(Valid)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Valid, E> {
        Ok(Valid)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Valid, E> {
        Ok(Valid)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Valid, E> {
        Ok(Valid)
    }
    fn visit_str<E>(self, _: &str) -> Result<Valid, E> {
        Ok(Valid)
    }
    fn visit_unit<E>(self) -> Result<Valid, E> {
        Ok(Valid)
    }
    fn visit_none<E>(self) -> Result<Valid, E> {
        Ok(Valid)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Valid, D::Error> {
        Valid::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Valid, A::Error> {
        while seq.next_element::<Valid>()?.is_some() {}
        Ok(Valid)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Valid, A::Error> {
        // Keys are read as `Value` reads them (a string, escapes checked), but not kept.
        while map.next_key::<Valid>()?.is_some() {
            map.next_value::<Valid>()?;
        }
        Ok(Valid)
    }
}

fn find_header_name(hay: &[u8]) -> Option<usize> {
    hay.windows(HEADER_NAME.len())
        .position(|w| w.eq_ignore_ascii_case(HEADER_NAME))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `input` in the given pieces and collects the bodies let through.
    /// Small, so that garbage longer than a header block keeps the exhaustive tests quick.
    const TEST_MAX_HEADER: usize = 200;

    fn frames_split(pieces: &[&[u8]]) -> Vec<String> {
        let mut framer = Framer::new(TEST_MAX_HEADER);
        let mut out = Vec::new();
        for piece in pieces {
            framer.push(piece);
            while let Some(step) = framer.next_frame() {
                if let Step::Message { body, .. } = step {
                    out.push(String::from_utf8(body.to_vec()).unwrap());
                }
            }
        }
        out
    }

    fn frames(input: &[u8]) -> Vec<String> {
        frames_split(&[input])
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// The malformed inputs of the end-to-end test, each followed by a good request, and more.
    fn stream() -> (Vec<u8>, Vec<String>) {
        let mut input = Vec::new();
        let mut expected = Vec::new();
        let bad: [&[u8]; 12] = [
            b"Content-Length: 6\r\n\r\n{bad}!",
            b"Content-Length: 9\r\n\r\n{\"foo\":1}",
            b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc",
            b"Content-Length: lots\r\n\r\n{}",
            b"Content-Type: application/json\r\n\r\n{}",
            b"\r\n\r\ngarbage without any header\r\n\r\n",
            b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"bare body\"}",
            // JSON objects the transport cannot decode (no version, an object as id).
            b"Content-Length: 14\r\n\r\n{\"method\":\"m\"}",
            b"Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"m\"}  ",
            b"Content-Length: 0\r\n\r\n",
            b"CONTENT-LENGTH: x\r\n\r\ncontent-lengt",
            b"\r\n",
        ];
        for (i, bad) in bad.iter().enumerate() {
            input.extend_from_slice(bad);
            let good = format!(r#"{{"jsonrpc":"2.0","id":{i},"method":"m"}}"#);
            input.extend_from_slice(frame(&good).as_bytes());
            expected.push(good);
        }
        // A notification, a response, another case and extra header lines.
        let note = r#"{"jsonrpc":"2.0","method":"n","params":{"ü":"\r\n\r\n"}}"#;
        input.extend_from_slice(frame(note).as_bytes());
        expected.push(note.to_string());
        let resp = r#"{"jsonrpc":"2.0","id":7,"result":null}"#;
        input.extend_from_slice(
            format!(
                "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{resp}",
                resp.len()
            )
            .as_bytes(),
        );
        expected.push(resp.to_string());
        // Garbage longer than a header block may be, with a header name split in it.
        input.extend(std::iter::repeat_n(b'x', TEST_MAX_HEADER + 100));
        let last = r#"{"jsonrpc":"2.0","id":"last","method":"m"}"#;
        input.extend_from_slice(frame(last).as_bytes());
        expected.push(last.to_string());
        (input, expected)
    }

    #[test]
    fn keeps_good_frames_and_drops_bad_ones() {
        let (input, expected) = stream();
        assert_eq!(frames(&input), expected);
        // An incomplete frame at the end is held back, not let through.
        let mut cut = input.clone();
        cut.extend_from_slice(b"Content-Length: 99\r\n\r\n{");
        assert_eq!(frames(&cut), expected);
    }

    #[test]
    fn result_is_independent_of_read_boundaries() {
        let (input, expected) = stream();
        for at in 0..=input.len() {
            let (a, b) = input.split_at(at);
            assert_eq!(frames_split(&[a, b]), expected, "split at {at}");
        }
        let bytes: Vec<&[u8]> = input.chunks(1).collect();
        assert_eq!(frames_split(&bytes), expected, "one byte at a time");
        // Random splits (a fixed-seed xorshift, so a failure reproduces).
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut rand = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..300 {
            let max = [2, 16, 300, 5000][round % 4];
            let mut pieces = Vec::new();
            let mut rest = &input[..];
            while !rest.is_empty() {
                let n = (rand() as usize % max + 1).min(rest.len());
                let (piece, tail) = rest.split_at(n);
                pieces.push(piece);
                rest = tail;
            }
            assert_eq!(frames_split(&pieces), expected, "round {round}");
        }
    }

    #[test]
    fn exit_is_recognised() {
        let exit = |body: &[u8]| inspect(body) == Some(true);
        assert!(exit(br#"{"jsonrpc":"2.0","method":"exit"}"#));
        assert!(exit(br#"{"jsonrpc":"2.0","method":"exit","params":null}"#));
        assert!(exit(br#"{"jsonrpc":"2.0","method":"exit","id":3}"#));
        assert!(exit(br#"{"jsonrpc":"2.0","method":"ex\u0069t"}"#));
        assert!(!exit(br#"{"jsonrpc":"2.0","method":"shutdown","id":3}"#));
        assert!(!exit(br#"{"jsonrpc":"2.0","id":3,"result":"exit"}"#));
    }

    #[test]
    fn did_open_texts_are_handed_over() {
        let open = |id: &str, text: &str| {
            format!(
                r#"{{"jsonrpc": "2.0", "method": "textDocument/didOpen",{id} "params": {{"textDocument": {{"uri": "file:///a/b.json", "languageId": "json", "version": 3, "text": {}}}}}}}"#,
                serde_json::to_string(text).unwrap()
            )
        };
        let texts = OpenTexts::default();
        let mut framer = Framer::default();
        let body = open("", "{\"é\": \"\\\"\"}\r\n");
        framer.push(frame(&body).as_bytes());
        let Some(Step::Open(params)) = framer.next_frame() else {
            panic!("not taken as a didOpen");
        };
        let uri = params.text_document.uri.clone();
        let passed = texts.keep(*params);
        // What goes on decodes, with an empty text; the text waits, once.
        assert_eq!(inspect(&passed), Some(false));
        let value: serde_json::Value = serde_json::from_slice(&passed).unwrap();
        assert_eq!(value["params"]["textDocument"]["text"], "");
        assert_eq!(value["params"]["textDocument"]["version"], 3);
        assert_eq!(value["method"], OPEN);
        assert_eq!(texts.take(&uri, 2), None);
        assert_eq!(
            texts.take(&uri, 3).as_deref(),
            Some("{\"é\": \"\\\"\"}\r\n")
        );
        assert_eq!(texts.take(&uri, 3), None);
        // The same version opened twice: each text comes back, in order.
        for text in ["one", "two"] {
            framer.push(frame(&open("", text)).as_bytes());
            let Some(Step::Open(params)) = framer.next_frame() else {
                panic!("not taken as a didOpen");
            };
            texts.keep(*params);
        }
        assert_eq!(texts.take(&uri, 3).as_deref(), Some("one"));
        assert_eq!(texts.take(&uri, 3).as_deref(), Some("two"));
        // A didOpen sent as a request, or without a text, goes on as it is.
        for body in [
            open(r#" "id": 1,"#, "x"),
            open("", "x").replace(r#", "text": "x""#, ""),
        ] {
            framer.push(frame(&body).as_bytes());
            assert!(
                matches!(framer.next_frame(), Some(Step::Message { exit: false, .. })),
                "{body}"
            );
        }
    }

    /// The validation without values accepts exactly what the transport's own types decode.
    #[test]
    fn accepts_what_the_transport_decodes() {
        use tower_lsp_server::jsonrpc::Request;
        let nested = |depth: usize| {
            format!(
                r#"{{"jsonrpc":"2.0","method":"m","params":{}1{}}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            )
        };
        let mut bodies: Vec<String> = [
            r#"{"jsonrpc":"2.0","method":"m","params":{"a":[1,-2,3.5,true,false,null,"s\n\u00e9"]}}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":[1e999]}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":[-1e999]}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":[18446744073709551616]}"#,
            r#"{"jsonrpc":"2.0","method":"m","unknown":1e999}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":"\ud800"}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":"\ud83d\ude00"}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":{"\ud800":1}}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":"\x"}"#,
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":\"a\u{1}b\"}",
            r#"{"jsonrpc":"2.0","method":"m","params":{"a":1,"a":2}}"#,
            r#"{"jsonrpc":"2.0","method":"m","method":"n"}"#,
            r#"{"jsonrpc":"2.0","method":null}"#,
            r#"{"jsonrpc":"2.0"}"#,
            r#"{"jsonrpc":"1.0","method":"m"}"#,
            r#"{"jsonrpc":2.0,"method":"m"}"#,
            r#"{"jsonrpc":"2\u002e0","method":"m"}"#,
            r#"{"method":"m"}"#,
            r#"{"jsonrpc":"2.0","method":"m","id":{}}"#,
            r#"{"jsonrpc":"2.0","method":"m","id":1.5}"#,
            r#"{"jsonrpc":"2.0","method":"m","id":null}"#,
            r#"{"jsonrpc":"2.0","method":"m","id":"x"}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":null}"#,
            r#"{"jsonrpc":"2.0","method":"m"} x"#,
            r#"{"jsonrpc":"2.0","method":"m",}"#,
            r#"{"jsonrpc":"2.0","id":1,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":-1,"message":"no"}}"#,
            r#"{"jsonrpc":"2.0","id":1}"#,
            r#"[]"#,
            r#"null"#,
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        bodies.extend([1, 126, 127, 128, 129, 200].map(nested));
        for body in &bodies {
            let transport = serde_json::from_str::<Request>(body).is_ok()
                || serde_json::from_str::<Response>(body).is_ok();
            assert_eq!(inspect(body.as_bytes()).is_some(), transport, "{body}");
        }
    }

    #[test]
    fn garbage_longer_than_the_real_header_limit_is_skipped() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"m"}"#;
        let mut input = vec![b'x'; MAX_HEADER * 3];
        input.extend_from_slice(frame(good).as_bytes());
        let mut framer = Framer::default();
        let mut out = Vec::new();
        for piece in input.chunks(1000) {
            framer.push(piece);
            while let Some(step) = framer.next_frame() {
                if let Step::Message { body, .. } = step {
                    out.push(body.to_vec());
                }
            }
        }
        assert_eq!(out, [good.as_bytes()]);
        // Nothing but the frame's own bytes stays buffered while skipping.
        assert!(
            framer.buf.len() <= 1000 + HEADER_NAME.len(),
            "{}",
            framer.buf.len()
        );
    }
}
