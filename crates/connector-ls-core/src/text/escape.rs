//! Escaping package text for terminals and CI logs.
//!
//! Keys, values, file names and source lines of a package are untrusted: an ESC (`\u001b` in a
//! JSON string decodes to one) starts a terminal control sequence that can recolour or hide
//! output, or write the clipboard (OSC 52); a BEL rings; a CR or LF forges lines; bidirectional
//! controls reorder what is shown. Every piece of package text the CLI prints goes through
//! [`escape`] first.
//!
//! **The form.** A character that must not reach a terminal is written as its code point in
//! Rust's escape syntax: ESC becomes `\u{1b}`, U+202E becomes `\u{202e}`. Escaped are the C0
//! controls except TAB (so LF and CR too), DEL, the C1 controls (U+0080..=U+009F), and the
//! bidirectional controls and marks (U+061C, U+200E, U+200F, U+202A..=U+202E,
//! U+2066..=U+2069). The escaped text is plain ASCII where it differs from the original, so a
//! caret line computed on it ([`escape_span`]) lines up.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is escaped by [`escape`].
pub fn is_unsafe(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x08 | 0x0A..=0x1F | 0x7F..=0x9F
        | 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}

/// The byte offset and the character of the first [unsafe](is_unsafe) character of `s`.
///
/// A byte scan, not a decoding one: almost all text has nothing to escape, and every unsafe
/// character is either an ASCII byte or starts with one of three lead bytes (`0xC2` for DEL's
/// C1 neighbours, `0xD8` for U+061C, `0xE2` for the marks and embeddings at U+2000..), so only
/// those characters are decoded.
pub fn first_unsafe(s: &str) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Sixteen printable ASCII bytes at a time (one vector comparison), the common case.
        if let Some(chunk) = bytes.get(i..i + 16) {
            if chunk
                .iter()
                .fold(true, |plain, &b| plain & (b.wrapping_sub(0x20) < 0x5F))
            {
                i += 16;
                continue;
            }
        }
        let b = bytes[i];
        let suspect = match b {
            0x00..=0x08 | 0x0A..=0x1F | 0x7F => return Some((i, b as char)),
            0xC2 | 0xD8 | 0xE2 => true,
            _ => false,
        };
        if suspect {
            // A lead byte starts a character: `i` is a character boundary.
            if let Some(c) = s[i..].chars().next() {
                if is_unsafe(c) {
                    return Some((i, c));
                }
                i += c.len_utf8();
                continue;
            }
        }
        i += 1;
    }
    None
}

/// Whether `s` has an [unsafe](is_unsafe) character ([`first_unsafe`]).
pub fn has_unsafe(s: &str) -> bool {
    first_unsafe(s).is_some()
}

/// `s` with every [unsafe](is_unsafe) character written as `\u{XX}`; borrowed when there is
/// none.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !has_unsafe(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push(&mut out, c);
    }
    Cow::Owned(out)
}

fn push(out: &mut String, c: char) {
    if is_unsafe(c) {
        // Writing to a `String` cannot fail.
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    } else {
        out.push(c);
    }
}

/// How many characters `c` takes once escaped.
fn width(c: char) -> usize {
    if is_unsafe(c) {
        // `\u{` + hex digits + `}`.
        let digits = format!("{:x}", c as u32).len();
        4 + digits
    } else {
        1
    }
}

/// Escapes a source line that has a span `from..from + len` (in characters of `line`) and
/// returns the escaped line with the span moved onto it (in characters of the escaped line):
/// an escaped character inside the span widens it, one before it moves it right.
pub fn escape_span(line: &str, from: usize, len: usize) -> (Cow<'_, str>, usize, usize) {
    if !has_unsafe(line) {
        return (Cow::Borrowed(line), from, len);
    }
    let (mut new_from, mut new_len) = (0, 0);
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.chars().enumerate() {
        let w = width(c);
        if i < from {
            new_from += w;
        } else if i < from + len {
            new_len += w;
        }
        push(&mut out, c);
    }
    // A span past the end of the line (an empty range at its end) keeps its distance from it.
    let total = line.chars().count();
    if from > total {
        new_from += from - total;
    }
    if from + len > total.max(from) {
        new_len += from + len - total.max(from);
    }
    (Cow::Owned(out), new_from, new_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(escape("tab\tand ünïcödé"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_become_visible_code_points() {
        assert_eq!(
            escape("a\u{1b}[31mb\u{7}c\nd\re\u{7f}f\u{9b}g\u{202e}h\u{2066}i"),
            "a\\u{1b}[31mb\\u{7}c\\u{a}d\\u{d}e\\u{7f}f\\u{9b}g\\u{202e}h\\u{2066}i"
        );
        // An OSC 52 clipboard write is left without its introducer and terminator.
        let osc = escape("\u{1b}]52;c;aGk=\u{7}");
        assert!(!osc.contains('\u{1b}') && !osc.contains('\u{7}'));
    }

    #[test]
    fn the_byte_scan_finds_what_decoding_finds() {
        for c in (0u32..0x3000)
            .chain([0xFEFF, 0x1F600, 0x10FFFF])
            .filter_map(char::from_u32)
        {
            for s in [
                c.to_string(),
                format!("ab{c}cd\u{e9}"),
                format!("\u{20ac}{c}"),
            ] {
                let decoded = s.char_indices().find(|&(_, c)| is_unsafe(c));
                assert_eq!(first_unsafe(&s), decoded, "{s:?}");
            }
        }
    }

    #[test]
    fn every_escaped_character_is_gone() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let s = c.to_string();
            let e = escape(&s);
            assert!(!e.chars().any(is_unsafe), "{c:?}");
            assert_eq!(e.chars().count(), width(c), "{c:?}");
        }
    }

    #[test]
    fn spans_move_with_the_escapes() {
        let (line, from, len) = escape_span("\u{1b}ab\u{202e}cd", 1, 3);
        assert_eq!(line, "\\u{1b}ab\\u{202e}cd");
        let shown: String = line.chars().skip(from).take(len).collect();
        assert_eq!(shown, "ab\\u{202e}");
        // Nothing to escape: unchanged.
        assert_eq!(escape_span("abc", 1, 1), (Cow::Borrowed("abc"), 1, 1));
        // A caret just past the end stays just past the end.
        let (line, from, len) = escape_span("a\u{7}", 2, 1);
        assert_eq!((line.chars().count(), from, len), (6, 6, 1));
    }
}
