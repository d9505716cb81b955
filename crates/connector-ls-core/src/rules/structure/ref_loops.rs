//! Entries of the root `definitions`, `parameters` and `responses` sections must be definitions,
//! not aliases (`$ref`) of other entries.

use crate::rules::{rule, Context, Report};

rule!(SchemaRefLoopNotAllowed {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A root definition is only a `$ref` to another definition.",
    docs: r##"## What it does
Reports an entry of the root `definitions` section that is itself a `$ref` (an alias of another
definition) instead of a schema.

## Why
Aliases add nothing but indirection, and chains of them can loop (`A` -> `B` -> `A`), which the
platform cannot resolve.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"definitions": { "Customer": { "$ref": "#/definitions/Contact" }, "Contact": { "type": "object" } }
```

## How to fix
Reference the target directly (`#/definitions/Contact`) wherever the alias is used, and delete
the alias.
"##,
    check: check_schema,
});

rule!(ParameterRefLoopNotAllowed {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A root parameter is only a `$ref` to another definition.",
    docs: r##"## What it does
Reports an entry of the root `parameters` section that is a `$ref` instead of a parameter
definition.

## Why
OpenAPI 2.0 requires the root `parameters` entries to be parameter objects; an alias can form a
loop the platform cannot resolve.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"parameters": { "top": { "$ref": "#/parameters/pageSize" } }
```

## How to fix
Reference the target parameter directly and delete the alias, or write the parameter out.
"##,
    check: check_parameter,
});

rule!(ResponseRefLoopNotAllowed {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A root response is only a `$ref` to another definition.",
    docs: r##"## What it does
Reports an entry of the root `responses` section that is a `$ref` instead of a response object.

## Why
OpenAPI 2.0 requires the root `responses` entries to be response objects; an alias can form a
loop the platform cannot resolve.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"responses": { "Missing": { "$ref": "#/responses/NotFound" } }
```

## How to fix
Reference the target response directly and delete the alias, or write the response out.
"##,
    check: check_response,
});

fn check_section(cx: &Context, out: &mut Report, section: &str, msg: &str) {
    let Some(sw) = cx.swagger else { return };
    for (_, entry) in sw.root.get(section).iter().flat_map(|s| s.members()) {
        if let Some(r) = entry.get("$ref") {
            out.at(r, msg);
        }
    }
}

fn check_schema(cx: &Context, out: &mut Report) {
    check_section(
        cx,
        out,
        "definitions",
        "The schema definition may not use a '$ref' to point to another definition.",
    );
}

fn check_parameter(cx: &Context, out: &mut Report) {
    check_section(
        cx,
        out,
        "parameters",
        "The parameter definition may not use a '$ref' to point to another definition.",
    );
}

fn check_response(cx: &Context, out: &mut Report) {
    check_section(
        cx,
        out,
        "responses",
        "The response definition may not use a '$ref' to point to another definition.",
    );
}
