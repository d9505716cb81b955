//! Members that a closed-shape `x-ms-*` extension object does not have.

use crate::catalog::ValueSpec;
use crate::json::{Kind, Node};
use crate::rules::{rule, Context, Report, Severity};

rule!(AdditionalPropertyNotAllowed {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An `x-ms-*` extension object has a member its shape does not allow.",
    docs: r##"## What it does
Reports a member of an `x-ms-*` extension value that the extension does not define: inside an
object-valued extension whose members are known (`x-ms-dynamic-values`, `x-ms-dynamic-list`,
`x-ms-dynamic-schema`, `x-ms-capabilities`, `x-ms-api-annotation`, the items of
`x-ms-connector-metadata`, ...) and inside its nested objects whose members are known in turn.
Free-form maps (the `parameters` of a dynamic call, say) are not checked, and neither are
extensions placed where they have no effect (`ExtensionNotAllowedHere` reports those).

Members of Swagger objects that are neither fields nor `x-` extensions are reported by
`ExtensionNameNotValid`; later JSON Schema keywords by `SwaggerKeywordNotSupported`.

Member names are compared ignoring case, as the validator does (a certified connector passes with
`PropertyName` in its connector metadata). Severity: error, except inside
`x-ms-notification-content`, where certified connectors widely carry operation members
(`headers`, `parameters`, `summary`) and pass: there it is a warning.

## Why
The platform reads only the members it knows; anything else is ignored, usually a misspelling
(`value-colection`) or a member of another extension (`itemsPath` in `x-ms-dynamic-values`), so
the author's intent is silently lost. The validator rejects it, so this is an error.

## Example
```json
"x-ms-dynamic-values": { "operationId": "ListTeams", "value-path": "id", "value-titel": "name" }
```

## How to fix
Remove the member, or rename it to the member you meant (the hover over the extension lists its
members).
"##,
    check,
});

/// Reports the members of `node` that `spec` does not list, then descends into the listed
/// members whose own shape is known.
fn visit(spec: &'static ValueSpec, node: Node, lenient: bool, out: &mut Report) {
    if spec.members.is_empty() {
        return;
    }
    let mut object = |object: Node| {
        for (name, value) in object.members() {
            // The validator reads members ignoring case (certified connectors pass with
            // `PropertyName` in `x-ms-connector-metadata`).
            match spec
                .members
                .iter()
                .find(|m| m.name.eq_ignore_ascii_case(name))
            {
                Some(m) => visit(&m.value, value, lenient, out),
                None => {
                    let f = out.at_key(
                        value,
                        format!("The property '{name}' is not allowed and must be removed."),
                    );
                    if lenient {
                        f.severity = Severity::Warning;
                    }
                }
            }
        }
    };
    match node.kind() {
        Kind::Object => object(node),
        Kind::Array => node.items().filter(Node::is_object).for_each(object),
        _ => {}
    }
}

/// The extension whose shape the validator does not enforce: about twenty certified connectors
/// of our corpus write operation members (`headers`, `parameters`, `summary`, ...) in their
/// `x-ms-notification-content`, so unknown members there are warnings.
const LENIENT_EXTENSION: &str = "x-ms-notification-content";

fn check(cx: &Context, out: &mut Report) {
    super::super::extensions::for_each_effective(cx, |ext, value| {
        visit(&ext.value, value, ext.name == LENIENT_EXTENSION, out)
    });
}
