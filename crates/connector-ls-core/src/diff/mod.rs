//! Breaking changes between two versions of a connector: [`compare`].
//!
//! The platform refuses a connector update that breaks the flows already built on it. This
//! module compares the old and the new package the way its validator does (operations keyed by
//! operationId, parameters by name, response schemas by property path) and reports each
//! breaking change as a [`Finding`] in the NEW files, with a [`Related`] location in the old
//! one. The codes and their docs are in [`codes`]; like the rest of the engine, nothing here
//! knows about LSP or terminals.

pub mod codes;

use std::collections::HashSet;
use std::path::PathBuf;

use crate::json::{Node, NodeId};
use crate::package::swagger::{Operation, Parameter, Swagger};
use crate::package::{FileKind, Package};
use crate::rules::{Finding, Related, Severity};
use crate::text::TextRange;

pub use codes::RULES;

/// The validator's own messages (observed in PowerPlatformConnectors pull requests).
pub mod messages {
    pub const OPERATION_DELETED: &str =
        "The operation has been deleted. This change breaks existing flows.";
    pub const OUTPUT_TYPE_CHANGED: &str = "The type has been changed for the output field. Existing flows may be broken if they are using this field and actual payload has been changed.";
    pub const OUTPUT_DELETED: &str = "The output field has been deleted. Existing flows may be broken if they are using this field and actual payload has been changed.";
    pub const REQUIRED_INPUT_ADDED: &str =
        "The required input field has been added. Existing flows will not send this new field.";
    pub const PATH_CHANGED: &str = "The path template has been changed for the operation.";
    pub const LOCATION_CHANGED: &str = "The location has been changed for the parameter. Existing flows will continue to send the parameter in the old location.";
    pub const ENUM_ADDED: &str = "The list of enum values has been added to the input field. Existing flows may use values outside of this list.";
}

/// [`compare`] as configured: the codes `config` disables and the changes it accepts dropped,
/// its severity overrides applied (what `check --base` and the language server report).
pub fn compare_configured(
    old: &Package,
    new: &Package,
    config: &crate::rules::Config,
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = compare(old, new)
        .into_iter()
        .filter(|f| crate::rules::rule(f.code).is_some_and(|r| config.is_enabled(r)))
        .filter(|f| !config.accepted.iter().any(|a| a.matches(f)))
        .collect();
    for f in &mut findings {
        if let Some(&s) = config.severity.get(f.code) {
            f.severity = s;
        }
    }
    findings
}

/// How deep response and body schemas are compared (`$ref`s are followed within this bound).
const MAX_SCHEMA_DEPTH: usize = 24;

/// Every breaking change from `old` to `new`, in the order of the new swagger (then
/// apiProperties). Empty when either package has no swagger to compare.
pub fn compare(old: &Package, new: &Package) -> Vec<Finding> {
    let mut d = Diff {
        old_swagger_path: old.swagger.as_ref().map(|d| d.path.clone()),
        old_props_path: old.api_properties.as_ref().map(|d| d.path.clone()),
        out: Vec::new(),
    };
    fn root(p: &Package, k: FileKind) -> Option<Node<'_>> {
        p.document(k).and_then(|d| d.tree().root())
    }
    if let (Some(o), Some(n)) = (
        root(old, FileKind::Swagger).and_then(Swagger::new),
        root(new, FileKind::Swagger).and_then(Swagger::new),
    ) {
        d.operations(o, n);
        d.security(o, n);
    }
    if let (Some(o), Some(n)) = (
        root(old, FileKind::ApiProperties),
        root(new, FileKind::ApiProperties),
    ) {
        d.identity_providers(o, n);
    }
    let mut out = d.out;
    out.sort_by(|a, b| {
        (a.file, a.range.start, a.range.end, a.code, &a.message).cmp(&(
            b.file,
            b.range.start,
            b.range.end,
            b.code,
            &b.message,
        ))
    });
    out.dedup();
    out
}

struct Diff {
    old_swagger_path: Option<PathBuf>,
    old_props_path: Option<PathBuf>,
    out: Vec<Finding>,
}

/// The input side (parameters, request bodies) or the output side (responses) of a schema.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Input,
    Output,
}

impl Diff {
    fn report(
        &mut self,
        code: &'static str,
        file: FileKind,
        at: TextRange,
        pointer: String,
        message: String,
        old: Option<(Node, &str)>,
    ) {
        let old_path = match file {
            FileKind::ApiProperties => self.old_props_path.clone(),
            _ => self.old_swagger_path.clone(),
        };
        let related = old
            .map(|(node, what)| Related {
                file,
                range: node.anchor(),
                message: what.to_string(),
                path: old_path,
            })
            .into_iter()
            .collect();
        self.out.push(Finding {
            code,
            severity: Severity::Error,
            message,
            file,
            pointer,
            range: at,
            fix: None,
            related,
        });
    }

    fn at(&mut self, code: &'static str, new: Node, message: String, old: Node, what: &str) {
        self.report(
            code,
            FileKind::Swagger,
            new.anchor(),
            new.pointer(),
            message,
            Some((old, what)),
        );
    }

    fn operations(&mut self, old: Swagger, new: Swagger) {
        let new_ops: Vec<Operation> = new.operations().collect();
        for o in old.operations() {
            let Some(id) = o.operation_id() else { continue };
            if let Some(n) = new_ops.iter().find(|n| n.operation_id() == Some(id)) {
                self.operation(&o, n, id);
                continue;
            }
            let same_place = new_ops
                .iter()
                .find(|n| n.method == o.method && n.path == o.path);
            if let Some(n) = same_place {
                let at = n.node.get("operationId").unwrap_or(n.node);
                let msg = format!(
                    "{} The operationId of {} {} was renamed from '{id}' to '{}': flows call an operation by its operationId, so a rename is a deletion.",
                    messages::OPERATION_DELETED,
                    o.method.to_uppercase(),
                    o.path,
                    n.operation_id().unwrap_or("")
                );
                self.at(
                    codes::BreakingOperationDeleted.code,
                    at,
                    msg,
                    o.node.get("operationId").unwrap_or(o.node),
                    "the old operationId",
                );
                continue;
            }
            // The closest surviving parent: the path item, else `paths`, else the root.
            let parent = new
                .paths()
                .and_then(|p| p.get(o.path))
                .or_else(|| new.paths())
                .unwrap_or(new.root);
            let msg = format!("{} ('{id}')", messages::OPERATION_DELETED);
            self.at(
                codes::BreakingOperationDeleted.code,
                parent,
                msg,
                o.node,
                "the deleted operation",
            );
        }
    }

    fn operation(&mut self, o: &Operation, n: &Operation, id: &str) {
        if o.path != n.path {
            let msg = format!(
                "{} ('{id}': '{}' is now '{}')",
                messages::PATH_CHANGED,
                o.path,
                n.path
            );
            self.at(
                codes::BreakingPathChanged.code,
                n.path_item,
                msg,
                o.path_item,
                "the old path template",
            );
        }
        if o.method != n.method {
            let msg = format!(
                "The HTTP method has been changed for the operation ('{id}': {} is now {}). Existing flows will keep calling it with the old method.",
                o.method.to_uppercase(),
                n.method.to_uppercase()
            );
            self.at(
                codes::BreakingPathChanged.code,
                n.node,
                msg,
                o.node,
                "the old method",
            );
        }
        self.parameters(o, n, id);
        self.responses(o, n, id);
    }

    fn parameters(&mut self, o: &Operation, n: &Operation, id: &str) {
        let old_params = o.parameters();
        let new_params = n.parameters();
        let op_anchor = n.node.get("parameters").unwrap_or(n.node);
        for op in &old_params {
            let Some(name) = op.name() else { continue };
            match new_params.iter().find(|np| np.name() == Some(name)) {
                None => {
                    if op.is_internal() {
                        continue;
                    }
                    let msg = format!(
                        "The parameter has been removed ('{id}': '{name}'). Existing flows will keep sending it."
                    );
                    self.at(
                        codes::BreakingParameterRemoved.code,
                        op_anchor,
                        msg,
                        op.node,
                        "the removed parameter",
                    );
                }
                Some(np) => self.parameter(op, np, id, name),
            }
        }
        for np in &new_params {
            let Some(name) = np.name() else { continue };
            if old_params.iter().any(|op| op.name() == Some(name)) || !needs_value(np) {
                continue;
            }
            let msg = format!(
                "{} ('{id}': parameter '{name}')",
                messages::REQUIRED_INPUT_ADDED
            );
            self.report(
                codes::BreakingRequiredParameterAdded.code,
                FileKind::Swagger,
                np.node.anchor(),
                np.node.pointer(),
                msg,
                Some((o.node, "the operation before")),
            );
        }
    }

    fn parameter(&mut self, op: &Parameter, np: &Parameter, id: &str, name: &str) {
        let (old_in, new_in) = (op.location(), np.location());
        if old_in != new_in {
            let msg = format!(
                "{} ('{id}': '{name}' moved from {} to {})",
                messages::LOCATION_CHANGED,
                old_in.unwrap_or("?"),
                new_in.unwrap_or("?")
            );
            let at = np.def.get("in").unwrap_or(np.node);
            self.at(
                codes::BreakingParameterLocationChanged.code,
                at,
                msg,
                op.def.get("in").unwrap_or(op.def),
                "the old location",
            );
            return;
        }
        if !op.is_required() && needs_value(np) {
            let msg = format!(
                "{} ('{id}': parameter '{name}' is now required)",
                messages::REQUIRED_INPUT_ADDED
            );
            let at = np.def.get("required").unwrap_or(np.node);
            self.at(
                codes::BreakingRequiredParameterAdded.code,
                at,
                msg,
                op.def,
                "the optional parameter",
            );
        }
        if op.is_internal() {
            return;
        }
        let label = format!("'{id}': parameter '{name}'");
        match (op.def.get("schema"), np.def.get("schema")) {
            (Some(os), Some(ns)) => {
                let (os_sw, ns_sw) = (op_swagger(op), op_swagger(np));
                let mut seen = HashSet::new();
                self.schema(Side::Input, (os_sw, os), (ns_sw, ns), &label, 0, &mut seen);
            }
            _ => {
                self.type_changed(Side::Input, op.def, np.def, &label);
                self.enum_added(op.def, np.def, &label);
            }
        }
    }

    fn responses(&mut self, o: &Operation, n: &Operation, id: &str) {
        let (Some(old_r), Some(new_r)) = (o.responses(), n.responses()) else {
            return;
        };
        for (code, or) in old_r.members() {
            if !code.starts_with('2') {
                continue;
            }
            let or = o.swagger.deref(or).unwrap_or(or);
            let Some(os) = or.get("schema") else { continue };
            let Some(nr) = new_r.get(code) else { continue };
            let nr = n.swagger.deref(nr).unwrap_or(nr);
            let label = format!("'{id}': response {code}");
            match nr.get("schema") {
                None => {
                    let msg = format!("{} ({label})", messages::OUTPUT_DELETED);
                    self.at(
                        codes::BreakingOutputDeleted.code,
                        nr,
                        msg,
                        os,
                        "the old response schema",
                    );
                }
                Some(ns) => {
                    let mut seen = HashSet::new();
                    self.schema(
                        Side::Output,
                        (o.swagger, os),
                        (n.swagger, ns),
                        &label,
                        0,
                        &mut seen,
                    );
                }
            }
        }
    }

    /// Compares two schemas property by property (following `$ref`s, bounded; each pair of
    /// nodes once, so recursive definitions end).
    fn schema(
        &mut self,
        side: Side,
        (osw, os): (Swagger, Node),
        (nsw, ns): (Swagger, Node),
        label: &str,
        depth: usize,
        seen: &mut HashSet<(NodeId, NodeId)>,
    ) {
        if depth > MAX_SCHEMA_DEPTH {
            return;
        }
        let (Some(os), Some(ns)) = (osw.deref(os), nsw.deref(ns)) else {
            return;
        };
        if !os.is_object() || !ns.is_object() || !seen.insert((os.id(), ns.id())) {
            return;
        }
        if self.type_changed(side, os, ns, label) {
            return;
        }
        if side == Side::Input {
            self.enum_added(os, ns, label);
        }
        let old_props = os.get("properties").filter(Node::is_object);
        let new_props = ns.get("properties").filter(Node::is_object);
        if let Some(old_props) = old_props {
            for (name, op) in old_props.members() {
                let child = format!("{label}/{name}");
                match new_props.and_then(|p| p.get(name)) {
                    Some(np) => self.schema(side, (osw, op), (nsw, np), &child, depth + 1, seen),
                    None if side == Side::Output => {
                        let msg = format!("{} ({child})", messages::OUTPUT_DELETED);
                        let at = new_props.unwrap_or(ns);
                        self.at(
                            codes::BreakingOutputDeleted.code,
                            at,
                            msg,
                            op,
                            "the deleted output field",
                        );
                    }
                    None => {}
                }
            }
        }
        if side == Side::Input {
            if let Some(new_props) = new_props {
                let required = |s: Node, name: &str| {
                    s.get("required")
                        .is_some_and(|r| r.items().any(|i| i.as_str() == Some(name)))
                };
                for (name, np) in new_props.members() {
                    let np_def = nsw.deref(np).unwrap_or(np);
                    if !required(ns, name)
                        || required(os, name)
                        || np_def.get("default").is_some()
                        || np_def.get_str("x-ms-visibility") == Some("internal")
                    {
                        continue;
                    }
                    let msg = format!("{} ({label}/{name})", messages::REQUIRED_INPUT_ADDED);
                    let old_at = old_props.and_then(|p| p.get(name)).unwrap_or(os);
                    self.at(
                        codes::BreakingRequiredParameterAdded.code,
                        np,
                        msg,
                        old_at,
                        "the schema before",
                    );
                }
            }
        }
        if let (Some(oi), Some(ni)) = (os.get("items"), ns.get("items")) {
            let child = format!("{label}/items");
            self.schema(side, (osw, oi), (nsw, ni), &child, depth + 1, seen);
        }
    }

    /// Reports a changed `type` (both present and different); true when reported.
    fn type_changed(&mut self, side: Side, old: Node, new: Node, label: &str) -> bool {
        let (Some(ot), Some(nt)) = (old.get("type"), new.get("type")) else {
            return false;
        };
        if ot.as_str() == nt.as_str() || ot.source() == nt.source() {
            return false;
        }
        let (from, to) = (ot.source(), nt.source());
        let msg = match side {
            Side::Output => format!(
                "{} ({label}: {from} is now {to})",
                messages::OUTPUT_TYPE_CHANGED
            ),
            Side::Input => format!(
                "The type has been changed for the input field. Existing flows may send values of the old type. ({label}: {from} is now {to})"
            ),
        };
        self.at(codes::BreakingTypeChanged.code, nt, msg, ot, "the old type");
        true
    }

    fn enum_added(&mut self, old: Node, new: Node, label: &str) {
        let Some(ne) = new.get("enum") else { return };
        if old.get("enum").is_some() {
            return;
        }
        let msg = format!("{} ({label})", messages::ENUM_ADDED);
        self.at(
            codes::BreakingEnumAdded.code,
            ne,
            msg,
            old,
            "the input field before",
        );
    }

    fn security(&mut self, old: Swagger, new: Swagger) {
        let kinds = |s: Swagger| -> Vec<String> {
            let mut v: Vec<String> = s
                .root
                .get("securityDefinitions")
                .filter(Node::is_object)
                .into_iter()
                .flat_map(|d| d.members())
                .map(|(_, def)| {
                    let ty = def.get_str("type").unwrap_or("?");
                    match def.get_str("flow") {
                        Some(flow) if ty == "oauth2" => format!("oauth2 ({flow})"),
                        _ => ty.to_string(),
                    }
                })
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let (ok, nk) = (kinds(old), kinds(new));
        if ok.is_empty() && nk.is_empty() || ok == nk {
            return;
        }
        let show = |v: &[String]| {
            if v.is_empty() {
                "none".to_string()
            } else {
                v.join(", ")
            }
        };
        let msg = format!(
            "The authentication type has been changed (securityDefinitions: {} is now {}). Existing connections will stop working.",
            show(&ok),
            show(&nk)
        );
        let at = new.root.get("securityDefinitions").unwrap_or(new.root);
        let old_at = old.root.get("securityDefinitions").unwrap_or(old.root);
        self.at(
            codes::BreakingAuthChanged.code,
            at,
            msg,
            old_at,
            "the old securityDefinitions",
        );
    }

    fn identity_providers(&mut self, old: Node, new: Node) {
        fn params(root: Node<'_>) -> Option<Node<'_>> {
            root.path(&["properties", "connectionParameters"])
                .filter(Node::is_object)
        }
        let (Some(op), Some(np)) = (params(old), params(new)) else {
            return;
        };
        for (name, o) in op.members() {
            let Some(oi) = o.path(&["oAuthSettings", "identityProvider"]) else {
                continue;
            };
            let n = np.get(name);
            let ni = n.and_then(|n| n.path(&["oAuthSettings", "identityProvider"]));
            if ni.is_some_and(|ni| ni.as_str() == oi.as_str()) {
                continue;
            }
            let msg = format!(
                "The authentication type has been changed (connection parameter '{name}': identity provider {} is now {}). Existing connections will stop working.",
                oi.source(),
                ni.map_or("none", |n| n.source())
            );
            let at = ni.or(n).unwrap_or(np);
            self.report(
                codes::BreakingAuthChanged.code,
                FileKind::ApiProperties,
                at.anchor(),
                at.pointer(),
                msg,
                Some((oi, "the old identity provider")),
            );
        }
    }
}

/// Whether flows must now send a value: required, no default, not internal.
fn needs_value(p: &Parameter) -> bool {
    p.is_required() && p.def.get("default").is_none() && !p.is_internal()
}

fn op_swagger<'a>(p: &Parameter<'a>) -> Swagger<'a> {
    Swagger {
        root: p.def.tree().root().unwrap_or(p.def),
    }
}

#[cfg(test)]
mod tests;
