//! `textDocument/hover`: the core's hover (`ide::hover`).

use crate::*;

pub(crate) async fn handle(backend: &Backend, params: HoverParams) -> Result<Option<Hover>> {
    let pos = &params.text_document_position_params;
    backend.at("hover", pos, |at, enc| {
        // Hover masks the package's credentials; finding them on this version starts from
        // what the folder's last check computed, still valid after a keystroke in a string.
        let last = backend
            .state
            .analyses
            .get(&at.package.dir)
            .map(|a| a.clone());
        connector_ls_core::rules::review::prepare_secrets(
            at.package,
            last.as_deref().map(|a| (&*a.package, &a.memory)),
        );
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
