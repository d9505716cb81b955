//! Rules of the `extensions` family.

use super::Rule;

pub static RULES: &[&Rule] = &[];
