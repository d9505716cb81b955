//! Fixes and the minimal text edits they are made of.
//!
//! Edits keep the document's own style: the indentation of neighbouring members, its indent unit
//! and its line endings. Values are rendered from [`serde_json::Value`] so the result is always
//! valid JSON.

use serde_json::Value;

use crate::json::Node;
use crate::package::FileKind;
use crate::text::TextRange;

/// Whether a fix is mechanical (safe to apply without review) or writes content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    Safe,
    Unsafe,
}

/// Replace `range` of `file` with `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub file: FileKind,
    pub range: TextRange,
    pub new_text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// Says how, e.g. "Add `x-ms-summary` \"User ID\"".
    pub title: String,
    pub safety: Safety,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, safety: Safety, edits: Vec<Edit>) -> Self {
        Self {
            title: title.into(),
            safety,
            edits,
        }
    }
}

/// Applies non-overlapping edits to a text (for tests and the CLI's `--fix`).
pub fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0usize;
    for e in sorted {
        let r = e.range.as_usize();
        if r.start < pos {
            continue; // overlapping: keep the first
        }
        out.push_str(&text[pos..r.start]);
        out.push_str(&e.new_text);
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// The document's line ending: that of its first line break (CRLF or LF), else LF.
///
/// Only the first line break is looked at: fixes are built for every finding, and scanning a
/// 1 MB document for each one cost milliseconds per fix.
pub fn line_ending(text: &str) -> &'static str {
    let bytes = text.as_bytes();
    // memchr: a minified document has no line break, and every fix of it asks.
    match memchr::memchr(b'\n', bytes) {
        Some(i) if i > 0 && bytes[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The document's indent unit: the indentation of the first indented line (tabs or spaces).
pub fn indent_unit(text: &str) -> String {
    for line in text.lines().take(50) {
        // Measured in bytes without collecting: this runs for every fix built.
        let n = line
            .bytes()
            .take_while(|&b| b == b' ' || b == b'\t')
            .count();
        if n > 0 && n < line.len() {
            return line[..n].to_string();
        }
    }
    "  ".to_string()
}

/// The whitespace before the first non-blank character of the line containing `offset`, or
/// `None` when something other than whitespace precedes `offset` on its line.
fn line_indent(text: &str, offset: u32) -> Option<&str> {
    let before = &text[..offset as usize];
    let line_start = memchr::memrchr2(b'\n', b'\r', before.as_bytes()).map_or(0, |i| i + 1);
    let prefix = &before[line_start..];
    prefix
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
        .then_some(prefix)
}

/// Renders a JSON value with the given indentation (objects and arrays over several lines).
pub fn render(value: &Value, indent: &str, unit: &str, eol: &str) -> String {
    let mut out = String::new();
    render_into(value, indent, unit, eol, &mut out);
    out
}

fn render_into(value: &Value, indent: &str, unit: &str, eol: &str, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let inner = format!("{indent}{unit}");
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { "," });
                out.push_str(eol);
                out.push_str(&inner);
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                render_into(v, &inner, unit, eol, out);
            }
            out.push_str(eol);
            out.push_str(indent);
            out.push('}');
        }
        Value::Array(items)
            if !items.is_empty() && items.iter().any(|v| v.is_object() || v.is_array()) =>
        {
            let inner = format!("{indent}{unit}");
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { "," });
                out.push_str(eol);
                out.push_str(&inner);
                render_into(v, &inner, unit, eol, out);
            }
            out.push_str(eol);
            out.push_str(indent);
            out.push(']');
        }
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(Value::to_string).collect();
            out.push('[');
            out.push_str(&parts.join(", "));
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Inserts member `key: value` into `object`, after member `after` when it exists, else after the
/// last member, matching the surrounding indentation. When `object` already has a `key` member
/// (with a value the rule rejects, such as `null`), its value is replaced instead: a second
/// member of the same name would shadow the first.
pub fn insert_member(
    file: FileKind,
    object: Node,
    after: Option<&str>,
    key: &str,
    value: &Value,
) -> Edit {
    if let Some(existing) = object.get(key) {
        return replace_value(file, existing, value);
    }
    let text = object.tree().text();
    let eol = line_ending(text);
    let unit = indent_unit(text);
    let key_json = Value::String(key.to_string()).to_string();
    let anchor = after
        .and_then(|a| object.get(a))
        .or_else(|| object.children().last());
    match anchor {
        Some(member) => {
            let key_start = member.key_range().map_or(member.range().start, |r| r.start);
            let at = member.range().end;
            let new_text = match line_indent(text, key_start) {
                Some(indent) => format!(
                    ",{eol}{indent}{key_json}: {}",
                    render(value, indent, &unit, eol)
                ),
                None => format!(", {key_json}: {}", render(value, "", "", " ")),
            };
            Edit {
                file,
                range: TextRange::empty(at),
                new_text,
            }
        }
        None => {
            let r = object.range();
            let base = line_indent(text, r.start)
                .or_else(|| object.key_range().and_then(|k| line_indent(text, k.start)))
                .unwrap_or("");
            let inner = format!("{base}{unit}");
            // Replace whatever whitespace sits between the braces.
            let inside = TextRange::new(r.start + 1, r.end.saturating_sub(1).max(r.start + 1));
            Edit {
                file,
                range: inside,
                new_text: format!(
                    "{eol}{inner}{key_json}: {}{eol}{base}",
                    render(value, &inner, &unit, eol)
                ),
            }
        }
    }
}

/// Inserts member `key: value` as the first member of `object` (for members that conventionally
/// come first, like `swagger`), matching the indentation of the current first member.
pub fn insert_first_member(file: FileKind, object: Node, key: &str, value: &Value) -> Edit {
    if let Some(existing) = object.get(key) {
        return replace_value(file, existing, value);
    }
    let Some(first) = object.children().next() else {
        return insert_member(file, object, None, key, value);
    };
    let text = object.tree().text();
    let eol = line_ending(text);
    let unit = indent_unit(text);
    let key_json = Value::String(key.to_string()).to_string();
    let key_start = first.key_range().map_or(first.range().start, |r| r.start);
    let new_text = match line_indent(text, key_start) {
        Some(indent) => format!(
            "{key_json}: {},{eol}{indent}",
            render(value, indent, &unit, eol)
        ),
        None => format!("{key_json}: {}, ", render(value, "", "", " ")),
    };
    Edit {
        file,
        range: TextRange::empty(key_start),
        new_text,
    }
}

/// Appends `value` as the last item of `array`, matching the indentation of its items.
pub fn append_item(file: FileKind, array: Node, value: &Value) -> Edit {
    let text = array.tree().text();
    let eol = line_ending(text);
    let unit = indent_unit(text);
    match array.items().last() {
        Some(last) => {
            let new_text = match line_indent(text, last.range().start) {
                Some(indent) => format!(",{eol}{indent}{}", render(value, indent, &unit, eol)),
                None => format!(", {}", render(value, "", "", " ")),
            };
            Edit {
                file,
                range: TextRange::empty(last.range().end),
                new_text,
            }
        }
        None => {
            let r = array.range();
            let base = line_indent(text, r.start)
                .or_else(|| array.key_range().and_then(|k| line_indent(text, k.start)))
                .unwrap_or("");
            let inner = format!("{base}{unit}");
            let inside = TextRange::new(r.start + 1, r.end.saturating_sub(1).max(r.start + 1));
            Edit {
                file,
                range: inside,
                new_text: format!(
                    "{eol}{inner}{}{eol}{base}",
                    render(value, &inner, &unit, eol)
                ),
            }
        }
    }
}

/// Replaces a value with another, rendered at the value's indentation.
pub fn replace_value(file: FileKind, node: Node, value: &Value) -> Edit {
    let text = node.tree().text();
    let eol = line_ending(text);
    let unit = indent_unit(text);
    let start = node.key_range().map_or(node.range().start, |k| k.start);
    let indent = line_indent(text, start).unwrap_or("");
    Edit {
        file,
        range: node.range(),
        new_text: render(value, indent, &unit, eol),
    }
}

/// Removes the member that holds `node` (an object member) with the comma that separates it
/// from its neighbour: the preceding one, else the following one.
pub fn remove_member(file: FileKind, node: Node) -> Option<Edit> {
    let parent = node.parent()?;
    let start = node.key_range()?.start;
    let mut prev = None;
    let mut next = None;
    let mut found = false;
    for m in parent.children() {
        if found {
            next = Some(m);
            break;
        }
        if m.id() == node.id() {
            found = true;
        } else {
            prev = Some(m);
        }
    }
    if !found {
        return None;
    }
    let range = match (prev, next) {
        (Some(p), _) => TextRange::new(p.range().end, node.range().end),
        (None, Some(n)) => TextRange::new(start, n.key_range()?.start),
        (None, None) => TextRange::new(start, node.range().end),
    };
    Some(Edit {
        file,
        range,
        new_text: String::new(),
    })
}

/// Renames the member that holds `node`. There is no rename when the object already has a member
/// called `new_key`: the two would be duplicate keys and one value would be lost.
pub fn rename_key(file: FileKind, node: Node, new_key: &str) -> Option<Edit> {
    if node.parent().is_some_and(|o| o.get(new_key).is_some()) {
        return None;
    }
    Some(Edit {
        file,
        range: node.key_range()?,
        new_text: Value::String(new_key.to_string()).to_string(),
    })
}

/// Whether another member of the object holding `node` would be renamed to `target` too (by the
/// rule's own `target_of`): applying both renames would write duplicate keys and lose a value,
/// so neither is a safe fix (`x-ms-sumary` and `x-ms-summry`; `Required` and `REQUIRED`).
pub fn rename_competes(node: Node, target: &str, target_of: impl Fn(&str) -> Option<&str>) -> bool {
    let Some(owner) = node.parent() else {
        return false;
    };
    owner.children().any(|m| {
        m.id() != node.id()
            && m.key()
                .is_some_and(|k| k != target && target_of(k) == Some(target))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn remove_members() {
        let remove = |text: &str, pointer: &str| {
            let p = crate::json::parse(text);
            let node = p.tree.resolve(pointer).unwrap();
            let e = remove_member(FileKind::Swagger, node).unwrap();
            apply(text, &[&e])
        };
        assert_eq!(remove(r#"{"a": 1, "b": 2}"#, "/a"), r#"{"b": 2}"#);
        assert_eq!(remove(r#"{"a": 1, "b": 2}"#, "/b"), r#"{"a": 1}"#);
        assert_eq!(
            remove(r#"{"a": 1, "b": 2, "c": 3}"#, "/b"),
            r#"{"a": 1, "c": 3}"#
        );
        assert_eq!(remove(r#"{ "a": 1 }"#, "/a"), r#"{  }"#);
        assert_eq!(
            remove("{\n  \"a\": 1,\n  \"b\": 2\n}", "/b"),
            "{\n  \"a\": 1\n}"
        );
    }

    fn insert(text: &str, pointer: &str, after: Option<&str>, key: &str, v: Value) -> String {
        let p = crate::json::parse(text);
        let obj = p.tree.resolve(pointer).unwrap();
        let e = insert_member(FileKind::Swagger, obj, after, key, &v);
        apply(text, &[&e])
    }

    #[test]
    fn insert_keeps_indentation_and_crlf() {
        let text = "{\r\n    \"a\": {\r\n        \"name\": \"x\",\r\n        \"in\": \"query\"\r\n    }\r\n}";
        let out = insert(text, "/a", Some("name"), "x-ms-summary", json!("X"));
        assert_eq!(
            out,
            "{\r\n    \"a\": {\r\n        \"name\": \"x\",\r\n        \"x-ms-summary\": \"X\",\r\n        \"in\": \"query\"\r\n    }\r\n}"
        );
        assert!(crate::json::parse(out.as_str()).errors.is_empty());
    }

    #[test]
    fn insert_object_value_into_empty_object() {
        let text = "{\n  \"info\": {}\n}";
        let out = insert(
            text,
            "/info",
            None,
            "contact",
            json!({"name": "", "url": ""}),
        );
        assert_eq!(
            out,
            "{\n  \"info\": {\n    \"contact\": {\n      \"name\": \"\",\n      \"url\": \"\"\n    }\n  }\n}"
        );
    }

    #[test]
    fn append_item_keeps_indentation() {
        let text = "{\n    \"a\": [\n        {\"x\": 1}\n    ],\n    \"b\": []\n}";
        let p = crate::json::parse(text);
        let a = p.tree.resolve("/a").unwrap();
        let e = append_item(FileKind::Swagger, a, &json!(2));
        assert_eq!(
            apply(text, &[&e]),
            "{\n    \"a\": [\n        {\"x\": 1},\n        2\n    ],\n    \"b\": []\n}"
        );
        let b = p.tree.resolve("/b").unwrap();
        let e = append_item(FileKind::Swagger, b, &json!(3));
        assert_eq!(
            apply(text, &[&e]),
            "{\n    \"a\": [\n        {\"x\": 1}\n    ],\n    \"b\": [\n        3\n    ]\n}"
        );
    }

    #[test]
    fn append_items_in_two_styles() {
        let text = "{\n  \"a\": [\n    1\n  ],\n  \"b\": []\n}";
        let p = crate::json::parse(text);
        let a = p.tree.resolve("/a").unwrap();
        let b = p.tree.resolve("/b").unwrap();
        let e1 = append_item(FileKind::Swagger, a, &json!({"x": 1}));
        let e2 = append_item(FileKind::Swagger, b, &json!(2));
        assert_eq!(
            apply(text, &[&e1, &e2]),
            "{\n  \"a\": [\n    1,\n    {\n      \"x\": 1\n    }\n  ],\n  \"b\": [\n    2\n  ]\n}"
        );
        let text = "[1, 2]";
        let p = crate::json::parse(text);
        let e = append_item(FileKind::Swagger, p.tree.root().unwrap(), &json!(3));
        assert_eq!(apply(text, &[&e]), "[1, 2, 3]");
    }

    #[test]
    fn insert_first() {
        let text = "{\n  \"info\": {}\n}";
        let p = crate::json::parse(text);
        let e = insert_first_member(
            FileKind::Swagger,
            p.tree.root().unwrap(),
            "swagger",
            &json!("2.0"),
        );
        assert_eq!(
            apply(text, &[&e]),
            "{\n  \"swagger\": \"2.0\",\n  \"info\": {}\n}"
        );
        let text = r#"{"info": {}}"#;
        let p = crate::json::parse(text);
        let e = insert_first_member(
            FileKind::Swagger,
            p.tree.root().unwrap(),
            "swagger",
            &json!("2.0"),
        );
        assert_eq!(apply(text, &[&e]), r#"{"swagger": "2.0", "info": {}}"#);
    }

    #[test]
    fn insert_inline_object() {
        let text = r#"{"a": {"b": 1}}"#;
        let out = insert(text, "/a", None, "c", json!({"d": 2}));
        assert_eq!(out, r#"{"a": {"b": 1, "c": { "d": 2 }}}"#);
        assert!(crate::json::parse(out.as_str()).errors.is_empty());
    }
}
