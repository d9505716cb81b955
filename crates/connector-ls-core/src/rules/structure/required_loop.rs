//! Definitions must not require each other in a loop: following only required properties (and
//! `allOf` members, which a schema always includes) through `$ref`s must never come back.

use std::collections::HashMap;

use crate::json::{Kind, Node};
use crate::package::FileKind;
use crate::rules::{rule, Context, Report};

rule!(RequiredLoopInSchemaNotAllowed {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "Definitions require each other in a loop through required properties.",
    docs: r##"## What it does
Follows, from each definition, only the properties listed in its `required` array (and the
members of its `allOf`, which the schema always includes) through `$ref`s to other definitions.
Reports the required property that closes a loop back to a definition already on the chain,
once per loop. Optional properties, arrays (which may be empty) and `additionalProperties` end
a chain: recursion through them is fine.

## Why
A value of such a schema can never be complete: an `Order` that must contain a `Customer` that
must contain an `Order` ... has no finite instance. The designer cannot build the required
inputs and the validator rejects it.

Error: the validator rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"Order":    { "type": "object", "required": ["customer"],
              "properties": { "customer": { "$ref": "#/definitions/Customer" } } },
"Customer": { "type": "object", "required": ["lastOrder"],
              "properties": { "lastOrder": { "$ref": "#/definitions/Order" } } }
```

## How to fix
Make one link of the loop optional: remove the property from its `required` array.
"##,
    check,
});

/// How deep inline required objects are followed inside one definition.
const MAX_INLINE_DEPTH: usize = 64;

/// One required link: the target definition and the property (or `allOf` reference) to report.
struct Link<'a> {
    target: usize,
    site: Node<'a>,
}

fn check(cx: &Context, out: &mut Report) {
    let Some(defs) = cx.swagger.and_then(|sw| sw.definitions()) else {
        return;
    };
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut nodes: Vec<Node> = Vec::new();
    for (name, node) in defs.members() {
        match index.get(name) {
            Some(&i) => nodes[i] = node,
            None => {
                index.insert(name, nodes.len());
                nodes.push(node);
            }
        }
    }
    let target_of = |r: Node| -> Option<usize> {
        let name = r.as_str()?.strip_prefix("#/definitions/")?;
        index.get(name).copied()
    };
    let links: Vec<Vec<Link>> = nodes
        .iter()
        .map(|&d| {
            let mut l = Vec::new();
            required_links(d, &target_of, 0, &mut l);
            l
        })
        .collect();

    // Depth-first search in document order; an edge to a definition on the current chain
    // closes a loop.
    const NEW: u8 = 0;
    const ON_CHAIN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; nodes.len()];
    for root in 0..nodes.len() {
        if state[root] != NEW {
            continue;
        }
        let mut chain: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = ON_CHAIN;
        while let Some(&mut (v, ref mut e)) = chain.last_mut() {
            let Some(link) = links[v].get(*e) else {
                state[v] = DONE;
                chain.pop();
                continue;
            };
            *e += 1;
            match state[link.target] {
                NEW => {
                    state[link.target] = ON_CHAIN;
                    chain.push((link.target, 0));
                }
                ON_CHAIN => {
                    let start = nodes[link.target];
                    out.at_key(
                        link.site,
                        "Loops of required schema properties are not allowed.",
                    )
                    .with_related(
                        FileKind::Swagger,
                        start.anchor(),
                        "the loop starts and ends at this definition",
                    );
                }
                _ => {}
            }
        }
    }
}

/// The definitions `schema` requires: its own `$ref`, its required properties' and its `allOf`
/// members', following required inline objects.
fn required_links<'a>(
    schema: Node<'a>,
    target_of: &impl Fn(Node<'a>) -> Option<usize>,
    depth: usize,
    out: &mut Vec<Link<'a>>,
) {
    if !schema.is_object() || depth > MAX_INLINE_DEPTH {
        return;
    }
    if let Some(r) = schema.get("$ref") {
        if let Some(target) = target_of(r) {
            out.push(Link { target, site: r });
        }
        return;
    }
    for member in schema.get("allOf").iter().flat_map(|a| a.items()) {
        required_links(member, target_of, depth + 1, out);
    }
    let Some(props) = schema.get("properties").filter(Node::is_object) else {
        return;
    };
    for name in schema.get("required").iter().flat_map(|r| r.items()) {
        let Some(prop) = name.as_str().and_then(|n| props.get(n)) else {
            continue;
        };
        if prop.kind() != Kind::Object {
            continue;
        }
        match prop.get("$ref").and_then(target_of) {
            // Report at the property, which is what the author makes optional.
            Some(target) => out.push(Link { target, site: prop }),
            None => required_links(prop, target_of, depth + 1, out),
        }
    }
}
