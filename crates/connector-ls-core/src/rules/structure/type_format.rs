//! `type` and `format` must be a pair the platform knows: the OpenAPI 2.0 table plus the string
//! formats the platform adds (`uuid`, `email`, `uri`, `html`, ...).

use serde_json::json;

use super::{for_each_schema, for_each_simple_value, type_fields};
use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::replace_value;
use crate::rules::support::did_you_mean;
use crate::rules::{rule, Context, Fix, Report, Safety, Severity};

rule!(UnrecognizedTypeFormat {
    severity: Warning,
    also: [Error],
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "A `type`, or a `type`/`format` pair, that the platform does not recognise.",
    docs: r##"## What it does
Checks `type` and `format` of every schema (definitions, body parameters, responses, at any
depth), every non-body parameter and its `items`, and every response header. Reports:

- a `type` that is not one of `string`, `number`, `integer`, `boolean`, `array`, `object`
  (or `file`, whose placement other rules check), such as `decimal`, `int` or `String`;
- a `format` that does not belong to its type. Known pairs: `integer` with `int32`/`int64`;
  `number` with `float`/`double`; `string` with `byte`, `binary`, `date`, `date-time`,
  `date-no-tz`, `password`, `uuid`, `guid`, `uri`, `email`, `html`. `boolean`, `array` and
  `object` take no format. An empty `format` is ignored.

## Why
The format tells the designer which editor to show and how to convert the value (a date picker
for `date-time`, a file content for `binary`, a 64-bit number for `int64`). An unknown pair is
treated as a plain value of the type, so a misspelt format silently loses its meaning, and an
unknown type breaks the input or output entirely.

Severity: error for a `type` outside the seven, because the certification pipeline reports
types such as `decimal` as errors; warning for a `type`/`format` pair, which the pipeline
reports as `Warning : ... The type/format 'integer/password' is not recognized.` (certified
connectors also use formats outside the table: `decimal`, `phone`, `enum`).

## Example
```json
{ "name": "count", "in": "query", "type": "integer", "format": "password" }
```

## How to fix
Use a format of the type (`int32`), or remove `format`. For an unknown type, use the JSON type
(`"number"` for `decimal`, `"integer"` for `int`); the quick fix suggests one when it can.
"##,
    check,
});

const TYPES: [&str; 7] = [
    "string", "number", "integer", "boolean", "array", "object", "file",
];

fn formats_of(ty: &str) -> &'static [&'static str] {
    match ty {
        "integer" => &["int32", "int64"],
        "number" => &["float", "double"],
        "string" => &[
            "byte",
            "binary",
            "date",
            "date-time",
            "date-no-tz",
            "password",
            "uuid",
            "guid",
            "uri",
            "email",
            "html",
        ],
        _ => &[],
    }
}

/// The JSON type an author most likely meant by an unknown type name.
fn type_suggestion(ty: &str) -> Option<&'static str> {
    let lower = ty.to_ascii_lowercase();
    if let Some(t) = TYPES.iter().find(|t| **t == lower) {
        return Some(t);
    }
    Some(match lower.as_str() {
        "int" | "int32" | "int64" | "long" | "short" => "integer",
        "decimal" | "float" | "double" => "number",
        "bool" => "boolean",
        "str" | "text" | "date" | "datetime" | "date-time" | "guid" | "uuid" => "string",
        "list" => "array",
        "dict" | "map" => "object",
        _ => did_you_mean(ty, TYPES)?,
    })
}

/// Checks one object carrying `type`/`format` (a schema, parameter, header or items object).
fn check_node(node: Node, out: &mut Report) {
    let fields = type_fields(node);
    if fields.reference.is_some() {
        return;
    }
    let Some(type_node) = fields.ty else {
        return;
    };
    let Some(ty) = type_node.as_str() else { return };
    if !TYPES.contains(&ty) {
        let text = match fields
            .format
            .and_then(|f| f.as_str())
            .filter(|f| !f.is_empty())
        {
            Some(f) => format!("{ty}/{f}"),
            None => ty.to_string(),
        };
        let f = out.at(
            type_node,
            format!("The type/format '{text}' is not recognized."),
        );
        f.severity = Severity::Error;
        if let Some(s) = type_suggestion(ty) {
            let safety = if s.eq_ignore_ascii_case(ty) {
                Safety::Safe
            } else {
                Safety::Unsafe
            };
            f.with_fix(Fix::new(
                format!("Change the type to \"{s}\""),
                safety,
                vec![replace_value(FileKind::Swagger, type_node, &json!(s))],
            ));
        }
        return;
    }
    if ty == "file" {
        return;
    }
    let Some(format_node) = fields.format else {
        return;
    };
    let Some(format) = format_node.as_str() else {
        return;
    };
    let known = formats_of(ty);
    if format.is_empty() || known.contains(&format) {
        return;
    }
    let f = out.at(
        format_node,
        format!("The type/format '{ty}/{format}' is not recognized."),
    );
    if let Some(s) = did_you_mean(format, known.iter().copied()) {
        let safety = if s.eq_ignore_ascii_case(format) {
            Safety::Safe
        } else {
            Safety::Unsafe
        };
        f.with_fix(Fix::new(
            format!("Change the format to \"{s}\""),
            safety,
            vec![replace_value(FileKind::Swagger, format_node, &json!(s))],
        ));
    }
}

/// A non-body parameter or a header, and its chain of `items`.
fn check_simple(node: Node, out: &mut Report) {
    let mut cur = Some(node);
    let mut depth = 0;
    while let Some(n) = cur.filter(|n| n.is_object()) {
        check_node(n, out);
        cur = n.get("items");
        depth += 1;
        if depth > 32 {
            break;
        }
    }
}

fn check(cx: &Context, out: &mut Report) {
    for_each_schema(cx, |node| check_node(node, out));
    for_each_simple_value(cx, |node| check_simple(node, out));
}
