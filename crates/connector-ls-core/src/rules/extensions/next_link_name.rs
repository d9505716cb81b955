//! `x-ms-pageable.nextLinkName` values other than `nextLink` and `@odata.nextLink`.

use serde_json::Value;

use crate::package::FileKind;
use crate::rules::fix::{replace_value, Fix, Safety};
use crate::rules::{rule, Context, Report, Severity};

rule!(InvalidNextLinkNameValue {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "`x-ms-pageable.nextLinkName` is not `nextLink` or `@odata.nextLink`.",
    docs: r#"## What it does
Checks the `nextLinkName` of every operation's `x-ms-pageable`: it must be `nextLink` or
`@odata.nextLink`.

## Why
Automatic paging only follows those two properties of the response. Another name is rejected
by the validator (error). The same name in other letter case (`nextlink`) is found in a
certified connector, so that case is a warning with a safe fix.

## Example
```json
"x-ms-pageable": { "nextLinkName": "next_page" }
```

## How to fix
Use `nextLink` or `@odata.nextLink`, and make the service (or a policy) return the next page's
URL in that property.
"#,
    check,
});

const ALLOWED: [&str; 2] = ["nextLink", "@odata.nextLink"];

fn check(cx: &Context, out: &mut Report) {
    let Some(swagger) = cx.swagger else { return };
    for op in swagger.operations() {
        let Some(node) = op.node.path(&["x-ms-pageable", "nextLinkName"]) else {
            continue;
        };
        let value = node.as_str();
        if value.is_some_and(|v| ALLOWED.contains(&v)) {
            continue;
        }
        let op = op.operation_id().unwrap_or("");
        let f = out.at(
            node,
            format!(
                "The nextLinkName value for operation '{op}' is invalid. Supported values are 'nextLink' or '@odata.nextLink'."
            ),
        );
        let exact = value.and_then(|v| ALLOWED.iter().find(|a| a.eq_ignore_ascii_case(v)));
        if let Some(exact) = exact {
            f.severity = Severity::Warning;
            f.with_fix(Fix::new(
                format!("Change to '{exact}'"),
                Safety::Safe,
                vec![replace_value(FileKind::Swagger, node, &Value::from(*exact))],
            ));
        }
    }
}
