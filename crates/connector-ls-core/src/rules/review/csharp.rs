//! A C# tokenizer for `script.csx`: enough of the lexical grammar to tell code from comments
//! and literals — line and block comments, regular, verbatim (`@"…"`), interpolated (`$"…"`,
//! `$@"…"`, `@$"…"`) and raw (`"""…"""`, `$"""…"""`) strings, character literals and
//! preprocessor lines. The script is never compiled or run.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// An identifier or keyword (`@`-prefixed verbatim identifiers without the `@`).
    Ident,
    /// A string literal of any form, its quotes and prefixes included.
    Str,
    /// A character literal.
    Char,
    Number,
    /// One punctuation character.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'t>(&self, src: &'t str) -> &'t str {
        &src[self.start..self.end]
    }
}

/// The tokens of `src`. Never fails: an unterminated comment or literal runs to the end of the
/// text (or of its line, for a regular string or a character literal).
pub(super) fn tokenize(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // At the start of a line (only whitespace before): where `#` opens a directive.
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c == b'#' && line_start {
            i = line_end(b, i);
            continue;
        }
        line_start = false;
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            i = line_end(b, i);
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i = find(b, i + 2, b"*/").map_or(b.len(), |e| e + 2);
            continue;
        }
        // String prefixes: `$`s and at most one `@`, then a quote.
        let mut j = i;
        let (mut dollars, mut at) = (0usize, false);
        while j < b.len() && (b[j] == b'$' || (b[j] == b'@' && !at)) {
            if b[j] == b'$' {
                dollars += 1;
            } else {
                at = true;
            }
            j += 1;
        }
        if j < b.len() && b[j] == b'"' && (j > i || c == b'"') {
            i = string_end(b, j, dollars > 0, at);
            out.push(Token {
                kind: Kind::Str,
                start,
                end: i,
            });
            continue;
        }
        if c == b'\'' {
            i = char_end(b, i);
            out.push(Token {
                kind: Kind::Char,
                start,
                end: i,
            });
            continue;
        }
        if c == b'@' && b.get(i + 1).is_some_and(|n| is_ident_start(*n)) {
            // `@class`: a verbatim identifier.
            i += 1;
            let s = i;
            while i < b.len() && is_ident_part(b[i]) {
                i += 1;
            }
            out.push(Token {
                kind: Kind::Ident,
                start: s,
                end: i,
            });
            continue;
        }
        if is_ident_start(c) {
            while i < b.len() && is_ident_part(b[i]) {
                i += 1;
            }
            out.push(Token {
                kind: Kind::Ident,
                start,
                end: i,
            });
            continue;
        }
        if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.') {
                // `1.ToString()`: a dot followed by a letter ends the number.
                if b[i] == b'.' && !b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    break;
                }
                i += 1;
            }
            out.push(Token {
                kind: Kind::Number,
                start,
                end: i,
            });
            continue;
        }
        // Punctuation, one character (a multi-byte character is skipped whole).
        i += utf8_len(c);
        out.push(Token {
            kind: Kind::Punct,
            start,
            end: i.min(b.len()),
        });
    }
    out
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_ident_part(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

fn line_end(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| from + p)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// The end of a character literal starting at `i` (its `'`).
fn char_end(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() && b[j] != b'\'' && b[j] != b'\n' {
        if b[j] == b'\\' {
            j += 1;
        }
        j += 1;
    }
    (j + 1).min(b.len())
}

/// The end of a string literal whose first quote is at `q`.
fn string_end(b: &[u8], q: usize, interpolated: bool, verbatim: bool) -> usize {
    let quotes = b[q..].iter().take_while(|&&c| c == b'"').count();
    if quotes >= 3 {
        // A raw string: it ends at the first run of as many quotes.
        let closing = vec![b'"'; quotes];
        return find(b, q + quotes, &closing).map_or(b.len(), |e| {
            // A longer run of quotes closes it too (the extra ones belong to the content).
            let run = b[e..].iter().take_while(|&&c| c == b'"').count();
            e + run
        });
    }
    let mut j = q + 1;
    while j < b.len() {
        match b[j] {
            b'"' if verbatim && b.get(j + 1) == Some(&b'"') => j += 2,
            b'"' => return j + 1,
            b'\\' if !verbatim => j += 2,
            b'\n' if !verbatim => return j,
            b'{' if interpolated && b.get(j + 1) == Some(&b'{') => j += 2,
            b'{' if interpolated => j = hole_end(b, j + 1),
            _ => j += 1,
        }
    }
    b.len()
}

/// The end of an interpolation hole whose content starts at `from` (after its `{`): the
/// matching `}`, skipping nested braces and string and character literals.
fn hole_end(b: &[u8], from: usize) -> usize {
    let mut depth = 1;
    let mut j = from;
    while j < b.len() {
        match b[j] {
            b'{' => {
                depth += 1;
                j += 1;
            }
            b'}' => {
                depth -= 1;
                j += 1;
                if depth == 0 {
                    return j;
                }
            }
            b'"' => j = string_end(b, j, false, false),
            b'@' | b'$' if matches!(b.get(j + 1), Some(b'"' | b'$' | b'@')) => {
                let mut k = j;
                let (mut interp, mut verb) = (false, false);
                while k < b.len() && matches!(b[k], b'$' | b'@') {
                    interp |= b[k] == b'$';
                    verb |= b[k] == b'@';
                    k += 1;
                }
                j = if b.get(k) == Some(&b'"') {
                    string_end(b, k, interp, verb)
                } else {
                    k
                };
            }
            b'\'' => j = char_end(b, j),
            _ => j += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idents(src: &str) -> Vec<&str> {
        tokenize(src)
            .into_iter()
            .filter(|t| t.kind == Kind::Ident)
            .map(|t| t.text(src))
            .collect()
    }

    #[test]
    fn comments_and_literals_hide_code() {
        let src = r#"// new HttpClient()
/* File.ReadAllText */ var a = "new HttpClient"; var b = @"C:\path"" File.Delete";
var c = $"{x} {{File}} {"in hole"}"; var d = """raw "" File.Open """; char e = '"';
#if DEBUG
var f = 1;"#;
        assert_eq!(
            idents(src),
            ["var", "a", "var", "b", "var", "c", "var", "d", "char", "e", "var", "f"]
        );
        let strings: Vec<&str> = tokenize(src)
            .into_iter()
            .filter(|t| t.kind == Kind::Str)
            .map(|t| t.text(src))
            .collect();
        assert_eq!(
            strings,
            [
                r#""new HttpClient""#,
                r#"@"C:\path"" File.Delete""#,
                r#"$"{x} {{File}} {"in hole"}""#,
                r#""""raw "" File.Open """"#
            ]
        );
    }

    #[test]
    fn unterminated_input_ends() {
        for src in [
            "\"abc", "@\"abc", "$\"{abc", "/* x", "'", "\"\"\"", "$@\"{\"", "é",
        ] {
            let _ = tokenize(src);
        }
    }
}
