//! Path parameters and the `{variables}` of the path template must match one to one, and path
//! parameters must be required.

use serde_json::json;

use super::parameter_definitions;
use crate::package::FileKind;
use crate::rules::fix::{append_item, insert_member, replace_value};
use crate::rules::support::title_case;
use crate::rules::{rule, Context, Fix, Report, Safety};

rule!(PathParameterMustBeRequired {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "A parameter with `\"in\": \"path\"` is not marked `\"required\": true`.",
    docs: r##"## What it does
Reports a parameter definition with `"in": "path"` whose `required` is missing or not `true`:
inline parameters of operations and path items, and the root `parameters` section.

## Why
A path parameter fills a `{variable}` of the URL; without a value the request URL cannot be
built. OpenAPI 2.0 makes `required: true` mandatory for path parameters. Error.

## Example
```json
{ "name": "id", "in": "path", "type": "string" }
```

## How to fix
Add `"required": true` (safe fix; it replaces a `false` or a non-boolean value).
"##,
    check: check_required,
});

rule!(OperationMissingPathParameter {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "A `{variable}` of the path has no matching `in: path` parameter.",
    docs: r##"## What it does
Reports each `{variable}` of an operation's path template for which neither the operation's
parameters nor its path item's parameters (after resolving `$ref`s) hold a parameter with
`"in": "path"` and that exact `name`.

## Why
The platform substitutes path parameters into the template by name; a variable nobody fills
leaves a literal `{id}` in the request URL.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"/items/{id}": { "get": { "operationId": "GetItem", "parameters": [] } }
```

## How to fix
Add the parameter, to the operation or to the path item:
`{ "name": "id", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "single" }`.
Check the spelling: names are case-sensitive (`{Id}` needs `"name": "Id"`). The quick fix adds
a string parameter to the operation; review its type and add a `description`.
"##,
    check: check_missing,
});

rule!(PathParameterNotDefinedInTemplate {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "An `in: path` parameter has no `{name}` variable in the path template.",
    docs: r##"## What it does
Reports a parameter with `"in": "path"`, used by an operation (directly, through a path item,
or through a `$ref`), whose `name` does not appear as `{name}` in the operation's path.

## Why
The value has nowhere to go: the platform cannot place it into the URL, and a required path
parameter with no place still forces users to fill it in.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"/items": { "get": { "parameters": [ { "name": "id", "in": "path", "required": true, "type": "string" } ] } }
```

## How to fix
Add `{id}` to the path (`/items/{id}`), or move the parameter to the query (`"in": "query"`).
Names are case-sensitive: when the template has the same name in another case, the quick fix
renames the parameter to match (in the definition, which a `$ref` may share).
"##,
    check: check_not_in_template,
});

fn check_required(cx: &Context, out: &mut Report) {
    const MSG: &str = "The parameter must be marked as required as it is used in the operation path. Include the 'required' property, with the value 'true'.";
    for def in parameter_definitions(cx) {
        if def.get_str("in") != Some("path") {
            continue;
        }
        match def.get("required") {
            Some(r) if r.as_bool() == Some(true) => {}
            Some(r) => {
                out.at(r, MSG).with_fix(Fix::new(
                    "Set `required` to true",
                    Safety::Safe,
                    vec![replace_value(FileKind::Swagger, r, &json!(true))],
                ));
            }
            None => {
                out.missing(def, MSG).with_fix(Fix::new(
                    "Add \"required\": true",
                    Safety::Safe,
                    vec![insert_member(
                        FileKind::Swagger,
                        def,
                        Some("in"),
                        "required",
                        &json!(true),
                    )],
                ));
            }
        }
    }
}

fn check_missing(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let vars = op.path_variables();
        if vars.is_empty() {
            continue;
        }
        let params = op.parameters();
        for (i, var) in vars.iter().enumerate() {
            if var.is_empty() || vars[..i].contains(var) {
                continue;
            }
            let defined = params
                .iter()
                .any(|p| p.location() == Some("path") && p.name() == Some(var));
            if defined {
                continue;
            }
            let param = json!({
                "name": var,
                "in": "path",
                "required": true,
                "type": "string",
                "x-ms-summary": title_case(var),
                "x-ms-url-encoding": "single",
            });
            // A path parameter spelt in another case is a rename (offered by
            // PathParameterNotDefinedInTemplate), not a missing parameter to add.
            let misspelt = params.iter().any(|p| {
                p.location() == Some("path")
                    && p.name().is_some_and(|n| n.eq_ignore_ascii_case(var))
            });
            let edit = match op.node.get("parameters") {
                _ if misspelt => None,
                Some(list) if list.is_array() => Some(append_item(FileKind::Swagger, list, &param)),
                Some(_) => None,
                None => Some(insert_member(
                    FileKind::Swagger,
                    op.node,
                    Some("operationId"),
                    "parameters",
                    &json!([param]),
                )),
            };
            let f = out.missing(
                op.node,
                format!(
                    "The operation '{}' does not define the '{var}' parameter which is required by the path.",
                    op.display_name()
                ),
            );
            if let Some(edit) = edit {
                f.with_fix(Fix::new(
                    format!("Add the path parameter '{var}'"),
                    Safety::Unsafe,
                    vec![edit],
                ));
            }
        }
    }
}

fn check_not_in_template(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let vars = op.path_variables();
        for p in op.parameters() {
            if p.location() != Some("path") {
                continue;
            }
            let Some(name) = p.name() else { continue };
            if vars.contains(&name) {
                continue;
            }
            // About the parameter as listed (the validator's ValuePath); the range is on the
            // name when written inline, else on the `$ref`.
            let at = p
                .node
                .get("$ref")
                .or_else(|| p.def.get("name"))
                .unwrap_or(p.node);
            let f = out.about(
                p.node,
                at.range(),
                format!(
                    "The 'path' parameter '{name}' is not defined in the URI path template. To include the parameter as a variable in the path, use '{{' and '}}' characters to enclose the name of the parameter in the path."
                ),
            );
            // `{Id}` in the template and `"name": "id"`: offer the template's spelling.
            let same_but_case = vars.iter().find(|v| v.eq_ignore_ascii_case(name));
            if let (Some(var), Some(name_node)) = (same_but_case, p.def.get("name")) {
                f.with_fix(Fix::new(
                    format!("Rename the parameter to '{var}'"),
                    Safety::Unsafe,
                    vec![replace_value(FileKind::Swagger, name_node, &json!(var))],
                ));
            }
        }
    }
}
