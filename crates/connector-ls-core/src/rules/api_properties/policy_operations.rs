//! Policy template instances name the operations they apply to; those must exist.

use std::collections::HashSet;

use serde_json::Value;

use crate::package::FileKind;
use crate::rules::fix::{self, Fix, Safety};
use crate::rules::support::did_you_mean;
use crate::rules::{rule, Context, Report};

/// The policy parameter listing the operationIds a policy applies to.
const OPERATION_NAME: &str = "x-ms-apimTemplate-operationName";

rule!(PolicyTemplateOperationNotFound {
    severity: Warning,
    file: ApiProperties,
    certification: false,
    documented: false,
    fix: Unsafe,
    summary:
        "A policy template's x-ms-apimTemplate-operationName names no operationId of the swagger.",
    docs: r##"## What it does
Checks each entry of `x-ms-apimTemplate-operationName` in the `parameters` of every
`policyTemplateInstances` item of `apiProperties.json` against the swagger's `operationId`s, and
suggests the closest one.

## Why
A policy runs only for the operations it lists (an empty or absent list means every operation).
An entry that matches no operation (a typo, or an operation renamed or removed) is ignored, so the
operation it was meant for runs without its header, host or route rewrite and fails at run time. A
warning, since the connector still imports (a few certified connectors carry stale entries).

## Example
```json
{ "templateId": "routerequesttoendpoint", "title": "Route",
  "parameters": { "x-ms-apimTemplate-operationName": ["GetItem"],
                  "x-ms-apimTemplateParameter.newPath": "/v2/items" } }
```
while the swagger's operation is `"operationId": "GetItems"`.

## How to fix
Use the operation's exact `operationId` (`"GetItems"`), or remove the entry. The quick fix applies
the suggestion.
"##,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    let (Some(instances), Some(swagger)) = (
        cx.api_props()
            .and_then(|p| p.get("policyTemplateInstances")),
        cx.swagger,
    ) else {
        return;
    };
    let mut ids: Option<HashSet<&str>> = None;
    for instance in instances.items() {
        let Some(list) = instance.path(&["parameters", OPERATION_NAME]) else {
            continue;
        };
        for item in list.items() {
            let Some(name) = item.as_str() else { continue };
            // Built on first use: most packages list no operation at all.
            let ids = ids.get_or_insert_with(|| {
                swagger
                    .operations()
                    .filter_map(|op| op.operation_id())
                    .collect()
            });
            if ids.contains(name) {
                continue;
            }
            let template = instance.get_str("templateId").unwrap_or("policy");
            let suggestion = did_you_mean(name, ids.iter().copied());
            let msg = match suggestion {
                Some(s) => format!(
                    "The {template} policy applies to operation '{name}', which is not an operationId of the swagger; did you mean '{s}'?"
                ),
                None => format!(
                    "The {template} policy applies to operation '{name}', which is not an operationId of the swagger."
                ),
            };
            let f = out.at(item, msg);
            if let Some(s) = suggestion {
                if let Some(id) = swagger
                    .operation_by_id(s)
                    .and_then(|op| op.node.get("operationId"))
                {
                    f.with_related(FileKind::Swagger, id.range(), format!("operation '{s}'"));
                }
                let edit =
                    fix::replace_value(FileKind::ApiProperties, item, &Value::String(s.into()));
                f.with_fix(Fix::new(
                    format!("Replace with \"{s}\""),
                    Safety::Unsafe,
                    vec![edit],
                ));
            }
        }
    }
}
