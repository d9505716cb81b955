//! `collectionFormat` values the platform does not serialize.

use serde_json::json;

use crate::package::FileKind;
use crate::rules::fix::replace_value;
use crate::rules::{rule, Context, Fix, Report, Safety};

/// The `collectionFormat` values the platform serializes. Swagger 2.0 also defines `ssv`, `tsv`,
/// `pipes` and `multi`; the validator's supported set is undocumented, and `csv` (the default)
/// is the only value the certified connectors of our corpus use (34 times).
pub const SUPPORTED_COLLECTION_FORMATS: &[&str] = &["csv"];

/// The other values Swagger 2.0 defines; anything else is not a Swagger value at all, which
/// `JsonValueNotInEnum` reports.
const OTHER_SWAGGER_FORMATS: &[&str] = &["ssv", "tsv", "pipes", "multi"];

rule!(CollectionFormatValueNotSupported {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "A `collectionFormat` other than `csv`.",
    docs: r##"## What it does
Reports a `collectionFormat` of `ssv`, `tsv`, `pipes` or `multi` on a parameter, a response
header or their `items`. Values that are not Swagger collection formats at all are reported by
`JsonValueNotInEnum`.

The supported set is not documented; `csv` (comma-separated, the Swagger default) is the only
value used by the certified connectors of our corpus, so it is the only one accepted.

## Why
The platform joins array values with commas; other formats are not applied, so the API receives
a differently encoded list than the definition promises. The validator rejects unsupported
values, so this is an error.

## Example
```json
{ "name": "tags", "in": "query", "type": "array", "items": { "type": "string" }, "collectionFormat": "pipes" }
```

## How to fix
Use `"collectionFormat": "csv"` (or remove it: `csv` is the default) if the API accepts
comma-separated lists; the quick fix does, but check that the API reads commas.
"##,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for node in sw.simple_value_objects() {
        let Some(value) = node.get("collectionFormat") else {
            continue;
        };
        let Some(format) = value.as_str() else {
            continue;
        };
        if !OTHER_SWAGGER_FORMATS.contains(&format) {
            continue;
        }
        out.at(
            value,
            format!("The 'collectionFormat' keyword value '{format}' is not supported."),
        )
        .with_fix(Fix::new(
            "Use 'csv'",
            Safety::Unsafe,
            vec![replace_value(
                FileKind::Swagger,
                value,
                &json!(SUPPORTED_COLLECTION_FORMATS[0]),
            )],
        ));
    }
}
