//! Applying safe fixes never loses a value: no member is shadowed by a duplicate key, and every
//! non-empty value of the document is still somewhere in the fixed text.
//!
//! Safe fixes run unattended (`check --fix`, the editor's `source.fixAll`), so a fix that could
//! drop or shadow something the author wrote must be unsafe (offered for review) or absent.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use connector_ls::cli::autofix;
use connector_ls_core::json::{self, Node};
use connector_ls_core::package::{Document, FileKind, Package};
use connector_ls_core::rules::{self, Config};
use proptest::prelude::*;

/// What a document holds: its non-empty scalar values (lower-cased), the pointers of those
/// values, and the number of repeated keys within objects.
struct Inventory {
    values: HashSet<String>,
    pointers: HashMap<String, String>,
    repeats: usize,
}

fn inventory(text: &str) -> Inventory {
    fn walk(n: Node, inv: &mut Inventory) {
        if n.is_object() || n.is_array() {
            if n.is_object() {
                let mut seen = HashSet::new();
                for (k, _) in n.members() {
                    if !seen.insert(k) {
                        inv.repeats += 1;
                    }
                }
            }
            for c in n.children() {
                walk(c, inv);
            }
        } else {
            let s = n.source().trim();
            if !s.is_empty() && s != "\"\"" {
                inv.values.insert(s.to_ascii_lowercase());
                inv.pointers.insert(n.pointer(), s.to_ascii_lowercase());
            }
        }
    }
    let parsed = json::parse(text);
    let mut inv = Inventory {
        values: HashSet::new(),
        pointers: HashMap::new(),
        repeats: 0,
    };
    if let Some(root) = parsed.tree.root() {
        walk(root, &mut inv);
    }
    inv
}

/// The deliberate removals of content that means nothing: `"uniqueItems": true`, which the
/// platform does not enforce (SwaggerKeywordNotSupported), and scopes listed for a security
/// scheme that is not OAuth 2, which OpenAPI 2.0 says must be empty
/// (SecurityRequirementMustHaveEmptyValue).
fn meaningless(pointer: &str) -> bool {
    pointer.ends_with("/uniqueItems") || pointer.starts_with("/security/")
}

/// Applies every safe fix of `text` (as `check --fix` does, round after round) and checks that
/// nothing was lost.
fn assert_safe_fixes_keep_values(name: &str, text: &str) {
    let dir = Path::new("/nonexistent/fix-safety");
    let path = PathBuf::from(dir).join("apiDefinition.swagger.json");
    let before = inventory(text);
    let mut current = text.to_string();
    for _ in 0..autofix::MAX_ROUNDS {
        let doc = Document::new(path.clone(), FileKind::Swagger, &current);
        let pkg = Package::from_documents(dir, vec![doc], None);
        let findings = rules::check(&pkg, &Config::default());
        let refs: Vec<_> = findings.iter().collect();
        let plan = autofix::plan(&pkg, &refs);
        let Some((_, fixed)) = plan.files.into_iter().find(|(p, _)| *p == path) else {
            break;
        };
        current = fixed;
    }
    let after = inventory(&current);
    assert!(
        after.repeats <= before.repeats,
        "{name}: safe fixes wrote duplicate keys:\n{current}"
    );
    // A value that is nowhere in the fixed text and whose place is gone was dropped; one whose
    // place still holds a value was corrected in place (the fix's purpose).
    let lost: Vec<_> = before
        .pointers
        .iter()
        .filter(|(p, v)| !after.values.contains(*v) && !after.pointers.contains_key(*p))
        .filter(|(p, _)| !meaningless(p))
        .collect();
    assert!(
        lost.is_empty(),
        "{name}: safe fixes lost {lost:?}:\n--- before\n{text}\n--- after\n{current}"
    );
}

#[test]
fn misspellings_that_compete_for_one_name_are_not_renamed_blindly() {
    let text = r#"{
  "swagger": "2.0",
  "info": {"title": "Widgets", "version": "1.0", "description": "Widgets.", "contact": {"name": "A"}},
  "host": "api.contoso.com",
  "paths": {
    "/w": {
      "get": {
        "operationId": "ListWidgets",
        "summary": "List widgets",
        "description": "Lists widgets.",
        "parameters": [
          {"name": "top", "in": "query", "type": "integer", "Required": true, "REQUIRED": false,
           "x-ms-sumary": "First label", "x-ms-summry": "Second label", "description": "How many."}
        ],
        "responses": {"200": {"description": "OK"}}
      }
    }
  }
}"#;
    assert_safe_fixes_keep_values("competing renames", text);
}

#[test]
fn a_repeated_parameter_with_its_own_description_is_not_removed_blindly() {
    let text = r##"{
  "swagger": "2.0",
  "info": {"title": "Widgets", "version": "1.0", "description": "Widgets.", "contact": {"name": "A"}},
  "host": "api.contoso.com",
  "paths": {
    "/w": {
      "get": {
        "operationId": "ListWidgets",
        "summary": "List widgets",
        "description": "Lists widgets.",
        "parameters": [
          {"$ref": "#/parameters/top"},
          {"$ref": "#/parameters/top", "description": "The author's own words."}
        ],
        "responses": {"200": {"description": "OK"}}
      }
    }
  },
  "parameters": {"top": {"name": "top", "in": "query", "type": "integer", "x-ms-summary": "Top", "description": "How many."}}
}"##;
    assert_safe_fixes_keep_values("repeated parameter", text);
}

/// Every rule fixture of the repository, fixed with all safe fixes.
#[test]
fn safe_fixes_on_every_rule_fixture_keep_values() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut checked = 0;
    for rule in std::fs::read_dir(&root).unwrap() {
        let rule = rule.unwrap().path();
        for entry in std::fs::read_dir(&rule).unwrap() {
            let p = entry.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_file()
                && name.ends_with(".json")
                && !name.contains(".apiProperties.")
                && !name.contains(".settings.")
            {
                let text = std::fs::read_to_string(&p).unwrap();
                assert_safe_fixes_keep_values(&p.display().to_string(), &text);
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} fixtures found");
}

const KEYS: &[&str] = &[
    "x-ms-summary",
    "x-ms-sumary",
    "x-ms-summry",
    "X-MS-SUMMARY",
    "x-ms-visibility",
    "x-ms-visibilty",
    "x-ms-visiblity",
    "required",
    "Required",
    "REQUIRED",
    "requried",
    "description",
    "Description",
    "DESCRIPTION",
    "default",
    "Default",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A parameter made of keys that are misspellings or case variants of each other, and a
    /// parameter list with repeats that differ or not.
    #[test]
    fn applying_safe_fixes_never_removes_a_value(
        keys in proptest::collection::vec(0..KEYS.len(), 1..7),
        repeats in proptest::collection::vec(any::<bool>(), 0..3),
    ) {
        let members: Vec<String> = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| format!("\"{}\": \"value {i}\"", KEYS[k]))
            .collect();
        let mut params = vec![format!(
            "{{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", {}}}",
            members.join(", ")
        )];
        params.push("{\"$ref\": \"#/parameters/p\"}".to_string());
        for (i, own) in repeats.iter().enumerate() {
            params.push(if *own {
                format!("{{\"$ref\": \"#/parameters/p\", \"description\": \"own words {i}\"}}")
            } else {
                "{\"$ref\": \"#/parameters/p\"}".to_string()
            });
        }
        let text = format!(
            r##"{{"swagger": "2.0", "info": {{"title": "T", "version": "1"}}, "host": "a.contoso.com",
"paths": {{"/x": {{"get": {{"operationId": "Op", "summary": "Get x", "parameters": [{}],
"responses": {{"200": {{"description": "OK"}}}}}}}}}},
"parameters": {{"p": {{"name": "p", "in": "query", "type": "string", "x-ms-summary": "P", "description": "P."}}}}}}"##,
            params.join(", ")
        );
        assert_safe_fixes_keep_values("generated", &text);
    }
}
