//! A local `$ref` (`#...`) must be a well-formed JSON pointer: `#` followed by `/`-separated
//! tokens, no empty token (`//`, a trailing `/`), and `~` only in the escapes `~0` and `~1`.
//!
//! The reference rules (`SchemaReferenceNotValid`, `SchemaReferenceNotFound`, ...) skip the
//! references reported here, so a malformed pointer gets one finding.

use serde_json::json;

use super::references::{for_each_ref, RefKind};
use crate::package::FileKind;
use crate::rules::fix::replace_value;
use crate::rules::{rule, Context, Fix, Report, Safety};

rule!(JsonPointerNotValid {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "A local `$ref` is not a well-formed JSON pointer.",
    docs: r##"## What it does
Reports a `$ref` of a schema, parameter or response that starts with `#` but whose fragment is
not a valid JSON pointer (RFC 6901): a missing `/` after `#` (`#definitions/Item`), a trailing
or doubled `/` (`#/definitions/Item/`, `#/definitions//Item`), or a `~` that is not part of the
escapes `~0` (for `~`) and `~1` (for `/`).

## Why
The platform resolves `$ref`s as JSON pointers; a malformed one points nowhere and the
definition is refused. Error.

## Example
```json
"schema": { "$ref": "#definitions/Item/" }
```

## How to fix
Write the pointer as `#/definitions/Item`. The fix does it when the repaired pointer resolves.
"##,
    check,
});

/// The repaired pointer when a local reference is malformed; `None` when it is well formed or
/// not local (external references are the `*ReferenceNotValid` rules' business).
pub(super) fn pointer_defect(reference: &str) -> Option<String> {
    let fragment = reference.strip_prefix('#')?;
    let missing_slash = !fragment.is_empty() && !fragment.starts_with('/');
    // An empty token (`//`, or a trailing `/`) names a member with an empty name, which no
    // section of a connector has: it is a typo.
    let empty_token = fragment.len() > 1 && (fragment.ends_with('/') || fragment.contains("//"));
    let b = fragment.as_bytes();
    let bad_tilde =
        (0..b.len()).any(|i| b[i] == b'~' && !matches!(b.get(i + 1), Some(b'0' | b'1')));
    if !(missing_slash || empty_token || bad_tilde) {
        return None;
    }
    let mut fixed = String::with_capacity(reference.len() + 2);
    fixed.push('#');
    if missing_slash {
        fixed.push('/');
    }
    for (i, c) in fragment.char_indices() {
        if c == '/' && fixed.ends_with('/') {
            continue;
        }
        fixed.push(c);
        if c == '~' && !matches!(b.get(i + 1), Some(b'0' | b'1')) {
            fixed.push('0');
        }
    }
    while fixed.len() > 2 && fixed.ends_with('/') {
        fixed.pop();
    }
    Some(fixed)
}

fn check(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    for kind in [RefKind::Schema, RefKind::Parameter, RefKind::Response] {
        for_each_ref(cx, kind, |node, r| {
            if !node.is_string() {
                return;
            }
            let Some(fixed) = pointer_defect(r) else {
                return;
            };
            let f = out.at(node, "The JSON Pointer path is not valid.");
            if fixed.starts_with(kind.prefix()) && sw.resolve_ref(&fixed).is_some() {
                f.with_fix(Fix::new(
                    format!("Change the reference to '{fixed}'"),
                    Safety::Safe,
                    vec![replace_value(FileKind::Swagger, node, &json!(fixed))],
                ));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::pointer_defect;

    #[test]
    fn defects_and_repairs() {
        assert_eq!(pointer_defect("#/definitions/A"), None);
        assert_eq!(pointer_defect("#"), None);
        assert_eq!(pointer_defect("a.json#/x"), None);
        assert_eq!(pointer_defect("#/definitions/a~1b~0"), None);
        assert_eq!(
            pointer_defect("#definitions/A/").as_deref(),
            Some("#/definitions/A")
        );
        assert_eq!(
            pointer_defect("#/definitions/a~b").as_deref(),
            Some("#/definitions/a~0b")
        );
        assert_eq!(pointer_defect("#/").as_deref(), None);
        assert_eq!(
            pointer_defect("#/definitions//A").as_deref(),
            Some("#/definitions/A")
        );
    }
}
