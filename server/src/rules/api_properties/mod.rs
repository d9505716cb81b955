//! Rules of the `api_properties` family.

use super::Rule;

pub static RULES: &[&Rule] = &[];
