//! `textDocument/hover`: the core's hover (`ide::hover`).

use crate::*;

pub(crate) async fn handle(backend: &Backend, params: HoverParams) -> Result<Option<Hover>> {
    let pos = &params.text_document_position_params;
    backend.at("hover", pos, |at, enc| {
        let md = hover::hover_markdown(at.package, at.file, at.offset)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: md,
            }),
            range: navigation::symbol_range(at, enc),
        })
    })
}
