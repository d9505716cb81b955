//! End-to-end language server tests: the real binary over stdio, real JSON-RPC.

use std::path::PathBuf;

use connector_ls_tests::cli::try_git as git;
use connector_ls_tests::lsp::{file_uri, offers_command, LspClient};
use serde_json::{json, Value};

/// A package folder (`Contoso Wïdgets`) in a temporary directory that is removed when the
/// test ends, failing or not.
struct TempPackage {
    _root: tempfile::TempDir,
    dir: PathBuf,
}

impl std::ops::Deref for TempPackage {
    type Target = PathBuf;

    fn deref(&self) -> &PathBuf {
        &self.dir
    }
}

fn temp_package(name: &str, files: &[(&str, &str)]) -> TempPackage {
    let root = tempfile::Builder::new()
        .prefix(&format!("connector-ls-lsp-{name}-"))
        .tempdir()
        .unwrap();
    let dir = root.path().join("Contoso Wïdgets");
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    TempPackage { _root: root, dir }
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

const BROKEN: &str =
    "{\n  \"swagger\": \"2.0\"\n  \"info\": {\"title\": \"A\", \"title\": \"B\"}\n}";

#[test]
fn push_diagnostics_follow_versions() {
    let dir = temp_package("push", &[]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    let init = c.initialize(json!({}), json!({"debounceMs": 0}));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    c.open(&uri, BROKEN, 1);
    let d = c.diagnostics(&uri, 1);
    let cs = codes(&d);
    assert!(cs.contains(&"JsonSyntaxError".to_string()), "{d:#?}");
    assert!(cs.contains(&"DuplicateKey".to_string()), "{d:#?}");
    let syntax = d.iter().find(|d| d["code"] == "JsonSyntaxError").unwrap();
    assert_eq!(
        syntax["range"]["start"],
        json!({"line": 1, "character": 18})
    );
    assert_eq!(syntax["source"], "connector-ls");
    assert!(syntax["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    // Insert the missing comma: version 2 has no syntax error.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 1, "character": 18}, "end": {"line": 1, "character": 19}}, "text": ","}
        ]}),
    );
    let d2 = c.diagnostics(&uri, 2);
    assert!(
        !codes(&d2).contains(&"JsonSyntaxError".to_string()),
        "{d2:#?}"
    );
    // Closing clears.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["version"].is_null()
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

#[test]
fn edit_storm_ends_in_the_full_sync_text_and_last_version() {
    let dir = temp_package("storm", &[]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    let base = "{\n  \"swagger\": \"2.0\",\n  \"info\": {\"title\": \"\"}\n}";
    c.open(&uri, base, 1);
    c.diagnostics(&uri, 1);
    // Type 1,000 characters into the title, one notification each.
    for i in 0..1000 {
        let col = 21 + i;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [
                {"range": {"start": {"line": 2, "character": col}, "end": {"line": 2, "character": col}}, "text": "é"}
            ]}),
        );
    }
    // Then a duplicate key at the very end of the title line: its position proves the text.
    let col = 21 + 1000 + 1;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 1002}, "contentChanges": [
            {"range": {"start": {"line": 2, "character": col}, "end": {"line": 2, "character": col}}, "text": ", \"title\": \"x\""}
        ]}),
    );
    let d = c.diagnostics(&uri, 1002);
    let dup = d
        .iter()
        .find(|d| d["code"] == "DuplicateKey")
        .expect("duplicate key reported");
    assert_eq!(
        dup["range"]["start"],
        json!({"line": 2, "character": col + 2})
    );
    // Nothing for an older version arrives after the final version's diagnostics.
    c.backlog.clear();
    let late = c.request("shutdown", Value::Null);
    assert!(late["error"].is_null());
    assert!(!c
        .backlog
        .iter()
        .any(|m| m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["version"].as_i64().is_some_and(|v| v < 1002)));
}

#[test]
fn pull_diagnostics_when_the_client_supports_them() {
    let dir = temp_package("pull", &[("apiDefinition.swagger.json", BROKEN)]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    let init = c.initialize(
        json!({"textDocument": {"diagnostic": {}}}),
        json!({"debounceMs": 0}),
    );
    assert!(init["result"]["capabilities"]["diagnosticProvider"].is_object());
    c.open(&uri, BROKEN, 1);
    let r = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(r["result"]["kind"], "full");
    assert!(
        codes(r["result"]["items"].as_array().unwrap()).contains(&"JsonSyntaxError".to_string())
    );
    // Asked again with the result id: nothing changed, so the short answer.
    let id = r["result"]["resultId"]
        .as_str()
        .expect("a result id")
        .to_string();
    let again = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": id}),
    );
    assert_eq!(
        again["result"],
        json!({"kind": "unchanged", "resultId": id})
    );
    // After an edit the full report comes back, with a new id.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "{}"}]}),
    );
    let after = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": id}),
    );
    assert_eq!(after["result"]["kind"], "full");
    assert_ne!(after["result"]["resultId"], json!(id));
    assert!(!codes(after["result"]["items"].as_array().unwrap())
        .contains(&"JsonSyntaxError".to_string()));
}

/// Typing inside a string moves no diagnostic of the other lines: the pull with the id of the
/// report the client holds is answered `unchanged`, under that id, though the package changed.
#[test]
fn a_pull_whose_items_did_not_move_is_unchanged() {
    let text = "{\n  \"swagger\": \"2.0\",\n  \"info\": {\n    \"description\": \"Lists the items of an account.\",\n    \"version\": \"1.0\"\n  },\n  \"paths\": {}\n}\n";
    let dir = temp_package("pull-unchanged", &[("apiDefinition.swagger.json", text)]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(
        json!({"textDocument": {"diagnostic": {}}}),
        json!({"debounceMs": 0}),
    );
    c.open(&uri, text, 1);
    let pull = |c: &mut LspClient, previous: Option<&str>| c.pull(uri.as_str(), previous);
    let first = pull(&mut c, None);
    assert_eq!(first["result"]["kind"], "full", "{first}");
    let items = first["result"]["items"].clone();
    assert!(!items.as_array().unwrap().is_empty(), "{first}");
    let id = first["result"]["resultId"].as_str().unwrap().to_string();
    // One character typed inside the description (line 3), after every finding's start there.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {
            "start": {"line": 3, "character": 30}, "end": {"line": 3, "character": 30}}, "text": "x"}]}),
    );
    let again = pull(&mut c, Some(&id));
    let full = pull(&mut c, None);
    assert_eq!(
        full["result"]["items"], items,
        "the fixture's edit moved a diagnostic"
    );
    assert_eq!(
        again["result"],
        json!({"kind": "unchanged", "resultId": id})
    );
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

#[test]
fn utf8_position_encoding_when_offered() {
    let dir = temp_package("utf8", &[]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    let init = c.initialize(
        json!({"general": {"positionEncodings": ["utf-8"]}}),
        json!({"debounceMs": 0}),
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    c.open(&uri, "{\"é\": 1, \"é\": 2}", 1);
    let d = c.diagnostics(&uri, 1);
    let dup = d.iter().find(|d| d["code"] == "DuplicateKey").unwrap();
    // Byte columns: `{"é": 1, ` is 10 bytes.
    assert_eq!(dup["range"]["start"]["character"], 10);
}

#[test]
fn protocol_abuse_keeps_the_session_alive() {
    let mut c = LspClient::start();
    // Before initialize: the spec's ServerNotInitialized error.
    let early = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x.json"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(early["error"]["code"], -32002);
    c.initialize(json!({}), json!({"debounceMs": 0}));
    let again = c.request("initialize", json!({"capabilities": {}}));
    assert!(again["error"].is_object());
    let unknown = c.request("connector/unknown", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    c.notify("$/unknownNotification", json!({}));
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": "file:///never/opened.json", "version": 3}, "contentChanges": [{"text": "{}"}]}));
    let uri = "file:///tmp/connector-ls-nowhere/apiDefinition.swagger.json";
    c.open(uri, "{", 1);
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 99, "character": 99}, "end": {"line": 100, "character": 0}}, "text": "}"}
    ]}));
    let d = c.diagnostics(uri, 2);
    assert!(
        !codes(&d).contains(&"JsonSyntaxError".to_string()),
        "{d:#?}"
    );
    assert_eq!(c.exit_code_after(&["exit"]), Some(1));
}

const NAV_SWAGGER: &str = r##"{
  "swagger": "2.0",
  "paths": {
    "/items/{id}": {
      "get": {
        "operationId": "GetItem",
        "summary": "Get an item",
        "parameters": [{"name": "id", "in": "path", "required": true, "type": "string", "x-ms-summary": "Item ID"}],
        "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Item"}}}
      }
    }
  },
  "definitions": {
    "Item": {"type": "object", "properties": {"name": {"type": "string"}}}
  }
}"##;

const NAV_API: &str = r#"{
  "properties": {
    "scriptOperations": ["GetItem"]
  }
}"#;

fn pos(text: &str, needle: &str, extra: usize) -> Value {
    let at = text.find(needle).unwrap() + extra;
    let line = text[..at].matches('\n').count();
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

const CLASH_SWAGGER: &str = r##"{
  "swagger": "2.0",
  "paths": {
    "/items": {
      "get": {"operationId": "ListItems", "summary": "List items", "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Item"}}}},
      "post": {"operationId": "CreateItem", "summary": "Create an item", "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Other"}}}}
    }
  },
  "definitions": {
    "Item": {"type": "object"},
    "Other": {"type": "object"}
  }
}"##;

/// Security: a rename may not create duplicate keys, shadow a definition, or bring in names that
/// read differently from what they are.
#[test]
fn rename_refuses_existing_names_spaces_and_bidi_controls() {
    let dir = temp_package("clash", &[("apiDefinition.swagger.json", CLASH_SWAGGER)]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    c.open(&uri, CLASH_SWAGGER, 1);
    let rename = |c: &mut LspClient, needle: &str, extra: usize, name: &str| {
        c.request(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}, "position": pos(CLASH_SWAGGER, needle, extra), "newName": name}),
        )
    };
    for (needle, extra, name, why) in [
        ("ListItems", 1, "CreateItem", "already exists"),
        ("#/definitions/Item", 16, "Other", "already exists"),
        ("\"Item\": {", 2, "Other", "already exists"),
        ("ListItems", 1, "List Items", "whitespace"),
        ("#/definitions/Item", 16, "Item\u{202E}gpj", "U+202E"),
        ("ListItems", 1, "List\u{200B}Items", "U+200B"),
    ] {
        let answer = rename(&mut c, needle, extra, name);
        let message = answer["error"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("renaming {needle} to {name:?} was accepted: {answer}"));
        assert!(message.contains(why), "{name:?}: {message}");
    }
    // Renaming to a free name, or to the same name, still works.
    let ok = rename(&mut c, "ListItems", 1, "ListAllItems");
    assert!(ok["result"]["changes"].is_object(), "{ok}");
    let same = rename(&mut c, "ListItems", 1, "ListItems");
    assert!(same["result"]["changes"].is_object(), "{same}");
}

#[test]
fn navigation_definition_rename_symbols_hover() {
    let dir = temp_package(
        "nav",
        &[
            ("apiDefinition.swagger.json", NAV_SWAGGER),
            ("apiProperties.json", NAV_API),
        ],
    );
    let swagger_uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let api_uri = file_uri(&dir.join("apiProperties.json"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    c.open(&swagger_uri, NAV_SWAGGER, 1);
    c.open(&api_uri, NAV_API, 1);

    // Go to the definition of a $ref.
    let def = c.request("textDocument/definition", json!({"textDocument": {"uri": swagger_uri}, "position": pos(NAV_SWAGGER, "#/definitions/Item", 16)}));
    assert_eq!(def["result"]["uri"], swagger_uri.as_str());
    assert_eq!(
        def["result"]["range"]["start"],
        pos(NAV_SWAGGER, "\"Item\": {", 1)
    );

    // From apiProperties' scriptOperations to the operation.
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": api_uri}, "position": pos(NAV_API, "GetItem", 2)}),
    );
    assert_eq!(def["result"]["uri"], swagger_uri.as_str());

    // Rename the operationId: both files change.
    let prep = c.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": swagger_uri}, "position": pos(NAV_SWAGGER, "GetItem", 1)}),
    );
    assert_eq!(prep["result"]["placeholder"], "GetItem");
    let edit = c.request("textDocument/rename", json!({"textDocument": {"uri": swagger_uri}, "position": pos(NAV_SWAGGER, "GetItem", 1), "newName": "GetWidget"}));
    let changes = edit["result"]["changes"].as_object().expect("changes");
    assert_eq!(changes[swagger_uri.as_str()].as_array().unwrap().len(), 1);
    let api_edits = changes[api_uri.as_str()].as_array().unwrap();
    assert_eq!(api_edits[0]["newText"], "GetWidget");
    assert_eq!(api_edits[0]["range"]["start"], pos(NAV_API, "GetItem", 0));
    let bad = c.request("textDocument/rename", json!({"textDocument": {"uri": swagger_uri}, "position": pos(NAV_SWAGGER, "#/definitions/Item", 16), "newName": "a/b"}));
    assert!(bad["error"].is_object());

    // References of a definition include the $ref.
    let refs = c.request("textDocument/references", json!({"textDocument": {"uri": swagger_uri}, "position": pos(NAV_SWAGGER, "\"Item\": {", 2), "context": {"includeDeclaration": false}}));
    assert_eq!(refs["result"].as_array().unwrap().len(), 1);

    // Symbols: paths -> operations -> parameters.
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": swagger_uri}}),
    );
    let paths = syms["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "paths")
        .unwrap();
    let op = &paths["children"][0]["children"][0];
    assert_eq!(op["name"], "GetItem");
    assert_eq!(op["children"][0]["name"], "id");
    let folds = c.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": swagger_uri}}),
    );
    assert!(folds["result"].as_array().unwrap().len() >= 4);
    let ws = c.request("workspace/symbol", json!({"query": "getit"}));
    assert_eq!(ws["result"][0]["name"], "GetItem");

    // Hover on the operationId: the maker's view.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": swagger_uri}, "position": pos(NAV_SWAGGER, "GetItem", 1)}),
    );
    let md = h["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("### Get an item") && md.contains("**Item ID** *(required)*"),
        "{md}"
    );
}

#[test]
fn completion_after_typing_x_ms_in_a_parameter() {
    let dir = temp_package("complete", &[]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    let text = "{\n  \"swagger\": \"2.0\",\n  \"paths\": {\n    \"/a\": {\n      \"get\": {\n        \"parameters\": [\n          {\n            \"name\": \"top\",\n            \"in\": \"query\",\n            \"type\": \"integer\"\n          }\n        ]\n      }\n    }\n  }\n}\n";
    c.open(&uri, text, 1);
    // Type `"x-ms-` on a new line after `"type": "integer"` (a comma first).
    let line = 9;
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": line, "character": 29}, "end": {"line": line, "character": 29}}, "text": ",\n            \"x-ms-"}
    ]}));
    let r = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line + 1, "character": 18}}),
    );
    let items = r["result"]["items"].as_array().expect("items");
    let summary = items
        .iter()
        .find(|i| i["label"] == "x-ms-summary")
        .expect("x-ms-summary offered");
    assert!(summary["documentation"]["value"].as_str().unwrap().len() > 20);
    assert_eq!(
        summary["textEdit"]["range"]["start"],
        json!({"line": line + 1, "character": 12})
    );
    assert!(
        !items.iter().any(|i| i["label"] == "name"),
        "present keys are not offered"
    );
}

#[test]
fn workspace_check_command_publishes_every_file() {
    let dir = temp_package(
        "workspace",
        &[
            ("apiDefinition.swagger.json", BROKEN),
            (
                "apiProperties.json",
                "{\"properties\": {}, \"properties\": {}}",
            ),
        ],
    );
    let root = dir.parent().unwrap().to_path_buf();
    let mut c = LspClient::start();
    let init = c.request("initialize", json!({"capabilities": {}, "workspaceFolders": [{"uri": file_uri(&root), "name": "ws"}], "initializationOptions": {"debounceMs": 0}}));
    assert!(offers_command(&init, "connector-ls.checkWorkspace"));
    c.notify("initialized", json!({}));
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "connector-ls.checkWorkspace", "arguments": []}),
    );
    assert_eq!(r["result"]["packages"], 1, "{r:#?}");
    assert!(r["result"]["errors"].as_u64().unwrap() >= 1);
    let api_uri = file_uri(&dir.join("apiProperties.json"));
    let pushed = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == api_uri.as_str()
    });
    assert!(codes(pushed["params"]["diagnostics"].as_array().unwrap())
        .contains(&"DuplicateKey".to_string()));
}

/// Applies the text edits of one file from a `WorkspaceEdit` (LSP positions in UTF-16).
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let idx = connector_ls_core::text::LineIndex::new(text);
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let p = |v: &Value| {
                idx.offset(
                    text,
                    connector_ls_core::text::LineCol {
                        line: v["line"].as_u64().unwrap() as u32,
                        col: v["character"].as_u64().unwrap() as u32,
                    },
                    connector_ls_core::text::Encoding::Utf16,
                ) as usize
            };
            (
                p(&e["range"]["start"]),
                p(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

#[test]
fn quick_fix_adds_x_ms_summary() {
    let text = "{\r\n  \"swagger\": \"2.0\",\r\n  \"info\": {\"title\": \"Contoso\", \"version\": \"1.0\"},\r\n  \"paths\": {\r\n    \"/items\": {\r\n      \"get\": {\r\n        \"operationId\": \"ListItems\",\r\n        \"summary\": \"List items\",\r\n        \"parameters\": [\r\n          {\r\n            \"name\": \"page_size\",\r\n            \"in\": \"query\",\r\n            \"description\": \"How many items per page.\",\r\n            \"type\": \"integer\"\r\n          }\r\n        ],\r\n        \"responses\": {\"200\": {\"description\": \"OK\"}}\r\n      }\r\n    }\r\n  }\r\n}\r\n";
    let dir = temp_package("quickfix", &[]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    c.open(&uri, text, 1);
    let d = c.diagnostics(&uri, 1);
    let diag = d
        .iter()
        .find(|d| {
            d["code"] == "RequiredPropertyMissing"
                && d["message"].as_str().unwrap().contains("x-ms-summary")
        })
        .unwrap_or_else(|| panic!("no x-ms-summary diagnostic: {d:#?}"))
        .clone();
    assert_eq!(diag["range"]["start"]["line"], 9);
    let actions = c.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag], "only": ["quickfix"]}}));
    let fix = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("x-ms-summary"))
        .expect("fix offered")
        .clone();
    assert_eq!(fix["title"], "Add `x-ms-summary` \"Page Size\"");
    let edits = fix["edit"]["changes"][uri.as_str()].as_array().unwrap();
    let fixed = apply_edits(text, edits);
    assert!(fixed.contains("\"name\": \"page_size\",\r\n            \"x-ms-summary\": \"Page Size\",\r\n            \"in\": \"query\""), "{fixed}");
    // The fixed text is valid JSON and the diagnostic is gone.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let d2 = c.diagnostics(&uri, 2);
    assert!(
        !d2.iter()
            .any(|d| d["message"].as_str().unwrap().contains("'x-ms-summary'")),
        "{d2:#?}"
    );
    assert!(!codes(&d2).contains(&"JsonSyntaxError".to_string()));
}

#[test]
fn settings_change_asks_a_pulling_client_to_pull_again_and_empty_overrides_reset() {
    let text =
        "{\n  \"swagger\": \"2.0\",\n  \"x-ms-visibilty\": \"important\",\n  \"paths\": {}\n}\n";
    let dir = temp_package("refresh", &[]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(
        json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": true}}}),
        json!({"debounceMs": 0}),
    );
    c.open(&uri, text, 1);
    let pull = |c: &mut LspClient| {
        let r = c.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        );
        codes(r["result"]["items"].as_array().unwrap())
    };
    assert!(pull(&mut c).contains(&"UnknownExtension".to_string()));
    for (settings, expect_unknown) in [
        (json!({"severity": {"UnknownExtension": "off"}}), false),
        (json!({"severity": {}, "disabled": []}), true),
    ] {
        c.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"connectorLs": settings}}),
        );
        let refresh = c.wait(|m| m["method"] == "workspace/diagnostic/refresh");
        c.send(&json!({"jsonrpc": "2.0", "id": refresh["id"], "result": null}));
        assert_eq!(
            pull(&mut c).contains(&"UnknownExtension".to_string()),
            expect_unknown,
            "{settings}"
        );
    }
}

#[test]
fn initialization_options_wrapped_in_the_section_name_are_read() {
    let text =
        "{\n  \"swagger\": \"2.0\",\n  \"x-ms-visibilty\": \"important\",\n  \"paths\": {}\n}\n";
    let dir = temp_package("wrapped", &[]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(
        json!({}),
        json!({"connectorLs": {"debounceMs": 0, "severity": {"UnknownExtension": "off"}}}),
    );
    c.open(&uri, text, 1);
    let d = c.diagnostics(&uri, 1);
    assert!(!d.is_empty(), "other rules still report");
    assert!(
        !codes(&d).contains(&"UnknownExtension".to_string()),
        "{d:#?}"
    );
}

#[test]
fn malformed_frames_are_dropped_and_the_session_goes_on() {
    // tower-lsp-server's reader stops for good after one bad frame (and the server then hangs
    // on its own pending requests); our frame guard drops bad frames so the session survives.
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    for bad in [
        &b"Content-Length: 6\r\n\r\n{bad}!"[..],
        b"Content-Length: 9\r\n\r\n{\"foo\":1}",
        b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc",
        b"Content-Length: lots\r\n\r\n{}",
        b"Content-Type: application/json\r\n\r\n{}",
        b"\r\n\r\ngarbage without any header\r\n\r\n",
        // JSON the transport cannot decode as a message (it would stop reading for good).
        b"Content-Length: 14\r\n\r\n{\"method\":\"m\"}",
        b"Content-Length: 38\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"m\"}",
        // A body without its header, glued to the next request.
        br#"{"jsonrpc":"2.0","id":1,"method":"no header"}"#,
    ] {
        c.send_raw(bad);
        let r = c.request("connector/unknown", json!({}));
        assert_eq!(
            r["error"]["code"],
            -32601,
            "after {:?}: {r}",
            String::from_utf8_lossy(bad)
        );
    }
    // Two frames in one write, and a frame split across writes.
    let body = br#"{"jsonrpc":"2.0","id":900,"method":"connector/unknown"}"#;
    let frame = [
        format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(),
        body,
    ]
    .concat();
    c.send_raw(&[&frame[..], &frame[..]].concat());
    c.wait_response(900);
    c.wait_response(900);
    c.send_raw(&frame[..10]);
    c.send_raw(&frame[10..]);
    c.wait_response(900);
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

#[test]
fn exit_ends_the_server_while_it_waits_on_the_client() {
    // The server asks for `workspace/configuration` after `initialized`; a client that never
    // answers must still be able to end it with shutdown + exit (stdin left open).
    let mut c = LspClient::start();
    c.answer_server_requests = false;
    c.initialize(json!({}), json!({"debounceMs": 0}));
    c.wait(|m| m["method"] == "workspace/configuration" && m.get("id").is_some());
    let s = c.request("shutdown", Value::Null);
    assert!(s["error"].is_null(), "{s}");
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(), Some(0));
}

#[test]
fn closing_stdin_without_exit_ends_the_server() {
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    c.request("connector/unknown", json!({}));
    assert_eq!(c.finish(), Some(1));
}

#[test]
fn requests_after_shutdown_cancel_and_backwards_versions() {
    let dir = temp_package("abuse2", &[]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    c.open(&uri, BROKEN, 5);
    c.diagnostics(&uri, 5);
    // A version lower than the last one: applied in arrival order and published as given.
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "{\"swagger\": \"2.0\", \"a\": 1, \"a\": 2}"}]}));
    let d = c.diagnostics(&uri, 3);
    assert!(codes(&d).contains(&"DuplicateKey".to_string()), "{d:#?}");
    // A reversed range (end before start) inserts at the start; a range past the end appends.
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [
        {"range": {"start": {"line": 0, "character": 26}, "end": {"line": 0, "character": 2}}, "text": "\"b\": 0, "},
        {"range": {"start": {"line": 7, "character": 0}, "end": {"line": 9, "character": 99}}, "text": "\n"}]}));
    let d = c.diagnostics(&uri, 4);
    let dup = d.iter().find(|d| d["code"] == "DuplicateKey").unwrap();
    assert_eq!(dup["range"]["start"]["character"], 35, "{dup}");
    // Cancelled mid-request: answered either way (result, or RequestCancelled), then serving.
    let id = c.request_async(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
    );
    c.notify("$/cancelRequest", json!({"id": id}));
    let r = c.wait_response(id);
    assert!(
        r.get("result").is_some() || r["error"]["code"] == -32800,
        "{r}"
    );
    c.notify("$/cancelRequest", json!({"id": 12345}));
    let s = c.request("shutdown", Value::Null);
    assert!(s["error"].is_null());
    let after = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
    );
    assert_eq!(after["error"]["code"], -32600, "{after}");
    assert_eq!(c.exit_code_after(&["exit"]), Some(0));
}

#[test]
fn file_over_max_file_size_gets_one_diagnostic_and_is_not_parsed() {
    // apiProperties.json on disk is over the limit (a duplicate key in it would show if parsed);
    // the open swagger is parsed whatever its size.
    let big_api = format!(
        "{{\"properties\": {{\"a\": 1, \"a\": 2, \"pad\": \"{}\"}}}}",
        "x".repeat(4000)
    );
    let dir = temp_package("toolarge", &[("apiProperties.json", big_api.as_str())]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0, "maxFileSizeMb": 0.001}));
    let swagger = format!("{{\"swagger\": \"2.0\", \"x\": \"{}\"}}", "y".repeat(4000));
    c.open(&uri, &swagger, 1);
    let d = c.diagnostics(&uri, 1);
    let about: Vec<_> = d
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("apiProperties.json")
        })
        .collect();
    assert_eq!(about.len(), 1, "{d:#?}");
    let msg = about[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("over the 1048 bytes limit") && msg.contains("not parsed"),
        "{msg}"
    );
    assert!(!codes(&d).contains(&"DuplicateKey".to_string()), "{d:#?}");
    // Raising the limit: the file is read, and its own findings belong to its own document.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"connectorLs": {"maxFileSizeMb": 10}}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": swagger}]}),
    );
    let d = c.diagnostics(&uri, 2);
    assert!(
        !d.iter()
            .any(|d| d["message"].as_str().unwrap().contains("could not be read")),
        "{d:#?}"
    );
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

#[test]
fn folder_with_spaces_and_non_ascii_gets_diagnostics_at_the_client_uri() {
    // temp_package folders are named "Contoso Wïdgets". Clients differ in how they encode:
    // upper- or lower-case hex. Diagnostics go to the URI the client used for the document.
    let dir = temp_package(
        "unicode",
        &[
            ("apiDefinition.swagger.json", BROKEN),
            ("apiProperties.json", "{}"),
        ],
    );
    let swagger_uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    assert!(
        swagger_uri.contains("Contoso%20W%C3%AFdgets"),
        "{swagger_uri}"
    );
    let api_uri = file_uri(&dir.join("apiProperties.json")).replace("%C3%AF", "%c3%af");
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    c.open(&swagger_uri, BROKEN, 1);
    let d = c.diagnostics(&swagger_uri, 1);
    assert!(codes(&d).contains(&"JsonSyntaxError".to_string()), "{d:#?}");
    c.open(&api_uri, "{\"properties\": {}, \"properties\": {}}", 7);
    // Both documents are one package (the decoded paths agree): the apiProperties finding shows
    // at the lower-case URI, with its version.
    let d = c.diagnostics(&api_uri, 7);
    assert!(codes(&d).contains(&"DuplicateKey".to_string()), "{d:#?}");
    // Navigation answers with locations the client can match too.
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": swagger_uri}}),
    );
    assert!(r["error"].is_null(), "{r}");
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

#[test]
fn cancel_request_in_flight_answers_it_and_the_session_goes_on() {
    // A workspace check of a few large generated packages is in flight when it is cancelled.
    let tmp = tempfile::Builder::new()
        .prefix("connector-ls-lsp-cancel-")
        .tempdir()
        .unwrap();
    let root = tmp.path().to_path_buf();
    let mut paths = serde_json::Map::new();
    for i in 0..1500 {
        paths.insert(
            format!("/items{i}/{{id}}"),
            json!({"get": {"operationId": format!("Get{i}"), "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}], "responses": {"200": {"description": "OK"}}}}),
        );
    }
    let swagger = serde_json::to_string_pretty(
        &json!({"swagger": "2.0", "info": {"title": "T", "version": "1.0"}, "paths": paths}),
    )
    .unwrap();
    for p in 0..4 {
        let dir = root.join(format!("Pkg {p} ü"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("apiDefinition.swagger.json"), &swagger).unwrap();
    }
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    for _ in 0..3 {
        let id = c.request_async(
            "workspace/executeCommand",
            json!({"command": "connector-ls.checkWorkspace", "arguments": [file_uri(&root)]}),
        );
        c.notify("$/cancelRequest", json!({"id": id}));
        let r = c.wait_response(id);
        assert!(
            r["result"]["packages"] == 4 || r["error"]["code"] == -32800,
            "{r}"
        );
    }
    // The session goes on: a new document is checked and answered.
    let dir = temp_package("cancel-after", &[]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    c.open(&uri, BROKEN, 1);
    let d = c.diagnostics(&uri, 1);
    assert!(codes(&d).contains(&"JsonSyntaxError".to_string()), "{d:#?}");
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "connector-ls.checkWorkspace", "arguments": [file_uri(&root)]}),
    );
    assert_eq!(r["result"]["packages"], 4, "{r}");
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
    let _ = std::fs::remove_dir_all(&root);
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn server_runs_with_a_fixed_mmap_threshold_and_one_arena() {
    // The server re-executes itself once with glibc's mmap threshold fixed and one arena (see
    // crates/connector-ls-lsp/src/malloc.rs); the process id stays the client's child.
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    let environ = std::fs::read(format!("/proc/{}/environ", c.pid())).unwrap();
    let vars: Vec<&[u8]> = environ.split(|&b| b == 0).collect();
    for setting in ["MALLOC_MMAP_THRESHOLD_=131072", "MALLOC_ARENA_MAX=1"] {
        assert!(
            vars.contains(&setting.as_bytes()),
            "{setting}: {:?}",
            String::from_utf8_lossy(&environ)
        );
    }
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

#[test]
fn breaking_changes_against_git_are_published_with_the_other_diagnostics() {
    const COMMITTED: &str = r#"{
  "swagger": "2.0",
  "info": {"title": "Contoso", "version": "1.0"},
  "paths": {
    "/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "ok"}}}},
    "/b": {"get": {"operationId": "GetB", "responses": {"200": {"description": "ok"}}}}
  }
}
"#;
    let repo = tempfile::tempdir().unwrap();
    if !git(repo.path(), &["init", "-q"]) {
        eprintln!("skipped: git is not installed");
        return;
    }
    let dir = repo.path().join("Contoso Wïdgets");
    std::fs::create_dir_all(&dir).unwrap();
    let swagger = dir.join("apiDefinition.swagger.json");
    std::fs::write(&swagger, COMMITTED).unwrap();
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "v1"]);

    let uri = file_uri(&swagger);
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    // The editor buffer deletes GetB (the file on disk is the committed one).
    let edited = COMMITTED.replace(
        ",\n    \"/b\": {\"get\": {\"operationId\": \"GetB\", \"responses\": {\"200\": {\"description\": \"ok\"}}}}",
        "",
    );
    assert_ne!(edited, COMMITTED);
    c.open(&uri, &edited, 1);
    let has_breaking = |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "BreakingOperationDeleted"))
    };
    // The base is read in the background, then the package is published again.
    let msg = c.wait(has_breaking);
    assert_eq!(msg["params"]["version"], 1);
    let diags = msg["params"]["diagnostics"].as_array().unwrap();
    let d = diags
        .iter()
        .find(|d| d["code"] == "BreakingOperationDeleted")
        .unwrap();
    assert_eq!(d["severity"], 1, "{d:#}");
    assert!(d["message"].as_str().unwrap().contains("'GetB'"), "{d:#}");
    // The old definition is not on disk: the related message names the base and its line.
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri.as_str());
    let text = related["message"].as_str().unwrap();
    assert!(
        text.contains("apiDefinition.swagger.json line 6 at base "),
        "{text}"
    );

    // Switched off in the settings: the next version has no breaking-change diagnostic.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"connectorLs": {"breakingChanges": false}}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]}),
    );
    let d2 = c.diagnostics(&uri, 2);
    assert!(
        !codes(&d2).contains(&"BreakingOperationDeleted".to_string()),
        "{d2:#?}"
    );
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

#[test]
fn without_git_history_there_is_no_breaking_change() {
    // A folder outside any repository: the same deletion is not reported, and nothing fails.
    let dir = temp_package(
        "nogit",
        &[(
            "apiDefinition.swagger.json",
            r#"{"swagger": "2.0", "info": {"title": "C", "version": "1"}, "paths": {"/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "ok"}}}}}}"#,
        )],
    );
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0, "baseRef": "HEAD"}));
    c.open(
        &uri,
        r#"{"swagger": "2.0", "info": {"title": "C", "version": "1"}, "paths": {}}"#,
        1,
    );
    let d = c.diagnostics(&uri, 1);
    assert!(
        codes(&d).iter().all(|c| !c.starts_with("Breaking")),
        "{d:#?}"
    );
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

#[test]
fn a_save_reads_the_git_base_again() {
    const V1: &str = r#"{
  "swagger": "2.0",
  "info": {"title": "Contoso", "version": "1.0"},
  "paths": {
    "/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "ok"}}}}
  }
}
"#;
    let repo = tempfile::tempdir().unwrap();
    if !git(repo.path(), &["init", "-q"]) {
        eprintln!("skipped: git is not installed");
        return;
    }
    let swagger = repo.path().join("apiDefinition.swagger.json");
    std::fs::write(&swagger, V1).unwrap();
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "v1"]);
    let uri = file_uri(&swagger);
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0, "baseRef": "HEAD"}));
    c.open(&uri, V1, 1);
    let d = c.diagnostics(&uri, 1);
    assert!(
        codes(&d).iter().all(|c| !c.starts_with("Breaking")),
        "{d:#?}"
    );

    // Someone commits GetB; the buffer does not have it. Nothing changes until a save.
    let v2 = V1.replace(
        "}}}\n  }",
        "}}},\n    \"/b\": {\"get\": {\"operationId\": \"GetB\", \"responses\": {\"200\": {\"description\": \"ok\"}}}}\n  }",
    );
    assert_ne!(v2, V1);
    std::fs::write(&swagger, &v2).unwrap();
    git(repo.path(), &["commit", "-q", "-am", "v2"]);
    std::fs::write(&swagger, V1).unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let msg = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"].as_array().is_some_and(|d| {
                d.iter().any(|d| {
                    d["code"] == "BreakingOperationDeleted"
                        && d["message"].as_str().is_some_and(|m| m.contains("'GetB'"))
                })
            })
    });
    assert_eq!(msg["params"]["version"], 1);
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

#[test]
fn findings_of_other_package_files_show_on_the_swagger() {
    // No icon, and a readme without its sections: both are findings of files that are not open
    // (and not JSON); they are shown at the start of the swagger, named by their file.
    let swagger = r#"{"swagger": "2.0", "info": {"title": "Contoso Widgets", "version": "1.0"}, "paths": {}}"#;
    let dir = temp_package(
        "others",
        &[
            ("apiDefinition.swagger.json", swagger),
            ("readme.md", "# Contoso Widgets\n"),
        ],
    );
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0, "publisher": "verified"}));
    c.open(&uri, swagger, 1);
    let d = c.diagnostics(&uri, 1);
    let icon = d
        .iter()
        .find(|d| d["code"] == "IconMissing")
        .expect("IconMissing");
    assert_eq!(icon["range"]["start"], json!({"line": 0, "character": 0}));
    let readme = d
        .iter()
        .find(|d| d["code"] == "ReadmeSectionMissing")
        .expect("ReadmeSectionMissing");
    assert!(
        readme["message"]
            .as_str()
            .unwrap()
            .starts_with("readme.md: "),
        "{readme}"
    );
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

#[test]
fn a_base_ref_setting_that_looks_like_a_git_option_is_refused_and_shown() {
    const COMMITTED: &str = r#"{
  "swagger": "2.0",
  "info": {"title": "Contoso", "version": "1.0"},
  "paths": {
    "/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "ok"}}}},
    "/b": {"get": {"operationId": "GetB", "responses": {"200": {"description": "ok"}}}}
  }
}
"#;
    let repo = tempfile::tempdir().unwrap();
    if !git(repo.path(), &["init", "-q"]) {
        eprintln!("skipped: git is not installed");
        return;
    }
    let dir = repo.path().join("C");
    std::fs::create_dir_all(&dir).unwrap();
    let swagger = dir.join("apiDefinition.swagger.json");
    std::fs::write(&swagger, COMMITTED).unwrap();
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "v1"]);
    // `git show --output=DIR/out:./apiDefinition.swagger.json` would write into `out:.`.
    let trap = dir.join("out:.");
    std::fs::create_dir_all(&trap).unwrap();
    let option = format!("--output={}", dir.join("out").display());

    let shown = |needle: &'static str| {
        move |m: &Value| {
            m["method"] == "window/showMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|t| t.contains("baseRef") && t.contains(needle))
        }
    };
    let has_breaking = |uri: String, version: i64| {
        move |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["version"] == version
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| d.iter().any(|d| d["code"] == "BreakingOperationDeleted"))
        }
    };
    let uri = file_uri(&swagger);
    let edited = COMMITTED.replace(
        ",\n    \"/b\": {\"get\": {\"operationId\": \"GetB\", \"responses\": {\"200\": {\"description\": \"ok\"}}}}",
        "",
    );
    assert_ne!(edited, COMMITTED);

    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0, "baseRef": option}));
    // Refused with a message; the default base is used instead.
    let m = c.wait(shown("--output="));
    assert_eq!(m["params"]["type"], 2, "a warning: {m}");
    c.open(&uri, &edited, 1);
    c.wait(has_breaking(uri.clone(), 1));
    assert_eq!(std::fs::read_dir(&trap).unwrap().count(), 0, "git wrote");

    // Well formed but not a commit of the repository: shown once, and nothing compared.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"connectorLs": {"baseRef": "no-such-ref"}}}),
    );
    c.wait(shown("no-such-ref"));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"connectorLs": {"baseRef": format!("{option} HEAD")}}}),
    );
    c.wait(shown("--output="));
    assert_eq!(std::fs::read_dir(&trap).unwrap().count(), 0, "git wrote");

    // A real ref is used.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"connectorLs": {"baseRef": "HEAD"}}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]}),
    );
    c.wait(has_breaking(uri.clone(), 2));
    assert_eq!(std::fs::read_dir(&trap).unwrap().count(), 0, "git wrote");
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

/// A swagger whose `info` member is on line 2 (0-based) and first parameter object on line 9.
const VALIDATED: &str = "{\n  \"swagger\": \"2.0\",\n  \"info\": {\"title\": \"Tides\", \"version\": \"1.0\"},\n  \"paths\": {\n    \"/a\": {\n      \"get\": {\n        \"operationId\": \"A\",\n        \"summary\": \"Get A\",\n        \"parameters\": [\n          {\"name\": \"q\", \"in\": \"query\", \"type\": \"string\"}\n        ],\n        \"responses\": {\"200\": {\"description\": \"OK\"}}\n      }\n    }\n  }\n}\n";

fn validator_diags(d: &[Value]) -> Vec<(String, u64)> {
    d.iter()
        .filter(|d| d["source"] == "validator")
        .map(|d| {
            (
                d["message"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn pasted_validator_output_is_shown_until_its_line_is_edited() {
    let dir = temp_package("validator", &[]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    let init = c.initialize(json!({}), json!({"debounceMs": 0}));
    assert!(offers_command(&init, "connector-ls.showValidatorOutput"));
    c.open(&uri, VALIDATED, 1);
    let before = c.diagnostics(&uri, 1);
    assert!(validator_diags(&before).is_empty());
    let pasted = "Run log\n##[error]The 'contact' property is required. ValuePath: /info\n##[error]The 'x-ms-summary' property is required. ValuePath: /paths/~1a/get/parameters/0\n##[error]The 'summary' property is required. ValuePath: /paths/~1gone/get\n";
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "connector-ls.showValidatorOutput", "arguments": [pasted, uri]}),
    );
    assert_eq!(r["result"]["placed"], 2, "{r:#}");
    assert_eq!(r["result"]["unplaced"][0]["line"], 4, "{r:#}");
    let shown = c.diagnostics(&uri, 1);
    let contact = "The 'contact' property is required.".to_string();
    let summary = "The 'x-ms-summary' property is required.".to_string();
    assert_eq!(
        validator_diags(&shown),
        vec![(contact.clone(), 2), (summary.clone(), 9)],
        "{shown:#?}"
    );
    let d = shown.iter().find(|d| d["source"] == "validator").unwrap();
    assert_eq!(d["code"], "RequiredPropertyMissing");
    assert_eq!(d["severity"], 1);
    // The rule's own diagnostics are still there.
    assert!(shown.iter().any(|d| d["source"] == "connector-ls"));

    // An edit of another line moves them; a line break added above the parameter moves it
    // down one line.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 7, "character": 0}, "end": {"line": 7, "character": 0}}, "text": "\n"}
        ]}),
    );
    let moved = c.diagnostics(&uri, 2);
    assert_eq!(
        validator_diags(&moved),
        vec![(contact.clone(), 2), (summary.clone(), 10)],
        "{moved:#?}"
    );
    // Editing the line of `info` drops its diagnostic, and only that one.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
            {"range": {"start": {"line": 2, "character": 22}, "end": {"line": 2, "character": 27}}, "text": "Tidal"}
        ]}),
    );
    let edited = c.diagnostics(&uri, 3);
    assert_eq!(validator_diags(&edited), vec![(summary, 10)], "{edited:#?}");

    // Bad arguments are an error, not a crash.
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "connector-ls.showValidatorOutput", "arguments": [42]}),
    );
    assert_eq!(r["error"]["code"], -32602, "{r}");
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

#[test]
fn pulled_diagnostics_include_pasted_validator_output() {
    let dir = temp_package("validator-pull", &[]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(
        json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": true}}}),
        json!({"debounceMs": 0}),
    );
    c.open(&uri, VALIDATED, 1);
    let pull = |c: &mut LspClient, previous: Option<&str>| c.pull(uri.as_str(), previous);
    let first = pull(&mut c, None);
    let id = first["result"]["resultId"].as_str().unwrap().to_string();
    assert!(validator_diags(first["result"]["items"].as_array().unwrap()).is_empty());
    let pasted = "##[error]The 'contact' property is required. ValuePath: /info\n";
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "connector-ls.showValidatorOutput", "arguments": [{"text": pasted, "uri": uri}]}),
    );
    assert_eq!(r["result"]["placed"], 1, "{r}");
    // The client was told to pull again (the harness answers that request while waiting for
    // the command's answer), and the same generation now answers in full.
    let after = pull(&mut c, Some(&id));
    assert_eq!(after["result"]["kind"], "full", "{after}");
    assert_eq!(
        validator_diags(after["result"]["items"].as_array().unwrap()),
        vec![("The 'contact' property is required.".to_string(), 2)]
    );
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

/// The publish of `uri`'s diagnostics whose `UnknownExtension` has `severity` (`None`: none).
fn unknown_extension_published(c: &mut LspClient, uri: &str, severity: Option<i64>) {
    c.wait(|m| {
        if m["method"] != "textDocument/publishDiagnostics" || m["params"]["uri"] != uri {
            return false;
        }
        let diags = m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let found = diags
            .iter()
            .find(|d| d["code"] == "UnknownExtension")
            .map(|d| d["severity"].as_i64().unwrap_or(0));
        !diags.is_empty() && found == severity
    });
}

#[test]
fn the_configuration_file_applies_and_is_read_again_when_it_changes() {
    let text =
        "{\n  \"swagger\": \"2.0\",\n  \"x-ms-visibilty\": \"important\",\n  \"paths\": {}\n}\n";
    let dir = temp_package("config", &[]);
    // The file is in the folder above the connector: the nearest one applies.
    let config = dir.parent().unwrap().join("connector-ls.toml");
    std::fs::write(&config, "[rules]\nUnknownExtension = \"off\"\n").unwrap();
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let config_uri = file_uri(&config);
    let mut c = LspClient::start();
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        json!({"debounceMs": 0}),
    );
    c.open(&uri, text, 1);
    let d = c.diagnostics(&uri, 1);
    assert!(!d.is_empty(), "other rules still report");
    assert!(
        !codes(&d).contains(&"UnknownExtension".to_string()),
        "{d:#?}"
    );

    let changed = |c: &mut LspClient| {
        c.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 2}]}),
        );
    };
    // The file changes: the open package is checked again under it.
    std::fs::write(&config, "[rules]\nUnknownExtension = \"error\"\n").unwrap();
    changed(&mut c);
    unknown_extension_published(&mut c, &uri, Some(1));

    // What the user set in the editor wins over the file; what they did not set does not.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"connectorLs": {"severity": {"UnknownExtension": "hint"}, "certification": true}}}),
    );
    unknown_extension_published(&mut c, &uri, Some(4));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"connectorLs": {"severity": {}}}}),
    );
    unknown_extension_published(&mut c, &uri, Some(1));

    // A typo: a message names the file, the line and the suggestion, and the file is left
    // out (the default severity, a warning, is back).
    std::fs::write(&config, "\n[rules]\nUnknownExtensoin = \"off\"\n").unwrap();
    changed(&mut c);
    let shown = c.wait(|m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(message.contains("connector-ls.toml:3:1"), "{message}");
    assert!(
        message.contains("did you mean 'UnknownExtension'?"),
        "{message}"
    );
    unknown_extension_published(&mut c, &uri, Some(2));

    // Opened in the editor, the broken file gets its problems as diagnostics.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": config_uri, "languageId": "toml", "version": 1,
            "text": std::fs::read_to_string(&config).unwrap()}}),
    );
    let published = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri.as_str()
    });
    let diags = published["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 2, "character": 0})
    );

    // Removed, the file no longer applies.
    std::fs::remove_file(&config).unwrap();
    changed(&mut c);
    let cleared = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri.as_str()
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(cleared["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

/// A client without file watchers: the file is read again when a document is saved.
#[test]
fn without_file_watchers_a_save_reads_the_configuration_again() {
    let text =
        "{\n  \"swagger\": \"2.0\",\n  \"x-ms-visibilty\": \"important\",\n  \"paths\": {}\n}\n";
    let dir = temp_package("config-save", &[]);
    let config = dir.join(".connector-ls.toml");
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    c.open(&uri, text, 1);
    unknown_extension_published(&mut c, &uri, Some(2));
    std::fs::write(&config, "[rules]\nextensions = \"error\"\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    unknown_extension_published(&mut c, &uri, Some(1));
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

/// A package holding credentials: a token in a parameter description (shown by the maker's
/// view) and an API key as a `default` of a definition (shown by a `$ref` preview).
const SECRET_SWAGGER: &str = r##"{
  "swagger": "2.0",
  "info": {"title": "Contoso", "description": "Widgets.", "version": "1.0"},
  "host": "api.contoso.example",
  "paths": {
    "/items": {
      "post": {
        "operationId": "AddItem",
        "summary": "Add an item",
        "parameters": [
          {"name": "X-Auth", "in": "header", "type": "string", "x-ms-summary": "Auth",
           "description": "Send ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5 here"},
          {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Settings"}}
        ],
        "responses": {"200": {"description": "Added"}}
      }
    }
  },
  "definitions": {
    "Settings": {"type": "object", "properties": {
      "apiKey": {"type": "string", "default": "9f8e7d6c5b4a39281706f5e4d3c2b1a0"}
    }}
  }
}"##;

const SECRETS: [&str; 2] = [
    "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5",
    "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
];

/// Neither the diagnostics nor the hovers of the editor show a credential in full.
#[test]
fn secrets_are_masked_in_diagnostics_and_hover() {
    let dir = temp_package("secrets", &[("apiDefinition.swagger.json", SECRET_SWAGGER)]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    c.open(&uri, SECRET_SWAGGER, 1);
    let d = c.diagnostics(&uri, 1);
    let secret_diags: Vec<&Value> = d
        .iter()
        .filter(|d| d["code"] == "SecretInPackage")
        .collect();
    assert_eq!(secret_diags.len(), 2, "{d:#?}");
    let mut shown = serde_json::to_string(&d).unwrap();
    for (needle, extra) in [
        ("AddItem", 1),
        ("#/definitions/Settings", 16),
        ("ghp_aB3d", 6),
    ] {
        let h = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(SECRET_SWAGGER, needle, extra)}),
        );
        shown.push_str(&h.to_string());
    }
    // The hovers did show the texts around the credentials.
    assert!(shown.contains("ghp_****"), "{shown}");
    assert!(shown.contains("9f8e****"), "{shown}");
    for secret in SECRETS {
        assert!(!shown.contains(secret), "{secret} shown in full: {shown}");
    }
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

/// The defaults of the server's settings are those the VS Code extension declares: package.json
/// (`contributes.configuration`) is where VS Code's defaults are written, the extension reads
/// them from VS Code, and the server's table (`connector_ls_lsp::settings_defaults`) must hold
/// the same values. A setting only one side has is named here.
#[test]
fn server_setting_defaults_are_those_of_the_vscode_extension() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../editors/vscode/package.json");
    let pkg: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let props = pkg["contributes"]["configuration"]["properties"]
        .as_object()
        .expect("contributes.configuration.properties");
    // The extension's own settings (the server never sees them as such).
    let extension_only = ["server.path", "trace.server", "files", "hideJsonDuplicates"];
    // The server's settings VS Code does not offer (`hideJsonDuplicates` sets the second).
    let server_only = ["maxFileSizeMb", "jsonValidatedByClient"];
    let server = connector_ls::lsp::settings_defaults();
    let server = server.as_object().unwrap();
    let mut compared = 0;
    for (name, decl) in props {
        let key = name
            .strip_prefix("connectorLs.")
            .unwrap_or_else(|| panic!("{name}: not below connectorLs."));
        if extension_only.contains(&key) {
            assert!(!server.contains_key(key), "{key} is read by the server too");
            continue;
        }
        let default = server.get(key).unwrap_or_else(|| {
            panic!("{name} is declared in package.json but the server has no such setting")
        });
        assert_eq!(
            &decl["default"], default,
            "{name}: package.json says {}, the server's default is {default}",
            decl["default"]
        );
        compared += 1;
    }
    for key in server.keys() {
        assert!(
            props.contains_key(&format!("connectorLs.{key}"))
                || server_only.contains(&key.as_str()),
            "the server's setting {key} is not declared in editors/vscode/package.json"
        );
    }
    assert_eq!(compared, server.len() - server_only.len());
}

/// The server's defaults are what a client that sends nothing gets: a client that sends every
/// default (as VS Code does) sees the same diagnostics as one that sends none.
#[test]
fn sending_the_defaults_changes_nothing() {
    let dir = temp_package("defaults", &[("apiDefinition.swagger.json", BROKEN)]);
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut diagnostics = Vec::new();
    for options in [json!({}), connector_ls::lsp::settings_defaults()] {
        let mut c = LspClient::start();
        c.initialize(json!({}), options);
        c.open(&uri, BROKEN, 1);
        let mut d = c.diagnostics(&uri, 1);
        d.sort_by_key(|d| d.to_string());
        diagnostics.push(d);
        assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
    }
    assert!(!diagnostics[0].is_empty());
    assert_eq!(diagnostics[0], diagnostics[1]);
}

/// A swagger with no readme beside it: `ReadmeMissing` until one appears on disk.
const PLAIN_SWAGGER: &str =
    r#"{"swagger": "2.0", "info": {"title": "Contoso Widgets", "version": "1.0"}, "paths": {}}"#;

fn has_code(m: &Value, code: &str) -> bool {
    m["params"]["diagnostics"]
        .as_array()
        .is_some_and(|d| d.iter().any(|d| d["code"] == code))
}

/// Neovim 0.7 has no `dynamicRegistration` for file watchers: the server asks for none, and a
/// companion file changed on disk is read again when a file of the package is saved.
#[test]
fn without_dynamic_registration_no_watchers_and_a_save_reads_companion_files() {
    let dir = temp_package(
        "no-watchers",
        &[("apiDefinition.swagger.json", PLAIN_SWAGGER)],
    );
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let mut c = LspClient::start();
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": false}}}),
        json!({"debounceMs": 0}),
    );
    c.open(&uri, PLAIN_SWAGGER, 1);
    let first = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    });
    assert!(has_code(&first, "ReadmeMissing"), "{first:#?}");
    // Written by another program: nothing tells the server, until a save.
    std::fs::write(dir.join("readme.md"), "# Contoso Widgets\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let after = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && !has_code(m, "ReadmeMissing")
    });
    assert!(
        has_code(&after, "ReadmeSectionMissing"),
        "the new readme is read: {after:#?}"
    );
    // A request answered after everything above: every request the server made is in.
    c.request("shutdown", Value::Null);
    let methods: Vec<&str> = c
        .server_requests
        .iter()
        .chain(&c.backlog)
        .filter_map(|m| m["method"].as_str())
        .collect();
    assert!(
        !methods.contains(&"client/registerCapability"),
        "{methods:?}"
    );
    c.notify("exit", Value::Null);
}

/// A client that accepts the registration gets the file watchers.
#[test]
fn with_dynamic_registration_the_file_watchers_are_registered() {
    let mut c = LspClient::start();
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        json!({"debounceMs": 0}),
    );
    let request = c.wait(|m| m["method"] == "client/registerCapability");
    let id = request["id"].clone();
    c.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
    let registration = &request["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    for glob in [
        "**/apiProperties.json",
        "**/icon.png",
        "**/*.md",
        "**/script.csx",
        "**/*.zip",
    ] {
        assert!(globs.contains(&glob), "{glob} in {globs:?}");
    }
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

/// A pulling client gets the diagnostics of its open documents by pull only, and those of the
/// package's other files by push; a file it opens loses its pushed copy, and gets it back when
/// closed. With `jsonValidatedByClient`, the open documents leave out what the client's JSON
/// validation shows; a file that is not open keeps them.
#[test]
fn a_pulling_client_gets_each_document_by_one_channel() {
    let api = "{\"properties\": {}, \"properties\": {}}";
    let dir = temp_package(
        "one-channel",
        &[
            ("apiDefinition.swagger.json", BROKEN),
            ("apiProperties.json", api),
        ],
    );
    let root = dir.parent().unwrap().to_path_buf();
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let api_uri = file_uri(&dir.join("apiProperties.json"));
    let mut c = LspClient::start();
    let init = c.request(
        "initialize",
        json!({"capabilities": {"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": true}}},
            "workspaceFolders": [{"uri": file_uri(&root), "name": "ws"}],
            "initializationOptions": {"debounceMs": 0, "jsonValidatedByClient": true}}),
    );
    assert!(init["result"]["capabilities"]["diagnosticProvider"].is_object());
    c.notify("initialized", json!({}));
    let published_to = |uri: &str| {
        let uri = uri.to_string();
        move |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
        }
    };
    let pull = |c: &mut LspClient, uri: &str| -> Vec<String> {
        let r = c.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        );
        assert_eq!(r["result"]["kind"], "full", "{r:#?}");
        codes(r["result"]["items"].as_array().unwrap())
    };

    c.open(&uri, BROKEN, 1);
    // The file that is not open: pushed, with the duplicate key (the client validates only the
    // documents it has open).
    let pushed = c.wait(published_to(&api_uri));
    assert!(has_code(&pushed, "DuplicateKey"), "{pushed:#?}");
    // The open swagger: pulled, without the syntax findings the client shows itself.
    let swagger = pull(&mut c, &uri);
    assert!(!swagger.is_empty(), "the other rules report");
    for code in ["JsonSyntaxError", "DuplicateKey"] {
        assert!(
            !swagger.contains(&code.to_string()),
            "{code} in {swagger:?}"
        );
    }

    // Opened: the pushed copy is withdrawn, the pull has them (without the duplicate key).
    c.open(&api_uri, api, 1);
    let withdrawn = c.wait(published_to(&api_uri));
    assert_eq!(
        withdrawn["params"]["diagnostics"],
        json!([]),
        "{withdrawn:#?}"
    );
    assert!(!pull(&mut c, &api_uri).contains(&"DuplicateKey".to_string()));

    // The workspace check counts both files and pushes neither: both are open.
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "connector-ls.checkWorkspace", "arguments": []}),
    );
    assert_eq!(
        (
            r["result"]["packages"].as_u64(),
            r["result"]["files"].as_u64()
        ),
        (Some(1), Some(2)),
        "{r:#?}"
    );

    // Closed: pushed again, as the file on disk (its package is still open).
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": api_uri}}),
    );
    let again = c.wait(|m| published_to(&api_uri)(m) && has_code(m, "DuplicateKey"));
    assert_eq!(again["params"]["version"], Value::Null);

    c.request("shutdown", Value::Null);
    // Nothing was ever pushed to the swagger, which was open throughout.
    let to_swagger: Vec<&Value> = c.backlog.iter().filter(|m| published_to(&uri)(m)).collect();
    assert!(to_swagger.is_empty(), "{to_swagger:#?}");
    c.notify("exit", Value::Null);
}

/// Neovim 0.7 does not pull: everything is pushed, the open document with its version and the
/// package's other files without one.
#[test]
fn a_client_without_pull_gets_everything_by_push() {
    let api = "{\"properties\": {}, \"properties\": {}}";
    let dir = temp_package(
        "push-all",
        &[
            ("apiDefinition.swagger.json", BROKEN),
            ("apiProperties.json", api),
        ],
    );
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let api_uri = file_uri(&dir.join("apiProperties.json"));
    let mut c = LspClient::start();
    let init = c.initialize(json!({}), json!({"debounceMs": 0}));
    assert!(init["result"]["capabilities"]["diagnosticProvider"].is_null());
    c.open(&uri, BROKEN, 1);
    let d = c.diagnostics(&uri, 1);
    assert!(
        codes(&d).contains(&"JsonSyntaxError".to_string()),
        "not set: reported"
    );
    let other = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == api_uri.as_str()
    });
    assert!(has_code(&other, "DuplicateKey"), "{other:#?}");
    // Closed, the package has no open file left: what was pushed for its files is withdrawn.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == api_uri.as_str()
            && m["params"]["diagnostics"] == json!([])
    });
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

/// A pulling client that opens a broken configuration file gets its problems by pull, never by
/// push.
#[test]
fn a_pulling_client_pulls_the_problems_of_an_open_configuration_file() {
    let text = "{\n  \"swagger\": \"2.0\",\n  \"paths\": {}\n}\n";
    let dir = temp_package("config-pull", &[("apiDefinition.swagger.json", text)]);
    let config = dir.parent().unwrap().join("connector-ls.toml");
    let broken = "\n[rules]\nUnknownExtensoin = \"off\"\n";
    std::fs::write(&config, broken).unwrap();
    let uri = file_uri(&dir.join("apiDefinition.swagger.json"));
    let config_uri = file_uri(&config);
    let mut c = LspClient::start();
    c.initialize(
        json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": true}}}),
        json!({"debounceMs": 0}),
    );
    c.open(&uri, text, 1);
    // The check of the package reads the file (and says it is broken, in a message).
    c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    c.wait(|m| m["method"] == "window/showMessage");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": config_uri, "languageId": "toml", "version": 1, "text": broken}}),
    );
    let r = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": config_uri}}),
    );
    let items = r["result"]["items"].as_array().expect("a full report");
    assert_eq!(items.len(), 1, "{r:#?}");
    assert_eq!(
        items[0]["range"]["start"],
        json!({"line": 2, "character": 0})
    );
    c.request("shutdown", Value::Null);
    let pushed: Vec<&Value> = c
        .backlog
        .iter()
        .filter(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == config_uri.as_str()
        })
        .collect();
    assert!(pushed.is_empty(), "{pushed:#?}");
    c.notify("exit", Value::Null);
}
