//! Byte-level JSON tokenizer with leniencies: comments, unterminated strings, stray characters.

use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Colon,
    Comma,
    String,
    Number,
    True,
    False,
    Null,
    /// A run of characters that starts no valid token (a bare word, a stray symbol).
    Invalid,
    Eof,
}

/// Something the scanner noticed that is not strict JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ScanIssue {
    Comment(TextRange),
    UnterminatedComment(TextRange),
    UnterminatedString(TextRange),
    InvalidEscape(TextRange),
    ControlCharacterInString(TextRange),
    InvalidNumber(TextRange),
    UnicodeWhitespace(TextRange),
}

pub(crate) struct Scanner<'t> {
    bytes: &'t [u8],
    pos: usize,
    pub(crate) issues: Vec<ScanIssue>,
    /// Whether the last string token contains escapes (so its value must be decoded).
    pub(crate) string_has_escape: bool,
    /// Whether the last string token lacked its closing quote.
    pub(crate) string_unterminated: bool,
}

impl<'t> Scanner<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Self {
            bytes: text.as_bytes(),
            pos: 0,
            issues: Vec::new(),
            string_has_escape: false,
            string_unterminated: false,
        }
    }

    /// Moves the scanner to `pos` (a token boundary it produced before).
    pub(crate) fn seek(&mut self, pos: usize) {
        self.pos = pos;
    }

    /// Scans the next token and returns it with its range. Comments and whitespace are skipped.
    pub(crate) fn next(&mut self) -> (Token, TextRange) {
        self.skip_trivia();
        let start = self.pos;
        let Some(&b) = self.bytes.get(self.pos) else {
            return (Token::Eof, TextRange::from_usize(start, start));
        };
        let tok = match b {
            b'{' => self.single(Token::LBrace),
            b'}' => self.single(Token::RBrace),
            b'[' => self.single(Token::LBracket),
            b']' => self.single(Token::RBracket),
            b':' => self.single(Token::Colon),
            b',' => self.single(Token::Comma),
            b'"' => self.string(),
            b'-' | b'0'..=b'9' => self.number(),
            _ => self.word(),
        };
        (tok, TextRange::from_usize(start, self.pos))
    }

    fn single(&mut self, tok: Token) -> Token {
        self.pos += 1;
        tok
    }

    fn skip_trivia(&mut self) {
        loop {
            match self.bytes.get(self.pos) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => {
                    // Pretty-printed documents are mostly indentation: take the whole run.
                    self.pos += 1 + self.bytes[self.pos + 1..]
                        .iter()
                        .take_while(|&&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
                        .count();
                }
                Some(b'/') => match self.bytes.get(self.pos + 1) {
                    Some(b'/') => {
                        let start = self.pos;
                        while let Some(&c) = self.bytes.get(self.pos) {
                            if c == b'\n' || c == b'\r' {
                                break;
                            }
                            self.pos += 1;
                        }
                        self.issues
                            .push(ScanIssue::Comment(TextRange::from_usize(start, self.pos)));
                    }
                    Some(b'*') => {
                        let start = self.pos;
                        self.pos += 2;
                        let mut closed = false;
                        while self.pos < self.bytes.len() {
                            if self.bytes[self.pos] == b'*'
                                && self.bytes.get(self.pos + 1) == Some(&b'/')
                            {
                                self.pos += 2;
                                closed = true;
                                break;
                            }
                            self.pos += 1;
                        }
                        let range = TextRange::from_usize(start, self.pos);
                        self.issues.push(if closed {
                            ScanIssue::Comment(range)
                        } else {
                            ScanIssue::UnterminatedComment(range)
                        });
                    }
                    _ => return,
                },
                // Json.NET skips any Unicode whitespace (`char.IsWhiteSpace`) between tokens.
                Some(&b) if b >= 0x80 => {
                    let len = unicode_space_len(&self.bytes[self.pos..]);
                    if len == 0 {
                        return;
                    }
                    if self.pos == 0 && b == 0xEF {
                        // A byte order mark at the start of an editor buffer is not content.
                        self.pos += len;
                        continue;
                    }
                    self.issues
                        .push(ScanIssue::UnicodeWhitespace(TextRange::from_usize(
                            self.pos,
                            self.pos + len,
                        )));
                    self.pos += len;
                }
                _ => return,
            }
        }
    }

    fn string(&mut self) -> Token {
        let start = self.pos;
        self.pos += 1;
        self.string_has_escape = false;
        self.string_unterminated = false;
        loop {
            // Fast path over plain bytes: jump to the next quote or backslash, then make sure no
            // control character (a line break, say) was jumped over.
            let rest = &self.bytes[self.pos..];
            let stop = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
            let plain = match has_control(&rest[..stop]) {
                true => rest[..stop].iter().position(|&c| c < 0x20).unwrap_or(stop),
                false => stop,
            };
            self.pos += plain;
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Token::String;
                }
                Some(b'\\') => {
                    self.string_has_escape = true;
                    let esc_start = self.pos;
                    self.pos += 1;
                    match self.bytes.get(self.pos) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 1
                        }
                        Some(b'u') => {
                            self.pos += 1;
                            let hex = self.bytes[self.pos..]
                                .iter()
                                .take(4)
                                .take_while(|c| c.is_ascii_hexdigit())
                                .count();
                            self.pos += hex;
                            if hex < 4 {
                                self.issues
                                    .push(ScanIssue::InvalidEscape(TextRange::from_usize(
                                        esc_start, self.pos,
                                    )));
                            }
                        }
                        Some(b'\n' | b'\r') | None => {}
                        Some(_) => {
                            self.pos += utf8_len(self.bytes[self.pos]);
                            self.issues
                                .push(ScanIssue::InvalidEscape(TextRange::from_usize(
                                    esc_start, self.pos,
                                )));
                        }
                    }
                }
                Some(b'\n' | b'\r') | None => {
                    // Strings cannot span lines: end the string here so a half-typed key does not
                    // swallow the rest of the document.
                    self.string_unterminated = true;
                    self.issues
                        .push(ScanIssue::UnterminatedString(TextRange::from_usize(
                            start, self.pos,
                        )));
                    return Token::String;
                }
                Some(_) => {
                    // A raw control character (a tab, say): Json.NET rejects it in strict mode.
                    self.issues
                        .push(ScanIssue::ControlCharacterInString(TextRange::from_usize(
                            self.pos,
                            self.pos + 1,
                        )));
                    self.pos += 1;
                }
            }
        }
    }

    fn number(&mut self) -> Token {
        let start = self.pos;
        while let Some(&c) = self.bytes.get(self.pos) {
            if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.') {
                self.pos += 1;
            } else {
                break;
            }
        }
        if !is_valid_number(&self.bytes[start..self.pos]) {
            self.issues
                .push(ScanIssue::InvalidNumber(TextRange::from_usize(
                    start, self.pos,
                )));
        }
        Token::Number
    }

    fn word(&mut self) -> Token {
        let start = self.pos;
        let first = self.bytes[self.pos];
        if first.is_ascii_alphanumeric() || first == b'_' || first == b'$' {
            while let Some(&c) = self.bytes.get(self.pos) {
                if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'-' || c == b'.' {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            return match &self.bytes[start..self.pos] {
                b"true" => Token::True,
                b"false" => Token::False,
                b"null" => Token::Null,
                _ => Token::Invalid,
            };
        }
        self.pos += utf8_len(first);
        Token::Invalid
    }
}

/// The byte length of a non-ASCII whitespace character at the start of `bytes` (0 if none).
fn unicode_space_len(bytes: &[u8]) -> usize {
    let len = utf8_len(bytes[0]).min(bytes.len());
    match std::str::from_utf8(&bytes[..len])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) if c.is_whitespace() || c == '\u{feff}' => len,
        _ => 0,
    }
}

/// Whether `bytes` holds a control character. No early exit, so that the compiler vectorizes it:
/// strings are most of a swagger's bytes and almost never contain one.
fn has_control(bytes: &[u8]) -> bool {
    bytes.iter().fold(0u8, |seen, &c| seen | u8::from(c < 0x20)) != 0
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// RFC 8259 number grammar: `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`.
fn is_valid_number(s: &[u8]) -> bool {
    let mut i = 0;
    if s.get(i) == Some(&b'-') {
        i += 1;
    }
    match s.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while s.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        _ => return false,
    }
    if s.get(i) == Some(&b'.') {
        i += 1;
        let d = i;
        while s.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == d {
            return false;
        }
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let d = i;
        while s.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == d {
            return false;
        }
    }
    i == s.len()
}

/// Decodes the content of a string token (without its quotes), replacing invalid escapes and
/// lone surrogates with U+FFFD.
pub(crate) fn decode_string(raw: &str, out: &mut String) {
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hi = read_hex4(&mut chars);
                match hi {
                    Some(h @ 0xD800..=0xDBFF) => {
                        let rest = chars.as_str();
                        if let Some(tail) = rest.strip_prefix("\\u") {
                            let mut lo_chars = tail.chars();
                            if let Some(l @ 0xDC00..=0xDFFF) = read_hex4(&mut lo_chars) {
                                let cp = 0x10000 + ((h - 0xD800) << 10) + (l - 0xDC00);
                                out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                                chars = lo_chars;
                                continue;
                            }
                        }
                        out.push('\u{fffd}');
                    }
                    Some(cp) => out.push(char::from_u32(cp).unwrap_or('\u{fffd}')),
                    None => out.push('\u{fffd}'),
                }
            }
            Some(other) => {
                out.push('\u{fffd}');
                out.push(other);
            }
            None => {}
        }
    }
}

fn read_hex4(chars: &mut std::str::Chars<'_>) -> Option<u32> {
    let s = chars.as_str();
    let hex = s.get(..4)?;
    let v = u32::from_str_radix(hex, 16).ok()?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    *chars = s[4..].chars();
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        for ok in ["0", "-1", "1.5", "1e9", "1E-9", "-0.0e+1", "1e999"] {
            assert!(is_valid_number(ok.as_bytes()), "{ok}");
        }
        for bad in ["01", "-", "1.", ".5", "1e", "1x", "+1", "0x10"] {
            assert!(!is_valid_number(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn decoding() {
        let mut s = String::new();
        decode_string(r#"a\"b\u00e9\ud83d\ude00\ud800x\n"#, &mut s);
        assert_eq!(s, "a\"bé😀\u{fffd}x\n");
    }
}
