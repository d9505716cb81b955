//! The configuration file under the command line: every flag given on the command line over
//! the settings of the file that applies to a folder ([`for_check`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use connector_ls_core::rules::Config;
use connector_ls_workspace::config::{ConfigError, Configs};

use super::CheckOptions;

/// The engine configuration of `dir` for a command that takes no rule flags (`diff`,
/// `preview`): the defaults under the folder's `connector-ls.toml`. `Err` (the usage exit
/// status) after printing the file's problems, escaped.
pub fn of_folder(dir: &Path) -> Result<Config, i32> {
    let mut config = Config::default();
    match Configs::default().of(dir) {
        Ok(Some(file)) => file.apply(&mut config, &[]),
        Ok(None) => {}
        Err(problems) => {
            for p in problems.iter() {
                eprintln!(
                    "connector-ls: {}",
                    connector_ls_core::text::escape::escape(&p.to_string())
                );
            }
            return Err(super::EXIT_USAGE);
        }
    }
    Ok(config)
}

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
    let mut config = super::config_of(opts);
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
                connector_ls_workspace::git::ref_exists(folder, &base.reference)
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
