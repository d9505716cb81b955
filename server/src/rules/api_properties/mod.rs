//! Rules about `apiProperties.json` and `settings.json`, and how they agree with the swagger.

mod schema;

use super::Rule;

pub static RULES: &[&Rule] = &[
    &schema::API_PROPERTIES_SCHEMA_VIOLATION,
    &schema::API_PROPERTIES_UNKNOWN_PROPERTY,
    &schema::SETTINGS_SCHEMA_VIOLATION,
];
