//! Names that link the package together: definitions, shared parameters and responses (linked
//! by `$ref`), and operationIds (linked from `x-ms-dynamic-*`, `x-ms-notification`, and from
//! apiProperties' `scriptOperations` and policy templates).
//!
//! [`symbol_at`] finds the name under an offset; [`occurrences`] lists every place it is written,
//! as the exact range of the name's text, so go-to-definition, find-references and rename share
//! one index.

use super::swagger::Swagger;
use super::{FileKind, Package};
use crate::json::{Kind, Node};
use crate::text::TextRange;

/// A name that can be navigated and renamed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Symbol {
    /// `#/definitions/<name>`, `#/parameters/<name>` or `#/responses/<name>`.
    Component {
        section: Section,
        name: String,
    },
    Operation(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Definitions,
    Parameters,
    Responses,
}

impl Section {
    pub fn key(self) -> &'static str {
        match self {
            Section::Definitions => "definitions",
            Section::Parameters => "parameters",
            Section::Responses => "responses",
        }
    }

    fn from_key(k: &str) -> Option<Self> {
        match k {
            "definitions" => Some(Section::Definitions),
            "parameters" => Some(Section::Parameters),
            "responses" => Some(Section::Responses),
            _ => None,
        }
    }
}

impl Symbol {
    pub fn name(&self) -> &str {
        match self {
            Symbol::Component { name, .. } | Symbol::Operation(name) => name,
        }
    }
}

/// One written occurrence of a symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub file: FileKind,
    /// The range of the name itself (inside the quotes; for a `$ref`, only the last segment).
    pub range: TextRange,
    pub is_definition: bool,
}

/// The content range of a string node (inside its quotes), if it has no escapes, so that text
/// offsets inside the value equal offsets in the source.
fn plain_content(node: Node) -> Option<TextRange> {
    let src = node.source();
    let inner = src.strip_prefix('"')?.strip_suffix('"')?;
    if inner.contains('\\') {
        return None;
    }
    let r = node.range();
    Some(TextRange::new(r.start + 1, r.end - 1))
}

fn key_content(node: Node) -> Option<TextRange> {
    let k = node.key_range()?;
    let src = &node.tree().text()[k.as_usize()];
    let inner = src.strip_prefix('"')?.strip_suffix('"')?;
    if inner.contains('\\') {
        return None;
    }
    Some(TextRange::new(k.start + 1, k.end - 1))
}

/// Parses `#/definitions/Name` into the section and the (unescaped) name.
pub fn parse_ref(reference: &str) -> Option<(Section, String)> {
    let rest = reference.strip_prefix("#/")?;
    let (section, name) = rest.split_once('/')?;
    if name.contains('/') {
        return None;
    }
    Some((
        Section::from_key(section)?,
        crate::json::unescape_token(name).into_owned(),
    ))
}

/// The range of the name part of a `$ref` string value (its last pointer token).
fn ref_name_range(node: Node) -> Option<TextRange> {
    let content = plain_content(node)?;
    let value = node.as_str()?;
    let slash = value.rfind('/')? as u32;
    Some(TextRange::new(content.start + slash + 1, content.end))
}

/// Whether `node` is the `operationId` member of an operation object.
fn is_operation_id_definition(node: Node) -> bool {
    node.key() == Some("operationId")
        && node.parent().is_some_and(|op| {
            op.key()
                .is_some_and(|m| super::swagger::METHODS.contains(&m.to_ascii_lowercase().as_str()))
                && op
                    .parent()
                    .and_then(|item| item.parent())
                    .is_some_and(|paths| {
                        paths.key() == Some("paths")
                            && paths.parent().is_some_and(|r| r.parent().is_none())
                    })
        })
}

/// Whether a string node in apiProperties names an operation: an item of `scriptOperations`,
/// or a value (or array item) under a policy template parameter naming operations.
fn names_operation_in_api_properties(node: Node) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    let holder = if parent.kind() == Kind::Array {
        parent
    } else {
        node
    };
    match holder.key() {
        Some("scriptOperations") => true,
        Some(k) => {
            let k = k.to_ascii_lowercase();
            k.contains("operationname") || k.contains("operationid")
        }
        None => false,
    }
}

/// The symbol written at `offset` of `file`, and the range of its name there.
pub fn symbol_at(pkg: &Package, file: FileKind, offset: u32) -> Option<(Symbol, TextRange)> {
    let doc = pkg.document(file)?;
    let node = doc.tree().node_at(offset)?;
    match file {
        FileKind::Swagger => {
            // A `$ref` value.
            if node.key() == Some("$ref") {
                let (section, name) = parse_ref(node.as_str()?)?;
                return Some((Symbol::Component { section, name }, ref_name_range(node)?));
            }
            // A component's own key.
            if let Some(k) = node.key_range() {
                if k.touches(offset) {
                    let section = node.parent()?;
                    if section.parent().is_some_and(|r| r.parent().is_none()) {
                        if let Some(sec) = section.key().and_then(Section::from_key) {
                            return Some((
                                Symbol::Component {
                                    section: sec,
                                    name: node.key()?.to_string(),
                                },
                                key_content(node)?,
                            ));
                        }
                    }
                }
            }
            if node.key() == Some("operationId") && node.kind() == Kind::String {
                return Some((
                    Symbol::Operation(node.as_str()?.to_string()),
                    plain_content(node)?,
                ));
            }
            None
        }
        FileKind::ApiProperties
            if node.kind() == Kind::String && names_operation_in_api_properties(node) =>
        {
            Some((
                Symbol::Operation(node.as_str()?.to_string()),
                plain_content(node)?,
            ))
        }
        _ => None,
    }
}

/// Every occurrence of `symbol` in the package, definitions first.
pub fn occurrences(pkg: &Package, symbol: &Symbol) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let Some(root) = pkg.swagger.as_ref().and_then(|d| d.tree().root()) else {
        return out;
    };
    match symbol {
        Symbol::Component { section, name } => {
            if let Some(def) = root.get(section.key()).and_then(|s| s.get(name)) {
                if let Some(r) = key_content(def) {
                    out.push(Occurrence {
                        file: FileKind::Swagger,
                        range: r,
                        is_definition: true,
                    });
                }
            }
            walk(root, &mut |n| {
                if n.key() == Some("$ref") {
                    if let Some((s, nm)) = n.as_str().and_then(parse_ref) {
                        if s == *section && nm == *name {
                            if let Some(r) = ref_name_range(n) {
                                out.push(Occurrence {
                                    file: FileKind::Swagger,
                                    range: r,
                                    is_definition: false,
                                });
                            }
                        }
                    }
                }
            });
        }
        Symbol::Operation(id) => {
            let mut refs = Vec::new();
            walk(root, &mut |n| {
                if n.key() == Some("operationId") && n.as_str() == Some(id) {
                    if let Some(r) = plain_content(n) {
                        let def = is_operation_id_definition(n);
                        let occ = Occurrence {
                            file: FileKind::Swagger,
                            range: r,
                            is_definition: def,
                        };
                        if def {
                            out.push(occ);
                        } else {
                            refs.push(occ);
                        }
                    }
                }
            });
            out.extend(refs);
            if let Some(api) = pkg.api_properties.as_ref().and_then(|d| d.tree().root()) {
                walk(api, &mut |n| {
                    if n.as_str() == Some(id) && names_operation_in_api_properties(n) {
                        if let Some(r) = plain_content(n) {
                            out.push(Occurrence {
                                file: FileKind::ApiProperties,
                                range: r,
                                is_definition: false,
                            });
                        }
                    }
                });
            }
        }
    }
    out
}

/// Visits every node below `node` (iteratively: documents can be deep).
fn walk<'a>(node: Node<'a>, f: &mut impl FnMut(Node<'a>)) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        f(n);
        stack.extend(n.children().rev());
    }
}

/// The node a symbol is defined by (for hover previews and go-to-definition).
pub fn definition_node<'a>(pkg: &'a Package, symbol: &Symbol) -> Option<Node<'a>> {
    let swagger = Swagger::new(pkg.swagger.as_ref()?.tree().root()?)?;
    match symbol {
        Symbol::Component { section, name } => swagger.root.get(section.key())?.get(name),
        Symbol::Operation(id) => swagger.operation_by_id(id).map(|op| op.node),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::Document;
    use std::path::PathBuf;

    fn pkg(swagger: &str, api: &str) -> Package {
        Package::from_documents(
            std::path::Path::new("/p"),
            vec![
                Document::new(
                    PathBuf::from("/p/apiDefinition.swagger.json"),
                    FileKind::Swagger,
                    swagger,
                ),
                Document::new(
                    PathBuf::from("/p/apiProperties.json"),
                    FileKind::ApiProperties,
                    api,
                ),
            ],
            None,
        )
    }

    const SWAGGER: &str = r##"{"paths": {"/a": {"get": {"operationId": "ListA",
        "responses": {"200": {"schema": {"$ref": "#/definitions/Item"}}}},
        "post": {"operationId": "MakeA", "parameters": [{"name": "x", "in": "query",
        "x-ms-dynamic-values": {"operationId": "ListA"}}]}}},
        "definitions": {"Item": {"type": "object", "properties": {"child": {"$ref": "#/definitions/Item"}}}}}"##;

    #[test]
    fn definitions_and_refs() {
        let p = pkg(SWAGGER, "{}");
        let at = SWAGGER.find("#/definitions/Item").unwrap() as u32 + 15;
        let (sym, range) = symbol_at(&p, FileKind::Swagger, at).unwrap();
        assert_eq!(&SWAGGER[range.as_usize()], "Item");
        let occ = occurrences(&p, &sym);
        assert_eq!(occ.len(), 3);
        assert!(occ[0].is_definition);
        assert!(occ.iter().all(|o| &SWAGGER[o.range.as_usize()] == "Item"));
    }

    #[test]
    fn operation_ids_across_files() {
        let api = r#"{"properties": {"scriptOperations": ["ListA"]}}"#;
        let p = pkg(SWAGGER, api);
        let at = api.find("ListA").unwrap() as u32 + 1;
        let (sym, _) = symbol_at(&p, FileKind::ApiProperties, at).unwrap();
        assert_eq!(sym, Symbol::Operation("ListA".into()));
        let occ = occurrences(&p, &sym);
        assert_eq!(occ.len(), 3);
        assert!(occ[0].is_definition && occ[0].file == FileKind::Swagger);
        assert_eq!(occ[2].file, FileKind::ApiProperties);
        assert_eq!(definition_node(&p, &sym).unwrap().key(), Some("get"));
    }
}
