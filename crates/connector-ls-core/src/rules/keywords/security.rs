//! Security requirements (`security` at the root and on operations) against the
//! `securityDefinitions` they name, and the members each kind of security definition needs.

use crate::json::{Kind, Node};
use crate::package::FileKind;
use crate::rules::{rule, Context, Report};

const SWAGGER: FileKind = FileKind::Swagger;

rule!(SecurityRequirementMustBeDefined {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A security requirement names a scheme that `securityDefinitions` does not define.",
    docs: r##"## What it does
Reports a name in a `security` requirement (at the root or on an operation) that is not a key
of the root `securityDefinitions`.

## Why
A requirement only points at a definition; without it the platform does not know how to sign
in.

Warning, not error: certified connectors ship requirements naming undefined schemes (the
platform signs in from `securityDefinitions` and apiProperties, not from the requirement), so the
validator does not enforce this in practice.

## Example
```json
"security": [{ "oauth": [] }],
"securityDefinitions": { "oauth2": { "type": "oauth2", "flow": "accessCode", ... } }
```

## How to fix
Use the name of a defined scheme (`"oauth2"`), or add the definition.
"##,
    check: check_defined,
});

rule!(SecurityRequirementMustHaveValue {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "A security requirement's value is not an array.",
    docs: r##"## What it does
Reports a `security` requirement whose value is `null` or anything else that is not an array of
scope names.

## Why
OpenAPI 2.0 requires a list: the OAuth scopes needed, or `[]` for other schemes. The validator
rejects anything else, so this is an error.

## Example
```json
"security": [{ "api_key": null }]
```

## How to fix
Use an empty array, `"api_key": []` (the safe fix), or list the OAuth scopes needed.
"##,
    check: check_has_value,
});

rule!(SecurityRequirementMustHaveEmptyValue {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Safe,
    summary: "A security requirement for a basic or API-key scheme lists scopes.",
    docs: r##"## What it does
Reports a non-empty array in a `security` requirement whose definition is not `oauth2`
(`basic` or `apiKey`).

## Why
Only OAuth has scopes; for other schemes OpenAPI 2.0 requires an empty array. The validator
rejects the list, so this is an error.

## Example
```json
"security": [{ "api_key": ["read"] }],
"securityDefinitions": { "api_key": { "type": "apiKey", "in": "header", "name": "X-Key" } }
```

## How to fix
Empty the array: `"api_key": []` (the safe fix).
"##,
    check: check_empty_value,
});

rule!(OAuthSecurityRequirementValueMustBeScopeName {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "An OAuth security requirement lists a scope its definition does not declare.",
    docs: r##"## What it does
Reports a scope listed in a `security` requirement for an `oauth2` definition when the name is
not a key of that definition's `scopes`.

## Why
The requirement may only ask for scopes the definition declares; an undeclared one is usually a
typo and is never requested at sign-in.

Warning, not error: certified connectors ship requirements with undeclared scopes (the platform
takes the scopes it requests from apiProperties), so the validator does not enforce this in
practice.

## Example
```json
"security": [{ "oauth2": ["Files.Read"] }],
"securityDefinitions": { "oauth2": { "type": "oauth2", "scopes": { "files.read": "Read files" }, ... } }
```

## How to fix
Use a declared scope name (names are case-sensitive), or declare the scope in `scopes`.
"##,
    check: check_scope_names,
});

rule!(SecuritySchemePropertyRequired {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A security definition lacks a member its type requires.",
    docs: r##"## What it does
Reports a `securityDefinitions` entry that lacks a member its `type` requires: `name` and `in`
for `apiKey`; `flow` for `oauth2`, plus `authorizationUrl` for the `implicit` and `accessCode`
flows and `tokenUrl` for the `password`, `application` and `accessCode` flows. A missing
`scopes` map is not reported: certified connectors omit it, and the platform takes the scopes it
requests from apiProperties.

## Why
The platform builds the sign-in from these members: without `name` and `in` it cannot send the
key, without the URLs it cannot run the OAuth flow. The validator rejects the definition, so this
is an error.

## Example
```json
"api_key": { "type": "apiKey", "in": "header" }
```

## How to fix
Add the member the message names: `"name": "X-API-Key"`.
"##,
    check: check_scheme_required,
});

rule!(SecuritySchemePropertyNotValid {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A security definition has a member that belongs to another type of definition.",
    docs: r##"## What it does
Reports a member of a `securityDefinitions` entry that belongs to another security type:
`name` or `in` on `basic` or `oauth2`, `flow`, `scopes`, `authorizationUrl` or `tokenUrl` on
`basic` or `apiKey`.

## Why
It is ignored at best, and usually means the `type` is wrong (an OAuth definition typed as
`apiKey`). The validator rejects it, so this is an error.

## Example
```json
"api_key": { "type": "apiKey", "in": "header", "name": "X-Key", "flow": "implicit" }
```

## How to fix
Remove the member, or correct the `type`.
"##,
    check: check_scheme_not_valid,
});

/// The members of security definitions whose validity depends on the type.
const TYPED_MEMBERS: [&str; 6] = [
    "name",
    "in",
    "flow",
    "scopes",
    "authorizationUrl",
    "tokenUrl",
];

fn allowed(ty: &str, member: &str) -> bool {
    match ty {
        "apiKey" => matches!(member, "name" | "in"),
        "oauth2" => matches!(member, "flow" | "scopes" | "authorizationUrl" | "tokenUrl"),
        _ => false,
    }
}

fn definitions<'a>(cx: &Context<'a>) -> Option<Node<'a>> {
    cx.swagger?
        .root
        .get("securityDefinitions")
        .filter(Node::is_object)
}

/// Every `(scheme name key node, value)` of every security requirement of the document.
fn requirements<'a>(cx: &Context<'a>) -> Vec<(&'a str, Node<'a>)> {
    let Some(sw) = cx.swagger else {
        return Vec::new();
    };
    let lists = sw
        .root
        .get("security")
        .into_iter()
        .chain(sw.operations().filter_map(|op| op.node.get("security")));
    let mut out = Vec::new();
    for list in lists {
        for req in list.items().filter(Node::is_object) {
            out.extend(req.members());
        }
    }
    out
}

fn check_defined(cx: &Context, out: &mut Report) {
    let defs = definitions(cx);
    for (name, value) in requirements(cx) {
        if defs.and_then(|d| d.get(name)).is_none() {
            out.at_key(
                value,
                format!("The security requirement '{name}' is not defined in the 'securityDefinitions' object."),
            );
        }
    }
}

fn check_has_value(cx: &Context, out: &mut Report) {
    for (name, value) in requirements(cx) {
        if value.kind() != Kind::Array {
            let f = out.at(
                value,
                format!("The security requirement '{name}' must have have a value. Provide an empty array if no OAuth scopes are required."),
            );
            f.with_fix(crate::rules::Fix::new(
                "Use an empty array",
                crate::rules::Safety::Safe,
                vec![crate::rules::fix::replace_value(
                    SWAGGER,
                    value,
                    &serde_json::json!([]),
                )],
            ));
        }
    }
}

fn check_empty_value(cx: &Context, out: &mut Report) {
    let Some(defs) = definitions(cx) else { return };
    for (name, value) in requirements(cx) {
        let Some(ty) = defs.get(name).and_then(|d| d.get_str("type")) else {
            continue;
        };
        if ty != "oauth2" && value.kind() == Kind::Array && !value.is_empty() {
            out.at(
                value,
                format!("The security requirement '{name}' cannot specify any scopes, an empty array should be provided."),
            )
            .with_fix(crate::rules::Fix::new(
                "Remove the scopes",
                crate::rules::Safety::Safe,
                vec![crate::rules::fix::replace_value(
                    SWAGGER,
                    value,
                    &serde_json::json!([]),
                )],
            ));
        }
    }
}

fn check_scope_names(cx: &Context, out: &mut Report) {
    let Some(defs) = definitions(cx) else { return };
    for (name, value) in requirements(cx) {
        let Some(def) = defs.get(name) else { continue };
        if def.get_str("type") != Some("oauth2") {
            continue;
        }
        let scopes = def.get("scopes").filter(Node::is_object);
        for item in value.items() {
            let Some(scope) = item.as_str() else { continue };
            if scopes.and_then(|s| s.get(scope)).is_none() {
                out.at(
                    item,
                    format!("The OAuth security requirement '{name}' refers to scope name '{scope}', but this is not defined in the 'securityDefinitions' object."),
                );
            }
        }
    }
}

fn check_scheme_required(cx: &Context, out: &mut Report) {
    let Some(defs) = definitions(cx) else { return };
    for (_, def) in defs.members().filter(|(_, d)| d.is_object()) {
        let Some(ty) = def.get_str("type") else {
            continue;
        };
        let needed: &[&str] = match ty {
            "apiKey" => &["name", "in"],
            "oauth2" => match def.get_str("flow") {
                Some("implicit") => &["flow", "authorizationUrl"],
                Some("password" | "application") => &["flow", "tokenUrl"],
                Some("accessCode") => &["flow", "authorizationUrl", "tokenUrl"],
                _ => &["flow"],
            },
            _ => &[],
        };
        for member in needed {
            if def.get(member).is_none() {
                out.missing(
                    def,
                    format!("The security definition property '{member}' is required for definitions of type '{ty}'."),
                );
            }
        }
    }
}

fn check_scheme_not_valid(cx: &Context, out: &mut Report) {
    let Some(defs) = definitions(cx) else { return };
    for (_, def) in defs.members().filter(|(_, d)| d.is_object()) {
        let Some(ty) = def.get_str("type") else {
            continue;
        };
        if !matches!(ty, "basic" | "apiKey" | "oauth2") {
            continue;
        }
        for (key, node) in def.members() {
            if TYPED_MEMBERS.contains(&key) && !allowed(ty, key) {
                out.at_key(
                    node,
                    format!("The security definition property '{key}' is not valid for definitions of type '{ty}'."),
                );
            }
        }
    }
}
