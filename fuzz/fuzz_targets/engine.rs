//! The whole engine on mutated connector files: parse, build the package, run every rule. A
//! rule's panic is caught and logged by `rules::check`, but libFuzzer's panic hook aborts first,
//! so it still counts as a crash here. The first byte picks which file the rest becomes.
#![no_main]

use std::path::{Path, PathBuf};

use connector_ls::package::{Document, FileKind, Package};
use connector_ls::rules::{self, Config};
use libfuzzer_sys::fuzz_target;

const API_PROPERTIES: &str = r##"{"properties": {"iconBrandColor": "#da3b01", "capabilities": ["actions"],
 "publisher": "Contoso", "stackOwner": "Contoso", "scriptOperations": ["GetItem"],
 "policyTemplateInstances": [{"templateId": "setheader", "title": "t", "parameters": {"x-ms-apimTemplate-operationName": ["GetItem"]}}],
 "connectionParameters": {"api_key": {"type": "securestring", "uiDefinition": {"displayName": "Key"}}}}}"##;

const SWAGGER: &str = r##"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "example.com",
 "paths": {"/items/{id}": {"get": {"operationId": "GetItem", "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
 "responses": {"200": {"description": "OK"}}}}}, "securityDefinitions": {"k": {"type": "apiKey", "in": "header", "name": "k"}}}"##;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let dir = Path::new("/nonexistent/fuzz");
    let doc = |kind: FileKind, text: &str| {
        Document::new(PathBuf::from(dir).join(kind.file_name()), kind, text)
    };
    let docs = match which % 3 {
        0 => vec![doc(FileKind::Swagger, text), doc(FileKind::ApiProperties, API_PROPERTIES)],
        1 => vec![doc(FileKind::Swagger, SWAGGER), doc(FileKind::ApiProperties, text)],
        _ => vec![doc(FileKind::Swagger, SWAGGER), doc(FileKind::Settings, text)],
    };
    let package = Package::from_documents(dir, docs, None);
    let config = Config { certification: which & 4 == 0, ..Config::default() };
    let _ = rules::check(&package, &config);
});
