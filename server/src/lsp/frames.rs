//! A guard in front of the JSON-RPC transport: malformed frames are dropped (and logged) here.
//!
//! tower-lsp-server answers a malformed frame with a parse error, but its framed reader
//! (tokio-util) ends the input stream after any decode error: the server then neither reads nor
//! exits, waiting forever on requests it sent the client. The spec asks a server to survive bad
//! input, so only well-formed messages reach the transport: a frame whose `Content-Length` is
//! missing or not a number is skipped up to the next `Content-Length` header, and a body that is
//! not UTF-8 JSON with a `method` or an `id` is skipped whole.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Largest header block accepted before the buffer is treated as garbage.
const MAX_HEADER: usize = 8 * 1024;

/// Copies well-formed frames from `input` to `output` until `input` ends.
pub async fn filter(mut input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        while let Some(step) = next_frame(&mut buf) {
            if let Some(body) = step {
                let head = format!("Content-Length: {}\r\n\r\n", body.len());
                if output.write_all(head.as_bytes()).await.is_err()
                    || output.write_all(&body).await.is_err()
                    || output.flush().await.is_err()
                {
                    return;
                }
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Takes the next frame off `buf`: `None` when more input is needed, `Some(None)` when
/// something malformed was dropped, `Some(Some(body))` for a well-formed message.
fn next_frame(buf: &mut Vec<u8>) -> Option<Option<Vec<u8>>> {
    let Some(end) = find(buf, b"\r\n\r\n") else {
        if buf.len() > MAX_HEADER {
            tracing::warn!("dropping {} bytes without a frame header", buf.len());
            skip_to_next_header(buf, buf.len().saturating_sub(16));
            return Some(None);
        }
        return None;
    };
    let length = std::str::from_utf8(&buf[..end]).ok().and_then(|head| {
        head.split("\r\n").find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
    });
    let Some(length) = length else {
        tracing::warn!("dropping a frame without a valid Content-Length");
        skip_to_next_header(buf, end + 4);
        return Some(None);
    };
    let start = end + 4;
    if buf.len() < start + length {
        return None;
    }
    let body: Vec<u8> = buf[start..start + length].to_vec();
    buf.drain(..start + length);
    if is_message(&body) {
        Some(Some(body))
    } else {
        tracing::warn!(
            bytes = length,
            "dropping a frame that is not a JSON-RPC message"
        );
        Some(None)
    }
}

fn is_message(body: &[u8]) -> bool {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(m)) => {
            m.get("method").is_some_and(|v| v.is_string()) || m.contains_key("id")
        }
        _ => false,
    }
}

/// Drops bytes up to the next `Content-Length` at or after `from` (or up to `from`).
fn skip_to_next_header(buf: &mut Vec<u8>, from: usize) {
    let from = from.min(buf.len());
    let next = find(&buf[from..], b"Content-Length").map_or(from, |i| from + i);
    buf.drain(..next);
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<String> {
        let mut buf = input.to_vec();
        let mut out = Vec::new();
        while let Some(step) = next_frame(&mut buf) {
            if let Some(body) = step {
                out.push(String::from_utf8(body).unwrap());
            }
        }
        out
    }

    #[test]
    fn keeps_good_frames_and_drops_bad_ones() {
        let good = "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}";
        let input = format!(
            "Content-Length: 6\r\n\r\n{{bad}}!Content-Length: 9\r\n\r\n{{\"foo\":1}}\
             Content-Length: lots\r\n\r\n{{}}Content-Length: 4\r\n\r\n\u{ff}\u{fe}\
             content-length: {}\r\n\r\n{good}Content-Length: 99\r\n\r\n{{",
            good.len()
        );
        assert_eq!(frames(input.as_bytes()), [good]);
    }
}
