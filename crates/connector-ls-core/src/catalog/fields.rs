//! The fixed fields of each Swagger 2.0 object and the JSON type of their values. Any other
//! member of a classified object must be an extension (`x-...`).

use super::{
    one_of, spec, JsonType, Site, ValueSpec, ANY, ARRAY, BOOLEAN, INTEGER, NUMBER, OBJECT, STRING,
};

/// One fixed field of a Swagger object.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub value: ValueSpec,
    /// The hash of `name` as the parser computes it for member names.
    pub(crate) hash: u32,
}

const fn f(name: &'static str, value: ValueSpec) -> Field {
    Field {
        name,
        value,
        hash: crate::json::key_hash(name.as_bytes()),
    }
}

const COLLECTION_FORMAT: ValueSpec = one_of(&["csv", "ssv", "tsv", "pipes", "multi"]);

const ROOT: &[Field] = &[
    f("swagger", STRING),
    f("info", OBJECT),
    f("host", STRING),
    f("basePath", STRING),
    f("schemes", ARRAY),
    f("consumes", ARRAY),
    f("produces", ARRAY),
    f("paths", OBJECT),
    f("definitions", OBJECT),
    f("parameters", OBJECT),
    f("responses", OBJECT),
    f("securityDefinitions", OBJECT),
    f("security", ARRAY),
    f("tags", ARRAY),
    f("externalDocs", OBJECT),
];

const INFO: &[Field] = &[
    f("title", STRING),
    f("description", STRING),
    f("termsOfService", STRING),
    f("contact", OBJECT),
    f("license", OBJECT),
    f("version", STRING),
];

const CONTACT: &[Field] = &[f("name", STRING), f("url", STRING), f("email", STRING)];
const LICENSE: &[Field] = &[f("name", STRING), f("url", STRING)];

const PATH_ITEM: &[Field] = &[
    f("get", OBJECT),
    f("post", OBJECT),
    f("put", OBJECT),
    f("delete", OBJECT),
    f("patch", OBJECT),
    f("parameters", ARRAY),
    f("head", OBJECT),
    f("options", OBJECT),
    f("$ref", STRING),
];

const OPERATION: &[Field] = &[
    f("summary", STRING),
    f("description", STRING),
    f("operationId", STRING),
    f("parameters", ARRAY),
    f("responses", OBJECT),
    f("tags", ARRAY),
    f("consumes", ARRAY),
    f("produces", ARRAY),
    f("deprecated", BOOLEAN),
    f("externalDocs", OBJECT),
    f("schemes", ARRAY),
    f("security", ARRAY),
];

const PARAMETER: &[Field] = &[
    f("name", STRING),
    f(
        "in",
        one_of(&["query", "header", "path", "formData", "body"]),
    ),
    f("required", BOOLEAN),
    f("type", STRING),
    f("description", STRING),
    f("format", STRING),
    f("items", OBJECT),
    f("collectionFormat", COLLECTION_FORMAT),
    f("default", ANY),
    f("enum", ARRAY),
    f("maximum", NUMBER),
    f("exclusiveMaximum", BOOLEAN),
    f("minimum", NUMBER),
    f("exclusiveMinimum", BOOLEAN),
    f("maxLength", INTEGER),
    f("minLength", INTEGER),
    f("pattern", STRING),
    f("maxItems", INTEGER),
    f("minItems", INTEGER),
    f("uniqueItems", BOOLEAN),
    f("multipleOf", NUMBER),
    f("allowEmptyValue", BOOLEAN),
    f("$ref", STRING),
];

const BODY_PARAMETER: &[Field] = &[
    f("name", STRING),
    f(
        "in",
        one_of(&["query", "header", "path", "formData", "body"]),
    ),
    f("required", BOOLEAN),
    f("schema", OBJECT),
    f("description", STRING),
];

const RESPONSE: &[Field] = &[
    f("description", STRING),
    f("schema", OBJECT),
    f("headers", OBJECT),
    f("examples", OBJECT),
    f("$ref", STRING),
];

const HEADER: &[Field] = &[
    f("type", STRING),
    f("description", STRING),
    f("format", STRING),
    f("items", OBJECT),
    f("collectionFormat", COLLECTION_FORMAT),
    f("default", ANY),
    f("enum", ARRAY),
    f("maximum", NUMBER),
    f("exclusiveMaximum", BOOLEAN),
    f("minimum", NUMBER),
    f("exclusiveMinimum", BOOLEAN),
    f("maxLength", INTEGER),
    f("minLength", INTEGER),
    f("pattern", STRING),
    f("maxItems", INTEGER),
    f("minItems", INTEGER),
    f("uniqueItems", BOOLEAN),
    f("multipleOf", NUMBER),
];

// Most frequent first: this list is searched for every member of every schema.
const SCHEMA: &[Field] = &[
    f("type", spec(&[JsonType::String, JsonType::Array])),
    f("description", STRING),
    f("properties", OBJECT),
    f("items", spec(&[JsonType::Object, JsonType::Array])),
    f("format", STRING),
    f("$ref", STRING),
    f("required", ARRAY),
    f("enum", ARRAY),
    f("title", STRING),
    f("default", ANY),
    f("example", ANY),
    f(
        "additionalProperties",
        spec(&[JsonType::Object, JsonType::Boolean]),
    ),
    f("allOf", ARRAY),
    f("readOnly", BOOLEAN),
    f("discriminator", STRING),
    f("maxLength", INTEGER),
    f("minLength", INTEGER),
    f("pattern", STRING),
    f("maximum", NUMBER),
    f("minimum", NUMBER),
    f("exclusiveMaximum", BOOLEAN),
    f("exclusiveMinimum", BOOLEAN),
    f("multipleOf", NUMBER),
    f("maxItems", INTEGER),
    f("minItems", INTEGER),
    f("uniqueItems", BOOLEAN),
    f("maxProperties", INTEGER),
    f("minProperties", INTEGER),
    f("xml", OBJECT),
    f("externalDocs", OBJECT),
    // A non-body parameter's `items` is classified as a schema; it may have this too.
    f("collectionFormat", COLLECTION_FORMAT),
];

const SECURITY_SCHEME: &[Field] = &[
    f("type", one_of(&["basic", "apiKey", "oauth2"])),
    f("description", STRING),
    f("name", STRING),
    f("in", one_of(&["query", "header"])),
    f(
        "flow",
        one_of(&["implicit", "password", "application", "accessCode"]),
    ),
    f("authorizationUrl", STRING),
    f("tokenUrl", STRING),
    f("scopes", OBJECT),
];

const TAG: &[Field] = &[
    f("name", STRING),
    f("description", STRING),
    f("externalDocs", OBJECT),
];

const EXTERNAL_DOCS: &[Field] = &[f("description", STRING), f("url", STRING)];

/// The fixed fields of objects at `site`. `None` where the object's members are open (`paths`,
/// `responses`) or it is not a Swagger object (`x-ms-openai-data` items).
pub fn fields(site: Site) -> Option<&'static [Field]> {
    use Site::*;
    Some(match site {
        Root => ROOT,
        Info => INFO,
        Contact => CONTACT,
        License => LICENSE,
        PathItem => PATH_ITEM,
        Operation => OPERATION,
        Parameter => PARAMETER,
        BodyParameter => BODY_PARAMETER,
        Response => RESPONSE,
        Header => HEADER,
        Schema | SchemaProperty => SCHEMA,
        SecurityScheme => SECURITY_SCHEME,
        Tag => TAG,
        ExternalDocs => EXTERNAL_DOCS,
        Paths | Responses | OpenAiOperation => return None,
    })
}

/// The fixed field `name` of objects at `site`.
pub fn field(site: Site, name: &str) -> Option<&'static Field> {
    fields(site)?.iter().find(|f| f.name == name)
}

/// The field of `fields` that member `node` (named `name`) is, if any: hashes are compared
/// before names.
#[inline]
pub fn field_of(
    fields: &'static [Field],
    name: &str,
    node: crate::json::Node,
) -> Option<&'static Field> {
    let hash = node.name_hash();
    fields.iter().find(|f| f.hash == hash && f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert!(field(Site::Parameter, "required")
            .unwrap()
            .value
            .types
            .contains(&JsonType::Boolean));
        assert!(field(Site::Schema, "required")
            .unwrap()
            .value
            .types
            .contains(&JsonType::Array));
        assert_eq!(field(Site::Parameter, "in").unwrap().value.values.len(), 5);
        assert!(field(Site::Header, "maxLength").is_some());
        assert!(field(Site::Operation, "x-ms-trigger").is_none());
        assert!(fields(Site::Paths).is_none());
        for site in Site::ALL {
            let Some(list) = fields(site) else { continue };
            for (i, a) in list.iter().enumerate() {
                assert!(
                    list[..i].iter().all(|b| b.name != a.name),
                    "{site:?}: {} twice",
                    a.name
                );
            }
        }
    }
}
