//! Enumerated extension values outside their enum (`x-ms-visibility: "hidden"`), or in the
//! wrong case (`"Advanced"`).

use serde_json::Value;

use crate::catalog::ValueSpec;
use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::{replace_value, Fix, Safety};
use crate::rules::support::did_you_mean;
use crate::rules::{rule, Context, Report, Severity};

rule!(JsonValueNotInEnum {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "An enumerated Swagger field or extension value is not one of its allowed values.",
    docs: r#"## What it does
Checks enumerated Swagger 2.0 fields against their allowed values: a parameter's `in`
(`query`, `header`, `path`, `formData`, `body`), `collectionFormat` (`csv`, `ssv`, `tsv`,
`pipes`, `multi`), and a security definition's `type` (`basic`, `apiKey`, `oauth2`), `in`
(`query`, `header`) and `flow` (`implicit`, `password`, `application`, `accessCode`). Also
checks the value of every enumerated extension, and of enumerated members of structured
extensions: `x-ms-visibility` (`important`, `advanced`,
`internal`), `x-ms-trigger` (`single`, `batch`), `x-ms-url-encoding` (`single`, `double`),
`x-ms-editor` (`dictionary`), `x-ms-media-kind` (`image`, `audio`), the `status` of
`x-ms-api-annotation` (`Preview`, `Production`), the `kind` and `mode` of
`x-ms-trigger-metadata`, and the `builtInOperation` and `capability` of `x-ms-dynamic-values`.
Only extensions placed where they take effect are checked. An empty `x-ms-visibility` means
"normal" and is accepted.

## Why
The platform does not know what to do with another value: the validator rejects it, so this is
an error. An extension value that differs only in letter case (`"Advanced"`) is read by the
platform anyway (certified connectors ship with it), so that case is a warning; Swagger fields
are case-sensitive and stay errors. Both get a safe fix.

## Example
```json
{ "name": "top", "in": "query", "type": "integer", "x-ms-visibility": "hidden" }
```

## How to fix
Use one of the values the message lists, spelt exactly: `"x-ms-visibility": "internal"`.
"#,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    super::for_each_effective(cx, |ext, node| {
        // `x-ms-pageable.nextLinkName` has its own documented code (InvalidNextLinkNameValue).
        if ext.name == "x-ms-pageable" {
            return;
        }
        super::visit_value(&ext.value, node, &mut |spec, node| {
            // The platform reads extension values in any letter case (certified connectors
            // ship with `"Advanced"`): only a warning.
            report(out, spec, node, Severity::Warning);
        });
    });
    super::for_each_off_enum_field(cx, |field, node| {
        report(out, &field.value, node, Severity::Error);
    });
}

/// Reports a string `node` outside `spec`'s values; `case_severity` is the severity when only
/// the letter case differs.
fn report(out: &mut Report, spec: &ValueSpec, node: Node, case_severity: Severity) {
    if spec.values.is_empty() {
        return;
    }
    let Some(value) = node.as_str() else { return };
    if spec.values.contains(&value) || (value.is_empty() && spec.empty_is_default) {
        return;
    }
    let message = format!(
        "The property value must be one of the following: {}.",
        spec.values.join(", ")
    );
    let f = out.at(node, message);
    if let Some(exact) = spec.value_ignoring_case(value) {
        f.severity = case_severity;
        f.with_fix(Fix::new(
            format!("Change to '{exact}'"),
            Safety::Safe,
            vec![replace_value(FileKind::Swagger, node, &Value::from(exact))],
        ));
    } else if let Some(near) = did_you_mean(value, spec.values.iter().copied()) {
        f.with_fix(Fix::new(
            format!("Change to '{near}'"),
            Safety::Unsafe,
            vec![replace_value(FileKind::Swagger, node, &Value::from(near))],
        ));
    }
}
