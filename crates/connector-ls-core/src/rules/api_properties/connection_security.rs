//! Connection parameters and the swagger's `securityDefinitions` describe the same sign-in; each
//! side must have a counterpart on the other.

use crate::json::Node;
use crate::package::FileKind;
use crate::rules::{rule, Context, Report};

rule!(ConnectionParameterSecurityMismatch {
    severity: Warning,
    file: ApiProperties,
    certification: false,
    documented: false,
    fix: None,
    summary: "apiProperties connection parameters and swagger securityDefinitions disagree on how to authenticate.",
    docs: r##"## What it does
Compares the connection parameters of `apiProperties.json` (including those of each
`connectionParameterSets` entry) with the `securityDefinitions` of the swagger:

- an `oauthSetting` parameter needs an `oauth2` security definition;
- an `oauth2` security definition needs an `oauthSetting` parameter;
- an `apiKey` or `basic` security definition needs a `securestring` (or `string`) parameter to
  hold the key or the password.

Parameters that only carry a setting of another (`token:TenantId`) are not counted.

## Why
The two files are two halves of one authentication setup: the connection dialog is built from
the parameters, the request signing from the security definition. When one half is missing, the
connection asks for nothing (or for a value nothing uses), and calls fail with 401. A warning,
not an error: a few certified connectors pass values through policies or custom code instead.

## Example
`apiProperties.json` has `"token": { "type": "oauthSetting", ... }` while the swagger has
`"securityDefinitions": { "api_key": { "type": "apiKey", "in": "header", "name": "X-Key" } }`.

## How to fix
Make both files describe the same authentication: add the missing security definition (for OAuth,
`{ "type": "oauth2", "flow": "accessCode", "authorizationUrl": ..., "tokenUrl": ..., "scopes": {} }`)
or the missing connection parameter, or remove the stale half.
"##,
    check,
});

#[derive(Clone, Copy, PartialEq, Eq)]
enum ParamKind {
    OAuth,
    Secret,
    Other,
}

struct Param<'a> {
    name: &'a str,
    node: Node<'a>,
    kind: ParamKind,
}

fn kind_of(node: Node) -> ParamKind {
    match node.get_str("type") {
        Some(t) if t.eq_ignore_ascii_case("oauthSetting") => ParamKind::OAuth,
        Some(t) if t.eq_ignore_ascii_case("securestring") || t.eq_ignore_ascii_case("string") => {
            ParamKind::Secret
        }
        _ => ParamKind::Other,
    }
}

/// Every connection parameter, of the connector and of each parameter set (settings such as
/// `token:TenantId` excluded).
fn params<'a>(props: Node<'a>) -> Vec<Param<'a>> {
    let sets = props
        .path(&["connectionParameterSets", "values"])
        .into_iter()
        .flat_map(|v| v.items())
        .filter_map(|set| set.get("parameters"));
    props
        .get("connectionParameters")
        .into_iter()
        .chain(sets)
        .flat_map(|obj| obj.members())
        .filter(|(name, node)| !name.contains(':') && node.is_object())
        .map(|(name, node)| Param {
            name,
            node,
            kind: kind_of(node),
        })
        .collect()
}

fn check(cx: &Context, out: &mut Report) {
    let (Some(props), Some(swagger)) = (cx.api_props(), cx.swagger) else {
        return;
    };
    let params = params(props);
    let defs = swagger
        .root
        .get("securityDefinitions")
        .filter(Node::is_object);
    let def_types: Vec<(&str, Node, &str)> = defs
        .into_iter()
        .flat_map(|d| d.members())
        .filter_map(|(name, node)| Some((name, node, node.get_str("type")?)))
        .collect();
    let has_def = |t: &str| {
        def_types
            .iter()
            .any(|(_, _, ty)| ty.eq_ignore_ascii_case(t))
    };
    let has_param = |k: ParamKind| params.iter().any(|p| p.kind == k);

    for p in params.iter().filter(|p| p.kind == ParamKind::OAuth) {
        if has_def("oauth2") {
            continue;
        }
        let at = p.node.get("type").unwrap_or(p.node);
        let f = out.at(
            at,
            format!(
                "The connection parameter '{}' signs in with OAuth (oauthSetting), but the swagger's securityDefinitions has no oauth2 entry.",
                p.name
            ),
        );
        if let Some(d) = defs {
            f.with_related(FileKind::Swagger, d.anchor(), "securityDefinitions");
        }
    }

    let related = props
        .get("connectionParameters")
        .map_or_else(|| props.anchor(), |c| c.anchor());
    for (name, node, ty) in &def_types {
        let (needed, what) = match ty.to_ascii_lowercase().as_str() {
            "oauth2" => (ParamKind::OAuth, "of type 'oauthSetting'"),
            "apikey" => (
                ParamKind::Secret,
                "of type 'securestring' (or 'string') to hold the key",
            ),
            "basic" => (
                ParamKind::Secret,
                "of type 'securestring' (or 'string') to hold the user name and password",
            ),
            _ => continue,
        };
        if has_param(needed) {
            continue;
        }
        out.at_key_in(
            FileKind::Swagger,
            *node,
            format!(
                "The security definition '{name}' is of type '{ty}', but apiProperties.json has no connection parameter {what}."
            ),
        )
        .with_related(FileKind::ApiProperties, related, "connection parameters");
    }
}
