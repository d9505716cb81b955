//! The LSP document: a sequence of incremental edits (arbitrary positions, any encoding) ends in
//! the same text as applying each edit to a plain string, the way a full sync would.
#![no_main]

use arbitrary::Arbitrary;
use connector_ls::lsp::document::OpenDocument;
use connector_ls::text::{Encoding, LineCol, LineIndex};
use libfuzzer_sys::fuzz_target;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

#[derive(Arbitrary, Debug)]
struct Edit {
    start: (u16, u16),
    end: (u16, u16),
    text: String,
    full: bool,
}

#[derive(Arbitrary, Debug)]
struct Input {
    seed: String,
    enc: u8,
    edits: Vec<Edit>,
}

/// The oracle: the byte offset of an LSP position as the protocol defines it (clamped).
fn offset(text: &str, p: (u16, u16), enc: Encoding) -> usize {
    let index = LineIndex::new(text);
    let line = p.0 as u32;
    if line >= index.line_count() {
        return text.len();
    }
    index.offset(text, LineCol { line, col: p.1 as u32 }, enc) as usize
}

fuzz_target!(|input: Input| {
    let enc = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][input.enc as usize % 3];
    let mut doc = OpenDocument::new(None, 0, &input.seed);
    let mut expected = input.seed.clone();
    for (i, e) in input.edits.iter().enumerate().take(64) {
        let change = if e.full {
            expected = e.text.clone();
            TextDocumentContentChangeEvent { range: None, range_length: None, text: e.text.clone() }
        } else {
            let s = offset(&expected, e.start, enc);
            let t = offset(&expected, e.end, enc).max(s);
            // Splitting a CRLF pair is not something a client does (lines would be ambiguous).
            let bytes = expected.as_bytes();
            let splits = |o: usize| o > 0 && o < bytes.len() && bytes[o - 1] == b'\r' && bytes[o] == b'\n';
            if splits(s) || splits(t) {
                continue;
            }
            expected.replace_range(s..t, &e.text);
            TextDocumentContentChangeEvent {
                range: Some(Range::new(
                    Position::new(e.start.0 as u32, e.start.1 as u32),
                    Position::new(e.end.0 as u32, e.end.1 as u32),
                )),
                range_length: None,
                text: e.text.clone(),
            }
        };
        doc.apply(i as i32 + 1, vec![change], enc);
        assert_eq!(&*doc.text(), expected.as_str(), "after edit {i}: {e:?}");
    }
});
