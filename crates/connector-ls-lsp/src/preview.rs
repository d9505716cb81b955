//! `connector-ls.preview`: the connector as the designer shows it (`core::ide::preview`), built
//! from the server's current analysis of the package (open buffers over the files on disk,
//! with the findings the editor shows), answered as the model and as HTML.

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::{json, Value};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::Uri;

use crate::state::State;
use crate::{convert, diagnostics};
use connector_ls_core::ide::{preview, preview_html};
use connector_ls_core::package::FileKind;

/// `workspace/executeCommand`: the preview of the connector of the document URI given as the
/// first argument (a string, or an object with a `uri`).
pub const PREVIEW_COMMAND: &str = "connector-ls.preview";

/// The package folder named by the command's arguments.
pub(crate) fn folder(args: &[Value]) -> Result<PathBuf> {
    let uri = args
        .first()
        .and_then(|a| a.as_str().or_else(|| a.get("uri").and_then(Value::as_str)))
        .ok_or_else(|| Error::invalid_params("expected the URI of a document of the connector"))?;
    uri.parse::<Uri>()
        .ok()
        .and_then(|u| convert::file_path(&u))
        .and_then(|p| diagnostics::package_dir(&p))
        .ok_or_else(|| Error::invalid_params(format!("not a file URI: {uri}")))
}

/// The parts of the answer the client asked for (`include` of an object argument), all of
/// them by default.
pub(crate) fn parts(args: &[Value]) -> Vec<String> {
    const ALL: [&str; 7] = ["title", "model", "html", "body", "css", "files", "versions"];
    match args
        .first()
        .and_then(|a| a.get("include"))
        .and_then(Value::as_array)
    {
        Some(list) => ALL
            .iter()
            .filter(|p| list.iter().any(|x| x.as_str() == Some(p)))
            .map(|p| p.to_string())
            .collect(),
        None => ALL.iter().map(|p| p.to_string()).collect(),
    }
}

/// The answer: `title` (the connector's), `model` (the [`preview::Preview`]), `html` (a whole
/// page), `body` and `css` (to put into the editor's own page), `files` (the URI of each file
/// the model's sources name) and `versions` (of the open documents the preview shows); an
/// object argument's `include` lists the parts wanted (a large connector's model is megabytes).
pub(crate) async fn run(state: Arc<State>, args: &[Value]) -> Result<Option<Value>> {
    let dir = folder(args)?;
    let parts = parts(args);
    let analysis = diagnostics::current_analysis(state, dir)
        .await
        .ok_or_else(Error::internal_error)?;
    let built = tokio::task::spawn_blocking(move || {
        crate::guard("preview", || {
            let model = preview::preview(&analysis.package, &analysis.findings);
            let wants = |p: &str| parts.iter().any(|x| x == p);
            let mut out = serde_json::Map::new();
            if wants("title") {
                out.insert("title".into(), json!(model.connector.title));
            }
            if wants("files") || wants("versions") {
                let mut files = serde_json::Map::new();
                let mut versions = serde_json::Map::new();
                for kind in [
                    FileKind::Swagger,
                    FileKind::ApiProperties,
                    FileKind::Settings,
                ] {
                    let Some(doc) = analysis.package.document(kind) else {
                        continue;
                    };
                    let Some(uri) = convert::uri_of(&doc.path) else {
                        continue;
                    };
                    let uri = uri.as_str().to_string();
                    if let Some(v) = analysis.versions.get(&doc.path) {
                        versions.insert(uri.clone(), json!(v));
                    }
                    files.insert(kind.key().into(), json!(uri));
                }
                if wants("files") {
                    out.insert("files".into(), Value::Object(files));
                }
                if wants("versions") {
                    out.insert("versions".into(), Value::Object(versions));
                }
            }
            if wants("html") {
                out.insert("html".into(), json!(preview_html::render(&model)));
            }
            if wants("body") {
                out.insert("body".into(), json!(preview_html::body(&model)));
            }
            if wants("css") {
                out.insert("css".into(), json!(preview_html::css(&model)));
            }
            if wants("model") {
                out.insert(
                    "model".into(),
                    serde_json::to_value(&model).unwrap_or_default(),
                );
            }
            Value::Object(out)
        })
    })
    .await
    .map_err(|_| Error::internal_error())??;
    Ok(Some(built))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_comes_from_a_string_or_an_object() {
        let uri = "file:///c/My%20Connector/apiDefinition.swagger.json";
        let expected = PathBuf::from("/c/My Connector");
        assert_eq!(folder(&[json!(uri)]).unwrap(), expected);
        assert_eq!(folder(&[json!({ "uri": uri })]).unwrap(), expected);
        assert!(folder(&[]).is_err());
        assert!(folder(&[json!("https://example.com/a.json")]).is_err());
    }

    #[test]
    fn the_parts_are_all_or_those_included() {
        assert_eq!(parts(&[json!("file:///a/b.json")]).len(), 7);
        assert_eq!(
            parts(&[json!({"uri": "file:///a/b.json", "include": ["css", "body", "nonsense"]})]),
            ["body", "css"]
        );
    }
}
