//! Rules about the files themselves: readable, well-formed JSON.

mod syntax;

use super::Rule;

pub static RULES: &[&Rule] = &[
    &syntax::JsonSyntaxError,
    &syntax::JsonNonStandard,
    &syntax::DuplicateKey,
    &syntax::FileNotReadable,
];
