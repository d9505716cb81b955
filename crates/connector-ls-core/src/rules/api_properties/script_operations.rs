//! `scriptOperations`: the operations handled by `script.csx` exist, and so does the script.

use std::collections::HashSet;

use serde_json::Value;

use crate::package::FileKind;
use crate::rules::fix::{self, Fix, Safety};
use crate::rules::support::did_you_mean;
use crate::rules::{rule, Context, Report};

rule!(ScriptOperationNotFound {
    severity: Warning,
    file: ApiProperties,
    certification: false,
    documented: false,
    fix: Unsafe,
    summary: "A scriptOperations entry names no operationId of the swagger.",
    docs: r##"## What it does
Checks that every string in `properties.scriptOperations` of `apiProperties.json` is the
`operationId` of an operation in `apiDefinition.swagger.json`, and suggests the closest one.

## Why
The platform routes exactly the listed operations through the custom code in `script.csx`. An
entry that names no operation (a typo, or an operation renamed or removed) does nothing, so the
operation it was meant for silently runs without its code. A warning, since the connector still
imports (two certified connectors carry such a stale entry).

## Example
```json
{ "properties": { "iconBrandColor": "#1f6fb2", "scriptOperations": ["GetItem"] } }
```
while the swagger's operation is `"operationId": "GetItems"`.

## How to fix
Use the operation's exact `operationId` (`"GetItems"`), or remove the entry. The quick fix applies
the suggestion.
"##,
    check: check_not_found,
});

rule!(ScriptFileMissing {
    severity: Warning,
    file: ApiProperties,
    certification: false,
    documented: false,
    fix: None,
    summary: "scriptOperations lists operations but the package has no script.csx.",
    docs: r##"## What it does
Reports a non-empty `properties.scriptOperations` in `apiProperties.json` when the package folder
has no `script.csx`.

## Why
The listed operations are meant to run custom code; without the script file there is no code to
upload, and `paconn create` / `update` (or the certification pull request) is incomplete. A
warning, because some published packages keep the script elsewhere.

## Example
A folder with `apiDefinition.swagger.json` and an `apiProperties.json` holding
`"scriptOperations": ["GetItems"]`, but no `script.csx`.

## How to fix
Add the `script.csx` file to the package, or remove `scriptOperations` if the connector has no
custom code.
"##,
    check: check_missing_script,
});

fn check_not_found(cx: &Context, out: &mut Report) {
    let (Some(list), Some(swagger)) = (
        cx.api_props().and_then(|p| p.get("scriptOperations")),
        cx.swagger,
    ) else {
        return;
    };
    if list.is_empty() {
        return;
    }
    let ids: HashSet<&str> = swagger
        .operations()
        .filter_map(|op| op.operation_id())
        .collect();
    for item in list.items() {
        let Some(name) = item.as_str() else { continue };
        if ids.contains(name) {
            continue;
        }
        let suggestion = did_you_mean(name, ids.iter().copied());
        let msg = match suggestion {
            Some(s) => format!(
                "The script operation '{name}' is not an operationId of the swagger; did you mean '{s}'?"
            ),
            None => format!("The script operation '{name}' is not an operationId of the swagger."),
        };
        let f = out.at(item, msg);
        if let Some(s) = suggestion {
            if let Some(op) = swagger.operation_by_id(s) {
                if let Some(id) = op.node.get("operationId") {
                    f.with_related(FileKind::Swagger, id.range(), format!("operation '{s}'"));
                }
            }
            let edit = fix::replace_value(FileKind::ApiProperties, item, &Value::String(s.into()));
            f.with_fix(Fix::new(
                format!("Replace with \"{s}\""),
                Safety::Unsafe,
                vec![edit],
            ));
        }
    }
}

fn check_missing_script(cx: &Context, out: &mut Report) {
    let Some(list) = cx.api_props().and_then(|p| p.get("scriptOperations")) else {
        return;
    };
    if !list.is_array() || list.is_empty() || cx.package.file(FileKind::Script).is_some() {
        return;
    }
    out.at_key(
        list,
        format!(
            "scriptOperations lists {} operation(s) for custom code, but the package has no script.csx.",
            list.len()
        ),
    );
}
