//! The catalog of OpenAPI extensions the Power Platform knows: pure data for rules, completion
//! and hover.
//!
//! Each [`Extension`] says where it may appear ([`Site`]), the JSON type of its value, the
//! allowed values of enumerated ones, the members of structured ones, a short description in our
//! own words and, for structured values, a completion snippet. [`site_of`] classifies where a
//! JSON node sits in a swagger, [`walk`] visits every classified object once.
//!
//! Nothing here knows about LSP or about rules; the language server and the `extensions` rule
//! family both read it.

mod fields;
mod site;
mod table;

pub use fields::{field, field_of, fields, Field};
pub use site::{site_of, walk, Site};
pub use table::EXTENSIONS;

use crate::json::{Kind, Node};

/// Where an extension's definition comes from, which decides how sure we are of its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Described in Microsoft's connector documentation.
    Documented,
    /// Only in the schema of the PowerPlatformConnectors repository.
    RepoSchema,
    /// Seen in certified connectors and Copilot samples, without a formal definition.
    Observed,
    /// Mentioned in third-party guides but never confirmed for custom connectors. Known (not
    /// flagged as unknown) but not offered in completion.
    Unverified,
    /// Written by code-generation or documentation tooling (AutoRest, Azure REST specifications,
    /// Microsoft's OData-to-OpenAPI converter): the platform tolerates and ignores it.
    Tooling,
}

/// The JSON type of a value, named as Json.NET names token types (the validator's messages use
/// these names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JsonType {
    String,
    Boolean,
    Integer,
    /// Any number, integer or not.
    Number,
    Object,
    Array,
}

impl JsonType {
    /// Whether a node of `kind` (with source text `source`, for numbers) has this type.
    /// Whether `node` has this type. Only a number's text is read (to tell integers apart),
    /// never a string's: a check of types must not depend on string values.
    pub fn accepts(self, node: Node) -> bool {
        let kind = node.kind();
        match self {
            JsonType::String => kind == Kind::String,
            JsonType::Boolean => kind == Kind::Bool,
            JsonType::Integer => kind == Kind::Number && is_integer(node.source()),
            JsonType::Number => kind == Kind::Number,
            JsonType::Object => kind == Kind::Object,
            JsonType::Array => kind == Kind::Array,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            JsonType::String => "String",
            JsonType::Boolean => "Boolean",
            JsonType::Integer => "Integer",
            JsonType::Number => "Number",
            JsonType::Object => "Object",
            JsonType::Array => "Array",
        }
    }
}

fn is_integer(source: &str) -> bool {
    !source.contains(['.', 'e', 'E'])
}

/// The Json.NET token type name of a node, for messages (`Integer`, `Float`, `Null`, ...).
/// `None` for a value the parser could not read.
pub fn type_name(kind: Kind, source: &str) -> Option<&'static str> {
    Some(match kind {
        Kind::Object => "Object",
        Kind::Array => "Array",
        Kind::String => "String",
        Kind::Bool => "Boolean",
        Kind::Null => "Null",
        Kind::Number if is_integer(source) => "Integer",
        Kind::Number => "Float",
        Kind::Error => return None,
    })
}

/// The value an extension (or a member of one) takes.
#[derive(Clone, Copy, Debug)]
pub struct ValueSpec {
    /// Accepted JSON types; empty means any.
    pub types: &'static [JsonType],
    /// For enumerated strings: the allowed values, in the platform's spelling.
    pub values: &'static [&'static str],
    /// An empty string is accepted and means "not set" (`x-ms-visibility: ""`).
    pub empty_is_default: bool,
    /// The members of an object value (or of each item of an array value).
    pub members: &'static [Member],
}

impl ValueSpec {
    /// Whether `node` has one of the accepted types.
    pub fn accepts(&self, node: Node) -> bool {
        self.types.is_empty() || self.types.iter().any(|t| t.accepts(node))
    }

    /// The accepted types joined for a message: `String`, `Array, String`.
    pub fn expected(&self) -> String {
        let names: Vec<&str> = self.types.iter().map(|t| t.name()).collect();
        names.join(", ")
    }

    /// The allowed value equal to `value` ignoring ASCII case.
    pub fn value_ignoring_case(&self, value: &str) -> Option<&'static str> {
        self.values
            .iter()
            .copied()
            .find(|v| v.eq_ignore_ascii_case(value))
    }
}

const fn spec(types: &'static [JsonType]) -> ValueSpec {
    ValueSpec {
        types,
        values: &[],
        empty_is_default: false,
        members: &[],
    }
}

const ANY: ValueSpec = spec(&[]);
const STRING: ValueSpec = spec(&[JsonType::String]);
const BOOLEAN: ValueSpec = spec(&[JsonType::Boolean]);
const INTEGER: ValueSpec = spec(&[JsonType::Integer]);
const NUMBER: ValueSpec = spec(&[JsonType::Number]);
const OBJECT: ValueSpec = spec(&[JsonType::Object]);
const ARRAY: ValueSpec = spec(&[JsonType::Array]);

/// A string restricted to `values`.
const fn one_of(values: &'static [&'static str]) -> ValueSpec {
    ValueSpec {
        types: &[JsonType::String],
        values,
        empty_is_default: false,
        members: &[],
    }
}

/// A member of a structured extension value (`operationId` of `x-ms-dynamic-values`, ...).
#[derive(Clone, Copy, Debug)]
pub struct Member {
    pub name: &'static str,
    pub value: ValueSpec,
    pub required: bool,
    /// One sentence, in our own words.
    pub doc: &'static str,
}

/// One known extension.
#[derive(Clone, Copy, Debug)]
pub struct Extension {
    /// The member name, e.g. `x-ms-visibility`.
    pub name: &'static str,
    pub status: Status,
    /// Where it has an effect. An empty list means anywhere (tooling extensions).
    pub sites: &'static [Site],
    pub value: ValueSpec,
    /// One paragraph for hover, in our own words.
    pub doc: &'static str,
    /// LSP snippet for the value (what follows the colon), for structured values.
    pub snippet: Option<&'static str>,
}

impl Extension {
    /// Whether the extension has an effect on objects at `site`.
    pub fn allowed_at(&self, site: Site) -> bool {
        self.sites.is_empty() || self.sites.contains(&site)
    }

    /// Whether completion should offer it.
    pub fn offered_in_completion(&self) -> bool {
        matches!(
            self.status,
            Status::Documented | Status::RepoSchema | Status::Observed
        )
    }

    /// The member of a structured value named `name`.
    pub fn member(&self, name: &str) -> Option<&'static Member> {
        self.value.members.iter().find(|m| m.name == name)
    }

    /// LSP snippet text for the whole member: `"x-ms-trigger": "${1|single,batch|}"`. Uses the
    /// structured snippet when there is one, else one derived from the value's type.
    pub fn member_snippet(&self) -> String {
        format!("\"{}\": {}", self.name, self.value_snippet())
    }

    /// LSP snippet text for the value alone.
    pub fn value_snippet(&self) -> String {
        if let Some(s) = self.snippet {
            return s.to_string();
        }
        if !self.value.values.is_empty() {
            return format!("\"${{1|{}|}}\"", self.value.values.join(","));
        }
        match self.value.types.first() {
            Some(JsonType::String) => "\"$1\"".to_string(),
            Some(JsonType::Boolean) => "${1|true,false|}".to_string(),
            Some(JsonType::Integer | JsonType::Number) => "${1:1}".to_string(),
            Some(JsonType::Object) => "{$1}".to_string(),
            Some(JsonType::Array) => "[$1]".to_string(),
            None => "$1".to_string(),
        }
    }
}

/// The categories `x-ms-connector-metadata` accepts (`Categories`, semicolon-separated, two at
/// most).
pub const CONNECTOR_CATEGORIES: &[&str] = &[
    "AI",
    "Business Management",
    "Business Intelligence",
    "Collaboration",
    "Commerce",
    "Communication",
    "Content and Files",
    "Finance",
    "Data",
    "Human Resources",
    "Internet of Things",
    "IT Operations",
    "Lifestyle and Entertainment",
    "Marketing",
    "Productivity",
    "Sales and CRM",
    "Security",
    "Social Media",
    "Website",
];

/// The extension named exactly `name`.
pub fn extension(name: &str) -> Option<&'static Extension> {
    EXTENSIONS
        .binary_search_by(|e| e.name.cmp(name))
        .ok()
        .map(|i| &EXTENSIONS[i])
}

/// The extensions that have an effect at `site`, for completion.
pub fn extensions_at(site: Site) -> impl Iterator<Item = &'static Extension> {
    EXTENSIONS
        .iter()
        .filter(move |e| e.offered_in_completion() && e.allowed_at(site))
}

/// Whether a member name belongs to the `x-ms-` namespace the platform reserves (any case, so
/// `X-MS-Summary` and `x-ms  -summary` count).
pub fn is_ms_extension_name(name: &str) -> bool {
    name.get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("x-ms"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for w in EXTENSIONS.windows(2) {
            assert!(w[0].name < w[1].name, "{} before {}", w[0].name, w[1].name);
        }
    }

    #[test]
    fn mcp_operations_are_known_and_offered() {
        let e = extension("x-ms-agentic-protocol").expect("in the catalog");
        assert!(e.allowed_at(Site::Operation));
        assert!(extensions_at(Site::Operation).any(|x| x.name == "x-ms-agentic-protocol"));
    }

    #[test]
    fn lookups() {
        let v = extension("x-ms-visibility").unwrap();
        assert_eq!(v.value.values, ["important", "advanced", "internal"]);
        assert!(v.allowed_at(Site::Parameter));
        assert!(!v.allowed_at(Site::Root));
        assert_eq!(v.value.value_ignoring_case("Advanced"), Some("advanced"));
        assert!(extension("x-ms-visibilty").is_none());
        assert_eq!(
            extension("x-ms-trigger").unwrap().member_snippet(),
            "\"x-ms-trigger\": \"${1|single,batch|}\""
        );
        let dv = extension("x-ms-dynamic-values").unwrap();
        assert!(dv.snippet.unwrap().contains("value-collection"));
        assert!(dv.member("value-path").is_some());
        assert!(extensions_at(Site::Operation).any(|e| e.name == "x-ms-trigger"));
        assert!(!extensions_at(Site::Operation).any(|e| e.name == "x-ms-client-name"));
    }

    #[test]
    fn every_documented_extension_has_a_doc_and_a_site() {
        for e in EXTENSIONS {
            assert!(!e.doc.is_empty(), "{}", e.name);
            assert!(e.name.starts_with("x-"), "{}", e.name);
            if e.status != Status::Tooling {
                assert!(!e.sites.is_empty(), "{}", e.name);
            }
            for v in e.value.values {
                assert!(e.value.types.contains(&JsonType::String), "{}: {v}", e.name);
            }
        }
    }

    #[test]
    fn names() {
        assert!(is_ms_extension_name("x-ms-summary"));
        assert!(is_ms_extension_name("X-MS-Summary"));
        assert!(is_ms_extension_name("x-ms  -summary"));
        assert!(!is_ms_extension_name("x-nullable"));
        assert!(!is_ms_extension_name("x-m"));
        assert_eq!(type_name(Kind::Number, "1.5"), Some("Float"));
        assert_eq!(type_name(Kind::Number, "2"), Some("Integer"));
    }
}
