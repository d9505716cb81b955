//! Finding the connector folders below a path, without letting one bad entry stop the search.
//!
//! A tree handed to `check` or the editor's "check workspace" is untrusted: a folder may be
//! unreadable, nested deeper than the system's path limit, or vanish while it is searched. Such
//! an entry is recorded in [`Found::unreadable`] and the search goes on with its siblings; only
//! a path the user named that cannot be read at all is an error.

use std::fs;
use std::path::{Path, PathBuf};

use connector_ls_core::package::{FileKind, LoadError};

/// The outcome of a search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// `(folder, swagger file named explicitly)`, sorted, without duplicates.
    pub packages: Vec<(PathBuf, Option<PathBuf>)>,
    /// Folders (or entries) below the named paths that could not be read, in search order:
    /// connectors inside them, if any, were not found.
    pub unreadable: Vec<LoadError>,
    /// The zip files (submission packages) met in the searched folders, in search order:
    /// regular files only, a symbolic link is not followed.
    pub zips: Vec<PathBuf>,
}

/// Whether `path` names a zip file (by its extension).
pub fn is_zip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Finds the connector folders named by `paths`: a folder with a swagger or apiProperties file
/// is a package; any other folder is searched recursively (symlinked folders are not followed;
/// hidden folders, `node_modules` and `target` are skipped); a file means the package of its
/// folder. A named path that cannot be read is an error; an entry below it is reported in
/// [`Found::unreadable`].
pub fn search_packages(paths: &[PathBuf]) -> Result<Found, LoadError> {
    let mut found = Found::default();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| LoadError::new(path, e.to_string()))?;
        if meta.is_file() {
            found.packages.push(of_file(path));
        } else {
            let entries = fs::read_dir(path).map_err(|e| LoadError::new(path, e.to_string()))?;
            walk(path, entries, &mut found);
        }
    }
    found.packages.sort();
    found.packages.dedup();
    Ok(found)
}

fn of_file(path: &Path) -> (PathBuf, Option<PathBuf>) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let explicit = match FileKind::from_file_name(&name) {
        Some(_) => None,
        // Spelled as `Package::load` spells its files, so the override matches.
        None if name.to_ascii_lowercase().ends_with(".json") => Some(dir.join(&name)),
        None => None,
    };
    (dir, explicit)
}

/// Searches the tree at `root` (already opened as `entries`) depth first, with an explicit
/// stack: a tree as deep as the file system allows cannot overflow the call stack.
fn walk(root: &Path, entries: fs::ReadDir, found: &mut Found) {
    let mut stack = vec![(root.to_path_buf(), Some(entries))];
    while let Some((dir, entries)) = stack.pop() {
        let entries = match entries {
            Some(e) => e,
            None => match fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) => {
                    found.unreadable.push(LoadError::new(&dir, e.to_string()));
                    continue;
                }
            },
        };
        let mut subdirs = Vec::new();
        let mut is_package = false;
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    // The listing broke off: what was listed is still searched.
                    found.unreadable.push(LoadError::new(&dir, e.to_string()));
                    break;
                }
            };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let ft = match entry.file_type() {
                Ok(ft) => ft,
                Err(e) => {
                    found
                        .unreadable
                        .push(LoadError::new(&entry.path(), e.to_string()));
                    continue;
                }
            };
            if ft.is_dir() {
                if !name.starts_with('.') && name != "node_modules" && name != "target" {
                    subdirs.push(entry.path());
                }
            } else if matches!(
                FileKind::from_file_name(&name),
                Some(FileKind::Swagger | FileKind::ApiProperties)
            ) {
                is_package = true;
            } else if ft.is_file() && is_zip(Path::new(&*name)) {
                found.zips.push(entry.path());
            }
        }
        if is_package {
            found.packages.push((dir.clone(), None));
        }
        // Reversed onto the stack, so that folders are searched in name order.
        subdirs.sort();
        stack.extend(subdirs.into_iter().rev().map(|d| (d, None)));
    }
}

/// Finds the connector folders named by `paths` as [`search_packages`] does, and fails on the
/// first entry that could not be read (`check` and the editor use `search_packages`, which
/// reports such entries and goes on).
pub fn find_packages(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Option<PathBuf>)>, LoadError> {
    let found = search_packages(paths)?;
    match found.unreadable.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(found.packages),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_path_that_does_not_exist_is_an_error() {
        let e = search_packages(&[PathBuf::from("/nonexistent/connector-ls-test")]).unwrap_err();
        assert!(e.path.ends_with("connector-ls-test"));
    }

    #[test]
    fn packages_are_found_in_a_tree_and_files_name_their_folder() {
        let dir = tempfile_dir();
        let a = dir.join("a");
        let b = dir.join("x").join("b");
        fs::create_dir_all(&a).unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::create_dir_all(dir.join(".hidden").join("c")).unwrap();
        fs::write(a.join("apiDefinition.swagger.json"), "{}").unwrap();
        fs::write(b.join("apiProperties.json"), "{}").unwrap();
        fs::write(dir.join(".hidden/c/apiProperties.json"), "{}").unwrap();
        fs::write(b.join("package.ZIP"), "").unwrap();
        fs::write(dir.join(".hidden/c/package.zip"), "").unwrap();
        let found = search_packages(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(found.packages, vec![(a.clone(), None), (b.clone(), None)]);
        // Zips are met on the same walk, hidden folders skipped.
        assert_eq!(found.zips, vec![b.join("package.ZIP")]);
        assert!(found.unreadable.is_empty());
        let f = search_packages(&[a.join("other.json")]);
        // A file that does not exist is an error; one that does names its folder.
        assert!(f.is_err());
        fs::write(a.join("other.json"), "{}").unwrap();
        let f = search_packages(&[a.join("other.json")]).unwrap();
        assert_eq!(f.packages, vec![(a.clone(), Some(a.join("other.json")))]);
        fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "connector-ls-search-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }
}
