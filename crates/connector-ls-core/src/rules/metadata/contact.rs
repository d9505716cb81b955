//! `info.contact.email`, and the `url` members of `info.contact`, `info.license` and
//! `externalDocs` (the connector metadata URLs are checked in `connector_metadata.rs`).

use crate::json::Node;
use crate::rules::support::{is_email, is_http_url};
use crate::rules::{rule, Context, Report};

rule!(ContactEmailNotValid {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "`info.contact.email` is not an e-mail address.",
    docs: r#"## What it does
Reports an `info.contact.email` that is not a plain e-mail address (`name@example.com`): not a
string, no `@`, no dotted domain, spaces, or characters outside ASCII.

Severity: error: the validator rejects it in every mode, and no certified connector has one.

## Why
The address is shown as the support contact of the connector; a malformed one cannot be used.

## Example
```json
"contact": { "email": "support at contoso.example" }
```

## How to fix
Write the address plainly: `"support@contoso.example"`.
"#,
    check: check_email,
});

rule!(UrlNotValid {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary:
        "A `url` member or a `Website` / `Privacy policy` metadata value is not an absolute URL.",
    docs: r#"## What it does
Reports a `url` member of `info.contact`, `info.license` or an `externalDocs` object (at the
root, on an operation or on a tag), and the `propertyValue` of the `Website` and `Privacy
policy` items of `x-ms-connector-metadata`, when it is not an absolute `http://` or `https://`
URL.

Severity: warning. No certified connector has a bad `url` member, but a handful carry
connector metadata like `www.example.com` or `Not available` (the validator apparently checks
only members named `url`). Raise it to `error` for a new submission.

## Why
These URLs become links on the connector's documentation page.

## Example
```json
"contact": { "url": "contoso.example/support" }
```

## How to fix
Write the full URL, scheme included: `"https://contoso.example/support"`. For connector
metadata that looks like a host name (`www.contoso.example`), the quick fix adds `https://`.
"#,
    check: check_urls,
});

fn check_email(cx: &Context, out: &mut Report) {
    let Some(node) = cx
        .swagger
        .and_then(|s| s.info()?.get("contact")?.get("email"))
    else {
        return;
    };
    let valid = node.as_str().is_some_and(|e| e.is_ascii() && is_email(e));
    if !valid {
        out.at(
            node,
            "The contact 'email' property, if present, must be a valid email address.",
        );
    }
}

fn check_url(out: &mut Report, holder: Option<Node>) {
    let Some(node) = holder.filter(Node::is_object).and_then(|h| h.get("url")) else {
        return;
    };
    if !node.as_str().is_some_and(is_http_url) {
        out.at(node, "The 'url' property must be a valid absolute URL.");
    }
}

fn check_urls(cx: &Context, out: &mut Report) {
    let Some(sw) = &cx.swagger else { return };
    let info = sw.info();
    check_url(out, info.and_then(|i| i.get("contact")));
    check_url(out, info.and_then(|i| i.get("license")));
    check_url(out, sw.root.get("externalDocs"));
    for tag in sw.root.get("tags").iter().flat_map(|t| t.items()) {
        check_url(out, tag.get("externalDocs"));
    }
    for op in sw.operations() {
        check_url(out, op.node.get("externalDocs"));
    }
    super::connector_metadata::check_metadata_urls(cx, out);
}
