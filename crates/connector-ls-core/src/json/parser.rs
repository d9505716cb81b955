//! Error-tolerant recursive descent over the scanner's tokens.
//!
//! Recovery is local: a missing `:` or `,` is reported and parsing goes on at the next member;
//! a key without a value gets an [`Kind::Error`] value so it still shows in the tree (completion
//! relies on that); a mismatched closing bracket ends the open containers up to its partner.

use super::scanner::{decode_string, ScanIssue, Scanner, Token};
use super::tree::{
    key_hash as tree_key_hash, KeyData, Kind, NodeData, StrRef, Tree, KEY_BUFFERS, NODE_BUFFERS,
};
use crate::text::{SharedText, TextRange};

/// Deepest nesting of objects and arrays the parser descends into. Deeper values are skipped
/// (iteratively) and reported; real connectors stay far below 64.
pub const MAX_DEPTH: usize = 256;

const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyntaxErrorKind {
    /// Not JSON at all: the document is damaged here.
    Syntax,
    /// Accepted by the platform's lenient reader, but not strict JSON (comments, trailing commas).
    NonStandard,
    /// The same member name twice in one object; the last one wins.
    DuplicateKey,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub range: TextRange,
    pub message: String,
    /// For duplicate keys: the range of the earlier occurrence.
    pub related: Option<TextRange>,
}

/// The result of parsing: the tree and everything that was wrong with the text.
#[derive(Clone, Debug)]
pub struct Parse {
    pub tree: Tree,
    pub errors: Vec<SyntaxError>,
}

/// Parses `text` (without a BOM) into a tree. Never fails.
pub fn parse(text: impl Into<SharedText>) -> Parse {
    let text: SharedText = text.into();
    let mut p = Parser {
        text: &text,
        scanner: Scanner::new(&text),
        tok: Token::Eof,
        range: TextRange::default(),
        last_end: 0,
        nodes: NODE_BUFFERS.take(text.len() / 16),
        keys: KEY_BUFFERS.take(text.len() / 40),
        children: Vec::with_capacity(text.len() / 16),
        child_hashes: Vec::with_capacity(text.len() / 16),
        scratch: Vec::new(),
        hashes: Vec::new(),
        decoded: String::new(),
        errors: Vec::new(),
    };
    p.bump();
    let root = if p.tok == Token::Eof {
        p.error(
            SyntaxErrorKind::Syntax,
            p.range,
            "The document is empty; expected a JSON value.",
        );
        NONE
    } else {
        p.value(NONE, NONE, 0)
    };
    if p.tok != Token::Eof {
        let start = p.range.start;
        p.error(
            SyntaxErrorKind::Syntax,
            TextRange::new(start, text.len() as u32),
            "Unexpected content after the end of the document.",
        );
    }
    let Parser {
        nodes,
        keys,
        children,
        child_hashes,
        decoded,
        mut errors,
        scanner,
        ..
    } = p;
    errors.extend(scanner.issues.into_iter().map(scan_error));
    errors.sort_by_key(|e| (e.range.start, e.range.end));
    let tree = Tree {
        text: text.clone(),
        nodes,
        keys,
        children: children.into(),
        child_hashes: child_hashes.into(),
        decoded: decoded.into(),
        root,
    };
    Parse { tree, errors }
}

fn scan_error(issue: ScanIssue) -> SyntaxError {
    let (kind, range, message) = match issue {
        ScanIssue::Comment(r) => (
            SyntaxErrorKind::NonStandard,
            r,
            "Comments are not allowed in JSON.",
        ),
        ScanIssue::UnterminatedComment(r) => (SyntaxErrorKind::Syntax, r, "Unterminated comment."),
        ScanIssue::UnterminatedString(r) => (
            SyntaxErrorKind::Syntax,
            r,
            "Unterminated string: expected a closing '\"' before the end of the line.",
        ),
        ScanIssue::InvalidEscape(r) => (SyntaxErrorKind::Syntax, r, "Invalid escape sequence."),
        ScanIssue::ControlCharacterInString(r) => (
            SyntaxErrorKind::NonStandard,
            r,
            "Control characters must be escaped in strings.",
        ),
        ScanIssue::InvalidNumber(r) => (SyntaxErrorKind::Syntax, r, "Invalid number."),
        ScanIssue::UnicodeWhitespace(r) => (
            SyntaxErrorKind::NonStandard,
            r,
            "Non-ASCII whitespace between tokens; JSON allows only spaces, tabs and line breaks.",
        ),
    };
    SyntaxError {
        kind,
        range,
        message: message.to_string(),
        related: None,
    }
}

struct Parser<'t> {
    text: &'t str,
    scanner: Scanner<'t>,
    tok: Token,
    range: TextRange,
    last_end: u32,
    nodes: Vec<NodeData>,
    keys: Vec<KeyData>,
    children: Vec<u32>,
    /// The key hash of each entry of `children`.
    child_hashes: Vec<u32>,
    /// Children of the containers being parsed, moved into `children` when each one closes.
    scratch: Vec<u32>,
    /// Reused buffer of member-name hashes for the duplicate check.
    hashes: Vec<u32>,
    decoded: String,
    errors: Vec<SyntaxError>,
}

impl Parser<'_> {
    fn bump(&mut self) {
        if self.tok != Token::Eof || self.range.end > 0 {
            self.last_end = self.range.end;
        }
        let (tok, range) = self.scanner.next();
        self.tok = tok;
        self.range = range;
    }

    fn error(&mut self, kind: SyntaxErrorKind, range: TextRange, message: impl Into<String>) {
        self.errors.push(SyntaxError {
            kind,
            range,
            message: message.into(),
            related: None,
        });
    }

    fn push_node(&mut self, kind: Kind, range: TextRange, parent: u32, key: u32) -> u32 {
        let id = self.nodes.len() as u32;
        let key_hash = match self.keys.get(key as usize).map(|k| k.value) {
            Some(StrRef::Source(s, e)) => {
                tree_key_hash(&self.text.as_bytes()[s as usize..e as usize])
            }
            Some(StrRef::Decoded(s, e)) => {
                tree_key_hash(&self.decoded.as_bytes()[s as usize..e as usize])
            }
            None => 0,
        };
        self.nodes.push(NodeData {
            kind,
            range,
            parent,
            key,
            key_hash,
            a: 0,
            b: 0,
            str_ref: None,
        });
        id
    }

    /// The value of the current string token.
    fn string_ref(&mut self) -> StrRef {
        let r = self.range;
        let start = r.start + 1;
        let end = if self.scanner.string_unterminated {
            r.end
        } else {
            r.end - 1
        }
        .max(start);
        if !self.scanner.string_has_escape {
            return StrRef::Source(start, end);
        }
        let from = self.decoded.len() as u32;
        decode_string(&self.text[start as usize..end as usize], &mut self.decoded);
        StrRef::Decoded(from, self.decoded.len() as u32)
    }

    fn value(&mut self, parent: u32, key: u32, depth: usize) -> u32 {
        let range = self.range;
        match self.tok {
            Token::LBrace | Token::LBracket if depth >= MAX_DEPTH => {
                let end = self.skip_container();
                let r = TextRange::new(range.start, end);
                self.error(
                    SyntaxErrorKind::TooDeep,
                    TextRange::new(range.start, range.start + 1),
                    format!("Nesting is deeper than {MAX_DEPTH} levels; this value is not read."),
                );
                self.push_node(Kind::Error, r, parent, key)
            }
            Token::LBrace => self.object(parent, key, depth),
            Token::LBracket => self.array(parent, key, depth),
            Token::String => {
                let id = self.push_node(Kind::String, range, parent, key);
                self.nodes[id as usize].str_ref = Some(self.string_ref());
                self.bump();
                id
            }
            Token::Number => {
                self.bump();
                self.push_node(Kind::Number, range, parent, key)
            }
            Token::True | Token::False => {
                let id = self.push_node(Kind::Bool, range, parent, key);
                self.nodes[id as usize].a = u32::from(self.tok == Token::True);
                self.bump();
                id
            }
            Token::Null => {
                self.bump();
                self.push_node(Kind::Null, range, parent, key)
            }
            Token::Invalid => {
                let word = self.text[range.as_usize()].to_string();
                self.error(
                    SyntaxErrorKind::Syntax,
                    range,
                    format!("Unexpected '{word}'; expected a JSON value."),
                );
                self.bump();
                self.push_node(Kind::Error, range, parent, key)
            }
            Token::RBrace | Token::RBracket | Token::Comma | Token::Colon | Token::Eof => {
                let at = TextRange::empty(self.last_end);
                self.error(SyntaxErrorKind::Syntax, self.here(), "Expected a value.");
                self.push_node(Kind::Error, at, parent, key)
            }
        }
    }

    /// The range to blame for "expected X" at the current token (its first character, or the
    /// end of the document).
    fn here(&self) -> TextRange {
        if self.tok == Token::Eof {
            TextRange::empty(self.range.start)
        } else {
            let end = self.range.start + first_char_len(self.text, self.range.start);
            TextRange::new(self.range.start, end)
        }
    }

    fn object(&mut self, parent: u32, key: u32, depth: usize) -> u32 {
        let open = self.range;
        let id = self.push_node(Kind::Object, open, parent, key);
        self.bump();
        let mark = self.scratch.len();
        let end = loop {
            match self.tok {
                Token::RBrace => {
                    let end = self.range.end;
                    self.bump();
                    break end;
                }
                Token::Eof => {
                    self.error(
                        SyntaxErrorKind::Syntax,
                        open,
                        "Unclosed object: expected '}'.",
                    );
                    break self.last_end;
                }
                Token::RBracket => {
                    // Likely the '}' was forgotten and this closes an enclosing array.
                    self.error(
                        SyntaxErrorKind::Syntax,
                        self.here(),
                        "Expected '}' before ']'.",
                    );
                    break self.last_end;
                }
                Token::String | Token::Invalid => {
                    let key_range = self.range;
                    let value = if self.tok == Token::String {
                        self.string_ref()
                    } else {
                        let word = &self.text[key_range.as_usize()];
                        self.error(
                            SyntaxErrorKind::Syntax,
                            key_range,
                            format!("Property names must be strings in double quotes: \"{word}\"."),
                        );
                        StrRef::Source(key_range.start, key_range.end)
                    };
                    let key_idx = self.keys.len() as u32;
                    self.keys.push(KeyData {
                        range: key_range,
                        value,
                    });
                    self.bump();
                    let child = if self.tok == Token::Colon {
                        self.bump();
                        if self.next_is_key_on_later_line() {
                            self.error(SyntaxErrorKind::Syntax, self.here(), "Expected a value.");
                            let at = TextRange::empty(self.last_end);
                            self.push_node(Kind::Error, at, id, key_idx)
                        } else {
                            self.value(id, key_idx, depth + 1)
                        }
                    } else {
                        self.error(
                            SyntaxErrorKind::Syntax,
                            TextRange::empty(key_range.end),
                            "Expected ':' after the property name.",
                        );
                        self.push_node(Kind::Error, TextRange::empty(key_range.end), id, key_idx)
                    };
                    self.scratch.push(child);
                    match self.tok {
                        Token::Comma => {
                            let comma = self.range;
                            self.bump();
                            if self.tok == Token::RBrace {
                                self.error(
                                    SyntaxErrorKind::NonStandard,
                                    comma,
                                    "Trailing comma before '}'.",
                                );
                            }
                        }
                        Token::RBrace | Token::RBracket | Token::Eof => {}
                        Token::String => self.error(
                            SyntaxErrorKind::Syntax,
                            TextRange::empty(self.last_end),
                            "Expected ',' between properties.",
                        ),
                        _ => {
                            self.error(
                                SyntaxErrorKind::Syntax,
                                self.here(),
                                "Expected ',' or '}'.",
                            );
                            self.recover(&[Token::Comma, Token::RBrace, Token::String]);
                            if self.tok == Token::Comma {
                                self.bump();
                            }
                        }
                    }
                }
                Token::Comma => {
                    self.error(
                        SyntaxErrorKind::Syntax,
                        self.here(),
                        "Expected a property name.",
                    );
                    self.bump();
                }
                Token::LBrace | Token::LBracket => {
                    self.error(
                        SyntaxErrorKind::Syntax,
                        self.here(),
                        "Expected a property name.",
                    );
                    self.skip_container();
                }
                _ => {
                    self.error(
                        SyntaxErrorKind::Syntax,
                        self.here(),
                        "Expected a property name.",
                    );
                    self.bump();
                }
            }
        };
        self.close(id, open.start, end, mark);
        self.check_duplicates(id);
        id
    }

    fn array(&mut self, parent: u32, key: u32, depth: usize) -> u32 {
        let open = self.range;
        let id = self.push_node(Kind::Array, open, parent, key);
        self.bump();
        let mark = self.scratch.len();
        let end = loop {
            match self.tok {
                Token::RBracket => {
                    let end = self.range.end;
                    self.bump();
                    break end;
                }
                Token::Eof => {
                    self.error(
                        SyntaxErrorKind::Syntax,
                        open,
                        "Unclosed array: expected ']'.",
                    );
                    break self.last_end;
                }
                Token::RBrace => {
                    self.error(
                        SyntaxErrorKind::Syntax,
                        self.here(),
                        "Expected ']' before '}'.",
                    );
                    break self.last_end;
                }
                Token::Comma | Token::Colon => {
                    self.error(SyntaxErrorKind::Syntax, self.here(), "Expected a value.");
                    self.bump();
                }
                _ => {
                    let child = self.value(id, NONE, depth + 1);
                    self.scratch.push(child);
                    match self.tok {
                        Token::Comma => {
                            let comma = self.range;
                            self.bump();
                            if self.tok == Token::RBracket {
                                self.error(
                                    SyntaxErrorKind::NonStandard,
                                    comma,
                                    "Trailing comma before ']'.",
                                );
                            }
                        }
                        Token::RBracket | Token::RBrace | Token::Eof => {}
                        _ => self.error(
                            SyntaxErrorKind::Syntax,
                            TextRange::empty(self.last_end),
                            "Expected ',' between array items.",
                        ),
                    }
                }
            }
        };
        self.close(id, open.start, end, mark);
        id
    }

    fn close(&mut self, id: u32, start: u32, end: u32, mark: usize) {
        let first = self.children.len() as u32;
        let nodes = &self.nodes;
        self.child_hashes.extend(
            self.scratch[mark..]
                .iter()
                .map(|&c| nodes[c as usize].key_hash),
        );
        self.children.extend(self.scratch.drain(mark..));
        let node = &mut self.nodes[id as usize];
        node.range = TextRange::new(start, end.max(start + 1));
        node.a = first;
        node.b = self.children.len() as u32 - first;
    }

    /// After `"key":`, a string on a later line followed by `:` is the next key, not this value:
    /// the user is still typing the value.
    fn next_is_key_on_later_line(&mut self) -> bool {
        if self.tok != Token::String {
            return false;
        }
        let gap = &self.text[self.last_end as usize..self.range.start as usize];
        if !gap.contains('\n') {
            return false;
        }
        let saved_pos = self.scanner_pos();
        let saved_issues = self.scanner.issues.len();
        let (next, _) = self.scanner.next();
        self.scanner.issues.truncate(saved_issues);
        self.set_scanner_pos(saved_pos);
        // Re-scan the current string token so the scanner's string flags describe it again.
        next == Token::Colon
    }

    fn scanner_pos(&self) -> (usize, bool, bool) {
        (
            self.range.end as usize,
            self.scanner.string_has_escape,
            self.scanner.string_unterminated,
        )
    }

    fn set_scanner_pos(&mut self, (pos, esc, unterminated): (usize, bool, bool)) {
        self.scanner.seek(pos);
        self.scanner.string_has_escape = esc;
        self.scanner.string_unterminated = unterminated;
    }

    /// Skips tokens until one of `stop` (not consumed), stepping over whole containers.
    fn recover(&mut self, stop: &[Token]) {
        while self.tok != Token::Eof && !stop.contains(&self.tok) {
            if matches!(self.tok, Token::RBracket) {
                return;
            }
            if matches!(self.tok, Token::LBrace | Token::LBracket) {
                self.skip_container();
            } else {
                self.bump();
            }
        }
    }

    /// Skips a balanced container starting at the current token without building nodes and
    /// without recursion; returns the end offset.
    fn skip_container(&mut self) -> u32 {
        let mut depth = 0usize;
        loop {
            match self.tok {
                Token::LBrace | Token::LBracket => depth += 1,
                Token::RBrace | Token::RBracket => depth -= 1,
                Token::Eof => return self.last_end,
                _ => {}
            }
            let end = self.range.end;
            self.bump();
            if depth == 0 {
                return end;
            }
        }
    }

    fn check_duplicates(&mut self, id: u32) {
        let node = &self.nodes[id as usize];
        let (a, b) = (node.a as usize, node.b as usize);
        if b < 2 {
            return;
        }
        // Fast path: with no two equal name hashes there is no duplicate; most objects end here
        // without allocating.
        self.hashes.clear();
        self.hashes.extend_from_slice(&self.child_hashes[a..a + b]);
        self.hashes.sort_unstable();
        if !self.hashes.windows(2).any(|w| w[0] == w[1]) {
            return;
        }
        let mut seen: Vec<(&str, u32)> = self.children[a..a + b]
            .iter()
            .map(|&c| {
                let k = self.nodes[c as usize].key;
                let kd = &self.keys[k as usize];
                let s = match kd.value {
                    StrRef::Source(s, e) => &self.text[s as usize..e as usize],
                    StrRef::Decoded(s, e) => &self.decoded[s as usize..e as usize],
                };
                (s, k)
            })
            .collect();
        seen.sort_by(|x, y| x.0.cmp(y.0).then(x.1.cmp(&y.1)));
        let mut dups = Vec::new();
        for w in seen.windows(2) {
            if w[0].0 == w[1].0 {
                dups.push((w[0].0.to_string(), w[0].1, w[1].1));
            }
        }
        for (name, first, second) in dups {
            self.errors.push(SyntaxError {
                kind: SyntaxErrorKind::DuplicateKey,
                range: self.keys[second as usize].range,
                message: format!("Duplicate property '{name}'; only the last occurrence is used."),
                related: Some(self.keys[first as usize].range),
            });
        }
    }
}

fn first_char_len(text: &str, at: u32) -> u32 {
    text[at as usize..]
        .chars()
        .next()
        .map_or(0, |c| c.len_utf8() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<(SyntaxErrorKind, String)> {
        parse(text)
            .errors
            .into_iter()
            .map(|e| (e.kind, text[e.range.as_usize()].to_string()))
            .collect()
    }

    #[test]
    fn valid_document() {
        let p = parse(r#"{"a": [1, true, null, "x\"y"], "b": {"c": -2.5e3}}"#);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        let root = p.tree.root().unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(a.len(), 4);
        assert_eq!(a.item(3).unwrap().as_str(), Some("x\"y"));
        assert_eq!(root.path(&["b", "c"]).unwrap().as_f64(), Some(-2500.0));
        assert_eq!(a.item(1).unwrap().pointer(), "/a/1");
        assert_eq!(p.tree.resolve("/b/c").unwrap().source(), "-2.5e3");
    }

    #[test]
    fn members_named_in_document_order() {
        // An escaped name is found by its decoded value; an array item or a value equal to the
        // name is not a member named so.
        let p =
            parse(r#"{"default": 1, "a": [{"default": 2}, "default"], "b": {"def\u0061ult": 3}}"#);
        let found: Vec<String> = p
            .tree
            .members_named("default")
            .map(|n| format!("{}={}", n.pointer(), n.source()))
            .collect();
        assert_eq!(found, ["/default=1", "/a/0/default=2", "/b/default=3"]);
        assert_eq!(p.tree.members_named("x-example").count(), 0);
    }

    #[test]
    fn pointer_escaping() {
        let p = parse(r#"{"paths": {"/a/{b}": {"x~y": 1}}}"#);
        let n = p.tree.resolve("/paths/~1a~1{b}/x~0y").unwrap();
        assert_eq!(n.pointer(), "/paths/~1a~1{b}/x~0y");
    }

    #[test]
    fn leniencies_are_warnings() {
        let e = errors("{\n // c\n \"a\": [1,2,],\n}");
        assert_eq!(
            e,
            vec![
                (SyntaxErrorKind::NonStandard, "// c".into()),
                (SyntaxErrorKind::NonStandard, ",".into()),
                (SyntaxErrorKind::NonStandard, ",".into()),
            ]
        );
    }

    /// `Node::get` takes equal hashes and lengths of names up to four bytes for equal names.
    #[test]
    fn short_names_are_told_apart() {
        let p = parse(r#"{"ab":1,"ba":2,"abc":3,"acb":4,"abcd":5,"abdc":6,"a":7,"":8}"#);
        let root = p.tree.root().unwrap();
        let names = ["ab", "ba", "abc", "acb", "abcd", "abdc", "a", ""];
        for (value, name) in (1..).zip(names) {
            assert_eq!(root.get(name).unwrap().as_i64(), Some(value), "{name}");
        }
        assert!(root.get("b").is_none() && root.get("abce").is_none());
    }

    #[test]
    fn duplicate_keys_last_wins() {
        let p = parse(r#"{"a": 1, "b": 2, "a": 3}"#);
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].kind, SyntaxErrorKind::DuplicateKey);
        assert_eq!(p.tree.root().unwrap().get("a").unwrap().source(), "3");
    }

    #[test]
    fn half_typed_key_keeps_the_rest() {
        let text = "{\"parameters\": [{\"name\": \"a\", \"x-ms-\n  \"in\": \"query\"}], \"z\": 1}";
        let p = parse(text);
        let root = p.tree.root().unwrap();
        let param = root.get("parameters").unwrap().item(0).unwrap();
        assert_eq!(param.get_str("in"), Some("query"));
        assert!(param.get("x-ms-").is_some());
        assert_eq!(root.get("z").unwrap().as_i64(), Some(1));
        assert!(p.errors.iter().all(|e| e.kind == SyntaxErrorKind::Syntax));
    }

    #[test]
    fn missing_value_before_next_key() {
        let text = "{\n \"a\": \n \"b\": 2\n}";
        let p = parse(text);
        let root = p.tree.root().unwrap();
        assert_eq!(root.get("a").unwrap().kind(), Kind::Error);
        assert_eq!(root.get("b").unwrap().as_i64(), Some(2));
    }

    #[test]
    fn missing_comma_and_unclosed() {
        let p = parse("{\"a\": 1 \"b\": [1 2");
        let root = p.tree.root().unwrap();
        assert_eq!(root.get("b").unwrap().len(), 2);
        assert!(p.errors.len() >= 3);
    }

    #[test]
    fn mismatched_brackets() {
        let p = parse(r#"{"a": [{"b": 1], "c": 2}"#);
        let root = p.tree.root().unwrap();
        assert_eq!(root.get("c").unwrap().as_i64(), Some(2));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        let p = parse(text.as_str());
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].kind, SyntaxErrorKind::TooDeep);
        let unclosed = "[".repeat(100_000);
        let p = parse(unclosed.as_str());
        assert!(!p.errors.is_empty());
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "", "}", "]]", ":", "{,}", "[,]", "{\"a\"}", "{\"a\":}", "\"", "{\"", "nul", "{]",
            "[}", "{{}}", "\u{0}", "tru e",
        ] {
            let _ = parse(text);
        }
    }
}
