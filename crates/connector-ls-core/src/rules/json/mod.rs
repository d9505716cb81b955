//! Rules about the files themselves: readable, well-formed JSON.

mod syntax;

use super::Rule;

pub static RULES: &[&Rule] = &[
    &syntax::JsonSyntaxError,
    &syntax::JsonNonStandard,
    &syntax::DuplicateKey,
    &syntax::FileNotReadable,
];

/// The rules of this family that any JSON editor reports itself, on the same ranges: its parser
/// finds the syntax errors, the comments and trailing commas of strict JSON, and duplicate keys
/// ([`super::SHOWN_BY_JSON_VALIDATION`]).
pub static SHOWN_BY_JSON_VALIDATION: &[&Rule] = &[
    &syntax::JsonSyntaxError,
    &syntax::JsonNonStandard,
    &syntax::DuplicateKey,
];
