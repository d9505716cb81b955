//! `info.contact.email` and the `url` members of `info.contact`, `info.license` and
//! `externalDocs`.

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::support::{is_email, is_http_url};
use crate::rules::{Context, FixAvailability, Report, Rule, Severity};

pub static CONTACT_EMAIL_NOT_VALID: Rule = Rule {
    code: "ContactEmailNotValid",
    severity: Severity::Error,
    file: FileKind::Swagger,
    certification: false,
    documented: true,
    fix: FixAvailability::None,
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
};

pub static URL_NOT_VALID: Rule = Rule {
    code: "UrlNotValid",
    severity: Severity::Error,
    file: FileKind::Swagger,
    certification: false,
    documented: true,
    fix: FixAvailability::None,
    summary: "A `url` member is not an absolute http(s) URL.",
    docs: r#"## What it does
Reports a `url` member of `info.contact`, `info.license` or an `externalDocs` object (at the
root, on an operation or on a tag) that is not an absolute `http://` or `https://` URL.
(`ConnectorMetadataUrlNotValid` checks the `Website` and `Privacy policy` metadata.)

Severity: error: the validator rejects it, and no certified connector has one.

## Why
These URLs become links on the connector's documentation page.

## Example
```json
"contact": { "url": "contoso.example/support" }
```

## How to fix
Write the full URL, scheme included: `"https://contoso.example/support"`.
"#,
    check: check_urls,
};

const FILE: FileKind = FileKind::Swagger;

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
            FILE,
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
        out.at(
            FILE,
            node,
            "The 'url' property must be a valid absolute URL.",
        );
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
}
