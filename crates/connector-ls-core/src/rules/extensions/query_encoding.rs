//! `x-ms-url-encoding` on query parameters, which the platform always encodes once.

use crate::rules::{rule, Context, Report, Severity};

rule!(QueryParameterEncodingNotSupported {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A query parameter carries `x-ms-url-encoding`.",
    docs: r#"## What it does
Reports `x-ms-url-encoding` on a parameter with `"in": "query"`.

## Why
Query parameters are always encoded once; the extension only applies to path parameters.
Asking for `double` encoding of a query parameter cannot be honoured, so that is an error.
`single` merely restates the default: certified connectors carry it and pass, so it is reported
as a warning.

## Example
```json
{ "name": "filter", "in": "query", "type": "string", "x-ms-url-encoding": "double" }
```

## How to fix
Delete the `x-ms-url-encoding` member from the query parameter.
"#,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    super::for_each_parameter(cx, |p| {
        if p.get_str("in") != Some("query") {
            return;
        }
        let Some(encoding) = p.get("x-ms-url-encoding") else {
            return;
        };
        let name = p.get_str("name").unwrap_or("");
        let f = out.at_key(
            encoding,
            format!(
                "Encoding for query parameter '{name}' is not supported. All query parameters are single encoded by default."
            ),
        );
        if encoding.as_str() == Some("single") {
            f.severity = Severity::Warning;
        }
    });
}
