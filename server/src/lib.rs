//! connector-ls: a language server and checker for Power Platform custom connectors.
//!
//! The layers, in the order data flows through them: [`text`] (positions), [`json`] (tolerant
//! parsing), [`package`] (the connector folder and typed views), [`rules`] (the certification
//! engine), [`diff`] (breaking changes between two versions), then the edges that render
//! findings: `cli` and `lsp`.

pub mod catalog;
pub mod cli;
pub mod config;
pub mod diff;
pub mod json;
pub mod lsp;
pub mod package;
mod recycle;
pub mod rules;
pub mod schemas;
pub mod submission;
pub mod text;
pub mod validator_log;
