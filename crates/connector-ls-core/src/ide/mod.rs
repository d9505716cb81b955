//! What an editor asks about a connector, answered as plain data: hover texts ([`hover`]),
//! completion candidates ([`completion`]), definitions, references and rename targets
//! ([`navigation`]), the outline, folds and operation symbols ([`symbols`]). Nothing here knows
//! the Language Server Protocol: ranges are byte offsets of the documents, and the
//! `connector-ls-lsp` handlers convert them.

pub mod completion;
pub mod hover;
pub mod navigation;
pub mod symbols;

#[cfg(test)]
mod tests;
