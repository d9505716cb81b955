//! `connector-ls preview DIR [--out FILE]`: the connector as the Power Automate designer shows
//! it, as one self-contained HTML page (`core::ide::preview_html`), on stdout or in FILE.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{diff::load_side, EXIT_OK, EXIT_USAGE};
use connector_ls_core::ide::{preview, preview_html};
use connector_ls_core::rules;
use connector_ls_core::text::escape::escape;

/// What `preview` needs.
#[derive(Clone, Debug)]
pub struct PreviewOptions {
    /// A connector folder or one of its files.
    pub path: PathBuf,
    /// Where to write the page (default: standard output).
    pub out: Option<PathBuf>,
}

/// `connector-ls preview`: builds the page, writes it, and returns the exit status.
pub fn run(opts: &PreviewOptions) -> i32 {
    let fail = |what: &Path, message: &str| {
        eprintln!(
            "connector-ls: {}: {}",
            escape(&what.display().to_string()),
            escape(message)
        );
        EXIT_USAGE
    };
    let pkg = match load_side(&opts.path) {
        Ok(p) => p,
        Err(e) => return fail(&e.path, &e.message),
    };
    // The folder's `connector-ls.toml` decides which findings the badges show.
    let config = match super::configs::of_folder(&pkg.dir) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let findings = rules::check(&pkg, &config);
    let page = preview_html::render(&preview::preview(&pkg, &findings));
    match &opts.out {
        Some(out) => match write_new(out, &page) {
            Ok(()) => EXIT_OK,
            Err(e) => fail(out, &format!("cannot write the preview: {e}")),
        },
        None => {
            let mut stdout = io::stdout().lock();
            match stdout
                .write_all(page.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => EXIT_OK,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
                Err(e) => fail(Path::new("<stdout>"), &e.to_string()),
            }
        }
    }
}

/// Writes `text` to `path`, the file the user named, without following what is there: a
/// symbolic link at `path` is replaced, never written through
/// ([`crate::workspace::files::replace_through_new_file`]).
fn write_new(path: &Path, text: &str) -> io::Result<()> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(io::Error::other("it is a folder"));
    }
    if path.file_name().is_none() {
        return Err(io::Error::other("it names no file"));
    }
    crate::workspace::files::replace_through_new_file(path, text, "preview", None)
}
