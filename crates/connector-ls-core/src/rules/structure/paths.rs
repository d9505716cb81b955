//! The keys of `paths`: a leading `/`, no query or fragment, no wildcard, well-formed
//! `{variables}` without defaults, and unique regardless of case.

use std::collections::HashMap;

use serde_json::json;

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::rename_key;
use crate::rules::{rule, Context, Fix, Report, Safety};

rule!(OperationPathMustStartWithSlash {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "A key of `paths` does not start with `/`.",
    docs: r##"## What it does
Reports a member of `paths` whose name does not start with `/` (extension members, `x-...`,
are skipped).

## Why
Paths are appended to `basePath`; OpenAPI 2.0 requires them to start with a slash, and the
platform refuses other keys.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"paths": { "items/{id}": { "get": { "operationId": "GetItem" } } }
```

## How to fix
Prefix the path with `/`: `"/items/{id}"` (safe fix).
"##,
    check: check_leading_slash,
});

rule!(OperationPathMayNotContainQueryOrFragment {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A key of `paths` contains `?` or `#`.",
    docs: r##"## What it does
Reports a member of `paths` whose name contains a raw `?` (a query string) or `#` (a fragment).

## Why
A path template is only the path part of the URL. Query values are parameters
(`"in": "query"`), so that users can see and set them; a literal `?a=b` in the key breaks the
URL the platform builds.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"paths": { "/search?type=item": { "get": { "operationId": "SearchItems" } } }
```

## How to fix
Remove the query from the key and add a query parameter (`"name": "type", "in": "query"`, with
`"default": "item"` and `"x-ms-visibility": "internal"` for a fixed value). Different
operations that share a path but differ by query can use a trailing `#name` only when
URL-encoded as `%23name`.
"##,
    check: check_query_or_fragment,
});

rule!(OperationPathContainsUnsupportedCharacters {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A key of `paths` contains the wildcard `*`.",
    docs: r##"## What it does
Reports a member of `paths` whose name contains `*`.

## Why
Path templates match concrete URLs; the platform does not support wildcards.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"paths": { "/files/*": { "get": { "operationId": "GetFile" } } }
```

## How to fix
Use a path variable instead: `"/files/{path}"` with a matching `in: path` parameter.
"##,
    check: check_wildcard,
});

rule!(OperationPathTemplateNotValid {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A key of `paths` has unbalanced braces or a `{variable}` spanning a `/`.",
    docs: r##"## What it does
Reports a member of `paths` with a `{` that is never closed, a `}` that was never opened, a `{`
inside a variable, or a variable that contains `/` (variables must stay within one segment).

## Why
The platform cannot tell which part of the URL a malformed template variable stands for.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"paths": { "/items/{id/details": { "get": { "operationId": "GetDetails" } } }
```

## How to fix
Close the variable (`/items/{id}/details`), or URL-encode a literal brace (`%7B`, `%7D`).
"##,
    check: check_template,
});

rule!(OperationPathVariablesContainDefaults {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A `{variable}` of a path tries to set a default with `=`.",
    docs: r##"## What it does
Reports a member of `paths` with a `{variable}` containing `=`, such as `{version=v1}`.

## Why
Path templates have no syntax for defaults; the variable's name would be `version=v1`, which no
parameter can match.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"paths": { "/{version=v1}/items": { "get": { "operationId": "ListItems" } } }
```

## How to fix
Write `{version}` and give the path parameter a `"default": "v1"` (with
`"x-ms-visibility": "internal"` if users should not change it).
"##,
    check: check_defaults,
});

rule!(PathRedefined {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "Two keys of `paths` differ only by letter case.",
    docs: r##"## What it does
Reports a member of `paths` whose name equals an earlier one when compared ignoring case (for
example `/items/{itemId}` and `/Items/{itemid}`), with a link to the first.

## Why
The platform routes requests by path compared case-insensitively; two such paths collide.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"paths": { "/items": { "get": {} }, "/Items": { "post": {} } }
```

## How to fix
Merge the operations under one path key.
"##,
    check: check_redefined,
});

rule!(DuplicateOperationPath {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "Two operations with the same method have paths that differ only by variable names.",
    docs: r##"## What it does
Reports an operation whose method and path template equal an earlier operation's once every
`{variable}` is ignored, e.g. `GET /items/{id}` and `GET /items/{name}`, with a link to the
first.

## Why
A request to `/items/42` matches both templates; the platform cannot decide which operation it
is, so routing would depend on order.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"/items/{id}": { "get": { "operationId": "GetItemById" } },
"/items/{name}": { "get": { "operationId": "GetItemByName" } }
```

## How to fix
Make the static segments differ (`/items/{id}` and `/items/by-name/{name}`), or merge the two
operations.
"##,
    check: check_duplicate_operation_path,
});

rule!(PartialDuplicateOperationPath {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A path template can match the same URLs as another one with the same method.",
    docs: r##"## What it does
Reports an operation whose path template has the same number of segments and the same method
as another operation's, where every segment either matches or is a `{variable}` on one side, and
at least one static segment faces a variable: `GET /items/{id}` and `GET /items/count`.

## Why
A request for `/items/count` matches both templates; if a user's `id` happens to be `count`,
the call is routed to the other operation.

Warning: the validator's message recommends rather than requires, and many certified connectors
have such pairs.

## Example
```json
"/items/{id}": { "get": { "operationId": "GetItem" } },
"/items/count": { "get": { "operationId": "CountItems" } }
```

## How to fix
Give the variable its own static prefix (`/items/by-id/{id}`), or accept the risk when the
static values can never be valid ids.
"##,
    check: check_partial_duplicates,
});

/// The members of `paths` that are path templates (not `x-` extensions).
fn path_keys<'a>(cx: &Context<'a>) -> impl Iterator<Item = (&'a str, Node<'a>)> + 'a {
    cx.swagger
        .and_then(|sw| sw.paths())
        .into_iter()
        .flat_map(|p| p.members())
        .filter(|(k, _)| !k.starts_with("x-"))
}

fn check_leading_slash(cx: &Context, out: &mut Report) {
    for (key, item) in path_keys(cx) {
        if key.starts_with('/') {
            continue;
        }
        let f = out.at_key(
            item,
            "The path is not valid, it must start with a '/' character.",
        );
        if let Some(edit) = rename_key(FileKind::Swagger, item, &format!("/{key}")) {
            f.with_fix(Fix::new(
                format!("Rename the path to {}", json!(format!("/{key}"))),
                Safety::Safe,
                vec![edit],
            ));
        }
    }
}

fn check_query_or_fragment(cx: &Context, out: &mut Report) {
    for (key, item) in path_keys(cx) {
        if key.contains(['?', '#']) {
            out.at_key(
                item,
                "The path is not valid, it must not contain a query part or fragment identifier. To include '?' or '#' characters in the path, they must be URL encoded.",
            );
        }
    }
}

fn check_wildcard(cx: &Context, out: &mut Report) {
    for (key, item) in path_keys(cx) {
        if key.contains('*') {
            out.at_key(
                item,
                "The operation path cannot contain wildcard character '*'.",
            );
        }
    }
}

/// Braces balance, never nest, and no variable contains `/`.
fn is_valid_template(key: &str) -> bool {
    let mut open = false;
    for c in key.chars() {
        match c {
            '{' if open => return false,
            '{' => open = true,
            '}' if !open => return false,
            '}' => open = false,
            '/' if open => return false,
            _ => {}
        }
    }
    !open
}

fn check_template(cx: &Context, out: &mut Report) {
    for (key, item) in path_keys(cx) {
        if !is_valid_template(key) {
            out.at_key(
                item,
                "The path is not valid, each path template variable enclosed by '{' and '}' characters must be contained within a single URL segment. Individual '{' or '}' characters which are not enclosing a path template variable must be URL encoded.",
            );
        }
    }
}

fn check_defaults(cx: &Context, out: &mut Report) {
    for (key, item) in path_keys(cx) {
        if crate::package::swagger::path_variables(key)
            .iter()
            .any(|v| v.contains('='))
        {
            out.at_key(
                item,
                "The operation path template variables cannot set default values with character '='.",
            );
        }
    }
}

fn check_redefined(cx: &Context, out: &mut Report) {
    let mut seen: HashMap<String, Node> = HashMap::new();
    for (key, item) in path_keys(cx) {
        let lower = key.to_lowercase();
        match seen.get(&lower) {
            // Exact duplicates are DuplicateKey's business.
            Some(first) if first.key() != Some(key) => {
                out.at_key(
                    item,
                    format!("The path '{key}' is defined multiple times with different capitalization. Paths must be unique when compared case-insensitively."),
                )
                .with_related(FileKind::Swagger, first.anchor(), "first defined here");
            }
            Some(_) => {}
            None => {
                seen.insert(lower, item);
            }
        }
    }
}

/// The template with every `{variable}` emptied: `/items/{id}` -> `/items/{}`.
fn shape(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_var = false;
    for c in template.chars() {
        match c {
            '{' => {
                in_var = true;
                out.push('{');
            }
            '}' if in_var => {
                in_var = false;
                out.push('}');
            }
            _ if in_var => {}
            _ => out.push(c),
        }
    }
    out
}

fn check_duplicate_operation_path(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let mut seen: HashMap<(&str, String), (String, &str, Node)> = HashMap::new();
    for op in sw.operations() {
        if !op.path.contains('{') {
            continue;
        }
        let key = (op.method, shape(op.path));
        match seen.get(&key) {
            Some((first_name, first_path, first_node)) if *first_path != op.path => {
                out.at_key(
                    op.node,
                    format!(
                        "The operations '{first_name}' and '{}' have the path templates '{first_path}' and '{}' which are duplicate and indistinguishable. They need to have a difference in static path segments for a deterministic routing.",
                        op.display_name(),
                        op.path
                    ),
                )
                .with_related(FileKind::Swagger, first_node.anchor(), "the other operation");
            }
            Some(_) => {}
            None => {
                seen.insert(key, (op.display_name(), op.path, op.node));
            }
        }
    }
}

fn segments(path: &str) -> Vec<&str> {
    path.trim_matches('/').split('/').collect()
}

fn is_variable(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

/// Whether the templates can match the same URL thanks to a variable facing a static segment.
fn partially_duplicate(a: &[&str], b: &[&str]) -> bool {
    let mut mixed = false;
    for (x, y) in a.iter().zip(b) {
        match (is_variable(x), is_variable(y)) {
            (true, true) => {}
            (false, false) if x == y => {}
            (false, false) => return false,
            _ => mixed = true,
        }
    }
    mixed
}

fn check_partial_duplicates(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    // Only templates with the same method and segment count can collide: compare within those
    // groups, which stay small even in the largest connectors.
    type Entry<'a> = (Vec<&'a str>, crate::package::swagger::Operation<'a>);
    let mut groups: HashMap<(&str, usize), Vec<Entry>> = HashMap::new();
    for op in sw.operations() {
        let segs = segments(op.path);
        groups
            .entry((op.method, segs.len()))
            .or_default()
            .push((segs, op));
    }
    for group in groups.values() {
        // A pair needs a variable on at least one side: start from the templates with one, and
        // record each match for both operations.
        let has_var: Vec<bool> = group
            .iter()
            .map(|(segs, _)| segs.iter().any(|s| is_variable(s)))
            .collect();
        let mut matches: Vec<Vec<usize>> = vec![Vec::new(); group.len()];
        for (i, (segs, _)) in group.iter().enumerate() {
            if !has_var[i] {
                continue;
            }
            for (j, (other, _)) in group.iter().enumerate() {
                if j == i || (has_var[j] && j < i) {
                    continue;
                }
                if partially_duplicate(segs, other) {
                    matches[i].push(j);
                    matches[j].push(i);
                }
            }
        }
        for (i, (_, op)) in group.iter().enumerate() {
            if matches[i].is_empty() {
                continue;
            }
            let mut others: Vec<usize> = matches[i].clone();
            others.sort_unstable();
            let others: Vec<&str> = others.iter().map(|&j| group[j].1.path).collect();
            out.at_key(
                op.node,
                format!(
                    "The operation '{}' has the path template '{}' which is similar to other operation path templates, this can lead to an unexpected routing to a different operation in case an input path parameter value matches to a static value segment. It is better to have unconditional routing in all cases. Partially duplicated paths are: {}",
                    op.display_name(),
                    op.path,
                    others.join(", ")
                ),
            );
        }
    }
}
