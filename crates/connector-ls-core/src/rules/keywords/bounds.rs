//! Numeric, length, item and property-count bounds: not negative, minimum not above maximum,
//! `exclusiveMaximum`/`exclusiveMinimum` only beside their bound, `multipleOf` positive, and
//! `enum` not empty. Checked on schemas, non-body parameters and response headers.

use super::keyword_objects;
use crate::json::{Kind, Node};
use crate::package::FileKind;
use crate::rules::{rule, Context, Report};

const SWAGGER: FileKind = FileKind::Swagger;

/// A rule for a count keyword that may not be negative.
macro_rules! non_negative {
    ($name:ident, $kw:literal, $meaning:literal) => {
        rule!($name {
            severity: Error,
            file: Swagger,
            certification: false,
            documented: true,
            fix: None,
            summary: concat!("`", $kw, "` is negative."),
            docs: concat!(
                "## What it does\nReports a negative `",
                $kw,
                "` on a schema, a non-body parameter or a response header.\n\n",
                "## Why\n`",
                $kw,
                "` is ",
                $meaning,
                ", so it cannot be below zero: no value could ever satisfy it. The validator ",
                "rejects it, so this is an error.\n\n",
                "## Example\n```json\n{ \"type\": \"string\", \"",
                $kw,
                "\": -1 }\n```\n\n",
                "## How to fix\nUse zero or a positive count, or remove `",
                $kw,
                "`.\n"
            ),
            check: {
                fn check(cx: &Context, out: &mut Report) {
                    check_non_negative(cx, out, $kw);
                }
                check
            },
        });
    };
}

/// A rule for a lower bound that may not exceed its upper bound.
macro_rules! ordered {
    ($name:ident, $min:literal, $max:literal, $ex_min:literal, $ex_max:literal) => {
        rule!($name {
            severity: Error,
            file: Swagger,
            certification: false,
            documented: true,
            fix: None,
            summary: concat!("`", $min, "` is greater than `", $max, "`."),
            docs: concat!(
                "## What it does\nReports a schema, non-body parameter or response header whose `",
                $min,
                "` is greater than its `",
                $max,
                "`.\n\n",
                "## Why\nNo value satisfies both bounds, so every call would be refused (or ",
                "every response would fail its own schema). The validator rejects it, so this is ",
                "an error.\n\n",
                "## Example\n```json\n{ \"",
                $min,
                "\": ",
                $ex_min,
                ", \"",
                $max,
                "\": ",
                $ex_max,
                " }\n```\n\n",
                "## How to fix\nSwap the two values, or correct the one that is wrong.\n"
            ),
            check: {
                fn check(cx: &Context, out: &mut Report) {
                    check_ordered(cx, out, $min, $max);
                }
                check
            },
        });
    };
}

/// A rule for `exclusiveMaximum`/`exclusiveMinimum` without its bound.
macro_rules! exclusive {
    ($name:ident, $flag:literal, $bound:literal) => {
        rule!($name {
            severity: Error,
            file: Swagger,
            certification: false,
            documented: true,
            fix: None,
            summary: concat!("`", $flag, "` is used without `", $bound, "`."),
            docs: concat!(
                "## What it does\nReports `",
                $flag,
                "` on a schema, non-body parameter or response header that has no `",
                $bound,
                "`. `false` (the default) alone is accepted.\n\n",
                "## Why\nIn OpenAPI 2.0 `",
                $flag,
                "` is a boolean that says whether `",
                $bound,
                "` itself is allowed; alone it means nothing. The validator rejects it, so ",
                "this is an error.\n\n",
                "## Example\n```json\n{ \"type\": \"integer\", \"",
                $flag,
                "\": true }\n```\n\n",
                "## How to fix\nAdd the bound (`\"",
                $bound,
                "\": 10`) or remove `",
                $flag,
                "`.\n"
            ),
            check: {
                fn check(cx: &Context, out: &mut Report) {
                    check_exclusive(cx, out, $flag, $bound);
                }
                check
            },
        });
    };
}

non_negative!(
    MaxItemsMustBeGreaterThanOrEqualToZero,
    "maxItems",
    "the largest number of items an array may hold"
);
non_negative!(
    MinItemsMustBeGreaterThanOrEqualToZero,
    "minItems",
    "the smallest number of items an array must hold"
);
non_negative!(
    MaxLengthMustBeGreaterThanOrEqualToZero,
    "maxLength",
    "the largest number of characters a string may hold"
);
non_negative!(
    MinLengthMustBeGreaterThanOrEqualToZero,
    "minLength",
    "the smallest number of characters a string must hold"
);
non_negative!(
    MaxPropertiesMustBeGreaterThanOrEqualToZero,
    "maxProperties",
    "the largest number of members an object may hold"
);
non_negative!(
    MinPropertiesMustBeGreaterThanOrEqualToZero,
    "minProperties",
    "the smallest number of members an object must hold"
);

ordered!(
    MinimumShouldBeLessThanOrEqualToMaximum,
    "minimum",
    "maximum",
    "100",
    "1"
);
ordered!(
    MinItemsShouldBeLessThanOrEqualToMaxItems,
    "minItems",
    "maxItems",
    "5",
    "2"
);
ordered!(
    MinLengthShouldBeLessThanOrEqualToMaxLength,
    "minLength",
    "maxLength",
    "10",
    "3"
);

exclusive!(
    ExclusiveMaximumRequiresMaximum,
    "exclusiveMaximum",
    "maximum"
);
exclusive!(
    ExclusiveMinimumRequiresMinimum,
    "exclusiveMinimum",
    "minimum"
);

rule!(MultipleOfMustBeGreaterThanZero {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`multipleOf` is zero or negative.",
    docs: r##"## What it does
Reports a `multipleOf` of zero or below on a schema, non-body parameter or response header.

## Why
A value is valid when dividing it by `multipleOf` leaves no remainder; dividing by zero is
undefined and a negative step is meaningless. The validator rejects it, so this is an error.

## Example
```json
{ "type": "number", "multipleOf": 0 }
```

## How to fix
Use a positive step (`"multipleOf": 0.01` for cents), or remove `multipleOf`.
"##,
    check: check_multiple_of,
});

rule!(EnumMustContainAtLeastOneElement {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`enum` is an empty array.",
    docs: r##"## What it does
Reports `"enum": []` on a schema, non-body parameter or response header.

## Why
`enum` lists the only values allowed; an empty list allows nothing, so the field could never be
filled. The validator rejects it, so this is an error.

## Example
```json
{ "name": "status", "in": "query", "type": "string", "enum": [] }
```

## How to fix
List the allowed values (`"enum": ["open", "closed"]`), or remove `enum` to allow any value.
"##,
    check: check_enum,
});

/// A number-valued keyword of `node` (other types are another rule's concern).
fn number<'a>(node: Node<'a>, key: &str) -> Option<(Node<'a>, f64)> {
    let n = node.get(key)?;
    Some((n, n.as_f64()?))
}

fn check_non_negative(cx: &Context, out: &mut Report, kw: &str) {
    for node in keyword_objects(cx) {
        if let Some((n, v)) = number(node, kw) {
            if v < 0.0 {
                out.at(
                    n,
                    format!("The '{kw}' value must be greater than or equal to zero."),
                );
            }
        }
    }
}

fn check_ordered(cx: &Context, out: &mut Report, min: &str, max: &str) {
    for node in keyword_objects(cx) {
        let (Some((lo, a)), Some((hi, b))) = (number(node, min), number(node, max)) else {
            continue;
        };
        if a > b {
            out.at(
                lo,
                format!("The '{min}' value should be less than or equal to the '{max}' value."),
            )
            .with_related(SWAGGER, hi.range(), format!("'{max}' is {}", hi.source()));
        }
    }
}

fn check_exclusive(cx: &Context, out: &mut Report, flag: &str, bound: &str) {
    for node in keyword_objects(cx) {
        // `false` is the default and changes nothing; certified connectors carry it alone.
        let set = node.get(flag).filter(|f| f.as_bool() != Some(false));
        if let (Some(f), None) = (set, node.get(bound)) {
            out.at_key(
                f,
                format!(
                    "The '{flag}' keyword can only be specified if the '{bound}' keyword is also specified."
                ),
            );
        }
    }
}

fn check_multiple_of(cx: &Context, out: &mut Report) {
    for node in keyword_objects(cx) {
        if let Some((n, v)) = number(node, "multipleOf") {
            if v <= 0.0 {
                out.at(n, "The 'multipleOf' value must be greater than zero.");
            }
        }
    }
}

fn check_enum(cx: &Context, out: &mut Report) {
    for node in keyword_objects(cx) {
        if let Some(e) = node.get("enum") {
            if e.kind() == Kind::Array && e.is_empty() {
                out.at(e, "The 'enum' array requires at least one value.");
            }
        }
    }
}
