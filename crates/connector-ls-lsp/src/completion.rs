//! `textDocument/completion`: the engine's candidates ([`connector_ls_core::ide::completion`])
//! as LSP completion items, in the engine's order, each replacing its range.

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat,
    MarkupContent, MarkupKind, TextEdit,
};

use super::convert;
use connector_ls_core::ide::completion::{self, Candidate, CandidateKind};
use connector_ls_core::package::{Document, Package};
use connector_ls_core::text::Encoding;

/// Completion items at byte `offset` of `doc`, a document of `pkg`.
pub fn complete(pkg: &Package, doc: &Document, offset: u32, enc: Encoding) -> Vec<CompletionItem> {
    completion::complete(pkg, doc, offset)
        .into_iter()
        .enumerate()
        .map(|(i, c)| item(doc, enc, i, c))
        .collect()
}

fn item(doc: &Document, enc: Encoding, index: usize, c: Candidate) -> CompletionItem {
    CompletionItem {
        filter_text: Some(format!("\"{}", c.label)),
        label: c.label,
        kind: Some(match c.kind {
            CandidateKind::Field => CompletionItemKind::FIELD,
            CandidateKind::Property => CompletionItemKind::PROPERTY,
            CandidateKind::Value => CompletionItemKind::VALUE,
            CandidateKind::Snippet => CompletionItemKind::SNIPPET,
        }),
        detail: c.detail,
        documentation: c.documentation.map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            })
        }),
        // The engine's order is the order to offer them in.
        sort_text: Some(format!("{index:04}")),
        insert_text_format: Some(if c.snippet {
            InsertTextFormat::SNIPPET
        } else {
            InsertTextFormat::PLAIN_TEXT
        }),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: convert::range(doc, c.replace, enc),
            new_text: c.insert,
        })),
        ..CompletionItem::default()
    }
}
