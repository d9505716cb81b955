//! `capabilities`: each value is one the platform knows.

use serde_json::Value;

use crate::package::FileKind;
use crate::rules::fix::{self, Fix, Safety};
use crate::rules::support::did_you_mean;
use crate::rules::{rule, Context, Report};

/// The capability values in use: `actions` and `triggers` (paconn's schema), `gateway` and
/// `cloud only` (certified connectors; on-premises gateway support or not), `tabular` and
/// `federatedKnowledgeSource` (enhanced connectors, accepted since 2025).
pub const CAPABILITIES: [&str; 6] = [
    "actions",
    "triggers",
    "gateway",
    "cloud only",
    "tabular",
    "federatedKnowledgeSource",
];

rule!(CapabilityNotValid {
    severity: Warning,
    file: ApiProperties,
    certification: false,
    documented: false,
    fix: Unsafe,
    summary: "A capabilities value is not one of actions, triggers, gateway, cloud only, tabular, federatedKnowledgeSource.",
    docs: r##"## What it does
Checks each string in `properties.capabilities` of `apiProperties.json` against the values in
use: `actions`, `triggers`, `gateway`, `cloud only`, and `tabular` and
`federatedKnowledgeSource` of enhanced connectors (accepted by the platform since 2025, PR #4056)
(compared ignoring case, as the platform reads them). A near miss gets a suggestion.

## Why
An unknown capability (a typo such as `action`) is not understood and silently has no effect. A
warning rather than an error because the platform documents the list only by example.

## Example
```json
{ "properties": { "iconBrandColor": "#1f6fb2", "capabilities": ["action"] } }
```

## How to fix
Use one of the known values (`"actions"`), or remove the entry; the quick fix applies the
suggestion.
"##,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    let Some(list) = cx.api_props().and_then(|p| p.get("capabilities")) else {
        return;
    };
    for item in list.items() {
        let Some(s) = item.as_str() else { continue }; // a non-string is the schema rule's finding
        if CAPABILITIES
            .iter()
            .any(|c| c.eq_ignore_ascii_case(s.trim()))
        {
            continue;
        }
        let known = CAPABILITIES.join(", ");
        let suggestion = did_you_mean(s, CAPABILITIES);
        let msg = match suggestion {
            Some(g) => format!(
                "The capability '{s}' is not valid; did you mean '{g}'? Known values: {known}."
            ),
            None => format!("The capability '{s}' is not valid. Known values: {known}."),
        };
        let f = out.at(item, msg);
        if let Some(g) = suggestion {
            let edit = fix::replace_value(FileKind::ApiProperties, item, &Value::String(g.into()));
            f.with_fix(Fix::new(
                format!("Replace with \"{g}\""),
                Safety::Unsafe,
                vec![edit],
            ));
        }
    }
}
