//! `icon.png`: verified publishers ship one (a square PNG, 230×230 recommended, on a solid
//! background equal to `iconBrandColor`); independent publishers must not.

use crate::package::companion::Icon;
use crate::package::{FileKind, Publisher};
use crate::rules::{rule, Context, Report};
use crate::text::TextRange;

macro_rules! icon_rule {
    ($name:ident, $sev:ident, $cert:literal, $summary:literal, $docs:literal, $check:ident) => {
        rule!($name {
            severity: $sev,
            file: Icon,
            certification: $cert,
            documented: false,
            fix: None,
            summary: $summary,
            docs: $docs,
            check: $check,
        });
    };
}

icon_rule!(
    IconMissing,
    Warning,
    true,
    "A verified publisher's connector has no icon.png.",
    r#"## What it does
Reports a verified-publisher connector folder without `icon.png`.

## Why
Certification asks verified publishers to submit the icon with the connector. A warning: the
public connectors repository keeps most certified icons elsewhere, so its folders often lack one.

## Example
A certified connector folder with only the swagger, apiProperties and readme.

## How to fix
Add `icon.png`: a 230×230 PNG with the logo centred on a solid background of `iconBrandColor`.
"#,
    check_missing
);

icon_rule!(
    IconNotAllowed,
    Error,
    true,
    "An independent publisher's connector ships an icon.png.",
    r#"## What it does
Reports `icon.png` in an independent-publisher connector.

## Why
Independent-publisher connectors get the platform's generic icon; submitting one fails review.

## Example
`independent-publisher-connectors/Contoso/icon.png`.

## How to fix
Delete `icon.png` and keep `iconBrandColor` at `#da3b01`.
"#,
    check_not_allowed
);

icon_rule!(
    IconInvalid,
    Error,
    false,
    "icon.png is not a readable PNG image.",
    r#"## What it does
Reports an `icon.png` that is not a PNG (a renamed JPEG or SVG, say) or cannot be decoded.

## Why
The platform only accepts PNG icons.

## Example
A JPEG saved as `icon.png`.

## How to fix
Export the icon as PNG.
"#,
    check_invalid
);

icon_rule!(
    IconDimensionsInvalid,
    Error,
    true,
    "icon.png is not square.",
    r#"## What it does
Reports an icon that is not square.

## Why
The designers show the icon in a square tile; a wide or tall image is squeezed.

## Example
A 400×120 logo banner.

## How to fix
Place the logo (about 160×160) on a 230×230 canvas of the brand colour.
"#,
    check_dimensions
);

icon_rule!(
    IconSizeNotRecommended,
    Warning,
    true,
    "icon.png is square but not the recommended 230×230 pixels.",
    r#"## What it does
Reports a square icon that is not exactly 230×230 pixels, saying when it is also outside the
100–230 range the current certification page mentions.

## Why
Reviewers ask for exactly 230×230 so the icon renders sharply everywhere. A warning, not an
error: certified connectors carry larger square icons (400×400, 471×471).

## Example
A 128×128 icon.

## How to fix
Re-export the icon at 230×230.
"#,
    check_recommended_size
);

icon_rule!(
    IconBackgroundInvalid,
    Warning,
    true,
    "icon.png has a transparent or white background.",
    r#"## What it does
Reports an icon whose edge pixels are mostly transparent, or whose background (the most common
edge colour) is white.

## Why
Certification asks for a solid, non-white background equal to `iconBrandColor`: the tile must
look the same in light and dark themes. A warning, because certified connectors with such icons
exist (reviewers decide).

## Example
A logo on a transparent canvas.

## How to fix
Fill the background with the brand colour and set `iconBrandColor` to it.
"#,
    check_background
);

icon_rule!(
    IconColorMismatch,
    Warning,
    true,
    "icon.png's background colour differs from iconBrandColor.",
    r##"## What it does
Compares the icon's background (the most common colour of its edge pixels) with
`iconBrandColor` in apiProperties.json and reports both when they differ noticeably.

## Why
The designers draw the tile in `iconBrandColor` around the icon; a mismatch shows as a frame.

## Example
An icon on `#1f6fb2` with `"iconBrandColor": "#da3b01"`.

## How to fix
Set `iconBrandColor` to the icon's background colour (the message names it), or recolour the icon.
"##,
    check_color
);

fn at_icon(out: &mut Report, message: String) {
    out.at_range(String::new(), TextRange::default(), message);
}

fn decoded<'a>(cx: &'a Context) -> Option<&'a Icon> {
    cx.package.icon()?.as_ref().ok()
}

fn check_missing(cx: &Context, out: &mut Report) {
    if cx.publisher == Publisher::Verified
        && cx.package.swagger.is_some()
        && cx.package.file(FileKind::Icon).is_none()
    {
        out.at_range_in(
            FileKind::Package,
            String::new(),
            TextRange::default(),
            "The connector has no icon.png; verified publishers submit one.",
        );
    }
}

fn check_not_allowed(cx: &Context, out: &mut Report) {
    if cx.publisher == Publisher::Independent && cx.package.file(FileKind::Icon).is_some() {
        at_icon(out, "Independent-publisher connectors must not include icon.png; the platform applies a generic icon.".into());
    }
}

fn check_invalid(cx: &Context, out: &mut Report) {
    if let Some(Err(why)) = cx.package.icon() {
        at_icon(out, format!("icon.png cannot be used: {why}."));
    }
}

fn check_dimensions(cx: &Context, out: &mut Report) {
    let Some(icon) = decoded(cx) else { return };
    let (w, h) = (icon.width, icon.height);
    if w != h {
        at_icon(
            out,
            format!("icon.png is {w}×{h} pixels; it must be square (230×230 recommended)."),
        );
    }
}

fn check_recommended_size(cx: &Context, out: &mut Report) {
    let Some(icon) = decoded(cx) else { return };
    let w = icon.width;
    if w != icon.height || w == 230 {
        return;
    }
    if (100..=230).contains(&w) {
        at_icon(
            out,
            format!("icon.png is {w}×{w} pixels; 230×230 is recommended."),
        );
    } else {
        at_icon(
            out,
            format!(
                "icon.png is {w}×{w} pixels, outside the 100–230 range; 230×230 is recommended."
            ),
        );
    }
}

fn check_background(cx: &Context, out: &mut Report) {
    let Some(icon) = decoded(cx) else { return };
    if icon.transparent_edge_percent >= 50 {
        at_icon(out, format!("icon.png has a transparent background ({}% of its edge); use a solid background of the brand colour.", icon.transparent_edge_percent));
    } else if icon.edge_color[..3].iter().all(|&c| c >= 0xf8) {
        at_icon(
            out,
            "icon.png has a white background; use a solid background of the brand colour.".into(),
        );
    }
}

/// `#rrggbb` -> RGB.
fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn check_color(cx: &Context, out: &mut Report) {
    let Some(icon) = decoded(cx) else { return };
    if icon.transparent_edge_percent >= 50 {
        return;
    }
    let Some(brand_node) = cx.api_props().and_then(|p| p.get("iconBrandColor")) else {
        return;
    };
    let Some(brand) = brand_node.as_str().and_then(parse_hex) else {
        return;
    };
    let bg = icon.edge_color;
    let distance = (0..3)
        .map(|i| (i32::from(bg[i]) - i32::from(brand[i])).abs())
        .max()
        .unwrap_or(0);
    if distance > 24 {
        let bg_hex = format!("#{:02x}{:02x}{:02x}", bg[0], bg[1], bg[2]);
        at_icon(
            out,
            format!(
                "icon.png's background is {bg_hex} but iconBrandColor is {}; they should match.",
                brand_node.as_str().unwrap_or_default()
            ),
        );
    }
}
