//! The values a dynamic extension passes to the operation it calls: each entry of its
//! `parameters` map fills a parameter (or body property) of the called operation, from a static
//! value or from a parameter of the operation the extension sits in (the source). The two ends
//! must agree on type, a required target needs a required source, and the source must be
//! visible to the user.

use super::refs::{self, Entry, Place};
use crate::json::{Kind, Node, NodeId, Tree};
use crate::package::swagger::{Level, Operation, Parameter};
use crate::package::FileKind;
use crate::rules::{rule, Context, Fix, Report, Safety};

rule!(OperationParameterTypeMismatch {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A dynamic extension fills a parameter from a parameter of another type.",
    docs: r#"## What it does
For each entry of a dynamic extension's `parameters` map that takes its value from a parameter
of the current operation (`{"parameter": name}` or `{"parameterReference": path}`), compares the
declared `type` of that source with the declared `type` of the called operation's parameter (or
body property) it fills. Reports them when both are declared and differ; an `integer` source for
a `number` target is accepted. An extension inside a definition is resolved against the
operations whose body schema is that definition.

## Why
The designer passes the user's value as it is; the called operation receives a value of the
wrong type and the drop-down or schema fails to load. The validator rejects it.

## Example
```json
{ "name": "projectId", "in": "query", "type": "integer" },
{ "name": "task", "in": "query", "type": "string", "x-ms-dynamic-values": { "operationId": "ListTasks",
  "parameters": { "project": { "parameter": "projectId" } } } }
```
while `ListTasks` declares `project` as a `string`.

## How to fix
Declare the same type on both parameters.
"#,
    check: check_type,
});

rule!(OperationParameterStaticTypeMismatch {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A dynamic extension passes a fixed value whose JSON type differs from the parameter's type.",
    docs: r#"## What it does
For each entry of a dynamic extension's `parameters` map that passes a fixed value (a bare
literal or `{"value": ...}`), compares the JSON type of the value with the declared `type` of
the called operation's parameter (or body property). A whole number is accepted for `number`.

## Why
The value is sent as written: `"10"` is a string even when the parameter is an `integer`, and
the called operation may refuse it. The validator rejects it.

## Example
```json
"x-ms-dynamic-values": { "operationId": "ListTasks", "parameters": { "top": { "value": "10" } } }
```
while `top` is declared `"type": "integer"`.

## How to fix
Write the value with the parameter's type (`10`), or correct the parameter's type.
"#,
    check: check_static,
});

rule!(OperationParameterRequiredMismatch {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A dynamic extension fills a required parameter from an optional one.",
    docs: r#"## What it does
Reports an entry of a dynamic extension's `parameters` map that fills a required parameter (or
required body property) of the called operation, which has no `default`, from a parameter or
property of the current operation that is optional. A property counts as required only when it
and every parent on its path are required. An extension inside a definition is resolved
against the operations whose body schema is that definition.

## Why
While the user leaves the optional source empty, the called operation cannot be invoked, so the
drop-down or schema stays empty without a hint why. The validator reports it.

It is a warning here, not an error: 31 certified connectors fill a required parameter from an
optional one (often a trigger's optional filter), so the validator does not enforce it on every
package.

## Example
```json
{ "name": "project", "in": "query", "type": "string" },
{ "name": "task", "in": "query", "type": "string", "x-ms-dynamic-values": { "operationId": "ListTasks",
  "parameters": { "project": { "parameter": "project" } } } }
```
while `ListTasks` requires `project`.

## How to fix
Make the source parameter required, give the called parameter a `default`, or pass a fixed
value.
"#,
    check: check_required,
});

rule!(SourcePropertyInternal {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "A dynamic extension takes a value from an internal parameter or property.",
    docs: r#"## What it does
Reports an entry of a dynamic extension's `parameters` map that takes its value from a parameter
or property of the current operation marked `"x-ms-visibility": "internal"`, or lying inside
an internal parent. An extension inside a definition is resolved against the operations whose
body schema is that definition.

## Why
The user never sees an internal input, and a reference does not pick up its `default`, so the
called operation receives nothing. The validator rejects it.

## Example
```json
{ "name": "apiVersion", "in": "query", "type": "string", "default": "2.0", "x-ms-visibility": "internal" },
{ "name": "task", "in": "query", "type": "string", "x-ms-dynamic-values": { "operationId": "ListTasks",
  "parameters": { "api-version": { "parameter": "apiVersion" } } } }
```

## How to fix
Pass the internal input's default as a fixed value (`{"value": "2.0"}`; the quick fix does this
when a default is declared), or make the source visible.
"#,
    check: check_internal,
});

/// One entry of a call's `parameters` map with both of its ends resolved.
struct Link<'a> {
    /// The entry's value as written.
    entry: Node<'a>,
    /// The entry's form.
    form: Entry<'a>,
    /// Where the key leads in the called operation.
    target: Option<Place<'a>>,
    /// Where a reference leads in the current operation.
    source: Option<Place<'a>>,
    /// The current operation.
    source_op: Option<Operation<'a>>,
}

impl<'a> Link<'a> {
    /// Where to report a problem with the source: the reference string, else the entry.
    fn reference_node(&self) -> Node<'a> {
        match self.form {
            Entry::Parameter(n) | Entry::Reference(n) => n,
            _ => self.entry,
        }
    }
}

/// A [`Place`] as node ids, so that it can be kept in a memo.
#[derive(Clone, Copy)]
struct PlaceIds {
    node: NodeId,
    def: NodeId,
    level: Level,
    schema: Option<NodeId>,
    required: bool,
    internal: bool,
    has_default: bool,
}

impl PlaceIds {
    fn of(p: &Place) -> Self {
        Self {
            node: p.parameter.node.id(),
            def: p.parameter.def.id(),
            level: p.parameter.level,
            schema: p.schema.map(|s| s.id()),
            required: p.required,
            internal: p.internal,
            has_default: p.has_default,
        }
    }

    fn place<'a>(&self, tree: &'a Tree) -> Place<'a> {
        Place {
            parameter: Parameter {
                node: tree.node(self.node),
                def: tree.node(self.def),
                level: self.level,
            },
            schema: self.schema.map(|s| tree.node(s)),
            required: self.required,
            internal: self.internal,
            has_default: self.has_default,
        }
    }
}

/// A [`Link`] as node ids (its `form` is read again from the entry).
struct LinkIds {
    entry: NodeId,
    target: Option<PlaceIds>,
    source: Option<PlaceIds>,
    source_op: Option<NodeId>,
}

/// The links of the swagger: the four rules of this file read them all, so they are resolved
/// once per check ([`Context::memo`]).
struct Links(Vec<LinkIds>);

fn for_each_link<'a>(cx: &Context<'a>, mut f: impl FnMut(&Link<'a>)) {
    let Some(sw) = cx.swagger else { return };
    let tree = sw.root.tree();
    let links = cx.memo(|| {
        let mut out = Vec::new();
        collect_links(cx, |l| {
            out.push(LinkIds {
                entry: l.entry.id(),
                target: l.target.as_ref().map(PlaceIds::of),
                source: l.source.as_ref().map(PlaceIds::of),
                source_op: l.source_op.map(|op| op.node.id()),
            })
        });
        Links(out)
    });
    for l in &links.0 {
        let entry = tree.node(l.entry);
        f(&Link {
            entry,
            form: Entry::of(entry),
            target: l.target.map(|p| p.place(tree)),
            source: l.source.map(|p| p.place(tree)),
            source_op: l
                .source_op
                .and_then(|id| super::operation_at(sw, tree.node(id))),
        });
    }
}

fn collect_links<'a>(cx: &Context<'a>, mut f: impl FnMut(&Link<'a>)) {
    let Some(sw) = cx.swagger else { return };
    let ops = super::operations_by_id(cx);
    // Built on first use: most connectors have no dynamic extension.
    let mut sources: Option<refs::Sources> = None;
    super::for_each_call(cx, |call| {
        let Some(map) = call.parameters else { return };
        let Some(target_op) = call.id.as_str().and_then(|id| ops.get(id)) else {
            return;
        };
        let target_params = target_op.parameters();
        let source_ops: Vec<(Operation, Vec<Parameter>)> = sources
            .get_or_insert_with(|| refs::Sources::new(cx))
            .of(cx, call.holder)
            .into_iter()
            .map(|op| (op, op.parameters()))
            .collect();
        for (key, entry) in map.members() {
            let form = Entry::of(entry);
            // The first operation the reference resolves in (a definition may have several).
            let resolve = |params: &[Parameter<'a>]| match form {
                Entry::Parameter(n) => n
                    .as_str()
                    .and_then(|n| refs::resolve_legacy(&sw, params, n)),
                Entry::Reference(p) => p.as_str().and_then(|p| refs::resolve_path(&sw, params, p)),
                _ => None,
            };
            let found = source_ops
                .iter()
                .find_map(|(op, params)| resolve(params).map(|place| (*op, place)));
            f(&Link {
                entry,
                form,
                target: refs::resolve_legacy(&sw, &target_params, key),
                source: found.map(|(_, place)| place),
                source_op: found.map(|(op, _)| op),
            });
        }
    });
}

/// Where the member `key` (`type`, `required`) of the called operation's parameter (or body
/// property) an entry fills is written, else where that parameter or property starts.
fn target_anchor(t: &Place, key: &str) -> crate::text::TextRange {
    let holder = t.schema.unwrap_or(t.parameter.def);
    holder
        .get(key)
        .or_else(|| t.parameter.def.get("name"))
        .map_or_else(|| holder.anchor(), |n| n.range())
}

/// Whether a value of type `given` fits a parameter of type `declared`.
fn fits(declared: &str, given: &str) -> bool {
    declared == given || (declared == "number" && given == "integer")
}

/// The schema type name of a literal.
fn literal_type(v: Node) -> Option<&'static str> {
    Some(match v.kind() {
        Kind::String => "string",
        Kind::Bool => "boolean",
        Kind::Object => "object",
        Kind::Array => "array",
        Kind::Number => {
            if v.source().contains(['.', 'e', 'E']) {
                "number"
            } else {
                "integer"
            }
        }
        Kind::Null | Kind::Error => return None,
    })
}

fn check_type(cx: &Context, out: &mut Report) {
    for_each_link(cx, |l| {
        let (Some(t), Some(s), Some(op)) = (l.target, l.source, l.source_op) else {
            return;
        };
        let (Some(tt), Some(st)) = (t.type_name(), s.type_name()) else {
            return;
        };
        if !fits(tt, st) {
            out.at(
                l.reference_node(),
                format!("The parameter has type '{tt}', but operation '{}' is providing a parameter of type '{st}'.", op.display_name()),
            )
            .with_related(FileKind::Swagger, target_anchor(&t, "type"), "The parameter it fills");
        }
    });
}

fn check_static(cx: &Context, out: &mut Report) {
    for_each_link(cx, |l| {
        let (Entry::Static(v), Some(t)) = (l.form, l.target) else {
            return;
        };
        let (Some(tt), Some(vt)) = (t.type_name(), literal_type(v)) else {
            return;
        };
        if !fits(tt, vt) {
            out.at(
                v,
                format!(
                    "The parameter has type '{tt}', but a static value is provided of type '{vt}'."
                ),
            )
            .with_related(
                FileKind::Swagger,
                target_anchor(&t, "type"),
                "The parameter it fills",
            );
        }
    });
}

fn check_required(cx: &Context, out: &mut Report) {
    for_each_link(cx, |l| {
        let (Some(t), Some(s), Some(op)) = (l.target, l.source, l.source_op) else {
            return;
        };
        if t.required && !t.has_default && !s.required {
            out.at(
                l.reference_node(),
                format!("The parameter is required, but an optional value is provided by operation '{}'. The request cannot be made until a value for this parameter is provided.", op.display_name()),
            )
            .with_related(FileKind::Swagger, target_anchor(&t, "required"), "The required parameter it fills");
        }
    });
}

fn check_internal(cx: &Context, out: &mut Report) {
    for_each_link(cx, |l| {
        let (Some(s), Some(op)) = (l.source, l.source_op) else {
            return;
        };
        let reference = match l.form {
            Entry::Parameter(n) | Entry::Reference(n) => n,
            _ => return,
        };
        if !s.internal {
            return;
        }
        let f = out.at(
            reference,
            format!("The parameter reference '{}' in the source operation '{}' is internal or one of its parent(s) are internal. Either make the property visible or update the parameter reference to a static value.", reference.as_str().unwrap_or(""), op.display_name()),
        );
        let default = s.schema.and_then(|sc| sc.get("default")).or_else(|| {
            s.schema
                .is_none()
                .then(|| s.parameter.def.get("default"))
                .flatten()
        });
        if let Some(d) = default {
            f.with_fix(Fix::new(
                format!("Pass the default {} as a static value", d.source()),
                Safety::Unsafe,
                vec![crate::rules::fix::replace_value(
                    FileKind::Swagger,
                    l.entry,
                    &serde_json::json!({ "value": d.to_value() }),
                )],
            ));
        }
    });
}
