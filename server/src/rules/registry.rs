//! Every rule of the engine. Each family folder lists its own rules; this file joins them.

use std::sync::LazyLock;

use super::{api_properties, extensions, json, metadata, structure, Rule};

/// All rules, in a stable order (families, then each family's own order).
pub static RULES: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    [
        json::RULES,
        metadata::RULES,
        structure::RULES,
        extensions::RULES,
        api_properties::RULES,
        crate::diff::RULES,
    ]
    .concat()
});
