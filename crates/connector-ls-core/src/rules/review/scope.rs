//! The scope of a change (`check --base REF`): one connector per pull request, and nothing
//! outside it.

use std::path::{Path, PathBuf};

use crate::package::FileKind;
use crate::rules::{rule, Context, Finding, Report};
use crate::text::TextRange;

rule!(ChangeScopeTooWide {
    severity: Warning,
    file: Package,
    certification: true,
    documented: false,
    fix: None,
    summary: "The change since `--base` touches more than one connector folder, or files outside any (check --base only).",
    docs: r##"## What it does
Under `check --base REF`, lists the files changed since `REF` (committed, staged, unstaged and
untracked ones, as `git diff --name-only REF` and `git ls-files --others --exclude-standard`
report them) and groups them by connector folder: the nearest folder above the file holding
an `apiDefinition.swagger.json` or `apiProperties.json`. Reports once, on the first checked
connector, when the files belong to more than one connector folder or some belong to none,
naming the extra folders and files (at most ten, then a count). Without `--base` the rule
reports nothing.

## Why
Reviewers ask for one connector per pull request and no unrelated files or folders (reviewer
practice #2: PRs #2039, #1146). A warning.

## Example
A branch that changes `certified-connectors/Contoso/apiDefinition.swagger.json`,
`certified-connectors/Fabrikam/readme.md` and `README.md`.

## How to fix
Split the change: one branch (and pull request) per connector, and leave the repository's
own files alone.
"##,
    check: only_with_base,
});

/// The change is not known to a single-package check.
fn only_with_base(_: &Context, _: &mut Report) {}

/// The most extra paths a message names.
const MAX_NAMED: usize = 10;

/// The connector folder of `file`: the nearest folder above it (below `root`) holding a
/// swagger or apiProperties.json.
fn connector_of(root: &Path, file: &Path) -> Option<PathBuf> {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if !d.starts_with(root) {
            return None;
        }
        if d.join("apiDefinition.swagger.json").is_file() || d.join("apiProperties.json").is_file()
        {
            return Some(d.to_path_buf());
        }
        if d == root {
            return None;
        }
        dir = d.parent();
    }
    None
}

/// A path for a message, relative to `root` and with control and other unusual characters
/// escaped (a file name of the repository reaches a terminal).
fn shown(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_string_lossy()
        .replace('\\', "/")
        .chars()
        .flat_map(|c| {
            if c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// The [`ChangeScopeTooWide`] finding for the files `changed` (absolute, under the
/// repository `root`), if they are more than one connector's; `checked` are the connector
/// folders being checked, the first of which is the change's own (else the first folder the
/// change touches).
pub fn change_scope(root: &Path, changed: &[PathBuf], checked: &[PathBuf]) -> Option<Finding> {
    let mut folders: Vec<PathBuf> = Vec::new();
    let mut outside: Vec<&PathBuf> = Vec::new();
    for file in changed {
        match connector_of(root, file) {
            Some(dir) if !folders.contains(&dir) => folders.push(dir),
            Some(_) => {}
            None => outside.push(file),
        }
    }
    folders.sort();
    outside.sort();
    let own = checked
        .iter()
        .find(|c| folders.contains(c))
        .cloned()
        .or_else(|| folders.first().cloned());
    let extra_folders: Vec<&PathBuf> = folders
        .iter()
        .filter(|f| Some(*f) != own.as_ref())
        .collect();
    if extra_folders.is_empty() && outside.is_empty() {
        return None;
    }
    let mut names: Vec<String> = extra_folders
        .iter()
        .map(|f| format!("{}/", shown(root, f)))
        .chain(outside.iter().map(|f| shown(root, f)))
        .collect();
    let total = names.len();
    names.truncate(MAX_NAMED);
    let more = if total > MAX_NAMED {
        format!(" and {} more", total - MAX_NAMED)
    } else {
        String::new()
    };
    let own = own.map_or_else(|| "no connector".to_string(), |o| shown(root, &o));
    Some(Finding {
        code: ChangeScopeTooWide.code,
        severity: ChangeScopeTooWide.severity,
        message: format!(
            "The change is not only {own}: it also touches {}{more}; reviewers ask for one \
             connector per pull request and no other files.",
            names.join(", ")
        ),
        file: FileKind::Package,
        pointer: String::new(),
        range: TextRange::default(),
        fix: None,
        related: Vec::new(),
    })
}
