//! Text positions: byte ranges inside the engine, line/column only at the edges.
//!
//! Everything below the LSP and CLI layers speaks byte offsets into the document text
//! ([`TextRange`]). [`LineIndex`] converts them to `(line, column)` pairs in the column unit a
//! client asked for (UTF-8 bytes, UTF-16 code units or Unicode scalar values) and back.

pub mod escape;
mod line_index;
mod shared;
mod sweep;

pub use line_index::{Encoding, LineCol, LineIndex};
pub use shared::SharedText;
pub use sweep::Sweep;

/// A half-open byte range `start..end` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    pub const fn empty(at: u32) -> Self {
        Self { start: at, end: at }
    }

    pub fn from_usize(start: usize, end: usize) -> Self {
        Self::new(start as u32, end as u32)
    }

    pub const fn len(self) -> u32 {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub const fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Like [`contains`](Self::contains) but also true at the end offset (a cursor just after).
    pub const fn touches(self, offset: u32) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn as_usize(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Strips a leading UTF-8 byte order mark; returns the text and whether one was present.
pub fn strip_bom(text: &str) -> (&str, bool) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (text, false),
    }
}
