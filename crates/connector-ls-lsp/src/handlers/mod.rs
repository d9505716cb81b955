//! One file per request or notification (ruff_server's `requests/hover.rs` shape): each
//! `LanguageServer` method of [`Backend`](crate::Backend) only forwards to the `handle` of
//! its file here. A handler imports the crate root (`use crate::*`): the LSP types, the
//! server's modules, `Backend` and `guard`.

pub(crate) mod code_action;
pub(crate) mod completion;
pub(crate) mod diagnostic;
pub(crate) mod did_change;
pub(crate) mod did_change_configuration;
pub(crate) mod did_change_watched_files;
pub(crate) mod did_close;
pub(crate) mod did_open;
pub(crate) mod did_save;
pub(crate) mod document_symbol;
pub(crate) mod execute_command;
pub(crate) mod folding_range;
pub(crate) mod goto_definition;
pub(crate) mod hover;
pub(crate) mod initialize;
pub(crate) mod initialized;
pub(crate) mod prepare_rename;
pub(crate) mod references;
pub(crate) mod rename;
pub(crate) mod shutdown;
pub(crate) mod symbol;
