//! Rules of the `dynamic` family: the calls that `x-ms-dynamic-*` extensions make to other
//! operations of the connector, webhook notifications, and `x-ms-api-annotation` revisions.
//!
//! Dynamic extensions are found through the `extensions` family's walk
//! ([`for_each_effective`](super::extensions::for_each_effective)); each becomes one or more
//! [`Call`]s (a tree has two: `open` and `browse`), resolved against an index of operations by
//! `operationId` built once per rule run. The entries of a call's `parameters` map are read by
//! [`refs`]: the operation supplying referenced values (the one the extension is written in, or
//! the operations whose body is the definition holding it) and where a name or path leads among
//! an operation's parameters and body properties.

mod annotation;
mod arrays;
mod mapping;
mod notification;
mod notification_params;
mod produce;
mod references;
mod refs;
mod schema_properties;
mod target;
mod tree_missing;
mod trigger_schema;
mod webhook;

/// Builds the data the family's rules share ([`crate::rules::WARM_UPS`]).
pub(super) fn warm_up(cx: &Context) {
    if let Some(sw) = cx.swagger {
        webhook::url_map(cx, &sw);
    }
}

use std::collections::HashMap;
use std::sync::Arc;

use super::{Context, Rule};
use crate::json::{Node, NodeId};
use crate::package::swagger::{Operation, Swagger, METHODS};

pub static RULES: &[&Rule] = &[
    &target::OperationIdNotFound,
    &target::OperationParameterNameNotFound,
    &target::OperationMissingRequiredProperty,
    &target::SelectedItemValuePathNotAllowedInThisPosition,
    &annotation::ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations,
    &annotation::ApiAnnotationExtensionReplacementInfoMissingApiProperty,
    &annotation::ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty,
    &annotation::OperationStatusAheadOfConnector,
    &annotation::OperationFamilyHasDuplicateRevisions,
    &annotation::OperationFamilyHasManyEmptyRevisions,
    &annotation::OperationFamilyHasManyActiveOperations,
    &annotation::OperationRevisionEmpty,
    &annotation::OperationIdShouldEndWithRevision,
    &annotation::OperationFamilyHasManyActiveProductionOperations,
    &arrays::ArrayDuplicateValue,
    &arrays::InvalidEnumValue,
    &notification::NotificationExtensionSupportedForTriggerOnly,
    &webhook::OperationMustHaveNotificationContentExtension,
    &webhook::NotificationUrlNotString,
    &webhook::NotificationOperationMustBeWebhook,
    &webhook::WebhookOperationsMissingNotificationUrlProperty,
    &webhook::NotificationExtensionNotSupportedInWebhookOperation,
    &webhook::NotificationUrlNotRequired,
    &webhook::NotificationUrlNotInternal,
    &schema_properties::DynamicPropertiesExtensionRequiredForPropertiesValuePath,
    &schema_properties::DynamicPropertiesItemValuePathMismatch,
    &references::DynamicListExtensionRequiredForAmbiguousReferences,
    &references::DynamicListExtensionRequiredForNonParameterReferences,
    &references::DynamicPropertiesExtensionRequiredForAmbiguousReferences,
    &references::DynamicPropertiesExtensionRequiredForNonParameterReferences,
    &references::OperationParameterNameIsAmbiguous,
    &tree_missing::DynamicTreeExtensionMissing,
    &produce::InvokedOperationShouldProduceArray,
    &produce::InvokedOperationShouldProduceProperty,
    &mapping::OperationParameterTypeMismatch,
    &mapping::OperationParameterStaticTypeMismatch,
    &mapping::OperationParameterRequiredMismatch,
    &mapping::SourcePropertyInternal,
    &notification_params::ParamtersWithSameNameMustHaveSameTypeAndVisibility,
    &trigger_schema::SchemaDefinitionSetIncorrectly,
];

/// The extensions whose value calls an operation of the connector directly.
const CALLING: [&str; 4] = [
    "x-ms-dynamic-values",
    "x-ms-dynamic-list",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-properties",
];

/// One call of an operation made by a dynamic extension.
#[derive(Clone, Copy)]
struct Call<'a> {
    /// The object holding `operationId` (the extension value, or a tree's `open` / `browse`).
    holder: Node<'a>,
    /// The `operationId` value.
    id: Node<'a>,
    /// The `parameters` map, when present and an object.
    parameters: Option<Node<'a>>,
}

/// Calls `f` for every operation call made by a dynamic extension placed where it has effect.
fn for_each_call<'a>(cx: &Context<'a>, mut f: impl FnMut(Call<'a>)) {
    let mut visit = |holder: Node<'a>| {
        let Some(id) = holder.get("operationId") else {
            return;
        };
        f(Call {
            holder,
            id,
            parameters: holder.get("parameters").filter(Node::is_object),
        });
    };
    super::extensions::for_each_effective(cx, |ext, value| {
        if !value.is_object() {
            return;
        }
        if CALLING.contains(&ext.name) {
            visit(value);
        } else if ext.name == "x-ms-dynamic-tree" {
            for k in ["open", "browse"] {
                if let Some(h) = value.get(k).filter(Node::is_object) {
                    visit(h);
                }
            }
        }
    });
}

/// The operations of the swagger by `operationId` (the first one wins on duplicates), built
/// once per check ([`Context::memo`]) for the eight rules of the family that look calls up.
struct OperationIds(HashMap<Box<str>, NodeId>);

/// Looks operations up by `operationId`; see [`operations_by_id`].
struct OperationsById<'a> {
    swagger: Option<Swagger<'a>>,
    ids: Arc<OperationIds>,
}

impl<'a> OperationsById<'a> {
    fn get(&self, id: &str) -> Option<Operation<'a>> {
        let sw = self.swagger?;
        operation_at(sw, sw.root.tree().node(*self.ids.0.get(id)?))
    }

    fn contains_key(&self, id: &str) -> bool {
        self.ids.0.contains_key(id)
    }
}

/// The operation whose node is `node` (a method member of a path item). Memos keep node ids
/// only; this turns one back into an operation.
fn operation_at<'a>(swagger: Swagger<'a>, node: Node<'a>) -> Option<Operation<'a>> {
    let path_item = node.parent()?;
    let method = METHODS
        .iter()
        .find(|m| node.key().is_some_and(|k| m.eq_ignore_ascii_case(k)))?;
    Some(Operation {
        swagger,
        path: path_item.key()?,
        path_item,
        method,
        node,
    })
}

/// Every operation by its `operationId` (the first one wins on duplicates).
fn operations_by_id<'a>(cx: &Context<'a>) -> OperationsById<'a> {
    let ids = cx.memo(|| {
        let mut map = HashMap::new();
        if let Some(sw) = cx.swagger {
            for op in sw.operations() {
                if let Some(id) = op.operation_id() {
                    map.entry(id.into()).or_insert(op.node.id());
                }
            }
        }
        OperationIds(map)
    });
    OperationsById {
        swagger: cx.swagger,
        ids,
    }
}

#[cfg(test)]
mod tests {
    use super::RULES;

    /// Every prefix of a document that exercises the family: half-typed text, wrong types and
    /// `$ref` cycles must never make a rule panic or loop (rules are called directly here,
    /// without the engine's panic guard).
    #[test]
    fn rules_survive_every_truncation() {
        let text = r##"{"swagger":"2.0","paths":{
"/o":{"get":{"operationId":"ListOwners","parameters":[{"name":"project","in":"query","type":"string","required":true},{"name":"top","in":"query","type":"integer"},
{"name":"b","in":"body","schema":{"properties":{"project":{"type":"string"}}}}],
"responses":{"200":{"schema":{"$ref":"#/definitions/Loop"}},"default":{"schema":{"type":"object","properties":{"value":{"type":"array","items":{"properties":{"id":{}}}}}}}}}},
"/t":{"x-ms-notification-content":{"schema":5},"post":{"operationId":"CreateTask","x-ms-trigger":"single","x-ms-notification":{"operationId":"ListOwners"},
"parameters":[{"name":"project","in":"query","type":"integer","x-ms-visibility":"internal","default":1},
{"name":"f","in":"query","type":"string","x-ms-dynamic-values":{"capability":"file-picker","value-path":"path"}},
{"name":"body","in":"body","schema":{"$ref":"#/definitions/Task"}}],"responses":{"200":{"$ref":"#/responses/none"}}}}},
"definitions":{"Loop":{"$ref":"#/definitions/Loop2"},"Loop2":{"$ref":"#/definitions/Loop"},
"Task":{"type":"object","properties":{"project":{"type":"string","x-ms-visibility":"internal"},"owner":{"type":"string",
"x-ms-dynamic-values":{"operationId":"ListOwners","value-collection":"items/x","value-path":"id","value-title":"name",
"parameters":{"project":{"parameter":"project"},"top":{"value":"5"},"b/project":{"parameter":"body/project"},"x":7,"y":{"parameter":5}}}},
"fields":{"type":"object","x-ms-dynamic-schema":{"operationId":"ListOwners","parameters":{"project":{"parameter":"owner"}},"value-path":"schema/properties"}}}}}}"##;
        let findings = crate::rules::check_every_prefix(text, RULES);
        let mut codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert!(codes.len() >= 12, "only {codes:?}");
    }
}
