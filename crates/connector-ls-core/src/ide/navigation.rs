//! Go to definition, find references and rename for `$ref` targets and operationIds, as the
//! byte ranges of the occurrences ([`refs::occurrences`]) to show or to replace.

use crate::package::refs::{self, Occurrence, Symbol};
use crate::package::{FileKind, Package};
use crate::text::TextRange;

/// The symbol at byte `offset` of the `file` document, with its range there.
fn symbol_at(pkg: &Package, file: FileKind, offset: u32) -> Option<(Symbol, TextRange)> {
    refs::symbol_at(pkg, file, offset)
}

/// Where the symbol at the cursor is defined.
pub fn definition(pkg: &Package, file: FileKind, offset: u32) -> Option<Occurrence> {
    let (symbol, _) = symbol_at(pkg, file, offset)?;
    refs::occurrences(pkg, &symbol)
        .into_iter()
        .find(|o| o.is_definition)
}

/// Every use of the symbol at the cursor (and its definition, with `include_declaration`).
pub fn references(
    pkg: &Package,
    file: FileKind,
    offset: u32,
    include_declaration: bool,
) -> Vec<Occurrence> {
    let Some((symbol, _)) = symbol_at(pkg, file, offset) else {
        return Vec::new();
    };
    refs::occurrences(pkg, &symbol)
        .into_iter()
        .filter(|o| include_declaration || !o.is_definition)
        .collect()
}

/// What a rename at the cursor would rename: the name's range there and the name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameTarget {
    pub range: TextRange,
    pub name: String,
}

/// The name a rename at the cursor would rename; only names defined in this package can be.
pub fn prepare_rename(pkg: &Package, file: FileKind, offset: u32) -> Option<RenameTarget> {
    let (symbol, range) = symbol_at(pkg, file, offset)?;
    let occ = refs::occurrences(pkg, &symbol);
    if !occ.iter().any(|o| o.is_definition) {
        return None;
    }
    Some(RenameTarget {
        range,
        name: symbol.name().to_string(),
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

/// The occurrences to replace with `new_name` to rename the symbol at the cursor (`None`: no
/// symbol there), or why it cannot be renamed so.
pub fn rename(
    pkg: &Package,
    file: FileKind,
    offset: u32,
    new_name: &str,
) -> Result<Option<Vec<Occurrence>>, String> {
    let Some((symbol, _)) = symbol_at(pkg, file, offset) else {
        return Ok(None);
    };
    if let Some(why) = invalid_new_name(&symbol, new_name) {
        return Err(why);
    }
    let occ = refs::occurrences(pkg, &symbol);
    if !occ.iter().any(|o| o.is_definition) {
        return Err(format!(
            "'{}' is not defined in this package.",
            symbol.name()
        ));
    }
    if new_name != symbol.name() {
        let target = renamed(&symbol, new_name);
        if refs::occurrences(pkg, &target)
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
    Ok(Some(occ))
}

/// The range of the symbol under the cursor (for hover highlighting).
pub fn symbol_range(pkg: &Package, file: FileKind, offset: u32) -> Option<TextRange> {
    symbol_at(pkg, file, offset).map(|(_, r)| r)
}
