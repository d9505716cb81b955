//! The output side of [`crate::frames`]: diagnostics, pulled or pushed, are serialised once,
//! straight from their types, instead of through the transport's `serde_json::Value`.
//!
//! tower-lsp-server turns every answer into a `Value` (a map per object, a `String` per key)
//! and then writes that `Value` out. For the report of a large document (Encodian: 396
//! diagnostics, 208 KB) that was most of a keystroke's work after the check: building the
//! values, writing them, freeing them (callgrind: about 13 M instructions per pull, against
//! about 2 M to write the same items directly). So the `textDocument/diagnostic` handler writes
//! the items itself ([`Reports::keep_written`]) and answers a full report with no items under a result
//! id that names them; [`filter`], between the transport and stdout, puts them into that answer
//! on the way out. Every other message passes through as it is.
//!
//! The placeholder is recognised only as a whole answer (`kind` `full`, no items, a result id
//! that [`Reports`] holds): a report with no items that was not made here is passed on as it is.
//!
//! Pushed diagnostics go the same way: `diagnostics::push` keeps them and sends a
//! `textDocument/publishDiagnostics` with no diagnostics and their id in a member of our own
//! (`connectorLsItems`, [`PlaceholderPush::items`]), which [`filter`] replaces with them. For a
//! client without pull, a keystroke in Encodian to its pushed diagnostics went from p50
//! 8.4-9.7 ms to 5.6-6.0 ms (`lsp_latency.py --diag-mode push`, the two binaries in one run).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use connector_ls_core::recycle::Pool;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::{Diagnostic, Uri};

/// Serialised report items waiting for their answer, by result id.
#[derive(Default)]
pub struct Reports {
    serial: AtomicU64,
    items: Mutex<HashMap<String, (Instant, Arc<Json>)>>,
}

/// The buffers of written diagnostics no longer held, for the next report: a large document's
/// report is hundreds of kilobytes, which the allocator would otherwise map afresh (and fault
/// in page by page) at every keystroke ([`connector_ls_core::recycle`]).
static JSON_BUFFERS: Pool<u8> = Pool::new();

/// Diagnostics written as a JSON array; its buffer goes back to [`JSON_BUFFERS`] when the last
/// holder (the answer, the report that copies from it) drops it.
#[derive(Debug, Default)]
pub struct Json(Vec<u8>);

impl Json {
    /// `bytes` to share.
    pub fn shared(bytes: Vec<u8>) -> Arc<Json> {
        Arc::new(Json(bytes))
    }
}

impl std::ops::Deref for Json {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for Json {
    fn drop(&mut self) {
        JSON_BUFFERS.give(std::mem::take(&mut self.0));
    }
}

/// How long kept items wait for their answer. An answer goes out right after its items are
/// kept; one that never does (the client cancelled the request, so the transport answered with
/// an error) leaves its items behind, and they go after this long.
const KEEP_FOR: Duration = Duration::from_secs(120);

impl Reports {
    /// Keeps `json`, diagnostics written as a JSON array ([`Written`]), for the answer whose
    /// result id is returned: `base` made unique with a serial number (`base.serial`), so that
    /// two reports of one analysis (two documents of a package) are told apart.
    pub fn keep_written(&self, base: &str, json: Arc<Json>) -> String {
        let id = format!("{base}.{}", self.serial.fetch_add(1, Ordering::Relaxed));
        let now = Instant::now();
        let mut kept = self.items.lock().expect("reports lock");
        kept.retain(|_, (at, _)| now.duration_since(*at) < KEEP_FOR);
        kept.insert(id.clone(), (now, json));
        id
    }

    fn take(&self, id: &str) -> Option<Arc<Json>> {
        let kept = self.items.lock().expect("reports lock").remove(id);
        kept.map(|(_, json)| json)
    }
}

/// The part of a result id that [`Reports::keep_written`] added to its base.
pub fn base_of(result_id: &str) -> &str {
    result_id
        .rsplit_once('.')
        .map_or(result_id, |(base, _)| base)
}

/// Diagnostics written as a JSON array, with where each one's JSON is in it: the next report
/// of the same document copies the JSON of the diagnostics it has again instead of writing
/// them again. Typing in a string changes a few of a large document's diagnostics (those after
/// the cursor on its line); on Encodian, writing all 396 was 10% of a keystroke's server CPU.
#[derive(Debug, Default)]
pub struct Written {
    pub json: Arc<Json>,
    spans: Vec<(usize, usize)>,
}

/// How far past the expected place an unchanged diagnostic is looked for in the previous
/// report: a few diagnostics appear or go at a keystroke, and the rest keep their order.
const LOOK_AHEAD: usize = 8;

impl Written {
    /// `items` written out; `previous` is the report before and the diagnostics it wrote.
    /// Gives the bytes `serde_json::to_vec(items)` gives.
    pub fn new(items: &[Diagnostic], previous: Option<(&[Diagnostic], &Written)>) -> Self {
        let size = previous.map_or(items.len() * 512, |(_, w)| w.json.len() + 4096);
        let mut json = JSON_BUFFERS.take_or_new(size, size);
        let mut spans = Vec::with_capacity(items.len());
        json.push(b'[');
        let mut next = 0;
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                json.push(b',');
            }
            let start = json.len();
            let again = previous.and_then(|(old, written)| {
                let end = old.len().min(next + LOOK_AHEAD);
                (next..end).find(|&k| old[k] == *item).map(|k| (k, written))
            });
            match again {
                Some((k, written)) => {
                    let (s, e) = written.spans[k];
                    json.extend_from_slice(&written.json[s..e]);
                    next = k + 1;
                }
                None => {
                    // Writing to memory fails only for a map with non-string keys, which a
                    // diagnostic does not have; `null` keeps the array valid regardless.
                    if serde_json::to_writer(&mut json, item).is_err() {
                        json.truncate(start);
                        json.extend_from_slice(b"null");
                    }
                }
            }
            spans.push((start, json.len()));
        }
        json.push(b']');
        Self {
            json: Json::shared(json),
            spans,
        }
    }
}

/// A placeholder answer is a few dozen bytes; anything larger is passed on unread.
const MAX_PLACEHOLDER: usize = 1024;

/// A placeholder push names a document: up to a long path's URI, percent-encoded.
const MAX_PUSH_PLACEHOLDER: usize = 64 * 1024;

/// The parameters of a placeholder push: `textDocument/publishDiagnostics` without its
/// diagnostics, which [`filter`] puts in from [`Reports`]. A push with any other member is not
/// one.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceholderPush {
    pub uri: Uri,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    /// Always empty: what a client would see of a placeholder that was not completed.
    pub diagnostics: Vec<serde_json::Value>,
    #[serde(rename = "connectorLsItems")]
    pub items: String,
}

/// `textDocument/publishDiagnostics` sent as a [`PlaceholderPush`].
pub enum PushDiagnostics {}

impl Notification for PushDiagnostics {
    type Params = PlaceholderPush;
    const METHOD: &'static str = "textDocument/publishDiagnostics";
}

/// Copies the transport's frames from `input` to `output`, completing the answers whose items
/// [`Reports`] holds, until `input` ends.
pub async fn filter(
    mut input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
    reports: &Reports,
) {
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    // Kept from one write to the next, with its pages: a large report is hundreds of KB.
    let mut out = Vec::new();
    loop {
        let n = match input.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        pending.extend_from_slice(&chunk[..n]);
        out.clear();
        let used = complete_frames(&pending, reports, &mut out);
        pending.drain(..used);
        if output.write_all(&out).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
    // Whatever is left is not a whole frame: passed on as it is.
    let _ = output.write_all(&pending).await;
    let _ = output.flush().await;
}

/// Appends to `out` every whole frame at the start of `input` (completed where it is a
/// placeholder), and returns how many bytes of `input` they took.
fn complete_frames(input: &[u8], reports: &Reports, out: &mut Vec<u8>) -> usize {
    let mut at = 0;
    while let Some((header, body)) = next_frame(&input[at..]) {
        let frame = &input[at..at + header + body];
        match completed(&frame[header..], reports) {
            Some(body) => {
                out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
                body.write_to(out);
            }
            None => out.extend_from_slice(frame),
        }
        at += header + body;
    }
    at
}

/// The header's and the body's length of the whole frame at the start of `input`: the
/// transport writes `Content-Length: N\r\n\r\n` and then `N` bytes. `None` until it is all
/// there; a header that is not the transport's is taken as a frame without a body, so it is
/// passed on rather than held.
fn next_frame(input: &[u8]) -> Option<(usize, usize)> {
    let end = memchr::memmem::find(input, b"\r\n\r\n")? + 4;
    let length = std::str::from_utf8(&input[..end - 4])
        .ok()
        .and_then(|h| h.trim().strip_prefix("Content-Length:"))
        .and_then(|n| n.trim().parse::<usize>().ok());
    match length {
        Some(n) if input.len() >= end + n => Some((end, n)),
        Some(_) => None,
        None => Some((end, 0)),
    }
}

/// A completed message: the kept items between what goes before and after them, written out
/// once, into the frame ([`complete_frames`]).
pub(crate) struct Completed {
    head: Vec<u8>,
    items: Arc<Json>,
    tail: &'static [u8],
}

impl Completed {
    pub(crate) fn len(&self) -> usize {
        self.head.len() + self.items.len() + self.tail.len()
    }

    pub(crate) fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.head);
        out.extend_from_slice(&self.items);
        out.extend_from_slice(self.tail);
    }

    #[cfg(test)]
    pub(crate) fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len());
        self.write_to(&mut out);
        out
    }
}

/// The answer `body` with its items, if it is a placeholder whose items are kept; likewise a
/// placeholder push.
pub(crate) fn completed(body: &[u8], reports: &Reports) -> Option<Completed> {
    if body.len() <= MAX_PUSH_PLACEHOLDER
        && memchr::memmem::find(body, b"\"connectorLsItems\":").is_some()
    {
        return completed_push(body, reports);
    }
    if body.len() > MAX_PLACEHOLDER || memchr::memmem::find(body, b"\"items\":[]").is_none() {
        return None;
    }
    let message: serde_json::Value = serde_json::from_slice(body).ok()?;
    let result = message.get("result")?;
    let placeholder = result.get("kind")?.as_str()? == "full"
        && result.get("items")?.as_array()?.is_empty()
        && result.as_object()?.len() == 3;
    if !placeholder {
        return None;
    }
    let id = result.get("resultId")?.as_str()?;
    let items = reports.take(id)?;
    let head = serde_json::json!({"jsonrpc": "2.0", "id": message.get("id")?});
    let head = serde_json::to_vec(&head).ok()?;
    let mut out = Vec::with_capacity(128);
    // `{"id":..,"jsonrpc":"2.0"` and then the result, written around the kept items.
    out.extend_from_slice(&head[..head.len() - 1]);
    out.extend_from_slice(b",\"result\":{\"kind\":\"full\",\"resultId\":");
    out.extend_from_slice(&serde_json::to_vec(id).ok()?);
    out.extend_from_slice(b",\"items\":");
    Some(Completed {
        head: out,
        items,
        tail: b"}}",
    })
}

/// The push `body` with its diagnostics, if it is a [`PlaceholderPush`] whose are kept.
fn completed_push(body: &[u8], reports: &Reports) -> Option<Completed> {
    let message: serde_json::Value = serde_json::from_slice(body).ok()?;
    if message.get("method")?.as_str()? != PushDiagnostics::METHOD || message.get("id").is_some() {
        return None;
    }
    let params = message.get("params")?;
    let push = PlaceholderPush::deserialize(params).ok()?;
    if !push.diagnostics.is_empty() {
        return None;
    }
    let items = reports.take(&push.items)?;
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(
        b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
    );
    out.extend_from_slice(&serde_json::to_vec(params.get("uri")?).ok()?);
    if let Some(version) = params.get("version") {
        out.extend_from_slice(b",\"version\":");
        out.extend_from_slice(&serde_json::to_vec(version).ok()?);
    }
    out.extend_from_slice(b",\"diagnostics\":");
    Some(Completed {
        head: out,
        items,
        tail: b"}}",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn item(line: u32, message: &str) -> Diagnostic {
        use tower_lsp_server::ls_types::{NumberOrString, Position, Range};
        Diagnostic {
            range: Range::new(Position::new(line, 2), Position::new(line, 9)),
            code: Some(NumberOrString::String("SomeRule".into())),
            message: message.into(),
            data: Some(json!({"pointer": format!("/paths/{line}"), "fix": null})),
            ..Diagnostic::default()
        }
    }

    #[test]
    fn written_items_are_what_serde_writes_and_reuse_the_last_report() {
        let first: Vec<Diagnostic> = (0..40).map(|i| item(i, &format!("m{i} \"q\""))).collect();
        let written = Written::new(&first, None);
        assert_eq!(&written.json[..], serde_json::to_vec(&first).unwrap());
        // Some moved, some gone, some new, one changed.
        let mut next: Vec<Diagnostic> = first.clone();
        next.remove(3);
        next.insert(10, item(99, "new"));
        next[20].range.start.character = 5;
        next.truncate(35);
        next.push(item(100, "last"));
        let again = Written::new(&next, Some((&first, &written)));
        assert_eq!(&again.json[..], serde_json::to_vec(&next).unwrap());
        assert_eq!(&Written::new(&[], Some((&first, &written))).json[..], b"[]");
        // The bytes of an unchanged item are copied from the last report, not written again.
        let mut marked = Written::new(&first, None);
        let at = marked.json.windows(3).position(|w| w == b"m39").unwrap();
        Arc::get_mut(&mut marked.json).unwrap().0[at..at + 3].copy_from_slice(b"M39");
        let copied = Written::new(&first, Some((&first, &marked)));
        assert!(copied.json.windows(3).any(|w| w == b"M39"));
    }

    fn frame(body: &Value) -> Vec<u8> {
        let body = serde_json::to_vec(body).unwrap();
        let mut f = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        f.extend(body);
        f
    }

    fn bodies(mut output: &[u8]) -> Vec<Value> {
        let mut out = Vec::new();
        while let Some((header, body)) = next_frame(output) {
            out.push(serde_json::from_slice(&output[header..header + body]).unwrap());
            output = &output[header + body..];
        }
        assert!(output.is_empty());
        out
    }

    async fn run(input: Vec<u8>, reports: &Reports, split: usize) -> Vec<u8> {
        let (mut tx, rx) = tokio::io::duplex(16);
        let mut output = Vec::new();
        let write = async move {
            for piece in input.chunks(split) {
                tx.write_all(piece).await.unwrap();
            }
            drop(tx);
        };
        tokio::join!(write, filter(rx, &mut output, reports));
        output
    }

    #[tokio::test]
    async fn placeholder_pushes_get_their_diagnostics() {
        let diagnostics = json!([{"message": "m", "range": {"start": {"line": 0, "character": 1},
            "end": {"line": 0, "character": 2}}}]);
        for (version, split) in [(Some(7), 1), (None, 4096)] {
            let reports = Reports::default();
            let items = reports.keep_written(
                "push",
                Json::shared(serde_json::to_vec(&diagnostics).unwrap()),
            );
            let uri: Uri = "file:///c/apiDefinition.swagger.json".parse().unwrap();
            let params = PlaceholderPush {
                uri,
                version,
                diagnostics: Vec::new(),
                items: items.clone(),
            };
            let push = json!({"jsonrpc": "2.0", "method": PushDiagnostics::METHOD,
                "params": serde_json::to_value(&params).unwrap()});
            // A push with a member of someone else's is not ours to complete.
            let mut other = push.clone();
            other["params"]["extra"] = json!(1);
            let mut input = frame(&push);
            input.extend(frame(&other));
            let out = bodies(&run(input, &reports, split).await);
            let mut expected = json!({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
                "params": {"uri": "file:///c/apiDefinition.swagger.json", "diagnostics": diagnostics}});
            if let Some(v) = version {
                expected["params"]["version"] = json!(v);
            }
            assert_eq!(out, vec![expected, other]);
            // Used once.
            assert!(reports.take(&items).is_none());
        }
    }

    #[tokio::test]
    async fn placeholders_get_their_items_and_the_rest_passes_as_it_is() {
        let reports = Reports::default();
        let items = json!([{"message": "m", "range": {"start": {"line": 1, "character": 2},
            "end": {"line": 1, "character": 3}}}]);
        let id = reports.keep_written("7.0", Json::shared(serde_json::to_vec(&items).unwrap()));
        assert_eq!(base_of(&id), "7.0");
        let other =
            json!({"jsonrpc": "2.0", "method": "window/logMessage", "params": {"message": "x"}});
        // A report with no items that was not made here is left alone.
        let empty = json!({"jsonrpc": "2.0", "id": 4, "result": {"kind": "full", "resultId": "9.0.9", "items": []}});
        let placeholder = json!({"jsonrpc": "2.0", "id": 5, "result": {"items": [], "kind": "full", "resultId": id}});
        let mut input = frame(&other);
        input.extend(frame(&empty));
        input.extend(frame(&placeholder));
        for split in [1, 7, 4096] {
            let reports = Reports::default();
            let id = reports.keep_written("7.0", Json::shared(serde_json::to_vec(&items).unwrap()));
            let placeholder = json!({"jsonrpc": "2.0", "id": 5, "result": {"items": [], "kind": "full", "resultId": id}});
            let mut input = frame(&other);
            input.extend(frame(&empty));
            input.extend(frame(&placeholder));
            let out = bodies(&run(input, &reports, split).await);
            assert_eq!(
                out,
                vec![
                    other.clone(),
                    empty.clone(),
                    json!({"jsonrpc": "2.0", "id": 5, "result": {"kind": "full", "resultId": id, "items": items}})
                ],
                "split {split}"
            );
        }
        // Items are used once: the same placeholder again has none to take.
        let out = bodies(&run(input.clone(), &reports, 4096).await);
        assert_eq!(out[2]["result"]["items"].as_array().unwrap().len(), 1);
        let out = bodies(&run(input, &reports, 4096).await);
        assert_eq!(out[2], placeholder);
    }
}
