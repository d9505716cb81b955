//! The `pointer` of a finding is the certification validator's ValuePath, so that a pull-request
//! log and our output name the same place. One test per convention:
//!
//! - a missing member is reported at the object that lacks it (`/info` for `contact`, the
//!   parameter for `x-ms-summary`, the root for `x-ms-connector-metadata`);
//! - a `default` response with a schema at `.../responses/default`;
//! - an array without `items` at the schema (parameter, header) object;
//! - a bad value at its member (`/info/title`, `.../summary`, `.../format`, `.../default`);
//! - a check about an operation, a path item, a response or the document at that object, and a
//!   uniqueness check at its list — while the range may show the member at fault.

use std::path::Path;

use connector_ls_core::package::{Document, FileKind, Package};
use connector_ls_core::rules::{self, Config};

fn check(swagger: &str) -> Vec<(String, String)> {
    let doc = Document::new(
        Path::new("/c/apiDefinition.swagger.json").to_path_buf(),
        FileKind::Swagger,
        swagger,
    );
    let pkg = Package::from_documents(Path::new("/c"), vec![doc], None);
    rules::check(&pkg, &Config::default())
        .into_iter()
        .map(|f| (f.code.to_string(), f.pointer))
        .collect()
}

/// The pointers of `code`'s findings.
fn pointers(findings: &[(String, String)], code: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|(c, _)| c == code)
        .map(|(_, p)| p.clone())
        .collect()
}

const BASE_INFO: &str = r#""info": {"title": "Tides", "description": "Tide tables and water levels of coastal stations.", "version": "1.0", "contact": {"name": "A", "email": "a@example.com"}}"#;

fn swagger(info: &str, root_extra: &str, paths: &str) -> String {
    format!(
        r#"{{"swagger": "2.0", {info}, "host": "tides.example.com", "basePath": "/", "schemes": ["https"], {root_extra} "paths": {paths}}}"#
    )
}

#[test]
fn a_missing_member_is_reported_at_the_object_that_lacks_it() {
    let f = check(&swagger(
        r#""info": {"title": "Tides", "version": "1.0"}"#,
        "",
        r#"{"/stations": {"get": {"operationId": "ListStations", "description": "Lists the stations.",
            "parameters": [{"name": "region", "in": "query", "type": "string"}],
            "responses": {"200": {"description": "OK"}}}}}"#,
    ));
    let mut missing = pointers(&f, "RequiredPropertyMissing");
    missing.sort();
    assert_eq!(
        missing,
        vec![
            "",
            "/info",
            "/info",
            "/paths/~1stations/get",
            "/paths/~1stations/get/parameters/0",
            "/paths/~1stations/get/parameters/0",
        ],
        "{f:?}"
    );
}

#[test]
fn a_missing_security_member_and_body_schema_are_at_their_objects() {
    let f = check(&swagger(
        BASE_INFO,
        r#""securityDefinitions": {"key": {"type": "apiKey", "in": "header"}},"#,
        r#"{"/readings": {"post": {"operationId": "AddReading", "summary": "Add a reading", "description": "Adds a reading.",
            "consumes": ["application/json"],
            "parameters": [{"name": "body", "in": "body", "required": true}],
            "responses": {"200": {"description": "OK"}}}}}"#,
    ));
    assert_eq!(
        pointers(&f, "SecuritySchemePropertyRequired"),
        vec!["/securityDefinitions/key"],
        "{f:?}"
    );
    assert_eq!(
        pointers(&f, "BodyParameterSchemaRequired"),
        vec!["/paths/~1readings/post/parameters/0"]
    );
}

#[test]
fn a_default_response_with_a_schema_is_at_the_default_response() {
    let f = check(&swagger(
        BASE_INFO,
        r##""responses": {"Error": {"description": "Failed", "schema": {"type": "object"}}},"##,
        r##"{"/a": {
            "get": {"operationId": "GetA", "summary": "Get A", "description": "Gets A.",
              "responses": {"200": {"description": "OK"}, "default": {"description": "Failed", "schema": {"type": "object"}}}},
            "put": {"operationId": "PutA", "summary": "Put A", "description": "Puts A.",
              "responses": {"200": {"description": "OK"}, "default": {"$ref": "#/responses/Error"}}}}}"##,
    ));
    assert_eq!(
        pointers(&f, "DefaultResponseHasSchema"),
        vec![
            "/paths/~1a/get/responses/default",
            "/paths/~1a/put/responses/default"
        ],
        "{f:?}"
    );
}

#[test]
fn an_array_without_items_is_at_the_schema_object() {
    let f = check(&swagger(
        BASE_INFO,
        r#""definitions": {"Station": {"type": "object", "properties": {"tags": {"type": "array"}}}},"#,
        r##"{"/stations": {"get": {"operationId": "ListStations", "summary": "List stations", "description": "Lists the stations.",
            "parameters": [{"name": "ids", "in": "query", "type": "array", "x-ms-summary": "IDs", "description": "Station IDs."}],
            "responses": {"200": {"description": "OK", "headers": {"X-Ids": {"type": "array"}},
              "schema": {"$ref": "#/definitions/Station"}}}}}}"##,
    ));
    assert_eq!(
        pointers(&f, "ArrayHasNoItems"),
        vec![
            "/definitions/Station/properties/tags",
            "/paths/~1stations/get/parameters/0",
            "/paths/~1stations/get/responses/200/headers/X-Ids",
        ],
        "{f:?}"
    );
}

#[test]
fn a_bad_value_is_at_its_member() {
    let f = check(&swagger(
        r#""info": {"title": "Tides and Water Levels of the Coasts", "description": "Tide tables and water levels of coastal stations.", "version": "1.0", "contact": {"name": "A", "email": "a@example.com"}}"#,
        "",
        r#"{"/stations": {"get": {"operationId": "ListStations", "summary": "List stations/regions", "description": "Lists the stations.",
            "parameters": [{"name": "limit", "in": "query", "type": "integer", "format": "password", "default": "ten",
              "x-ms-summary": "Limit", "description": "How many."}],
            "responses": {"200": {"description": "OK"}}}}}"#,
    ));
    assert_eq!(
        pointers(&f, "FieldLengthExceeded"),
        vec!["/info/title"],
        "{f:?}"
    );
    assert_eq!(
        pointers(&f, "RestrictedCharactersInSummary"),
        vec!["/paths/~1stations/get/summary"]
    );
    assert_eq!(
        pointers(&f, "UnrecognizedTypeFormat"),
        vec!["/paths/~1stations/get/parameters/0/format"]
    );
    assert_eq!(
        pointers(&f, "DefaultValueMustMatchType"),
        vec!["/paths/~1stations/get/parameters/0/default"]
    );
}

#[test]
fn checks_about_an_operation_a_path_a_response_or_the_root_are_at_that_object() {
    let f = check(&swagger(
        BASE_INFO,
        "",
        r#"{"/items": {
            "parameters": [{"name": "a", "in": "body", "schema": {"type": "object"}}, {"name": "b", "in": "body", "schema": {"type": "object"}}],
            "get": {"operationId": "ListItems", "summary": "List items", "description": "Lists items.",
              "parameters": [{"name": "q", "in": "query", "type": "string", "x-ms-summary": "Query", "description": "Text."},
                             {"name": "q", "in": "query", "type": "integer", "x-ms-summary": "Query", "description": "Text."}],
              "responses": {"404": {"description": "Missing", "headers": {"x-total": {"type": "integer"}, "X-Total": {"type": "integer"}}}}}}}"#,
    ));
    assert_eq!(
        pointers(&f, "OperationParametersContainDuplicateParameter"),
        vec!["/paths/~1items/get"],
        "{f:?}"
    );
    assert_eq!(
        pointers(&f, "PathParametersContainMultipleBodyParameters"),
        vec!["/paths/~1items"]
    );
    assert_eq!(
        pointers(&f, "OperationShouldHaveSuccessfulResponse"),
        vec!["/paths/~1items/get"]
    );
    assert_eq!(
        pointers(&f, "ResponseHeadersAreNotUnique"),
        vec!["/paths/~1items/get/responses/404"]
    );
}

#[test]
fn a_uniqueness_check_is_at_its_list() {
    let f = check(&swagger(
        BASE_INFO,
        r#""tags": [{"name": "Items"}, {"name": "Items"}],"#,
        r#"{"/items": {"get": {"operationId": "ListItems", "summary": "List items", "description": "Lists items.",
            "parameters": [{"name": "order", "in": "query", "type": "string", "enum": ["asc", "desc", "asc"],
              "x-ms-summary": "Order", "description": "Sort order."}],
            "responses": {"200": {"description": "OK"}}}}}"#,
    ));
    assert_eq!(
        pointers(&f, "ArrayDuplicateValue"),
        vec!["/paths/~1items/get/parameters/0/enum"],
        "{f:?}"
    );
    assert_eq!(pointers(&f, "TagRedefined"), vec!["/tags"]);
}

#[test]
fn a_path_parameter_outside_the_template_is_at_the_parameter() {
    let f = check(&swagger(
        BASE_INFO,
        r#""parameters": {"Part": {"name": "part", "in": "path", "required": true, "type": "string", "x-ms-summary": "Part", "description": "The part.", "x-ms-url-encoding": "single"}},"#,
        r##"{"/items": {"get": {"operationId": "ListItems", "summary": "List items", "description": "Lists items.",
            "parameters": [{"name": "id", "in": "path", "required": true, "type": "string", "x-ms-summary": "ID", "description": "The item.", "x-ms-url-encoding": "single"},
                           {"$ref": "#/parameters/Part"}],
            "responses": {"200": {"description": "OK"}}}}}"##,
    ));
    assert_eq!(
        pointers(&f, "PathParameterNotDefinedInTemplate"),
        vec![
            "/paths/~1items/get/parameters/0",
            "/paths/~1items/get/parameters/1"
        ],
        "{f:?}"
    );
}

/// The verdict: `check` exits 1, with an error at the validator's ValuePath, on each defect the
/// pipeline rejects, and 0 on the same connector without it.
#[test]
fn check_fails_on_each_validator_error_at_its_value_path() {
    use connector_ls_tests::cli::{run_in, write};

    let info = r#""info": {"title": "Tides", "description": "Tide tables of coastal stations.", "version": "1.0", "contact": {"name": "A", "email": "a@example.com"}}"#;
    let metadata = r#""x-ms-connector-metadata": [{"propertyName": "Website", "propertyValue": "https://tides.example.com"}],"#;
    let param = r#"{"name": "region", "in": "query", "type": "string", "x-ms-summary": "Region", "description": "The region of the stations."}"#;
    let build = |info: &str, metadata: &str, summary: &str, param: &str| {
        swagger(
            info,
            metadata,
            &format!(
                r#"{{"/stations": {{"get": {{"operationId": "ListStations", {summary} "description": "Lists the stations.",
                "parameters": [{param}], "responses": {{"200": {{"description": "OK"}}}}}}}}}}"#
            ),
        )
    };
    let summary = r#""summary": "List stations","#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("C/apiDefinition.swagger.json");
    let select = "RequiredPropertyMissing,FieldLengthExceeded";
    let verdict = |text: &str| {
        write(&file, text);
        let r = run_in(
            dir.path(),
            &["check", "C", "--select", select, "--format", "json"],
        );
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json output");
        let errors: Vec<(String, String)> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["pointer"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (r.code, errors)
    };
    assert_eq!(verdict(&build(info, metadata, summary, param)), (0, vec![]));
    let no = |member: &str| param.replace(&format!(r#", "{member}": "#), r#", "x-unused": "#);
    let header = param.replace(r#""in": "query""#, r#""in": "header""#);
    let path = param.replace(r#""in": "query""#, r#""in": "path", "required": true"#);
    let cases: Vec<(String, &str, &str)> = vec![
        (
            build(info, metadata, summary, &no("x-ms-summary")),
            "RequiredPropertyMissing",
            "/paths/~1stations/get/parameters/0",
        ),
        (
            build(info, metadata, summary, &no("description")),
            "RequiredPropertyMissing",
            "/paths/~1stations/get/parameters/0",
        ),
        (
            build(
                info,
                metadata,
                summary,
                &header.replace(r#", "x-ms-summary": "Region""#, ""),
            ),
            "RequiredPropertyMissing",
            "/paths/~1stations/get/parameters/0",
        ),
        (
            build(
                info,
                metadata,
                summary,
                &path.replace(r#", "description": "The region of the stations.""#, ""),
            ),
            "RequiredPropertyMissing",
            "/paths/~1stations/get/parameters/0",
        ),
        (
            build(info, metadata, "", param),
            "RequiredPropertyMissing",
            "/paths/~1stations/get",
        ),
        (
            build(
                &info.replace(
                    r#", "contact": {"name": "A", "email": "a@example.com"}"#,
                    "",
                ),
                metadata,
                summary,
                param,
            ),
            "RequiredPropertyMissing",
            "/info",
        ),
        (
            build(
                &info.replace(r#" "description": "Tide tables of coastal stations.","#, ""),
                metadata,
                summary,
                param,
            ),
            "RequiredPropertyMissing",
            "/info",
        ),
        (
            build(info, "", summary, param),
            "RequiredPropertyMissing",
            "",
        ),
        (
            build(
                &info.replace(
                    "\"Tides\"",
                    "\"Tides and water levels of coastal stations\"",
                ),
                metadata,
                summary,
                param,
            ),
            "FieldLengthExceeded",
            "/info/title",
        ),
    ];
    for (text, code, pointer) in cases {
        assert_eq!(
            verdict(&text),
            (1, vec![(code.to_string(), pointer.to_string())]),
            "{text}"
        );
    }
}
