//! The configuration file between the defaults and the editor's own settings: the editor's
//! settings over the file where the user set them ([`for_editor`]). The command line's
//! counterpart is `connector_ls::cli::configs::for_check`.

use super::Resolved;
use connector_ls_core::rules::Config;

/// What the user set in the editor, apart from the defaults (a client such as VS Code sends
/// every setting, its defaults included, so a value equal to the default counts as not set).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EditorSet {
    pub certification: Option<bool>,
    pub publisher: Option<connector_ls_core::package::Publisher>,
    pub base_ref: Option<String>,
}

/// The engine configuration, publisher and base ref of one connector folder in the editor:
/// `config` is the editor's (its per-code severities and disabled codes set by the user), the
/// file fills what the user did not set.
pub fn for_editor(
    resolved: &Resolved,
    config: &Config,
    set: &EditorSet,
) -> (
    Config,
    Option<connector_ls_core::package::Publisher>,
    Option<String>,
) {
    let mut config = config.clone();
    if set.certification.is_none() {
        if let Some(on) = resolved.certification {
            config.certification = on;
        }
    }
    // The editor's own severities are already in `config.severity` (the file does not replace
    // them); a code the editor's severity map names is not turned off by the file either.
    let named: Vec<String> = config.severity.keys().cloned().collect();
    resolved.apply(&mut config, &named);
    let publisher = set.publisher.or(resolved.publisher);
    let base = set
        .base_ref
        .clone()
        .or_else(|| resolved.base.as_ref().map(|b| b.reference.clone()));
    (config, publisher, base)
}
