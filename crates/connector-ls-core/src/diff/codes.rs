//! The codes of [`super::compare`], registered with the engine so `rules` and `explain` list
//! them. A normal check has no old version to compare with: their `check` does nothing, and
//! only `connector-ls diff` and `check --base` report them.

use crate::rules::{rule, Context, Report, Rule};

/// A breaking change needs the old version; a single-package check never reports one.
fn only_in_diff(_: &Context, _: &mut Report) {}

macro_rules! breaking {
    ($name:ident, $summary:literal, $docs:literal) => {
        rule!($name {
            severity: Error,
            file: Swagger,
            certification: false,
            documented: false,
            fix: None,
            summary: $summary,
            docs: $docs,
            check: only_in_diff,
        });
    };
}

breaking!(
    BreakingOperationDeleted,
    "An operation of the old version is gone, or its operationId was renamed (diff only).",
    r##"## What it does
Compares a connector with its previous version (`connector-ls diff OLD NEW`, or
`check --base REF`) and reports each operationId of the old swagger that the new one lacks.
When an operation with another operationId sits on the same method and path template, the
message says it was renamed: the validator still counts a rename as a deletion. The message is
the validator's: "The operation has been deleted. This change breaks existing flows."

## Why
Flows and apps call an action by its operationId. Once it is gone, every flow using it fails,
and the certification validator refuses the update.

## Example
The old version has `"operationId": "GetItems"` on `GET /items`; the new one has
`"operationId": "ListItems"` there.

## How to fix
Keep the old operation (mark it `"deprecated": true` and `"x-ms-visibility": "internal"` to
hide it from new flows) and add the new one beside it with its own operationId.
"##
);

breaking!(
    BreakingPathChanged,
    "An operation's path template or HTTP method changed (diff only).",
    r##"## What it does
Reports an operation (matched by operationId) whose path template or HTTP method differs from
the previous version. The path message is the validator's: "The path template has been changed
for the operation."

## Why
The platform maps an action to its HTTP request through the path and method; existing flows
were saved against the old ones and the validator refuses the change.

## Example
`GetItem` was on `GET /items/{id}` and is now on `GET /v2/items/{id}`.

## How to fix
Keep the old operation on its old path and method (deprecated and internal if it should no
longer be offered) and add a new operation with a new operationId for the new endpoint.
"##
);

breaking!(
    BreakingParameterRemoved,
    "A parameter of an operation was removed (diff only).",
    r##"## What it does
Reports a parameter (matched by name) that an operation had in the previous version and no
longer has. Internal parameters (`x-ms-visibility: internal`) are not reported: flows never
set them.

## Why
Existing flows store a value for the parameter and keep sending it; the service may reject it
or the flow may silently lose what the author configured.

## Example
`ListItems` had a `top` query parameter; the new version drops it.

## How to fix
Keep the parameter (mark it `x-ms-visibility: advanced` or `internal` to hide it), or add a new
operation without it.
"##
);

breaking!(
    BreakingParameterLocationChanged,
    "A parameter moved to another location (`in` changed) (diff only).",
    r##"## What it does
Reports a parameter (matched by name) whose `in` differs from the previous version, for
example from `query` to `header`. The message is the validator's: "The location has been
changed for the parameter. Existing flows will continue to send the parameter in the old
location."

## Why
Existing flows keep sending the value where it used to go; the service will not find it.

## Example
`apiVersion` was `"in": "query"` and is now `"in": "header"`.

## How to fix
Keep the parameter where it was, or add a new operation that takes it in the new location.
"##
);

breaking!(
    BreakingRequiredParameterAdded,
    "An operation gained a required input without a default (diff only).",
    r##"## What it does
Reports a new required parameter, a parameter that became required, or a new required property
of a body schema, when it has no `default` and is not internal. The message is the
validator's: "The required input field has been added. Existing flows will not send this new
field."

## Why
Flows saved before the update do not send the new input, so their calls fail.

## Example
`CreateItem` gains `{"name": "owner", "in": "query", "required": true, "type": "string"}`.

## How to fix
Make the input optional, give it a `default`, or make it internal with a default value.
"##
);

breaking!(
    BreakingTypeChanged,
    "A parameter, body property or output field changed its `type` (diff only).",
    r##"## What it does
Reports a parameter, a request body property, or a response schema property (following
`$ref`s) that keeps its name but whose `type` changed. For outputs the message is the
validator's: "The type has been changed for the output field. Existing flows may be broken if
they are using this field and actual payload has been changed."

## Why
Flows bind to inputs and outputs with their types: an expression that read a string or passed
a number breaks when the type changes.

## Example
The `count` output of `GetStats` was `"type": "string"` and is now `"type": "integer"`.

## How to fix
Keep the old field with its type and add a new field with the new type.
"##
);

breaking!(
    BreakingOutputDeleted,
    "A field of a response schema is gone (diff only).",
    r##"## What it does
Reports a property of a success response schema (following `$ref`s, nested properties and
array items) that the new version no longer has, or a success response that lost its schema.
The message is the validator's: "The output field has been deleted. Existing flows may be
broken if they are using this field and actual payload has been changed."

## Why
Flows refer to output fields as dynamic content; a deleted field leaves their expressions
pointing at nothing.

## Example
`GetItem`'s 200 response had a `price` property; the new schema drops it.

## How to fix
Keep the property in the schema (even if documented as deprecated), or version the operation.
"##
);

breaking!(
    BreakingEnumAdded,
    "An input that accepted free values now has an `enum` (diff only).",
    r##"## What it does
Reports a parameter or request body property that had no `enum` before and has one now. The
message is the validator's: "The list of enum values has been added to the input field.
Existing flows may use values outside of this list."

## Why
Existing flows may pass values outside the new list and start failing validation.

## Example
`status` was a free `string` and is now `"enum": ["open", "closed"]`.

## How to fix
Offer the values as suggestions instead (`x-ms-dynamic-values`, or `x-ms-enum-values` display
names without restricting the input), or add a new operation.
"##
);

breaking!(
    BreakingAuthChanged,
    "The authentication type or OAuth identity provider changed (diff only).",
    r##"## What it does
Reports a change of the kinds of `securityDefinitions` in the swagger (`oauth2` and its flow,
`apiKey`, `basic`), and a change of a connection parameter's `oAuthSettings.identityProvider`
in apiProperties.json.

## Why
Existing connections were created with the old authentication; they stop working, and every
user has to create a new connection and fix each flow.

## Example
The old swagger has `{"type": "apiKey", ...}` and the new one `{"type": "oauth2", ...}`.

## How to fix
Keep the authentication of the published version. A different authentication is a new
connector.
"##
);

pub static RULES: &[&Rule] = &[
    &BreakingOperationDeleted,
    &BreakingPathChanged,
    &BreakingParameterRemoved,
    &BreakingParameterLocationChanged,
    &BreakingRequiredParameterAdded,
    &BreakingTypeChanged,
    &BreakingOutputDeleted,
    &BreakingEnumAdded,
    &BreakingAuthChanged,
];
