//! The syntax of a .NET regular expression (the platform evaluates `pattern` with
//! `System.Text.RegularExpressions`), checked without .NET and without stopping at the first
//! error.
//!
//! Two passes:
//! 1. A scan of what only .NET reads its own way — escapes, character classes (a `[` inside
//!    one is literal, `-[...]` subtracts), quantifiers (`a++` is a nested quantifier, not a
//!    possessive one), inline options (`n`), balancing groups (`(?<a-b>...)`), conditionals on
//!    a look-around (`(?(?=x)...)`) — which reports what it finds wrong and rewrites the rest to
//!    the syntax of fancy-regex's parser (every rewritten byte remembers its original offset).
//! 2. fancy-regex's parser ([`fancy_regex::Expr::parse_tree`]), which knows look-around, atomic
//!    groups, named groups and back-references, for the structure (parentheses, quantifiers
//!    following nothing, group names). It stops at an error, so the error is recorded, the
//!    offending piece is neutralized (a same-length literal, or the missing `)`) and the parse
//!    runs again, up to [`MAX_ERRORS`] errors.
//!
//! The messages are .NET's (`Unterminated [] set`, `Not enough )'s`, ...).

use fancy_regex::{Error, Expr, ParseError};

/// Errors reported for one pattern at most; the parse does not run more often than this.
pub const MAX_ERRORS: usize = 8;

/// One syntax error of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    /// 0-based character (not byte) index in the pattern.
    pub at: usize,
    pub message: String,
}

/// Every syntax error found in `pattern` (empty when .NET accepts it, as far as can be told
/// without .NET), sorted by position.
pub fn errors(pattern: &str) -> Vec<PatternError> {
    let mut scan = Scan::new(pattern);
    scan.run();
    let Scan {
        mut out,
        mut map,
        mut errors,
        ..
    } = scan;
    for _ in 0..MAX_ERRORS {
        if errors.len() >= MAX_ERRORS {
            break;
        }
        let Err(e) = Expr::parse_tree(&out) else {
            break;
        };
        let Some((at, message, fix)) = explain(&out, &e) else {
            // An error this module does not know how to step over: reported once, as it is.
            errors.push((map_at(&map, pattern, e_pos(&e)), e.to_string()));
            break;
        };
        if let Some(message) = message {
            errors.push((map_at(&map, pattern, at), message));
        }
        match fix {
            Fix::Neutralize(start, len) => {
                out.replace_range(start..start + len, &"a".repeat(len));
            }
            Fix::Append(s) => {
                out.push_str(s);
                let end = *map.last().unwrap_or(&pattern.len());
                map.extend(std::iter::repeat_n(end, s.len()));
            }
        }
    }
    errors.sort_by_key(|e| e.0);
    errors.dedup();
    errors.truncate(MAX_ERRORS);
    errors
        .into_iter()
        .map(|(byte, message)| PatternError {
            at: pattern[..byte.min(pattern.len())].chars().count(),
            message,
        })
        .collect()
}

fn e_pos(e: &Error) -> usize {
    match e {
        Error::ParseError(at, _) => *at,
        _ => 0,
    }
}

/// The original byte offset of byte `at` of the rewritten pattern.
fn map_at(map: &[usize], pattern: &str, at: usize) -> usize {
    map.get(at).copied().unwrap_or(pattern.len())
}

enum Fix {
    /// Replace this many bytes from this offset of the rewritten pattern with `a`s.
    Neutralize(usize, usize),
    Append(&'static str),
}

/// What a fancy-regex error means in .NET's words (`None`: .NET accepts it), at which byte of
/// the rewritten pattern `re`, and how to step over it.
fn explain(re: &str, e: &Error) -> Option<(usize, Option<String>, Fix)> {
    let Error::ParseError(at, kind) = e else {
        return None;
    };
    let at = (*at).min(re.len());
    let b = re.as_bytes();
    let char_len = |i: usize| re[i..].chars().next().map_or(1, char::len_utf8);
    // The backslash of the escape an error points into (at it, or one or two bytes before).
    let backslash = || {
        (at.saturating_sub(2)..=at)
            .rev()
            .find(|&i| b.get(i) == Some(&b'\\'))
    };
    Some(match kind {
        ParseError::UnclosedOpenParen => (at, Some("Not enough )'s".into()), Fix::Append(")")),
        ParseError::GeneralParseError(_) if at < re.len() && b[at] == b')' => {
            (at, Some("Too many )'s".into()), Fix::Neutralize(at, 1))
        }
        ParseError::TargetNotRepeatable => {
            let len = quantifier_len(&b[at..]).max(1);
            let before = re[..at].trim_end();
            // A quantified group, even an empty one or a look-around, is valid .NET.
            let message = (!before.ends_with(')')).then(|| {
                format!(
                    "Quantifier '{}' following nothing",
                    String::from_utf8_lossy(&b[at..at + len])
                )
            });
            (at, message, Fix::Neutralize(at, len))
        }
        ParseError::TrailingBackslash => (
            at,
            Some("Illegal \\ at end of pattern".into()),
            Fix::Neutralize(at, 1),
        ),
        ParseError::InvalidEscape(s) => {
            let i = backslash()?;
            (
                i,
                Some(format!("Unrecognized escape sequence {s}")),
                Fix::Neutralize(i, 1),
            )
        }
        ParseError::InvalidHex | ParseError::InvalidCodepointValue => {
            let i = backslash()?;
            (
                i,
                Some("Insufficient hex digits".into()),
                Fix::Neutralize(i, 1),
            )
        }
        ParseError::UnclosedUnicodeName => {
            let i = backslash()?;
            (
                i,
                Some("Incomplete \\p{X} character escape".into()),
                Fix::Neutralize(i, 1),
            )
        }
        ParseError::UnknownFlag(_) => {
            // At the byte after `(?`: the `?` goes, a plain group stays.
            let q = at.checked_sub(1).filter(|&i| b[i] == b'?')?;
            (
                q - 1,
                Some("Unrecognized grouping construct".into()),
                Fix::Neutralize(q, 1),
            )
        }
        ParseError::InvalidGroupName => {
            if b.get(at) == Some(&b'?') {
                (
                    at.saturating_sub(1),
                    Some("Invalid group name: group names must begin with a word character".into()),
                    Fix::Neutralize(at, 1),
                )
            } else {
                let i = backslash()?;
                (
                    i,
                    Some("Malformed \\k<...> named back reference".into()),
                    Fix::Neutralize(i, 2),
                )
            }
        }
        // A back-reference to a group defined later: .NET resolves names at the end.
        ParseError::InvalidGroupNameBackref(_) => {
            let i = backslash()?;
            (i, None, Fix::Neutralize(i, 2))
        }
        ParseError::InvalidBackref => match backslash() {
            Some(i) if b.get(i + 1) == Some(&b'k') => {
                let name: String = re
                    .get(i + 3..)
                    .unwrap_or_default()
                    .chars()
                    .take_while(|c| !matches!(c, '>' | '\''))
                    .collect();
                (
                    i,
                    Some(format!("Reference to undefined group name '{name}'")),
                    Fix::Neutralize(i, 2),
                )
            }
            _ => {
                let digits: String = re[at..].chars().take_while(char::is_ascii_digit).collect();
                (
                    at,
                    Some(format!("Reference to undefined group number {digits}")),
                    Fix::Neutralize(at, char_len(at).min(re.len() - at).max(1)),
                )
            }
        },
        ParseError::RecursionExceeded => return None,
        _ if at < re.len() => (
            at,
            Some(format!("{kind}")),
            Fix::Neutralize(at, char_len(at)),
        ),
        _ => (at, Some(format!("{kind}")), Fix::Append(")")),
    })
}

/// The length of the quantifier at the start of `b` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`),
/// 0 when there is none. `{,m}` is literal text in .NET.
fn quantifier_len(b: &[u8]) -> usize {
    match b.first() {
        Some(b'*' | b'+' | b'?') => 1,
        Some(b'{') => braces(b).map_or(0, |(len, _, _)| len),
        _ => 0,
    }
}

/// `{n}`, `{n,}` or `{n,m}` at the start of `b`: its length and bounds.
fn braces(b: &[u8]) -> Option<(usize, u64, Option<u64>)> {
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let number = |from: usize, n: usize| -> u64 {
        std::str::from_utf8(&b[from..from + n])
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(u64::MAX)
    };
    let n = digits(1);
    if n == 0 {
        return None;
    }
    let lo = number(1, n);
    let mut i = 1 + n;
    let hi = match b.get(i) {
        Some(b'}') => Some(lo),
        Some(b',') => {
            let m = digits(i + 1);
            let hi = (m > 0).then(|| number(i + 1, m));
            i += 1 + m;
            if b.get(i) != Some(&b'}') {
                return None;
            }
            hi
        }
        _ => return None,
    };
    Some((i + 1, lo, hi))
}

/// What came before, for the quantifier that follows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of the pattern, `(` or `|`: a quantifier here follows nothing (the parser says so).
    Nothing,
    Atom,
    Quantifier,
    /// A quantifier with its lazy `?`.
    Lazy,
}

/// The first pass: .NET-only syntax checked and rewritten for fancy-regex.
struct Scan<'p> {
    p: &'p str,
    b: &'p [u8],
    i: usize,
    out: String,
    /// For each byte of `out`, the byte of `p` it comes from; one more entry for the end.
    map: Vec<usize>,
    errors: Vec<(usize, String)>,
    prev: Prev,
    /// An inline option turned on `x` (white space and `#` comments ignored) somewhere before:
    /// a `#` outside a class then starts a comment to the end of the line.
    extended: bool,
}

/// Letters that are escapes outside a character class (besides `k`, `c`, `x`, `u`, `p`, `P`
/// and digits, read apart).
const ESCAPES: &[u8] = b"abtrvfnedDwWsSAZzGB";
/// Inside a class (`\b` is a backspace there).
const CLASS_ESCAPES: &[u8] = b"abtrvfnedDwWsS";

impl<'p> Scan<'p> {
    fn new(p: &'p str) -> Self {
        Self {
            p,
            b: p.as_bytes(),
            i: 0,
            out: String::with_capacity(p.len() + 4),
            map: Vec::with_capacity(p.len() + 5),
            errors: Vec::new(),
            prev: Prev::Nothing,
            extended: false,
        }
    }

    /// Copies `len` bytes of the pattern from the cursor.
    fn copy(&mut self, len: usize) {
        let end = (self.i + len).min(self.p.len());
        self.out.push_str(&self.p[self.i..end]);
        self.map.extend(self.i..end);
        self.i = end;
    }

    /// Writes `s` for the pattern's bytes `at..`, without moving the cursor.
    fn write(&mut self, s: &str, at: usize) {
        self.out.push_str(s);
        self.map.extend(std::iter::repeat_n(at, s.len()));
    }

    /// Skips `len` bytes of the pattern, writing as many `a`s (a literal the parser accepts).
    fn neutralize(&mut self, len: usize) {
        let end = (self.i + len).min(self.p.len());
        // Whole characters only: `len` counts bytes of ASCII syntax, a multi-byte character
        // after it stays.
        for _ in self.i..end {
            self.out.push('a');
        }
        self.map.extend(self.i..end);
        self.i = end;
    }

    fn error(&mut self, at: usize, message: String) {
        self.errors.push((at, message));
    }

    fn char_len(&self, at: usize) -> usize {
        self.p[at..].chars().next().map_or(1, char::len_utf8)
    }

    fn run(&mut self) {
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => {
                    self.escape(false);
                    self.prev = Prev::Atom;
                }
                b'[' => {
                    self.class();
                    self.prev = Prev::Atom;
                }
                b'(' => self.group(),
                b'#' if self.extended => {
                    let len = self.p[self.i..].find('\n').unwrap_or(self.p.len() - self.i);
                    self.copy(len);
                }
                b'|' => {
                    self.copy(1);
                    self.prev = Prev::Nothing;
                }
                b'*' | b'+' | b'?' | b'{' => self.quantifier(),
                _ => {
                    let len = self.char_len(self.i);
                    self.copy(len);
                    self.prev = Prev::Atom;
                }
            }
        }
        self.map.push(self.p.len());
    }

    fn quantifier(&mut self) {
        let at = self.i;
        let c = self.b[at];
        let (len, bounds) = if c == b'{' {
            match braces(&self.b[at..]) {
                Some((len, lo, hi)) => (len, Some((lo, hi))),
                None => {
                    // Literal text in .NET.
                    self.copy(1);
                    self.prev = Prev::Atom;
                    return;
                }
            }
        } else {
            (1, None)
        };
        let text = &self.p[at..at + len];
        match self.prev {
            Prev::Quantifier if c == b'?' => {
                self.copy(1);
                self.prev = Prev::Lazy;
                return;
            }
            Prev::Quantifier | Prev::Lazy => {
                self.error(at, format!("Nested quantifier '{text}'"));
                self.neutralize(len);
                self.prev = Prev::Atom;
                return;
            }
            Prev::Nothing | Prev::Atom => {}
        }
        if let Some((lo, Some(hi))) = bounds {
            if hi < lo {
                self.error(at, "Illegal {x,y} with x > y".into());
                self.neutralize(len);
                self.prev = Prev::Atom;
                return;
            }
        }
        self.copy(len);
        self.prev = Prev::Quantifier;
    }

    /// An escape at the cursor; returns the character it stands for, when it is one (for the
    /// ranges of a class).
    fn escape(&mut self, in_class: bool) -> Option<char> {
        let at = self.i;
        let Some(&c) = self.b.get(at + 1) else {
            // The parser reports `Illegal \ at end of pattern`.
            self.copy(1);
            return None;
        };
        // The code unit of `n` hex digits (a UTF-16 surrogate too: .NET counts code units).
        let hex = |from: usize, n: usize| -> Option<u32> {
            let digits = self.p.get(from..from + n)?;
            if !digits.bytes().all(|d| d.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(digits, 16).ok()
        };
        match c {
            b'0'..=b'9' if c == b'0' || in_class => {
                // Octal (`\0`, `\012`): up to three digits.
                let n = self.b[at + 1..]
                    .iter()
                    .take(3)
                    .take_while(|d| (b'0'..=b'7').contains(d))
                    .count();
                let value = u32::from_str_radix(&self.p[at + 1..at + 1 + n.max(1)], 8).ok();
                if n == 0 {
                    // `\8`, `\9` in a class.
                    self.error(at, format!("Unrecognized escape sequence \\{}", c as char));
                }
                self.neutralize(1 + n.max(1));
                value.and_then(char::from_u32)
            }
            b'1'..=b'9' => {
                // A back-reference: the parser reads it.
                let n = self.b[at + 1..]
                    .iter()
                    .take_while(|d| d.is_ascii_digit())
                    .count();
                self.copy(1 + n);
                None
            }
            b'k' if !in_class => {
                self.copy(2);
                None
            }
            b'c' => {
                match self.b.get(at + 2) {
                    Some(&x) if x.is_ascii_alphabetic() || b"@[\\]^_".contains(&x) => {
                        self.neutralize(3);
                        return char::from_u32(u32::from(x.to_ascii_uppercase() ^ 0x40));
                    }
                    _ => {
                        self.error(at, "Unrecognized control character".into());
                        self.neutralize(2);
                    }
                }
                None
            }
            b'x' | b'u' => {
                let n = if c == b'x' { 2 } else { 4 };
                match hex(at + 2, n) {
                    Some(v) => {
                        self.neutralize(2 + n);
                        // A surrogate stands for no character here: no range is checked.
                        char::from_u32(v)
                    }
                    None => {
                        self.error(at, "Insufficient hex digits".into());
                        self.neutralize(2);
                        None
                    }
                }
            }
            b'p' | b'P' => {
                let name_len = (self.b.get(at + 2) == Some(&b'{'))
                    .then(|| self.p[at + 3..].find('}'))
                    .flatten()
                    .filter(|&n| n > 0);
                match name_len {
                    Some(n) => self.copy(4 + n),
                    None => {
                        self.error(at, "Incomplete \\p{X} character escape".into());
                        self.neutralize(2);
                    }
                }
                None
            }
            _ if c.is_ascii_alphabetic() => {
                let allowed = if in_class { CLASS_ESCAPES } else { ESCAPES };
                if !allowed.contains(&c) {
                    self.error(at, format!("Unrecognized escape sequence \\{}", c as char));
                    self.neutralize(2);
                    return None;
                }
                let value = match c {
                    b'a' => Some('\x07'),
                    b'b' if in_class => Some('\x08'),
                    b't' => Some('\t'),
                    b'r' => Some('\r'),
                    b'v' => Some('\x0b'),
                    b'f' => Some('\x0c'),
                    b'n' => Some('\n'),
                    b'e' => Some('\x1b'),
                    _ => None,
                };
                if value.is_some() {
                    // The parser reads `\b` in a class as a boundary: written as a literal.
                    self.neutralize(2);
                } else {
                    self.copy(2);
                }
                value
            }
            _ if c == b'_'
                || self.p[at + 1..].starts_with(|c: char| !c.is_ascii() && c.is_alphanumeric()) =>
            {
                // .NET refuses an escaped word character that is no escape.
                let len = 1 + self.char_len(at + 1);
                let shown = &self.p[at..at + len];
                self.error(at, format!("Unrecognized escape sequence {shown}"));
                self.neutralize(len);
                None
            }
            _ => {
                // Any other character escaped stands for itself.
                let len = 1 + self.char_len(at + 1);
                let value = self.p[at + 1..].chars().next();
                self.copy(len);
                value
            }
        }
    }

    /// A character class at the cursor (`[`), up to its `]`.
    fn class(&mut self) {
        let start = self.i;
        self.copy(1);
        if self.b.get(self.i) == Some(&b'^') {
            self.copy(1);
        }
        // A `]` first is literal.
        if self.b.get(self.i) == Some(&b']') {
            self.write("\\]", self.i);
            self.i += 1;
        }
        // The last single character of the class, and whether a `-` followed it.
        let mut last: Option<(usize, char)> = None;
        let mut dash: Option<(usize, char)> = None;
        loop {
            let Some(&c) = self.b.get(self.i) else {
                self.error(start, "Unterminated [] set".into());
                self.write("]", self.p.len());
                return;
            };
            let at = self.i;
            let value = match c {
                b']' => {
                    self.copy(1);
                    return;
                }
                b'-' if self.b.get(at + 1) == Some(&b'[') && at > start + 1 => {
                    // Subtraction: `-[...]`, the last element of the class.
                    self.copy(1);
                    self.class();
                    last = None;
                    dash = None;
                    continue;
                }
                b'-' if last.is_some() && dash.is_none() && self.b.get(at + 1) != Some(&b']') => {
                    self.copy(1);
                    dash = last.take();
                    continue;
                }
                b'\\' => self.escape(true),
                b'[' => {
                    // Literal in .NET, a nested class to the parser.
                    self.write("\\[", at);
                    self.i += 1;
                    Some('[')
                }
                _ => {
                    let len = self.char_len(at);
                    let v = self.p[at..].chars().next();
                    self.copy(len);
                    v
                }
            };
            match (dash.take(), value) {
                (Some((from, lo)), Some(hi)) => {
                    if hi < lo {
                        self.error(from, "[x-y] range in reverse order".into());
                    }
                    last = None;
                }
                (_, v) => last = v.map(|v| (at, v)),
            }
        }
    }

    /// A group at the cursor (`(`).
    fn group(&mut self) {
        let at = self.i;
        let rest = &self.p[at..];
        self.prev = Prev::Nothing;
        if !rest.starts_with("(?") {
            self.copy(1);
            return;
        }
        let after = &rest[2..];
        for known in ["=", "!", "<=", "<!", ">", ":", "#"] {
            if after.starts_with(known) {
                if known == "#" {
                    // A comment, up to the first `)`; unclosed, the parser says so.
                    let len = rest.find(')').map_or(rest.len(), |n| n + 1);
                    self.copy(len);
                    self.prev = Prev::Atom;
                } else {
                    self.copy(2 + known.len());
                }
                return;
            }
        }
        if let Some(cond) = after.strip_prefix('(') {
            // `(?(?=x)yes|no)`: the condition's own look-around is implied.
            self.copy(3);
            for look in ["?<=", "?<!", "?=", "?!"] {
                if cond.starts_with(look) {
                    self.i += look.len();
                    break;
                }
            }
            return;
        }
        if let Some(open) = after.chars().next().filter(|c| matches!(c, '<' | '\'')) {
            let close = if open == '<' { '>' } else { '\'' };
            let name_start = at + 3;
            let Some(len) = self.p[name_start..].find(close) else {
                // No end of the name: the parser says so.
                self.copy(3);
                return;
            };
            let name = &self.p[name_start..name_start + len];
            let (first, second) = match name.split_once('-') {
                Some((a, b)) => (a, Some(b)),
                None => (name, None),
            };
            let word =
                |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_');
            let valid =
                (first.is_empty() && second.is_some() || word(first)) && second.is_none_or(word);
            if !valid {
                self.error(
                    at,
                    "Invalid group name: group names must begin with a word character".into(),
                );
            }
            if first.is_empty() || !valid {
                // A balancing group that captures nothing (`(?<-b>...)`): a plain group.
                self.write("(?:", at);
            } else {
                self.write(&format!("(?<{first}>"), at);
            }
            self.i = name_start + len + 1;
            return;
        }
        // Inline options: `(?imnsx-imnsx)` or `(?imnsx-imnsx:...)`.
        let flags_len = after
            .bytes()
            .take_while(|c| c.is_ascii_alphabetic() || *c == b'-')
            .count();
        if flags_len > 0 && matches!(after.as_bytes().get(flags_len), Some(b')' | b':')) {
            let flags = &after[..flags_len];
            if flags.split('-').next().is_some_and(|on| on.contains('x')) {
                self.extended = true;
            }
            if let Some(bad) = flags.chars().find(|c| !"imnsx-".contains(*c)) {
                self.error(
                    at,
                    format!("Unrecognized grouping construct: option '{bad}'"),
                );
            }
            self.copy(2);
            // `n` (explicit capture) and the unknown options as `i`, which the parser knows.
            let written: String = flags
                .chars()
                .map(|c| if "-imsx".contains(c) { c } else { 'i' })
                .collect();
            self.write(&written, self.i);
            self.i += flags_len;
            if self.b[self.i] == b')' {
                self.copy(1);
                self.prev = Prev::Atom;
            } else {
                self.copy(1);
            }
            return;
        }
        // Anything else after `(?` is not .NET (`(?P<n>`, `(?|`, `(?~`): a plain group.
        self.error(at, "Unrecognized grouping construct".into());
        self.copy(1);
        self.neutralize(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(p: &str) -> Vec<String> {
        errors(p)
            .into_iter()
            .map(|e| format!("{}: {}", e.at, e.message))
            .collect()
    }

    #[test]
    fn valid_dotnet_patterns_have_no_error() {
        for ok in [
            "^[A-Z]{2}$",
            r"^\d+(\.\d+)?$",
            r"^(?=.*[a-z])(?=.*\d).{8,}$",
            r"(?<!\$)\b\d+",
            r"(?<=^|,)\w+",
            r"(?<year>\d{4})-\k<year>",
            r"(?'y'\d{4})-\k'y'",
            r"(?>a+)b",
            r"^(\w)\1$",
            r"(?<open>\()[^()]*(?<close-open>\))",
            r"(?<-open>\))",
            r"(?i)^[a-z]+$",
            r"(?in-sx:abc)",
            r"(?(?=\d)\d{3}|[a-z]{3})",
            r"(?(year)a|b)",
            r"^[\w.-]+@[\w-]+\.\w+$",
            r"^[\w\-._~:/?#[\]@!&'()*+,;=.]+$",
            r"[a&&b~~c]",
            r"[a-z-[aeiou]]",
            r"[]a]",
            r"\p{L}+\P{IsGreek}",
            r"\x41\u00e9\cM\0\e\t",
            r"[\b\x00-\x1f]",
            r"[\u00A0-\uD7FF\uF900-\uFDCF\uD800-\uDFFF]|\uD83D\uDE00",
            "a{,5}",
            "{abc}",
            "a{2,}?",
            "a+?b*?",
            "(?:)*",
            "(?=a)*b",
            r"(?#comment)abc",
            "(?x) [a-z]+ # a comment with [ and ( in it\n \\d",
            r"\-\.\ \#",
            "é+ü{2}",
            r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$",
            r"^https?://[^\s/$.?#].[^\s]*$",
            r"^\+?[1-9]\d{1,14}$",
            r"^(?!\s*$).+",
            r"^[^<>%&:\\?/]*$",
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?",
            r"^[\p{L}\p{Nd}_-[\p{Lu}]]+$",
            r"(?<1>a)\k<1>\1",
            r"^\$\(\)\*\+\.\?\[\]\^\{\}\|\\$",
            "",
        ] {
            assert_eq!(messages(ok), Vec::<String>::new(), "{ok}");
        }
    }

    #[test]
    fn errors_are_all_reported_with_their_position() {
        let cases: &[(&str, &[&str])] = &[
            ("(?=a)[unclosed", &["5: Unterminated [] set"]),
            ("^[A-Z{2}$", &["1: Unterminated [] set"]),
            ("(abc", &["4: Not enough )'s"]),
            ("abc)", &["3: Too many )'s"]),
            ("*a", &["0: Quantifier '*' following nothing"]),
            ("a{2,1}", &["1: Illegal {x,y} with x > y"]),
            ("a++", &["2: Nested quantifier '+'"]),
            ("a**", &["2: Nested quantifier '*'"]),
            ("[z-a]", &["1: [x-y] range in reverse order"]),
            (r"\q", &["0: Unrecognized escape sequence \\q"]),
            (r"\xZ1", &["0: Insufficient hex digits"]),
            (
                r"(?<n>a)\k<m>",
                &["7: Reference to undefined group name 'm'"],
            ),
            ("(?P<n>a)", &["0: Unrecognized grouping construct"]),
            ("(?q)a", &["0: Unrecognized grouping construct: option 'q'"]),
            ("a\\", &["1: Illegal \\ at end of pattern"]),
            (r"a\_b", &["1: Unrecognized escape sequence \\_"]),
            ("# [x", &["2: Unterminated [] set"]),
            // Past the first error and into the look-around: every error.
            (
                "(?=[z-a])(b**|*c)[x",
                &[
                    "4: [x-y] range in reverse order",
                    "12: Nested quantifier '*'",
                    "14: Quantifier '*' following nothing",
                    "17: Unterminated [] set",
                ],
            ),
            ("((a)(b", &["6: Not enough )'s"]),
        ];
        for (pattern, want) in cases {
            assert_eq!(messages(pattern), *want, "{pattern}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_pattern_ends_in_a_verdict(
            p in "[()\\[\\]{}?*+|\\\\^$.a-ckpux0-9<>'=!:#,_ -]{0,40}",
            q in "\\PC{0,16}",
        ) {
            proptest::prop_assert!(errors(&p).len() <= MAX_ERRORS);
            let joined = q + &p;
            proptest::prop_assert!(errors(&joined).len() <= MAX_ERRORS);
        }
    }

    #[test]
    fn hostile_patterns_end_in_errors_never_a_panic() {
        let deep = "(".repeat(10_000);
        assert!(!errors(&deep).is_empty());
        for p in [
            "\\",
            "[",
            "(?",
            "(?<",
            "(?'",
            "(?(",
            "\\k",
            "\\k<",
            "\\p",
            "\\p{",
            "\\c",
            "\\x",
            "{",
            "{1",
            "{1,",
            "a{99999999999999999999}",
            "[\\",
            "[a-",
            "[a-\\",
            "(?#",
            "é\\é",
            "[é-a]",
            "(?<é>a)\\k<é>",
            ")))(((",
            "|*|+|?",
            "(?i-)",
            "(?-)",
        ] {
            let found = errors(p);
            assert!(found.len() <= MAX_ERRORS, "{p}");
        }
    }
}
