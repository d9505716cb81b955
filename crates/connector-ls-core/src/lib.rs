//! connector-ls-core: the certification engine for Power Platform custom connectors, without
//! input/output.
//!
//! The layers, in the order data flows through them: [`text`] (positions), [`json`] (tolerant
//! parsing), [`package`] (the connector and typed views, built from the files a
//! [`package::FileSource`] hands in), [`catalog`] and [`schemas`] (what the platform defines),
//! [`rules`] (the checks), [`diff`] (breaking changes between two versions), [`submission`]
//! (the package zip, read from its bytes), [`validator_log`] (the pipeline's own output), and
//! [`ide`] (hover and other editor answers as plain data).
//!
//! This crate never touches the file system, spawns a process, or knows the Language Server
//! Protocol: `tests/tests/tidy.rs` fails if it gains such a dependency or call. The disk, git,
//! the command line and the language server are the `connector-ls` and `connector-ls-lsp`
//! crates.

pub mod catalog;
pub mod diff;
pub mod ide;
pub mod json;
pub mod locate;
pub mod package;
pub mod recycle;
pub mod rules;
pub mod schemas;
pub mod submission;
pub mod text;
pub mod validator_codes;
pub mod validator_log;
