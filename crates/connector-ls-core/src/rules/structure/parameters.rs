//! The parameter lists of operations and path items: no duplicates, at most one body, and never
//! body and form data together.

use super::parameters_unique::repeated_entry;
use crate::json::Node;
use crate::package::swagger::Swagger;
use crate::package::FileKind;
use crate::rules::{rule, Context, Report, Severity};

rule!(OperationParametersContainDuplicateParameter {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An operation lists two parameters with the same `name` and `in`.",
    docs: r##"## What it does
Reports a parameter of an operation's `parameters` list (after resolving `$ref`s) that has the
same `name` and `in` as an earlier one in the same list, with a link to the first.

## Why
A parameter is identified by its name and location; two definitions of one parameter conflict
(which type, which default?) and the platform refuses the operation. A parameter of the
operation that repeats one of its path item is an override and is fine.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"parameters": [
  { "name": "top", "in": "query", "type": "integer" },
  { "name": "top", "in": "query", "type": "string" }
]
```

## How to fix
Delete one of them, or rename it if they are really two different inputs.
"##,
    check: check_operation_duplicates,
});

rule!(PathParametersContainDuplicateParameter {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A path item lists two parameters with the same `name` and `in`.",
    docs: r##"## What it does
Reports a parameter of a path item's `parameters` list (shared by all its operations) that has
the same `name` and `in` as an earlier one in that list.

## Why
Every operation of the path inherits both conflicting definitions; the platform refuses them.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"/items/{id}": { "parameters": [
  { "name": "id", "in": "path", "required": true, "type": "string" },
  { "name": "id", "in": "path", "required": true, "type": "integer" }
] }
```

## How to fix
Delete one of them.
"##,
    check: check_path_duplicates,
});

rule!(OperationParametersContainMultipleBodyParameters {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An operation has more than one `in: body` parameter.",
    docs: r##"## What it does
Reports the second and later `"in": "body"` parameters of an operation, counting the ones it
inherits from its path item (after resolving `$ref`s).

## Why
An HTTP request has one body. OpenAPI 2.0 allows a single body parameter whose `schema`
describes the whole payload.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"parameters": [
  { "name": "item", "in": "body", "schema": { "$ref": "#/definitions/Item" } },
  { "name": "options", "in": "body", "schema": { "type": "object" } }
]
```

## How to fix
Merge them into one body parameter whose schema has both parts as properties.
"##,
    check: check_operation_bodies,
});

rule!(PathParametersContainMultipleBodyParameters {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A path item has more than one `in: body` parameter.",
    docs: r##"## What it does
Reports the second and later `"in": "body"` parameters of a path item's own `parameters` list.

## Why
Every operation of the path would inherit two bodies; an HTTP request has only one.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"/items": { "parameters": [
  { "name": "a", "in": "body", "schema": { "type": "object" } },
  { "name": "b", "in": "body", "schema": { "type": "object" } }
] }
```

## How to fix
Merge them into one body parameter, or move the body to the operations that need it.
"##,
    check: check_path_bodies,
});

rule!(ParameterListContainsFormDataAndBody {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An operation has both a `body` and a `formData` parameter.",
    docs: r##"## What it does
Reports an operation whose parameters (its own and its path item's, after resolving `$ref`s)
include both an `"in": "body"` and an `"in": "formData"` parameter. The finding is about the
operation (its pointer, as the validator's ValuePath) and shows the first form data parameter.

## Why
The request body is either a payload described by a schema (`body`) or form fields
(`formData`), never both.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"parameters": [
  { "name": "item", "in": "body", "schema": { "type": "object" } },
  { "name": "file", "in": "formData", "type": "file" }
]
```

## How to fix
Keep one kind: describe the form fields as `formData` parameters (with a matching `consumes`),
or put everything into the body schema.
"##,
    check: check_form_and_body,
});

rule!(BodyOrFormDataParameterInFetchOperationNotAllowed {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A `get` operation has a `body` or `formData` parameter.",
    docs: r##"## What it does
Reports a `body` or `formData` parameter of a `get` operation (its own parameters and its path
item's, after resolving `$ref`s). It is an error on a polling trigger (a `get` with
`x-ms-trigger`, which the platform calls to fetch new items) and a warning on other `get`
operations: certified connectors have GET actions with bodies, so the validator does not
enforce it there.

## Why
A GET request has no body: HTTP gives it no meaning, many servers and proxies drop it, and the
platform does not send one.

Error on polling triggers, where the validator enforces it; warning elsewhere, as certified
connectors have GET actions with bodies.

## Example
```json
"get": { "operationId": "SearchItems", "parameters": [
  { "name": "query", "in": "body", "schema": { "type": "object" } }
] }
```

## How to fix
Send the values as query parameters, or make the operation a `post` if the API expects a body.
"##,
    check: check_fetch_body,
});

/// `(listed node, name, in)` of each item of a parameters list, `$ref`s resolved.
fn entries<'a>(sw: Swagger<'a>, list: Node<'a>) -> Vec<(Node<'a>, &'a str, &'a str)> {
    list.items()
        .filter_map(|node| {
            let def = sw.deref(node)?;
            Some((node, def.get_str("name")?, def.get_str("in")?))
        })
        .collect()
}

/// Where to point for a listed parameter: its `$ref` or its `name`.
fn anchor(node: Node) -> Node {
    node.get("$ref")
        .or_else(|| node.get("name"))
        .unwrap_or(node)
}

fn report_duplicates(
    sw: Swagger,
    list: Node,
    skip_repeats: bool,
    out: &mut Report,
    message: impl Fn(&str, &str) -> String,
) {
    let e = entries(sw, list);
    for (i, &(node, name, loc)) in e.iter().enumerate() {
        // An exact repeat in an operation's list is `OperationParametersAreNotUnique`'s.
        if skip_repeats
            && node
                .index()
                .is_some_and(|j| repeated_entry(sw, list, j).is_some())
        {
            continue;
        }
        if let Some(first) = e[..i].iter().find(|(_, n, l)| *n == name && *l == loc) {
            // At the operation (path item) whose list it is, as the validator reports it.
            let owner = list.parent().unwrap_or(list);
            out.about(owner, anchor(node).range(), message(name, loc))
                .with_related(
                    FileKind::Swagger,
                    anchor(first.0).range(),
                    "first defined here",
                );
        }
    }
}

fn check_operation_duplicates(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let Some(list) = op.node.get("parameters") else {
            continue;
        };
        let id = op.display_name();
        report_duplicates(sw, list, true, out, |name, loc| {
            format!("The operation '{id}' contains duplicate parameters with name '{name}', location '{loc}'.")
        });
    }
}

fn check_path_duplicates(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for (path, item) in sw.paths().iter().flat_map(|p| p.members()) {
        let Some(list) = item.get("parameters") else {
            continue;
        };
        report_duplicates(sw, list, false, out, |name, loc| {
            format!("The path '{path}' contains duplicate parameters with name '{name}', location '{loc}'.")
        });
    }
}

fn check_operation_bodies(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let bodies = op
            .parameters()
            .into_iter()
            .filter(|p| p.location() == Some("body"));
        for p in bodies.skip(1) {
            out.about(
                op.node,
                anchor(p.node).range(),
                format!(
                    "The operation '{}' contains multiple parameters in the location 'body', at most one is allowed.",
                    op.display_name()
                ),
            );
        }
    }
}

fn check_path_bodies(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for (path, item) in sw.paths().iter().flat_map(|p| p.members()) {
        let Some(list) = item.get("parameters") else {
            continue;
        };
        let bodies = list
            .items()
            .filter(|n| sw.deref(*n).and_then(|d| d.get_str("in")) == Some("body"));
        for node in bodies.skip(1) {
            out.about(
                item,
                anchor(node).range(),
                format!(
                    "The path '{path}' contains multiple parameters in the location 'body', at most one is allowed."
                ),
            );
        }
    }
}

fn check_form_and_body(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let params = op.parameters();
        if !params.iter().any(|p| p.location() == Some("body")) {
            continue;
        }
        if let Some(form) = params.iter().find(|p| p.location() == Some("formData")) {
            out.about(
                op.node,
                anchor(form.node).range(),
                "The 'parameters' list defines both a 'body' parameter, and a 'formData' parameter. Only one of these location types can be used in an operation.",
            );
        }
    }
}

fn check_fetch_body(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations().filter(|op| op.method == "get") {
        for p in op.parameters() {
            if matches!(p.location(), Some("body" | "formData")) {
                let f = out.about(
                    op.node,
                    anchor(p.node).range(),
                    "Body or form data parameters are not supported in a fetch operation.",
                );
                // The validator enforces this on polling triggers (its "fetch" operations);
                // certified connectors have plain GET actions with bodies.
                if !op.is_trigger() {
                    f.severity = Severity::Warning;
                }
            }
        }
    }
}
