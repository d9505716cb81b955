//! The connector as a maker sees it in the Power Automate designer: the connector card, and per
//! operation its card (action or trigger), its input fields in the designer's order with their
//! labels, required marks and controls, and the dynamic content it outputs.
//!
//! [`preview`] builds a [`Preview`] from the package (open buffers win, as everywhere in the
//! engine) and the findings of [`crate::rules::check`], each attached to the element it concerns
//! (the element whose pointer is the longest prefix of the finding's). Every element carries the
//! file and byte range it comes from, so an editor can link back; [`super::preview_html`]
//! renders the model as one static HTML page.

use base64::Engine as _;
use serde::Serialize;

use crate::json::{Kind, Node, NodeId};
use crate::package::swagger::{Operation, Swagger};
use crate::package::{FileKind, Package};
use crate::rules::{Finding, Severity};

/// How deep body and response schemas are flattened (the designer stops much earlier).
const MAX_DEPTH: usize = 8;
/// How many input or output fields one operation shows at most.
const MAX_FIELDS: usize = 500;
/// How many schemas (the object and its `allOf` parts, nested ones included) make up the
/// properties of one object at most.
const MAX_PARTS: usize = 32;
/// Icons larger than this are not embedded (the platform allows far less).
const MAX_ICON_BYTES: usize = 1024 * 1024;

/// Where an element is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub file: FileKind,
    /// The JSON pointer of the element's node (for a `$ref`, of its target).
    pub pointer: String,
    /// The byte range of the element's node.
    pub start: u32,
    pub end: u32,
    /// What to select when the element is clicked: its label, else its name, else its start.
    pub focus_start: u32,
    pub focus_end: u32,
}

impl Source {
    fn of(file: FileKind, node: Node, focus: Option<Node>) -> Self {
        let r = node.range();
        let f = focus.map(|n| n.range()).unwrap_or_else(|| node.anchor());
        Source {
            file,
            pointer: node.pointer(),
            start: r.start,
            end: r.end,
            focus_start: f.start,
            focus_end: f.end,
        }
    }
}

/// A finding shown on an element.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Badge {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
}

impl Badge {
    fn of(f: &Finding) -> Self {
        Badge {
            code: f.code,
            severity: f.severity,
            message: f.message.clone(),
        }
    }
}

/// The whole preview.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub connector: Connector,
    /// Every operation, in document order.
    pub operations: Vec<OperationCard>,
    /// Findings about no element of the preview (the package files, the policies, ...).
    pub other_findings: Vec<Badge>,
}

/// The connector card.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Connector {
    pub title: Option<String>,
    pub description: Option<String>,
    /// `properties.publisher` of apiProperties.
    pub publisher: Option<String>,
    /// `properties.iconBrandColor` of apiProperties, as written.
    pub icon_brand_color: Option<String>,
    /// `icon.png` as base64, when it is a PNG.
    pub icon_png_base64: Option<String>,
    /// The `info` object.
    pub source: Option<Source>,
    pub findings: Vec<Badge>,
}

/// Action or trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OperationKind {
    Action,
    Trigger,
}

/// `x-ms-visibility`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Visibility {
    Important,
    /// No visibility, `none`, or a value the platform does not know.
    Default,
    Advanced,
    Internal,
}

impl Visibility {
    fn of(node: Node) -> Self {
        match node.get_str("x-ms-visibility") {
            Some("important") => Visibility::Important,
            Some("advanced") => Visibility::Advanced,
            Some("internal") => Visibility::Internal,
            _ => Visibility::Default,
        }
    }
}

/// Where the designer puts a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Placement {
    /// On the card.
    Shown,
    /// Behind "Show all".
    Advanced,
    /// Not shown at all (`internal`), listed so that the author sees it.
    Hidden,
}

/// One operation card.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationCard {
    pub operation_id: Option<String>,
    pub method: &'static str,
    pub path: String,
    pub kind: OperationKind,
    /// The value of `x-ms-trigger` (`batch`, `single`) for a trigger.
    pub trigger_type: Option<String>,
    /// What the card header shows: `summary`, else the operationId, else `METHOD path`.
    pub title: String,
    /// The header is the raw operationId (no `summary`).
    pub title_is_raw: bool,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub visibility: Visibility,
    /// Inputs in the designer's order: `important` first, then the others as written.
    pub inputs: Vec<Field>,
    /// The dynamic content the operation outputs.
    pub outputs: Vec<Field>,
    /// Where the outputs come from: a response (`200`, `201`, `default`, ...), or for a webhook
    /// trigger `x-ms-notification-content`.
    pub output_response: Option<String>,
    /// The response schema is dynamic (`x-ms-dynamic-schema` / `x-ms-dynamic-properties`).
    pub dynamic_outputs: Option<DynamicSchema>,
    /// Fields beyond the preview's limits were left out.
    pub truncated: bool,
    pub source: Source,
    pub findings: Vec<Badge>,
}

/// The control an input is edited with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Control {
    Text,
    Number {
        integer: bool,
    },
    YesNo,
    Date,
    DateTime,
    File,
    /// A JSON object or anything the designer edits as raw text.
    Object,
    /// A fixed list (`enum`, `x-ms-enum-values`).
    Dropdown {
        options: Vec<Choice>,
    },
    /// A list the designer fills by calling another operation.
    DynamicDropdown {
        /// `x-ms-dynamic-values` or `x-ms-dynamic-list`.
        extension: &'static str,
        operation: Option<String>,
        /// The named operation exists in the swagger.
        operation_found: bool,
    },
    /// Fields the designer asks another operation for.
    DynamicSchema(DynamicSchema),
}

/// `x-ms-dynamic-schema` or `x-ms-dynamic-properties`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DynamicSchema {
    pub extension: &'static str,
    pub operation: Option<String>,
    pub operation_found: bool,
}

/// One choice of a dropdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    pub value: String,
    /// The display name (`x-ms-enum-values`), else the value.
    pub label: String,
}

/// One input field or one item of dynamic content.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    /// The parameter or property name.
    pub name: String,
    /// The member names from the parameter (or response body) down to this field.
    pub path: Vec<String>,
    /// `x-ms-summary`, else (for outputs) `title`, else the name.
    pub label: String,
    /// No `x-ms-summary`: the label is the raw name.
    pub label_is_raw: bool,
    pub description: Option<String>,
    /// `path`, `query`, `header`, `body`, `formData` (inputs); `None` for outputs.
    pub location: Option<String>,
    pub required: bool,
    /// `type` (and `format`) as written, e.g. `string`, `integer`, `string (date-time)`.
    pub type_name: String,
    /// A list of values (`type: array`).
    pub array: bool,
    /// The control (inputs; outputs have the type only).
    pub control: Control,
    pub visibility: Visibility,
    pub placement: Placement,
    pub default: Option<String>,
    /// Nesting below the parameter or response body (0 at the top).
    pub depth: usize,
    pub source: Source,
    pub findings: Vec<Badge>,
}

/// The preview of `pkg`, with `findings` (of [`crate::rules::check`] on it) attached.
pub fn preview(pkg: &Package, findings: &[Finding]) -> Preview {
    let swagger = pkg
        .swagger
        .as_ref()
        .and_then(|d| d.tree().root())
        .and_then(Swagger::new);
    let api = pkg
        .api_properties
        .as_ref()
        .and_then(|d| d.tree().root())
        .and_then(|r| r.get("properties"))
        .filter(Node::is_object);
    let text = |n: Option<Node>| n.and_then(|n| n.as_str()).map(str::to_string);
    let info = swagger.and_then(|s| s.info());
    let icon_png_base64 = pkg
        .icon_bytes()
        .filter(|b| b.starts_with(b"\x89PNG\r\n\x1a\n") && b.len() <= MAX_ICON_BYTES)
        .map(|b| base64::engine::general_purpose::STANDARD.encode(b));
    let connector = Connector {
        title: text(info.and_then(|i| i.get("title"))),
        description: text(info.and_then(|i| i.get("description"))),
        publisher: text(api.and_then(|a| a.get("publisher"))),
        icon_brand_color: text(api.and_then(|a| a.get("iconBrandColor"))),
        icon_png_base64,
        source: info.map(|i| Source::of(FileKind::Swagger, i, i.get("title"))),
        findings: Vec::new(),
    };
    let operations = match swagger {
        Some(s) => s.operations().map(|op| operation_card(s, op)).collect(),
        None => Vec::new(),
    };
    let mut out = Preview {
        connector,
        operations,
        other_findings: Vec::new(),
    };
    attach(&mut out, findings);
    out
}

fn operation_card(swagger: Swagger, op: Operation) -> OperationCard {
    let node = op.node;
    let summary = node.get_str("summary").map(str::to_string);
    let title_is_raw = summary.as_deref().is_none_or(|s| s.trim().is_empty());
    let title = match (&summary, op.operation_id()) {
        (Some(s), _) if !title_is_raw => s.clone(),
        (_, Some(id)) => id.to_string(),
        _ => format!("{} {}", op.method.to_uppercase(), op.path),
    };
    let kind = if op.is_trigger() {
        OperationKind::Trigger
    } else {
        OperationKind::Action
    };
    let mut walk = Walk {
        swagger,
        fields: Vec::new(),
        truncated: false,
    };
    for p in op.parameters() {
        walk.parameter(p.def);
    }
    // The designer's order: `important` first, the others as written (a stable sort, moving
    // each top-level field with the fields flattened below it).
    let mut important = false;
    let mut keyed: Vec<(bool, Field)> = std::mem::take(&mut walk.fields)
        .into_iter()
        .map(|f| {
            if f.depth == 0 {
                important = f.visibility == Visibility::Important;
            }
            (!important, f)
        })
        .collect();
    keyed.sort_by_key(|(later, _)| *later);
    let inputs: Vec<Field> = keyed.into_iter().map(|(_, f)| f).collect();
    // A webhook trigger outputs what the service posts (`x-ms-notification-content` of its
    // path item), not its subscription's response.
    let notification = op
        .is_trigger()
        .then(|| op.path_item.get("x-ms-notification-content"))
        .flatten()
        .filter(Node::is_object);
    let (output_response, response) = match notification {
        Some(n) => (Some("x-ms-notification-content".to_string()), Some(n)),
        None => success_response(swagger, op),
    };
    let mut dynamic_outputs = None;
    if let Some(schema) = response.and_then(|r| r.get("schema")) {
        let schema = walk.deref(schema);
        dynamic_outputs = dynamic_schema(swagger, schema);
        walk.outputs(schema);
    }
    OperationCard {
        operation_id: op.operation_id().map(str::to_string),
        method: op.method,
        path: op.path.to_string(),
        kind,
        trigger_type: node
            .get("x-ms-trigger")
            .and_then(|t| t.as_str())
            .map(str::to_string),
        title,
        title_is_raw,
        summary,
        description: node.get_str("description").map(str::to_string),
        deprecated: node.get("deprecated").and_then(|d| d.as_bool()) == Some(true),
        visibility: Visibility::of(node),
        inputs,
        outputs: walk.fields,
        output_response,
        dynamic_outputs,
        truncated: walk.truncated,
        source: Source::of(
            FileKind::Swagger,
            node,
            node.get("summary").or_else(|| node.get("operationId")),
        ),
        findings: Vec::new(),
    }
}

/// The response whose schema the designer offers as dynamic content: `200`, else `201`, else
/// the first other 2xx, else `default`.
fn success_response<'a>(
    swagger: Swagger<'a>,
    op: Operation<'a>,
) -> (Option<String>, Option<Node<'a>>) {
    let Some(responses) = op.responses() else {
        return (None, None);
    };
    let pick = ["200", "201"]
        .into_iter()
        .find_map(|code| responses.get(code).map(|r| (code, r)))
        .or_else(|| responses.members().find(|(code, _)| code.starts_with('2')))
        .or_else(|| responses.get("default").map(|r| ("default", r)));
    match pick {
        Some((code, r)) => (Some(code.to_string()), swagger.deref(r)),
        None => (None, None),
    }
}

fn dynamic_schema(swagger: Swagger, node: Node) -> Option<DynamicSchema> {
    ["x-ms-dynamic-schema", "x-ms-dynamic-properties"]
        .into_iter()
        .find_map(|ext| {
            let (operation, operation_found) = called_operation(swagger, node.get(ext)?);
            Some(DynamicSchema {
                extension: ext,
                operation,
                operation_found,
            })
        })
}

/// The `operationId` a dynamic extension calls, and whether the swagger has that operation.
fn called_operation(swagger: Swagger, extension: Node) -> (Option<String>, bool) {
    let operation = extension.get_str("operationId").map(str::to_string);
    let found = operation
        .as_deref()
        .is_some_and(|id| swagger.operation_by_id(id).is_some());
    (operation, found)
}

/// The flattening of one operation's parameters and response.
struct Walk<'a> {
    swagger: Swagger<'a>,
    fields: Vec<Field>,
    truncated: bool,
}

impl<'a> Walk<'a> {
    fn deref(&self, node: Node<'a>) -> Node<'a> {
        self.swagger.follow_refs(node)
    }

    fn push(&mut self, field: Field) -> bool {
        if self.fields.len() >= MAX_FIELDS {
            self.truncated = true;
            return false;
        }
        self.fields.push(field);
        true
    }

    fn parameter(&mut self, def: Node<'a>) {
        if !def.is_object() {
            return;
        }
        let name = def.get_str("name").unwrap_or_default().to_string();
        let location = def.get_str("in").unwrap_or_default().to_string();
        let visibility = Visibility::of(def);
        let required = def.get("required").and_then(|r| r.as_bool()) == Some(true);
        if location == "body" {
            let schema = def.get("schema").map(|s| self.deref(s));
            let dynamic = dynamic_schema(self.swagger, def)
                .or_else(|| schema.and_then(|s| dynamic_schema(self.swagger, s)));
            let props = schema.map(|s| properties(self, s)).unwrap_or_default();
            if props.is_empty() || dynamic.is_some() {
                // The body as one field: raw JSON, or the fields of another operation.
                let mut field = self.field(def, schema.unwrap_or(def), name.clone(), vec![name]);
                // The field is the parameter (where its label and findings are).
                field.source = Source::of(
                    FileKind::Swagger,
                    def,
                    def.get("x-ms-summary").or_else(|| def.get("name")),
                );
                field.location = Some(location.clone());
                field.required = required;
                field.placement = placement(visibility, required);
                if let Some(d) = dynamic {
                    field.control = Control::DynamicSchema(d);
                }
                self.push(field);
            }
            // The body's own visibility applies to every field flattened out of it.
            let inherited = match visibility {
                Visibility::Internal => Placement::Hidden,
                Visibility::Advanced => Placement::Advanced,
                _ => Placement::Shown,
            };
            let mut stack = Vec::new();
            if let Some(s) = schema {
                stack.push(s.id());
            }
            self.properties(props, &[], 0, &location, inherited, &mut stack);
            return;
        }
        let mut field = self.field(def, def, name.clone(), vec![name]);
        field.location = Some(location);
        field.required = required;
        field.placement = placement(visibility, required);
        self.push(field);
    }

    /// The properties of a schema as fields at `depth`, their own properties below each.
    fn properties(
        &mut self,
        props: Vec<(&'a str, Node<'a>, Node<'a>, bool)>,
        parent: &[String],
        depth: usize,
        location: &str,
        inherited: Placement,
        stack: &mut Vec<NodeId>,
    ) {
        for (name, written, schema, required) in props {
            let mut path = parent.to_vec();
            path.push(name.to_string());
            let mut field = self.field(written, schema, name.to_string(), path.clone());
            field.location = Some(location.to_string());
            field.required = required;
            field.depth = depth;
            let own = placement(field.visibility, required);
            field.placement = most_hidden(inherited, own);
            let placement = field.placement;
            if !self.push(field) {
                return;
            }
            self.nested(schema, path, depth, location, placement, stack, true);
        }
    }

    /// The fields below a schema (an object's properties, an array's item properties).
    #[allow(clippy::too_many_arguments)]
    fn nested(
        &mut self,
        schema: Node<'a>,
        path: Vec<String>,
        depth: usize,
        location: &str,
        placement: Placement,
        stack: &mut Vec<NodeId>,
        input: bool,
    ) {
        if depth + 1 >= MAX_DEPTH || stack.contains(&schema.id()) {
            return;
        }
        stack.push(schema.id());
        let inner = match schema.get_str("type") {
            Some("array") => schema.get("items").map(|i| self.deref(i)),
            _ => Some(schema),
        };
        if let Some(inner) = inner.filter(|i| !stack.contains(&i.id()) || *i == schema) {
            let props = properties(self, inner);
            if !props.is_empty() {
                if input {
                    self.properties(props, &path, depth + 1, location, placement, stack);
                } else {
                    self.output_properties(props, &path, depth + 1, stack);
                }
            }
        }
        stack.pop();
    }

    fn outputs(&mut self, schema: Node<'a>) {
        let mut stack = vec![schema.id()];
        let top = match schema.get_str("type") {
            Some("array") => schema.get("items").map(|i| self.deref(i)),
            _ => Some(schema),
        };
        let props = top.map(|t| properties(self, t)).unwrap_or_default();
        if props.is_empty() || schema.get_str("type") == Some("array") {
            let mut body = self.field(schema, schema, "body".to_string(), Vec::new());
            body.label = schema
                .get_str("x-ms-summary")
                .or_else(|| schema.get_str("title"))
                .unwrap_or("Body")
                .to_string();
            body.label_is_raw = false;
            body.control = Control::Object;
            self.push(body);
        }
        self.output_properties(props, &[], 0, &mut stack);
    }

    fn output_properties(
        &mut self,
        props: Vec<(&'a str, Node<'a>, Node<'a>, bool)>,
        parent: &[String],
        depth: usize,
        stack: &mut Vec<NodeId>,
    ) {
        for (name, written, schema, _) in props {
            let mut path = parent.to_vec();
            path.push(name.to_string());
            let mut field = self.field(written, schema, name.to_string(), path.clone());
            if field.label_is_raw {
                if let Some(t) = schema.get_str("title").filter(|t| !t.trim().is_empty()) {
                    field.label = t.to_string();
                    field.label_is_raw = false;
                }
            }
            field.depth = depth;
            field.placement = placement(field.visibility, false);
            if !self.push(field) {
                return;
            }
            self.nested(schema, path, depth, "", Placement::Shown, stack, false);
        }
    }

    /// A field for the node `written` (where the author wrote it: a parameter, a property)
    /// described by `schema` (its target when `written` is a `$ref`).
    fn field(&self, written: Node<'a>, schema: Node<'a>, name: String, path: Vec<String>) -> Field {
        // Labels and visibility written beside a `$ref` win over the target's.
        let get = |key: &str| written.get(key).or_else(|| schema.get(key));
        let summary = get("x-ms-summary")
            .and_then(|s| s.as_str())
            .filter(|s| !s.trim().is_empty());
        let label_node = written
            .get("x-ms-summary")
            .or_else(|| schema.get("x-ms-summary"));
        let visibility = match written.get("x-ms-visibility") {
            Some(_) => Visibility::of(written),
            None => Visibility::of(schema),
        };
        let (type_name, array, control) = control(self.swagger, schema, written);
        let focus = label_node.or_else(|| written.get("name"));
        // A property reached through `$ref` links to where it is written in its parent.
        let at = if written.get("$ref").is_some() && written.parent().is_some() {
            written
        } else {
            schema
        };
        Field {
            label: summary.unwrap_or(&name).to_string(),
            label_is_raw: summary.is_none(),
            name,
            path,
            description: get("description")
                .and_then(|d| d.as_str())
                .map(str::to_string),
            location: None,
            required: false,
            type_name,
            array,
            control,
            visibility,
            placement: Placement::Shown,
            default: get("default").map(scalar_text),
            depth: 0,
            source: Source::of(FileKind::Swagger, at, focus),
            findings: Vec::new(),
        }
    }
}

/// The properties of an object schema (its own and those of its `allOf` parts), each as
/// (name, node as written, resolved schema, required).
fn properties<'a>(walk: &Walk<'a>, schema: Node<'a>) -> Vec<(&'a str, Node<'a>, Node<'a>, bool)> {
    let mut out: Vec<(&'a str, Node<'a>, Node<'a>, bool)> = Vec::new();
    let mut parts = vec![schema];
    let mut seen = vec![schema.id()];
    let mut i = 0;
    while i < parts.len() && i < MAX_PARTS {
        let part = parts[i];
        i += 1;
        let required: Vec<&str> = part
            .get("required")
            .filter(Node::is_array)
            .map(|r| r.items().filter_map(|n| n.as_str()).collect())
            .unwrap_or_default();
        if let Some(props) = part.get("properties").filter(Node::is_object) {
            for (name, written) in props.members() {
                if out.iter().any(|(n, ..)| *n == name) {
                    continue;
                }
                let schema = walk.deref(written);
                out.push((name, written, schema, required.contains(&name)));
            }
        }
        for sub in part.get("allOf").iter().flat_map(|a| a.items()) {
            let sub = walk.deref(sub);
            if sub.is_object() && !seen.contains(&sub.id()) {
                seen.push(sub.id());
                parts.push(sub);
            }
        }
    }
    out
}

/// Where the designer shows a field of this visibility.
fn placement(visibility: Visibility, required: bool) -> Placement {
    match visibility {
        Visibility::Internal => Placement::Hidden,
        Visibility::Advanced if !required => Placement::Advanced,
        _ => Placement::Shown,
    }
}

fn most_hidden(a: Placement, b: Placement) -> Placement {
    let rank = |p| match p {
        Placement::Shown => 0,
        Placement::Advanced => 1,
        Placement::Hidden => 2,
    };
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

/// A default or enum value as the designer would show it.
fn scalar_text(node: Node) -> String {
    match node.kind() {
        Kind::String => node.as_str().unwrap_or_default().to_string(),
        _ => node.to_value().to_string(),
    }
}

/// The type as written, whether it is a list, and the control of a value described by `schema`
/// (written at `written`, which may hold the dynamic extensions beside a `$ref`).
fn control(swagger: Swagger, schema: Node, written: Node) -> (String, bool, Control) {
    let ty = schema.get_str("type").unwrap_or_default();
    let array = ty == "array";
    // A list is edited item by item, with the item's control.
    let item = if array {
        schema.get("items").map(|i| swagger.follow_refs(i))
    } else {
        None
    };
    let value = item.unwrap_or(schema);
    let value_ty = value.get_str("type").unwrap_or_default();
    let format = value.get_str("format");
    let type_name = {
        let base = if value_ty.is_empty() {
            "any".to_string()
        } else {
            match format {
                Some(f) => format!("{value_ty} ({f})"),
                None => value_ty.to_string(),
            }
        };
        if array {
            format!("array of {base}")
        } else {
            base
        }
    };
    let get = |key: &str| written.get(key).or_else(|| schema.get(key));
    for ext in ["x-ms-dynamic-values", "x-ms-dynamic-list"] {
        if let Some(d) = get(ext).or_else(|| item.and_then(|i| i.get(ext))) {
            let (operation, operation_found) = called_operation(swagger, d);
            return (
                type_name,
                array,
                Control::DynamicDropdown {
                    extension: ext,
                    operation,
                    operation_found,
                },
            );
        }
    }
    if let Some(d) = dynamic_schema(swagger, written).or_else(|| dynamic_schema(swagger, schema)) {
        return (type_name, array, Control::DynamicSchema(d));
    }
    if let Some(options) = choices(value).or_else(|| choices(schema)) {
        return (type_name, array, Control::Dropdown { options });
    }
    let control = match (value_ty, format) {
        (_, Some("binary")) | ("file", _) => Control::File,
        ("boolean", _) => Control::YesNo,
        ("integer", _) => Control::Number { integer: true },
        ("number", _) => Control::Number { integer: false },
        ("string", Some("date")) => Control::Date,
        ("string", Some("date-time")) => Control::DateTime,
        ("object", _) => Control::Object,
        _ => Control::Text,
    };
    (type_name, array, control)
}

/// The options of `x-ms-enum-values` (with display names), else of `enum`.
fn choices(node: Node) -> Option<Vec<Choice>> {
    if let Some(values) = node.get("x-ms-enum-values").filter(Node::is_array) {
        let options: Vec<Choice> = values
            .items()
            .filter_map(|v| {
                let value = scalar_text(v.get("value")?);
                let label = v
                    .get_str("displayName")
                    .map(str::to_string)
                    .unwrap_or_else(|| value.clone());
                Some(Choice { value, label })
            })
            .collect();
        if !options.is_empty() {
            return Some(options);
        }
    }
    let values = node.get("enum").filter(Node::is_array)?;
    let options: Vec<Choice> = values
        .items()
        .map(|v| {
            let value = scalar_text(v);
            Choice {
                label: value.clone(),
                value,
            }
        })
        .collect();
    (!options.is_empty()).then_some(options)
}

/// Whether `prefix` is `pointer` or one of its ancestors.
fn is_prefix(prefix: &str, pointer: &str) -> bool {
    pointer
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// One element of the preview that findings attach to.
#[derive(Clone, Copy)]
enum Slot {
    Card,
    Operation(usize),
    Input(usize, usize),
    Output(usize, usize),
}

/// Attaches each finding to the elements with the longest pointer that is a prefix of its own.
fn attach(preview: &mut Preview, findings: &[Finding]) {
    use std::collections::HashMap;
    // The connector card also owns what apiProperties says about the card and the icon file.
    const CARD_PROPERTIES: [&str; 3] = [
        "/properties/publisher",
        "/properties/iconBrandColor",
        "/properties/displayName",
    ];
    let mut at: HashMap<String, Vec<Slot>> = HashMap::new();
    if let Some(s) = &preview.connector.source {
        at.entry(s.pointer.clone()).or_default().push(Slot::Card);
    }
    for (i, op) in preview.operations.iter().enumerate() {
        at.entry(op.source.pointer.clone())
            .or_default()
            .push(Slot::Operation(i));
        for (j, f) in op.inputs.iter().enumerate() {
            at.entry(f.source.pointer.clone())
                .or_default()
                .push(Slot::Input(i, j));
        }
        for (j, f) in op.outputs.iter().enumerate() {
            at.entry(f.source.pointer.clone())
                .or_default()
                .push(Slot::Output(i, j));
        }
    }
    for f in findings {
        let badge = Badge::of(f);
        // The pointer and its ancestors, longest first.
        let mut slots: Option<&Vec<Slot>> = None;
        if f.file == FileKind::Swagger {
            let mut pointer = f.pointer.as_str();
            loop {
                if let Some(found) = at.get(pointer) {
                    slots = Some(found);
                    break;
                }
                match pointer.rfind('/') {
                    Some(cut) => pointer = &pointer[..cut],
                    None => break,
                }
            }
        }
        let Some(slots) = slots else {
            let card = f.file == FileKind::Icon
                || (f.file == FileKind::ApiProperties
                    && CARD_PROPERTIES.iter().any(|p| is_prefix(p, &f.pointer)));
            if card {
                preview.connector.findings.push(badge);
            } else {
                preview.other_findings.push(badge);
            }
            continue;
        };
        for slot in slots {
            let list = match *slot {
                Slot::Card => &mut preview.connector.findings,
                Slot::Operation(i) => &mut preview.operations[i].findings,
                Slot::Input(i, j) => &mut preview.operations[i].inputs[j].findings,
                Slot::Output(i, j) => &mut preview.operations[i].outputs[j].findings,
            };
            list.push(badge.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_end_at_a_segment() {
        assert!(is_prefix("/a/b", "/a/b"));
        assert!(is_prefix("/a/b", "/a/b/c"));
        assert!(!is_prefix("/a/b", "/a/bc"));
        assert!(is_prefix("", "/a"));
    }
}
