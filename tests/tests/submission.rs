//! The submission-package check (`connector-ls check package.zip`): every zip here is written
//! by the test itself from small parts (a valid package, then each defect), so no binary file
//! is kept in the repository.
//!
//! The `Submission*` codes have no `tests/fixtures/rules/` folders (their fixtures would be
//! zips): [`every_code_has_a_failing_case`] checks that each one fails somewhere here, and the
//! valid packages are their passing cases.

use std::collections::BTreeSet;
use std::io::{Cursor, Write};
use std::path::Path;
use std::process::Command;

use connector_ls_core::submission::{self, check_bytes, Limits, ZipFinding};
use connector_ls_tests::connector_ls_bin;
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

// ---------------------------------------------------------------------------------------------
// Building packages

/// A zip of `entries` (`name`, content); a name ending in `/` is a folder entry.
fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in entries {
        if name.ends_with('/') {
            w.add_directory(*name, options).unwrap();
        } else {
            w.start_file(*name, options).unwrap();
            w.write_all(content).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="xml" ContentType="application/octet-stream" />
  <Default Extension="json" ContentType="application/octet-stream" />
</Types>
"#;

fn solution_xml(name: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2" SolutionPackageVersion="9.2" languagecode="1033">
  <SolutionManifest>
    <UniqueName>{name}</UniqueName>
    <Version>1.0.0.0</Version>
    <Managed>0</Managed>
  </SolutionManifest>
</ImportExportXml>
"#
    )
}

const CONNECTOR_NODE: &str = r#"  <Connectors>
    <Connector>
      <name>cr_5Fcontoso</name>
      <displayname>Contoso</displayname>
      <openapidefinition>/Connector/cr_5Fcontoso_openapidefinition.json</openapidefinition>
      <connectionparameters>/Connector/cr_5Fcontoso_connectionparameters.json</connectionparameters>
    </Connector>
  </Connectors>
"#;

/// The `<Connector>` elements naming the custom code and its operations.
const CUSTOM_CODE_ELEMENTS: &str = "      <customcodeblobcontent>/Connector/cr_5Fcontoso_customcodeblobcontent</customcodeblobcontent>\n";
const SCRIPT_OPERATIONS_ELEMENT: &str =
    "      <scriptoperations>/Connector/cr_5Fcontoso_scriptoperations</scriptoperations>\n";
const CUSTOM_CODE_ENTRY: &str = "Connector/cr_5Fcontoso_customcodeblobcontent";
const SCRIPT_OPERATIONS_ENTRY: &str = "Connector/cr_5Fcontoso_scriptoperations";

/// A script the engine has nothing to say about.
const SCRIPT: &str = r#"using System.Net.Http;

public class Script : ScriptBase
{
    public override async Task<HttpResponseMessage> ExecuteAsync()
    {
        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);
    }
}
"#;

/// Base64 (standard alphabet, padded), written here rather than taken from the crate the
/// checker uses.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.len();
        let v = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= n {
                out.push(ALPHABET[((v >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

const FLOW_NODE: &str = r#"  <Workflows>
    <Workflow WorkflowId="{0f1e2d3c-0000-4000-8000-000000000001}" Name="Send invoice">
      <JsonFileName>/Workflows/Sendinvoice-0F1E2D3C-0000-4000-8000-000000000001.json</JsonFileName>
      <Type>1</Type>
    </Workflow>
  </Workflows>
"#;

const PLUGIN_NODE: &str = r#"  <aicopilot_aiplugins>
    <aicopilot_aiplugin aicopilot_name="cr_contoso_plugin">
      <aicopilot_humanname>Contoso</aicopilot_humanname>
    </aicopilot_aiplugin>
  </aicopilot_aiplugins>
"#;

/// `customizations.xml`: the connector (with `connector`, elements added to its node), and
/// flows and a plugin when asked.
fn customizations_with(workflows: bool, plugin: bool, connector: &str) -> String {
    let node = CONNECTOR_NODE.replace("    </Connector>", &format!("{connector}    </Connector>"));
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ImportExportXml>\n  <Entities />\n{}{node}{}</ImportExportXml>\n",
        if workflows { FLOW_NODE } else { "  <Workflows />\n" },
        if plugin { PLUGIN_NODE } else { "" },
    )
}

fn swagger(version: &str, operations: &[&str]) -> String {
    let paths: Vec<String> = operations
        .iter()
        .map(|op| {
            format!(
                r#"    "/{op}": {{
      "get": {{
        "operationId": "{op}",
        "summary": "Get the items",
        "description": "Gets the items of the account.",
        "responses": {{ "200": {{ "description": "The items" }} }}
      }}
    }}"#
            )
        })
        .collect();
    format!(
        r#"{{
  "swagger": "2.0",
  "info": {{
    "title": "Contoso",
    "description": "Contoso manages invoices for small companies and their customers.",
    "version": "{version}"
  }},
  "host": "api.contoso.com",
  "basePath": "/",
  "schemes": ["https"],
  "paths": {{
{}
  }}
}}
"#,
        paths.join(",\n")
    )
}

const CONNECTION_PARAMETERS: &str = r#"{"api_key": {"type": "securestring"}}"#;

/// One solution zip: the connector, with flows and/or a plugin.
struct Solution {
    workflows: bool,
    plugin: bool,
    swagger: String,
    /// The `customcodeblobcontent` file's bytes, named in `customizations.xml` when set.
    script: Option<Vec<u8>>,
    /// The `scriptoperations` file's text, named in `customizations.xml` when set.
    script_operations: Option<String>,
}

impl Solution {
    fn connector() -> Self {
        Self {
            workflows: false,
            plugin: false,
            swagger: swagger("1.0", &["ListItems", "GetItem"]),
            script: None,
            script_operations: None,
        }
    }

    fn with_script(mut self, script: impl Into<Vec<u8>>, operations: Option<&str>) -> Self {
        self.script = Some(script.into());
        self.script_operations = operations.map(str::to_string);
        self
    }
    fn flow() -> Self {
        Self {
            workflows: true,
            ..Self::connector()
        }
    }
    fn plugin() -> Self {
        Self {
            plugin: true,
            ..Self::connector()
        }
    }

    fn entries(&self) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), CONTENT_TYPES.into()),
            (
                "solution.xml".into(),
                solution_xml("ContosoSolution").into(),
            ),
            (
                "customizations.xml".into(),
                customizations_with(self.workflows, self.plugin, &self.connector_elements()).into(),
            ),
            (
                "Connector/cr_5Fcontoso_openapidefinition.json".into(),
                self.swagger.clone().into(),
            ),
            (
                "Connector/cr_5Fcontoso_connectionparameters.json".into(),
                CONNECTION_PARAMETERS.into(),
            ),
        ];
        if let Some(script) = &self.script {
            v.push((CUSTOM_CODE_ENTRY.into(), script.clone()));
        }
        if let Some(ops) = &self.script_operations {
            v.push((SCRIPT_OPERATIONS_ENTRY.into(), ops.clone().into_bytes()));
        }
        if self.workflows {
            v.push((
                "Workflows/Sendinvoice-0F1E2D3C-0000-4000-8000-000000000001.json".into(),
                br#"{"properties": {"definition": {}}}"#.to_vec(),
            ));
        }
        if self.plugin {
            v.push((
                "aiplugins/cr_contoso_plugin/aiplugin.xml".into(),
                b"<aiplugin />".to_vec(),
            ));
            v.push((
                "aipluginoperations/ListItems/aipluginoperation.xml".into(),
                b"<aipluginoperation />".to_vec(),
            ));
        }
        v
    }

    fn connector_elements(&self) -> String {
        let mut elements = String::new();
        if self.script.is_some() {
            elements.push_str(CUSTOM_CODE_ELEMENTS);
        }
        if self.script_operations.is_some() {
            elements.push_str(SCRIPT_OPERATIONS_ELEMENT);
        }
        elements
    }

    fn zip(&self) -> Vec<u8> {
        zip_with(self.entries())
    }
}

fn zip_with(entries: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let borrowed: Vec<(&str, Vec<u8>)> = entries
        .iter()
        .map(|(n, c)| (n.as_str(), c.clone()))
        .collect();
    zip_of(&borrowed)
}

/// The package zip: `PkgAssets/` with the solution zips, and the files Package Deployer puts
/// beside it.
fn package_zip(solutions: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut entries: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), CONTENT_TYPES.into()),
        ("ContosoPackage.dll".into(), vec![0x4d, 0x5a, 0, 0]),
        ("PkgAssets/".into(), Vec::new()),
        (
            "PkgAssets/ImportConfig.xml".into(),
            b"<configdatastorage />".to_vec(),
        ),
    ];
    for (name, bytes) in solutions {
        entries.push((format!("PkgAssets/{name}"), bytes.clone()));
    }
    zip_with(entries)
}

const INTRO: &str = "# Contoso\n\nContoso manages invoices. The connector lists and reads them.\n";

fn outer_zip(intro: &str, package: Vec<u8>) -> Vec<u8> {
    zip_of(&[("intro.md", intro.into()), ("package.zip", package)])
}

fn valid_solutions() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("ContosoConnector.zip", Solution::connector().zip()),
        ("ContosoFlows.zip", Solution::flow().zip()),
    ]
}

fn valid() -> Vec<u8> {
    outer_zip(INTRO, package_zip(&valid_solutions()))
}

fn check(bytes: Vec<u8>) -> Vec<ZipFinding> {
    check_with(bytes, &Limits::default())
}

fn check_with(bytes: Vec<u8>, limits: &Limits) -> Vec<ZipFinding> {
    check_bytes("sub.zip", bytes, limits).findings
}

fn codes(findings: &[ZipFinding]) -> BTreeSet<&'static str> {
    findings.iter().map(|f| f.code).collect()
}

fn show(findings: &[ZipFinding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}:{} {}\n",
                f.code, f.path, f.line, f.column, f.message
            )
        })
        .collect()
}

/// `findings` has a finding of `code` (and the rest is shown when it does not).
#[track_caller]
fn assert_has(findings: &[ZipFinding], code: &str) -> ZipFinding {
    findings
        .iter()
        .find(|f| f.code == code)
        .cloned()
        .unwrap_or_else(|| panic!("no {code} finding in:\n{}", show(findings)))
}

/// Sets the "encrypted" flag of the entry named `name`, in its local and central headers.
fn set_encrypted(bytes: &mut [u8], name: &str) {
    let mut i = 0;
    while i + 46 < bytes.len() {
        let sig = &bytes[i..i + 4];
        if sig == b"PK\x03\x04" {
            let len = u16::from_le_bytes([bytes[i + 26], bytes[i + 27]]) as usize;
            if bytes.get(i + 30..i + 30 + len) == Some(name.as_bytes()) {
                bytes[i + 6] |= 1;
            }
        } else if sig == b"PK\x01\x02" {
            let len = u16::from_le_bytes([bytes[i + 28], bytes[i + 29]]) as usize;
            if bytes.get(i + 46..i + 46 + len) == Some(name.as_bytes()) {
                bytes[i + 8] |= 1;
            }
        }
        i += 1;
    }
}

// ---------------------------------------------------------------------------------------------
// The valid packages pass

#[test]
fn a_valid_package_has_no_finding() {
    let result = check_bytes("sub.zip", valid(), &Limits::default());
    assert!(result.findings.is_empty(), "{}", show(&result.findings));
    let connector = result.connector.expect("the connector definition is found");
    assert_eq!(
        connector.path,
        "sub.zip!package.zip!PkgAssets/ContosoConnector.zip!Connector/cr_5Fcontoso_openapidefinition.json"
    );
    assert!(connector.text.contains("ListItems"));
    assert!(!result.has_plugin);
}

#[test]
fn a_valid_plugin_package_has_no_finding() {
    let mut solutions = valid_solutions();
    solutions.push(("ContosoPlugin.zip", Solution::plugin().zip()));
    let result = check_bytes(
        "sub.zip",
        outer_zip(INTRO, package_zip(&solutions)),
        &Limits::default(),
    );
    assert!(result.findings.is_empty(), "{}", show(&result.findings));
    assert!(result.has_plugin, "the plugin is read from the content");
}

#[test]
fn a_package_zip_without_its_outer_zip_is_checked_as_the_package() {
    let result = check_bytes(
        "package.zip",
        package_zip(&valid_solutions()),
        &Limits::default(),
    );
    assert!(result.package_only);
    assert!(result.findings.is_empty(), "{}", show(&result.findings));
    assert!(result
        .connector
        .unwrap()
        .path
        .starts_with("package.zip!PkgAssets/"));
}

// ---------------------------------------------------------------------------------------------
// Reading: not a zip, truncated, encrypted, unsafe names, limits

#[test]
fn not_a_zip_is_a_clear_finding() {
    let f = check(b"Rar!\x1a\x07\x00 this is not a zip".to_vec());
    let u = assert_has(&f, "SubmissionZipUnreadable");
    assert!(u.message.contains("not a zip archive"), "{}", u.message);
    assert_eq!(f.len(), 1, "{}", show(&f));
    assert_has(&check(Vec::new()), "SubmissionZipUnreadable");
}

#[test]
fn a_truncated_zip_is_a_clear_finding() {
    let bytes = valid();
    for cut in [bytes.len() / 2, bytes.len() - 10, 30] {
        let f = check(bytes[..cut].to_vec());
        let u = assert_has(&f, "SubmissionZipUnreadable");
        assert!(
            u.message.contains("corrupt or truncated"),
            "{cut}: {}",
            u.message
        );
    }
}

#[test]
fn a_corrupt_entry_is_a_finding_and_the_rest_is_checked() {
    // The package zip stored (not deflated) so its bytes can be damaged in place.
    let package = package_zip(&valid_solutions());
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default();
    w.start_file("intro.md", deflated).unwrap();
    w.write_all(INTRO.as_bytes()).unwrap();
    w.start_file(
        "package.zip",
        deflated.compression_method(CompressionMethod::Stored),
    )
    .unwrap();
    w.write_all(&package).unwrap();
    let mut bytes = w.finish().unwrap().into_inner();
    let at = bytes
        .windows(package.len().min(64))
        .position(|w| w == &package[..package.len().min(64)])
        .unwrap();
    bytes[at + package.len() / 2] ^= 0xff;
    let f = check(bytes);
    let u = assert_has(&f, "SubmissionZipUnreadable");
    assert_eq!(u.path, "sub.zip!package.zip", "{}", show(&f));
}

#[test]
fn an_encrypted_entry_is_a_finding() {
    let mut bytes = valid();
    set_encrypted(&mut bytes, "intro.md");
    let f = check(bytes);
    let e = assert_has(&f, "SubmissionZipEncrypted");
    assert_eq!(e.path, "sub.zip!intro.md");
    // The package beside it is still checked (and is fine).
    assert_eq!(codes(&f), ["SubmissionZipEncrypted"].into(), "{}", show(&f));
}

#[test]
fn damaged_packages_end_in_findings_never_a_panic() {
    // Every byte of a valid package flipped in turn (sampled), and every length it can be cut
    // to (sampled): the check ends, with findings or none, never a panic.
    let bytes = valid();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..2000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut damaged = bytes.clone();
        let at = (state % damaged.len() as u64) as usize;
        damaged[at] ^= (state >> 32) as u8 | 1;
        let _ = check(damaged);
        let _ = check(bytes[..at].to_vec());
    }
}

#[test]
fn traversal_absolute_and_drive_names_are_findings_never_followed() {
    let bytes = zip_of(&[
        ("intro.md", INTRO.into()),
        ("package.zip", package_zip(&valid_solutions())),
        ("../../evil.zip", b"x".to_vec()),
        ("/etc/cron.d/evil.md", b"x".to_vec()),
        ("C:/Windows/evil.md", b"x".to_vec()),
        ("ok\\..\\..\\evil.md", b"x".to_vec()),
    ]);
    let f = check(bytes);
    let unsafe_names: Vec<&ZipFinding> = f
        .iter()
        .filter(|f| f.code == "SubmissionEntryNameUnsafe")
        .collect();
    assert_eq!(unsafe_names.len(), 4, "{}", show(&f));
    assert!(unsafe_names
        .iter()
        .all(|f| f.message.contains("it was not read")));
    // Not counted as a second package or intro: the rest of the package is fine.
    assert_eq!(
        codes(&f),
        ["SubmissionEntryNameUnsafe"].into(),
        "{}",
        show(&f)
    );
}

#[test]
fn backslash_separators_are_a_warning() {
    let mut entries = Solution::connector().entries();
    entries[3].0 = "Connector\\cr_5Fcontoso_openapidefinition.json".into();
    let solutions = vec![
        ("ContosoConnector.zip", zip_with(entries)),
        ("ContosoFlows.zip", Solution::flow().zip()),
    ];
    let f = check(outer_zip(INTRO, package_zip(&solutions)));
    let w = assert_has(&f, "SubmissionEntryNameUnsafe");
    assert_eq!(w.severity, connector_ls_core::rules::Severity::Warning);
    // Read as a `/` name, the file is where customizations.xml says.
    assert_eq!(
        codes(&f),
        ["SubmissionEntryNameUnsafe"].into(),
        "{}",
        show(&f)
    );
}

#[test]
fn a_zip_bomb_is_a_finding_and_is_never_expanded() {
    // 64 MB of zeros deflate to about 64 KB: a ratio of about 1000. It is written in chunks,
    // so the test holds only the compressed bytes.
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("intro.md", SimpleFileOptions::default().large_file(false))
        .unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..64 {
        w.write_all(&chunk).unwrap();
    }
    w.start_file("package.zip", SimpleFileOptions::default())
        .unwrap();
    w.write_all(&package_zip(&valid_solutions())).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 * 1024 * 1024);
    let f = check(bytes);
    let b = assert_has(&f, "SubmissionZipLimitExceeded");
    assert_eq!(b.path, "sub.zip!intro.md");
    assert!(b.message.contains("zip bomb"), "{}", b.message);
}

#[test]
fn an_entry_larger_than_it_declares_is_never_read_past_the_limit() {
    // A stored entry of 100 KB whose directory claims 100 bytes: the reader must not trust it.
    let big = vec![b'a'; 100 * 1024];
    let mut bytes = zip_of(&[("intro.md", big), ("package.zip", Vec::new())]);
    // Central directory: the uncompressed size is at offset 24 of the entry's header.
    let cd = bytes
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("central directory");
    bytes[cd + 24..cd + 28].copy_from_slice(&100u32.to_le_bytes());
    let limits = Limits {
        max_entry: 1000,
        ..Limits::default()
    };
    let f = check_with(bytes, &limits);
    let at_intro: Vec<&ZipFinding> = f.iter().filter(|f| f.path == "sub.zip!intro.md").collect();
    assert!(
        at_intro.iter().any(|f| matches!(
            f.code,
            "SubmissionZipLimitExceeded" | "SubmissionZipUnreadable"
        )),
        "{}",
        show(&f)
    );
}

#[test]
fn limits_on_size_count_and_depth_are_findings() {
    let cases: [(Limits, &str); 4] = [
        (
            Limits {
                max_entry: 2000,
                ..Limits::default()
            },
            "more than the",
        ),
        (
            Limits {
                max_entries: 3,
                ..Limits::default()
            },
            "entries, more than the 3 limit",
        ),
        (
            Limits {
                max_depth: 2,
                ..Limits::default()
            },
            "nested 3 levels deep",
        ),
        (
            Limits {
                max_total: 4000,
                ..Limits::default()
            },
            "for the whole package",
        ),
    ];
    for (limits, says) in cases {
        let f = check_with(valid(), &limits);
        assert_has(&f, "SubmissionZipLimitExceeded");
        assert!(
            f.iter().any(|f| f.message.contains(says)),
            "{limits:?}: expected '{says}' in:\n{}",
            show(&f)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Layout: outer zip, package zip, PkgAssets

#[test]
fn a_zipped_folder_is_reported_and_checked_inside() {
    let bytes = zip_of(&[
        ("Contoso/", Vec::new()),
        ("Contoso/intro.md", INTRO.into()),
        ("Contoso/package.zip", package_zip(&valid_solutions())),
    ]);
    let f = check(bytes);
    let l = assert_has(&f, "SubmissionOuterZipLayout");
    assert!(
        l.message.contains("zipped instead of its content"),
        "{}",
        l.message
    );
    assert_eq!(
        codes(&f),
        ["SubmissionOuterZipLayout"].into(),
        "{}",
        show(&f)
    );
}

#[test]
fn the_outer_zip_holds_one_md_and_one_zip_and_no_folder() {
    let package = package_zip(&valid_solutions());
    let f = check(zip_of(&[
        ("intro.md", INTRO.into()),
        ("notes.md", INTRO.into()),
        ("package.zip", package.clone()),
        ("old/package.zip", package.clone()),
    ]));
    let layout: Vec<&ZipFinding> = f
        .iter()
        .filter(|f| f.code == "SubmissionOuterZipLayout")
        .collect();
    assert_eq!(layout.len(), 2, "{}", show(&f));

    let f = check(zip_of(&[("intro.md", INTRO.into())]));
    let m = assert_has(&f, "SubmissionPackageZipMissing");
    assert!(m.message.contains("Solution package not found at root"));

    let f = check(zip_of(&[
        ("intro.md", INTRO.into()),
        ("a.zip", package.clone()),
        ("b.zip", package),
    ]));
    assert_has(&f, "SubmissionOuterZipLayout");
}

#[test]
fn intro_md_is_present_named_so_and_not_empty() {
    let package = package_zip(&valid_solutions());
    let f = check(zip_of(&[("package.zip", package.clone())]));
    assert_has(&f, "SubmissionIntroMissing");

    let f = check(outer_zip(
        "# Intro\n\n## Prerequisites\n\n",
        package.clone(),
    ));
    let e = assert_has(&f, "SubmissionIntroMissing");
    assert_eq!(e.path, "sub.zip!intro.md");
    assert!(e.message.contains("no text"), "{}", e.message);

    let f = check(zip_of(&[
        ("README.md", INTRO.into()),
        ("package.zip", package),
    ]));
    let w = assert_has(&f, "SubmissionIntroMissing");
    assert_eq!(w.severity, connector_ls_core::rules::Severity::Warning);
}

#[test]
fn the_package_zip_holds_one_folder_pkgassets() {
    // The solution zips at the root of the package zip: reported, and still checked.
    let mut entries: Vec<(String, Vec<u8>)> =
        vec![("[Content_Types].xml".into(), CONTENT_TYPES.into())];
    for (n, b) in valid_solutions() {
        entries.push((n.to_string(), b));
    }
    let f = check(outer_zip(INTRO, zip_with(entries)));
    let m = assert_has(&f, "SubmissionPkgAssetsMissing");
    assert!(m.message.contains("at its root"), "{}", m.message);
    assert_eq!(
        codes(&f),
        ["SubmissionPkgAssetsMissing"].into(),
        "{}",
        show(&f)
    );

    // Another name is a warning.
    let mut entries = Vec::new();
    for (n, b) in valid_solutions() {
        entries.push((format!("Assets/{n}"), b));
    }
    let f = check(outer_zip(INTRO, zip_with(entries)));
    let w = assert_has(&f, "SubmissionPkgAssetsMissing");
    assert_eq!(w.severity, connector_ls_core::rules::Severity::Warning);
}

#[test]
fn pkgassets_holds_two_solution_zips_and_no_folder() {
    let f = check(outer_zip(
        INTRO,
        package_zip(&[("ContosoConnector.zip", Solution::connector().zip())]),
    ));
    let l = assert_has(&f, "SubmissionPkgAssetsLayout");
    assert!(l.message.contains("holds 1 solution zip;"), "{}", l.message);
    assert_has(&f, "SubmissionSolutionSplit");

    let mut solutions = valid_solutions();
    solutions.push(("old/ContosoConnector.zip", Solution::connector().zip()));
    let f = check(outer_zip(INTRO, package_zip(&solutions)));
    let l = assert_has(&f, "SubmissionPkgAssetsLayout");
    assert!(l.message.contains("'old'"), "{}", l.message);
}

#[test]
fn a_plugin_package_needs_three_solutions() {
    // The flow solution is missing: a plugin is read from the plugin solution, so 3 are needed.
    let f = check(outer_zip(
        INTRO,
        package_zip(&[
            ("ContosoConnector.zip", Solution::connector().zip()),
            ("ContosoPlugin.zip", Solution::plugin().zip()),
        ]),
    ));
    let l = assert_has(&f, "SubmissionPkgAssetsLayout");
    assert!(l.message.contains("must hold 3"), "{}", l.message);
    let s = assert_has(&f, "SubmissionSolutionSplit");
    assert!(s.message.contains("a flow solution"), "{}", s.message);
}

// ---------------------------------------------------------------------------------------------
// Solutions

fn with_solution_entries(edit: impl FnOnce(&mut Vec<(String, Vec<u8>)>)) -> Vec<ZipFinding> {
    let mut entries = Solution::flow().entries();
    edit(&mut entries);
    check(outer_zip(
        INTRO,
        package_zip(&[
            ("ContosoConnector.zip", Solution::connector().zip()),
            ("ContosoFlows.zip", zip_with(entries)),
        ]),
    ))
}

#[test]
fn a_solution_lacks_its_xml_files() {
    let f = with_solution_entries(|e| e.retain(|(n, _)| n != "solution.xml"));
    let m = assert_has(&f, "SubmissionSolutionFileMissing");
    assert_eq!(m.path, "sub.zip!package.zip!PkgAssets/ContosoFlows.zip");
    assert!(m.message.contains("'solution.xml'"), "{}", m.message);

    // Zipped from the parent folder: every file one level down.
    let f = with_solution_entries(|e| {
        for (n, _) in e.iter_mut() {
            *n = format!("ContosoFlows/{n}");
        }
    });
    let m = assert_has(&f, "SubmissionSolutionFileMissing");
    assert!(m.message.contains("inside the folder"), "{}", m.message);
}

#[test]
fn a_file_named_by_customizations_xml_is_in_the_zip() {
    let f = with_solution_entries(|e| e.retain(|(n, _)| !n.starts_with("Workflows/")));
    let m: Vec<&ZipFinding> = f
        .iter()
        .filter(|f| f.code == "SubmissionSolutionFileMissing")
        .collect();
    assert_eq!(m.len(), 1, "{}", show(&f));
    assert!(m[0].message.contains("<JsonFileName>"), "{}", m[0].message);
    assert!(m[0].path.ends_with("ContosoFlows.zip!customizations.xml"));
    assert!(m[0].line > 1, "the element's line is given");
    assert_has(&f, "SubmissionSolutionFolderMissing");
}

#[test]
fn the_connectors_other_json_files_are_parsed() {
    let f = with_solution_entries(|e| {
        e[4].1 = b"{\n  \"api_key\": {\"type\": \"securestring\"} \"x\": 1\n}\n".to_vec();
    });
    let j = assert_has(&f, "JsonSyntaxError");
    assert!(
        j.path
            .ends_with("ContosoFlows.zip!Connector/cr_5Fcontoso_connectionparameters.json"),
        "{}",
        show(&f)
    );
    assert_eq!(j.line, 2, "{}", show(&f));
}

#[test]
fn malformed_xml_is_reported_with_its_position() {
    let f = with_solution_entries(|e| {
        e[2].1 = b"<?xml version=\"1.0\"?>\n<ImportExportXml>\n  <Connectors>\n    <description>Tom & Jerry</description>\n</ImportExportXml>\n".to_vec();
    });
    let x = assert_has(&f, "SubmissionSolutionXmlInvalid");
    assert!(x.path.ends_with("ContosoFlows.zip!customizations.xml"));
    assert_eq!(x.line, 4, "{}", show(&f));

    let f = with_solution_entries(|e| {
        e[1].1 = b"<ImportExportXml><SolutionManifest><Version>1.0</Version></SolutionManifest></ImportExportXml>".to_vec();
    });
    let x = assert_has(&f, "SubmissionSolutionXmlInvalid");
    assert!(x.message.contains("UniqueName"), "{}", x.message);

    let f = with_solution_entries(|e| e[0].1 = b"<Wrong />".to_vec());
    assert_has(&f, "SubmissionSolutionXmlInvalid");

    // A DTD (the billion-laughs attack) is refused, not expanded.
    let f = with_solution_entries(|e| {
        e[2].1 = b"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<ImportExportXml>&lol2;</ImportExportXml>".to_vec();
    });
    assert_has(&f, "SubmissionSolutionXmlInvalid");
}

#[test]
fn folders_required_by_customizations_xml() {
    let f = with_solution_entries(|e| e.retain(|(n, _)| !n.starts_with("Connector/")));
    let m = assert_has(&f, "SubmissionSolutionFolderMissing");
    assert!(m.message.contains("'Connector/'"), "{}", m.message);

    let mut entries = Solution::plugin().entries();
    entries.retain(|(n, _)| !n.starts_with("aiplugins/"));
    let mut solutions = valid_solutions();
    solutions.push(("ContosoPlugin.zip", zip_with(entries)));
    let f = check(outer_zip(INTRO, package_zip(&solutions)));
    let m = assert_has(&f, "SubmissionSolutionFolderMissing");
    assert!(m.message.contains("'aiplugins/'"), "{}", m.message);
    assert!(
        !m.message.contains("'aipluginoperations/'"),
        "{}",
        m.message
    );
}

#[test]
fn the_connector_and_flow_solutions_are_split() {
    // Two flow solutions: no connector-only solution.
    let f = check(outer_zip(
        INTRO,
        package_zip(&[
            ("A.zip", Solution::flow().zip()),
            ("B.zip", Solution::flow().zip()),
        ]),
    ));
    let s = assert_has(&f, "SubmissionSolutionSplit");
    assert!(s.message.contains("a connector solution"), "{}", s.message);

    // A solution without the connector fits no kind.
    let mut entries = Solution::flow().entries();
    entries[2].1 = format!("<ImportExportXml>\n{FLOW_NODE}</ImportExportXml>\n").into_bytes();
    let f = check(outer_zip(
        INTRO,
        package_zip(&[
            ("ContosoConnector.zip", Solution::connector().zip()),
            ("ContosoFlows.zip", zip_with(entries)),
        ]),
    ));
    let s: Vec<&ZipFinding> = f
        .iter()
        .filter(|f| f.code == "SubmissionSolutionSplit")
        .collect();
    assert_eq!(s.len(), 2, "{}", show(&f));
    assert!(s.iter().any(|f| f.message.contains("has no connector")));
}

#[test]
fn solutions_with_different_copies_of_the_connector() {
    let old = Solution {
        swagger: swagger("0.9", &["ListItems"]),
        ..Solution::flow()
    };
    let f = check(outer_zip(
        INTRO,
        package_zip(&[
            ("ContosoConnector.zip", Solution::connector().zip()),
            ("ContosoFlows.zip", old.zip()),
        ]),
    ));
    let d: Vec<&ZipFinding> = f
        .iter()
        .filter(|f| f.code == "SubmissionConnectorDiffers")
        .collect();
    assert_eq!(d.len(), 2, "{}", show(&f));
    assert!(d
        .iter()
        .any(|f| f.message.contains("lacks 1 operation") && f.message.contains("'GetItem'")));
    assert!(d.iter().any(|f| f.message.contains("'0.9'")));
}

#[test]
fn every_problem_is_reported_at_once() {
    // No intro, a traversal name, a solution without solution.xml and a broken XML: all four.
    let mut broken = Solution::flow().entries();
    broken.retain(|(n, _)| n != "solution.xml");
    broken[1].1 = b"<ImportExportXml>".to_vec();
    let f = check(zip_of(&[
        ("../x.md", b"x".to_vec()),
        (
            "package.zip",
            package_zip(&[
                ("ContosoConnector.zip", Solution::connector().zip()),
                ("ContosoFlows.zip", zip_with(broken)),
            ]),
        ),
    ]));
    for code in [
        "SubmissionEntryNameUnsafe",
        "SubmissionIntroMissing",
        "SubmissionSolutionFileMissing",
        "SubmissionSolutionXmlInvalid",
        "SubmissionSolutionSplit",
    ] {
        assert_has(&f, code);
    }
}

#[test]
fn hostile_names_reach_messages_escaped() {
    let f = check(zip_of(&[
        ("intro\u{1b}[31m.md", INTRO.into()),
        ("package.zip", package_zip(&valid_solutions())),
    ]));
    assert!(!show(&f).contains('\u{1b}'), "{}", show(&f));
    assert_has(&f, "SubmissionEntryNameUnsafe");
}

// ---------------------------------------------------------------------------------------------
// The custom code

/// A package whose two solutions carry `connector` and `flow` (the custom code in each).
fn with_scripts(connector: Solution, flow: Solution) -> Vec<u8> {
    outer_zip(
        INTRO,
        package_zip(&[
            ("ContosoConnector.zip", connector.zip()),
            ("ContosoFlows.zip", flow.zip()),
        ]),
    )
}

fn scripted(script: impl Into<Vec<u8>> + Clone, ops: Option<&str>) -> Vec<u8> {
    with_scripts(
        Solution::connector().with_script(script.clone(), ops),
        Solution::flow().with_script(script, ops),
    )
}

#[test]
fn custom_code_is_read_as_text_or_as_base64() {
    for script in [SCRIPT.to_string(), base64(SCRIPT.as_bytes())] {
        let f = check(scripted(script, Some(r#"["ListItems"]"#)));
        assert!(f.is_empty(), "{}", show(&f));
    }
    let sub = check_bytes(
        "sub.zip",
        scripted(base64(SCRIPT.as_bytes()), None),
        &Limits::default(),
    );
    let script = sub.script.expect("the custom code is handed to the engine");
    assert_eq!(script.text, SCRIPT, "decoded");
    assert_eq!(
        script.path,
        format!("sub.zip!package.zip!PkgAssets/ContosoConnector.zip!{CUSTOM_CODE_ENTRY}")
    );
}

#[test]
fn custom_code_that_is_neither_text_nor_base64_is_a_finding() {
    let utf16: Vec<u8> = SCRIPT.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let wrapped = {
        let b = base64(SCRIPT.as_bytes());
        format!("{}\n{}", &b[..76], &b[76..])
    };
    let mut utf16_bom = vec![0xff, 0xfe];
    utf16_bom.extend(&utf16);
    let cases: [(Vec<u8>, &str); 4] = [
        (utf16, "NUL characters"),
        (utf16_bom, "neither UTF-8 text nor base64"),
        (wrapped.into_bytes(), "nor valid base64"),
        (base64(&[0xff, 0xfe, 0x41]).into_bytes(), "not UTF-8 text"),
    ];
    for (bytes, says) in cases {
        let f = check(with_scripts(
            Solution::connector().with_script(bytes, None),
            Solution::flow(),
        ));
        let c = assert_has(&f, "SubmissionCustomCodeInvalid");
        assert!(c.message.contains(says), "{}", c.message);
        assert_eq!(
            c.path,
            format!("sub.zip!package.zip!PkgAssets/ContosoConnector.zip!{CUSTOM_CODE_ENTRY}")
        );
    }
    // scriptoperations that is not a list of ids.
    for ops in [r#"{"ListItems": true}"#, r#"["ListItems", 2]"#] {
        let f = check(scripted(SCRIPT, Some(ops)));
        let c = assert_has(&f, "SubmissionCustomCodeInvalid");
        assert!(c.path.ends_with(SCRIPT_OPERATIONS_ENTRY), "{}", show(&f));
    }
    let f = check(scripted(SCRIPT, Some("[\"ListItems\",")));
    assert_has(&f, "JsonSyntaxError");
}

#[test]
fn a_custom_code_entry_the_xml_names_is_in_the_zip() {
    let f = with_solution_entries(|e| {
        e[2].1 = customizations_with(true, false, CUSTOM_CODE_ELEMENTS).into_bytes();
    });
    let m = assert_has(&f, "SubmissionSolutionFileMissing");
    assert!(
        m.message.contains("<customcodeblobcontent>"),
        "{}",
        m.message
    );
    assert!(m.path.ends_with("ContosoFlows.zip!customizations.xml"));
}

#[test]
fn solutions_with_different_custom_code() {
    let older = SCRIPT.replace("ConfigureAwait(false)", "ConfigureAwait(true)");
    let f = check(with_scripts(
        Solution::connector().with_script(SCRIPT, None),
        Solution::flow().with_script(older, None),
    ));
    let d = assert_has(&f, "SubmissionConnectorDiffers");
    assert!(d.message.contains("custom code differs"), "{}", d.message);
    assert!(
        d.path
            .ends_with(&format!("ContosoFlows.zip!{CUSTOM_CODE_ENTRY}")),
        "{}",
        d.path
    );
    assert_eq!(d.line, 7, "the first line that differs");
    // One has custom code, the other none.
    let f = check(with_scripts(
        Solution::connector().with_script(SCRIPT, None),
        Solution::flow(),
    ));
    let d = assert_has(&f, "SubmissionConnectorDiffers");
    assert!(d.message.contains("has no custom code"), "{}", d.message);
    // The same script with other line ends and as base64: no difference.
    let f = check(with_scripts(
        Solution::connector().with_script(SCRIPT.replace('\n', "\r\n"), None),
        Solution::flow().with_script(base64(SCRIPT.as_bytes()), None),
    ));
    assert!(f.is_empty(), "{}", show(&f));
}

/// Each `Submission*` code of the registry fails in one of these tests (asserted by name, so
/// a new code without a test fails here).
#[test]
fn every_code_has_a_failing_case() {
    let source = include_str!("submission.rs");
    for rule in submission::RULES {
        let asserted = format!("assert_has(&f, \"{}\")", rule.code);
        let listed = format!("\"{}\"", rule.code);
        assert!(
            source.contains(&asserted) || source.matches(&listed).count() > 1,
            "{} has no failing case in tests/tests/submission.rs",
            rule.code
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The command line

fn run(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(connector_ls_bin())
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A connector folder with `apiDefinition.swagger.json` (operations `ops`) and `package.zip`.
fn folder(ops: &[&str], package: Vec<u8>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("Contoso");
    std::fs::create_dir(&c).unwrap();
    std::fs::write(c.join("apiDefinition.swagger.json"), swagger("1.0", ops)).unwrap();
    std::fs::write(c.join("package.zip"), package).unwrap();
    dir
}

#[test]
fn cli_checks_a_zip_and_names_the_entry() {
    let dir = folder(&["ListItems", "GetItem", "CreateItem"], valid());
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "check",
            "Contoso/package.zip",
            "--format",
            "json",
            "--select",
            "Submission*",
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["code"], "SubmissionConnectorDiffers", "{stdout}");
    assert_eq!(f["file"], "Contoso/package.zip");
    assert_eq!(
        f["entry"],
        "package.zip!PkgAssets/ContosoConnector.zip!Connector/cr_5Fcontoso_openapidefinition.json"
    );
    assert!(
        f["message"].as_str().unwrap().contains("'CreateItem'"),
        "{stdout}"
    );
    assert_eq!(v["connectors"][0]["path"], "Contoso/package.zip");
}

#[test]
fn cli_checks_the_solutions_connection_parameters_as_api_properties() {
    let mut connector = Solution::connector().entries();
    connector[4].1 = b"{\n  \"api_key\": {\n    \"type\": \"strng\"\n  }\n}\n".to_vec();
    let bytes = outer_zip(
        INTRO,
        package_zip(&[
            ("ContosoConnector.zip", zip_with(connector)),
            ("ContosoFlows.zip", Solution::flow().zip()),
        ]),
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sub.zip"), bytes).unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "sub.zip", "--select", "api-properties,review"],
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    // At its line in the solution's own file: the type, on line 3 of it.
    assert!(
        stdout.contains(
            "sub.zip!package.zip!PkgAssets/ContosoConnector.zip!Connector/cr_5Fcontoso_connectionparameters.json:3:13: error[ApiPropertiesSchemaViolation]"
        ),
        "{stdout}"
    );
    // The members of apiProperties a solution keeps in its XML (publisher, brand colour) are not
    // reported as missing.
    assert!(!stdout.contains("iconBrandColor"), "{stdout}");
    assert!(!stdout.contains("PublisherIdentityInvalid"), "{stdout}");
    // The valid connection parameters give no such finding.
    std::fs::write(dir.path().join("sub.zip"), valid()).unwrap();
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "sub.zip",
            "--select",
            "ApiPropertiesSchemaViolation",
        ],
    );
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn cli_runs_the_engine_on_the_connector_inside() {
    let broken = Solution {
        swagger: "{\n  \"swagger\": \"2.0\",\n  \"paths\": {} \"x\": 1\n}\n".into(),
        ..Solution::connector()
    };
    let bytes = outer_zip(
        INTRO,
        package_zip(&[
            ("ContosoConnector.zip", broken.zip()),
            ("ContosoFlows.zip", Solution::flow().zip()),
        ]),
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sub.zip"), bytes).unwrap();
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "sub.zip", "--select", "JsonSyntaxError"],
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(
            "sub.zip!package.zip!PkgAssets/ContosoConnector.zip!Connector/cr_5Fcontoso_openapidefinition.json:3:"
        ),
        "{stdout}"
    );
    // GitHub and SARIF name the zip file on disk, on line 1, with the entry in the message.
    let (_, github, _) = run(
        dir.path(),
        &[
            "check",
            "sub.zip",
            "--select",
            "JsonSyntaxError",
            "--format",
            "github",
        ],
    );
    assert!(
        github.starts_with("::error file=sub.zip,line=1,col=1,"),
        "{github}"
    );
    assert!(
        github.contains("::package.zip!PkgAssets/ContosoConnector.zip!Connector/"),
        "{github}"
    );
    let (_, sarif, _) = run(
        dir.path(),
        &[
            "check",
            "sub.zip",
            "--select",
            "JsonSyntaxError",
            "--format",
            "sarif",
        ],
    );
    let v: Value = serde_json::from_str(&sarif).unwrap();
    let loc = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "sub.zip");
    assert_eq!(loc["region"]["startLine"], 1);
}

#[test]
fn cli_finds_zips_in_folders_and_trees() {
    // A folder with a broken package beside the connector files.
    let dir = folder(&["ListItems", "GetItem"], b"not a zip".to_vec());
    let (code, stdout, _) = run(dir.path(), &["check", ".", "--select", "Submission*"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("SubmissionZipUnreadable"), "{stdout}");
    // A folder holding only a zip is not "no connector package found".
    let only = tempfile::tempdir().unwrap();
    std::fs::write(only.path().join("package.zip"), valid()).unwrap();
    let (code, stdout, stderr) = run(only.path(), &["check", ".", "--select", "Submission*"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn cli_a_pull_requests_package_zip_needs_intro_md_beside_it() {
    let dir = folder(&["ListItems", "GetItem"], package_zip(&valid_solutions()));
    let (code, stdout, _) = run(dir.path(), &["check", "Contoso", "--select", "Submission*"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("Contoso/package.zip:1:1: error[SubmissionIntroMissing]"),
        "{stdout}"
    );
    std::fs::write(dir.path().join("Contoso/intro.md"), INTRO).unwrap();
    let (code, stdout, _) = run(dir.path(), &["check", "Contoso", "--select", "Submission*"]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn cli_runs_the_script_rules_on_the_custom_code_inside() {
    let bad = "using System.Data;\npublic class MyScript : ScriptBase { }\n";
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [("raw", bad.to_string()), ("base64", base64(bad.as_bytes()))] {
        std::fs::write(dir.path().join("sub.zip"), scripted(content, None)).unwrap();
        let (code, stdout, stderr) = run(dir.path(), &["check", "sub.zip", "--select", "Script*"]);
        assert_eq!(code, 1, "{name}: {stdout}{stderr}");
        let at = format!("sub.zip!package.zip!PkgAssets/ContosoConnector.zip!{CUSTOM_CODE_ENTRY}");
        assert!(
            stdout.contains(&format!("{at}:1:1: error[ScriptClassMissing]")),
            "{name}: {stdout}"
        );
        assert!(
            stdout.contains(&format!("{at}:1:7: warning[ScriptNamespaceNotAllowed]")),
            "{name}: {stdout}"
        );
    }
    // A script the rules accept: nothing.
    std::fs::write(dir.path().join("sub.zip"), scripted(SCRIPT, None)).unwrap();
    let (code, stdout, _) = run(dir.path(), &["check", "sub.zip", "--select", "Script*"]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn cli_checks_scriptoperations_against_the_swagger() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sub.zip"),
        scripted(SCRIPT, Some("[\n  \"ListItems\",\n  \"ListItem\"\n]\n")),
    )
    .unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "sub.zip", "--select", "ScriptOperationNotFound"],
    );
    assert_eq!(code, 0, "a warning: {stdout}{stderr}");
    assert!(
        stdout.contains(&format!(
            "sub.zip!package.zip!PkgAssets/ContosoConnector.zip!{SCRIPT_OPERATIONS_ENTRY}:3:3: warning[ScriptOperationNotFound]"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("'ListItem'"), "{stdout}");
    assert_eq!(
        stdout.matches("ScriptOperationNotFound]").count(),
        1,
        "{stdout}"
    );
    std::fs::write(
        dir.path().join("sub.zip"),
        scripted(SCRIPT, Some(r#"["ListItems", "GetItem"]"#)),
    )
    .unwrap();
    let (_, stdout, _) = run(
        dir.path(),
        &["check", "sub.zip", "--select", "ScriptOperationNotFound"],
    );
    assert!(!stdout.contains("ScriptOperationNotFound"), "{stdout}");
    // A syntax error, reported once, in the file.
    std::fs::write(
        dir.path().join("sub.zip"),
        scripted(SCRIPT, Some("[\"ListItems\" \"GetItem\"]")),
    )
    .unwrap();
    let (code, stdout, _) = run(dir.path(), &["check", "sub.zip"]);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(
        stdout.matches("error[JsonSyntaxError]").count(),
        2,
        "once in each solution: {stdout}"
    );
}

#[test]
fn cli_compares_the_custom_code_with_the_folders_script() {
    let ops = ["ListItems", "GetItem"];
    let dir = folder(&ops, scripted(SCRIPT, None));
    let select = [
        "check",
        "Contoso/package.zip",
        "--select",
        "SubmissionConnectorDiffers",
    ];
    // The folder has no script.csx.
    let (_, stdout, _) = run(dir.path(), &select);
    assert!(
        stdout.contains("has custom code; the folder has none"),
        "{stdout}"
    );
    // The same script, with Windows line ends: no difference.
    let script = dir.path().join("Contoso/script.csx");
    std::fs::write(&script, SCRIPT.replace('\n', "\r\n")).unwrap();
    let (code, stdout, _) = run(dir.path(), &select);
    assert_eq!(code, 0, "{stdout}");
    assert!(!stdout.contains("SubmissionConnectorDiffers"), "{stdout}");
    // The folder's script moved on: the package's is older.
    std::fs::write(&script, SCRIPT.replace("SendAsync", "SendAsync2")).unwrap();
    let (_, stdout, _) = run(dir.path(), &select);
    assert!(
        stdout.contains(&format!(
            "Contoso/package.zip!package.zip!PkgAssets/ContosoConnector.zip!{CUSTOM_CODE_ENTRY}:7:1: warning[SubmissionConnectorDiffers]"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("custom code differs from the script of the folder"),
        "{stdout}"
    );
    // The folder has a script and the package none.
    let dir = folder(&ops, valid());
    std::fs::write(dir.path().join("Contoso/script.csx"), SCRIPT).unwrap();
    let (_, stdout, _) = run(dir.path(), &select);
    assert!(
        stdout.contains("has no custom code; the folder"),
        "{stdout}"
    );
}

// ---------------------------------------------------------------------------------------------
// The language server

#[test]
fn the_server_reports_the_folders_zip_on_open_and_when_it_changes() {
    use connector_ls_tests::lsp::{file_uri, LspClient};
    use serde_json::json;

    let dir = folder(
        &["ListItems", "GetItem"],
        zip_of(&[("package.zip", package_zip(&valid_solutions()))]),
    );
    let c_dir = dir.path().join("Contoso");
    let swagger_path = c_dir.join("apiDefinition.swagger.json");
    let zip_uri = file_uri(&c_dir.join("package.zip"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    let text = std::fs::read_to_string(&swagger_path).unwrap();
    c.open(&file_uri(&swagger_path), &text, 1);
    let zip_diagnostics = |c: &mut LspClient| {
        let msg = c.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == zip_uri
        });
        msg["params"]["diagnostics"].as_array().cloned().unwrap()
    };
    let diags = zip_diagnostics(&mut c);
    assert!(
        diags.iter().any(|d| d["code"] == "SubmissionIntroMissing"
            && d["range"]["start"] == json!({"line": 0, "character": 0})),
        "{diags:#?}"
    );
    // The author fixes the zip: the watched-file change clears the finding.
    std::fs::write(c_dir.join("package.zip"), valid()).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": zip_uri, "type": 2}]}),
    );
    let diags = zip_diagnostics(&mut c);
    // What is left is the engine's, about the connector inside (it is a small test swagger).
    assert!(
        diags
            .iter()
            .all(|d| !d["code"].as_str().unwrap().starts_with("Submission")),
        "{diags:#?}"
    );
    assert!(
        diags.iter().all(|d| d["message"]
            .as_str()
            .unwrap()
            .starts_with("package.zip!PkgAssets/ContosoConnector.zip!Connector/")),
        "{diags:#?}"
    );
    // Deleted: its diagnostics are cleared.
    std::fs::remove_file(c_dir.join("package.zip")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": zip_uri, "type": 3}]}),
    );
    assert!(zip_diagnostics(&mut c).is_empty());
    c.finish();
}

#[test]
fn the_server_checks_the_zip_again_when_the_folders_script_changes() {
    use connector_ls_tests::lsp::{file_uri, LspClient};
    use serde_json::json;

    let dir = folder(&["ListItems", "GetItem"], scripted(SCRIPT, None));
    let c_dir = dir.path().join("Contoso");
    let script = c_dir.join("script.csx");
    std::fs::write(&script, SCRIPT.replace("SendAsync", "SendAsync2")).unwrap();
    let swagger_path = c_dir.join("apiDefinition.swagger.json");
    let zip_uri = file_uri(&c_dir.join("package.zip"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    let text = std::fs::read_to_string(&swagger_path).unwrap();
    c.open(&file_uri(&swagger_path), &text, 1);
    let differs = |c: &mut LspClient| {
        let msg = c.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == zip_uri
        });
        let diags = msg["params"]["diagnostics"].as_array().cloned().unwrap();
        diags
            .iter()
            .filter(|d| d["code"] == "SubmissionConnectorDiffers")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let d = differs(&mut c);
    assert!(
        d.len() == 1
            && d[0].contains("custom code differs")
            && d[0].contains("customcodeblobcontent"),
        "{d:#?}"
    );
    // The author puts the packaged script back: the zip is checked again.
    std::fs::write(&script, SCRIPT).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&script), "type": 2}]}),
    );
    assert_eq!(differs(&mut c), Vec::<String>::new());
    c.finish();
}

#[test]
fn the_server_compares_the_custom_code_with_the_open_script_not_the_file_on_disk() {
    use connector_ls_tests::lsp::{file_uri, LspClient};
    use serde_json::json;

    // On disk the folder's script differs from the zip's; the editor holds the packaged one.
    let dir = folder(&["ListItems", "GetItem"], scripted(SCRIPT, None));
    let c_dir = dir.path().join("Contoso");
    let script = c_dir.join("script.csx");
    std::fs::write(&script, SCRIPT.replace("SendAsync", "SendAsync2")).unwrap();
    let zip_uri = file_uri(&c_dir.join("package.zip"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    c.open(&file_uri(&script), SCRIPT, 1);
    let msg = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == zip_uri
    });
    let diags = msg["params"]["diagnostics"].as_array().cloned().unwrap();
    assert!(
        diags
            .iter()
            .all(|d| d["code"] != "SubmissionConnectorDiffers"),
        "{diags:#?}"
    );
    c.finish();
}

#[test]
fn the_server_compares_the_zip_with_the_open_swagger_not_the_file_on_disk() {
    use connector_ls_tests::lsp::{file_uri, LspClient};
    use serde_json::json;

    // On disk the folder's swagger matches the zip's connector.
    let dir = folder(&["ListItems", "GetItem"], valid());
    let c_dir = dir.path().join("Contoso");
    let swagger_path = c_dir.join("apiDefinition.swagger.json");
    let zip_uri = file_uri(&c_dir.join("package.zip"));
    let mut c = LspClient::start();
    c.initialize(json!({}), json!({"debounceMs": 0}));
    // The editor holds a version with one more operation, not saved.
    let edited = swagger("1.0", &["ListItems", "GetItem", "CreateItem"]);
    c.open(&file_uri(&swagger_path), &edited, 1);
    let msg = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == zip_uri
    });
    let diags = msg["params"]["diagnostics"].as_array().cloned().unwrap();
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "SubmissionConnectorDiffers"
                && d["message"].as_str().unwrap().contains("'CreateItem'")),
        "{diags:#?}"
    );
    c.finish();
}
