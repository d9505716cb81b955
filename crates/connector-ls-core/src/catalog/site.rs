//! Where an object sits in a swagger document: operation, parameter, schema property, ...
//!
//! One transition function ([`step`]) knows the OpenAPI 2.0 object structure (which member of
//! which object holds what). It is used top-down by [`walk`], which visits every classified
//! object of the document once, and bottom-up by [`site_of`], which replays the path from the
//! root to one node (what the language server needs under the cursor). Both therefore agree.
//!
//! Objects inside extension values are not classified, except the few extensions that embed
//! swagger structures (`x-ms-notification-content` holds a schema, `x-ms-openai-data` lists
//! operations).

use crate::json::{Kind, Node};
use crate::package::swagger::{Swagger, METHODS};

/// A kind of swagger object that may carry extensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Site {
    /// The document root (the Swagger object).
    Root,
    /// `info`.
    Info,
    /// `info.contact`.
    Contact,
    /// `info.license`.
    License,
    /// The `paths` object itself.
    Paths,
    /// A path item: the object under a path template.
    PathItem,
    /// An operation: a method under a path item.
    Operation,
    /// A non-body parameter (`in`: path, query, header, formData), or a `$ref` to one.
    Parameter,
    /// A parameter with `in: body`.
    BodyParameter,
    /// An operation's `responses` object.
    Responses,
    /// One response (under an operation's `responses` or the root `responses`).
    Response,
    /// A response header.
    Header,
    /// A schema that is not a named property: a definition, a body or response schema, array
    /// items, `additionalProperties`, an `allOf` member, a non-body parameter's `items`.
    Schema,
    /// A schema under another schema's `properties`.
    SchemaProperty,
    /// A security scheme under `securityDefinitions`.
    SecurityScheme,
    /// A tag under the root `tags`.
    Tag,
    /// An `externalDocs` object.
    ExternalDocs,
    /// An item of `x-ms-openai-data.operations`.
    OpenAiOperation,
}

impl Site {
    /// Every site, in declaration order.
    pub const ALL: [Site; 18] = [
        Site::Root,
        Site::Info,
        Site::Contact,
        Site::License,
        Site::Paths,
        Site::PathItem,
        Site::Operation,
        Site::Parameter,
        Site::BodyParameter,
        Site::Responses,
        Site::Response,
        Site::Header,
        Site::Schema,
        Site::SchemaProperty,
        Site::SecurityScheme,
        Site::Tag,
        Site::ExternalDocs,
        Site::OpenAiOperation,
    ];

    /// How messages and hovers name the site.
    pub fn describe(self) -> &'static str {
        match self {
            Site::Root => "the document root",
            Site::Info => "info",
            Site::Contact => "info.contact",
            Site::License => "info.license",
            Site::Paths => "paths",
            Site::PathItem => "a path item",
            Site::Operation => "an operation",
            Site::Parameter => "a non-body parameter",
            Site::BodyParameter => "a body parameter",
            Site::Responses => "an operation's responses",
            Site::Response => "a response",
            Site::Header => "a response header",
            Site::Schema => "a schema",
            Site::SchemaProperty => "a schema property",
            Site::SecurityScheme => "a security definition",
            Site::Tag => "a tag",
            Site::ExternalDocs => "externalDocs",
            Site::OpenAiOperation => "an x-ms-openai-data operation",
        }
    }

    /// Whether objects at this site are schemas.
    pub fn is_schema(self) -> bool {
        matches!(self, Site::Schema | Site::SchemaProperty)
    }

    /// Whether objects at this site are parameters.
    pub fn is_parameter(self) -> bool {
        matches!(self, Site::Parameter | Site::BodyParameter)
    }
}

/// Where the walk stands: on a classified object, or on a container whose members / items are
/// all of one site, or inside an extension value that embeds swagger structures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    At(Site),
    /// An object whose member values are all of this site (`definitions`, `properties`, ...).
    Map(Site),
    /// An array whose items are all of this site (parameter lists, `allOf`, `tags`, ...).
    List(Site),
    /// The value of `x-ms-notification-content`: its `schema` is a schema.
    NotificationContent,
    /// The value of `x-ms-openai-data`: its `operations` lists operations.
    OpenAiData,
}

/// The parameter site of a parameter object: body or not, by its `in`.
fn parameter_site(node: Node) -> Site {
    if node.get_str("in") == Some("body") {
        Site::BodyParameter
    } else {
        Site::Parameter
    }
}

/// The state of `child` (the member `key` of an object, or an item of an array when `key` is
/// `None`) given the state of its parent. `None`: the child is not a classified place.
fn step(parent: State, key: Option<&str>, child: Node) -> Option<State> {
    let kind = child.kind();
    let state = match (parent, key) {
        (State::Map(site), Some(k)) => {
            // `paths` and `responses` also hold extensions next to their entries.
            if k.starts_with("x-") && matches!(site, Site::PathItem | Site::Response) {
                return None;
            }
            member_site(site, child)
        }
        (State::List(site), None) => member_site(site, child),
        (State::NotificationContent, Some("schema")) => State::At(Site::Schema),
        (State::OpenAiData, Some("operations")) => State::List(Site::OpenAiOperation),
        (State::At(site), Some(k)) => from_site(site, k, child)?,
        _ => return None,
    };
    let fits = match state {
        State::At(_) | State::Map(_) | State::NotificationContent | State::OpenAiData => {
            kind == Kind::Object
        }
        State::List(_) => kind == Kind::Array,
    };
    fits.then_some(state)
}

fn member_site(site: Site, child: Node) -> State {
    match site {
        Site::Parameter | Site::BodyParameter => State::At(parameter_site(child)),
        // The `paths` object classifies its own members (see `from_site`).
        other => State::At(other),
    }
}

fn from_site(site: Site, key: &str, child: Node) -> Option<State> {
    use Site::*;
    let is_array = child.kind() == Kind::Array;
    Some(match (site, key) {
        (Root, "info") => State::At(Info),
        (Root, "paths") => State::At(Paths),
        (Root, "definitions") => State::Map(Schema),
        (Root, "parameters") => State::Map(Parameter),
        (Root, "responses") => State::Map(Response),
        (Root, "securityDefinitions") => State::Map(SecurityScheme),
        (Root, "tags") => State::List(Tag),
        (Root | Operation | Tag | Schema | SchemaProperty, "externalDocs") => {
            State::At(ExternalDocs)
        }
        (Root | Operation, "x-ms-openai-data") => State::OpenAiData,
        (Info, "contact") => State::At(Contact),
        (Info, "license") => State::At(License),
        (Paths, k) if !k.starts_with("x-") => State::At(PathItem),
        (PathItem, "parameters") | (Operation, "parameters") => State::List(Parameter),
        (PathItem, k) if METHODS.iter().any(|m| m.eq_ignore_ascii_case(k)) => State::At(Operation),
        (PathItem | Operation, "x-ms-notification-content") => State::NotificationContent,
        (Operation, "responses") => State::At(Responses),
        (Responses, k) if !k.starts_with("x-") => State::At(Response),
        (Response, "schema") | (BodyParameter, "schema") => State::At(Schema),
        (Response, "headers") => State::Map(Header),
        (Parameter | Header, "items") => State::At(Schema),
        (Schema | SchemaProperty, "properties") => State::Map(SchemaProperty),
        (Schema | SchemaProperty, "items") if is_array => State::List(Schema),
        (Schema | SchemaProperty, "items" | "additionalProperties" | "not") => State::At(Schema),
        (Schema | SchemaProperty, "allOf" | "anyOf" | "oneOf") => State::List(Schema),
        _ => return None,
    })
}

/// Where `node` sits in `swagger`, when it is a classified object (see [`Site`]). Cost: the
/// depth of the node.
pub fn site_of(node: Node, swagger: &Swagger) -> Option<Site> {
    let root = swagger.root;
    if node == root {
        return Some(Site::Root);
    }
    let mut chain: Vec<Node> = node.ancestors().take_while(|a| *a != root).collect();
    chain.reverse();
    chain.push(node);
    // The chain must end at this swagger's root.
    if chain.first()?.parent()? != root {
        return None;
    }
    let mut state = State::At(Site::Root);
    for n in chain {
        state = step(state, n.key(), n)?;
    }
    match state {
        State::At(site) => Some(site),
        _ => None,
    }
}

/// How deep [`walk`] descends (schemas nest; documents are bounded by the parser anyway).
const MAX_WALK_DEPTH: usize = 256;

/// Calls `visit` once for every classified object of the document, parents before children, in
/// document order. Linear in the size of the document.
pub fn walk<'a>(swagger: &Swagger<'a>, mut visit: impl FnMut(Site, Node<'a>)) {
    descend(State::At(Site::Root), swagger.root, 0, &mut visit);
}

fn descend<'a>(state: State, node: Node<'a>, depth: usize, visit: &mut impl FnMut(Site, Node<'a>)) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    if let State::At(site) = state {
        visit(site, node);
    }
    for child in node.children() {
        if !child.kind().is_container() {
            continue;
        }
        if let Some(next) = step(state, child.key(), child) {
            descend(next, child, depth + 1, visit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r##"{
      "swagger": "2.0",
      "info": {"title": "T", "contact": {"name": "n"}},
      "x-ms-connector-metadata": [{"propertyName": "Website", "propertyValue": "https://x.io"}],
      "paths": {
        "/items/{id}": {
          "x-ms-notification-content": {"schema": {"type": "object"}},
          "parameters": [{"name": "id", "in": "path"}],
          "post": {
            "parameters": [
              {"name": "body", "in": "body", "schema": {"type": "object",
                "properties": {"x-ms-summary": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}}},
              {"$ref": "#/parameters/q"}
            ],
            "responses": {"200": {"description": "ok", "headers": {"X-Rate": {"type": "integer"}},
              "schema": {"$ref": "#/definitions/Item"}}},
            "x-ms-openai-data": {"operations": [{"operationId": "a"}]}
          }
        },
        "x-ms-paths-note": {}
      },
      "definitions": {"Item": {"type": "object", "allOf": [{"type": "object"}]}},
      "parameters": {"q": {"name": "q", "in": "query", "items": {"type": "string"}}},
      "securityDefinitions": {"oauth": {"type": "oauth2"}}
    }"##;

    fn site(p: &crate::json::Parse, pointer: &str) -> Option<Site> {
        let s = Swagger::new(p.tree.root().unwrap()).unwrap();
        site_of(p.tree.resolve(pointer).unwrap(), &s)
    }

    #[test]
    fn classifies_by_position() {
        let p = crate::json::parse(DOC);
        let cases = [
            ("", Some(Site::Root)),
            ("/info", Some(Site::Info)),
            ("/info/contact", Some(Site::Contact)),
            ("/paths", Some(Site::Paths)),
            ("/paths/~1items~1{id}", Some(Site::PathItem)),
            ("/paths/~1items~1{id}/parameters/0", Some(Site::Parameter)),
            ("/paths/~1items~1{id}/post", Some(Site::Operation)),
            (
                "/paths/~1items~1{id}/post/parameters/0",
                Some(Site::BodyParameter),
            ),
            (
                "/paths/~1items~1{id}/post/parameters/0/schema",
                Some(Site::Schema),
            ),
            (
                "/paths/~1items~1{id}/post/parameters/0/schema/properties/x-ms-summary",
                Some(Site::SchemaProperty),
            ),
            (
                "/paths/~1items~1{id}/post/parameters/0/schema/properties/tags/items",
                Some(Site::Schema),
            ),
            (
                "/paths/~1items~1{id}/post/parameters/1",
                Some(Site::Parameter),
            ),
            ("/paths/~1items~1{id}/post/responses", Some(Site::Responses)),
            (
                "/paths/~1items~1{id}/post/responses/200",
                Some(Site::Response),
            ),
            (
                "/paths/~1items~1{id}/post/responses/200/headers/X-Rate",
                Some(Site::Header),
            ),
            (
                "/paths/~1items~1{id}/post/responses/200/schema",
                Some(Site::Schema),
            ),
            (
                "/paths/~1items~1{id}/x-ms-notification-content/schema",
                Some(Site::Schema),
            ),
            (
                "/paths/~1items~1{id}/post/x-ms-openai-data/operations/0",
                Some(Site::OpenAiOperation),
            ),
            ("/paths/~1items~1{id}/x-ms-notification-content", None),
            ("/paths/x-ms-paths-note", None),
            ("/x-ms-connector-metadata/0", None),
            ("/definitions", None),
            ("/definitions/Item", Some(Site::Schema)),
            ("/definitions/Item/allOf/0", Some(Site::Schema)),
            ("/parameters/q", Some(Site::Parameter)),
            ("/parameters/q/items", Some(Site::Schema)),
            ("/securityDefinitions/oauth", Some(Site::SecurityScheme)),
        ];
        for (pointer, want) in cases {
            assert_eq!(site(&p, pointer), want, "{pointer}");
        }
    }

    #[test]
    fn walk_agrees_with_site_of() {
        let p = crate::json::parse(DOC);
        let s = Swagger::new(p.tree.root().unwrap()).unwrap();
        let mut seen = 0;
        walk(&s, |site, node| {
            seen += 1;
            assert_eq!(site_of(node, &s), Some(site), "{}", node.pointer());
        });
        assert_eq!(seen, 24);
    }
}
