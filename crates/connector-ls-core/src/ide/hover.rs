//! Hover: a preview of a `$ref` target, and on an operation the "maker's view" — how Power
//! Automate presents it (title, inputs with labels, required marks, visibility groups, outputs).

use std::fmt::Write;

use crate::catalog;
use crate::json::Node;
use crate::package::refs::{self, Symbol};
use crate::package::swagger::{Operation, Swagger, METHODS};
use crate::package::{FileKind, Package};

/// Lines of a `$ref` target shown in its preview.
const PREVIEW_LINES: usize = 30;

/// Markdown for the node at `offset` of `file`, if there is anything to say.
pub fn hover_markdown(pkg: &Package, file: FileKind, offset: u32) -> Option<String> {
    // What the hover quotes of the package (a `$ref` target's source, descriptions) may hold a
    // credential: it is shown masked.
    unmasked_hover(pkg, file, offset).map(|md| crate::rules::review::mask_secrets(pkg, &md))
}

fn unmasked_hover(pkg: &Package, file: FileKind, offset: u32) -> Option<String> {
    if let Some((symbol, _)) = refs::symbol_at(pkg, file, offset) {
        if let Some(md) = symbol_preview(pkg, &symbol) {
            return Some(md);
        }
    }
    if let Some(root) = match file {
        FileKind::ApiProperties => Some(&crate::schemas::API_PROPERTIES.value),
        FileKind::Settings => Some(&crate::schemas::SETTINGS.value),
        _ => None,
    } {
        return schema_key_docs(root, pkg.document(file)?, offset);
    }
    let doc = pkg.swagger.as_ref()?;
    let node = doc.tree().node_at(offset)?;
    let swagger = Swagger::new(doc.tree().root()?)?;
    if let Some(md) = key_docs(&swagger, node, offset) {
        return Some(md);
    }
    // Over an operation's method key or its operationId/summary: the maker's view.
    let op_node = std::iter::once(node)
        .chain(node.ancestors())
        .find(|n| is_operation(*n))?;
    let on_header = node == op_node && node.key_range().is_some_and(|k| k.touches(offset))
        || (node.parent() == Some(op_node)
            && matches!(node.key(), Some("operationId" | "summary")));
    if !on_header {
        return None;
    }
    let op = swagger.operations().find(|o| o.node == op_node)?;
    Some(makers_view(&swagger, &op))
}

/// Docs of the member name under the cursor: an `x-ms-*` extension (what it does, its values,
/// where it may appear) or a Swagger field.
fn key_docs(swagger: &Swagger, node: Node, offset: u32) -> Option<String> {
    let key = node.key()?;
    if !node.key_range()?.touches(offset) {
        return None;
    }
    let object = node.parent()?;
    if let Some(ext) = catalog::extension(key) {
        let mut md = format!("**{}**\n\n{}\n", ext.name, ext.doc);
        if !ext.value.values.is_empty() {
            let _ = write!(
                md,
                "\nValues: {}\n",
                ext.value
                    .values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if !ext.value.members.is_empty() {
            md.push_str("\nMembers:\n");
            for m in ext.value.members {
                let req = if m.required { " *(required)*" } else { "" };
                let _ = writeln!(md, "- `{}`{req} — {}", m.name, m.doc);
            }
        }
        if !ext.sites.is_empty() {
            let _ = write!(
                md,
                "\nAllowed on: {}\n",
                ext.sites
                    .iter()
                    .map(|s| s.describe())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if let Some(site) = catalog::site_of(object, swagger) {
            if !ext.allowed_at(site) {
                let _ = write!(md, "\n⚠ Has no effect on {}.\n", site.describe());
            }
        }
        return Some(md);
    }
    if let Some(parent_ext) = object.key().and_then(catalog::extension) {
        let m = parent_ext.member(key)?;
        return Some(format!(
            "**{}** › `{}`\n\n{}",
            parent_ext.name, m.name, m.doc
        ));
    }
    let site = catalog::site_of(object, swagger)?;
    catalog::field(site, key).map(|f| {
        let values = if f.value.values.is_empty() {
            String::new()
        } else {
            format!(
                "\n\nValues: {}",
                f.value
                    .values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        format!(
            "**{key}** — Swagger 2.0 field of {}.{values}",
            site.describe()
        )
    })
}

/// The description our schema gives the member name under the cursor.
fn schema_key_docs(
    root: &serde_json::Value,
    doc: &crate::package::Document,
    offset: u32,
) -> Option<String> {
    let node = doc.tree().node_at(offset)?;
    let key = node.key()?;
    if !node.key_range()?.touches(offset) {
        return None;
    }
    let described = crate::schemas::for_node(root, node)
        .into_iter()
        .find_map(|s| s.get("description").and_then(|d| d.as_str()))?;
    Some(format!("**{key}**\n\n{described}"))
}

fn is_operation(n: Node) -> bool {
    n.is_object()
        && n.key()
            .is_some_and(|m| METHODS.contains(&m.to_ascii_lowercase().as_str()))
        && n.parent().and_then(|p| p.parent()).is_some_and(|paths| {
            paths.key() == Some("paths") && paths.parent().is_some_and(|r| r.parent().is_none())
        })
}

fn symbol_preview(pkg: &Package, symbol: &Symbol) -> Option<String> {
    let node = refs::definition_node(pkg, symbol)?;
    let swagger = Swagger::new(pkg.swagger.as_ref()?.tree().root()?)?;
    if let Symbol::Operation(_) = symbol {
        let op = swagger.operations().find(|o| o.node == node)?;
        return Some(makers_view(&swagger, &op));
    }
    let mut md = format!("**{}** `{}`\n\n```json\n", symbol.name(), node.pointer());
    let src = node.source();
    let lines: Vec<&str> = src.lines().collect();
    for l in lines.iter().take(PREVIEW_LINES) {
        md.push_str(l);
        md.push('\n');
    }
    if lines.len() > PREVIEW_LINES {
        let _ = writeln!(md, "… ({} more lines)", lines.len() - PREVIEW_LINES);
    }
    md.push_str("```");
    Some(md)
}

fn type_of(swagger: &Swagger, schema: Node) -> String {
    let s = swagger.deref(schema).unwrap_or(schema);
    let ty = s
        .get_str("type")
        .unwrap_or(if s.get("properties").is_some() {
            "object"
        } else {
            "any"
        });
    match (ty, s.get_str("format")) {
        ("array", _) => {
            let inner = s
                .get("items")
                .map_or_else(|| "any".to_string(), |i| type_of(swagger, i));
            format!("array of {inner}")
        }
        (t, Some(f)) => format!("{t} ({f})"),
        (t, None) => t.to_string(),
    }
}

/// The designer's grouping of an input or output.
fn visibility(node: Node) -> &'static str {
    match node.get_str("x-ms-visibility") {
        Some("important") => "important",
        Some("advanced") => "advanced",
        Some("internal") => "internal",
        _ => "normal",
    }
}

struct Field {
    label: String,
    name: String,
    ty: String,
    required: bool,
    group: &'static str,
    description: Option<String>,
}

fn field_line(f: &Field) -> String {
    let req = if f.required { " *(required)*" } else { "" };
    let desc = f
        .description
        .as_deref()
        .map(|d| format!(" — {d}"))
        .unwrap_or_default();
    format!("- **{}**{req} `{}` · {}{desc}\n", f.label, f.name, f.ty)
}

fn inputs(swagger: &Swagger, op: &Operation) -> Vec<Field> {
    let mut out = Vec::new();
    for p in op.parameters() {
        let def = p.def;
        let name = def.get_str("name").unwrap_or("?");
        if def.get_str("in") == Some("body") {
            // The designer flattens the body schema's properties into fields.
            let Some(schema) = def.get("schema").and_then(|s| swagger.deref(s)) else {
                continue;
            };
            let required: Vec<&str> = schema
                .get("required")
                .into_iter()
                .flat_map(|r| r.items())
                .filter_map(|r| r.as_str())
                .collect();
            for (prop, ps) in schema
                .get("properties")
                .into_iter()
                .flat_map(|p| p.members())
            {
                let ps_def = swagger.deref(ps).unwrap_or(ps);
                out.push(Field {
                    label: ps_def.get_str("x-ms-summary").unwrap_or(prop).to_string(),
                    name: prop.to_string(),
                    ty: type_of(swagger, ps),
                    required: required.contains(&prop),
                    group: visibility(ps_def),
                    description: ps_def.get_str("description").map(str::to_string),
                });
            }
            if schema.get("properties").is_none() {
                out.push(Field {
                    label: def.get_str("x-ms-summary").unwrap_or(name).to_string(),
                    name: name.to_string(),
                    ty: type_of(swagger, schema),
                    required: p.is_required(),
                    group: visibility(def),
                    description: def.get_str("description").map(str::to_string),
                });
            }
            continue;
        }
        out.push(Field {
            label: def.get_str("x-ms-summary").unwrap_or(name).to_string(),
            name: name.to_string(),
            ty: type_of(swagger, def),
            required: p.is_required(),
            group: visibility(def),
            description: def.get_str("description").map(str::to_string),
        });
    }
    out
}

fn outputs(swagger: &Swagger, op: &Operation) -> Vec<Field> {
    let Some(responses) = op.responses() else {
        return Vec::new();
    };
    let success = responses
        .members()
        .find(|(code, r)| code.starts_with('2') && r.get("schema").is_some())
        .map(|(_, r)| r);
    let Some(schema) = success
        .and_then(|r| r.get("schema"))
        .and_then(|s| swagger.deref(s))
    else {
        return Vec::new();
    };
    let schema = if schema.get_str("type") == Some("array") {
        schema
            .get("items")
            .and_then(|i| swagger.deref(i))
            .unwrap_or(schema)
    } else {
        schema
    };
    schema
        .get("properties")
        .into_iter()
        .flat_map(|p| p.members())
        .map(|(name, ps)| {
            let d = swagger.deref(ps).unwrap_or(ps);
            Field {
                label: d.get_str("x-ms-summary").unwrap_or(name).to_string(),
                name: name.to_string(),
                ty: type_of(swagger, ps),
                required: false,
                group: visibility(d),
                description: d.get_str("description").map(str::to_string),
            }
        })
        .collect()
}

/// How the designer shows an operation.
pub fn makers_view(swagger: &Swagger, op: &Operation) -> String {
    let node = op.node;
    let title = node
        .get_str("summary")
        .unwrap_or("(no summary: the designer shows the operationId)");
    let kind = if op.is_trigger() { "trigger" } else { "action" };
    let mut md = format!(
        "### {title}\n*{kind}* · `{} {}` · `{}`\n",
        op.method.to_uppercase(),
        op.path,
        op.display_name()
    );
    if node.get("deprecated").and_then(|d| d.as_bool()) == Some(true) {
        md.push_str("\n⚠ deprecated: hidden from new flows\n");
    }
    if node.get_str("x-ms-visibility") == Some("internal") {
        md.push_str("\n🔒 internal: not shown in the designer\n");
    }
    if let Some(d) = node.get_str("description") {
        let _ = write!(md, "\n{d}\n");
    }
    let fields = inputs(swagger, op);
    for (group, heading) in [
        ("important", "Inputs"),
        ("normal", "Inputs"),
        ("advanced", "Advanced parameters (collapsed)"),
        ("internal", "Internal (never shown; default value sent)"),
    ] {
        let in_group: Vec<&Field> = fields.iter().filter(|f| f.group == group).collect();
        if in_group.is_empty() {
            continue;
        }
        if group == "normal" && fields.iter().any(|f| f.group == "important") {
            // Same heading as "important": continue the list.
        } else {
            let _ = write!(md, "\n**{heading}**\n");
        }
        for f in in_group {
            md.push_str(&field_line(f));
        }
    }
    let outs = outputs(swagger, op);
    if !outs.is_empty() {
        md.push_str("\n**Outputs** (dynamic content)\n");
        for f in outs.iter().filter(|f| f.group != "internal") {
            md.push_str(&field_line(f));
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::Document;
    use std::path::{Path, PathBuf};

    #[test]
    fn api_properties_keys_have_schema_docs() {
        let text = r##"{"properties": {"iconBrandColor": "#123456"}}"##;
        let pkg = Package::from_documents(
            Path::new("/p"),
            vec![Document::new(
                PathBuf::from("/p/apiProperties.json"),
                FileKind::ApiProperties,
                text,
            )],
            None,
        );
        let md = hover_markdown(
            &pkg,
            FileKind::ApiProperties,
            text.find("iconBrand").unwrap() as u32,
        )
        .unwrap();
        assert!(
            md.starts_with("**iconBrandColor**") && md.contains("#rrggbb"),
            "{md}"
        );
    }

    #[test]
    fn makers_view_groups_inputs() {
        let text = r##"{"paths": {"/items/{id}": {"get": {"operationId": "GetItem", "summary": "Get an item",
            "parameters": [{"name": "id", "in": "path", "required": true, "type": "string", "x-ms-summary": "Item ID"},
              {"name": "expand", "in": "query", "type": "boolean", "x-ms-visibility": "advanced"}],
            "responses": {"200": {"schema": {"$ref": "#/definitions/Item"}}}}}},
            "definitions": {"Item": {"type": "object", "properties": {"name": {"type": "string", "x-ms-summary": "Name"}}}}}"##;
        let pkg = Package::from_documents(
            Path::new("/p"),
            vec![Document::new(
                PathBuf::from("/p/apiDefinition.swagger.json"),
                FileKind::Swagger,
                text,
            )],
            None,
        );
        let at = text.find("GetItem").unwrap() as u32;
        let md = hover_markdown(&pkg, FileKind::Swagger, at).unwrap();
        assert!(md.contains("### Get an item"), "{md}");
        assert!(
            md.contains("**Item ID** *(required)* `id` · string"),
            "{md}"
        );
        assert!(md.contains("Advanced parameters"), "{md}");
        assert!(md.contains("**Name** `name` · string"), "{md}");
        let at_ref = text.find("#/definitions/Item").unwrap() as u32 + 16;
        let preview = hover_markdown(&pkg, FileKind::Swagger, at_ref).unwrap();
        let at_ext = text.find("x-ms-visibility").unwrap() as u32 + 2;
        let ext = hover_markdown(&pkg, FileKind::Swagger, at_ext).unwrap();
        assert!(
            ext.starts_with("**x-ms-visibility**") && ext.contains("`advanced`"),
            "{ext}"
        );
        assert!(
            preview.starts_with("**Item** `/definitions/Item`"),
            "{preview}"
        );
    }
}
