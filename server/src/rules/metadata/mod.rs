//! Rules of the `metadata` family.

use super::Rule;

pub static RULES: &[&Rule] = &[];
