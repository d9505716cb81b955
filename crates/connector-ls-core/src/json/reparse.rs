//! Reparsing a new version of a document after an edit inside one string value.
//!
//! While an author types a description, every keystroke changes the bytes of one string and
//! nothing else: the tree keeps its shape, that string gets a new value, and every position
//! after the edit moves by the same amount. [`reparse`] recognises that case by comparing the
//! two texts and rebuilds the tree from the previous one in one linear pass over its arrays,
//! without scanning the text again. Anything else (a quote, a backslash or a control character
//! typed or deleted, an edit across tokens, in a key, or near a syntax error) is parsed from
//! scratch. Either way the result equals [`parse`] of the new text.

use std::sync::Arc;

use super::parser::{parse, Parse};
use super::tree::{Kind, NodeId, StrRef, Tree, KEY_BUFFERS, NODE_BUFFERS};
use crate::text::{SharedText, TextRange};

/// Parses `text`, a later version of the document `old` was parsed from, reusing `old`'s tree
/// when the two differ only inside one string value. The result is exactly `parse(text)`.
pub fn reparse(old: &Parse, text: impl Into<SharedText>) -> Parse {
    reparse_edit(old, text).0
}

/// [`reparse`], and the edit when the tree was reused: which string changed and how positions
/// moved. Node ids are the same in both trees then.
pub fn reparse_edit(old: &Parse, text: impl Into<SharedText>) -> (Parse, Option<StringEdit>) {
    let text = text.into();
    // Typing a character and deleting it again, or an undo, gives back a text parsed before:
    // it parses to the same tree.
    if text.as_bytes() == old.tree.text().as_bytes() {
        return (old.clone(), None);
    }
    match patch_string_edit(old, &text) {
        Some((parse, edit)) => (parse, Some(edit)),
        None => (parse(text), None),
    }
}

/// An edit inside one string value: the string `node` has a new value, and every position at
/// or after `at` (in the old text) moved by `delta` bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StringEdit {
    pub node: NodeId,
    pub at: u32,
    pub delta: i64,
}

impl StringEdit {
    /// Where old position `p` is in the new text.
    pub fn shift(&self, p: u32) -> u32 {
        if p >= self.at {
            // In range: positions after the edit stay within the new text.
            (i64::from(p) + self.delta) as u32
        } else {
            p
        }
    }

    pub fn shift_range(&self, r: TextRange) -> TextRange {
        TextRange::new(self.shift(r.start), self.shift(r.end))
    }
}

/// The edit between two texts as the bytes that differ: `old[start..old_end]` became
/// `new[start..new_end]`, with everything before `start` and after the ends equal.
struct Change {
    start: usize,
    old_end: usize,
    new_end: usize,
}

fn change(old: &[u8], new: &[u8]) -> Change {
    let prefix = common_prefix(old, new);
    let suffix = common_suffix(&old[prefix..], &new[prefix..]);
    Change {
        start: prefix,
        old_end: old.len() - suffix,
        new_end: new.len() - suffix,
    }
}

/// Bytes compared at once (by `memcmp`) before the byte-by-byte search: a keystroke in a
/// megabyte document leaves megabytes equal.
const CHUNK: usize = 512;

/// The length of the longest common prefix of `a` and `b`.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The length of the longest common suffix of `a` and `b`.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + CHUNK <= n && a[n - i - CHUNK..n - i] == b[n - i - CHUNK..n - i] {
        i += CHUNK;
    }
    i + a[..n - i]
        .iter()
        .rev()
        .zip(b[..n - i].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Bytes that may be added to or removed from a string without changing how it is scanned:
/// anything but the closing quote, the escape character and control characters.
fn plain(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| b != b'"' && b != b'\\' && b >= 0x20)
}

fn patch_string_edit(old: &Parse, text: &SharedText) -> Option<(Parse, StringEdit)> {
    let tree = &old.tree;
    let (before, after) = (tree.text().as_bytes(), text.as_bytes());
    let c = change(before, after);
    if !plain(&before[c.start..c.old_end]) || !plain(&after[c.start..c.new_end]) {
        return None;
    }
    // The string value whose content holds the whole change, quotes excluded.
    let node = tree.node_at(u32::try_from(c.start).ok()?)?;
    if node.kind() != Kind::String {
        return None;
    }
    let id = node.id() as usize;
    let range = tree.nodes[id].range;
    let (start, end) = (range.start as usize, range.end as usize);
    // Only a terminated string without escapes: its value is the text between the quotes.
    let (s, e) = match tree.nodes[id].str_ref {
        Some(StrRef::Source(s, e)) => (s as usize, e as usize),
        _ => return None,
    };
    if s != start + 1 || e + 1 != end || before.get(e) != Some(&b'"') {
        return None;
    }
    if c.start < s || c.old_end > e {
        return None;
    }
    // A string near a reported problem (a control character in it, an unterminated neighbour)
    // is left to the parser, which knows how the problem ends.
    if old
        .errors
        .iter()
        .any(|err| err.range.start as usize <= end && err.range.end as usize >= start)
    {
        return None;
    }

    let old_end = u32::try_from(c.old_end).ok()?;
    let new_len = u32::try_from(after.len()).ok()?;
    let edit = StringEdit {
        node: node.id(),
        at: old_end,
        delta: i64::from(new_len) - before.len() as i64,
    };
    let shift = |p: u32| edit.shift(p);
    let shift_range = |r: TextRange| edit.shift_range(r);
    let shift_str = |r: StrRef| match r {
        StrRef::Source(a, b) => StrRef::Source(shift(a), shift(b)),
        decoded => decoded,
    };

    let mut nodes = NODE_BUFFERS.take(tree.nodes.len());
    nodes.extend_from_slice(&tree.nodes);
    for n in &mut nodes {
        n.range = shift_range(n.range);
        n.str_ref = n.str_ref.map(shift_str);
    }
    // The edited string itself: its value is everything between its (moved) quotes, also when
    // the edit sits at the very start of it.
    let edited = &mut nodes[id];
    edited.str_ref = Some(StrRef::Source(edited.range.start + 1, edited.range.end - 1));
    let mut keys = KEY_BUFFERS.take(tree.keys.len());
    keys.extend_from_slice(&tree.keys);
    for k in &mut keys {
        k.range = shift_range(k.range);
        k.value = shift_str(k.value);
    }
    let mut errors = old.errors.clone();
    for err in &mut errors {
        err.range = shift_range(err.range);
        err.related = err.related.map(shift_range);
    }
    let parse = Parse {
        tree: Tree {
            text: text.clone(),
            nodes,
            keys,
            children: Arc::clone(&tree.children),
            child_hashes: Arc::clone(&tree.child_hashes),
            decoded: Arc::clone(&tree.decoded),
            root: tree.root,
        },
        errors,
    };
    Some((parse, edit))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const DOC: &str = r#"{
  "swagger": "2.0",
  "info": {"title": "Contoso", "description": "Widgets and more."},
  "paths": {"/w": {"get": {"summary": "List widgets", "description": "",
    "parameters": [{"name": "top", "in": "query", "x-ms-summary": "Top \u00e9", "description": "Tab	here"}]}}},
  "tags": [{"name": "a"}, {"name": "a"}]
}"#;

    /// Replaces `old[start..end]` with `with`, when those are character boundaries.
    fn edit(old: &str, start: usize, end: usize, with: &str) -> Option<String> {
        let (start, end) = (start.min(old.len()), end.min(old.len()));
        let (start, end) = (start.min(end), start.max(end));
        (old.is_char_boundary(start) && old.is_char_boundary(end))
            .then(|| format!("{}{with}{}", &old[..start], &old[end..]))
    }

    fn same(old: &str, new: &str) {
        let reparsed = reparse(&parse(old), new);
        let fresh = parse(new);
        assert!(
            reparsed.tree == fresh.tree && reparsed.errors == fresh.errors,
            "reparse differs from parse for {new:?}"
        );
    }

    #[test]
    fn typing_in_a_string_reuses_the_tree() {
        let at = DOC.find("Widgets and").unwrap() + 7;
        let new = edit(DOC, at, at, "!").unwrap();
        assert!(patch_string_edit(&parse(DOC), &SharedText::from(new.as_str())).is_some());
        same(DOC, &new);
        // At the start and at the end of the value, into an empty one, and deleting all of it.
        let start = DOC.find("Widgets and").unwrap();
        same(DOC, &edit(DOC, start, start, "New ").unwrap());
        let end = DOC.find(" more.").unwrap() + 6;
        same(DOC, &edit(DOC, end, end, " Many.").unwrap());
        let empty = DOC.find(r#""description": """#).unwrap() + 16;
        same(DOC, &edit(DOC, empty, empty, "Lists them.").unwrap());
        same(DOC, &edit(DOC, start, end, "").unwrap());
    }

    #[test]
    fn the_same_text_again_keeps_the_tree() {
        // A character typed and deleted again: the text is the one parsed two versions ago.
        let at = DOC.find("Widgets and").unwrap();
        let typed = edit(DOC, at, at, "x").unwrap();
        let before = parse(DOC);
        assert!(reparse_edit(&before, typed).1.is_some());
        let (again, edit) = reparse_edit(&before, DOC);
        assert_eq!(edit, None, "no string changed");
        assert!(again.tree == parse(DOC).tree && again.errors == parse(DOC).errors);
        assert!(
            std::ptr::eq(again.tree.text(), before.tree.text()),
            "the earlier parse is kept, not parsed again"
        );
        // Another text is still parsed: the shortcut is for the same bytes only.
        let (other, _) = reparse_edit(&before, DOC.replacen("Widgets", "Gadgets", 1));
        assert!(other.tree.text().contains("Gadgets"));
    }

    #[test]
    fn other_edits_are_parsed_again() {
        let reused = |new: &str| patch_string_edit(&parse(DOC), &SharedText::from(new)).is_some();
        let at = DOC.find("Widgets and").unwrap();
        // A quote or a backslash typed into a string, an edit in a key, in structure, in a
        // string with an escape or near a reported control character.
        for new in [
            edit(DOC, at, at, "\""),
            edit(DOC, at, at, "\\"),
            edit(DOC, at + 1, at + 1, "\n"),
            edit(DOC, 5, 5, "x"),
            edit(DOC, 1, 1, " "),
            edit(
                DOC,
                DOC.find("Top ").unwrap() + 1,
                DOC.find("Top ").unwrap() + 1,
                "x",
            ),
            edit(
                DOC,
                DOC.find("Tab").unwrap() + 1,
                DOC.find("Tab").unwrap() + 1,
                "x",
            ),
        ] {
            let new = new.unwrap();
            assert!(!reused(&new), "{new:?}");
            same(DOC, &new);
        }
    }

    /// The change between two texts, byte by byte.
    fn naive_change(old: &[u8], new: &[u8]) -> (usize, usize, usize) {
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let room = old.len().min(new.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        (prefix, old.len() - suffix, new.len() - suffix)
    }

    proptest! {
        /// The chunked comparison finds the change the byte-by-byte one does, also across
        /// chunk boundaries and in repetitive text.
        #[test]
        fn change_is_found_in_long_texts(
            len in 0usize..3000,
            at in 0usize..3000,
            cut in 0usize..40,
            with in prop::sample::select(vec!["", "a", "aa", "ab", "zzz"]),
            period in 1usize..4,
        ) {
            let old: Vec<u8> = (0..len).map(|i| b"ab"[i % period % 2]).collect();
            let at = at.min(len);
            let end = (at + cut).min(len);
            let new: Vec<u8> = [&old[..at], with.as_bytes(), &old[end..]].concat();
            let c = change(&old, &new);
            prop_assert_eq!((c.start, c.old_end, c.new_end), naive_change(&old, &new));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Any edit anywhere, with text that is often plain and sometimes JSON punctuation:
        /// the reused tree is always the one a fresh parse builds.
        #[test]
        fn reparse_equals_parse(
            start in 0usize..DOC.len(),
            len in 0usize..6,
            with in prop::sample::select(vec!["", "a", "xyz", "é", " ", "\"", "\\", "{", ",", "\t", "}\"", "ü ok"]),
        ) {
            if let Some(new) = edit(DOC, start, start + len, with) {
                same(DOC, &new);
                // And a second edit on top of the first.
                if let Some(again) = edit(&new, start + 1, start + 1, "b") {
                    let first = reparse(&parse(DOC), new.as_str());
                    let second = reparse(&first, again.as_str());
                    let fresh = parse(again.as_str());
                    prop_assert!(second.tree == fresh.tree && second.errors == fresh.errors);
                }
            }
        }
    }
}
