//! The object a finding is about, named for people: `parameter 'operation' (body) of
//! 'CreateFolder'`.
//!
//! A finding about a missing member is placed on the key (or `{`) of the object that lacks it,
//! and its message is the validator's own words ("The 'x-ms-summary' property is required.").
//! The message is kept verbatim, so that it can be searched for and compared with what the
//! certification pipeline prints; the object's name is a separate part of the output instead
//! (`subject` in JSON, appended in parentheses in text, SARIF and GitHub annotations).

use crate::json::Node;
use crate::package::{FileKind, Package};
use crate::rules::Finding;

/// Longest name shown before it is cut with `…`.
const MAX_NAME: usize = 60;

/// `s` with control characters shown as escapes, so that text from a package cannot drive the
/// terminal. Tabs and line breaks stay (a `\r` only before `\n`).
pub fn terminal_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c if c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push_str(&c.escape_unicode().to_string())
            }
            c => out.push(c),
        }
    }
    out
}

/// A name from the document, quoted, escaped and cut to a readable length.
fn quoted(name: &str) -> String {
    let cut: String = name.chars().take(MAX_NAME).collect();
    let ellipsis = if cut.len() < name.len() { "…" } else { "" };
    format!("'{}{ellipsis}'", terminal_safe(&cut).replace('\n', "\\n"))
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// `'ListItems'`, else `GET /items`.
fn operation_name(op: Node, path: &str, method: &str) -> String {
    match op.get_str("operationId") {
        Some(id) => quoted(id),
        None => format!("{} {}", method.to_uppercase(), quoted(path)),
    }
}

/// Names a swagger node: an operation, a parameter, a response, a definition or a schema
/// property, with the operation it belongs to. `None` for anything else.
pub fn describe(node: Node) -> Option<String> {
    let pointer: Vec<Node> = {
        let mut chain: Vec<Node> = node.ancestors().collect();
        chain.reverse();
        chain.push(node);
        chain.dedup_by_key(|n| n.id());
        chain
    };
    // pointer[0] is the root; keys below it.
    let key = |i: usize| pointer.get(i).and_then(|n| n.key());
    let depth = pointer.len() - 1;
    match key(1)? {
        "paths" if depth >= 3 => {
            let path = key(2)?;
            let method = key(3)?;
            if !METHODS.contains(&method.to_ascii_lowercase().as_str()) {
                // A path-level parameter.
                if method == "parameters" && depth == 4 {
                    return Some(format!(
                        "{} of path {}",
                        parameter(pointer[4]),
                        quoted(path)
                    ));
                }
                return None;
            }
            let op = operation_name(pointer[3], path, method);
            match (depth, key(4)) {
                (3, _) => Some(format!("operation {op}")),
                (5, Some("parameters")) => Some(format!("{} of {op}", parameter(pointer[5]))),
                (5, Some("responses")) => Some(format!("response {} of {op}", quoted(key(5)?))),
                (d, Some("parameters" | "responses")) if d >= 6 => {
                    let owner = if key(4) == Some("parameters") {
                        parameter(pointer[5])
                    } else {
                        format!("response {}", quoted(key(5)?))
                    };
                    Some(format!("{}{owner} of {op}", property_part(&pointer[6..])))
                }
                _ => None,
            }
        }
        "parameters" if depth >= 2 => {
            let owner = format!("{} in #/parameters", parameter(pointer[2]));
            Some(format!("{}{owner}", property_part(&pointer[3..])))
        }
        "definitions" if depth >= 2 => {
            let owner = format!("definition {}", quoted(key(2)?));
            Some(format!("{}{owner}", property_part(&pointer[3..])))
        }
        "responses" if depth >= 2 => {
            let owner = format!("response {} in #/responses", quoted(key(2)?));
            Some(format!("{}{owner}", property_part(&pointer[3..])))
        }
        _ => None,
    }
}

/// `parameter 'name' (in)`.
fn parameter(p: Node) -> String {
    let name = p.get_str("name").map(quoted);
    let location = p.get_str("in").map(|l| format!(" ({})", terminal_safe(l)));
    match (name, location) {
        (Some(n), Some(l)) => format!("parameter {n}{l}"),
        (Some(n), None) => format!("parameter {n}"),
        (None, _) => match p.get_str("$ref") {
            Some(r) => format!("parameter {}", quoted(r)),
            None => "parameter".to_string(),
        },
    }
}

/// `property 'a.b' of ` for a chain below a schema (`schema/properties/a/properties/b`), empty
/// when the chain names no property.
fn property_part(chain: &[Node]) -> String {
    let names: Vec<&str> = chain
        .windows(2)
        .filter(|w| w[0].key() == Some("properties"))
        .filter_map(|w| w[1].key())
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("property {} of ", quoted(&names.join(".")))
    }
}

/// The subject of a finding of `package`: for a finding about an object as a whole (placed on
/// the object's key or `{`, as a missing member is), the object named.
pub fn of(package: &Package, finding: &Finding) -> Option<String> {
    if finding.file != FileKind::Swagger {
        return None;
    }
    let doc = package.document(FileKind::Swagger)?;
    let node = doc.tree().resolve(&finding.pointer)?;
    if !node.is_object() || node.anchor() != finding.range {
        return None;
    }
    describe(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(text: &str, pointer: &str) -> Option<String> {
        let p = crate::json::parse(text);
        describe(p.tree.resolve(pointer).unwrap())
    }

    #[test]
    fn names_operations_parameters_and_properties() {
        let text = r#"{"paths": {"/f": {
            "parameters": [{"name": "site", "in": "path"}],
            "post": {"operationId": "CreateFolder",
                "parameters": [{"name": "operation", "in": "body",
                    "schema": {"properties": {"a": {"properties": {"b": {}}}}}}],
                "responses": {"200": {"schema": {"properties": {"id": {}}}}}},
            "get": {"parameters": []}}},
            "definitions": {"Item": {"properties": {"x\u001b": {}}}},
            "parameters": {"P": {"name": "top", "in": "query"}}}"#;
        let cases = [
            ("/paths/~1f/post", "operation 'CreateFolder'"),
            ("/paths/~1f/get", "operation GET '/f'"),
            (
                "/paths/~1f/post/parameters/0",
                "parameter 'operation' (body) of 'CreateFolder'",
            ),
            (
                "/paths/~1f/post/parameters/0/schema/properties/a/properties/b",
                "property 'a.b' of parameter 'operation' (body) of 'CreateFolder'",
            ),
            (
                "/paths/~1f/post/responses/200",
                "response '200' of 'CreateFolder'",
            ),
            (
                "/paths/~1f/post/responses/200/schema/properties/id",
                "property 'id' of response '200' of 'CreateFolder'",
            ),
            (
                "/paths/~1f/parameters/0",
                "parameter 'site' (path) of path '/f'",
            ),
            (
                "/definitions/Item/properties/x\u{1b}",
                "property 'x\\u{1b}' of definition 'Item'",
            ),
            ("/parameters/P", "parameter 'top' (query) in #/parameters"),
        ];
        for (pointer, expected) in cases {
            assert_eq!(
                subject(text, pointer).as_deref(),
                Some(expected),
                "{pointer}"
            );
        }
        assert_eq!(subject(text, "/paths"), None);
        assert_eq!(subject(text, ""), None);
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            terminal_safe("a\u{1b}[31mb\r\nc\rd"),
            "a\\u{1b}[31mb\r\nc\\u{d}d"
        );
        assert_eq!(terminal_safe("x\u{202e}y"), "x\\u{202e}y");
    }
}
