//! Rules about the files themselves: readable, well-formed JSON.

mod syntax;

use super::Rule;

pub static RULES: &[&Rule] = &[
    &syntax::JSON_SYNTAX_ERROR,
    &syntax::JSON_NON_STANDARD,
    &syntax::DUPLICATE_KEY,
    &syntax::FILE_NOT_READABLE,
];
