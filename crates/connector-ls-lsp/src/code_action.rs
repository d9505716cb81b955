//! Quick fixes for diagnostics and `source.fixAll.connector-ls` (safe fixes only).

use std::collections::HashMap;
use std::path::Path;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::convert;
use super::state::Analysis;
use connector_ls_core::rules::{Edit, Finding, Safety};
use connector_ls_core::text::Encoding;

pub const FIX_ALL_KIND: &str = "source.fixAll.connector-ls";

fn overlaps(a: Range, b: Range) -> bool {
    !(a.end < b.start || b.end < a.start)
}

fn workspace_edit(analysis: &Analysis, edits: &[&Edit], enc: Encoding) -> Option<WorkspaceEdit> {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for e in edits {
        let doc = analysis.package.document(e.file)?;
        let uri = convert::uri_of(&doc.path)?;
        changes.entry(uri).or_default().push(TextEdit {
            range: convert::range(doc, e.range, enc),
            new_text: e.new_text.clone(),
        });
    }
    Some(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    })
}

/// The code actions for `range` of the document at `path`.
pub fn actions(
    analysis: &Analysis,
    path: &Path,
    range: Range,
    only: Option<&[CodeActionKind]>,
    enc: Encoding,
    docs_base: &str,
) -> Vec<CodeActionOrCommand> {
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|o| o.iter().any(|k| kind.as_str().starts_with(k.as_str())))
    };
    let mut out = Vec::new();
    let quickfix = CodeActionKind::QUICKFIX;
    if wants(&quickfix) {
        let mut links = convert::DocsLinks::new(docs_base);
        for (doc, f) in analysis.findings_for(path) {
            let Some(fix) = &f.fix else { continue };
            let diag = convert::diagnostic(&analysis.package, doc, f, enc, &mut links);
            if !overlaps(diag.range, range) {
                continue;
            }
            let edits: Vec<&Edit> = fix.edits.iter().collect();
            let Some(edit) = workspace_edit(analysis, &edits, enc) else {
                continue;
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(quickfix.clone()),
                diagnostics: Some(vec![diag]),
                edit: Some(edit),
                is_preferred: Some(fix.safety == Safety::Safe),
                ..CodeAction::default()
            }));
        }
    }
    let fix_all = CodeActionKind::from(FIX_ALL_KIND);
    let explicitly_asked =
        only.is_some_and(|o| o.iter().any(|k| FIX_ALL_KIND.starts_with(k.as_str())));
    if explicitly_asked {
        let safe: Vec<&Finding> = analysis
            .findings_for(path)
            .map(|(_, f)| f)
            .filter(|f| f.fix.as_ref().is_some_and(|x| x.safety == Safety::Safe))
            .collect();
        let edits = non_overlapping(
            safe.iter()
                .flat_map(|f| f.fix.iter().flat_map(|x| x.edits.iter())),
        );
        if !edits.is_empty() {
            if let Some(edit) = workspace_edit(analysis, &edits, enc) {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Apply all safe connector-ls fixes".to_string(),
                    kind: Some(fix_all),
                    edit: Some(edit),
                    ..CodeAction::default()
                }));
            }
        }
    }
    out
}

/// Keeps edits that do not overlap an earlier kept edit of the same file.
fn non_overlapping<'a>(edits: impl Iterator<Item = &'a Edit>) -> Vec<&'a Edit> {
    let mut kept: Vec<&Edit> = Vec::new();
    for e in edits {
        let clash = kept.iter().any(|k| {
            k.file == e.file
                && k.range.start < e.range.end.max(e.range.start + 1)
                && e.range.start < k.range.end.max(k.range.start + 1)
        });
        if !clash {
            kept.push(e);
        }
    }
    kept
}
