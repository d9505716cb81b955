//! Rules of the `dynamic` family.

use super::Rule;

pub static RULES: &[&Rule] = &[];
