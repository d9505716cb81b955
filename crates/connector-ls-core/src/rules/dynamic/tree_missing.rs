//! The file picker: an `x-ms-dynamic-values` that opts into the `file-picker` capability needs
//! the `x-ms-dynamic-tree` that describes how to open and browse the folders.

use super::refs;
use crate::rules::{rule, Context, Report};

rule!(DynamicTreeExtensionMissing {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary:
        "An `x-ms-dynamic-values` uses the `file-picker` capability without `x-ms-dynamic-tree`.",
    docs: r#"## What it does
Reports an `x-ms-dynamic-values` whose `capability` is `file-picker` when the same parameter or
property has no `x-ms-dynamic-tree`.

## Why
The `file-picker` capability is the legacy way to ask for a folder browser; current designers
build the picker from `x-ms-dynamic-tree` (`open` lists the top level, `browse` the children of
the selected item). Without it there is nothing to browse, and the validator rejects the
package.

## Example
```json
{ "name": "file", "in": "query", "type": "string",
  "x-ms-dynamic-values": { "capability": "file-picker", "value-path": "path" } }
```

## How to fix
Add `"x-ms-dynamic-tree": { "settings": { "canSelectParentNodes": false, "canSelectLeafNodes":
true }, "open": { "operationId": "ListRoot", "itemValuePath": "id", "itemTitlePath": "name",
"itemIsParent": "(isFolder eq true)" }, "browse": { "operationId": "ListFolder", "parameters":
{ "id": { "selectedItemValuePath": "id" } }, "itemValuePath": "id", "itemTitlePath": "name",
"itemIsParent": "(isFolder eq true)" } }` beside it, naming your connector's operations.
"#,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    crate::rules::extensions::for_each_effective(cx, |ext, value| {
        if ext.name != "x-ms-dynamic-values" || !value.is_object() {
            return;
        }
        let Some(cap) = value
            .get("capability")
            .filter(|c| c.as_str() == Some("file-picker"))
        else {
            return;
        };
        if refs::sibling(value, "x-ms-dynamic-tree").is_some() {
            return;
        }
        // A missing member: at the parameter or schema that lacks `x-ms-dynamic-tree`.
        out.about(
            value.parent().unwrap_or(value),
            cap.range(),
            "The 'x-ms-dynamic-tree' extension must be defined to enable file picker support.",
        );
    });
}
