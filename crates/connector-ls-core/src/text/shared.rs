//! [`SharedText`]: a document's text, shared by the trees and snapshots that hold it, whose
//! buffer is recycled for a later version when the last of them lets it go.
//!
//! An editor buffer is a new text on every keystroke. Built as an `Arc<str>`, each version of a
//! megabyte swagger was a fresh allocation whose pages were all faulted in again (the language
//! server keeps glibc from reusing large blocks from its heaps, see `lsp::malloc`): half a
//! millisecond per keystroke on Encodian, ten times the copy itself. A dropped `SharedText`
//! gives its buffer to a [`Pool`] instead, and [`SharedText::gather`] builds the next version
//! in it.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use crate::recycle::Pool;

/// Spare text buffers, for [`SharedText::gather`].
static TEXT_BUFFERS: Pool<u8> = Pool::new();

/// Room kept beyond a gathered text: typing a few characters more still fits the buffer of the
/// version before.
fn room(len: usize) -> usize {
    len + len / 64 + 64
}

/// An immutable text, cheap to clone (a reference count).
#[derive(Clone)]
pub struct SharedText(Arc<Buffer>);

/// The owner of a text's allocation: gives it back to its pool when dropped.
struct Buffer(String, &'static Pool<u8>);

impl Drop for Buffer {
    fn drop(&mut self) {
        self.1.give(std::mem::take(&mut self.0).into_bytes());
    }
}

impl SharedText {
    /// The concatenation of `pieces` (a rope's chunks), in a recycled buffer when one is
    /// large enough.
    pub fn gather<'a>(len: usize, pieces: impl IntoIterator<Item = &'a str>) -> Self {
        Self::gather_in(&TEXT_BUFFERS, len, pieces)
    }

    fn gather_in<'a>(
        pool: &'static Pool<u8>,
        len: usize,
        pieces: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        // The pool hands out emptied buffers, so this is never the default.
        let mut buffer = String::from_utf8(pool.take_or_new(len, room(len))).unwrap_or_default();
        for piece in pieces {
            buffer.push_str(piece);
        }
        Self(Arc::new(Buffer(buffer, pool)))
    }

    pub fn as_str(&self) -> &str {
        &self.0 .0
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for SharedText {
    /// Takes the string's allocation as it is: no copy.
    fn from(text: String) -> Self {
        Self(Arc::new(Buffer(text, &TEXT_BUFFERS)))
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> Self {
        Self::gather(text.len(), [text])
    }
}

impl Default for SharedText {
    fn default() -> Self {
        Self::from(String::new())
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_text_lends_its_buffer_to_the_next_version() {
        // A pool of its own: other tests' texts do not come and go in it.
        static POOL: Pool<u8> = Pool::new();
        let gather =
            |len, pieces: &[&str]| SharedText::gather_in(&POOL, len, pieces.iter().copied());
        let big = "x".repeat(300 * 1024);
        let first = gather(big.len(), &[&big]);
        let first_at = first.as_ptr();
        let held = first.clone();
        drop(first);
        // Still held: the next version cannot have the buffer.
        let second = gather(big.len() + 1, &[&big, "y"]);
        assert_ne!(second.as_ptr(), first_at);
        assert_eq!(&second[big.len()..], "y");
        drop(held);
        // The last holder let go: a text one character longer is built in the same buffer.
        let third = gather(big.len() + 2, &[&big, "yz"]);
        assert_eq!(third.as_ptr(), first_at);
        assert_eq!(third.len(), big.len() + 2);
        assert!(third.ends_with("xyz"));
    }

    #[test]
    fn a_string_is_taken_without_a_copy() {
        let s = String::from("{\"a\": 1}");
        let at = s.as_ptr();
        let text = SharedText::from(s);
        assert_eq!(text.as_ptr(), at);
        assert_eq!(&*text, "{\"a\": 1}");
    }
}
