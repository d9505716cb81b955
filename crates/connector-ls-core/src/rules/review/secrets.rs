//! Credentials in the package: `SecretInPackage` (tokens and keys, an error: the pipeline's
//! credential scan blocks them) and `ClientIdInPackage` (a real OAuth app id where a
//! placeholder belongs, a warning: reviewers ask for a placeholder, the scan lets it through).
//!
//! A secret is never printed in full: messages carry [`mask`]ed values, and the renderers mask
//! every credential's range wherever they show the source ([`secret_ranges`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::normalize;
use crate::json::{track, Node, NodeId};
use crate::package::{FileKind, Package};
use crate::rules::context::CarriedMemo;
use crate::rules::recheck::still_valid_memos;
use crate::rules::{rule, Config, Context, Memory, Patch, Report};
use crate::text::TextRange;

rule!(SecretInPackage {
    severity: Error,
    file: Package,
    certification: false,
    documented: false,
    fix: None,
    summary: "A value in the package looks like a real credential (a token, key or password).",
    docs: r#"## What it does
Reports values that look like real credentials, in every file of the package (the swagger,
`apiProperties.json`, `settings.json`, `readme.md`, `intro.md`, `script.csx`):

- well-known token shapes anywhere: GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`,
  `github_pat_`), Slack tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxs-`), AWS access key ids
  (`AKIA…`, `ASIA…`), Google API keys (`AIza…`), Azure storage account keys
  (`AccountKey=…`), JSON Web Tokens (`eyJ….eyJ….…`), private key blocks, and
  `Bearer <token>` where the token is long and random-looking;
- in value positions whose name says they hold a secret (a parameter or property named like
  `api_key`, `clientSecret`, `password`, `subscription-key`, `…token`): a `default` or
  `x-example` of such a swagger parameter or property, a connection parameter's or OAuth custom
  parameter's value in `apiProperties.json`, when the value is a non-zero GUID or a long
  random-looking string (16 characters or more, letters and digits, at least 3.5 bits of
  entropy per character).

Placeholders are fine: `[[DUMMY]]`, `{token}`, `<your key>`, `$VAR`, all-zero GUIDs, values
naming themselves (`your_api_key`, `example`, `xxxx`), and the documented sample keys (AWS's
`…EXAMPLE`). The message names the kind of credential and shows only its first four characters;
the source line printed under the finding is masked the same way.

## Why
The certification pipeline runs a credential scan on every pull request and blocks it on a
credential (reviewer practice #1: PRs #1312, #2072, #526); a credential published in a public
repository must be revoked. An error, as the scan's verdict is. On the 208 recently merged
corpus connectors the rule reports nothing: response and schema examples are read for token
shapes only (a long random example header value, as in a callback's example, passed the scan).

## Example
```json
{"name": "api_key", "in": "header", "type": "string", "x-example": "4c1d8e2a7b9f0635c2e84d1a9b7f3e06"}
```

## How to fix
Replace the value with a placeholder (`[[DUMMY]]`, `{api_key}`) or drop it, and revoke the
credential if it was real.
"#,
    check: check_secrets,
});

rule!(ClientIdInPackage {
    severity: Warning,
    file: ApiProperties,
    certification: true,
    documented: false,
    fix: None,
    summary: "An OAuth `clientId` or custom parameter of apiProperties.json holds a real app id instead of a placeholder.",
    docs: r#"## What it does
Reports an `oAuthSettings.clientId` of `apiProperties.json` (in `connectionParameters` or
`connectionParameterSets`) that is a non-zero GUID or a long random-looking string, and an
OAuth `customParameters` value that is a non-zero GUID (a resource or app id). Placeholders
(`[[DUMMY]]`, `{{ client id }}`, `<client-id>`), all-zero GUIDs and readable names
(`power-platform-integration`) are fine.

## Why
Reviewers ask for the client id of the publisher's app registration to be replaced by a
placeholder before certification (reviewer practice #1: PRs #1312, #2072); Microsoft registers
the connector with its own app. A warning, not an error like `SecretInPackage`: a client id is
an identifier, not a credential, and the credential scan lets it through — 8 of the 208
recently merged corpus connectors (3.8%) were certified with one, each a true instance (a real
GUID or generated id where the template has a placeholder).

## Example
```json
"oAuthSettings": {"clientId": "5b0e2c4d-8a17-4f3e-9c62-d1a7b38e4f90", "identityProvider": "aad"}
```

## How to fix
`"clientId": "[[DUMMY]]"`; keep the real id in your own environment's copy.
"#,
    check: check_client_ids,
});

/// The token shapes, one named group each (see [`token_kind`]).
static SHAPES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<github>\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}))",
        r"|(?P<slack>\bxox[bpas]-[A-Za-z0-9-]{10,})",
        r"|(?P<aws>\b(?:AKIA|ASIA)[0-9A-Z]{16}\b)",
        r"|(?P<google>\bAIza[0-9A-Za-z_-]{35})",
        r"|AccountKey=(?P<azure>[A-Za-z0-9+/]{40,}={0,2})",
        r"|(?P<bearer>\b[Bb]earer\s+(?P<token>[A-Za-z0-9._~+/-]{20,}=*))",
        r"|(?P<jwt>\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})",
        r"|(?P<key>-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----)",
    ))
    .expect("static regex")
});

/// The end of a private key block.
static KEY_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"-----END [A-Z ]*PRIVATE KEY-----").expect("static regex"));

/// A credential found in a text: its kind and byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
}

/// Words that mark a value as a stand-in (compared lower-case).
const PLACEHOLDER_WORDS: &[&str] = &[
    "dummy",
    "placeholder",
    "your",
    "example",
    "sample",
    "xxxx",
    "enter",
    "insert",
    "replace",
    "redacted",
    "changeme",
    "fake",
];

/// Whether `value` names itself a stand-in, or is one character repeated.
fn is_placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    if value.contains("****") || value.contains("...") || value.contains('…') {
        return true;
    }
    let mut chars = value.chars().filter(char::is_ascii_alphanumeric);
    match chars.next() {
        Some(first) => chars.all(|c| c == first),
        None => true,
    }
}

/// Shannon entropy of `s`, in bits per character.
fn entropy(s: &str) -> f64 {
    let mut counts: HashMap<char, usize> = HashMap::new();
    let mut n = 0usize;
    for c in s.chars() {
        *counts.entry(c).or_default() += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    counts
        .values()
        .map(|&k| {
            let p = k as f64 / n as f64;
            -p * p.log2()
        })
        .sum()
}

/// A long random-looking string: 16 characters or more, no spaces or template characters,
/// letters and digits, at least 3.5 bits of entropy per character, not a placeholder or URL.
fn is_random(value: &str) -> bool {
    value.len() >= 16
        && !value.contains(|c: char| {
            c.is_whitespace() || matches!(c, '{' | '}' | '<' | '>' | '[' | ']' | '$' | '%' | '@')
        })
        && !value.contains("://")
        && value.matches('/').count() < 2
        && value.contains(|c: char| c.is_ascii_digit())
        && value.contains(|c: char| c.is_ascii_alphabetic())
        && !is_placeholder(value)
        && entropy(value) >= 3.5
}

/// Whether `value` is a GUID (8-4-4-4-12 hex digits), and whether it is all zeros.
fn guid(value: &str) -> Option<bool> {
    let b = value.as_bytes();
    let shape = b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        });
    shape.then(|| b.iter().all(|c| matches!(c, b'0' | b'-')))
}

/// A GUID that is not all zeros.
fn is_real_guid(value: &str) -> bool {
    guid(value) == Some(false)
}

/// The well-known token shapes in `text`.
pub(crate) fn find_tokens(text: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    for caps in SHAPES.captures_iter(text) {
        let Some(all) = caps.get(0) else { continue };
        let (kind, m) = if let Some(m) = caps.name("github") {
            ("a GitHub token", m)
        } else if let Some(m) = caps.name("slack") {
            ("a Slack token", m)
        } else if let Some(m) = caps.name("aws") {
            ("an AWS access key id", m)
        } else if let Some(m) = caps.name("google") {
            ("a Google API key", m)
        } else if let Some(m) = caps.name("azure") {
            if entropy(m.as_str()) < 4.0 {
                continue;
            }
            ("an Azure storage account key", m)
        } else if let Some(m) = caps.name("token") {
            if m.as_str().starts_with("eyJ") && m.as_str().matches('.').count() == 2 {
                ("a JSON Web Token", m)
            } else if is_random(m.as_str()) {
                ("a bearer token", m)
            } else {
                continue;
            }
        } else if let Some(m) = caps.name("jwt") {
            ("a JSON Web Token", m)
        } else if caps.name("key").is_some() {
            // The block up to its end marker (or the end of the line): the key itself.
            let rest = &text[all.end()..];
            let end = KEY_END
                .find(&rest[..rest.len().min(16 * 1024)])
                .map(|e| all.end() + e.end())
                .unwrap_or_else(|| all.end() + rest.find('\n').unwrap_or(rest.len()));
            out.push(Hit {
                kind: "a private key",
                start: all.start(),
                end,
            });
            continue;
        } else {
            continue;
        };
        if is_placeholder(m.as_str()) {
            continue;
        }
        out.push(Hit {
            kind,
            start: m.start(),
            end: m.end(),
        });
    }
    out
}

/// Whether a parameter, property or member name says it holds a credential.
fn names_secret(name: &str) -> bool {
    let n = normalize(name);
    const WORDS: &[&str] = &[
        "secret",
        "password",
        "passwd",
        "apikey",
        "accesskey",
        "privatekey",
        "subscriptionkey",
        "authkey",
        "signingkey",
    ];
    // Every word has one of these parts: most names, having none, are passed over after three
    // searches instead of nine.
    let maybe = n.contains("key") || n.contains("secret") || n.contains("passw");
    (maybe && WORDS.iter().any(|w| n.contains(w))) || n.ends_with("token")
}

/// Whether a value in a credential's place is one: a non-zero GUID or a random-looking string.
fn looks_secret(value: &str) -> bool {
    let v = value.trim();
    is_real_guid(v) || is_random(v)
}

/// `first four characters` + `****`: how messages name a credential.
fn masked_short(secret: &str) -> String {
    let head: String = secret.chars().take(4).collect();
    format!("{head}****")
}

/// `secret` with every character after the first four replaced by `*` (same length in
/// characters, so a caret under it still lines up).
pub fn mask(secret: &str) -> String {
    secret
        .chars()
        .enumerate()
        .map(|(i, c)| if i < 4 { c } else { '*' })
        .collect()
}

fn secret_message(what: &str, secret: &str) -> String {
    format!(
        "{what} ('{}'); the pipeline's credential scan blocks real credentials. \
         Replace it with a placeholder such as [[DUMMY]] (and revoke it if it is real).",
        masked_short(secret)
    )
}

/// A string node's content range (without the quotes).
fn inner(node: Node) -> TextRange {
    let r = node.range();
    if r.end >= r.start + 2 {
        TextRange::new(r.start + 1, r.end - 1)
    } else {
        r
    }
}

/// One credential of the package: where it is and what it is.
struct Found {
    file: FileKind,
    pointer: String,
    range: TextRange,
    /// What the message says it is ("This looks like a GitHub token").
    what: String,
    /// The text of the range.
    text: String,
}

/// The documents and companion texts the token scan reads.
fn texts(package: &Package) -> Vec<(FileKind, &str)> {
    let mut out: Vec<(FileKind, &str)> = package.documents().map(|d| (d.kind, d.text())).collect();
    for (kind, text) in [
        (FileKind::Readme, package.readme_text()),
        (FileKind::Intro, package.intro_text()),
        (FileKind::Script, package.script_text()),
    ] {
        if let Some(t) = text {
            out.push((kind, t));
        }
    }
    out
}

/// Every credential of the package ([`SecretInPackage`]'s findings), token shapes first.
fn credentials(cx: &Context) -> Vec<Found> {
    // The scan reads the raw texts, not the tree's strings one by one.
    track::note_everything();
    let mut out: Vec<Found> = Vec::new();
    for (kind, text) in texts(cx.package) {
        tokens_in(cx.package, kind, text, 0, &mut out);
    }
    // Swagger: the default or example of a parameter or property named like a credential.
    let values = cx.memo(|| SecretValues(secret_values(cx)));
    if let Some(sw) = cx.swagger {
        let tree = sw.root.tree();
        for (id, name) in &values.0 {
            let value = tree.node(*id);
            if value.as_str().is_some_and(looks_secret) {
                add(&mut out, FileKind::Swagger, value, name);
            }
        }
    }
    // apiProperties: values of connection and custom parameters named like a credential.
    if let Some(props) = cx.api_props() {
        for_each_named_value(props, &mut |name, value| {
            if names_secret(name) && value.as_str().is_some_and(looks_secret) {
                add(&mut out, FileKind::ApiProperties, value, name);
            }
        });
    }
    out
}

/// The token shapes in `text`, which starts at byte `base` of the package's `kind` text.
fn tokens_in(package: &Package, kind: FileKind, text: &str, base: usize, out: &mut Vec<Found>) {
    let doc = package.document(kind);
    for hit in find_tokens(text) {
        let (start, end) = (base + hit.start, base + hit.end);
        let pointer = doc
            .and_then(|d| d.tree().node_at(start as u32))
            .map(|n| n.pointer())
            .unwrap_or_default();
        out.push(Found {
            file: kind,
            pointer,
            range: TextRange::from_usize(start, end),
            what: format!("This looks like {}", hit.kind),
            text: text[hit.start..hit.end].to_string(),
        });
    }
}

/// A value named like a credential, unless a token found already covers it.
fn add(out: &mut Vec<Found>, file: FileKind, node: Node, name: &str) {
    let range = inner(node);
    if out
        .iter()
        .any(|f| f.file == file && f.range.start < range.end && range.start < f.range.end)
    {
        return;
    }
    out.push(Found {
        file,
        pointer: node.pointer(),
        range,
        what: format!("The value of '{name}' looks like a real credential"),
        text: node.source().trim_matches('"').to_string(),
    });
}

/// The swagger's values in a credential's place: the `default` and `x-example` of each
/// parameter or property named like a credential, with that name (a memo, and the domain of
/// [`PATCH`]: it does not read the values themselves).
struct SecretValues(Vec<(NodeId, String)>);

fn secret_values(cx: &Context) -> Vec<(NodeId, String)> {
    if let Some(sw) = cx.swagger {
        if !may_hold_secret_values(sw.root.tree()) {
            return Vec::new();
        }
    }
    let mut holders: Vec<Node> = crate::rules::support::parameter_definitions(cx);
    holders.extend(
        cx.keyword_objects()
            .iter()
            .copied()
            .filter(|n| n.get("default").is_some()),
    );
    let mut out = Vec::new();
    for holder in holders {
        let name = holder
            .get_str("name")
            .or_else(|| holder.key())
            .unwrap_or("");
        if !names_secret(name) {
            continue;
        }
        for key in ["default", "x-example"] {
            if let Some(v) = holder.get(key) {
                out.push((v.id(), name.to_string()));
            }
        }
    }
    out
}

/// Whether some `default` or `x-example` of the swagger is in an object named like a
/// credential: a pass over the nodes' names that answers no for most connectors, which then
/// skip the walk of every parameter definition and schema in [`secret_values`] (each of its
/// values is such a member of its holder, so a no here means it finds none). The language
/// server's hover masks credentials on every new version of the package.
fn may_hold_secret_values(tree: &crate::json::Tree) -> bool {
    ["default", "x-example"].into_iter().any(|key| {
        tree.members_named(key).any(|value| {
            value.parent().is_some_and(|holder| {
                names_secret(
                    holder
                        .get_str("name")
                        .or_else(|| holder.key())
                        .unwrap_or(""),
                )
            })
        })
    })
}

/// After an edit inside one string of the swagger, its credentials alone are found again: no
/// token shape can match a quote, so the scan of the whole text finds in a string what a scan
/// of that string finds. A private key block is the exception (its end is looked for past its
/// string): with one in the text, the rule runs whole.
pub(super) static PATCH: Patch = Patch {
    rule: &SecretInPackage,
    domain: || std::any::TypeId::of::<SecretValues>(),
    check_one: |cx, node, out| {
        let Some(doc) = cx.package.swagger.as_ref() else {
            return false;
        };
        if !std::ptr::eq(node.tree(), doc.tree()) || !node.is_string() {
            return false;
        }
        let text = doc.text();
        if text.contains("PRIVATE KEY-----") {
            return false;
        }
        let range = inner(node);
        let mut found = Vec::new();
        let content = &text[range.start as usize..range.end as usize];
        tokens_in(
            cx.package,
            FileKind::Swagger,
            content,
            range.start as usize,
            &mut found,
        );
        let values = cx.memo(|| SecretValues(secret_values(cx)));
        if let Some((_, name)) = values.0.iter().find(|(id, _)| *id == node.id()) {
            if node.as_str().is_some_and(looks_secret) {
                add(&mut found, FileKind::Swagger, node, name);
            }
        }
        report(found, out);
        true
    },
};

/// Calls `f(name, value)` for every string in `node` with the name it belongs to: a member's
/// key, or for a `value`/`default`/`defaultValue` member the key of the object holding it
/// (`"customParameters": {"client_secret": {"value": "…"}}` names the value `client_secret`).
fn for_each_named_value<'a>(node: Node<'a>, f: &mut impl FnMut(&'a str, Node<'a>)) {
    for child in node.children() {
        if child.is_string() {
            let name = match child.key() {
                Some("value" | "default" | "defaultValue") => node.key(),
                other => other,
            };
            if let Some(name) = name {
                f(name, child);
            }
        } else if child.is_object() || child.is_array() {
            for_each_named_value(child, f);
        }
    }
}

fn check_secrets(cx: &Context, out: &mut Report) {
    report(credentials(cx), out);
}

fn report(found: Vec<Found>, out: &mut Report) {
    for found in found {
        out.at_range_in(
            found.file,
            found.pointer,
            found.range,
            secret_message(&found.what, &found.text),
        );
    }
}

/// The OAuth settings objects of apiProperties.json (connection parameters and sets).
fn oauth_settings<'a>(props: Node<'a>) -> Vec<Node<'a>> {
    let mut out = Vec::new();
    let mut from_params = |params: Node<'a>| {
        for (_, p) in params.members() {
            if let Some(o) = p.get("oAuthSettings").filter(Node::is_object) {
                out.push(o);
            }
        }
    };
    if let Some(params) = props.get("connectionParameters").filter(Node::is_object) {
        from_params(params);
    }
    let sets = props
        .path(&["connectionParameterSets", "values"])
        .filter(Node::is_array);
    for set in sets.iter().flat_map(|s| s.items()) {
        if let Some(params) = set.get("parameters").filter(Node::is_object) {
            from_params(params);
        }
    }
    out
}

fn check_client_ids(cx: &Context, out: &mut Report) {
    let Some(props) = cx.api_props() else { return };
    for settings in oauth_settings(props) {
        if let Some(id) = settings.get("clientId").filter(Node::is_string) {
            let value = id.as_str().unwrap_or("").trim();
            if is_real_guid(value) || is_random(value) {
                out.at_range(
                    id.pointer(),
                    inner(id),
                    format!(
                        "The clientId '{}' looks like a real app registration; reviewers ask \
                         for a placeholder such as [[DUMMY]].",
                        masked_short(value)
                    ),
                );
            }
        }
        let custom = settings.get("customParameters").filter(Node::is_object);
        for (name, p) in custom.iter().flat_map(|c| c.members()) {
            let Some(v) = p.get("value").filter(Node::is_string) else {
                continue;
            };
            // A credential-named one is SecretInPackage's.
            if names_secret(name) {
                continue;
            }
            if v.as_str().is_some_and(|s| is_real_guid(s.trim())) {
                out.at_range(
                    v.pointer(),
                    inner(v),
                    format!(
                        "The custom parameter '{name}' holds a real id ('{}'); reviewers ask \
                         for a placeholder such as [[DUMMY]].",
                        masked_short(v.as_str().unwrap_or(""))
                    ),
                );
            }
        }
    }
}

/// Where the credentials of `package` are ([`SecretInPackage`] and [`ClientIdInPackage`]
/// findings, whatever the configuration): the ranges a renderer masks in any source it shows.
pub fn secret_ranges(package: &Package) -> Vec<(FileKind, TextRange)> {
    let config = Config::default();
    let cx = Context::new(package, &config);
    let mut out: Vec<(FileKind, TextRange)> = credentials(&cx)
        .into_iter()
        .map(|f| (f.file, f.range))
        .collect();
    let mut findings = Vec::new();
    check_client_ids(&cx, &mut Report::new(&ClientIdInPackage, &mut findings));
    out.extend(findings.into_iter().map(|f| (f.file, f.range)));
    out
}

/// The credentials and client ids of a package, as the text to mask ([`mask_secrets`]).
struct PackageSecrets(Vec<String>);

impl PackageSecrets {
    /// `carried`: memos of an earlier check that still hold for `package`.
    fn of(package: &Package, carried: Vec<CarriedMemo>) -> Self {
        let config = Config::default();
        let cx = Context::carrying(package, &config, carried);
        let mut secrets: Vec<String> = credentials(&cx).into_iter().map(|f| f.text).collect();
        // Client ids too: they are masked wherever they are shown.
        let mut findings = Vec::new();
        check_client_ids(&cx, &mut Report::new(&ClientIdInPackage, &mut findings));
        for f in &findings {
            if let Some(doc) = package.document(f.file) {
                if let Some(t) = doc.text().get(f.range.as_usize()) {
                    secrets.push(t.to_string());
                }
            }
        }
        Self(secrets)
    }
}

/// Finds the credentials [`mask_secrets`] masks in `package` ahead, starting from what the
/// check `memory` of an earlier version (`old`) computed and this edit left valid: after a
/// keystroke inside a string, the walk of every parameter definition and schema for values
/// named like a credential is reused instead of done again (most of a millisecond on a
/// megabyte swagger, on every hover). Does nothing when they are known already.
pub fn prepare_secrets(package: &Package, earlier: Option<(&Package, &Memory)>) {
    package.memos.get_or_init(|| {
        let carried = earlier
            .map(|(old, memory)| still_valid_memos(package, old, memory))
            .unwrap_or_default();
        PackageSecrets::of(package, carried)
    });
}

/// `text` with every credential of `package` masked ([`mask`]): the token shapes found in
/// `text` itself, and every value the package's secret rules report wherever it occurs in
/// `text`. For what the language server shows beside the document (hover).
///
/// The package's credentials are looked for once per package ([`Package::memos`]): a scan of
/// the whole package, a millisecond on a megabyte swagger, that every hover repeated.
pub fn mask_secrets(package: &Package, text: &str) -> String {
    let known = package
        .memos
        .get_or_init(|| PackageSecrets::of(package, Vec::new()));
    let mut secrets: Vec<&str> = known.0.iter().map(String::as_str).collect();
    secrets.extend(find_tokens(text).into_iter().map(|h| &text[h.start..h.end]));
    secrets.retain(|s| s.len() > 4);
    // Longest first, so a secret that contains another is masked whole.
    secrets.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    secrets.dedup();
    let mut out = text.to_string();
    for s in secrets {
        if out.contains(s) {
            out = out.replace(s, &mask(s));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<&'static str> {
        find_tokens(text).into_iter().map(|h| h.kind).collect()
    }

    #[test]
    fn token_shapes() {
        let gh = format!("token ghp_{}", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5");
        assert_eq!(kinds(&gh), ["a GitHub token"]);
        assert_eq!(kinds("xoxb-1234567890-abcdefghij"), ["a Slack token"]);
        assert_eq!(kinds("AKIAQ3EGRTWZ7NXPL4MD"), ["an AWS access key id"]);
        // AWS's documented sample key is a placeholder.
        assert!(kinds("AKIAIOSFODNN7EXAMPLE").is_empty());
        let key = "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=q8Zr2Lw9Xk4Vb7Nm1Pc5Hs3Jd6Gf0Ty8Ue2Io4Pa7Sl9Dk1Fj3Hg5==";
        assert_eq!(kinds(key), ["an Azure storage account key"]);
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(kinds(jwt), ["a JSON Web Token"]);
        assert_eq!(kinds(&format!("Bearer {jwt}")), ["a JSON Web Token"]);
        assert_eq!(
            kinds("Authorization: Bearer 8fK2mZq9Lw3Xv7Rt1Yb5Nc4Hd6Js0Pg"),
            ["a bearer token"]
        );
        assert!(kinds("Bearer YOUR_ACCESS_TOKEN_GOES_HERE").is_empty());
        assert!(kinds("Bearer {token}").is_empty());
        assert!(kinds("Bearer 1111111111111111111111111").is_empty());
        assert_eq!(
            kinds("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"),
            ["a private key"]
        );
        assert!(kinds("ghp_short and github.com/ghp").is_empty());
    }

    #[test]
    fn values_in_a_credentials_place() {
        assert!(names_secret("api_key"));
        assert!(names_secret("clientSecret"));
        assert!(names_secret("X-Auth-Token"));
        assert!(names_secret("Ocp-Apim-Subscription-Key"));
        assert!(!names_secret("tokenUrl"));
        assert!(!names_secret("keyword"));
        assert!(looks_secret("9f8e7d6c5b4a39281706f5e4d3c2b1a0"));
        assert!(looks_secret("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        assert!(!looks_secret("00000000-0000-0000-0000-000000000000"));
        assert!(!looks_secret("[[DUMMY]]"));
        assert!(!looks_secret("{api_key}"));
        assert!(!looks_secret("your_api_key_1234"));
        assert!(!looks_secret("password"));
        assert!(!looks_secret("https://login.example/x1"));
    }

    #[test]
    fn masks_keep_four_characters() {
        assert_eq!(mask("ghp_abcdef"), "ghp_******");
        assert_eq!(mask("abc"), "abc");
        assert_eq!(masked_short("3f2504e0-4f89"), "3f25****");
    }
}
