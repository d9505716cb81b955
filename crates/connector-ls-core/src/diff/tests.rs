//! One test per kind of change, on small swaggers written inline.

use std::path::Path;

use super::*;
use crate::package::Document;

fn package(dir: &str, swagger: &str, props: Option<&str>) -> Package {
    let dir = Path::new(dir);
    let mut docs = vec![Document::new(
        dir.join("apiDefinition.swagger.json"),
        FileKind::Swagger,
        swagger,
    )];
    if let Some(p) = props {
        docs.push(Document::new(
            dir.join("apiProperties.json"),
            FileKind::ApiProperties,
            p,
        ));
    }
    Package::from_documents(dir, docs, None)
}

fn diff(old: &str, new: &str) -> Vec<Finding> {
    compare(&package("old", old, None), &package("new", new, None))
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code).collect()
}

/// A swagger with one operation `op` (an object's members, without braces) at `path`.
fn one_op(path: &str, method: &str, op: &str) -> String {
    format!(r#"{{"swagger":"2.0","paths":{{"{path}":{{"{method}":{{{op}}}}}}}}}"#)
}

const OP: &str = r##""operationId":"GetItem","parameters":[{"name":"id","in":"path","required":true,"type":"string"}],
    "responses":{"200":{"description":"OK","schema":{"$ref":"#/definitions/Item"}}}"##;

fn with_defs(swagger: &str, item: &str) -> String {
    let trimmed = swagger.strip_suffix('}').unwrap();
    format!(r#"{trimmed},"definitions":{{"Item":{item}}}}}"#)
}

const ITEM: &str = r##"{"type":"object","properties":{"name":{"type":"string"},"tags":{"type":"array","items":{"$ref":"#/definitions/Tag"}}}},
    "Tag":{"type":"object","properties":{"label":{"type":"string"}}}"##;

fn base() -> String {
    with_defs(&one_op("/items/{id}", "get", OP), ITEM)
}

#[test]
fn identical_versions_have_no_breaking_change() {
    assert!(diff(&base(), &base()).is_empty());
}

#[test]
fn deleted_operation_points_at_the_closest_parent() {
    let new = r#"{"swagger":"2.0","paths":{}}"#;
    let f = diff(&base(), new);
    assert_eq!(codes(&f), ["BreakingOperationDeleted"]);
    assert!(f[0].message.starts_with(messages::OPERATION_DELETED));
    assert_eq!(f[0].pointer, "/paths");
    assert_eq!(f[0].related.len(), 1);
    assert_eq!(
        f[0].related[0].path.as_deref(),
        Some(Path::new("old/apiDefinition.swagger.json"))
    );
    assert_eq!(f[0].severity, Severity::Error);
}

#[test]
fn renamed_operation_id_is_a_deletion_that_says_so() {
    let new = with_defs(
        &one_op(
            "/items/{id}",
            "get",
            &OP.replace("\"GetItem\"", "\"FetchItem\""),
        ),
        ITEM,
    );
    let f = diff(&base(), &new);
    assert_eq!(codes(&f), ["BreakingOperationDeleted"]);
    assert!(f[0]
        .message
        .contains("renamed from 'GetItem' to 'FetchItem'"));
    assert_eq!(f[0].pointer, "/paths/~1items~1{id}/get/operationId");
}

#[test]
fn path_and_method_changes() {
    let new = with_defs(&one_op("/v2/items/{id}", "get", OP), ITEM);
    let f = diff(&base(), &new);
    assert_eq!(codes(&f), ["BreakingPathChanged"]);
    assert!(f[0].message.starts_with(messages::PATH_CHANGED));

    let new = with_defs(&one_op("/items/{id}", "post", OP), ITEM);
    let f = diff(&base(), &new);
    assert_eq!(codes(&f), ["BreakingPathChanged"]);
    assert!(f[0].message.contains("GET is now POST"));
}

#[test]
fn parameter_removed_and_moved() {
    let old = one_op(
        "/items",
        "get",
        r#""operationId":"List","parameters":[{"name":"top","in":"query","type":"integer"},{"name":"v","in":"query","type":"string"}]"#,
    );
    let new = one_op(
        "/items",
        "get",
        r#""operationId":"List","parameters":[{"name":"v","in":"header","type":"string"}]"#,
    );
    let f = diff(&old, &new);
    assert_eq!(
        codes(&f),
        [
            "BreakingParameterRemoved",
            "BreakingParameterLocationChanged"
        ]
    );
    assert!(f[1].message.starts_with(messages::LOCATION_CHANGED));
    assert!(f[1].message.contains("from query to header"));
}

#[test]
fn new_required_parameter_unless_defaulted_or_internal() {
    let old = one_op("/items", "get", r#""operationId":"List","parameters":[]"#);
    let new = one_op(
        "/items",
        "get",
        r#""operationId":"List","parameters":[
        {"name":"a","in":"query","required":true,"type":"string"},
        {"name":"b","in":"query","required":true,"type":"string","default":"x"},
        {"name":"c","in":"query","required":true,"type":"string","x-ms-visibility":"internal"},
        {"name":"d","in":"query","type":"string"}]"#,
    );
    let f = diff(&old, &new);
    assert_eq!(codes(&f), ["BreakingRequiredParameterAdded"]);
    assert!(f[0].message.starts_with(messages::REQUIRED_INPUT_ADDED));
    assert!(f[0].message.contains("'a'"));

    // An optional parameter that becomes required.
    let old = one_op(
        "/items",
        "get",
        r#""operationId":"List","parameters":[{"name":"a","in":"query","type":"string"}]"#,
    );
    let new = one_op(
        "/items",
        "get",
        r#""operationId":"List","parameters":[{"name":"a","in":"query","type":"string","required":true}]"#,
    );
    assert_eq!(codes(&diff(&old, &new)), ["BreakingRequiredParameterAdded"]);
}

#[test]
fn new_required_body_property() {
    let body = |required: &str| {
        one_op(
            "/items",
            "post",
            &format!(
                r#""operationId":"Create","parameters":[{{"name":"body","in":"body","schema":{{"type":"object","required":[{required}],"properties":{{"a":{{"type":"string"}},"b":{{"type":"string"}}}}}}}}]"#
            ),
        )
    };
    let f = diff(&body(r#""a""#), &body(r#""a","b""#));
    assert_eq!(codes(&f), ["BreakingRequiredParameterAdded"]);
    assert!(f[0].message.contains("'Create': parameter 'body'/b"));
    assert!(diff(&body(r#""a","b""#), &body(r#""a""#)).is_empty());
}

#[test]
fn parameter_and_output_type_changes() {
    let old = one_op(
        "/items",
        "get",
        r#""operationId":"List","parameters":[{"name":"top","in":"query","type":"integer"}]"#,
    );
    let new = one_op(
        "/items",
        "get",
        r#""operationId":"List","parameters":[{"name":"top","in":"query","type":"string"}]"#,
    );
    let f = diff(&old, &new);
    assert_eq!(codes(&f), ["BreakingTypeChanged"]);
    assert!(f[0].message.contains("input field"));

    // Through `$ref`s and array items.
    let new = with_defs(
        &one_op("/items/{id}", "get", OP),
        &ITEM.replace(
            r#""label":{"type":"string"}"#,
            r#""label":{"type":"number"}"#,
        ),
    );
    let f = diff(&base(), &new);
    assert_eq!(codes(&f), ["BreakingTypeChanged"]);
    assert!(f[0].message.starts_with(messages::OUTPUT_TYPE_CHANGED));
    assert!(f[0].message.contains("response 200/tags/items/label"));
    assert_eq!(f[0].pointer, "/definitions/Tag/properties/label/type");
}

#[test]
fn output_field_deleted() {
    let new = with_defs(
        &one_op("/items/{id}", "get", OP),
        &ITEM.replace(r#""name":{"type":"string"},"#, ""),
    );
    let f = diff(&base(), &new);
    assert_eq!(codes(&f), ["BreakingOutputDeleted"]);
    assert!(f[0].message.starts_with(messages::OUTPUT_DELETED));
    assert_eq!(f[0].pointer, "/definitions/Item/properties");
    // Added outputs are fine.
    assert!(diff(&new, &base()).is_empty());
}

#[test]
fn enum_added_to_a_free_input() {
    let p = |extra: &str| {
        one_op(
            "/items",
            "get",
            &format!(
                r#""operationId":"List","parameters":[{{"name":"s","in":"query","type":"string"{extra}}}]"#
            ),
        )
    };
    let f = diff(&p(""), &p(r#","enum":["a","b"]"#));
    assert_eq!(codes(&f), ["BreakingEnumAdded"]);
    assert!(f[0].message.starts_with(messages::ENUM_ADDED));
    // Changing an existing list is not this rule's business.
    assert!(diff(&p(r#","enum":["a"]"#), &p(r#","enum":["a","b"]"#)).is_empty());
}

#[test]
fn authentication_changes() {
    let sec = |def: &str| {
        format!(r#"{{"swagger":"2.0","paths":{{}},"securityDefinitions":{{"x":{def}}}}}"#)
    };
    let f = diff(
        &sec(r#"{"type":"apiKey","in":"header","name":"k"}"#),
        &sec(r#"{"type":"oauth2","flow":"accessCode"}"#),
    );
    assert_eq!(codes(&f), ["BreakingAuthChanged"]);
    assert!(f[0].message.contains("apiKey is now oauth2 (accessCode)"));

    let props = |idp: &str| {
        format!(
            r#"{{"properties":{{"connectionParameters":{{"token":{{"type":"oauthSetting","oAuthSettings":{{"identityProvider":"{idp}"}}}}}}}}}}"#
        )
    };
    let swagger = r#"{"swagger":"2.0","paths":{}}"#;
    let f = compare(
        &package("old", swagger, Some(&props("aad"))),
        &package("new", swagger, Some(&props("oauth2"))),
    );
    assert_eq!(codes(&f), ["BreakingAuthChanged"]);
    assert_eq!(f[0].file, FileKind::ApiProperties);
    assert_eq!(
        f[0].related[0].path.as_deref(),
        Some(Path::new("old/apiProperties.json"))
    );
}

#[test]
fn recursive_definitions_end() {
    let s = r##"{"swagger":"2.0","paths":{"/a":{"get":{"operationId":"A","responses":{"200":{"description":"OK","schema":{"$ref":"#/definitions/N"}}}}}},
        "definitions":{"N":{"type":"object","properties":{"next":{"$ref":"#/definitions/N"},"children":{"type":"array","items":{"$ref":"#/definitions/N"}}}}}}"##;
    assert!(diff(s, s).is_empty());
    let changed = s.replace(r#""children""#, r#""kids""#);
    assert_eq!(codes(&diff(s, &changed)), ["BreakingOutputDeleted"]);
}
