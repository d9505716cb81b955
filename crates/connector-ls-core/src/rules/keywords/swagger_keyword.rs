//! JSON-schema keywords the platform does not take: `uniqueItems: true`, and keywords of later
//! JSON Schema drafts and OpenAPI 3 (`oneOf`, `anyOf`, `nullable`, ...) written in a Swagger 2.0
//! schema or parameter.

use crate::catalog::Site;
use crate::package::FileKind;
use crate::rules::fix::remove_member;
use crate::rules::{rule, Context, Fix, Report, Safety, Severity};

const SWAGGER: FileKind = FileKind::Swagger;

/// Keywords of JSON Schema drafts after draft 4 and of OpenAPI 3 that OpenAPI 2.0 schemas and
/// parameters do not have. Written in a schema they would otherwise be reported by
/// `ExtensionNameNotValid` as an unknown member; this rule names them as keywords instead.
pub(in crate::rules) const UNSUPPORTED_KEYWORDS: &[&str] = &[
    "oneOf",
    "anyOf",
    "not",
    "nullable",
    "const",
    "additionalItems",
    "patternProperties",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "examples",
    "writeOnly",
    "deprecated",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contentMediaType",
    "contentEncoding",
    "$schema",
    "$id",
];

/// Whether `name` at `site` is a keyword this rule reports (and `ExtensionNameNotValid` leaves).
pub(in crate::rules) fn is_unsupported_keyword(site: Site, name: &str) -> bool {
    (site.is_schema() || site.is_parameter() || site == Site::Header)
        && UNSUPPORTED_KEYWORDS.contains(&name)
}

rule!(SwaggerKeywordNotSupported {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "A schema or parameter uses a keyword the platform does not support.",
    docs: r##"## What it does
Reports, in schemas, parameters and response headers:
- `"uniqueItems": true` (the validator's documented example);
- keywords that OpenAPI 2.0 does not have but later JSON Schema drafts or OpenAPI 3 do:
  `oneOf`, `anyOf`, `not`, `nullable`, `const`, `patternProperties`, `dependencies`,
  `contains`, `propertyNames`, `if` / `then` / `else`, `examples`, `writeOnly`, `deprecated`,
  `$schema`, `$id`, ... (an unknown member that is not such a keyword is
  `ExtensionNameNotValid`'s).

`"uniqueItems": false` states the default and is not reported.

Severity: error for the later-draft keywords (no schema of the 638 certified connectors of our
corpus has one), warning for `uniqueItems: true`, which four certified connectors carry: the
validator evidently lets it pass, but the platform does not enforce it.

## Why
The platform's schema model is OpenAPI 2.0: it does not check that array items are unique, and
it does not understand unions (`oneOf`, `anyOf`), negation or nullability markers, so the
designer shows something other than what the keyword says, or nothing.

## Example
```json
"tags": { "type": "array", "items": { "type": "string" }, "uniqueItems": true }
```

## How to fix
Remove the keyword (the safe fix removes `uniqueItems`). For `oneOf` / `anyOf`, describe the
common shape with `properties`, or use `x-ms-dynamic-schema`; for `nullable`, describe the value
and document that it may be null.
"##,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    for node in super::keyword_objects(cx) {
        let Some(flag) = node.get("uniqueItems") else {
            continue;
        };
        if flag.as_bool() != Some(true) {
            continue;
        }
        let f = out.at_key(flag, "The 'uniqueItems' keyword is not supported.");
        f.severity = Severity::Warning;
        if let Some(edit) = remove_member(SWAGGER, flag) {
            f.with_fix(Fix::new("Remove `uniqueItems`", Safety::Safe, vec![edit]));
        }
    }
    super::super::extensions::for_each_foreign(cx, |site, value| {
        let Some(name) = value.key() else { return };
        if is_unsupported_keyword(site, name) {
            out.at_key(value, format!("The '{name}' keyword is not supported."));
        }
    });
}
