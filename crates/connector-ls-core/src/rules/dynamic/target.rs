//! The operation a dynamic extension calls: that it exists, that the parameters passed to it
//! are its own, and that every parameter it requires gets a value.

use crate::json::Node;
use crate::package::swagger::{Operation, Parameter};
use crate::package::FileKind;
use crate::rules::{rule, Context, Fix, Report, Safety};

rule!(OperationIdNotFound {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An extension calls an `operationId` that no operation of the swagger has.",
    docs: r#"## What it does
Reports an `operationId` named by `x-ms-dynamic-values`, `x-ms-dynamic-list`,
`x-ms-dynamic-schema`, `x-ms-dynamic-properties`, `x-ms-dynamic-tree` (`open` / `browse`),
`x-ms-notification` or `x-ms-capabilities.testConnection` that matches no operation's
`operationId` (the comparison is exact, case included).

## Why
The designer calls that operation to fill a drop-down, load a schema or register a webhook. An
id that does not exist breaks the feature at run time; the validator rejects the package. It is an
error because nothing can work around it.

## Example
```json
"x-ms-dynamic-values": { "operationId": "ListProject", "value-path": "id" }
```
while the operation is called `ListProjects`.

## How to fix
Use the exact `operationId` of the operation to call, or add that operation.
"#,
    check: check_id,
});

rule!(OperationParameterNameNotFound {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "A dynamic extension passes a parameter the called operation does not have.",
    docs: r#"## What it does
Reports a key of the `parameters` map of a dynamic extension (`x-ms-dynamic-values`, `-list`,
`-schema`, `-properties`, `-tree`) that is not the name of a parameter of the operation it calls.
A key written as a path (`body/id`) is accepted when its first segment is a parameter, and a key
naming a top-level property of the called operation's body is accepted too.

## Why
Keys of the map name the *called* operation's parameters. A key that matches none is never sent,
so the call goes out without the value the author meant to pass. The validator rejects it.

## Example
```json
"x-ms-dynamic-values": { "operationId": "ListTasks", "parameters": { "projectId": { "parameter": "project" } } }
```
while `ListTasks` calls its parameter `project_id`.

## How to fix
Rename the key to the called operation's parameter name. The quick fix offers the closest name.
"#,
    check: check_names,
});

rule!(OperationMissingRequiredProperty {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A dynamic extension calls an operation without a parameter it requires.",
    docs: r#"## What it does
Reports a dynamic extension whose `parameters` map gives no value for a required parameter of
the operation it calls, when that parameter has no `default`.

## Why
The designer can only send what the map supplies. Without a required value the call fails (a
path cannot even be built), so the drop-down or schema never loads. The validator rejects it.

## Example
```json
"x-ms-dynamic-values": { "operationId": "ListTasks", "value-path": "id" }
```
while `ListTasks` requires `project_id`.

## How to fix
Add the parameter to the map, from a parameter of this operation
(`"project_id": { "parameter": "project" }`) or as a fixed value
(`"project_id": { "value": "default" }`), or give the called parameter a `default`.
"#,
    check: check_required,
});

rule!(SelectedItemValuePathNotAllowedInThisPosition {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`selectedItemValuePath` is used outside `x-ms-dynamic-tree.browse.parameters`.",
    docs: r#"## What it does
Reports a `selectedItemValuePath` member anywhere in a dynamic extension except as the source of
a parameter of an `x-ms-dynamic-tree` `browse` call.

## Why
Only a tree's `browse` call has a "selected item" (the node the user opened) to take a value
from; anywhere else the member means nothing and the parameter gets no value.

## Example
```json
"x-ms-dynamic-values": { "operationId": "ListFiles", "parameters": { "folder": { "selectedItemValuePath": "id" } } }
```

## How to fix
Use `{ "parameter": "name" }` or `{ "value": ... }` here, or turn the picker into an
`x-ms-dynamic-tree` whose `browse` passes the selected item.
"#,
    check: check_selected,
});

fn check_id(cx: &Context, out: &mut Report) {
    let ops = super::operations_by_id(cx);
    let mut flag = |id: Node| {
        if let Some(s) = id.as_str() {
            if !ops.contains_key(s) {
                out.at(
                    id,
                    "The 'operationId' could not be found in this swagger document.",
                );
            }
        }
    };
    let mut ids = Vec::new();
    super::for_each_call(cx, |c| ids.push(c.id));
    super::super::extensions::for_each_effective(cx, |ext, value| match ext.name {
        "x-ms-notification" => ids.extend(value.get("operationId")),
        "x-ms-capabilities" => ids.extend(value.path(&["testConnection", "operationId"])),
        _ => {}
    });
    ids.into_iter().for_each(&mut flag);
}

/// Whether `key` names a parameter of `params` (or a path into one, or a top-level body
/// property of the called operation).
fn known_key<'a>(cx: &Context<'a>, params: &[Parameter<'a>], key: &str) -> bool {
    let first = key.split('/').next().unwrap_or(key);
    if params.iter().any(|p| p.name() == Some(first)) {
        return true;
    }
    params
        .iter()
        .filter(|p| p.location() == Some("body"))
        .filter_map(|p| body_properties(cx, p))
        .any(|props| props.get(first).is_some())
}

/// The `properties` of a body parameter's schema (after `$ref`).
fn body_properties<'a>(cx: &Context<'a>, p: &Parameter<'a>) -> Option<Node<'a>> {
    let sw = cx.swagger?;
    let schema = sw.deref(p.def.get("schema")?)?;
    schema.get("properties").filter(Node::is_object)
}

fn target<'a>(ops: &super::OperationsById<'a>, call: &super::Call<'a>) -> Option<Operation<'a>> {
    ops.get(call.id.as_str()?)
}

fn check_names(cx: &Context, out: &mut Report) {
    let ops = super::operations_by_id(cx);
    super::for_each_call(cx, |call| {
        let (Some(op), Some(map)) = (target(&ops, &call), call.parameters) else {
            return;
        };
        let params = op.parameters();
        for (key, value) in map.members() {
            if known_key(cx, &params, key) {
                continue;
            }
            let name = op.display_name();
            let f = out.at_key(
                value,
                format!("The parameter could not be found in operation '{name}' in the swagger document."),
            );
            let names = params.iter().filter_map(|p| p.name());
            if let Some(better) = crate::rules::support::did_you_mean(key, names) {
                if let Some(edit) = crate::rules::fix::rename_key(FileKind::Swagger, value, better)
                {
                    f.with_fix(Fix::new(
                        format!("Rename to '{better}'"),
                        Safety::Unsafe,
                        vec![edit],
                    ));
                }
            }
        }
    });
}

fn check_required(cx: &Context, out: &mut Report) {
    let ops = super::operations_by_id(cx);
    super::for_each_call(cx, |call| {
        let Some(op) = target(&ops, &call) else {
            return;
        };
        let supplied = |name: &str| {
            call.parameters.is_some_and(|m| {
                m.members().any(|(k, _)| {
                    k == name || k.strip_prefix(name).is_some_and(|r| r.starts_with('/'))
                })
            })
        };
        for p in op.parameters() {
            let Some(name) = p.name() else { continue };
            if !p.is_required() || p.def.get("default").is_some() || supplied(name) {
                continue;
            }
            // A required body is filled from its properties: any property key supplies it.
            if p.location() == Some("body") {
                let props = body_properties(cx, &p);
                if call.parameters.is_some_and(|m| {
                    m.members()
                        .any(|(k, _)| props.is_some_and(|ps| ps.get(k).is_some()))
                }) {
                    continue;
                }
            }
            out.missing(
                call.holder,
                format!("The target operation requires parameter '{name}'."),
            );
        }
    });
}

fn check_selected(cx: &Context, out: &mut Report) {
    super::super::extensions::for_each_effective(cx, |ext, value| {
        if !ext.name.starts_with("x-ms-dynamic-") {
            return;
        }
        let allowed = (ext.name == "x-ms-dynamic-tree")
            .then(|| value.path(&["browse", "parameters"]))
            .flatten();
        walk(value, allowed, 0, out);
    });
}

/// Reports `selectedItemValuePath` members below `node`, except directly in an entry of
/// `allowed` (the tree's `browse.parameters` map).
fn walk(node: Node, allowed: Option<Node>, depth: usize, out: &mut Report) {
    if depth > 32 {
        return;
    }
    for child in node.children() {
        if child.key() == Some("selectedItemValuePath")
            && !(allowed.is_some() && node.parent() == allowed)
        {
            out.at_key(
                child,
                "The 'selectedItemValuePath' property is not allowed in this position. It is allowed only in 'browse' operation of 'x-ms-dynamic-tree' extension.",
            );
        }
        if child.kind().is_container() {
            walk(child, allowed, depth + 1, out);
        }
    }
}
