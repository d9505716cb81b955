//! The `x-ms-capabilities.filterFunctions` list of a schema: which OData filter functions the
//! service supports on a property of a tabular response (empty, duplicated, unknown, or written
//! on an input schema).

use serde_json::json;

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::{replace_value, Edit};
use crate::rules::{rule, Context, Fix, Report, Safety};
use crate::text::TextRange;

const SWAGGER: FileKind = FileKind::Swagger;

/// The filter functions the platform's tabular layer knows: the OData comparison, logical and
/// arithmetic operators and the canonical string, date, math and aggregate functions. The
/// validator's message lists the supported set but the documentation does not; this is the set
/// Power Fx accepts in a table's `filterFunctionSupport` (no certified connector of our corpus
/// uses `filterFunctions`).
pub const FILTER_FUNCTIONS: &[&str] = &[
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "and",
    "or",
    "not",
    "negate",
    "add",
    "sub",
    "mul",
    "div",
    "mod",
    "contains",
    "startswith",
    "endswith",
    "length",
    "indexof",
    "replace",
    "substring",
    "substringof",
    "tolower",
    "toupper",
    "trim",
    "concat",
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "date",
    "time",
    "now",
    "totaloffsetminutes",
    "totalseconds",
    "round",
    "floor",
    "ceiling",
    "sum",
    "min",
    "max",
    "average",
    "countdistinct",
    "null",
];

rule!(FilterFunctionsPropertyEmpty {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A `filterFunctions` list is empty.",
    docs: r##"## What it does
Reports an empty `filterFunctions` array inside the `x-ms-capabilities` of a schema.

## Why
`filterFunctions` tells the platform which OData filter functions the service can evaluate on a
property of a tabular result, so that apps can delegate filtering to the service. An empty list
says nothing (no function is supported), which is what leaving it out says too. The validator
rejects it, so this is an error.

## Example
```json
"title": { "type": "string", "x-ms-capabilities": { "filterFunctions": [] } }
```

## How to fix
List the functions the service supports (`["eq", "ne", "startswith"]`), or remove the
`filterFunctions` member.
"##,
    check: check_empty,
});

rule!(FilterFunctionsPropertyHasDuplicates {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "A `filterFunctions` list names the same function twice.",
    docs: r##"## What it does
Reports each repeated entry of a `filterFunctions` array (the later occurrences).

## Why
Each function is supported or not; a repeated entry is a copy-paste slip. The validator rejects
it, so this is an error.

## Example
```json
"x-ms-capabilities": { "filterFunctions": ["eq", "ne", "eq"] }
```

## How to fix
Remove the repeated entry (the safe fix does).
"##,
    check: check_duplicates,
});

rule!(FilterFunctionsPropertyInInputSchema {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`filterFunctions` is declared on a request (input) schema.",
    docs: r##"## What it does
Reports `x-ms-capabilities.filterFunctions` on a schema that describes input: a body
parameter's schema (or anything nested in it) and non-body parameters. Schemas under
`definitions` are not reported, since they may serve responses.

## Why
Filter functions describe what the service can do with the rows it returns, so they belong to
the response schema of the operation that lists them. On an input they have no meaning. The
validator rejects it, so this is an error.

## Example
```json
{ "name": "body", "in": "body", "schema": { "type": "object", "properties": {
  "title": { "type": "string", "x-ms-capabilities": { "filterFunctions": ["eq"] } } } } }
```

## How to fix
Move the `x-ms-capabilities` to the matching property of the response schema.
"##,
    check: check_input,
});

rule!(FilterFunctionsPropertyInvalidValue {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "A `filterFunctions` entry is not a supported filter function.",
    docs: r##"## What it does
Reports an entry of a `filterFunctions` array that is not one of the supported function names
(or not a string). The supported set is the OData operators and canonical functions the
platform's tabular layer knows: `eq`, `ne`, `gt`, `ge`, `lt`, `le`, `and`, `or`, `not`,
`negate`, `add`, `sub`, `mul`, `div`, `mod`, `contains`, `startswith`, `endswith`, `length`,
`indexof`, `replace`, `substring`, `substringof`, `tolower`, `toupper`, `trim`, `concat`,
`year`, `month`, `day`, `hour`, `minute`, `second`, `date`, `time`, `now`,
`totaloffsetminutes`, `totalseconds`, `round`, `floor`, `ceiling`, `sum`, `min`, `max`,
`average`, `countdistinct`, `null`. The documentation does not publish the list (the validator
prints it in its message); ours is the set Power Fx accepts for a table's filter support.

## Why
The platform translates app formulas into OData filters using these names; an unknown name is
never used, and a misspelt one hides a function the service does support. The validator rejects
it, so this is an error.

## Example
```json
"x-ms-capabilities": { "filterFunctions": ["eq", "StartsWith", "like"] }
```

## How to fix
Use the function names as listed, in lower case. When an entry differs from a supported name
only in letter case, the safe fix rewrites it.
"##,
    check: check_values,
});

/// Whether the schema holding `node` describes input: it sits under a parameter (the root
/// `parameters` section, or a path item's or operation's `parameters` list). Schemas under
/// `definitions` may serve responses and are not counted as input.
fn is_input(node: Node) -> bool {
    let pointer = node.pointer();
    let tokens: Vec<&str> = pointer.split('/').collect();
    match tokens.get(1).copied() {
        Some("parameters") => true,
        Some("paths") => {
            tokens.get(3) == Some(&"parameters") || tokens.get(4) == Some(&"parameters")
        }
        _ => false,
    }
}

/// Every `filterFunctions` member of a schema's `x-ms-capabilities`, with whether the schema
/// describes input. Read from the extensions family's memoised walk of `x-` members, so the
/// four rules do not walk the schemas again.
fn for_each_list<'a>(cx: &Context<'a>, mut f: impl FnMut(Node<'a>, bool)) {
    super::super::extensions::for_each_effective_named(cx, "x-ms-capabilities", |site, caps| {
        if !site.is_schema() {
            return;
        }
        if let Some(list) = caps.get("filterFunctions") {
            f(list, is_input(caps));
        }
    });
}

fn check_empty(cx: &Context, out: &mut Report) {
    for_each_list(cx, |list, _| {
        if list.is_array() && list.is_empty() {
            out.at(
                list,
                "The 'filterFunctions' property must have at least one element.",
            );
        }
    });
}

fn check_duplicates(cx: &Context, out: &mut Report) {
    for_each_list(cx, |list, _| {
        let items: Vec<Node> = list.items().collect();
        for (i, item) in items.iter().enumerate() {
            let Some(name) = item.as_str() else { continue };
            let Some(first) = items[..i].iter().find(|o| o.as_str() == Some(name)) else {
                continue;
            };
            // Delete from the end of the previous item to the end of this one (its comma).
            let prev_end = items[i - 1].range().end;
            let edit = Edit {
                file: SWAGGER,
                range: TextRange::new(prev_end, item.range().end),
                new_text: String::new(),
            };
            out.about(
                list,
                item.range(),
                "The 'filterFunctions' property cannot contain duplicates.",
            )
            .with_related(SWAGGER, first.range(), "first listed here")
            .with_fix(Fix::new(
                format!("Remove the repeated '{name}'"),
                Safety::Safe,
                vec![edit],
            ));
        }
    });
}

fn check_input(cx: &Context, out: &mut Report) {
    for_each_list(cx, |list, input| {
        if input {
            out.at_key(
                list,
                "The 'filterFunctions' property has to be in the response schema.",
            );
        }
    });
}

fn check_values(cx: &Context, out: &mut Report) {
    let mut message = None;
    for_each_list(cx, |list, _| {
        for item in list.items() {
            let name = item.as_str();
            if name.is_some_and(|n| FILTER_FUNCTIONS.contains(&n)) {
                continue;
            }
            let message = message.get_or_insert_with(|| {
                format!(
                    "The 'filterFunctions' property supports only these values: {}\".",
                    FILTER_FUNCTIONS.join(", ")
                )
            });
            let f = out.at(item, message.clone());
            let same_but_case =
                name.and_then(|n| FILTER_FUNCTIONS.iter().find(|v| v.eq_ignore_ascii_case(n)));
            if let Some(v) = same_but_case {
                f.with_fix(Fix::new(
                    format!("Write '{v}'"),
                    Safety::Safe,
                    vec![replace_value(SWAGGER, item, &json!(v))],
                ));
            }
        }
    });
}
