//! What an editor asks about a connector, answered as plain data: hover texts ([`hover`]),
//! completion candidates ([`completion`]), definitions, references and rename targets
//! ([`navigation`]), the outline, folds and operation symbols ([`symbols`]), and the connector
//! as the designer shows it ([`preview`], rendered as one HTML page by [`preview_html`]). Nothing here knows
//! the Language Server Protocol: ranges are byte offsets of the documents, and the
//! `connector-ls-lsp` handlers convert them.

pub mod completion;
pub mod hover;
pub mod navigation;
pub mod preview;
pub mod preview_html;
pub mod symbols;

#[cfg(test)]
mod tests;
