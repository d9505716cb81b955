//! Line and column of many byte offsets of one text, found in one forward pass.
//!
//! The CLI places every finding of a document once and then drops the document; building a
//! [`LineIndex`](super::LineIndex) for that (a vector entry per line of every checked file) cost
//! more than the findings need. [`Sweep`] sorts the offsets it is asked for and walks the text
//! once up to the last of them, counting line breaks and characters with byte loops the compiler
//! vectorizes. Its answers are those of `LineIndex::line_col` in [`Encoding::Utf32`](super::Encoding).

use memchr::{memchr2, memrchr2};

use super::LineCol;

/// Where one offset is.
#[derive(Clone, Copy, Debug)]
struct Place {
    /// Zero-based line and column in Unicode scalar values.
    at: LineCol,
    /// Byte offset of the line's start.
    line_start: u32,
    /// The offset snapped back to a character boundary and clamped to the text.
    snapped: u32,
}

/// The places of a set of offsets of one text.
#[derive(Clone, Debug, Default)]
pub struct Sweep {
    /// The offsets asked for, sorted and without duplicates.
    offsets: Vec<u32>,
    places: Vec<Place>,
}

impl Sweep {
    /// Places `offsets` (any order, duplicates allowed) in `text`. Offsets past the end are
    /// placed at the end; offsets inside a character at its start; the `\n` of a CRLF pair on
    /// the line the pair ends, as [`LineIndex`](super::LineIndex) does.
    pub fn new(text: &str, mut offsets: Vec<u32>) -> Self {
        offsets.sort_unstable();
        offsets.dedup();
        let bytes = text.as_bytes();
        let has_cr = memchr::memchr(b'\r', bytes).is_some();
        let mut places = Vec::with_capacity(offsets.len());
        let (mut pos, mut line, mut line_start, mut col) = (0usize, 0u32, 0usize, 0u32);
        for &offset in &offsets {
            let mut o = (offset as usize).min(bytes.len());
            while o > 0 && !text.is_char_boundary(o) {
                o -= 1;
            }
            // Snapping is monotonic, so `o` never goes back behind the previous offset.
            let (newlines, seg_chars) = tally(&bytes[pos..o]);
            let breaks = newlines + if has_cr { lone_crs(bytes, pos, o) } else { 0 };
            if breaks > 0 {
                line += breaks;
                line_start = last_line_start(bytes, pos, o);
                col = tally(&bytes[line_start..o]).1;
            } else {
                col += seg_chars;
            }
            pos = o;
            places.push(Place {
                at: LineCol { line, col },
                line_start: line_start as u32,
                snapped: o as u32,
            });
        }
        Self { offsets, places }
    }

    fn place(&self, offset: u32) -> Option<&Place> {
        let i = self.offsets.binary_search(&offset).ok()?;
        self.places.get(i)
    }

    /// The line and column (Unicode scalar values) of `offset`, which must be one of the offsets
    /// given to [`Sweep::new`].
    pub fn line_col(&self, offset: u32) -> Option<LineCol> {
        self.place(offset).map(|p| p.at)
    }

    /// The line holding `offset` (one of those given to [`Sweep::new`]), without its line break.
    pub fn line<'t>(&self, text: &'t str, offset: u32) -> Option<&'t str> {
        let p = self.place(offset)?;
        let bytes = text.as_bytes();
        let from = p.snapped as usize;
        let mut end = memchr2(b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |i| from + i);
        // Only the `\r` of a CRLF pair whose `\n` is `offset` can precede it on the line.
        while end > p.line_start as usize && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        text.get(p.line_start as usize..end)
    }
}

/// The `\r`s at positions `from..to` that are not followed by `\n`: line breaks of their own.
fn lone_crs(bytes: &[u8], from: usize, to: usize) -> u32 {
    memchr::memchr_iter(b'\r', &bytes[from..to])
        .filter(|&i| bytes.get(from + i + 1) != Some(&b'\n'))
        .count() as u32
}

/// The start of the line of `to`, given that `from..to` holds at least one line break.
fn last_line_start(bytes: &[u8], from: usize, to: usize) -> usize {
    let mut end = to;
    loop {
        let Some(i) = memrchr2(b'\n', b'\r', &bytes[from..end]).map(|i| from + i) else {
            return from;
        };
        // A `\r` whose `\n` is at `to` does not end the line of `to` (see `Sweep::new`).
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            end = i;
            continue;
        }
        return i + 1;
    }
}

/// The `\n` bytes and the characters (the bytes that do not continue a UTF-8 character) of
/// `bytes`. Counted per 64-byte chunk into 8-bit counters, which the compiler turns into vector
/// code: a plain `filter().count()` over every byte of every checked file was not.
fn tally(bytes: &[u8]) -> (u32, u32) {
    let count = |chunk: &[u8]| {
        let (mut newlines, mut chars) = (0u8, 0u8);
        for &b in chunk {
            newlines += u8::from(b == b'\n');
            chars += u8::from((b as i8) >= -0x40);
        }
        (u32::from(newlines), u32::from(chars))
    };
    let mut chunks = bytes.chunks_exact(64);
    let (mut newlines, mut chars) = count(chunks.remainder());
    for chunk in &mut chunks {
        let (n, c) = count(chunk);
        newlines += n;
        chars += c;
    }
    (newlines, chars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Encoding, LineIndex};

    /// Every offset (char boundaries or not, past the end too) is placed as `LineIndex` places
    /// it, and its line is `LineIndex::line_range` of that line.
    fn agrees(text: &str) {
        let idx = LineIndex::new(text);
        let offsets: Vec<u32> = (0..=text.len() as u32 + 2).rev().collect();
        let sweep = Sweep::new(text, offsets.clone());
        for o in offsets {
            let expected = idx.line_col(text, o, Encoding::Utf32);
            assert_eq!(sweep.line_col(o), Some(expected), "{text:?} at {o}");
            let range = idx.line_range(text, expected.line).unwrap();
            assert_eq!(
                sweep.line(text, o),
                text.get(range.as_usize()),
                "{text:?} at {o}"
            );
        }
        // A subset placed on its own agrees too (segments between offsets hold several breaks).
        let some: Vec<u32> = (0..=text.len() as u32).step_by(3).collect();
        let sweep = Sweep::new(text, some.clone());
        for o in some {
            assert_eq!(
                sweep.line_col(o),
                Some(idx.line_col(text, o, Encoding::Utf32))
            );
        }
    }

    #[test]
    fn agrees_with_line_index() {
        for text in [
            "",
            "{}",
            "{\n  \"a\": 1\n}\n",
            "a\r\nb\rc\n",
            "\r\n\r\n",
            "\r\r\n\n\r",
            "\"é😀x\": 1\r\n  \"ü\": \"日本\"\rz",
            "line\n\nlast",
        ] {
            agrees(text);
        }
        assert!(Sweep::new("abc", vec![1]).line_col(2).is_none());
    }
}
