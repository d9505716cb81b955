//! Members that are neither a fixed field of their Swagger object nor an `x-` extension.

use crate::catalog::{fields, Site};
use crate::package::FileKind;
use crate::rules::fix::{rename_competes, rename_key, Fix, Safety};
use crate::rules::support::did_you_mean;
use crate::rules::{rule, Context, Report, Severity};

rule!(ExtensionNameNotValid {
    severity: Error,
    also: [Warning],
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "A member is neither a field of its Swagger object nor an `x-` extension.",
    docs: r#"## What it does
Reports a member of a Swagger 2.0 object (the root, `info`, a path item, an operation, a
parameter, a response, a header, a schema, a security definition, a tag) whose name is not one
of that object's fields and does not start with `x-`: `securityDefinitions` inside a path item,
`Description` with a capital letter, `requried`.

## Why
OpenAPI 2.0 only allows its own fields and `x-` extensions; the platform ignores anything else,
so a misspelt field silently loses its meaning. The validator rejects such members (error).
At the document root it evidently does not look (certified connectors carry a stray `basepath`
there), so root members are reported as warnings.

## Example
```json
{ "name": "id", "in": "path", "type": "string", "requried": true }
```

## How to fix
Correct the name (`required`), move the member to the object it belongs to, or, for your own
data, prefix it with `x-`. When the name differs from a field only in letter case, a safe fix
renames it; a close misspelling gets the same rename as a quick fix to review.
"#,
    check,
});

fn check(cx: &Context, out: &mut Report) {
    super::for_each_foreign(cx, |site, value| {
        let Some(name) = value.key() else { return };
        // Later-draft schema keywords (`oneOf`, `nullable`, ...) are SwaggerKeywordNotSupported's.
        if crate::rules::keywords::is_unsupported_keyword(site, name) {
            return;
        }
        let f = out.at_key(
            value,
            format!(
                "The property '{name}' is not valid. If this property is an extension, its name must begin with \"x-\"."
            ),
        );
        // Certified connectors pass with stray root members (`basepath`, a path template written
        // outside `paths`): the validator does not check the root, so there it is a warning.
        if site == Site::Root {
            f.severity = Severity::Warning;
        }
        // A case-only difference is mechanical; a misspelling is probably, not surely, meant
        // as the close field.
        let (field, safety) = match same_but_case(site, name) {
            Some(field) => (field, Safety::Safe),
            None => {
                match fields(site).and_then(|fs| did_you_mean(name, fs.iter().map(|f| f.name))) {
                    Some(field) => (field, Safety::Unsafe),
                    None => return,
                }
            }
        };
        // Two members that both become `field` (`Required` and `REQUIRED`) would lose a value.
        let competes = rename_competes(value, field, |k| {
            (!k.starts_with("x-"))
                .then(|| {
                    same_but_case(site, k).or_else(|| {
                        fields(site).and_then(|fs| did_you_mean(k, fs.iter().map(|f| f.name)))
                    })
                })
                .flatten()
        });
        let owner_has_it = value.parent().and_then(|o| o.get(field)).is_some();
        if !owner_has_it && !competes {
            if let Some(edit) = rename_key(FileKind::Swagger, value, field) {
                f.with_fix(Fix::new(format!("Rename to '{field}'"), safety, vec![edit]));
            }
        }
    });
}

/// The fixed field of `site` equal to `name` ignoring ASCII case.
fn same_but_case(site: Site, name: &str) -> Option<&'static str> {
    fields(site)?
        .iter()
        .map(|f| f.name)
        .find(|f| f.eq_ignore_ascii_case(name))
}
