//! Open documents: a rope per document, edited in place by incremental `didChange` events.
//!
//! The rope is built on the first edit, not on open: a document that is opened and checked but
//! not (yet) edited needs only its text, and building a rope of a megabyte swagger was a copy on
//! the way to its first diagnostics.

use std::path::PathBuf;

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

use connector_ls_core::text::{Encoding, SharedText};

/// One document the client has open.
#[derive(Clone, Debug)]
pub struct OpenDocument {
    pub path: Option<PathBuf>,
    pub version: i32,
    /// The text being edited; `None` until the first incremental edit (then `snapshot` holds it).
    rope: Option<Rope>,
    /// The text of `version`, materialised once per version for parsing.
    snapshot: Option<SharedText>,
}

impl OpenDocument {
    pub fn new(path: Option<PathBuf>, version: i32, text: &str) -> Self {
        Self::opened(path, version, text.into())
    }

    /// A document opened with `text`, which becomes its first snapshot as it is.
    pub fn opened(path: Option<PathBuf>, version: i32, text: SharedText) -> Self {
        Self {
            path,
            version,
            rope: None,
            snapshot: Some(text),
        }
    }

    /// Applies the changes of one `didChange` notification, in order.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        enc: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => {
                    self.rope = None;
                    self.snapshot = Some(change.text.into());
                }
                Some(range) => {
                    let snapshot = self.snapshot.take();
                    let rope = self
                        .rope
                        .get_or_insert_with(|| Rope::from_str(snapshot.as_deref().unwrap_or("")));
                    let start = char_index(rope, range.start, enc);
                    let end = char_index(rope, range.end, enc).max(start);
                    rope.remove(start..end);
                    rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
    }

    /// The current text, shared.
    pub fn text(&mut self) -> SharedText {
        let rope = &self.rope;
        self.snapshot
            .get_or_insert_with(|| match rope {
                Some(rope) => materialise(rope),
                None => SharedText::default(),
            })
            .clone()
    }
}

/// The rope's text as one string, gathered in the buffer of a version no longer held: after
/// every keystroke in a large document, a fresh one would be megabytes of new pages
/// ([`SharedText`]).
fn materialise(rope: &Rope) -> SharedText {
    SharedText::gather(rope.len_bytes(), rope.chunks())
}

/// The char index of an LSP position. Lines past the end clamp to the end of the document and
/// columns past the end of a line to the end of that line (before its terminator), as the
/// protocol asks; a column inside a character snaps to its start.
pub fn char_index(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    let content = slice.slice(..len);
    let col = pos.character as usize;
    let chars = match enc {
        Encoding::Utf8 => content.byte_to_char(col.min(content.len_bytes())),
        Encoding::Utf16 => content.utf16_cu_to_char(col.min(content.len_utf16_cu())),
        Encoding::Utf32 => col.min(len),
    };
    start + chars
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tower_lsp_server::ls_types::Range;

    fn change(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(sl, sc), Position::new(el, ec))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_edits() {
        let mut d = OpenDocument::new(None, 1, "{\r\n  \"a\": \"é😀\"\r\n}");
        // Replace the emoji (UTF-16 columns 9..11) with "x".
        d.apply(2, vec![change(1, 9, 1, 11, "x")], Encoding::Utf16);
        assert_eq!(&*d.text(), "{\r\n  \"a\": \"éx\"\r\n}");
        // Past-the-end column clamps before the CRLF.
        d.apply(3, vec![change(0, 99, 0, 99, " ")], Encoding::Utf16);
        assert_eq!(&*d.text(), "{ \r\n  \"a\": \"éx\"\r\n}");
        d.apply(4, vec![change(9, 0, 9, 0, "\n")], Encoding::Utf16);
        assert_eq!(&*d.text(), "{ \r\n  \"a\": \"éx\"\r\n}\n");
        assert_eq!(d.version, 4);
    }

    /// Converts a char index to an LSP position in `enc` (test oracle, independent of ropey).
    fn position_of(text: &str, char_idx: usize, enc: Encoding) -> Position {
        let byte = text
            .char_indices()
            .nth(char_idx)
            .map_or(text.len(), |(b, _)| b);
        let idx = connector_ls_core::text::LineIndex::new(text);
        let lc = idx.line_col(text, byte as u32, enc);
        Position::new(lc.line, lc.col)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// A storm of random edits applied incrementally ends in the text a full sync gives.
        #[test]
        fn random_edits_equal_full_sync(
            seed in "[a-z{}\":, \n\r\té😀]{0,40}",
            edits in proptest::collection::vec((0usize..60, 0usize..6, "[a-z\"{}\n\r😀é]{0,4}", 0usize..3), 1..60),
        ) {
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let mut doc = OpenDocument::new(None, 0, &seed);
                let mut expected: Vec<char> = seed.chars().collect();
                for (i, (at, len, text, _)) in edits.iter().enumerate() {
                    let current: String = expected.iter().collect();
                    let n = expected.len();
                    let start = (*at).min(n);
                    let mut end = (start + len).min(n);
                    // An edit may not split a CRLF pair (no client produces one).
                    let s = if start > 0 && start < n && expected[start] == '\n' && expected[start - 1] == '\r' { start - 1 } else { start };
                    if end > 0 && end < n && expected[end] == '\n' && expected[end - 1] == '\r' { end += 1; }
                    let end = end.max(s);
                    let (p0, p1) = (position_of(&current, s, enc), position_of(&current, end, enc));
                    doc.apply(i as i32 + 1, vec![change(p0.line, p0.character, p1.line, p1.character, text)], enc);
                    expected.splice(s..end, text.chars());
                    prop_assert_eq!(&*doc.text(), expected.iter().collect::<String>());
                }
            }
        }
    }
}
