//! Arrays that are sets (`enum`, `required`, `schemes`, `consumes`, `produces`, `tags`, scopes)
//! holding a value twice, and `enum` values of another type than the declared one.

use std::collections::HashSet;

use crate::json::{Kind, Node};
use crate::package::FileKind;
use crate::rules::{rule, Context, Report};

rule!(ArrayDuplicateValue {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "An array that is a set (`enum`, `required`, `tags`, ...) holds the same value twice.",
    docs: r#"## What it does
Reports the repeated item of an `enum`, `required`, `schemes`, `consumes`, `produces`, operation
`tags` or security scope list. Strings compare case-sensitively, other values by their JSON text.

## Why
These arrays are sets: a repeated value adds nothing and usually hides a typo (the value that was
meant is missing). The validator rejects it; no certified connector has such a repeat.

## Example
```json
"enum": ["open", "closed", "open"]
```

## How to fix
Remove the repeated item (the fix does), or correct it to the value that was meant.
"#,
    check: check_duplicates,
});

rule!(InvalidEnumValue {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An `enum` value's JSON type differs from the declared `type`.",
    docs: r#"## What it does
Reports an item of `enum` whose JSON type does not match the `type` of the same parameter or
schema: a number in the enum of a `string`, a string in the enum of an `integer`, a fraction in
the enum of an `integer`, and so on. `null` is accepted (nullable values), and so are the
strings `"true"` and `"false"` in the enum of a `boolean`, which the platform reads as booleans
(certified connectors use them).

## Why
The designer offers enum values as the choices of a drop-down and sends the chosen one as typed;
a value of another type is either sent wrongly or rejected by the service. The validator rejects
it.

## Example
```json
{ "name": "limit", "in": "query", "type": "integer", "enum": ["10", "20"] }
```

## How to fix
Write the values in the declared type (`[10, 20]`), or change the `type`.
"#,
    check: check_enum_types,
});

/// Calls `f` for every parameter object written in the document (root map, path items,
/// operations) and every `items` below one.
fn for_each_parameter_like<'a>(cx: &Context<'a>, mut f: impl FnMut(Node<'a>)) {
    let Some(sw) = cx.swagger else { return };
    let mut visit = |p: Node<'a>| {
        let mut cur = Some(p);
        let mut depth = 0;
        while let Some(n) = cur.filter(|n| n.is_object() && depth < 16) {
            f(n);
            cur = n.get("items");
            depth += 1;
        }
    };
    for (_, p) in sw.root.get("parameters").iter().flat_map(|m| m.members()) {
        visit(p);
    }
    for (_, item) in sw.paths().iter().flat_map(|p| p.members()) {
        let holders = std::iter::once(item).chain(item.members().map(|(_, op)| op));
        for h in holders {
            h.get("parameters")
                .iter()
                .flat_map(|l| l.items())
                .for_each(&mut visit);
        }
    }
}

/// Every set-like array of the document.
fn set_arrays<'a>(cx: &Context<'a>) -> Vec<Node<'a>> {
    let mut out = Vec::new();
    let Some(sw) = cx.swagger else { return out };
    let security = |holder: Node<'a>, out: &mut Vec<Node<'a>>| {
        for req in holder.get("security").iter().flat_map(|s| s.items()) {
            out.extend(req.members().map(|(_, scopes)| scopes));
        }
    };
    for k in ["schemes", "consumes", "produces"] {
        out.extend(sw.root.get(k));
    }
    security(sw.root, &mut out);
    for op in sw.operations() {
        for k in ["schemes", "consumes", "produces", "tags"] {
            out.extend(op.node.get(k));
        }
        security(op.node, &mut out);
    }
    for s in cx.schemas() {
        out.extend(s.node.get("enum"));
        out.extend(s.node.get("required"));
    }
    for_each_parameter_like(cx, |p| out.extend(p.get("enum")));
    out.retain(Node::is_array);
    out
}

fn check_duplicates(cx: &Context, out: &mut Report) {
    let mut seen: HashSet<(Kind, &str)> = HashSet::new();
    for array in set_arrays(cx) {
        seen.clear();
        let mut prev: Option<Node> = None;
        let small = array.len() <= 16;
        for (i, item) in array.items().enumerate() {
            let key = (item.kind(), item.as_str().unwrap_or(item.source()));
            // Short arrays (nearly all) are compared pairwise, which beats hashing.
            let repeated = if small {
                array
                    .items()
                    .take(i)
                    .any(|o| (o.kind(), o.as_str().unwrap_or(o.source())) == key)
            } else {
                !seen.insert(key)
            };
            if item.kind() != Kind::Error && repeated {
                // At the array (a uniqueness check is about the array); the range is on the repeat.
                let f = out.about(
                    array,
                    item.range(),
                    "The array contains duplicate values, values must be unique.",
                );
                // Remove from the end of the previous item to the end of this one: the comma
                // and the repeat, leaving the layout of the rest untouched.
                if let Some(p) = prev {
                    let range = crate::text::TextRange::new(p.range().end, item.range().end);
                    f.with_fix(crate::rules::Fix::new(
                        "Remove the repeated value",
                        crate::rules::Safety::Safe,
                        vec![crate::rules::Edit {
                            file: FileKind::Swagger,
                            range,
                            new_text: String::new(),
                        }],
                    ));
                }
            }
            prev = Some(item);
        }
    }
}

/// The JSON type of an enum value, as swagger names types.
fn value_type(n: Node) -> Option<&'static str> {
    Some(match n.kind() {
        Kind::String => "string",
        Kind::Bool => "boolean",
        Kind::Number if n.as_i64().is_some() || !n.source().contains(['.', 'e', 'E']) => "integer",
        Kind::Number => "number",
        Kind::Object => "object",
        Kind::Array => "array",
        Kind::Null | Kind::Error => return None,
    })
}

fn matches(declared: &str, item: Node, actual: &str) -> bool {
    declared == actual
        || (declared == "number" && actual == "integer")
        // Json.NET reads "true" / "false" as booleans; 13 certified connectors rely on it.
        || (declared == "boolean"
            && item
                .as_str()
                .is_some_and(|s| s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false")))
}

fn check_enum_types(cx: &Context, out: &mut Report) {
    let mut holders: Vec<Node> = cx.schemas().iter().map(|s| s.node).collect();
    for_each_parameter_like(cx, |p| holders.push(p));
    for h in holders {
        let (Some(declared), Some(list)) = (h.get_str("type"), h.get("enum")) else {
            continue;
        };
        if !["string", "integer", "number", "boolean"].contains(&declared) {
            continue;
        }
        for item in list.items() {
            if let Some(actual) = value_type(item).filter(|a| !matches(declared, item, a)) {
                out.at(
                    item,
                    format!("The type of the enum value is '{actual}' but it should be '{declared}' as specified in the schema."),
                );
            }
        }
    }
}
