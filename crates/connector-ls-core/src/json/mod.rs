//! A tolerant JSON parser producing a position-aware tree.
//!
//! [`parse`] never fails: syntax errors are returned beside a [`Tree`] that holds everything the
//! parser could recover around them, so rules, completion and hover keep working while a document
//! is half typed. What Json.NET (and so the platform) accepts beyond RFC 8259 — comments and
//! trailing commas — parses normally and is reported as a [`SyntaxErrorKind::NonStandard`]
//! warning. Nesting is bounded by [`MAX_DEPTH`] without recursion past it.

mod parser;
mod pointer;
mod reparse;
mod scanner;
pub mod track;
mod tree;

pub use parser::{parse, Parse, SyntaxError, SyntaxErrorKind, MAX_DEPTH};
pub use pointer::{escape_token, unescape_token, PointerBuf};
pub use reparse::{reparse, reparse_edit, StringEdit};
pub(crate) use tree::key_hash;
pub use tree::{Kind, Node, NodeId, Tree};
