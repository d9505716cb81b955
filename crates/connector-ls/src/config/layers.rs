//! The configuration file between the defaults and the callers' own settings: the command line
//! over the file ([`for_check`]), the editor's settings over the file where the user set them
//! ([`for_editor`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{ConfigError, Configs, Resolved};
use crate::cli::CheckOptions;
use connector_ls_core::rules::Config;

/// [`Configs`] for a `check` run: also remembers which files' `base` was found to be a commit.
#[derive(Default)]
pub struct CheckConfigs {
    pub configs: Configs,
    bases: HashMap<(PathBuf, String), bool>,
}

/// The options and engine configuration of one connector folder in a `check` run: the file's
/// settings, with every flag given on the command line over them. `Err`: the file is broken
/// (or its `base` is not a commit), and the folder is not checked.
pub fn for_check(
    cache: &mut CheckConfigs,
    dir: &Path,
    opts: &CheckOptions,
) -> Result<(CheckOptions, Config), Arc<Vec<ConfigError>>> {
    let mut config = crate::cli::config_of(opts);
    let Some(resolved) = cache.configs.of(dir)? else {
        return Ok((opts.clone(), config));
    };
    tracing::debug!(
        dir = %dir.display(),
        config = ?resolved.path,
        "configuration file applies"
    );
    let mut opts = opts.clone();
    // `--no-certification` is the only way to set it on the command line: certification on
    // is the default, which the file may change.
    if opts.certification {
        if let Some(on) = resolved.certification {
            config.certification = on;
            opts.certification = on;
        }
    }
    let named: Vec<String> = opts
        .select
        .iter()
        .flatten()
        .filter(|c| !c.ends_with('*'))
        .cloned()
        .collect();
    resolved.apply(&mut config, &named);
    opts.publisher = opts.publisher.or(resolved.publisher);
    if opts.base.is_none() {
        if let (Some(base), Some(file)) = (&resolved.base, &resolved.path) {
            let key = (file.clone(), base.reference.clone());
            let exists = *cache.bases.entry(key).or_insert_with(|| {
                let folder = file.parent().unwrap_or(Path::new("."));
                crate::workspace::git::ref_exists(folder, &base.reference)
            });
            if !exists {
                return Err(Arc::new(vec![ConfigError {
                    path: file.clone(),
                    line: base.line,
                    column: base.column,
                    message: format!(
                        "base: '{}' is not a commit of the git repository of this file",
                        base.reference.escape_debug()
                    ),
                }]));
            }
            opts.base = Some(base.reference.clone());
        }
    }
    Ok((opts, config))
}

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
