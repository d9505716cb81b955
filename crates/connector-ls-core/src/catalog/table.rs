//! The extension table, sorted by name (a test checks) so lookups are a binary search.

use super::{
    one_of, spec, Extension, JsonType, Member, Site, Status, ValueSpec, ANY, ARRAY, BOOLEAN,
    INTEGER, OBJECT, STRING,
};
use Site::*;

/// An object with these members.
const fn object(members: &'static [Member]) -> ValueSpec {
    ValueSpec {
        types: &[JsonType::Object],
        values: &[],
        empty_is_default: false,
        members,
    }
}

/// An array of objects with these members.
const fn array_of(members: &'static [Member]) -> ValueSpec {
    ValueSpec {
        types: &[JsonType::Array],
        values: &[],
        empty_is_default: false,
        members,
    }
}

const fn member(name: &'static str, value: ValueSpec, doc: &'static str) -> Member {
    Member {
        name,
        value,
        required: false,
        doc,
    }
}

const fn required(name: &'static str, value: ValueSpec, doc: &'static str) -> Member {
    Member {
        name,
        value,
        required: true,
        doc,
    }
}

const PARAMETERS_MAP: Member = member(
    "parameters",
    OBJECT,
    "Values for the called operation's parameters: a literal, or a reference to a parameter of this operation.",
);

const DYNAMIC_VALUES_SNIPPET: &str = "{\n\t\"operationId\": \"$1\",\n\t\"parameters\": {$2},\n\t\"value-collection\": \"${3:value}\",\n\t\"value-path\": \"${4:id}\",\n\t\"value-title\": \"${5:name}\"\n}";
const DYNAMIC_LIST_SNIPPET: &str = "{\n\t\"operationId\": \"$1\",\n\t\"parameters\": {$2},\n\t\"itemsPath\": \"${3:value}\",\n\t\"itemValuePath\": \"${4:id}\",\n\t\"itemTitlePath\": \"${5:name}\"\n}";
const DYNAMIC_SCHEMA_SNIPPET: &str =
    "{\n\t\"operationId\": \"$1\",\n\t\"parameters\": {$2},\n\t\"value-path\": \"${3:schema}\"\n}";
const DYNAMIC_PROPERTIES_SNIPPET: &str =
    "{\n\t\"operationId\": \"$1\",\n\t\"parameters\": {$2},\n\t\"itemValuePath\": \"${3:schema}\"\n}";
const CONNECTOR_METADATA_SNIPPET: &str = "[\n\t{\n\t\t\"propertyName\": \"Website\",\n\t\t\"propertyValue\": \"${1:https://}\"\n\t},\n\t{\n\t\t\"propertyName\": \"Privacy policy\",\n\t\t\"propertyValue\": \"${2:https://}\"\n\t},\n\t{\n\t\t\"propertyName\": \"Categories\",\n\t\t\"propertyValue\": \"${3:Productivity}\"\n\t}\n]";
const API_ANNOTATION_SNIPPET: &str = "{\n\t\"family\": \"$1\",\n\t\"revision\": ${2:1},\n\t\"status\": \"${3|Preview,Production|}\"\n}";
const NOTIFICATION_CONTENT_SNIPPET: &str =
    "{\n\t\"description\": \"$1\",\n\t\"schema\": {\n\t\t\"\\$ref\": \"#/definitions/$2\"\n\t}\n}";
const PAGEABLE_SNIPPET: &str = "{\n\t\"nextLinkName\": \"${1|nextLink,@odata.nextLink|}\"\n}";
const TRIGGER_METADATA_SNIPPET: &str = "{\n\t\"kind\": \"query\",\n\t\"mode\": \"polling\"\n}";
const ENUM_VALUES_SNIPPET: &str =
    "[\n\t{\n\t\t\"value\": \"$1\",\n\t\t\"displayName\": \"$2\"\n\t}\n]";
const DYNAMIC_TREE_SNIPPET: &str = "{\n\t\"settings\": {\n\t\t\"canSelectParentNodes\": ${1|true,false|},\n\t\t\"canSelectLeafNodes\": ${2|true,false|}\n\t},\n\t\"open\": {\n\t\t\"operationId\": \"$3\",\n\t\t\"itemsPath\": \"${4:value}\",\n\t\t\"itemValuePath\": \"${5:id}\",\n\t\t\"itemTitlePath\": \"${6:name}\",\n\t\t\"itemIsParent\": \"${7:(isFolder eq true)}\"\n\t},\n\t\"browse\": {\n\t\t\"operationId\": \"$8\",\n\t\t\"parameters\": {$9},\n\t\t\"itemsPath\": \"${10:value}\",\n\t\t\"itemValuePath\": \"${11:id}\",\n\t\t\"itemTitlePath\": \"${12:name}\",\n\t\t\"itemIsParent\": \"${13:(isFolder eq true)}\"\n\t}\n}";

/// The extension table. Keep it sorted by name.
pub static EXTENSIONS: &[Extension] = &[
    Extension {
        name: "x-ms-agentic-protocol",
        status: Status::Observed,
        sites: &[Operation],
        value: STRING,
        doc: "Marks the operation as a Model Context Protocol (MCP) server endpoint for Copilot Studio agents; the value names the protocol and its version, e.g. `mcp-streamable-1.0` (streamable HTTP transport). Accepted in certified MCP connectors since 2025.",
        snippet: None,
    },
    Extension {
        name: "x-ms-api-annotation",
        status: Status::Documented,
        sites: &[Info, Operation],
        value: object(&[
            member("family", STRING, "Groups the revisions of one operation; defaults to the operationId."),
            member("revision", INTEGER, "Revision number within the family, from 1."),
            member("status", one_of(&["Preview", "Production"]), "Lifecycle stage of the connector or operation."),
            member("replacement", object(&[
                member("api", STRING, "The connector that holds the replacement operation."),
                member("operationId", STRING, "The operation that replaces this deprecated one."),
            ]), "Where callers of a deprecated operation should move."),
            member("expires", STRING, "Date (ISO 8601) after which the operation stops working."),
        ]),
        doc: "Versioning and lifecycle data. On `info` it states whether the whole connector is in preview or production; on an operation it places the operation in a family of revisions, gives its revision number and status, and for a deprecated operation names its replacement.",
        snippet: Some(API_ANNOTATION_SNIPPET),
    },
    Extension {
        name: "x-ms-api-version",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An Azure code-generation extension. The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-azure-resource",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An Azure code-generation extension marking ARM resources. The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-capabilities",
        status: Status::Documented,
        sites: &[Root, Operation, Schema, SchemaProperty],
        value: object(&[
            member("testConnection", object(&[
                required("operationId", STRING, "The operation called to test a new connection."),
                PARAMETERS_MAP,
            ]), "An operation the platform calls to check that a connection works."),
            member("file-picker", OBJECT, "The legacy file-picker capability: `open` and `browse` operations and the properties of their items."),
            member("chunkTransfer", BOOLEAN, "On an operation: the operation accepts content uploaded in chunks."),
            member("filterFunctions", ARRAY, "On a property of a response schema: the OData filter functions the service evaluates on it (`eq`, `startswith`, ...)."),
        ]),
        doc: "Declares capabilities. At the root: a test-connection operation or the legacy file picker. On an operation: `chunkTransfer` says the operation accepts chunked uploads of large content. On a property of a tabular response: `filterFunctions` lists the filter functions the service supports on it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-client-flatten",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An AutoRest code-generation extension. The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-client-name",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An AutoRest code-generation extension renaming a generated member. The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-connector-metadata",
        status: Status::Documented,
        sites: &[Root],
        value: array_of(&[
            required("propertyName", STRING, "`Website`, `Privacy policy` or `Categories`."),
            required("propertyValue", STRING, "A URL, or up to two categories separated by `;`."),
        ]),
        doc: "Publisher information shown on the connector's public documentation page: the website, the privacy policy and one or two categories. Certification requires it.",
        snippet: Some(CONNECTOR_METADATA_SNIPPET),
    },
    Extension {
        name: "x-ms-deployment-version",
        status: Status::RepoSchema,
        sites: &[Info],
        value: STRING,
        doc: "A dotted version number (`1.0.0`) stamped on the deployed connector.",
        snippet: None,
    },
    Extension {
        name: "x-ms-description-for-model",
        status: Status::Unverified,
        sites: &[Operation, Parameter, BodyParameter],
        value: STRING,
        doc: "A description meant for AI models rather than people. Seen in first-party connectors; its effect on custom connectors is not confirmed.",
        snippet: None,
    },
    Extension {
        name: "x-ms-discriminator-value",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An AutoRest code-generation extension for polymorphic models. The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-docs",
        status: Status::RepoSchema,
        sites: &[Root],
        value: array_of(&[
            required("url", STRING, "Address of the documentation."),
            required("description", STRING, "What the link documents."),
        ]),
        doc: "Links to external documentation about the connector.",
        snippet: None,
    },
    Extension {
        name: "x-ms-docs-key-type",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "Written by Microsoft's OData-to-OpenAPI converter (Microsoft Graph descriptions). The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-docs-operation-type",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "Written by Microsoft's OData-to-OpenAPI converter to tell operations, functions and actions apart. The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-dynamic-list",
        status: Status::Documented,
        sites: &[Parameter, SchemaProperty, Schema],
        value: object(&[
            required("operationId", STRING, "The operation that returns the list."),
            member("parameters", OBJECT, "Each parameter of the called operation as `{\"value\": literal}` or `{\"parameterReference\": \"path\"}`."),
            member("itemsPath", STRING, "Path to the array in the response."),
            member("itemValuePath", STRING, "Path, inside each item, to the value to use."),
            member("itemTitlePath", STRING, "Path, inside each item, to the text to show."),
        ]),
        doc: "The newer form of `x-ms-dynamic-values`: fills a drop-down from another operation's response, and can reference nested properties of this operation's inputs without ambiguity. Usually written next to `x-ms-dynamic-values`.",
        snippet: Some(DYNAMIC_LIST_SNIPPET),
    },
    Extension {
        name: "x-ms-dynamic-properties",
        status: Status::Documented,
        sites: &[Schema, SchemaProperty],
        value: object(&[
            required("operationId", STRING, "The operation that returns the schema."),
            member("parameters", OBJECT, "Each parameter of the called operation as `{\"value\": literal}` or `{\"parameterReference\": \"path\"}`."),
            member("itemValuePath", STRING, "Path to the schema object in the response."),
        ]),
        doc: "The newer form of `x-ms-dynamic-schema`: loads the schema of a body or response at design time from another operation, with unambiguous references to this operation's inputs.",
        snippet: Some(DYNAMIC_PROPERTIES_SNIPPET),
    },
    Extension {
        name: "x-ms-dynamic-schema",
        status: Status::Documented,
        sites: &[Schema, SchemaProperty],
        value: object(&[
            required("operationId", STRING, "The operation that returns the schema."),
            PARAMETERS_MAP,
            member("value-path", STRING, "Path to the schema in the response."),
        ]),
        doc: "Loads the schema of a request body or a response at design time by calling another operation, so the designer shows fields that depend on earlier choices (a table's columns, a form's fields).",
        snippet: Some(DYNAMIC_SCHEMA_SNIPPET),
    },
    Extension {
        name: "x-ms-dynamic-tree",
        status: Status::RepoSchema,
        sites: &[Parameter, SchemaProperty, Schema],
        value: object(&[
            member("settings", OBJECT, "Picker behaviour: whether parent and leaf nodes can be selected."),
            member("open", OBJECT, "The operation listing the top level of the tree."),
            member("browse", OBJECT, "The operation listing the children of a selected node."),
        ]),
        doc: "A hierarchical picker (folders and files, say): `open` lists the root level, `browse` lists the children of the node the user selects.",
        snippet: Some(DYNAMIC_TREE_SNIPPET),
    },
    Extension {
        name: "x-ms-dynamic-values",
        status: Status::Documented,
        sites: &[Parameter, SchemaProperty, Schema],
        value: object(&[
            member("operationId", STRING, "The operation that returns the values."),
            member("builtInOperation", one_of(&["AadGraph.GetUsers"]), "A platform operation to call instead of one of this connector."),
            member("capability", one_of(&["file-picker"]), "A platform capability to use instead of an operation."),
            PARAMETERS_MAP,
            member("value-collection", STRING, "Path to the array in the response; the response itself when absent."),
            member("value-path", STRING, "Path, inside each item, to the value to use."),
            member("value-title", STRING, "Path, inside each item, to the text to show."),
        ]),
        doc: "Fills a drop-down by calling another operation of the connector and picking a value and a title out of each item of its response. Paths are written without a leading `/`.",
        snippet: Some(DYNAMIC_VALUES_SNIPPET),
    },
    Extension {
        name: "x-ms-editor",
        status: Status::Documented,
        sites: &[Schema, SchemaProperty, BodyParameter],
        value: one_of(&["dictionary"]),
        doc: "Chooses a custom editor. `dictionary` edits an object with `additionalProperties` as a list of key/value pairs.",
        snippet: None,
    },
    Extension {
        name: "x-ms-editor-options",
        status: Status::Observed,
        sites: &[Parameter, Schema, SchemaProperty],
        value: object(&[member("items", ARRAY, "Choices offered by the editor, each with a title and a value.")]),
        doc: "An undocumented editor hint seen in a few certified connectors.",
        snippet: None,
    },
    Extension {
        name: "x-ms-enum",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An AutoRest code-generation extension naming an enum type. The Power Platform ignores it; use `x-ms-enum-values` for display names.",
        snippet: None,
    },
    Extension {
        name: "x-ms-enum-values",
        status: Status::Documented,
        sites: &[Parameter, Schema, SchemaProperty],
        value: array_of(&[
            required("value", ANY, "One of the values of the sibling `enum`."),
            required("displayName", STRING, "The label shown for that value."),
        ]),
        doc: "Friendly labels for the members of an `enum`: one `{value, displayName}` entry per value.",
        snippet: Some(ENUM_VALUES_SNIPPET),
    },
    Extension {
        name: "x-ms-examples",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "Azure REST specification examples. The Power Platform ignores them.",
        snippet: None,
    },
    Extension {
        name: "x-ms-identifiers",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An Azure specification extension naming the key properties of array items. The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-keywords",
        status: Status::Observed,
        sites: &[Info],
        value: spec(&[JsonType::Array, JsonType::String]),
        doc: "Search keywords for connectors enabled for Copilot.",
        snippet: None,
    },
    Extension {
        name: "x-ms-localizeDefaultValue",
        status: Status::RepoSchema,
        sites: &[Parameter, Schema, SchemaProperty],
        value: BOOLEAN,
        doc: "Asks the platform to localise the `default` value.",
        snippet: None,
    },
    Extension {
        name: "x-ms-long-running-operation",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An AutoRest code-generation extension for asynchronous Azure operations. The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-long-running-operation-options",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "Options for `x-ms-long-running-operation`, an AutoRest extension the Power Platform ignores.",
        snippet: None,
    },
    Extension {
        name: "x-ms-media-kind",
        status: Status::RepoSchema,
        sites: &[Schema, SchemaProperty, Parameter, BodyParameter],
        value: one_of(&["image", "audio"]),
        doc: "Says that a value is media content of the given kind.",
        snippet: None,
    },
    Extension {
        name: "x-ms-mutability",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An Azure specification extension (create / read / update). The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-name-for-model",
        status: Status::Unverified,
        sites: &[Operation, Parameter, BodyParameter],
        value: STRING,
        doc: "A name meant for AI models rather than people. Seen in first-party connectors; its effect on custom connectors is not confirmed.",
        snippet: None,
    },
    Extension {
        name: "x-ms-navigationProperty",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "Written by Microsoft's OData-to-OpenAPI converter on navigation properties. The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-no-generic-test",
        status: Status::RepoSchema,
        sites: &[Operation],
        value: BOOLEAN,
        doc: "Excludes the operation from the certification team's generic automated tests.",
        snippet: None,
    },
    Extension {
        name: "x-ms-notification",
        status: Status::RepoSchema,
        sites: &[Operation],
        value: object(&[required("operationId", STRING, "The webhook registration operation.")]),
        doc: "Links a trigger to the operation that registers its webhook.",
        snippet: None,
    },
    Extension {
        name: "x-ms-notification-content",
        status: Status::Documented,
        sites: &[PathItem, Operation],
        value: object(&[
            member("schema", OBJECT, "The payload the service posts to the callback URL."),
            member("description", STRING, "What the notification carries."),
        ]),
        doc: "Describes the payload a webhook posts back to the callback URL; it becomes the trigger's outputs. Written on the path item of the webhook registration operation.",
        snippet: Some(NOTIFICATION_CONTENT_SNIPPET),
    },
    Extension {
        name: "x-ms-notification-url",
        status: Status::Documented,
        sites: &[SchemaProperty],
        value: BOOLEAN,
        doc: "`true` on the field of a webhook registration request that carries the callback URL: the platform fills it in. The field must be a required, internal string.",
        snippet: None,
    },
    Extension {
        name: "x-ms-openai-data",
        status: Status::Observed,
        sites: &[Operation, Root],
        value: object(&[
            member("openai-enabled", BOOLEAN, "Whether the operation can be used by Copilot."),
            member("operations", ARRAY, "At the root: the operations enabled for Copilot, each with `operationId`."),
        ]),
        doc: "Enables an operation (or, at the root, a list of operations) for Copilot and AI plugins.",
        snippet: None,
    },
    Extension {
        name: "x-ms-openai-manifest",
        status: Status::Observed,
        sites: &[Root],
        value: object(&[
            member("humanName", STRING, "The plugin's display name."),
            member("modelDescription", STRING, "What the plugin does, for the model."),
            member("contactEmail", STRING, "Contact address of the publisher."),
            member("legalUrl", STRING, "Address of the legal terms."),
        ]),
        doc: "The plugin manifest of a connector enabled for Copilot.",
        snippet: None,
    },
    Extension {
        name: "x-ms-openai-published-to-copilots",
        status: Status::Observed,
        sites: &[Info],
        value: array_of(&[
            member("AICopilot-enabled", BOOLEAN, "Whether the connector is published to this Copilot."),
            member("AICopilotName", STRING, "The Copilot's name."),
        ]),
        doc: "Lists the Copilot products a plugin connector is published to.",
        snippet: None,
    },
    Extension {
        name: "x-ms-operation-context",
        status: Status::Documented,
        sites: &[Operation],
        value: object(&[member("simulate", object(&[
            required("operationId", STRING, "The operation called to simulate the trigger."),
            PARAMETERS_MAP,
        ]), "How to simulate the trigger when testing.")]),
        doc: "Lets a trigger be simulated while testing a flow, by calling another operation instead of waiting for an event.",
        snippet: None,
    },
    Extension {
        name: "x-ms-pageable",
        status: Status::Documented,
        sites: &[Operation],
        value: object(&[required("nextLinkName", one_of(&["nextLink", "@odata.nextLink"]), "The response property holding the next page's URL.")]),
        doc: "Turns on automatic paging: the platform follows the next-page link named by `nextLinkName` at the root of the response.",
        snippet: Some(PAGEABLE_SNIPPET),
    },
    Extension {
        name: "x-ms-parameter-location",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An AutoRest code-generation extension (`client` or `method`). The Power Platform ignores it.",
        snippet: None,
    },
    Extension {
        name: "x-ms-parameterized-host",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An AutoRest code-generation extension for templated hosts. The Power Platform ignores it; connectors use policies for dynamic hosts.",
        snippet: None,
    },
    Extension {
        name: "x-ms-require-user-confirmation",
        status: Status::Observed,
        sites: &[OpenAiOperation],
        value: BOOLEAN,
        doc: "Whether Copilot must ask the user before calling the operation.",
        snippet: None,
    },
    Extension {
        name: "x-ms-safe-operation",
        status: Status::RepoSchema,
        sites: &[Operation],
        value: BOOLEAN,
        doc: "Declares that an operation other than GET has no side effects.",
        snippet: None,
    },
    Extension {
        name: "x-ms-secret",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An Azure specification extension marking secret properties. The Power Platform ignores it; use `x-ms-visibility` and secure parameters instead.",
        snippet: None,
    },
    Extension {
        name: "x-ms-skip-url-encoding",
        status: Status::Tooling,
        sites: &[],
        value: ANY,
        doc: "An AutoRest code-generation extension. The Power Platform ignores it; use `x-ms-url-encoding`.",
        snippet: None,
    },
    Extension {
        name: "x-ms-summary",
        status: Status::Documented,
        sites: &[Parameter, BodyParameter, Schema, SchemaProperty, Response, Header, Operation],
        value: STRING,
        doc: "The label the designers show for a parameter, a request field or an output field. Title Case, at most 80 characters. Certification expects one on every parameter.",
        snippet: None,
    },
    Extension {
        name: "x-ms-test-value",
        status: Status::RepoSchema,
        sites: &[Parameter, BodyParameter, Schema, SchemaProperty],
        value: ANY,
        doc: "A sample value for automated tests. Must not contain secrets or personal data.",
        snippet: None,
    },
    Extension {
        name: "x-ms-trigger",
        status: Status::Documented,
        sites: &[Operation],
        value: one_of(&["single", "batch"]),
        doc: "Makes the operation a trigger. `single` fires once per object returned; `batch` fires once with the array the response holds. Without it the operation is an action.",
        snippet: None,
    },
    Extension {
        name: "x-ms-trigger-hint",
        status: Status::Documented,
        sites: &[Operation],
        value: STRING,
        doc: "Tells the user how to make the trigger fire while they test a flow.",
        snippet: None,
    },
    Extension {
        name: "x-ms-trigger-metadata",
        status: Status::RepoSchema,
        sites: &[Operation],
        value: object(&[
            required("kind", one_of(&["query"]), "Always `query`."),
            required("mode", one_of(&["polling"]), "Always `polling`."),
        ]),
        doc: "Marks a polling trigger built on a query operation.",
        snippet: Some(TRIGGER_METADATA_SNIPPET),
    },
    Extension {
        name: "x-ms-trigger-value",
        status: Status::RepoSchema,
        sites: &[Parameter],
        value: object(&[
            member("value-collection", STRING, "Path to the array in the response."),
            member("value-path", STRING, "Path, inside each item, to the value."),
        ]),
        doc: "For a polling trigger: which value of the last response feeds this parameter on the next poll.",
        snippet: None,
    },
    Extension {
        name: "x-ms-url-encoding",
        status: Status::Documented,
        sites: &[Parameter],
        value: one_of(&["single", "double"]),
        doc: "How a path parameter's value is encoded in the URL: `single` (the default) or `double`, for services that decode twice.",
        snippet: None,
    },
    Extension {
        name: "x-ms-visibility",
        status: Status::Documented,
        sites: FIELD_SITES_WITH_OPERATION,
        value: ValueSpec {
            types: &[JsonType::String],
            values: &["important", "advanced", "internal"],
            empty_is_default: true,
            members: &[],
        },
        doc: "How prominently the designers show an operation, parameter or field: `important` first, `advanced` behind \"Show advanced options\", `internal` hidden from the user. Absent (or empty) means normal. An internal required parameter needs a default.",
        snippet: None,
    },
];

/// Where display hints for a field (or an operation) apply.
const FIELD_SITES_WITH_OPERATION: &[Site] = &[
    Operation,
    Parameter,
    BodyParameter,
    Schema,
    SchemaProperty,
    Header,
];
