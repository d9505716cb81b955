//! Legacy parameter references: `x-ms-dynamic-values` and `x-ms-dynamic-schema` pass values with
//! `{"parameter": name}`, which can only name a whole parameter of the operation. A name that
//! also matches a body property, or that points inside a parameter, needs the newer
//! `x-ms-dynamic-list` / `x-ms-dynamic-properties` beside it, whose `parameterReference` paths
//! say exactly where the value comes from.

use serde_json::{Map, Value};

use super::refs::{self, Entry};
use crate::json::Node;
use crate::package::swagger::{Parameter, Swagger};
use crate::package::FileKind;
use crate::rules::{rule, Context, Fix, Report, Safety};

rule!(DynamicListExtensionRequiredForAmbiguousReferences {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "`x-ms-dynamic-values` references a name that is both a parameter and a body property, without `x-ms-dynamic-list`.",
    docs: r#"## What it does
Reports a `{"parameter": name}` entry of an `x-ms-dynamic-values` `parameters` map when `name`
is both a parameter of the operation and a property of its body schema, and the same parameter
or property has no `x-ms-dynamic-list`. Extensions inside a definition are checked against the
operations whose body schema is that definition; a definition reached only through other
definitions is skipped (the operation supplying the values is not known).

## Why
The legacy form cannot say which of the two the value should come from. `x-ms-dynamic-list`
names the source by path (`parameterReference`), and the designer uses it instead. The validator
rejects the package without it; it is an error because the drop-down may be filled from the
wrong value.

## Example
```json
"parameters": [
  { "name": "id", "in": "query", "type": "string" },
  { "name": "body", "in": "body", "schema": { "properties": { "id": { "type": "string" },
    "owner": { "type": "string", "x-ms-dynamic-values": { "operationId": "ListOwners",
      "parameters": { "project": { "parameter": "id" } } } } } } }
]
```

## How to fix
Add an `x-ms-dynamic-list` beside `x-ms-dynamic-values` whose `parameters` use
`{"parameterReference": "id"}` (the query parameter) or `{"parameterReference": "body/id"}` (the
body property). The quick fix writes the list form, taking the parameter; check that this is
the source you meant.
"#,
    check: check_list_ambiguous,
});

rule!(DynamicListExtensionRequiredForNonParameterReferences {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "`x-ms-dynamic-values` references a property inside a parameter, without `x-ms-dynamic-list`.",
    docs: r#"## What it does
Reports a `{"parameter": name}` entry of an `x-ms-dynamic-values` `parameters` map when `name`
is not a parameter of the operation but a property inside one: a path such as `body/projectId`,
or the name of a property of the body schema. Only when the same parameter or property has no
`x-ms-dynamic-list`; extensions in a definition are checked against the operations whose body
schema is that definition.

## Why
`{"parameter": ...}` names whole parameters. A property inside one can only be passed with the
`parameterReference` paths of `x-ms-dynamic-list`; without it the validator rejects the package
and clients that read only the legacy form send nothing.

## Example
```json
"x-ms-dynamic-values": { "operationId": "ListOwners",
  "parameters": { "project": { "parameter": "projectId" } } }
```
where `projectId` is a property of the body.

## How to fix
Add `x-ms-dynamic-list` beside it with `"project": { "parameterReference": "body/projectId" }`.
The quick fix writes the whole list form from the legacy one.
"#,
    check: check_list_non_parameter,
});

rule!(DynamicPropertiesExtensionRequiredForAmbiguousReferences {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "`x-ms-dynamic-schema` references a name that is both a parameter and a body property, without `x-ms-dynamic-properties`.",
    docs: r#"## What it does
Reports a `{"parameter": name}` entry of an `x-ms-dynamic-schema` `parameters` map when `name`
is both a parameter of the operation and a property of its body schema, and the same schema has
no `x-ms-dynamic-properties`. Extensions in a definition are checked against the operations
whose body schema is that definition.

## Why
The legacy form cannot say which of the two the value comes from, so the schema may be loaded
for the wrong value. `x-ms-dynamic-properties` names the source by path. The validator rejects
the package without it.

## Example
```json
"schema": { "x-ms-dynamic-schema": { "operationId": "GetFields",
  "parameters": { "table": { "parameter": "table" } } } }
```
where `table` is both a query parameter and a body property.

## How to fix
Add `x-ms-dynamic-properties` beside it with `"table": { "parameterReference": "table" }` (or
`"body/table"`). The quick fix writes it from the legacy form, taking the parameter.
"#,
    check: check_properties_ambiguous,
});

rule!(DynamicPropertiesExtensionRequiredForNonParameterReferences {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: Unsafe,
    summary: "`x-ms-dynamic-schema` references a property inside a parameter, without `x-ms-dynamic-properties`.",
    docs: r#"## What it does
Reports a `{"parameter": name}` entry of an `x-ms-dynamic-schema` `parameters` map when `name`
is a property inside a parameter (`body/table`, or a body property name) rather than a
parameter, and the same schema has no `x-ms-dynamic-properties`. Extensions in a definition are
checked against the operations whose body schema is that definition.

## Why
`{"parameter": ...}` names whole parameters; a property inside one needs the
`parameterReference` path of `x-ms-dynamic-properties`. The validator rejects the package
without it.

## Example
```json
"x-ms-dynamic-schema": { "operationId": "GetFields",
  "parameters": { "table": { "parameter": "body/table" } }, "value-path": "schema" }
```

## How to fix
Add `"x-ms-dynamic-properties": { "operationId": "GetFields", "parameters": { "table":
{ "parameterReference": "body/table" } }, "itemValuePath": "schema" }`. The quick fix writes it.
"#,
    check: check_properties_non_parameter,
});

rule!(OperationParameterNameIsAmbiguous {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A key of a legacy dynamic `parameters` map names both a parameter and a body property of the called operation.",
    docs: r#"## What it does
Reports a key of the `parameters` map of an `x-ms-dynamic-values` or `x-ms-dynamic-schema`
that is the name of a parameter of the called operation and also the name of a property of the
called operation's body schema, when the newer `x-ms-dynamic-list` / `x-ms-dynamic-properties`
is not beside it.

## Why
In the legacy form a key may name either a parameter of the called operation or a property of
its body. When both exist the platform cannot tell where to put the value. The validator
rejects it.

## Example
```json
"x-ms-dynamic-values": { "operationId": "ListTasks", "parameters": { "project": { "value": "p1" } } }
```
while `ListTasks` has a query parameter `project` and a body property `project`.

## How to fix
Add `x-ms-dynamic-list` / `x-ms-dynamic-properties`, whose keys are explicit paths
(`project` for the parameter, `body/project` for the property), or rename one of the two.
"#,
    check: check_name_ambiguous,
});

/// A legacy extension and its newer form.
struct Pair {
    legacy: &'static str,
    modern: &'static str,
}

const VALUES: Pair = Pair {
    legacy: "x-ms-dynamic-values",
    modern: "x-ms-dynamic-list",
};
const SCHEMA: Pair = Pair {
    legacy: "x-ms-dynamic-schema",
    modern: "x-ms-dynamic-properties",
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Problem {
    Ambiguous,
    NonParameter,
}

/// What a legacy `{"parameter": name}` reference means among the operation's parameters.
fn classify(sw: &Swagger, params: &[Parameter], name: &str) -> Option<Problem> {
    let is_param = refs::parameter(params, name).is_some();
    let in_body = refs::resolve_body_path(sw, params, name).is_some();
    if is_param {
        return in_body.then_some(Problem::Ambiguous);
    }
    let into_param = name
        .split_once('/')
        .is_some_and(|(first, _)| refs::parameter(params, first).is_some());
    (into_param || in_body).then_some(Problem::NonParameter)
}

/// Calls `f` for each legacy reference of `pair.legacy` extensions without their newer form,
/// with the problem it has.
fn for_each_problem<'a>(
    cx: &Context<'a>,
    pair: &Pair,
    mut f: impl FnMut(Node<'a>, Node<'a>, &[Parameter<'a>], Problem),
) {
    let Some(sw) = cx.swagger else { return };
    // Built on first use: most connectors have no dynamic extension.
    let mut sources: Option<refs::Sources> = None;
    crate::rules::extensions::for_each_effective(cx, |ext, value| {
        if ext.name != pair.legacy || !value.is_object() {
            return;
        }
        if refs::sibling(value, pair.modern).is_some() {
            return;
        }
        let Some(map) = value.get("parameters").filter(Node::is_object) else {
            return;
        };
        let ops = sources
            .get_or_insert_with(|| refs::Sources::new(cx))
            .of(cx, value);
        let Some(first) = ops.first() else { return };
        let params = first.parameters();
        let others: Vec<Vec<Parameter>> = ops[1..].iter().map(|op| op.parameters()).collect();
        for (_, entry) in map.members() {
            let Entry::Parameter(name) = Entry::of(entry) else {
                continue;
            };
            let Some(n) = name.as_str() else { continue };
            // Reported only when the reference is a problem for every operation using it.
            let Some(problem) = classify(&sw, &params, n) else {
                continue;
            };
            if others.iter().all(|ps| classify(&sw, ps, n).is_some()) {
                f(value, name, &params, problem);
            }
        }
    });
}

/// The `parameterReference` path for a legacy reference `name`: the parameter when one has the
/// name, else the name when it is already a path into a parameter, else the body property.
fn reference_path(sw: &Swagger, params: &[Parameter], name: &str) -> String {
    if refs::parameter(params, name).is_some() {
        return name.to_string();
    }
    if refs::resolve_path(sw, params, name).is_some()
        || name
            .split_once('/')
            .is_some_and(|(first, _)| refs::parameter(params, first).is_some())
    {
        return name.to_string();
    }
    match refs::body(sw, params).and_then(|(p, _)| p.name()) {
        Some(body) => format!("{body}/{name}"),
        None => name.to_string(),
    }
}

/// The newer extension equivalent to the legacy `value`.
fn modern_form(sw: &Swagger, params: &[Parameter], pair: &Pair, value: Node) -> Value {
    let mut out = Map::new();
    if let Some(id) = value.get("operationId") {
        out.insert("operationId".into(), id.to_value());
    }
    if let Some(map) = value.get("parameters").filter(Node::is_object) {
        let mut converted = Map::new();
        for (key, entry) in map.members() {
            let v = match Entry::of(entry) {
                Entry::Static(v) => serde_json::json!({ "value": v.to_value() }),
                Entry::Parameter(n) => {
                    let path = reference_path(sw, params, n.as_str().unwrap_or(""));
                    serde_json::json!({ "parameterReference": path })
                }
                Entry::Reference(_) | Entry::Other => entry.to_value(),
            };
            converted.insert(key.to_string(), v);
        }
        out.insert("parameters".into(), Value::Object(converted));
    }
    let copy = |out: &mut Map<String, Value>, from: &str, to: &str| {
        if let Some(s) = value.get_str(from) {
            out.insert(to.into(), Value::String(s.to_string()));
        }
    };
    if pair.legacy == VALUES.legacy {
        copy(&mut out, "value-collection", "itemsPath");
        copy(&mut out, "value-path", "itemValuePath");
        copy(&mut out, "value-title", "itemTitlePath");
    } else if let Some(p) = value.get_str("value-path") {
        let p = p.trim_end_matches('/');
        let p = p
            .strip_suffix("/properties")
            .or_else(|| (p == "properties").then_some(""))
            .unwrap_or(p);
        out.insert("itemValuePath".into(), Value::String(p.to_string()));
    }
    Value::Object(out)
}

fn run(cx: &Context, out: &mut Report, pair: &Pair, want: Problem, message: &str) {
    let Some(sw) = cx.swagger else { return };
    // One finding (and one fix) per extension: the fix converts every entry at once.
    let mut last: Option<Node> = None;
    for_each_problem(cx, pair, |value, name, params, problem| {
        if problem != want || last == Some(value) {
            return;
        }
        last = Some(value);
        let Some(owner) = value.parent() else { return };
        let modern = modern_form(&sw, params, pair, value);
        out.at(name, message).with_fix(Fix::new(
            format!("Add '{}' with explicit parameter references", pair.modern),
            Safety::Unsafe,
            vec![crate::rules::fix::insert_member(
                FileKind::Swagger,
                owner,
                value.key(),
                pair.modern,
                &modern,
            )],
        ));
    });
}

fn check_list_ambiguous(cx: &Context, out: &mut Report) {
    run(cx, out, &VALUES, Problem::Ambiguous, "The 'x-ms-dynamic-values' extension references ambiguous parameter references. You need to define the 'x-ms-dynamic-list' extension.");
}

fn check_list_non_parameter(cx: &Context, out: &mut Report) {
    run(cx, out, &VALUES, Problem::NonParameter, "The 'x-ms-dynamic-values' extension references properties within parameters. You need to define the 'x-ms-dynamic-list' extension.");
}

fn check_properties_ambiguous(cx: &Context, out: &mut Report) {
    run(cx, out, &SCHEMA, Problem::Ambiguous, "The 'x-ms-dynamic-schema' extension references ambiguous parameter references. You need to define the 'x-ms-dynamic-properties' extension.");
}

fn check_properties_non_parameter(cx: &Context, out: &mut Report) {
    run(cx, out, &SCHEMA, Problem::NonParameter, "The 'x-ms-dynamic-schema' extension references properties within parameters. You need to define the 'x-ms-dynamic-properties' extension.");
}

fn check_name_ambiguous(cx: &Context, out: &mut Report) {
    let Some(sw) = cx.swagger else { return };
    let ops = super::operations_by_id(cx);
    crate::rules::extensions::for_each_effective(cx, |ext, value| {
        let pair = match ext.name {
            "x-ms-dynamic-values" => &VALUES,
            "x-ms-dynamic-schema" => &SCHEMA,
            _ => return,
        };
        if !value.is_object() || refs::sibling(value, pair.modern).is_some() {
            return;
        }
        let Some(map) = value.get("parameters").filter(Node::is_object) else {
            return;
        };
        let Some(target) = value.get_str("operationId").and_then(|id| ops.get(id)) else {
            return;
        };
        let params = target.parameters();
        for (key, entry) in map.members() {
            if refs::parameter(&params, key).is_some()
                && refs::resolve_body_path(&sw, &params, key).is_some()
            {
                out.at_key(
                    entry,
                    "The parameter name is ambiguous as it matches both a parameter name and a path to a body property.",
                );
            }
        }
    });
}
