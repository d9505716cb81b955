//! Rules of the `keywords` family.

use super::Rule;

pub static RULES: &[&Rule] = &[];
