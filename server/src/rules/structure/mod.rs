//! Rules of the `structure` family.

use super::Rule;

pub static RULES: &[&Rule] = &[];
