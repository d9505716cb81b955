//! Keywords in places the platform does not take them: `$ref` on a path item, members beside a
//! `$ref`, `allowEmptyValue` outside query and form data, and a tag defined twice.

use super::parameter_definitions;
use crate::json::Node;
use crate::package::FileKind;
use crate::rules::{rule, Context, Report};

const SWAGGER: FileKind = FileKind::Swagger;

rule!(PathItemRefNotSuppored {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A path item uses `$ref`, which the platform does not support.",
    docs: r##"## What it does
Reports a `$ref` member of a path item (an object directly under `paths`). The code keeps the
validator's own spelling.

## Why
OpenAPI 2.0 allows a path item to be referenced from elsewhere, but the platform does not follow
these references: the operations would be missing. The validator rejects it, so this is an error.

## Example
```json
"paths": { "/items": { "$ref": "#/x-shared/items" } }
```

## How to fix
Write the operations inline under the path.
"##,
    check: check_path_item_ref,
});

rule!(AdditionalPropertyNotAllowedAdjacentToRef {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An object with `$ref` has other members, which are ignored.",
    docs: r##"## What it does
Reports members beside `$ref` in a schema, a parameter list entry or a response.

## Why
In OpenAPI 2.0 a `$ref` object is replaced by what it references: anything beside it (a
`description`, an `x-ms-summary`, ...) is ignored, so the author's intent is lost.

Warning, not error: certified connectors commonly put a `description` or `x-ms-summary` beside a
`$ref`, so the validator does not enforce this in practice.

## Example
```json
"owner": { "$ref": "#/definitions/User", "description": "Who owns the item" }
```

## How to fix
Move the members into the referenced definition, or wrap the reference:
`"owner": { "allOf": [{ "$ref": "#/definitions/User" }], "description": "Who owns the item" }`.
"##,
    check: check_adjacent_to_ref,
});

rule!(AllowEmptyValueOnlyValidForQueryFormData {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`allowEmptyValue` on a parameter that is not in query or formData.",
    docs: r##"## What it does
Reports `allowEmptyValue` on a parameter whose `in` is `path`, `header` or `body`.

## Why
OpenAPI 2.0 defines `allowEmptyValue` only for query and form parameters (`?flag=`); elsewhere
it has no meaning. The validator rejects it, so this is an error.

## Example
```json
{ "name": "X-Trace", "in": "header", "type": "string", "allowEmptyValue": true }
```

## How to fix
Remove `allowEmptyValue`, or make the parameter optional instead.
"##,
    check: check_allow_empty_value,
});

rule!(TagRedefined {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "The root `tags` list defines the same tag name twice.",
    docs: r##"## What it does
Reports an entry of the root `tags` array whose `name` an earlier entry already uses.

## Why
Each tag is declared once; a second declaration is ambiguous (which description wins?). The
validator rejects it, so this is an error.

## Example
```json
"tags": [{ "name": "Items" }, { "name": "Items", "description": "Item operations" }]
```

## How to fix
Merge the two entries into one.
"##,
    check: check_tags,
});

fn check_path_item_ref(cx: &Context, out: &mut Report) {
    let Some(paths) = cx.swagger.and_then(|sw| sw.paths()) else {
        return;
    };
    for (_, item) in paths.members() {
        if let Some(r) = item.get("$ref") {
            out.at_key(r, "The '$ref' property in a path is not supported.");
        }
    }
}

fn report_siblings(node: Node, out: &mut Report) {
    if !node.is_object() || node.get("$ref").is_none() {
        return;
    }
    for (key, member) in node.members() {
        if key != "$ref" {
            out.at_key(
                member,
                "When '$ref' is defined, no other properties may be specified.",
            );
        }
    }
}

fn check_adjacent_to_ref(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for site in cx.schemas() {
        report_siblings(site.node, out);
    }
    for (_, item) in sw.paths().iter().flat_map(|p| p.members()) {
        for p in item.get("parameters").iter().flat_map(|l| l.items()) {
            report_siblings(p, out);
        }
    }
    for op in sw.operations() {
        for p in op.node.get("parameters").iter().flat_map(|l| l.items()) {
            report_siblings(p, out);
        }
        for (_, r) in op.responses().iter().flat_map(|r| r.members()) {
            report_siblings(r, out);
        }
    }
}

fn check_allow_empty_value(cx: &Context, out: &mut Report) {
    for def in parameter_definitions(cx) {
        let Some(flag) = def.get("allowEmptyValue") else {
            continue;
        };
        if matches!(def.get_str("in"), Some("path" | "header" | "body")) {
            out.at_key(
                flag,
                "The parameter cannot use the 'allowEmptyValue' keyword as it is not in the 'query' or 'formData' location.",
            );
        }
    }
}

fn check_tags(cx: &Context, out: &mut Report) {
    let Some(tags) = cx.swagger.and_then(|sw| sw.root.get("tags")) else {
        return;
    };
    let mut seen: Vec<(&str, Node)> = Vec::new();
    for tag in tags.items() {
        let Some(name_node) = tag.get("name") else {
            continue;
        };
        let Some(name) = name_node.as_str() else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            out.about(
                tags,
                name_node.range(),
                format!("The 'tags' property defines tag '{name}' multiple times."),
            )
            .with_related(SWAGGER, first.range(), "first defined here");
        } else {
            seen.push((name, name_node));
        }
    }
}
