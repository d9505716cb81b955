//! A response example is keyed by a MIME type the operation produces.

use crate::json::Node;
use crate::rules::{rule, Context, Report};

rule!(ResponseExampleMustBeProducedByOperation {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A response example is keyed by a MIME type the operation does not produce.",
    docs: r##"## What it does
Reports a key of a response's `examples` map that is not one of the operation's effective
`produces` MIME types (the operation's own list, else the root list). Operations with no
`produces` anywhere are not checked.

## Why
OpenAPI 2.0 keys examples by the MIME types the operation returns; an example for another type
is never shown and usually means a typo (`application/jsn`) or a missing `produces` entry. The
validator rejects it, so this is an error.

## Example
```json
"produces": ["application/json"],
"responses": { "200": { "description": "OK", "examples": { "text/plain": "ok" } } }
```

## How to fix
Key the example by a produced type, or add the type to `produces`.
"##,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let root_produces = sw.root.get("produces");
    for op in sw.operations() {
        let Some(produces) = op.node.get("produces").or(root_produces) else {
            continue;
        };
        let Some(responses) = op.responses() else {
            continue;
        };
        for (_, response) in responses.members() {
            let response = sw.deref(response).unwrap_or(response);
            let Some(examples) = response.get("examples").filter(Node::is_object) else {
                continue;
            };
            for (mime, example) in examples.members() {
                let produced = produces.items().any(|p| {
                    p.as_str().is_some_and(|p| {
                        p.eq_ignore_ascii_case(mime)
                            || p.split(';')
                                .next()
                                .is_some_and(|e| e.trim().eq_ignore_ascii_case(mime))
                    })
                });
                if !produced {
                    out.at_key(
                        example,
                        format!(
                            "The response example '{mime}' is not produced by the operation '{}'.",
                            op.display_name()
                        ),
                    );
                }
            }
        }
    }
}
