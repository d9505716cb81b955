//! `iconBrandColor`: a `#rrggbb` colour, not a default one, and `#da3b01` for independent
//! publishers.

use serde_json::Value;

use crate::json::Node;
use crate::package::{FileKind, Publisher};
use crate::rules::fix::{self, Fix, Safety};
use crate::rules::{rule, Context, Report};

/// The colour every independent-publisher connector uses.
const INDEPENDENT_PUBLISHER_COLOR: &str = "#da3b01";
/// White and the designer's default blue: a verified publisher's icon must use its own colour.
const DEFAULT_COLORS: [&str; 2] = ["#ffffff", "#007ee5"];

rule!(IconBrandColorInvalid {
    severity: Error,
    file: ApiProperties,
    certification: false,
    documented: false,
    fix: Safe,
    summary: "iconBrandColor is not a colour written as #rrggbb.",
    docs: r##"## What it does
Checks that `properties.iconBrandColor` in `apiProperties.json` is a `#` followed by exactly six
hexadecimal digits. A missing `#` or the three-digit short form is fixed for you.

## Why
The platform paints the connector's icon background with this colour and accepts only the
six-digit hexadecimal form; `red`, `#fff` or `1f6fb2` are rejected. An error, because every
certified connector in our corpus uses the six-digit form.

## Example
```json
{ "properties": { "iconBrandColor": "#1f6" } }
```

## How to fix
Write the colour as `#rrggbb`, e.g. `#11ff66` for `#1f6`; the fix expands the short form or adds
the missing `#`.
"##,
    check: check_invalid,
});

rule!(IconBrandColorDefault {
    severity: Warning,
    file: ApiProperties,
    certification: true,
    documented: false,
    fix: None,
    summary: "iconBrandColor is white or the default blue instead of the publisher's brand colour.",
    docs: r##"## What it does
Reports an `iconBrandColor` of `#ffffff` (white) or `#007ee5` (the designer's default blue) in a
verified publisher's connector.

## Why
Certification asks for the brand's own colour, equal to the solid background of `icon.png`, so
the connector stands out in the designer. A warning, not an error: a few certified connectors
still carry a default colour.

## Example
```json
{ "properties": { "iconBrandColor": "#007ee5" } }
```

## How to fix
Set `iconBrandColor` to the background colour of your icon, e.g. `"#1f6fb2"`.
"##,
    check: check_default,
});

rule!(IconBrandColorIndependentPublisher {
    severity: Error,
    file: ApiProperties,
    certification: true,
    documented: false,
    fix: Safe,
    summary: "An independent-publisher connector's iconBrandColor is not #da3b01.",
    docs: r##"## What it does
Reports an `iconBrandColor` other than `#da3b01` in an independent-publisher connector (one under
`independent-publisher-connectors/`, or whose title ends in `(Independent Publisher)`).

## Why
Independent-publisher connectors do not ship an icon: the platform shows a generic one on the
`#da3b01` background, and certification requires exactly that colour.

## Example
```json
{ "properties": { "iconBrandColor": "#1f6fb2" } }
```

## How to fix
Set `"iconBrandColor": "#da3b01"`; the fix does it.
"##,
    check: check_independent,
});

fn color<'a>(cx: &Context<'a>) -> Option<Node<'a>> {
    cx.api_props()?.get("iconBrandColor")
}

fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// The `#rrggbb` form of a near miss: `#rgb`, or six digits without `#`.
fn repaired(s: &str) -> Option<String> {
    let t = s.trim();
    let digits = t.strip_prefix('#').unwrap_or(t);
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match digits.len() {
        6 => Some(format!("#{digits}")),
        3 => Some(digits.chars().fold(String::from("#"), |mut acc, c| {
            acc.push(c);
            acc.push(c);
            acc
        })),
        _ => None,
    }
}

fn check_invalid(cx: &Context, out: &mut Report) {
    let Some(node) = color(cx) else { return };
    let Some(s) = node.as_str() else { return }; // a wrong type is the schema rule's finding
    if is_hex_color(s) {
        return;
    }
    let f = out.at(
        node,
        format!("The iconBrandColor '{s}' is not a colour of the form #rrggbb."),
    );
    if let Some(good) = repaired(s) {
        let edit = fix::replace_value(FileKind::ApiProperties, node, &Value::String(good.clone()));
        f.with_fix(Fix::new(
            format!("Write it as \"{good}\""),
            Safety::Safe,
            vec![edit],
        ));
    }
}

fn check_default(cx: &Context, out: &mut Report) {
    if cx.publisher != Publisher::Verified {
        return;
    }
    let Some(node) = color(cx) else { return };
    let Some(s) = node.as_str() else { return };
    if DEFAULT_COLORS
        .iter()
        .any(|d| d.eq_ignore_ascii_case(s.trim()))
    {
        out.at(
            node,
            format!("The iconBrandColor '{s}' is a default colour; use your brand's colour (the background of icon.png)."),
        );
    }
}

fn check_independent(cx: &Context, out: &mut Report) {
    if cx.publisher != Publisher::Independent {
        return;
    }
    let Some(node) = color(cx) else { return };
    let Some(s) = node.as_str() else { return };
    if s.eq_ignore_ascii_case(INDEPENDENT_PUBLISHER_COLOR) {
        return;
    }
    let edit = fix::replace_value(
        FileKind::ApiProperties,
        node,
        &Value::String(INDEPENDENT_PUBLISHER_COLOR.to_string()),
    );
    out.at(
        node,
        format!("The iconBrandColor of an independent-publisher connector must be '{INDEPENDENT_PUBLISHER_COLOR}', not '{s}'."),
    )
    .with_fix(Fix::new(
        format!("Set it to \"{INDEPENDENT_PUBLISHER_COLOR}\""),
        Safety::Safe,
        vec![edit],
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs() {
        assert_eq!(repaired("#1f6").as_deref(), Some("#11ff66"));
        assert_eq!(repaired("1F6FB2").as_deref(), Some("#1F6FB2"));
        assert_eq!(repaired("red"), None);
        assert!(is_hex_color("#A0b1C2"));
        assert!(!is_hex_color("#A0b1C"));
    }
}
