//! Go to definition, find references and rename: the engine's answers
//! ([`connector_ls_core::ide::navigation`]) as LSP locations and edits.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    Location, Position, PrepareRenameResponse, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::convert;
use connector_ls_core::ide::navigation;
use connector_ls_core::package::refs::Occurrence;
use connector_ls_core::package::{FileKind, Package};
use connector_ls_core::text::Encoding;

/// Where the cursor is: the package, which file of it, and the byte offset.
pub struct At<'a> {
    pub package: &'a Package,
    pub file: FileKind,
    pub offset: u32,
}

impl<'a> At<'a> {
    pub fn new(
        package: &'a Package,
        path: &std::path::Path,
        pos: Position,
        enc: Encoding,
    ) -> Option<Self> {
        let doc = package.documents().find(|d| d.path == path)?;
        Some(Self {
            package,
            file: doc.kind,
            offset: convert::offset(doc, pos, enc),
        })
    }
}

fn location(pkg: &Package, occ: &Occurrence, enc: Encoding) -> Option<Location> {
    let doc = pkg.document(occ.file)?;
    Some(Location::new(
        convert::uri_of(&doc.path)?,
        convert::range(doc, occ.range, enc),
    ))
}

pub fn definition(at: &At, enc: Encoding) -> Option<Location> {
    let occ = navigation::definition(at.package, at.file, at.offset)?;
    location(at.package, &occ, enc)
}

pub fn references(at: &At, include_declaration: bool, enc: Encoding) -> Vec<Location> {
    navigation::references(at.package, at.file, at.offset, include_declaration)
        .iter()
        .filter_map(|o| location(at.package, o, enc))
        .collect()
}

pub fn prepare_rename(at: &At, enc: Encoding) -> Option<PrepareRenameResponse> {
    let target = navigation::prepare_rename(at.package, at.file, at.offset)?;
    let doc = at.package.document(at.file)?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: convert::range(doc, target.range, enc),
        placeholder: target.name,
    })
}

pub fn rename(at: &At, new_name: &str, enc: Encoding) -> Result<Option<WorkspaceEdit>, String> {
    let Some(occ) = navigation::rename(at.package, at.file, at.offset, new_name)? else {
        return Ok(None);
    };
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for o in &occ {
        let Some(loc) = location(at.package, o, enc) else {
            continue;
        };
        changes.entry(loc.uri).or_default().push(TextEdit {
            range: loc.range,
            new_text: new_name.to_string(),
        });
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }))
}

/// The range of the symbol under the cursor (for hover highlighting).
pub fn symbol_range(at: &At, enc: Encoding) -> Option<Range> {
    let r = navigation::symbol_range(at.package, at.file, at.offset)?;
    Some(convert::range(at.package.document(at.file)?, r, enc))
}
