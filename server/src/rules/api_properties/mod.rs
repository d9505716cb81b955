//! Rules about `apiProperties.json` and `settings.json`, and how they agree with the swagger.

mod capabilities;
mod connection_security;
mod icon_brand_color;
mod policy_operations;
mod schema;
mod script_operations;

use super::Rule;

pub static RULES: &[&Rule] = &[
    &schema::API_PROPERTIES_SCHEMA_VIOLATION,
    &schema::API_PROPERTIES_UNKNOWN_PROPERTY,
    &schema::SETTINGS_SCHEMA_VIOLATION,
    &icon_brand_color::ICON_BRAND_COLOR_INVALID,
    &icon_brand_color::ICON_BRAND_COLOR_DEFAULT,
    &icon_brand_color::ICON_BRAND_COLOR_INDEPENDENT_PUBLISHER,
    &capabilities::CAPABILITY_NOT_VALID,
    &connection_security::CONNECTION_PARAMETER_SECURITY_MISMATCH,
    &script_operations::SCRIPT_OPERATION_NOT_FOUND,
    &script_operations::SCRIPT_FILE_MISSING,
    &policy_operations::POLICY_TEMPLATE_OPERATION_NOT_FOUND,
];
