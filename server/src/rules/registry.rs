//! Every rule of the engine. Each family folder lists its own rules; this file joins them.

use std::sync::LazyLock;

use super::{
    api_properties, dynamic, extensions, json, keywords, metadata, package_files, structure, Rule,
};

/// All rules, in a stable order (families, then each family's own order).
pub static RULES: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    [
        json::RULES,
        metadata::RULES,
        structure::RULES,
        extensions::RULES,
        api_properties::RULES,
        package_files::RULES,
        keywords::RULES,
        dynamic::RULES,
        crate::diff::RULES,
    ]
    .concat()
});
