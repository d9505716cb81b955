//! An operation's `responses`: at least one, keyed by status code or `default`, and no schema
//! on `default`.

use serde_json::json;

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::{insert_member, replace_value};
use crate::rules::{rule, Context, Fix, Report, Safety};

rule!(OperationMustHaveResponse {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "An operation has no `responses`, or an empty one.",
    docs: r##"## What it does
Reports an operation without a `responses` object, or with an empty one.

## Why
OpenAPI 2.0 requires at least one response per operation, and without a success response with
a schema the action returns nothing users can work with in later steps.

Warning, not error: certified connectors with such operations exist (the validator does not
enforce this everywhere), but the definition is still wrong.

## Example
```json
"post": { "operationId": "SendMessage", "responses": {} }
```

## How to fix
Add the response the API returns on success:
`"responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/Message" } } }`.
The quick fix adds a bare `"200"` response; add its schema.
"##,
    check: check_has_response,
});

rule!(DefaultResponseHasSchema {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "The `default` response of an operation has a `schema`.",
    docs: r##"## What it does
Reports a `schema` on an operation's `default` response (written inline or through a
`#/responses/...` reference).

## Why
The designer takes an action's outputs from its success response. A schema on `default` is not
shown as outputs and is usually an error shape or a success shape in the wrong place.

Severity: warning. The pipeline reported it as an error in 2025 logs, yet 33 of the 208
connectors whose swagger changed since 2023-07-01 (and so passed the current pipeline) have a
schema on `default`; the rule is either newer or narrower than "any schema on `default`", and
an error here would reject connectors the pipeline accepted.

## Example
```json
"responses": { "default": { "description": "OK", "schema": { "$ref": "#/definitions/Item" } } }
```

## How to fix
Move the schema to the real success code (`"200"`, `"201"`) and keep `default` without a schema.
"##,
    check: check_default_schema,
});

rule!(ResponseMustBeDefaultOrHttpStatusCode {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A key of `responses` is neither an HTTP status code nor `default`.",
    docs: r##"## What it does
Reports a member of an operation's `responses` whose name is not a three-digit HTTP status code
(`100` to `599`) or `default`. Extension members (`x-...`) are allowed.

## Why
The platform matches the status code of the actual HTTP response against these keys; a key
such as `"OK"` or `"2XX"` never matches.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"responses": { "OK": { "description": "Success" } }
```

## How to fix
Use the status code: `"200": { "description": "Success" }`.
"##,
    check: check_response_keys,
});

rule!(OperationShouldHaveSuccessfulResponse {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "None of an operation's responses is a 2xx status code.",
    docs: r##"## What it does
Reports an operation whose `responses` has members but none of them is a `2xx` status code
(only `default`, `3xx`, `4xx` or `5xx`). An empty or missing `responses` is reported by
`OperationMustHaveResponse` instead.

## Why
The designer takes an action's outputs from its successful response; with none declared the
action has no outputs, and the platform cannot tell success from failure by the definition.

Warning: the validator's message says "should".

## Example
```json
"responses": { "default": { "description": "Operation result" } }
```

## How to fix
Declare the success code the API returns, with its schema:
`"200": { "description": "OK", "schema": { "$ref": "#/definitions/Item" } }`.
"##,
    check: check_successful,
});

fn check_successful(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let Some(responses) = op.responses() else {
            continue;
        };
        let mut any = false;
        let mut success = false;
        for (key, _) in responses.members() {
            if key.starts_with("x-") {
                continue;
            }
            any = true;
            success |=
                key.len() == 3 && key.starts_with('2') && key.bytes().all(|b| b.is_ascii_digit());
        }
        if any && !success {
            out.about(
                op.node,
                responses.anchor(),
                format!(
                    "The operation '{}' should have at least one successful response definition.",
                    op.display_name()
                ),
            );
        }
    }
}

rule!(ResponseHeadersAreNotUnique {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A response declares the same header twice (names compared ignoring case).",
    docs: r##"## What it does
Reports a member of a response's `headers` whose name equals an earlier one ignoring case
(`Location` and `location`).

## Why
HTTP header names are case-insensitive: both entries describe one header, with possibly
conflicting types.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
"headers": { "X-Total": { "type": "integer" }, "x-total": { "type": "string" } }
```

## How to fix
Keep one of them.
"##,
    check: check_headers_unique,
});

rule!(OperationHasManyResponsesWithSchema {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "More than one success response of an operation has a `schema`.",
    docs: r##"## What it does
Reports an operation where more than one success (`2xx`) response, written inline or through a
`$ref`, has a `schema`. The finding is about the operation (its pointer, as the validator's
ValuePath) and shows the second one. Schemas on error responses are
not counted (they are common and harmless), nor on `default` (see `DefaultResponseHasSchema`).

## Why
The designer builds an action's outputs from a single response schema; the others are ignored,
so outputs users expect from them never appear.

Warning: the validator's message is advisory. The validator's own trigger may count every
response; certified connectors describe error bodies with schemas so often that we narrowed it to
success responses, where the ambiguity is real.

## Example
```json
"responses": {
  "200": { "description": "Found", "schema": { "$ref": "#/definitions/Item" } },
  "201": { "description": "Created", "schema": { "$ref": "#/definitions/Receipt" } }
}
```

## How to fix
Keep one success response with a schema (the one the API returns in the normal case), or split
the operation if the two outcomes really return different things.
"##,
    check: check_many_schemas,
});

fn check_headers_unique(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let root_responses = sw.root.get("responses").filter(Node::is_object);
    let op_responses = sw.operations().filter_map(|op| op.responses());
    for responses in root_responses.into_iter().chain(op_responses) {
        for (_, r) in responses.members() {
            let Some(headers) = r.get("headers") else {
                continue;
            };
            let names: Vec<(&str, Node)> = headers.members().collect();
            for (i, (name, h)) in names.iter().enumerate() {
                // Exact duplicates are DuplicateKey's business.
                if names[..i]
                    .iter()
                    .any(|(n, _)| n != name && n.eq_ignore_ascii_case(name))
                {
                    out.about(r, h.anchor(), "The response headers are not unique.");
                }
            }
        }
    }
}

fn check_many_schemas(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let with_schema = op
            .responses()
            .into_iter()
            .flat_map(|r| r.members())
            .filter(|(code, _)| code.len() == 3 && code.starts_with('2'))
            .filter(|(_, r)| sw.deref(*r).is_some_and(|d| d.get("schema").is_some()));
        for (_, r) in with_schema.skip(1) {
            out.about(
                op.node,
                r.anchor(),
                format!(
                    "The operation '{}' has more than one response with specified schema, only one schema will be used in the designer.",
                    op.display_name()
                ),
            );
        }
    }
}

fn check_has_response(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    const MSG: &str =
        "The operation is not valid, it must contain at least one response definition.";
    for op in sw.operations() {
        let ok = json!({"200": {"description": "OK"}});
        match op.node.get("responses") {
            None => {
                out.missing(op.node, MSG).with_fix(Fix::new(
                    "Add a \"200\" response",
                    Safety::Unsafe,
                    vec![insert_member(
                        FileKind::Swagger,
                        op.node,
                        None,
                        "responses",
                        &ok,
                    )],
                ));
            }
            Some(r) if r.is_object() && r.is_empty() => {
                out.about(op.node, r.anchor(), MSG).with_fix(Fix::new(
                    "Add a \"200\" response",
                    Safety::Unsafe,
                    vec![replace_value(FileKind::Swagger, r, &ok)],
                ));
            }
            Some(_) => {}
        }
    }
}

fn check_default_schema(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        let Some(default) = op.responses().and_then(|r| r.get("default")) else {
            continue;
        };
        let resolved: Node = sw.deref(default).unwrap_or(default);
        if let Some(schema) = resolved.get("schema") {
            // Reported at `.../responses/default`, as the validator does; the range is on the
            // schema when it is inline, else on the reference.
            let at = if resolved == default { schema } else { default };
            out.about(
                default,
                at.anchor(),
                "The 'default' response should not have schema definition. Schemas should be defined on expected responses only.",
            );
        }
    }
}

fn is_status_code(key: &str) -> bool {
    key.len() == 3
        && key.bytes().all(|b| b.is_ascii_digit())
        && matches!(key.as_bytes()[0], b'1'..=b'5')
}

fn check_response_keys(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for op in sw.operations() {
        for (key, r) in op.responses().iter().flat_map(|r| r.members()) {
            if key == "default" || key.starts_with("x-") || is_status_code(key) {
                continue;
            }
            out.at_key(
                r,
                "The response is not valid, the response must be a valid HTTP status code, or the string 'default'.",
            );
        }
    }
}
