//! Extension values of the wrong JSON type (`"x-ms-notification-url": "true"`).

use serde_json::Value;

use crate::catalog::{type_name, JsonType, Status, ValueSpec};
use crate::json::{Kind, Node};
use crate::package::FileKind;
use crate::rules::fix::{replace_value, Fix, Safety};
use crate::rules::{rule, Context, Report, Severity};

rule!(JsonTypeIncorrect {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "A Swagger field or an extension value has the wrong JSON type.",
    docs: r#"## What it does
Checks the JSON type of every fixed Swagger 2.0 field (a parameter's `required` is a boolean, a
schema's `required` an array of names, `maxLength` an integer, `description` a string, ...)
and of every extension value and member of a structured extension, against the catalog:
`x-ms-summary` and `x-ms-trigger-hint` are strings, `x-ms-notification-url` and
`x-ms-no-generic-test` are booleans, `x-ms-dynamic-values` is an object whose `operationId` is
a string, `x-ms-connector-metadata` is an array, and so on. Extensions are checked only where
they take effect.

## Why
The validator rejects a value of the wrong type, and the designers cannot use it: a boolean
written as the string `"true"`, a label written as a number. Extensions that are only observed
in certified connectors, without a published definition (`x-ms-openai-manifest`,
`x-ms-keywords`, ...), are reported as warnings since their exact shape is not documented.

## Example
```json
{ "name": "top", "in": "query", "type": "integer", "required": "false" }
```

## How to fix
Write the value with the type the message names: `"required": false`. A quick fix
converts the obvious cases (a quoted `true`/`false` or number, a number that should be text).
"#,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    super::for_each_effective(cx, |ext, node| {
        let sure = matches!(ext.status, Status::Documented | Status::RepoSchema);
        super::visit_value(&ext.value, node, &mut |spec, node| {
            // A null visibility is documented as "normal", like an empty string.
            if node.kind() == Kind::Null && spec.empty_is_default {
                return;
            }
            report(out, spec, node, sure);
        });
    });
    super::for_each_mistyped_field(cx, |field, node| report(out, &field.value, node, true));
}

/// Reports `node` when its type is not one `spec` accepts; as a warning when the spec is not
/// `sure` (taken from observation rather than a published definition).
fn report(out: &mut Report, spec: &ValueSpec, node: Node, sure: bool) {
    let kind = node.kind();
    if kind == Kind::Error || spec.accepts(node) {
        return;
    }
    let Some(actual) = type_name(kind, node.source()) else {
        return;
    };
    let message = format!(
        "The type of the property is incorrect. Expected type '{}', but value is of type '{actual}'.",
        spec.expected()
    );
    let f = out.at(node, message);
    if !sure {
        f.severity = Severity::Warning;
    }
    if let Some((title, value)) = conversion(spec.types, node) {
        f.with_fix(Fix::new(
            title,
            Safety::Unsafe,
            vec![replace_value(FileKind::Swagger, node, &value)],
        ));
    }
}

/// An obvious conversion of `node` to one of `types`: a quoted boolean or integer unquoted, a
/// scalar quoted.
fn conversion(types: &[JsonType], node: Node) -> Option<(String, Value)> {
    let first = *types.first()?;
    match (first, node.kind()) {
        (JsonType::Boolean, Kind::String) => {
            let b = match node.as_str()?.trim().to_ascii_lowercase().as_str() {
                "true" => true,
                "false" => false,
                _ => return None,
            };
            Some((format!("Change to the boolean {b}"), Value::Bool(b)))
        }
        (JsonType::Integer | JsonType::Number, Kind::String) => {
            let n: i64 = node.as_str()?.trim().parse().ok()?;
            Some((format!("Change to the number {n}"), Value::from(n)))
        }
        (JsonType::String, Kind::Number | Kind::Bool) => {
            let text = node.source().to_string();
            Some((
                format!("Change to the string \"{text}\""),
                Value::String(text),
            ))
        }
        _ => None,
    }
}
