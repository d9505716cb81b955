//! `type: file` is for form data parameters and whole-response schemas only.

use std::collections::HashSet;

use super::{for_each_schema, parameter_definitions};
use crate::json::{Node, NodeId};
use crate::rules::{rule, Context, Report};

rule!(FileParameterMustBeInFormData {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A parameter of `type: file` is not `in: formData`.",
    docs: r##"## What it does
Reports a parameter with `"type": "file"` whose `in` is not `formData` (inline parameters and
the root `parameters` section).

## Why
In OpenAPI 2.0 a file can only be uploaded as a multipart form field. To send raw bytes as the
request body, use a body parameter with `"schema": { "type": "string", "format": "binary" }`.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
{ "name": "content", "in": "query", "type": "file" }
```

## How to fix
Make it `"in": "formData"` (with `"consumes": ["multipart/form-data"]` on the operation), or
send the content as a body parameter with a `string`/`binary` schema.
"##,
    check: check_parameters,
});

rule!(SchemaTypeFileNotValid {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A schema other than a response's root schema has `type: file`.",
    docs: r##"## What it does
Reports `"type": "file"` in a schema that is not the root schema of a response: in
`definitions`, in body parameter schemas, or nested in properties and items.

## Why
`file` means "the whole response body is a file". It has no meaning as a property, an array
item or a request body; the platform refuses it there.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"definitions": { "Attachment": { "type": "object", "properties": { "content": { "type": "file" } } } }
```

## How to fix
For file content inside JSON use `"type": "string", "format": "byte"` (base64); for a raw
request body use a body parameter with `"type": "string", "format": "binary"`.
"##,
    check: check_schemas,
});

fn check_parameters(cx: &Context, out: &mut Report) {
    for def in parameter_definitions(cx) {
        let Some(ty) = def.get("type") else { continue };
        if ty.as_str() == Some("file") && def.get_str("in") != Some("formData") {
            out.at(
                ty,
                "Parameters of type 'file' are not valid in locations other than 'formData'.",
            );
        }
    }
}

/// The root schemas of all responses (root section and operations), where `file` is allowed.
fn response_roots(cx: &Context) -> HashSet<NodeId> {
    let Some(sw) = cx.swagger else {
        return HashSet::new();
    };
    let root_responses = sw.root.get("responses").filter(Node::is_object);
    let op_responses = sw.operations().filter_map(|op| op.responses());
    root_responses
        .into_iter()
        .chain(op_responses)
        .flat_map(|r| r.members())
        .filter_map(|(_, r)| r.get("schema"))
        .map(|s| s.id())
        .collect()
}

fn check_schemas(cx: &Context, out: &mut Report) {
    let allowed = response_roots(cx);
    for_each_schema(cx, |node| {
        let Some(ty) = node.get("type") else { return };
        if ty.as_str() == Some("file") && !allowed.contains(&node.id()) {
            out.at(
                ty,
                "The schema type 'file' is not valid. Only parameters in 'formData' and the root response schema may be of type 'file'.",
            );
        }
    });
}
