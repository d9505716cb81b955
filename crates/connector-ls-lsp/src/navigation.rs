//! Go to definition, find references and rename for `$ref` targets and operationIds.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    Location, Position, PrepareRenameResponse, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::convert;
use connector_ls_core::package::refs::{self, Occurrence, Symbol};
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

    fn symbol(&self) -> Option<(Symbol, connector_ls_core::text::TextRange)> {
        refs::symbol_at(self.package, self.file, self.offset)
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
    let (symbol, _) = at.symbol()?;
    let occ = refs::occurrences(at.package, &symbol);
    occ.iter()
        .find(|o| o.is_definition)
        .and_then(|o| location(at.package, o, enc))
}

pub fn references(at: &At, include_declaration: bool, enc: Encoding) -> Vec<Location> {
    let Some((symbol, _)) = at.symbol() else {
        return Vec::new();
    };
    refs::occurrences(at.package, &symbol)
        .iter()
        .filter(|o| include_declaration || !o.is_definition)
        .filter_map(|o| location(at.package, o, enc))
        .collect()
}

pub fn prepare_rename(at: &At, enc: Encoding) -> Option<PrepareRenameResponse> {
    let (symbol, range) = at.symbol()?;
    // Only names that are defined in this package can be renamed.
    let occ = refs::occurrences(at.package, &symbol);
    if !occ.iter().any(|o| o.is_definition) {
        return None;
    }
    let doc = at.package.document(at.file)?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: convert::range(doc, range, enc),
        placeholder: symbol.name().to_string(),
    })
}

/// Bidirectional controls, zero-width characters and the byte-order mark: characters that make a
/// name read differently from what it is (Unicode category Cf as used in practice).
fn is_invisible_format(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x061C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064
        | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB)
}

/// The symbol `symbol` would become under `new_name`.
fn renamed(symbol: &Symbol, new_name: &str) -> Symbol {
    match symbol {
        Symbol::Component { section, .. } => Symbol::Component {
            section: *section,
            name: new_name.to_string(),
        },
        Symbol::Operation(_) => Symbol::Operation(new_name.to_string()),
    }
}

/// Why a new name cannot be used, if it cannot.
pub fn invalid_new_name(symbol: &Symbol, new_name: &str) -> Option<String> {
    if new_name.trim().is_empty() {
        return Some("The new name is empty.".to_string());
    }
    if new_name.contains(['"', '\\']) || new_name.chars().any(char::is_control) {
        return Some(
            "The new name may not contain quotes, backslashes or control characters.".to_string(),
        );
    }
    if new_name.chars().any(char::is_whitespace) {
        return Some("The new name may not contain spaces or other whitespace.".to_string());
    }
    if let Some(c) = new_name.chars().find(|&c| is_invisible_format(c)) {
        return Some(format!(
            "The new name may not contain the invisible or text-direction character U+{:04X}.",
            c as u32
        ));
    }
    if matches!(symbol, Symbol::Component { .. }) && new_name.contains(['/', '~', '#']) {
        return Some("A definition name may not contain '/', '~' or '#' (they would need escaping in every $ref).".to_string());
    }
    None
}

pub fn rename(at: &At, new_name: &str, enc: Encoding) -> Result<Option<WorkspaceEdit>, String> {
    let Some((symbol, _)) = at.symbol() else {
        return Ok(None);
    };
    if let Some(why) = invalid_new_name(&symbol, new_name) {
        return Err(why);
    }
    let occ = refs::occurrences(at.package, &symbol);
    if !occ.iter().any(|o| o.is_definition) {
        return Err(format!(
            "'{}' is not defined in this package.",
            symbol.name()
        ));
    }
    if new_name != symbol.name() {
        let target = renamed(&symbol, new_name);
        if refs::occurrences(at.package, &target)
            .iter()
            .any(|o| o.is_definition)
        {
            let what = match symbol {
                Symbol::Component { section, .. } => format!("#/{}/{new_name}", section.key()),
                Symbol::Operation(_) => format!("the operationId '{new_name}'"),
            };
            return Err(format!(
                "{what} already exists: renaming onto it would create a duplicate and shadow one of them."
            ));
        }
    }
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
    let (_, r) = at.symbol()?;
    Some(convert::range(at.package.document(at.file)?, r, enc))
}
