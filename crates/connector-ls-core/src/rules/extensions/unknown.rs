//! `x-ms-*` members that no catalog entry knows, usually misspellings.

use crate::catalog::{self, EXTENSIONS};
use crate::package::FileKind;
use crate::rules::fix::{rename_competes, rename_key, Fix, Safety};
use crate::rules::support::edit_distance;
use crate::rules::{rule, Context, Report};

rule!(UnknownExtension {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: false,
    fix: Safe,
    summary: "An `x-ms-` member is not an extension the platform knows (often a misspelling).",
    docs: r#"## What it does
Reports a member whose name starts with `x-ms-` but is not a known Power Platform extension,
and suggests the closest known name (`x-ms-visibilty` → `x-ms-visibility`). Members that are
data, such as a schema property or a response header that happens to be called `x-ms-...`, are
not extensions and are not reported. Azure/AutoRest extensions (`x-ms-enum`,
`x-ms-client-name`, ...) are known and not reported here.

## Why
The platform silently ignores extensions it does not know, so a misspelt
`x-ms-visibility` or `x-ms-summary` simply has no effect: the parameter stays visible, the
label falls back to the raw name. The validator does not reject unknown extensions (certified
connectors contain misspellings), so this is a warning.

## Example
```json
{ "name": "top", "in": "query", "type": "integer", "x-ms-visibilty": "advanced" }
```

## How to fix
Rename the member to the extension you meant: `"x-ms-visibility": "advanced"`. The fix is
offered (and safe) when exactly one known name is close and the object does not already have a
member of that name. If the member is your own, use a prefix other than `x-ms-` (`x-acme-...`).
"#,
    check,
});

/// The closest known extension: `(name, unambiguous)`. Only extensions the platform acts on are
/// proposed. A known name followed by a space and more words (`x-ms-summary title`) counts as
/// that name.
fn suggest(name: &str) -> Option<(&'static str, bool)> {
    let lower = name.to_ascii_lowercase();
    if let Some((head, _)) = lower.split_once(char::is_whitespace) {
        if let Some(e) = EXTENSIONS
            .iter()
            .find(|e| e.offered_in_completion() && e.name.eq_ignore_ascii_case(head))
        {
            return Some((e.name, true));
        }
    }
    let limit = (name.chars().count() / 4).clamp(1, 3);
    let mut best: Option<(usize, &'static str)> = None;
    let mut ties = 0;
    for e in EXTENSIONS.iter().filter(|e| e.offered_in_completion()) {
        let d = edit_distance(&lower, &e.name.to_ascii_lowercase());
        if d > limit {
            continue;
        }
        match best {
            Some((bd, _)) if d > bd => {}
            Some((bd, _)) if d == bd => ties += 1,
            _ => {
                best = Some((d, e.name));
                ties = 0;
            }
        }
    }
    best.map(|(_, n)| (n, ties == 0))
}

fn check(cx: &Context, out: &mut Report) {
    super::for_each_use(cx, |u| {
        if u.ext.is_some() || !catalog::is_ms_extension_name(u.name) {
            return;
        }
        // Past the cap the finding is only counted: skip the search for a suggestion.
        if out.is_full() {
            out.at_key(u.value, String::new());
            return;
        }
        let Some((suggestion, unique)) = suggest(u.name) else {
            out.at_key(
                u.value,
                format!(
                    "'{}' is not a known extension, so the platform ignores it.",
                    u.name
                ),
            );
            return;
        };
        let f = out.at_key(
            u.value,
            format!(
                "'{}' is not a known extension, so the platform ignores it. Did you mean '{suggestion}'?",
                u.name
            ),
        );
        // Renaming onto an existing member, or renaming two misspellings onto one name, would
        // hide one of the values.
        let competes = rename_competes(u.value, suggestion, |k| suggest(k).map(|(n, _)| n));
        if unique && !competes && u.owner.get(suggestion).is_none() {
            if let Some(edit) = rename_key(FileKind::Swagger, u.value, suggestion) {
                f.with_fix(Fix::new(
                    format!("Rename to '{suggestion}'"),
                    Safety::Safe,
                    vec![edit],
                ));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggestions() {
        assert_eq!(suggest("x-ms-visibilty"), Some(("x-ms-visibility", true)));
        assert_eq!(suggest("x-ms  -summary"), Some(("x-ms-summary", true)));
        assert_eq!(suggest("X-MS-Summary"), Some(("x-ms-summary", true)));
        assert_eq!(
            suggest("x-ms-api-annotations"),
            Some(("x-ms-api-annotation", true))
        );
        assert_eq!(suggest("x-ms-summary title"), Some(("x-ms-summary", true)));
        assert_eq!(suggest("x-ms-correlation-id"), None);
    }
}
