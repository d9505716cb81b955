//! What an editor asks about a connector, answered as plain data: hover texts today (completion
//! candidates, symbols and navigation targets still live in the language server's handlers).
//! Nothing here knows the Language Server Protocol: ranges are byte offsets of the documents,
//! and the `connector-ls-lsp` handlers convert them.

pub mod completion;
pub mod hover;

#[cfg(test)]
mod tests;
