//! Where `string`/`binary` (raw bytes) may appear.

use crate::rules::{rule, Context, Report};

rule!(StringBinaryNotSupportedForFormUrlEncoded {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A URL-encoded form has a binary (`file` or `string`/`binary`) field.",
    docs: r##"## What it does
Reports a `formData` parameter of type `file`, or `string` with format `binary`, in an
operation whose effective `consumes` (the operation's, else the root's) includes
`application/x-www-form-urlencoded`.

## Why
A URL-encoded form carries text only (`a=1&b=2`); file content cannot be sent that way. Files
go in `multipart/form-data` bodies.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"post": { "operationId": "Upload", "consumes": ["application/x-www-form-urlencoded"],
  "parameters": [ { "name": "file", "in": "formData", "type": "file" } ] }
```

## How to fix
Use `"consumes": ["multipart/form-data"]` for operations that upload files.
"##,
    check: check_url_encoded,
});

rule!(InvalidStringBinaryProperty {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A nested schema (property or array item) is `string`/`binary`.",
    docs: r##"## What it does
Reports `"type": "string", "format": "binary"` on a schema nested inside another one (an object
property or an array item), in definitions, body parameters or responses.

## Why
`binary` means raw bytes: it only makes sense for a whole request body (or form field) or a
whole response. Inside a JSON object the bytes cannot be represented; file content inside JSON
is base64 text (`format: byte`).

Warning: certified connectors have such properties (the validator documents the rule but does
not reject them all).

## Example
```json
"Attachment": { "type": "object", "properties": { "content": { "type": "string", "format": "binary" } } }
```

## How to fix
Use `"format": "byte"` for base64 content inside JSON, or make the binary the whole body.
"##,
    check: check_nested_binary,
});

fn check_url_encoded(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let root = sw.root.get("consumes");
    for op in sw.operations() {
        let consumes = op.node.get("consumes").or(root);
        let url_encoded = consumes.is_some_and(|c| {
            c.items().any(|m| {
                m.as_str().is_some_and(|s| {
                    s.trim()
                        .to_ascii_lowercase()
                        .starts_with("application/x-www-form-urlencoded")
                })
            })
        });
        if !url_encoded {
            continue;
        }
        for p in op.parameters() {
            if p.location() != Some("formData") {
                continue;
            }
            let ty = p.def.get_str("type");
            let binary = ty == Some("file")
                || (ty == Some("string") && p.def.get_str("format") == Some("binary"));
            if binary {
                let at = p
                    .def
                    .get("type")
                    .filter(|_| p.is_inline())
                    .unwrap_or(p.node);
                out.about(
                    op.node,
                    at.range(),
                    format!(
                        "String/binary parameters are not supported for operation '{}' with 'application/x-www-form-urlencoded' consumes type.",
                        op.display_name()
                    ),
                );
            }
        }
    }
}

fn check_nested_binary(cx: &Context, out: &mut Report) {
    for site in cx.schemas() {
        if site.depth == 0 {
            continue;
        }
        let node = site.node;
        if node.get_str("type") == Some("string") && node.get_str("format") == Some("binary") {
            if let Some(format) = node.get("format") {
                out.at(
                    format,
                    "A schema with type/format 'string/binary' can only be at the top level of a body or formData parameter.",
                );
            }
        }
    }
}
