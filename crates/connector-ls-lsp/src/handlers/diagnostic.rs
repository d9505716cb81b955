//! `textDocument/diagnostic`: pulled diagnostics, `unchanged` when the result id is current.

use crate::*;

pub(crate) async fn handle(
    backend: &Backend,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let uri = params.text_document.uri;
    let path = Backend::path_of(&uri);
    // A configuration file's diagnostics are its problems, not a package's.
    if let Some(p) = path
        .as_deref()
        .filter(|p| connector_ls_workspace::config::is_config_file(p))
    {
        let items = config_file::pulled(&backend.state, p);
        return Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ));
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
    let epoch = backend.state.validator.epoch();
    let result_id = analysis
        .as_ref()
        .map(|a| format!("{}.{epoch}", a.generation));
    if let Some(id) = &result_id {
        if params.previous_result_id.as_ref() == Some(id) {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: id.clone(),
                    },
                }),
            ));
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
    Ok(DocumentDiagnosticReportResult::Report(
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
        }),
    ))
}
