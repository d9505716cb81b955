//! The preview of a connector as the designer shows it (`ide::preview`), snapshotted as a
//! readable outline of the model for the fixtures in `tests/fixtures/preview/`, and its HTML.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use connector_ls::workspace::source::DISK;
use connector_ls_core::ide::preview::{self, Control, Field, Placement, Preview, Source};
use connector_ls_core::ide::preview_html;
use connector_ls_core::package::{Package, Source as PackageSource};
use connector_ls_core::rules::{self, Config};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/preview")
        .join(name)
}

fn load(dir: &Path) -> (Package, Preview) {
    let pkg = Package::load(dir, None, &PackageSource::new(&DISK)).expect("fixture readable");
    let findings = rules::check(&pkg, &Config::default());
    let model = preview::preview(&pkg, &findings);
    (pkg, model)
}

/// `line:column` (1-based) of where clicking the element lands, and its pointer.
fn at(pkg: &Package, s: &Source) -> String {
    let doc = pkg.document(s.file).expect("the element's document");
    let lines = doc.line_index();
    let lc = lines.line_col(
        doc.text(),
        s.focus_start,
        connector_ls_core::text::Encoding::Utf8,
    );
    let focused = &doc.text()[s.focus_start as usize..s.focus_end as usize];
    format!("@{}:{} {} {focused}", lc.line + 1, lc.col + 1, s.pointer)
}

fn control(c: &Control) -> String {
    match c {
        Control::Dropdown { options } => format!(
            "dropdown[{}]",
            options
                .iter()
                .map(|o| format!("{}={}", o.value, o.label))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Control::DynamicDropdown {
            extension,
            operation,
            operation_found,
        } => format!(
            "dynamic dropdown {extension} -> {}{}",
            operation.as_deref().unwrap_or("?"),
            if *operation_found { "" } else { " (not found)" }
        ),
        Control::DynamicSchema(d) => format!(
            "dynamic schema {} -> {}{}",
            d.extension,
            d.operation.as_deref().unwrap_or("?"),
            if d.operation_found {
                ""
            } else {
                " (not found)"
            }
        ),
        other => format!("{other:?}").to_lowercase(),
    }
}

fn field(out: &mut String, pkg: &Package, f: &Field, input: bool) {
    let place = match f.placement {
        Placement::Shown => "",
        Placement::Advanced => " [show all]",
        Placement::Hidden => " [hidden]",
    };
    let _ = write!(
        out,
        "    {}{}{}{} ({}) {}{place}{}",
        "  ".repeat(f.depth),
        if f.label_is_raw { "raw:" } else { "" },
        f.label,
        if f.required { " *" } else { "" },
        f.path.join("."),
        if input {
            format!(
                "{} {}{}",
                f.location.as_deref().unwrap_or("?"),
                control(&f.control),
                if f.array { " list" } else { "" }
            )
        } else {
            f.type_name.clone()
        },
        f.default
            .as_deref()
            .map(|d| format!(" default={d}"))
            .unwrap_or_default()
    );
    for b in &f.findings {
        let _ = write!(out, " !{}", b.code);
    }
    let _ = writeln!(out, " {}", at(pkg, &f.source));
}

/// The model as an outline: the card, then each operation with its inputs and outputs.
fn outline(pkg: &Package, p: &Preview) -> String {
    let mut out = String::new();
    let c = &p.connector;
    let _ = writeln!(
        out,
        "connector {:?} by {:?} color {:?} icon {} {}",
        c.title,
        c.publisher,
        c.icon_brand_color,
        c.icon_png_base64
            .as_deref()
            .map(|b| format!("{} base64 chars", b.len()))
            .unwrap_or_else(|| "none".into()),
        c.source.as_ref().map(|s| at(pkg, s)).unwrap_or_default()
    );
    let _ = writeln!(out, "  description {:?}", c.description);
    for b in &c.findings {
        let _ = writeln!(out, "  !{} {}", b.code, b.message);
    }
    for op in &p.operations {
        let _ = write!(
            out,
            "\n{:?}{} {}{} [{} {}] visibility {:?}{}",
            op.kind,
            op.trigger_type
                .as_deref()
                .map(|t| format!("({t})"))
                .unwrap_or_default(),
            if op.title_is_raw { "raw:" } else { "" },
            op.title,
            op.method,
            op.path,
            op.visibility,
            if op.deprecated { " DEPRECATED" } else { "" },
        );
        for b in &op.findings {
            let _ = write!(out, " !{}", b.code);
        }
        let _ = writeln!(out, " {}", at(pkg, &op.source));
        let _ = writeln!(out, "  inputs:");
        for f in &op.inputs {
            field(&mut out, pkg, f, true);
        }
        let _ = writeln!(
            out,
            "  outputs (response {}){}{}:",
            op.output_response.as_deref().unwrap_or("none"),
            op.dynamic_outputs
                .as_ref()
                .map(|d| format!(
                    " dynamic {} -> {}",
                    d.extension,
                    d.operation.as_deref().unwrap_or("?")
                ))
                .unwrap_or_default(),
            if op.truncated { " TRUNCATED" } else { "" }
        );
        for f in &op.outputs {
            field(&mut out, pkg, f, false);
        }
    }
    let _ = writeln!(out, "\nother findings:");
    for b in &p.other_findings {
        let _ = writeln!(out, "  !{}", b.code);
    }
    out
}

#[test]
fn designer_fixture_model() {
    let (pkg, model) = load(&fixture("designer"));
    insta::assert_snapshot!(outline(&pkg, &model));
}

#[test]
fn minimal_fixture_model() {
    let (pkg, model) = load(&fixture("minimal"));
    insta::assert_snapshot!(outline(&pkg, &model));
}

#[test]
fn dynamic_fixture_model() {
    let (pkg, model) = load(&fixture("dynamic"));
    insta::assert_snapshot!(outline(&pkg, &model));
}

/// The page of a small connector as a whole, for review.
#[test]
fn minimal_fixture_page_body() {
    let (_, model) = load(&fixture("minimal"));
    insta::assert_snapshot!(preview_html::body(&model).replace("><", ">\n<"));
}

#[test]
fn the_model_serializes_with_camel_case_names() {
    let (_, model) = load(&fixture("designer"));
    let json = serde_json::to_value(&model).unwrap();
    let op = &json["operations"][0];
    assert_eq!(op["operationId"], "CreateTask");
    assert_eq!(op["kind"], "action");
    assert_eq!(op["source"]["file"], "swagger");
    assert!(op["source"]["focusStart"].as_u64().unwrap() > 0);
    let inputs = op["inputs"].as_array().unwrap();
    let board = inputs.iter().find(|i| i["name"] == "boardId").unwrap();
    assert_eq!(board["path"], serde_json::json!(["boardId"]));
    assert_eq!(board["placement"], "shown");
    assert_eq!(board["control"]["kind"], "dynamicDropdown");
    assert_eq!(board["control"]["operation"], "ListBoards");
    assert_eq!(json["connector"]["iconBrandColor"], "#3a5fcd");
}

#[test]
fn a_missing_label_shows_the_raw_name_with_the_finding() {
    let (_, model) = load(&fixture("designer"));
    let search = model
        .operations
        .iter()
        .find(|o| o.operation_id.as_deref() == Some("SearchTasks"))
        .unwrap();
    assert!(search.title_is_raw);
    let q = search.inputs.iter().find(|f| f.name == "q").unwrap();
    assert!(q.label_is_raw && q.label == "q" && q.required);
    assert!(
        q.findings
            .iter()
            .any(|b| b.code == "RequiredPropertyMissing"),
        "{:?}",
        q.findings
    );
}

#[test]
fn recursive_schemas_end() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("apiDefinition.swagger.json"),
        r##"{"swagger": "2.0", "info": {"title": "Loop", "version": "1"}, "paths": {"/a": {"post": {
        "operationId": "A", "parameters": [{"name": "b", "in": "body", "schema": {"$ref": "#/definitions/N"}}],
        "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/L"}}}}}},
        "definitions": {"N": {"type": "object", "properties": {"next": {"$ref": "#/definitions/N"},
          "kids": {"type": "array", "items": {"$ref": "#/definitions/N"}}}},
          "L": {"$ref": "#/definitions/M"}, "M": {"$ref": "#/definitions/L"}}}"##,
    )
    .unwrap();
    let (_, model) = load(dir.path());
    let op = &model.operations[0];
    let names: Vec<String> = op.inputs.iter().map(|f| f.path.join(".")).collect();
    assert_eq!(names, ["next", "kids"]);
    // The response is a `$ref` cycle: shown as the body alone.
    assert_eq!(op.outputs.len(), 1);
}

#[test]
fn wide_reference_trees_are_cut_at_the_field_limit() {
    let dir = tempfile::tempdir().unwrap();
    // W -> W2 -> W3 -> W ... three ways at each level: without a limit, 3^8 fields.
    std::fs::write(
        dir.path().join("apiDefinition.swagger.json"),
        r##"{"swagger": "2.0", "info": {"title": "Wide", "version": "1"}, "paths": {"/a": {"post": {
        "operationId": "A", "parameters": [{"name": "b", "in": "body", "schema": {"$ref": "#/definitions/W"}}],
        "responses": {}}}},
        "definitions": {
          "W": {"type": "object", "properties": {"a": {"$ref": "#/definitions/X"}, "b": {"$ref": "#/definitions/X"}, "c": {"$ref": "#/definitions/X"}}},
          "X": {"type": "object", "properties": {"a": {"$ref": "#/definitions/Y"}, "b": {"$ref": "#/definitions/Y"}, "c": {"$ref": "#/definitions/Y"}, "d": {"$ref": "#/definitions/Y"}}},
          "Y": {"type": "object", "properties": {"a": {"$ref": "#/definitions/Z"}, "b": {"$ref": "#/definitions/Z"}, "c": {"$ref": "#/definitions/Z"}, "d": {"$ref": "#/definitions/Z"}}},
          "Z": {"type": "object", "properties": {"a": {"$ref": "#/definitions/V"}, "b": {"$ref": "#/definitions/V"}, "c": {"$ref": "#/definitions/V"}, "d": {"$ref": "#/definitions/V"}}},
          "V": {"type": "object", "properties": {"a": {"$ref": "#/definitions/U"}, "b": {"$ref": "#/definitions/U"}, "c": {"$ref": "#/definitions/U"}, "d": {"$ref": "#/definitions/U"}}},
          "U": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"}, "d": {"type": "string"}}}}}"##,
    )
    .unwrap();
    let (_, model) = load(dir.path());
    let op = &model.operations[0];
    assert!(op.truncated);
    assert_eq!(op.inputs.len(), 500);
}

#[test]
fn the_page_escapes_connector_text_and_loads_nothing() {
    let (_, model) = load(&fixture("minimal"));
    let html = preview_html::render(&model);
    assert!(
        html.contains("Tiny &lt;b&gt;Bold&lt;/b&gt; &amp; Co"),
        "{html}"
    );
    assert!(html.contains("Filter &lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<b>Bold"));
    for external in [
        "<link",
        "http://",
        "https://",
        "src=\"http",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(external), "{external} in the page");
    }
}

#[test]
fn cli_preview_writes_one_escaped_self_contained_page() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("preview.html");
    let fixture = fixture("designer");
    let r = connector_ls_tests::cli::run_in(
        out_dir.path(),
        &[
            "preview",
            fixture.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    let html = std::fs::read_to_string(&out).expect("the page is written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The connector's text, escaped.
    assert!(
        html.contains("By Fabrikam &quot;Labs&quot; &lt;dev&gt;"),
        "{html}"
    );
    assert!(html.contains("Manage tasks &amp; boards in &lt;Fabrikam&gt; from your flows."));
    // Operations, trigger and action headers, labels, required stars, show all, outputs.
    assert!(html.contains("<span class=\"title\">Create a task</span>"));
    assert!(html.contains("Trigger (single)"));
    assert!(html.contains("<label>Board<span class=\"req\" title=\"Required\">*</span></label>"));
    assert!(html.contains("<details class=\"all\">"));
    assert!(html.contains("Hidden from makers (internal)"));
    assert!(html.contains("Dynamic content (response 201)"));
    assert!(html.contains("<span class=\"tag deprecated\">Deprecated</span>"));
    assert!(html.contains("data:image/png;base64,"));
    assert!(html.contains(":root { --brand: #3a5fcd; }"));
    // No inline style attribute: a page may forbid them (the editor's webview does).
    assert!(!preview_html::body(&load(&fixture).1).contains("style="));
    // Nothing is fetched: no links, no external sources, no URL at all.
    for external in ["<link", "http:", "https:", "src=\"//", "@import", "url("] {
        assert!(!html.contains(external), "{external} in the page");
    }
    // Without --out, the same page on stdout.
    let r =
        connector_ls_tests::cli::run_in(out_dir.path(), &["preview", fixture.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, html);
}

#[cfg(unix)]
#[test]
fn cli_preview_replaces_a_link_at_out_and_never_writes_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let out = dir.path().join("preview.html");
    std::os::unix::fs::symlink(&victim, &out).unwrap();
    let fixture = fixture("minimal");
    let r = connector_ls_tests::cli::run_in(
        dir.path(),
        &[
            "preview",
            fixture.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(!std::fs::symlink_metadata(&out)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Tiny &lt;b&gt;"));
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn cli_preview_of_a_folder_without_a_connector_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let r = connector_ls_tests::cli::run_in(dir.path(), &["preview", "."]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no connector package found"),
        "{}",
        r.stderr
    );
    let out = dir.path().join("out.html");
    let r = connector_ls_tests::cli::run_in(
        dir.path(),
        &[
            "preview",
            fixture("minimal").to_str().unwrap(),
            "--out",
            dir.path().to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("cannot write the preview"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
}

#[test]
fn lsp_preview_command_answers_the_model_and_html_of_the_open_buffers() {
    use connector_ls_tests::lsp::{file_uri, offers_command, LspClient};
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("designer");
    for name in [
        "apiDefinition.swagger.json",
        "apiProperties.json",
        "icon.png",
    ] {
        std::fs::copy(src.join(name), dir.path().join(name)).unwrap();
    }
    let swagger = dir.path().join("apiDefinition.swagger.json");
    let uri = file_uri(&swagger);
    let mut c = LspClient::start();
    let init = c.initialize(json!({}), json!({"debounceMs": 0}));
    assert!(offers_command(&init, "connector-ls.preview"));
    // The open buffer, not the file on disk, is what the preview shows.
    let text = std::fs::read_to_string(&swagger)
        .unwrap()
        .replace("\"Create a task\"", "\"Create a <new> task\"");
    c.open(&uri, &text, 7);
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "connector-ls.preview", "arguments": [uri]}),
    );
    let result = &r["result"];
    assert_eq!(
        result["model"]["operations"][0]["title"], "Create a <new> task",
        "{r:#?}"
    );
    assert_eq!(result["files"]["swagger"], uri.as_str());
    assert_eq!(result["versions"][uri.as_str()], 7);
    let html = result["html"].as_str().unwrap();
    assert!(html.contains("Create a &lt;new&gt; task"));
    assert!(!html.contains("<new>"));
    assert!(result["body"].as_str().unwrap().contains("data-start="));
    assert!(result["css"].as_str().unwrap().contains(".op-head"));
    // The findings the editor shows are on the elements.
    let search = result["model"]["operations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["operationId"] == "SearchTasks")
        .unwrap()
        .clone();
    assert!(search["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["code"] == "RequiredPropertyMissing"));
    // The argument may be an object; a missing one is an error, not a crash.
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "connector-ls.preview", "arguments": [{"uri": uri}]}),
    );
    assert!(r["result"]["model"]["operations"].is_array(), "{r:#?}");
    // `include` answers only the parts asked for.
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "connector-ls.preview", "arguments": [{"uri": uri, "include": ["title", "body"]}]}),
    );
    let keys: Vec<&String> = r["result"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["body", "title"], "{r:#?}");
    assert_eq!(r["result"]["title"], "Fabrikam Tasks");
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "connector-ls.preview", "arguments": []}),
    );
    assert_eq!(r["error"]["code"], -32602, "{r:#?}");
    assert_eq!(c.exit_code_after(&["shutdown", "exit"]), Some(0));
}

/// Every connector of the corpus previews without a panic, within the field limits, with each
/// element's range inside its document, and with no connector text reaching the page unescaped.
#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus")]
fn every_corpus_connector_previews() {
    let Some(dir) = connector_ls_tests::corpus_dir() else {
        return;
    };
    let packages =
        connector_ls::workspace::search::find_packages(std::slice::from_ref(&dir)).unwrap();
    assert!(packages.len() >= 600, "{}", packages.len());
    let (mut operations, mut fields) = (0usize, 0usize);
    for (pkg_dir, explicit) in &packages {
        let source = PackageSource {
            swagger_override: explicit.clone(),
            ..PackageSource::new(&DISK)
        };
        let pkg = Package::load(pkg_dir, None, &source).expect("package loads");
        let findings = rules::check(&pkg, &Config::default());
        let model = preview::preview(&pkg, &findings);
        for op in &model.operations {
            operations += 1;
            assert!(op.inputs.len() <= 500 && op.outputs.len() <= 500);
            for s in std::iter::once(&op.source)
                .chain(op.inputs.iter().chain(&op.outputs).map(|f| &f.source))
            {
                let len = pkg.document(s.file).unwrap().text().len() as u32;
                assert!(s.start <= s.end && s.end <= len, "{}", pkg_dir.display());
                assert!(s.focus_start <= s.focus_end && s.focus_end <= len);
            }
            fields += op.inputs.len() + op.outputs.len();
        }
        let body = preview_html::body(&model);
        assert!(!body.contains("<script"), "{}", pkg_dir.display());
        assert!(!body.contains("style="), "{}", pkg_dir.display());
    }
    eprintln!(
        "{} connectors, {operations} operations, {fields} fields",
        packages.len()
    );
}
