//! Known extensions placed where the platform does not read them (`x-ms-trigger` on a
//! parameter).

use crate::catalog::{Extension, Site};
use crate::rules::{rule, Context, Report};

rule!(ExtensionNotAllowedHere {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: false,
    fix: None,
    summary: "A known extension sits on an object where it has no effect.",
    docs: r#"## What it does
Reports a known `x-ms-` extension written on a kind of object the platform does not read it
from: `x-ms-trigger` on a parameter instead of the operation, `x-ms-connector-metadata` inside
`info` instead of at the root, `x-ms-visibility` on a response, `x-ms-url-encoding` on a header
parameter, and so on. The message names
where the extension belongs. Misplacements that the validator reports under their own codes
(dynamic extensions on a body parameter, `x-ms-notification-url` outside a request body,
`x-ms-url-encoding` on a query parameter) are left to those rules.

## Why
An extension in the wrong place is silently ignored: the operation does not become a trigger,
the field stays visible. The validator tolerates most misplacements (its schema allows any
`x-` member), so this is a warning rather than an error.

## Example
```json
{ "name": "id", "in": "path", "required": true, "type": "string", "x-ms-trigger": "single" }
```

## How to fix
Move the member to the object the message names (here, the operation), or delete it.
"#,
    check,
});

/// Misplacements another rule reports under a documented code.
fn reported_elsewhere(ext: &Extension, site: Site) -> bool {
    match ext.name {
        "x-ms-dynamic-values"
        | "x-ms-dynamic-list"
        | "x-ms-dynamic-schema"
        | "x-ms-dynamic-properties" => site == Site::BodyParameter,
        "x-ms-notification-url" => true,
        _ => false,
    }
}

/// "an operation", "a path item or an operation", "a, b or c". Body and non-body parameters are
/// named together as "a parameter", schemas and schema properties as "a schema".
fn sites_phrase(sites: &[Site]) -> String {
    let both = |a, b| sites.contains(&a) && sites.contains(&b);
    let params = both(Site::Parameter, Site::BodyParameter);
    let schemas = both(Site::Schema, Site::SchemaProperty);
    let mut names: Vec<&str> = Vec::new();
    for s in sites {
        let name = match s {
            Site::Parameter | Site::BodyParameter if params => "a parameter",
            Site::Schema | Site::SchemaProperty if schemas => "a schema",
            _ => s.describe(),
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn check(cx: &Context, out: &mut Report) {
    super::for_each_use(cx, |u| {
        let Some(ext) = u.ext else { return };
        if reported_elsewhere(ext, u.site) {
            return;
        }
        if ext.allowed_at(u.site) {
            // Only path parameters are encoded by the extension (query ones have their own
            // documented code).
            if ext.name == "x-ms-url-encoding" {
                if let Some(place @ ("header" | "formData")) = u.owner.get_str("in") {
                    out.at_key(
                        u.value,
                        format!("'{}' has no effect on a {place} parameter; it belongs on a path parameter.", u.name),
                    );
                }
            }
            return;
        }
        out.at_key(
            u.value,
            format!(
                "'{}' has no effect on {}; it belongs on {}.",
                u.name,
                u.site.describe(),
                sites_phrase(ext.sites)
            ),
        );
    });
}
