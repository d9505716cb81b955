//! Completion of keys and values, in context, on half-typed documents.
//!
//! The cursor context comes from the tolerant tree plus a look at the text just before the
//! cursor: inside a key (even an unterminated `"x-ms-`), where a new key may start, inside a
//! value, or right after a colon. Keys are the Swagger fixed fields of the object's site plus the
//! `x-ms-*` extensions allowed there (from [`crate::catalog`]); values are enums, `$ref`
//! targets, operationIds and the called operation's parameter names.
//!
//! Candidates come in the order they should be offered, with the byte range they replace; the
//! language server turns them into `CompletionItem`s.

use crate::catalog::{self, Site};
use crate::json::{Kind, Node};
use crate::package::swagger::Swagger;
use crate::package::{Document, FileKind, Package};
use crate::schemas;
use crate::text::TextRange;

/// What a candidate is, for the editor's icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidateKind {
    /// A member of a structured value: of an `x-ms-*` extension's object, or a called
    /// operation's parameter inside `x-ms-dynamic-*.parameters`.
    Field,
    /// A key of the object: a Swagger fixed field, an `x-ms-*` extension, a key of our JSON
    /// schemas (apiProperties, settings).
    Property,
    /// A value: an enum member, a `$ref` target, an operationId, a parameter name.
    Value,
    /// A whole template (a policy template instance).
    Snippet,
}

/// One completion candidate: `insert` replaces `replace` (a byte range of the document).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    pub kind: CandidateKind,
    /// The text put in place of `replace`; a snippet (`$1`, `${1|a,b|}` placeholders) when
    /// `snippet` is set.
    pub insert: String,
    pub snippet: bool,
    pub replace: TextRange,
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
}

/// What the cursor is on.
#[derive(Debug)]
enum Context<'a> {
    /// A member name of `object`; `replace` covers the partial key (with its quotes) and
    /// `has_value` says whether a `: value` already follows.
    Key {
        object: Node<'a>,
        replace: TextRange,
        has_value: bool,
    },
    /// The value of member `key` of `object` (or an item of the array under `key`).
    Value {
        object: Node<'a>,
        key: &'a str,
        replace: TextRange,
        quoted: bool,
    },
}

fn prev_non_ws(text: &str, offset: u32) -> Option<char> {
    text[..offset as usize]
        .chars()
        .rev()
        .find(|c| !c.is_whitespace())
}

fn context_at(doc: &Document, offset: u32) -> Option<Context<'_>> {
    let tree = doc.tree();
    let text = tree.text();
    let offset = offset.min(text.len() as u32);
    let node = tree.node_at(offset)?;
    // Inside (or just after) a key.
    if let Some(k) = node.key_range() {
        if k.start < offset
            && offset <= k.end
            && (offset < k.end || !text[k.as_usize()].ends_with('"') || k.len() == 1)
        {
            let has_value = node.kind() != Kind::Error || !node.range().is_empty();
            return Some(Context::Key {
                object: node.parent()?,
                replace: k,
                has_value,
            });
        }
    }
    // A string or scalar value under the cursor, or a missing value right after a colon.
    if !node.kind().is_container() && node.range().touches(offset) && node.parent().is_some() {
        let quoted = node.kind() == Kind::String;
        let inside = node.range().start < offset || node.range().is_empty();
        if inside {
            let (object, key) = value_owner(node)?;
            return Some(Context::Value {
                object,
                key,
                replace: node.range(),
                quoted,
            });
        }
    }
    // Whitespace inside a container.
    let container = if node.kind().is_container() {
        node
    } else {
        node.parent()?
    };
    let before = prev_non_ws(text, offset);
    match container.kind() {
        Kind::Object if matches!(before, Some('{' | ',')) => Some(Context::Key {
            object: container,
            replace: TextRange::empty(offset),
            has_value: false,
        }),
        Kind::Object if before == Some(':') => {
            // `"key": |` where the parser attached nothing (yet).
            let member = container
                .children()
                .rev()
                .find(|c| c.key_range().is_some_and(|k| k.end < offset))?;
            Some(Context::Value {
                object: container,
                key: member.key()?,
                replace: TextRange::empty(offset),
                quoted: false,
            })
        }
        Kind::Array if matches!(before, Some('[' | ',')) => {
            let object = container.parent().filter(Node::is_object)?;
            Some(Context::Value {
                object,
                key: container.key()?,
                replace: TextRange::empty(offset),
                quoted: false,
            })
        }
        _ => None,
    }
}

/// The object and member name a value belongs to (an array item belongs to its array's member).
fn value_owner(node: Node<'_>) -> Option<(Node<'_>, &str)> {
    let parent = node.parent()?;
    match parent.kind() {
        Kind::Object => Some((parent, node.key()?)),
        Kind::Array => Some((parent.parent().filter(Node::is_object)?, parent.key()?)),
        _ => None,
    }
}

struct Items {
    replace: TextRange,
    out: Vec<Candidate>,
}

impl Items {
    fn push(
        &mut self,
        label: &str,
        insert: String,
        snippet: bool,
        kind: CandidateKind,
        detail: Option<String>,
        docs: Option<&str>,
    ) {
        self.out.push(Candidate {
            label: label.to_string(),
            kind,
            insert,
            snippet,
            replace: self.replace,
            detail,
            documentation: docs.map(str::to_string),
        });
    }
}

/// A value snippet for a Swagger fixed field at `site`.
fn swagger_value_snippet(site: Site, key: &str) -> &'static str {
    match key {
        "required" if site.is_schema() => "[$1]",
        "parameters" if site == Site::Root => "{\n\t$1\n}",
        "parameters" | "tags" | "schemes" | "consumes" | "produces" | "security" | "enum" => "[$1]",
        "required" | "deprecated" | "uniqueItems" | "allowEmptyValue" | "readOnly"
        | "exclusiveMaximum" | "exclusiveMinimum" => "${1|true,false|}",
        "maximum" | "minimum" | "maxLength" | "minLength" | "maxItems" | "minItems"
        | "multipleOf" | "maxProperties" | "minProperties" => "${1:0}",
        "contact" => "{\n\t\"name\": \"${1:Support team}\",\n\t\"url\": \"${2:https://}\",\n\t\"email\": \"${3:support@}\"\n}",
        "info" | "paths" | "definitions" | "responses" | "securityDefinitions" | "properties"
        | "schema" | "items" | "license" | "headers" | "examples" | "externalDocs"
        | "additionalProperties" | "get" | "put" | "post" | "delete" | "options" | "head"
        | "patch" => "{\n\t$1\n}",
        "in" => "\"${1|query,header,path,formData,body|}\"",
        "type" => "\"${1|string,integer,number,boolean,array,object|}\"",
        "collectionFormat" => "\"${1|csv,ssv,tsv,pipes,multi|}\"",
        _ => "\"$1\"",
    }
}

fn swagger_key_doc(site: Site, key: &str) -> String {
    format!("Swagger 2.0 field of {}: `{key}`.", site.describe())
}

/// Formats valid for a Swagger type.
fn formats_for(ty: Option<&str>) -> &'static [&'static str] {
    match ty {
        Some("integer") => &["int32", "int64"],
        Some("number") => &["float", "double"],
        Some("string") => &[
            "byte",
            "binary",
            "date",
            "date-time",
            "password",
            "email",
            "uri",
            "uuid",
            "html",
        ],
        _ => &[],
    }
}

/// The completion candidates at byte `offset` of `doc`, a document of `pkg`.
pub fn complete(pkg: &Package, doc: &Document, offset: u32) -> Vec<Candidate> {
    let Some(cx) = context_at(doc, offset) else {
        return Vec::new();
    };
    let swagger_doc = if doc.kind == FileKind::Swagger {
        Some(doc)
    } else {
        pkg.swagger.as_ref()
    };
    let swagger = swagger_doc
        .and_then(|d| d.tree().root())
        .and_then(Swagger::new);
    match cx {
        Context::Key {
            object,
            replace,
            has_value,
        } => {
            let mut items = Items {
                replace,
                out: Vec::new(),
            };
            let present: Vec<&str> = object.members().map(|(k, _)| k).collect();
            match doc.kind {
                FileKind::Swagger => {
                    if let Some(sw) = swagger {
                        complete_swagger_keys(&sw, object, has_value, &present, &mut items);
                    }
                }
                FileKind::ApiProperties | FileKind::Settings => {
                    complete_schema_keys(doc.kind, object, has_value, &present, &mut items);
                }
                _ => {}
            }
            items.out
        }
        Context::Value {
            object,
            key,
            replace,
            quoted,
        } => {
            let mut items = Items {
                replace,
                out: Vec::new(),
            };
            if doc.kind != FileKind::Swagger {
                complete_schema_values(doc.kind, object, key, &mut items);
                return items.out;
            }
            let values = value_candidates(pkg, swagger.as_ref(), doc.kind, object, key);
            for (v, detail) in values {
                let text = serde_json::Value::String(v.clone()).to_string();
                let _ = quoted;
                items.push(&v, text, false, CandidateKind::Value, detail, None);
            }
            items.out
        }
    }
}

fn complete_swagger_keys(
    sw: &Swagger,
    object: Node,
    has_value: bool,
    present: &[&str],
    items: &mut Items,
) {
    let text_for = |key: &str, value: &str| {
        if has_value {
            format!("\"{key}\"")
        } else {
            format!("\"{key}\": {value}")
        }
    };
    // Members of a structured extension value (`x-ms-dynamic-values: { | }`).
    if let Some(ext) = object.key().and_then(catalog::extension) {
        for m in ext
            .value
            .members
            .iter()
            .filter(|m| !present.contains(&m.name))
        {
            let snippet = if m.value.values.is_empty() {
                "\"$1\"".to_string()
            } else {
                format!("\"${{1|{}|}}\"", m.value.values.join(","))
            };
            items.push(
                m.name,
                text_for(m.name, &snippet),
                true,
                CandidateKind::Field,
                Some(ext.name.to_string()),
                Some(m.doc),
            );
        }
        return;
    }
    // The called operation's parameter names inside `x-ms-dynamic-*.parameters`.
    if object.key() == Some("parameters") {
        if let Some(target) = object
            .parent()
            .filter(|p| p.key().is_some_and(|k| k.starts_with("x-ms-dynamic")))
            .and_then(|p| p.get_str("operationId"))
        {
            if let Some(op) = sw.operation_by_id(target) {
                for p in op.parameters() {
                    let Some(name) = p.name() else { continue };
                    if present.contains(&name) {
                        continue;
                    }
                    let doc = p.def.get_str("description");
                    items.push(
                        name,
                        text_for(name, "{\"parameter\": \"$1\"}"),
                        true,
                        CandidateKind::Field,
                        Some(format!("parameter of {target}")),
                        doc,
                    );
                }
            }
            return;
        }
    }
    let Some(site) = catalog::site_of(object, sw) else {
        return;
    };
    if let Some(fields) = catalog::fields(site) {
        for f in fields.iter().filter(|f| !present.contains(&f.name)) {
            let snippet = if f.value.values.is_empty() {
                swagger_value_snippet(site, f.name).to_string()
            } else {
                format!("\"${{1|{}|}}\"", f.value.values.join(","))
            };
            items.push(
                f.name,
                text_for(f.name, &snippet),
                true,
                CandidateKind::Property,
                Some("Swagger 2.0".to_string()),
                Some(&swagger_key_doc(site, f.name)),
            );
        }
    }
    for ext in catalog::extensions_at(site).filter(|e| !present.contains(&e.name)) {
        items.push(
            ext.name,
            text_for(ext.name, &ext.value_snippet()),
            true,
            CandidateKind::Property,
            Some(format!("extension on {}", site.describe())),
            Some(ext.doc),
        );
    }
}

/// The schema of `kind`'s file.
fn schema_of(kind: FileKind) -> Option<&'static serde_json::Value> {
    match kind {
        FileKind::ApiProperties => Some(&crate::schemas::API_PROPERTIES.value),
        FileKind::Settings => Some(&crate::schemas::SETTINGS.value),
        _ => None,
    }
}

fn schema_doc(s: &serde_json::Value) -> Option<&str> {
    s.get("description").and_then(|d| d.as_str())
}

fn schema_snippet(root: &serde_json::Value, s: &serde_json::Value) -> String {
    let s = schemas::deref(root, s);
    if let Some(values) = s.get("enum").and_then(|e| e.as_array()) {
        let vals = distinct_ignoring_case(values.iter().filter_map(|v| v.as_str()));
        if !vals.is_empty() {
            return format!("\"${{1|{}|}}\"", vals.join(","));
        }
    }
    let ty = match s.get("type") {
        Some(serde_json::Value::String(t)) => t.as_str(),
        Some(serde_json::Value::Array(ts)) => ts.first().and_then(|t| t.as_str()).unwrap_or(""),
        _ => "",
    };
    match ty {
        "object" => "{\n\t$1\n}".to_string(),
        "array" => "[$1]".to_string(),
        "boolean" => "${1|true,false|}".to_string(),
        "integer" | "number" => "${1:0}".to_string(),
        _ => "\"$1\"".to_string(),
    }
}

/// Enum values without case variants (the schema lists `setheader`, `SetHeader`, ...).
fn distinct_ignoring_case<'v>(values: impl Iterator<Item = &'v str>) -> Vec<&'v str> {
    let mut out: Vec<&str> = Vec::new();
    for v in values {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(v)) {
            out.push(v);
        }
    }
    out
}

fn complete_schema_keys(
    kind: FileKind,
    object: Node,
    has_value: bool,
    present: &[&str],
    items: &mut Items,
) {
    let Some(root) = schema_of(kind) else { return };
    let mut seen: Vec<&str> = Vec::new();
    for s in schemas::for_node(root, object) {
        for (name, prop) in s
            .get("properties")
            .and_then(|p| p.as_object())
            .into_iter()
            .flatten()
        {
            if present.contains(&name.as_str()) || seen.contains(&name.as_str()) {
                continue;
            }
            seen.push(name);
            let text = if has_value {
                format!("\"{name}\"")
            } else {
                format!("\"{name}\": {}", schema_snippet(root, prop))
            };
            let doc = schema_doc(schemas::deref(root, prop)).or_else(|| schema_doc(prop));
            items.push(
                name,
                text,
                true,
                CandidateKind::Property,
                Some(kind.file_name().to_string()),
                doc,
            );
        }
    }
}

/// One snippet per policy template, with the parameters that template requires.
fn policy_template_snippets(root: &serde_json::Value) -> Vec<(String, String, Option<String>)> {
    let Some(def) = root.pointer("/definitions/policyTemplateInstance") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for rule in def
        .get("allOf")
        .and_then(|a| a.as_array())
        .into_iter()
        .flatten()
    {
        let Some(id) = rule
            .pointer("/if/properties/templateId/enum/0")
            .and_then(|v| v.as_str())
        else {
            continue;
        };
        let required: Vec<&str> = rule
            .pointer("/then/properties/parameters/required")
            .and_then(|r| r.as_array())
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .collect();
        let mut params = String::new();
        for (i, p) in required.iter().enumerate() {
            params.push_str(&format!(
                "{}\n\t\t\"{p}\": \"${}\"",
                if i == 0 { "" } else { "," },
                i + 2
            ));
        }
        let body = format!(
            "{{\n\t\"templateId\": \"{id}\",\n\t\"title\": \"$1\",\n\t\"parameters\": {{{params}\n\t}}\n}}"
        );
        let doc = format!(
            "Policy template `{id}`; requires {}.",
            if required.is_empty() {
                "no parameters".to_string()
            } else {
                required
                    .iter()
                    .map(|r| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        );
        out.push((id.to_string(), body, Some(doc)));
    }
    out
}

fn complete_schema_values(kind: FileKind, object: Node, key: &str, items: &mut Items) {
    let Some(root) = schema_of(kind) else { return };
    if kind == FileKind::ApiProperties
        && key == "policyTemplateInstances"
        && object.get(key).is_some_and(|n| n.is_array())
    {
        for (id, body, doc) in policy_template_snippets(root) {
            items.push(
                &id,
                body,
                true,
                CandidateKind::Snippet,
                Some("policy template".to_string()),
                doc.as_deref(),
            );
        }
        return;
    }
    let mut values: Vec<String> = Vec::new();
    let target = object.get(key);
    let schemas = match target {
        Some(t) if t.is_array() => schemas::for_node(root, t)
            .into_iter()
            .filter_map(|s| s.get("items"))
            .flat_map(|i| {
                let mut v = Vec::new();
                schemas::branches(root, i, &mut v);
                v
            })
            .collect(),
        Some(t) => schemas::for_node(root, t),
        None => Vec::new(),
    };
    for s in schemas {
        for v in s
            .get("enum")
            .and_then(|e| e.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(v) = v.as_str() {
                if !values.iter().any(|o| o.eq_ignore_ascii_case(v)) {
                    values.push(v.to_string());
                }
            }
        }
        if s.get("type").and_then(|t| t.as_str()) == Some("boolean") {
            for b in ["true", "false"] {
                items.push(b, b.to_string(), false, CandidateKind::Value, None, None);
            }
        }
    }
    for v in values {
        let text = serde_json::Value::String(v.clone()).to_string();
        items.push(&v, text, false, CandidateKind::Value, None, None);
    }
}

fn value_candidates(
    pkg: &Package,
    swagger: Option<&Swagger>,
    file: FileKind,
    object: Node,
    key: &str,
) -> Vec<(String, Option<String>)> {
    let own = |vals: &[&str]| {
        vals.iter()
            .map(|v| (v.to_string(), None))
            .collect::<Vec<_>>()
    };
    if file != FileKind::Swagger {
        return Vec::new();
    }
    let Some(sw) = swagger else { return Vec::new() };
    if let Some(ext) = catalog::extension(key) {
        return own(ext.value.values);
    }
    if let Some(member) = object
        .key()
        .and_then(catalog::extension)
        .and_then(|e| e.member(key))
    {
        if key == "operationId" {
            return sw
                .operations()
                .filter_map(|o| {
                    Some((
                        o.operation_id()?.to_string(),
                        o.node.get_str("summary").map(str::to_string),
                    ))
                })
                .collect();
        }
        return own(member.value.values);
    }
    let site = catalog::site_of(object, sw);
    match key {
        "in" if site.is_some_and(Site::is_parameter) => {
            own(&["query", "header", "path", "formData", "body"])
        }
        "type" => {
            let mut v = vec!["string", "integer", "number", "boolean", "array", "object"];
            if site.is_some_and(Site::is_parameter)
                || object
                    .parent()
                    .and_then(|p| p.parent())
                    .is_some_and(|r| r.key().is_some())
            {
                v.push("file");
            }
            own(&v)
        }
        "format" => own(formats_for(object.get_str("type"))),
        "collectionFormat" => own(&["csv", "ssv", "tsv", "pipes", "multi"]),
        "schemes" => own(&["https", "http"]),
        "consumes" | "produces" => own(&[
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "text/plain",
            "application/xml",
            "application/octet-stream",
        ]),
        "$ref" => {
            let section = match site {
                Some(Site::Parameter | Site::BodyParameter) => "parameters",
                Some(Site::Response) => "responses",
                _ => "definitions",
            };
            sw.root
                .get(section)
                .into_iter()
                .flat_map(|s| s.members())
                .map(|(name, _)| {
                    (
                        format!("#/{section}/{}", crate::json::escape_token(name)),
                        None,
                    )
                })
                .collect()
        }
        "propertyValue" if object.get_str("propertyName") == Some("Categories") => {
            own(catalog::CONNECTOR_CATEGORIES)
        }
        "propertyName"
            if object.parent().and_then(|a| a.key()) == Some("x-ms-connector-metadata") =>
        {
            own(&["Website", "Privacy policy", "Categories"])
        }
        _ => {
            let _ = pkg;
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn complete_at(text: &str, marker: &str) -> Vec<Candidate> {
        let offset = text.find(marker).unwrap() as u32;
        let text = text.replacen(marker, "", 1);
        let doc = Document::new(
            PathBuf::from("/p/apiDefinition.swagger.json"),
            FileKind::Swagger,
            &text,
        );
        let pkg = Package::from_documents(
            Path::new("/p"),
            vec![Document::new(
                PathBuf::from("/p/apiDefinition.swagger.json"),
                FileKind::Swagger,
                &text,
            )],
            None,
        );
        complete(&pkg, &doc, offset)
    }

    fn labels(items: &[Candidate]) -> Vec<&str> {
        items.iter().map(|i| i.label.as_str()).collect()
    }

    const DOC: &str = r##"{"swagger": "2.0", "paths": {"/a": {"get": {"operationId": "ListA", "parameters": [
        {"name": "x", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "ListA", "parameters": {}}},
        {"name": "y", "in": "query", "type": "integer", "format": "int32"}
    ], "responses": {}}}}, "definitions": {"Pet": {}}}"##;

    #[test]
    fn half_typed_extension_key_in_a_parameter() {
        let text = "{\"swagger\": \"2.0\", \"paths\": {\"/a\": {\"get\": {\"parameters\": [\n  {\"name\": \"x\", \"in\": \"query\",\n   \"x-ms-|\n  }]}}}}";
        let items = complete_at(text, "|");
        let l = labels(&items);
        assert!(l.contains(&"x-ms-summary"), "{l:?}");
        assert!(l.contains(&"x-ms-visibility"), "{l:?}");
        assert!(!l.contains(&"name"), "present keys are excluded: {l:?}");
        assert!(
            !l.contains(&"x-ms-connector-metadata"),
            "root-only extension offered in a parameter"
        );
        let summary = items.iter().find(|i| i.label == "x-ms-summary").unwrap();
        assert!(
            summary.insert.starts_with("\"x-ms-summary\": \""),
            "{}",
            summary.insert
        );
    }

    fn complete_api(text: &str) -> Vec<String> {
        let offset = text.find('|').unwrap() as u32;
        let text = text.replacen('|', "", 1);
        let pkg = Package::from_documents(
            Path::new("/p"),
            vec![Document::new(
                PathBuf::from("/p/apiProperties.json"),
                FileKind::ApiProperties,
                &text,
            )],
            None,
        );
        let doc = pkg.api_properties.as_ref().unwrap();
        complete(&pkg, doc, offset)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    #[test]
    fn api_properties_from_our_schema() {
        let keys = complete_api("{\"properties\": {\"iconBrandColor\": \"#123456\", |}}");
        assert!(
            keys.contains(&"capabilities".to_string())
                && keys.contains(&"connectionParameters".to_string()),
            "{keys:?}"
        );
        assert!(!keys.contains(&"iconBrandColor".to_string()));
        let caps = complete_api("{\"properties\": {\"capabilities\": [|]}}");
        assert!(caps.contains(&"actions".to_string()), "{caps:?}");
        let ty = complete_api(
            "{\"properties\": {\"connectionParameters\": {\"k\": {\"type\": \"|\"}}}}",
        );
        assert!(ty.contains(&"securestring".to_string()), "{ty:?}");
        let tpl = complete_api("{\"properties\": {\"policyTemplateInstances\": [|]}}");
        assert!(
            tpl.contains(&"setheader".to_string()) && tpl.contains(&"dynamichosturl".to_string()),
            "{tpl:?}"
        );
    }

    #[test]
    fn values_in_context() {
        let l = |marker_doc: String| {
            labels(&complete_at(&marker_doc, "|"))
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let v = l(DOC.replacen(
            "\"in\": \"query\", \"type\": \"string\"",
            "\"in\": \"q|\", \"type\": \"string\"",
            1,
        ));
        assert!(
            v.contains(&"query".to_string()) && v.contains(&"body".to_string()),
            "{v:?}"
        );
        let v = l(DOC.replacen("\"format\": \"int32\"", "\"format\": \"|\"", 1));
        assert_eq!(v, vec!["int32", "int64"]);
        let v = l(DOC.replacen(
            "\"operationId\": \"ListA\", \"parameters\": {}",
            "\"operationId\": \"|\", \"parameters\": {}",
            1,
        ));
        assert_eq!(v, vec!["ListA"]);
        let v = l(DOC.replacen("\"parameters\": {}}", "\"parameters\": {|}}", 1));
        assert!(
            v.contains(&"x".to_string()) && v.contains(&"y".to_string()),
            "{v:?}"
        );
    }
}
