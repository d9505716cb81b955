//! `textDocument/diagnostic`: pulled diagnostics, `unchanged` when the result id is current or
//! the items are those of the report the client holds.

use crate::state::Pulled;
use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let uri = params.text_document.uri;
    let path = convert::file_path(&uri);
    // A configuration file's diagnostics are its problems, not a package's.
    if let Some(p) = path
        .as_deref()
        .filter(|p| connector_ls_workspace::config::is_config_file(p))
    {
        return Ok(full(None, config_file::pulled(&backend.state, p)));
    }
    let analysis = match path.as_deref().and_then(diagnostics::package_dir) {
        Some(dir) if backend.state.docs.contains_key(&uri) => {
            diagnostics::current_analysis(backend.state.clone(), dir).await
        }
        _ => None,
    };
    // The result id is the generation of the analysis: generations are unique across
    // folders and bumped by every change of a package's files and of the settings.
    // Pasted validator output changes what is shown without a new generation: its epoch is
    // part of the id.
    // Each report's id is that base and a serial number ([`replies::Reports::keep_written`]).
    let epoch = backend.state.validator.epoch();
    let base = analysis
        .as_ref()
        .map(|a| format!("{}.{epoch}", a.generation));
    if let (Some(base), Some(previous)) = (&base, &params.previous_result_id) {
        if replies::base_of(previous) == base {
            return Ok(unchanged(previous.clone()));
        }
    }
    let items = analysis
        .map(|a| {
            guard("diagnostic", || {
                diagnostics::diagnostics_for(
                    &backend.state,
                    &a,
                    path.as_deref().unwrap_or_else(|| std::path::Path::new("")),
                )
            })
        })
        .transpose()?
        .unwrap_or_default();
    // The same items as the report the client holds: `unchanged`, under that report's id.
    if let Some(previous) = &params.previous_result_id {
        let same = backend
            .state
            .pulled
            .get(&uri)
            .is_some_and(|last| last.id == *previous && last.items == items);
        if same {
            return Ok(unchanged(previous.clone()));
        }
    }
    let Some(base) = base else {
        return Ok(full(None, items));
    };
    // The items are written here, straight from their types (those of the last report copied
    // from it), and put into the answer on the way out; the transport sees a report without
    // items.
    let written = {
        let last = backend.state.pulled.get(&uri);
        replies::Written::new(&items, last.as_ref().map(|l| (&l.items[..], &l.written)))
    };
    let id = backend
        .state
        .reports
        .keep_written(&base, written.json.clone());
    backend.state.pulled.insert(
        uri,
        Pulled {
            id: id.clone(),
            items,
            written,
        },
    );
    Ok(full(Some(id), Vec::new()))
}

fn unchanged(result_id: String) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Unchanged(
        RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
        },
    ))
}

fn full(result_id: Option<String>, items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answer as the transport writes it (through a `Value`) is one the output filter
    /// completes: the placeholder's shape is the real type's, not a guess of it.
    #[test]
    fn the_output_filter_completes_the_answer_the_transport_writes() {
        let reports = replies::Reports::default();
        let items = vec![Diagnostic {
            range: Range::new(Position::new(1, 2), Position::new(1, 5)),
            message: "m".into(),
            ..Diagnostic::default()
        }];
        let id = reports.keep_written("3.0", replies::Written::new(&items, None).json);
        let answer = serde_json::to_value(full(Some(id.clone()), Vec::new())).unwrap();
        let response = tower_lsp_server::jsonrpc::Response::from_ok(
            tower_lsp_server::jsonrpc::Id::Number(8),
            answer,
        );
        let body = serde_json::to_vec(&response).unwrap();
        let completed = replies::completed(&body, &reports).expect("a placeholder");
        let value: serde_json::Value = serde_json::from_slice(&completed.bytes()).unwrap();
        assert_eq!(value["id"], 8);
        assert_eq!(value["result"]["kind"], "full");
        assert_eq!(value["result"]["resultId"], id);
        let back: Vec<Diagnostic> =
            serde_json::from_value(value["result"]["items"].clone()).unwrap();
        assert_eq!(back, items);
    }
}
