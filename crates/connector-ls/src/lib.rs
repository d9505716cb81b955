//! connector-ls: the edges of the checker for Power Platform custom connectors. The engine is
//! [`connector_ls_core`] (no input/output); this crate adds what touches the world: the disk and
//! git ([`workspace`]), the configuration files ([`config`]), the command line ([`cli`]) and the
//! language server ([`lsp`]).

pub mod cli;

pub use connector_ls_lsp as lsp;
pub use connector_ls_workspace as workspace;
pub use connector_ls_workspace::config;
