//! Small helpers shared by rules: string distance, casing, URL and e-mail shapes, and the
//! parameter definitions several rules read.

use crate::json::{Node, NodeId};
use crate::rules::Context;

/// Levenshtein distance between two strings (by chars), for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest candidate within a distance that scales with the length of `word`.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let limit = (word.chars().count() / 4).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| {
            (
                edit_distance(&word.to_ascii_lowercase(), &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Words kept upper-case in labels.
const ACRONYMS: &[&str] = &[
    "id", "api", "url", "uri", "html", "http", "https", "json", "xml", "csv", "pdf", "sql", "ip",
    "sms", "utc", "guid", "uuid", "oauth", "ssl", "tls", "dns", "crm", "erp", "ui", "os",
];

/// Turns an identifier into a Title Case label: `api_key` -> "API Key", `userId` -> "User ID".
pub fn title_case(ident: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = ident.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let boundary = i > 0 && {
            let p = chars[i - 1];
            (c.is_uppercase() && p.is_lowercase())
                || (c.is_uppercase()
                    && p.is_uppercase()
                    && chars.get(i + 1).is_some_and(|n| n.is_lowercase()))
                || (c.is_ascii_digit() != p.is_ascii_digit() && p.is_alphanumeric())
        };
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
        .iter()
        .map(|w| {
            let lower = w.to_lowercase();
            if ACRONYMS.contains(&lower.as_str()) {
                lower.to_uppercase()
            } else {
                let mut cs = lower.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().chain(cs).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A rough absolute http(s) URL check (scheme, host, no spaces).
pub fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// A rough e-mail address check: one `@`, something before, a dotted domain after.
pub fn is_email(s: &str) -> bool {
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
}

/// Inline parameter objects ([`crate::package::swagger::Swagger::parameter_definitions`]),
/// listed once per check ([`Context::memo`]): a dozen rules read them all.
pub fn parameter_definitions<'a>(cx: &Context<'a>) -> Vec<Node<'a>> {
    struct Definitions(Vec<NodeId>);
    let Some(sw) = cx.swagger else {
        return Vec::new();
    };
    let ids = cx.memo(|| Definitions(sw.parameter_definitions().iter().map(Node::id).collect()));
    let tree = sw.root.tree();
    ids.0.iter().map(|&id| tree.node(id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(title_case("api_key"), "API Key");
        assert_eq!(title_case("userId"), "User ID");
        assert_eq!(title_case("HTMLBody"), "HTML Body");
        assert_eq!(title_case("page-size"), "Page Size");
        assert_eq!(title_case("top10"), "Top 10");
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("x-ms-visibilty", ["x-ms-visibility", "x-ms-summary"]),
            Some("x-ms-visibility")
        );
        assert_eq!(did_you_mean("x-foo", ["x-ms-visibility"]), None);
    }

    #[test]
    fn shapes() {
        assert!(is_http_url("https://example.com/privacy"));
        assert!(!is_http_url("example.com"));
        assert!(is_email("support@example.com"));
        assert!(!is_email("support@example"));
    }
}
