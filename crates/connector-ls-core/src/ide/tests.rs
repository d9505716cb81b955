//! The `ide` answers through their plain-data API, with the cursor written into the document as
//! `|` ([`cursor`]) and what the editor would show snapshotted.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::{completion, hover, navigation, symbols};
use crate::package::refs::Occurrence;
use crate::package::{Document, FileKind, Package};

/// A package holding `text` (the cursor `|` removed) as its document of `kind`, and the byte
/// offset of the cursor.
fn cursor(kind: FileKind, text: &str) -> (Package, u32) {
    let offset = text.find('|').expect("the text marks the cursor with |") as u32;
    let text = text.replacen('|', "", 1);
    let path = PathBuf::from("/p").join(kind.file_name());
    let pkg = Package::from_documents(
        Path::new("/p"),
        vec![Document::new(path, kind, &text)],
        None,
    );
    (pkg, offset)
}

/// The candidates at the cursor, one per line: label, kind, what replaces which text.
fn completions(kind: FileKind, text: &str) -> String {
    let (pkg, offset) = cursor(kind, text);
    let doc = pkg.document(kind).expect("the document");
    let mut out = String::new();
    for c in completion::complete(&pkg, doc, offset) {
        let replaced = &doc.text()[c.replace.as_usize()];
        writeln!(
            out,
            "{} [{:?}{}] {replaced:?} -> {:?}{}",
            c.label,
            c.kind,
            if c.snippet { ", snippet" } else { "" },
            c.insert,
            c.detail.map(|d| format!(" ({d})")).unwrap_or_default()
        )
        .unwrap();
    }
    out
}

fn hover_at(kind: FileKind, text: &str) -> String {
    let (pkg, offset) = cursor(kind, text);
    hover::hover_markdown(&pkg, kind, offset).unwrap_or_else(|| "(no hover)".to_string())
}

const SWAGGER: &str = r##"{
  "swagger": "2.0",
  "info": {"title": "Contoso", "version": "1.0"},
  "paths": {
    "/items/{id}": {
      "get": {
        "operationId": "GetItem",
        "summary": "Get an item",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "type": "string", "x-ms-summary": "Item ID"},
          {"name": "list", "in": "query", "type": "string",
           "x-ms-dynamic-values": {"operationId": "ListItems", "value-path": "id"}}
        ],
        "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Item"}}}
      }
    },
    "/items": {
      "get": {"operationId": "ListItems", "responses": {"200": {"description": "OK"}}}
    }
  },
  "definitions": {"Item": {"type": "object", "properties": {"id": {"type": "string"}}}}
}"##;

#[test]
fn completion_of_a_half_typed_extension_in_a_parameter() {
    let text = SWAGGER.replacen(
        r#""x-ms-summary": "Item ID"}"#,
        r#""x-ms-summary": "Item ID", "x-ms-|"}"#,
        1,
    );
    insta::assert_snapshot!(completions(FileKind::Swagger, &text));
}

#[test]
fn completion_of_operation_keys() {
    let text = SWAGGER.replacen(
        r#""summary": "Get an item","#,
        r#""summary": "Get an item", |"#,
        1,
    );
    insta::assert_snapshot!(completions(FileKind::Swagger, &text));
}

#[test]
fn completion_of_values_in_context() {
    let called = SWAGGER.replacen(
        r#"{"operationId": "ListItems", "value-path""#,
        r#"{"operationId": "|", "value-path""#,
        1,
    );
    let reference = SWAGGER.replacen(r##"{"$ref": "#/definitions/Item"}"##, r#"{"$ref": "|"}"#, 1);
    let location = SWAGGER.replacen(r#""in": "query""#, r#""in": "q|""#, 1);
    let out = format!(
        "-- x-ms-dynamic-values operationId --\n{}-- $ref --\n{}-- in --\n{}",
        completions(FileKind::Swagger, &called),
        completions(FileKind::Swagger, &reference),
        completions(FileKind::Swagger, &location),
    );
    insta::assert_snapshot!(out);
}

#[test]
fn completion_in_api_properties_comes_from_our_schema() {
    let keys = completions(
        FileKind::ApiProperties,
        r##"{"properties": {"iconBrandColor": "#123456", |}}"##,
    );
    let types = completions(
        FileKind::ApiProperties,
        r#"{"properties": {"connectionParameters": {"k": {"type": "|"}}}}"#,
    );
    insta::assert_snapshot!(format!("-- keys --\n{keys}-- type --\n{types}"));
}

#[test]
fn completion_outside_any_object_offers_nothing() {
    assert_eq!(completions(FileKind::Swagger, "|"), "");
    assert_eq!(completions(FileKind::Swagger, r#"{"swagger": "2.0"}|"#), "");
}

#[test]
fn hover_on_an_extension_key() {
    let text = SWAGGER.replacen(
        r#""x-ms-summary": "Item ID""#,
        r#""x-ms-su|mmary": "Item ID""#,
        1,
    );
    insta::assert_snapshot!(hover_at(FileKind::Swagger, &text));
}

#[test]
fn hover_on_an_operation_id_shows_the_makers_view() {
    let text = SWAGGER.replacen(
        r#""operationId": "GetItem""#,
        r#""operationId": "Get|Item""#,
        1,
    );
    insta::assert_snapshot!(hover_at(FileKind::Swagger, &text));
}

#[test]
fn hover_on_a_reference_shows_its_target() {
    let text = SWAGGER.replacen("#/definitions/Item", "#/definitions/It|em", 1);
    insta::assert_snapshot!(hover_at(FileKind::Swagger, &text));
}

/// Occurrences as `line:column text` (1-based), definitions marked.
fn places(pkg: &Package, occ: &[Occurrence]) -> Vec<String> {
    occ.iter()
        .map(|o| {
            let doc = pkg.document(o.file).expect("the document");
            let at =
                doc.line_index()
                    .line_col(doc.text(), o.range.start, crate::text::Encoding::Utf32);
            format!(
                "{}:{} {}{}",
                at.line + 1,
                at.col + 1,
                &doc.text()[o.range.as_usize()],
                if o.is_definition { " (definition)" } else { "" }
            )
        })
        .collect()
}

#[test]
fn definition_and_references_of_an_operation_id() {
    let text = SWAGGER.replacen(
        r#"{"operationId": "ListItems", "value-path""#,
        r#"{"operationId": "List|Items", "value-path""#,
        1,
    );
    let (pkg, offset) = cursor(FileKind::Swagger, &text);
    let definition = navigation::definition(&pkg, FileKind::Swagger, offset).expect("defined");
    assert_eq!(
        places(&pkg, &[definition]),
        ["18:31 ListItems (definition)"]
    );
    let uses = navigation::references(&pkg, FileKind::Swagger, offset, false);
    assert_eq!(places(&pkg, &uses), ["12:52 ListItems"]);
    assert_eq!(
        navigation::references(&pkg, FileKind::Swagger, offset, true).len(),
        2
    );
}

#[test]
fn definition_of_a_reference() {
    let text = SWAGGER.replacen("#/definitions/Item", "#/definitions/It|em", 1);
    let (pkg, offset) = cursor(FileKind::Swagger, &text);
    let definition = navigation::definition(&pkg, FileKind::Swagger, offset).expect("defined");
    assert_eq!(places(&pkg, &[definition]), ["21:20 Item (definition)"]);
}

#[test]
fn rename_refuses_a_taken_or_unusable_name_and_lists_every_occurrence() {
    let text = SWAGGER.replacen(
        r#""operationId": "GetItem""#,
        r#""operationId": "Get|Item""#,
        1,
    );
    let (pkg, offset) = cursor(FileKind::Swagger, &text);
    let target = navigation::prepare_rename(&pkg, FileKind::Swagger, offset).expect("renamable");
    assert_eq!(target.name, "GetItem");
    let taken = navigation::rename(&pkg, FileKind::Swagger, offset, "ListItems").unwrap_err();
    assert!(taken.contains("already exists"), "{taken}");
    let spaced = navigation::rename(&pkg, FileKind::Swagger, offset, "Get Item").unwrap_err();
    assert!(spaced.contains("whitespace"), "{spaced}");
    let hidden =
        navigation::rename(&pkg, FileKind::Swagger, offset, "Get\u{202E}Item").unwrap_err();
    assert!(hidden.contains("U+202E"), "{hidden}");
    let occ = navigation::rename(&pkg, FileKind::Swagger, offset, "FetchItem")
        .expect("a valid name")
        .expect("a symbol at the cursor");
    assert_eq!(places(&pkg, &occ), ["7:25 GetItem (definition)"]);
    let (pkg, offset) = cursor(
        FileKind::Swagger,
        &SWAGGER.replacen("\"swagger\"", "\"swa|gger\"", 1),
    );
    assert_eq!(
        navigation::rename(&pkg, FileKind::Swagger, offset, "x"),
        Ok(None)
    );
    assert!(navigation::prepare_rename(&pkg, FileKind::Swagger, offset).is_none());
}

fn outline(out: &mut String, pkg: &Package, symbols: &[symbols::Symbol], depth: usize) {
    let doc = pkg.swagger.as_ref().expect("the swagger");
    for s in symbols {
        writeln!(
            out,
            "{}{} [{:?}]{} {:?}",
            "  ".repeat(depth),
            s.name,
            s.kind,
            s.detail
                .as_ref()
                .map(|d| format!(" {d}"))
                .unwrap_or_default(),
            &doc.text()[s.selection.as_usize()],
        )
        .unwrap();
        outline(out, pkg, &s.children, depth + 1);
    }
}

#[test]
fn the_outline_of_a_swagger() {
    let (pkg, _) = cursor(FileKind::Swagger, &format!("|{SWAGGER}"));
    let mut out = String::new();
    outline(
        &mut out,
        &pkg,
        &symbols::document_symbols(pkg.swagger.as_ref().unwrap()),
        0,
    );
    insta::assert_snapshot!(out);
}

#[test]
fn workspace_symbols_match_operation_id_summary_or_path() {
    let (pkg, _) = cursor(FileKind::Swagger, &format!("|{SWAGGER}"));
    let doc = pkg.swagger.as_ref().unwrap();
    let names = |q: &str| -> Vec<String> {
        symbols::workspace_operations(doc, q)
            .into_iter()
            .map(|o| format!("{} ({})", o.name, o.container))
            .collect()
    };
    assert_eq!(names("an item"), ["GetItem (GET /items/{id})"]);
    assert_eq!(names("LIST"), ["ListItems (GET /items)"]);
    assert_eq!(names("").len(), 2);
    assert!(names("nothing").is_empty());
}

#[test]
fn folds_keep_the_closing_line_visible() {
    let (pkg, _) = cursor(
        FileKind::Swagger,
        "|{\n  \"a\": [\n    1\n  ],\n  \"b\": {}\n}",
    );
    let folds = symbols::folding_ranges(pkg.swagger.as_ref().unwrap());
    let lines: Vec<(u32, u32)> = folds.iter().map(|f| (f.start_line, f.end_line)).collect();
    assert_eq!(lines, [(0, 4), (1, 2)]);
}
