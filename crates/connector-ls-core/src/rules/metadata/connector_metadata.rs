//! The root `x-ms-connector-metadata` array: its required items and its categories (its URLs
//! are checked here for `UrlNotValid`).
//!
//! Member names (`propertyName`, `propertyValue`) and item names (`Privacy policy`) match
//! ignoring ASCII case, as the platform's reader does: certified connectors spell them
//! `PropertyName` and `Privacy Policy`.

use serde_json::{json, Value};

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::fix::{append_item, replace_value, Fix, Safety};
use crate::rules::support::{did_you_mean, is_http_url};
use crate::rules::{rule, Context, Report};

rule!(ConnectorMetadataPropertiesMissing {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: true,
    fix: Unsafe,
    summary: "`x-ms-connector-metadata` lacks `Website`, `Privacy policy` or `Categories`.",
    docs: r#"## What it does
Reports an `x-ms-connector-metadata` array without an item whose `propertyName` is `Website`,
`Privacy policy` or `Categories` (names match ignoring case).

Severity: warning, like `RequiredPropertyMissing` for a missing array. The validator rejects
such a submission, but certified connectors that predate the requirement lack items (and 53
lack the whole array); raise it to `error` for a new submission.

## Why
The three items fill the publisher's website link, the privacy policy link and the categories
of the connector's public documentation page and of the connector gallery.

## Example
```json
"x-ms-connector-metadata": [
  { "propertyName": "Website", "propertyValue": "https://contoso.example" }
]
```

## How to fix
Add the missing items; the quick fix appends `{ "propertyName": ..., "propertyValue": "" }`
for you to fill in.
"#,
    check: check_missing,
});

rule!(InvalidConnectorCategory {
    severity: Error,
    file: Swagger,
    certification: true,
    documented: true,
    fix: Unsafe,
    summary: "The `Categories` metadata names a category that does not exist.",
    docs: r#"## What it does
Splits the `propertyValue` of the `Categories` item of `x-ms-connector-metadata` on `;` and
reports it when a part is not one of: AI, Business Management, Business Intelligence,
Collaboration, Commerce, Communication, Content and Files, Finance, Data, Human Resources,
Internet of Things, IT Operations, Lifestyle and Entertainment, Marketing, Productivity, Sales
and CRM, Security, Social Media, Website (ignoring case), or when it names no category at all.

Severity: error: no certified connector uses an unknown category.

## Why
The gallery files the connector under these categories; an unknown one cannot be shown.

## Example
```json
{ "propertyName": "Categories", "propertyValue": "Productivity, Data" }
```

## How to fix
Use names from the list, separated by `;`: `"Productivity;Data"`. When every part is close to
a known category, the quick fix rewrites the value.
"#,
    check: check_categories,
});

rule!(TooManyConnectorCategories {
    severity: Error,
    file: Swagger,
    certification: true,
    documented: true,
    fix: None,
    summary: "The `Categories` metadata lists more than two categories.",
    docs: r#"## What it does
Reports a `Categories` item of `x-ms-connector-metadata` that lists more than two categories
(parts separated by `;`).

Severity: error: no certified connector lists more than two.

## Why
Certification allows at most two categories per connector.

## Example
```json
{ "propertyName": "Categories", "propertyValue": "Data;Productivity;Marketing" }
```

## How to fix
Keep the two categories that describe the connector best: `"Data;Productivity"`.
"#,
    check: check_category_count,
});

const FILE: FileKind = FileKind::Swagger;

const REQUIRED_ITEMS: [&str; 3] = ["Website", "Privacy policy", "Categories"];

use crate::catalog::CONNECTOR_CATEGORIES as CATEGORIES;

const MAX_CATEGORIES: usize = 2;

/// The metadata array, when it is one.
fn metadata<'a>(cx: &Context<'a>) -> Option<Node<'a>> {
    cx.swagger?
        .root
        .get("x-ms-connector-metadata")
        .filter(Node::is_array)
}

/// `(propertyName, item)` for each item with a string name.
fn items<'a>(array: Node<'a>) -> impl Iterator<Item = (&'a str, Node<'a>)> + 'a {
    array.items().filter_map(|item| {
        let name = item.get_ignore_case("propertyName")?.as_str()?;
        Some((name.trim(), item))
    })
}

/// The string `propertyValue` of the item named `name`.
fn value_of<'a>(array: Node<'a>, name: &str) -> Option<Node<'a>> {
    items(array)
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .filter_map(|(_, item)| item.get_ignore_case("propertyValue"))
        .find(Node::is_string)
}

fn check_missing(cx: &Context, out: &mut Report) {
    let Some(array) = metadata(cx) else { return };
    for required in REQUIRED_ITEMS {
        if items(array).any(|(n, _)| n.eq_ignore_ascii_case(required)) {
            continue;
        }
        let edit = append_item(
            FILE,
            array,
            &json!({ "propertyName": required, "propertyValue": "" }),
        );
        out.missing(
            array,
            format!("The connector metadata property '{required}' is required."),
        )
        .with_fix(Fix::new(
            format!("Add a `{required}` item"),
            Safety::Unsafe,
            vec![edit],
        ));
    }
}

/// The non-empty `;`-separated parts of a categories value.
fn parts(value: &str) -> impl Iterator<Item = &str> {
    value.split(';').map(str::trim).filter(|p| !p.is_empty())
}

fn canonical(part: &str) -> Option<&'static str> {
    CATEGORIES
        .iter()
        .copied()
        .find(|c| c.eq_ignore_ascii_case(part))
}

/// A corrected value when every part (split on `;` or `,`) is, or is close to, a category.
fn corrected(value: &str) -> Option<String> {
    let fixed: Option<Vec<&str>> = value
        .split([';', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| canonical(p).or_else(|| did_you_mean(p, CATEGORIES.iter().copied())))
        .collect();
    let fixed = fixed?;
    (!fixed.is_empty() && fixed.len() <= MAX_CATEGORIES).then(|| fixed.join(";"))
}

fn check_categories(cx: &Context, out: &mut Report) {
    let Some(array) = metadata(cx) else { return };
    let Some(node) = value_of(array, "Categories") else {
        return;
    };
    let value = node.as_str().unwrap_or_default();
    let invalid = parts(value).any(|p| canonical(p).is_none()) || parts(value).next().is_none();
    if !invalid {
        return;
    }
    let f = out.at(
        node,
        format!(
            "The connector category is invalid. Available categories are: [{}].",
            CATEGORIES.join(", ")
        ),
    );
    if let Some(fixed) = corrected(value).filter(|v| v != value) {
        let edit = replace_value(FILE, node, &Value::String(fixed.clone()));
        f.with_fix(Fix::new(
            format!("Replace with \"{fixed}\""),
            Safety::Unsafe,
            vec![edit],
        ));
    }
}

fn check_category_count(cx: &Context, out: &mut Report) {
    let Some(array) = metadata(cx) else { return };
    let Some(node) = value_of(array, "Categories") else {
        return;
    };
    if parts(node.as_str().unwrap_or_default()).count() > MAX_CATEGORIES {
        out.at(
            node,
            format!(
                "The maximum allowed number of categories for the connector is '{MAX_CATEGORIES}'."
            ),
        );
    }
}

/// `UrlNotValid` for the `Website` and `Privacy policy` items (see `contact.rs`).
pub(super) fn check_metadata_urls(cx: &Context, out: &mut Report) {
    let Some(array) = metadata(cx) else { return };
    for name in ["Website", "Privacy policy"] {
        let Some(node) = value_of(array, name) else {
            continue;
        };
        let value = node.as_str().unwrap_or_default();
        if is_http_url(value.trim()) && value.trim() == value {
            continue;
        }
        let f = out.at(
            node,
            format!("The '{name}' value must be a valid absolute URL."),
        );
        let bare = value.trim();
        let looks_like_host = !bare.is_empty()
            && !bare.contains("://")
            && !bare.contains(char::is_whitespace)
            && bare.split('/').next().is_some_and(|h| h.contains('.'));
        let fixed = if looks_like_host {
            Some(format!("https://{bare}"))
        } else if is_http_url(bare) {
            Some(bare.to_string())
        } else {
            None
        };
        if let Some(fixed) = fixed {
            let edit = replace_value(FILE, node, &Value::String(fixed.clone()));
            f.with_fix(Fix::new(
                format!("Replace with \"{fixed}\""),
                Safety::Unsafe,
                vec![edit],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_corrections() {
        assert_eq!(
            corrected("Productivity, data").as_deref(),
            Some("Productivity;Data")
        );
        assert_eq!(corrected("Produktivity").as_deref(), Some("Productivity"));
        assert_eq!(corrected("Weather"), None);
        assert_eq!(corrected("AI;Data;Website"), None);
    }
}
