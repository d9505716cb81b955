//! A production host: not localhost, a private address, a development or test environment, or
//! a documentation example domain.

use crate::json::Node;
use crate::rules::{rule, Context, Report};

rule!(HostNotProduction {
    severity: Warning,
    file: Swagger,
    certification: true,
    documented: false,
    fix: None,
    summary: "The swagger's `host` (or an OAuth URL) names localhost, a private address, a dev/test/staging/sandbox environment or example.com.",
    docs: r##"## What it does
Reports the swagger's `host`, and the `authorizationUrl`, `tokenUrl` and `refreshUrl` of its
OAuth security definitions, when the host name is:
- `localhost` (or `*.localhost`), a loopback address (`127.*`, `::1`, `0.0.0.0`), or a
  private or link-local address (`10.*`, `172.16-31.*`, `192.168.*`, `169.254.*`);
- a development or test environment: a label (between dots or hyphens, the top-level domain
  excepted: `.dev` is a public one) `dev`, `test`, `staging`, `stage` or `sandbox`
  (`api-dev.contoso.com`, `sandbox.api.contoso.com`);
- a documentation domain: `example.com`, `example.org`, `example.net` (or a subdomain), or a
  reserved top-level domain `.example`, `.test`, `.invalid`, `.localhost`.

The `host` is not reported when `apiProperties.json` has a `dynamichosturl` or
`routerequesttoendpoint` policy: the policy sets the real host at run time, and the swagger's
is a placeholder.

## Why
Reviewers ask for the production host (reviewer practice #10: PRs #2160, #3883): a certified
connector is used by every tenant, and a development or example host does not serve them. A
warning: the platform accepts any host name. On the 208 recently merged corpus connectors it
reports 3 (1.4%): a `…-dev.azurewebsites.net` host, `localhost:4433` and a `sandbox-api.` host.

## Example
```json
"host": "api-staging.contoso.com"
```

## How to fix
Use the production host (`api.contoso.com`), or, when every customer has their own host, a
placeholder host with the `dynamichosturl` policy.
"##,
    check,
});

/// Labels that name a non-production environment.
const ENVIRONMENT_LABELS: &[&str] = &["dev", "test", "staging", "stage", "sandbox"];

/// Why `host` (a host name, maybe with a port) is not a production host, if it is not.
fn why_not_production(host: &str) -> Option<&'static str> {
    let h = host.trim().to_ascii_lowercase();
    let h = h.trim_end_matches('.');
    let name = if h.starts_with('[') {
        h.trim_start_matches('[').split(']').next().unwrap_or("")
    } else {
        h.rsplit_once(':')
            .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
            .map_or(h, |(name, _)| name)
    };
    if name == "localhost" || name.ends_with(".localhost") || name == "::1" || name == "0.0.0.0" {
        return Some("is the local machine");
    }
    let octets: Vec<u8> = name.split('.').filter_map(|o| o.parse().ok()).collect();
    if octets.len() == 4 && name.split('.').count() == 4 {
        return match (octets[0], octets[1]) {
            (127, _) => Some("is a loopback address"),
            (10, _) | (192, 168) => Some("is a private address"),
            (172, b) if (16..=31).contains(&b) => Some("is a private address"),
            (169, 254) => Some("is a link-local address"),
            _ => None,
        };
    }
    for domain in ["example.com", "example.org", "example.net"] {
        if name == domain || name.ends_with(&format!(".{domain}")) {
            return Some("is a documentation example domain");
        }
    }
    let tld = name.rsplit('.').next().unwrap_or("");
    if name.contains('.') && matches!(tld, "example" | "test" | "invalid") {
        return Some("is in a reserved top-level domain");
    }
    // The top-level domain is not an environment: `.dev` is a public one.
    let below_tld = name.rsplit_once('.').map_or(name, |(rest, _)| rest);
    if below_tld
        .split(['.', '-'])
        .any(|l| ENVIRONMENT_LABELS.contains(&l))
    {
        return Some("names a development or test environment");
    }
    None
}

/// The host of a URL (`https://host:port/path`).
fn url_host(url: &str) -> Option<&str> {
    let rest = url.trim().split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    Some(authority.rsplit_once('@').map_or(authority, |(_, h)| h))
}

/// Whether apiProperties has a policy that sets the host at run time.
fn host_set_by_policy(cx: &Context) -> bool {
    let Some(list) = cx
        .api_props()
        .and_then(|p| p.get("policyTemplateInstances"))
        .filter(Node::is_array)
    else {
        return false;
    };
    list.items().any(|i| {
        i.get_str("templateId").is_some_and(|t| {
            t.eq_ignore_ascii_case("dynamichosturl")
                || t.eq_ignore_ascii_case("routerequesttoendpoint")
        })
    })
}

fn check(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    if let Some(host) = sw.root.get("host").filter(Node::is_string) {
        let text = host.as_str().unwrap_or("");
        // A `{{placeholder}}` host is not a host name.
        if !text.contains(['{', '}']) && !host_set_by_policy(cx) {
            if let Some(why) = why_not_production(text) {
                out.at(
                    host,
                    format!("The host {why}; a certified connector calls the production host."),
                );
            }
        }
    }
    let defs = sw.root.get("securityDefinitions").filter(Node::is_object);
    for (_, def) in defs.iter().flat_map(|d| d.members()) {
        for key in ["authorizationUrl", "tokenUrl", "refreshUrl"] {
            let Some(url) = def.get(key).filter(Node::is_string) else {
                continue;
            };
            let Some(why) = url.as_str().and_then(url_host).and_then(why_not_production) else {
                continue;
            };
            out.at(
                url,
                format!("The host of '{key}' {why}; a certified connector signs in at the production service."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::why_not_production as why;

    #[test]
    fn hosts() {
        assert!(why("localhost:8080").is_some());
        assert!(why("127.0.0.1").is_some());
        assert!(why("192.168.1.20").is_some());
        assert!(why("172.20.0.1").is_some());
        assert!(why("api-dev.contoso.com").is_some());
        assert!(why("sandbox.api.contoso.com").is_some());
        assert!(why("api.example.com").is_some());
        assert!(why("api.contoso.test").is_some());
        assert!(why("api.contoso.com").is_none());
        assert!(why("developer.contoso.com").is_none());
        assert!(why("172.32.0.1").is_none());
        assert!(why("api.testrail.io").is_none());
        assert!(why("contoso.azurewebsites.net").is_none());
        assert!(why("api.mockster.dev").is_none());
    }
}
