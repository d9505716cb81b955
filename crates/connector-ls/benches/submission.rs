//! The submission-package check on a 50 MB valid package, built here: an outer zip with
//! `intro.md` and a package zip whose `PkgAssets` holds a connector solution and a flow solution
//! with 1,000 workflows (random text, so it does not deflate away), beside a 33 MB assembly;
//! both solutions carry the connector's custom code (a 2,000-line script, as base64).
//! Measured: the zip check from bytes in memory, and the engine on the connector inside (its
//! swagger and its script).
//!
//! `cargo bench -p connector-ls --bench submission`

use std::io::{Cursor, Write};

use base64::Engine as _;
use connector_ls_core::package::{Document, FileKind, Package};
use connector_ls_core::rules::{self, Config};
use connector_ls_core::submission::{check_bytes, Limits};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// xorshift64: reproducible noise without a dependency.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n.div_ceil(8))
            .flat_map(|_| self.next().to_le_bytes())
            .take(n)
            .collect()
    }

    /// `n` characters of hexadecimal text (deflates to about half).
    fn hex(&mut self, n: usize) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        (0..n)
            .map(|_| HEX[(self.next() & 15) as usize] as char)
            .collect()
    }
}

fn zip_of(entries: &[(String, Vec<u8>, CompressionMethod)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content, method) in entries {
        let options = SimpleFileOptions::default().compression_method(*method);
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(content).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn swagger(operations: usize) -> String {
    let paths: Vec<String> = (0..operations)
        .map(|i| {
            format!(
                r#""/items{i}/{{id}}": {{"get": {{"operationId": "GetItem{i}", "summary": "Get item {i}",
                "description": "Gets item {i} of the account.",
                "parameters": [{{"name": "id", "in": "path", "required": true, "type": "string",
                  "x-ms-summary": "Item ID", "description": "The item."}}],
                "responses": {{"200": {{"description": "The item", "schema": {{"type": "object",
                  "properties": {{"name": {{"type": "string", "description": "The name."}}}}}}}}}}}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"swagger": "2.0", "info": {{"title": "Contoso", "version": "1.0",
        "description": "Contoso manages invoices for small companies and their customers."}},
        "host": "api.contoso.com", "basePath": "/", "schemes": ["https"],
        "paths": {{{}}}}}"#,
        paths.join(",")
    )
}

/// A valid script of about 2,000 lines.
fn script() -> String {
    let mut s = String::from(
        "using System.Net.Http;\n\npublic class Script : ScriptBase\n{\n    public override async \
         Task<HttpResponseMessage> ExecuteAsync()\n    {\n        return await this.Context\
         .SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n    }\n",
    );
    for i in 0..400 {
        s.push_str(&format!(
            "\n    private static string Helper{i}(string value)\n    {{\n        // Helper {i}.\n        \
             return value + \"{i}\";\n    }}\n"
        ));
    }
    s.push_str("}\n");
    s
}

fn solution(workflows: usize, noise: &mut Noise, swagger: &str) -> Vec<u8> {
    let d = CompressionMethod::Deflated;
    let mut flows = String::new();
    let mut entries = vec![
        (
            "[Content_Types].xml".to_string(),
            b"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\" />"
                .to_vec(),
            d,
        ),
        (
            "solution.xml".to_string(),
            b"<ImportExportXml><SolutionManifest><UniqueName>Contoso</UniqueName><Version>1.0.0.0</Version></SolutionManifest></ImportExportXml>".to_vec(),
            d,
        ),
        (
            "Connector/cr_5Fcontoso_openapidefinition.json".to_string(),
            swagger.as_bytes().to_vec(),
            d,
        ),
        (
            "Connector/cr_5Fcontoso_customcodeblobcontent".to_string(),
            base64::engine::general_purpose::STANDARD
                .encode(script())
                .into_bytes(),
            d,
        ),
    ];
    for i in 0..workflows {
        let name = format!("Workflows/Flow{i}-0F1E2D3C-0000-4000-8000-{i:012}.json");
        flows.push_str(&format!(
            "<Workflow Name=\"Flow {i}\"><JsonFileName>/{name}</JsonFileName></Workflow>"
        ));
        let body = format!("{{\"properties\": {{\"id\": \"{}\"}}}}", noise.hex(30_000));
        entries.push((name, body.into_bytes(), d));
    }
    let workflows_node = if workflows == 0 {
        "<Workflows />".to_string()
    } else {
        format!("<Workflows>{flows}</Workflows>")
    };
    let customizations = format!(
        "<ImportExportXml>{workflows_node}<Connectors><Connector><name>cr_5Fcontoso</name>\
         <openapidefinition>/Connector/cr_5Fcontoso_openapidefinition.json</openapidefinition>\
         <customcodeblobcontent>/Connector/cr_5Fcontoso_customcodeblobcontent</customcodeblobcontent>\
         </Connector></Connectors></ImportExportXml>"
    );
    entries.push((
        "customizations.xml".to_string(),
        customizations.into_bytes(),
        d,
    ));
    zip_of(&entries)
}

fn package() -> Vec<u8> {
    let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
    let swagger = swagger(200);
    let s = CompressionMethod::Stored;
    let package = zip_of(&[
        (
            "ContosoPackage.dll".to_string(),
            noise.bytes(33 * 1024 * 1024),
            s,
        ),
        (
            "PkgAssets/ContosoConnector.zip".to_string(),
            solution(0, &mut noise, &swagger),
            s,
        ),
        (
            "PkgAssets/ContosoFlows.zip".to_string(),
            solution(1000, &mut noise, &swagger),
            s,
        ),
    ]);
    zip_of(&[
        (
            "intro.md".to_string(),
            b"# Contoso\n\nContoso manages invoices.\n".to_vec(),
            CompressionMethod::Deflated,
        ),
        ("package.zip".to_string(), package, s),
    ])
}

fn submission(c: &mut Criterion) {
    let bytes = package();
    let limits = Limits::default();
    let result = check_bytes("package.zip", bytes.clone(), &limits);
    assert!(result.script.is_some(), "the custom code is read");
    assert!(
        result.findings.is_empty(),
        "the benchmark package is valid: {:?}",
        result.findings
    );
    eprintln!("package: {:.1} MB", bytes.len() as f64 / 1048576.0);
    assert!(
        bytes.len() >= 50 * 1024 * 1024,
        "the package is 50 MB or more"
    );
    let config = Config::default();
    let mut group = c.benchmark_group("submission");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("zip check, 50 MB package", |b| {
        b.iter(|| check_bytes("package.zip", black_box(bytes.clone()), &limits))
    });
    group.bench_function("zip check + engine on the connector inside", |b| {
        b.iter(|| {
            let result = check_bytes("package.zip", black_box(bytes.clone()), &limits);
            let inner = result.connector.expect("connector found");
            let doc = Document::from_text(inner.path.into(), FileKind::Swagger, inner.text);
            let mut package = Package::from_documents(std::path::Path::new("."), vec![doc], None);
            let script = result.script.expect("custom code found");
            package.set_script(script.path.into(), script.text);
            rules::check(&package, &config)
        })
    });
    group.finish();
}

criterion_group!(benches, submission);
criterion_main!(benches);
