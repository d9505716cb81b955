//! `token:TenantId`: the platform-filled tenant setting of a Microsoft Entra ID sign-in.

use serde_json::json;

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::{self, Fix, Safety};
use crate::rules::{rule, Context, Report};

const KEY: &str = "token:TenantId";
const SOURCE_TYPE: &str = "AzureActiveDirectoryTenant";

rule!(TenantIdParameterInvalid {
    severity: Warning,
    file: ApiProperties,
    certification: false,
    documented: false,
    fix: Unsafe,
    summary: "The token:TenantId connection parameter lacks the string type or the AzureActiveDirectoryTenant metadata.",
    docs: r##"## What it does
Checks the `token:TenantId` connection parameter (in `connectionParameters` or in a
`connectionParameterSets` entry): it must be of type `string` and carry
`"metadata": { "sourceType": "AzureActiveDirectoryTenant" }`. Whether it is hidden is not checked:
the documented form hides it, but multi-auth connectors legitimately show it so the user can
enter a tenant.

## Why
`token:TenantId` is a setting of the `token` sign-in: the platform fills it with the tenant of
the signed-in Microsoft Entra ID account, which it recognises by the metadata. Without the
metadata the value is not the tenant the token was issued for. A warning: a few certified
connectors use the name for a setting of their own.

## Example
```json
"token:TenantId": { "type": "string", "uiDefinition": { "displayName": "Tenant" } }
```

## How to fix
Use the documented form (the quick fix writes it):
```json
"token:TenantId": {
  "type": "string",
  "metadata": { "sourceType": "AzureActiveDirectoryTenant" },
  "uiDefinition": {
    "displayName": "Tenant",
    "description": "The tenant ID of for the Azure Active Directory application",
    "constraints": { "required": "false", "hidden": "true" }
  }
}
```
"##,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    let Some(props) = cx.api_props() else { return };
    let sets = props
        .path(&["connectionParameterSets", "values"])
        .into_iter()
        .flat_map(|v| v.items())
        .filter_map(|set| set.get("parameters"));
    for params in props.get("connectionParameters").into_iter().chain(sets) {
        for (name, node) in params.members() {
            if name.eq_ignore_ascii_case(KEY) && node.is_object() {
                check_one(node, name, out);
            }
        }
    }
}

fn check_one(node: Node, name: &str, out: &mut Report) {
    let mut problems: Vec<&str> = Vec::new();
    if !node
        .get_str("type")
        .is_some_and(|t| t.eq_ignore_ascii_case("string"))
    {
        problems.push("its type is not 'string'");
    }
    if !node
        .path(&["metadata", "sourceType"])
        .and_then(|s| s.as_str())
        .is_some_and(|s| s.eq_ignore_ascii_case(SOURCE_TYPE))
    {
        problems.push("metadata.sourceType is not 'AzureActiveDirectoryTenant'");
    }
    if problems.is_empty() {
        return;
    }
    let canonical = json!({
        "type": "string",
        "metadata": { "sourceType": SOURCE_TYPE },
        "uiDefinition": {
            "displayName": "Tenant",
            "description": "The tenant ID of for the Azure Active Directory application",
            "constraints": { "required": "false", "hidden": "true" }
        }
    });
    let edit = fix::replace_value(FileKind::ApiProperties, node, &canonical);
    out.at_key(
        node,
        format!(
            "The '{name}' connection parameter is filled by the platform with the user's tenant, but {}.",
            problems.join(", and ")
        ),
    )
    .with_fix(Fix::new(
        "Replace with the standard tenant setting",
        Safety::Unsafe,
        vec![edit],
    ));
}
