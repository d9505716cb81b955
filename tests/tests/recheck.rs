//! Incremental re-checks equal full checks: after random edits inside strings of real
//! connectors (typing, deleting, pasting text that rules look for, copying another value of the
//! document), `rules::check_again` with the previous check's memory gives exactly the findings
//! of `rules::check` on the new package. Edits are chained, so kept findings move again and
//! again, and some edits (a quote, a backslash) take the full path in between.
//!
//! The shipped example always runs; a sample of the corpus runs when `../shared/corpus` exists.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use connector_ls::workspace::search::find_packages;
use connector_ls::workspace::source::{Disk, DISK};
use connector_ls_core::json::Kind;
use connector_ls_core::package::{FileKind, Package, Source};
use connector_ls_core::rules::{self, Config, Finding, Memory};
use connector_ls_core::text::SharedText;

/// Text a rule may look for, typed into a string.
const SNIPPETS: &[&str] = &[
    "a",
    " ",
    "é",
    ".",
    "!",
    "{",
    "x-ms-",
    "#/definitions/",
    "#/parameters/",
    "https://",
    "TODO",
    "string",
    "integer",
    "query",
    "path",
    "body",
    "internal",
    "true",
    "password",
    "Microsoft",
    "application/json",
    " und die Liste der ",
    " para los datos ",
    "日本語のテキスト",
    "\"",
    "\\",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One random edit inside a string value of `text` (a JSON document): the new text, or `None`
/// when the document has no string.
fn edit_a_string(text: &str, rng: &mut Rng) -> Option<String> {
    let parse = connector_ls_core::json::parse(text);
    let tree = &parse.tree;
    let strings: Vec<_> = (0..tree.node_count() as u32)
        .map(|id| tree.node(id))
        .filter(|n| n.kind() == Kind::String && n.range().len() >= 2)
        .collect();
    if strings.is_empty() {
        return None;
    }
    let node = strings[rng.below(strings.len())];
    let r = node.range();
    let (inner_start, inner_end) = (r.start as usize + 1, r.end as usize - 1);
    let boundary = |rng: &mut Rng| loop {
        let at = inner_start + rng.below(inner_end - inner_start + 1);
        if text.is_char_boundary(at) {
            break at;
        }
    };
    let (start, end, with) = match rng.below(5) {
        // Empty it.
        4 => (inner_start, inner_end, String::new()),
        // Type a snippet somewhere inside.
        0 | 1 => {
            let at = boundary(rng);
            (at, at, SNIPPETS[rng.below(SNIPPETS.len())].to_string())
        }
        // Delete some of it.
        2 => {
            let (a, b) = (boundary(rng), boundary(rng));
            (a.min(b), a.max(b), String::new())
        }
        // Replace all of it with another string's content (an operationId, a `$ref`, ...).
        _ => {
            let other = strings[rng.below(strings.len())].range();
            let with = &text[other.start as usize + 1..other.end as usize - 1];
            (inner_start, inner_end, with.to_string())
        }
    };
    Some(format!("{}{with}{}", &text[..start], &text[end..]))
}

/// Loads `dir` with the given documents' texts instead of the disk's (as the language server
/// does with open documents), reparsing from `previous`.
fn load(dir: &Path, texts: &HashMap<PathBuf, SharedText>, previous: Option<&Package>) -> Package {
    let overlay = |p: &Path| texts.get(p).cloned();
    let disk = Disk::with_buffers(&overlay);
    let source = Source {
        previous,
        ..Source::new(&disk)
    };
    Package::load(dir, None, &source).expect("package folder readable")
}

fn describe(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{} {:?} {}: {}", f.code, f.range, f.pointer, f.message))
        .collect()
}

/// Edits the package in `dir` `edits` times and compares every incremental re-check with a
/// full check.
fn edit_and_compare(dir: &Path, edits: usize, seed: u64) {
    let config = Config::default();
    let original = Package::load(dir, None, &Source::new(&DISK)).expect("package folder readable");
    let mut texts: HashMap<PathBuf, SharedText> = original
        .documents()
        .map(|d| (d.path.clone(), SharedText::from(d.text())))
        .collect();
    let mut package = load(dir, &texts, None);
    let (_, mut memory): (_, Memory) = rules::check_again(&package, &config, None);
    let mut rng = Rng(seed | 1);
    for step in 0..edits {
        // Mostly the swagger; sometimes apiProperties (another focus for the tracking).
        let kind = if rng.below(5) == 0 {
            FileKind::ApiProperties
        } else {
            FileKind::Swagger
        };
        let Some(doc) = package.document(kind).or(package.swagger.as_ref()) else {
            return;
        };
        let Some(new_text) = edit_a_string(doc.text(), &mut rng) else {
            continue;
        };
        texts.insert(doc.path.clone(), SharedText::from(new_text));
        let next = load(dir, &texts, Some(&package));
        let package_for_debug = &next;
        // The hover's credentials, found from the previous check's memos, are those found
        // from nothing: every document masked alike.
        rules::review::prepare_secrets(&next, Some((&package, &memory)));
        let fresh = load(dir, &texts, None);
        for doc in next.documents() {
            let masked = rules::review::mask_secrets(&next, doc.text());
            if masked != rules::review::mask_secrets(&fresh, doc.text()) {
                panic!(
                    "{}: edit {step} (seed {seed}): the credentials found from the previous \
                     check's memos differ from those found from nothing in {}",
                    dir.display(),
                    doc.path.display()
                );
            }
        }
        let (again, next_memory) = rules::check_again(&next, &config, Some((&package, &memory)));
        let full = rules::check(&next, &config);
        if again != full {
            let (a, f) = (describe(&again), describe(&full));
            let missing: Vec<_> = f.iter().filter(|x| !a.contains(x)).collect();
            let extra: Vec<_> = a.iter().filter(|x| !f.contains(x)).collect();
            panic!(
                "{}: edit {step} (seed {seed}): the re-check differs from a full check\n\
                 missing: {missing:#?}\nextra: {extra:#?}",
                dir.display()
            );
        }
        if std::env::var_os("RECHECK_DEBUG").is_some() {
            let node = package_for_debug
                .document(kind)
                .and_then(|d| d.edit.map(|e| (d, e)))
                .map(|(d, e)| d.tree().node(e.1.node).pointer());
            eprintln!(
                "{kind:?} {node:?}: {} {:?} patched {:?}",
                next_memory.ran.len(),
                next_memory.ran,
                next_memory.patched
            );
        }
        package = next;
        memory = next_memory;
    }
}

fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/Contoso Widgets")
}

#[test]
fn rechecks_of_the_example_equal_full_checks() {
    edit_and_compare(&example_dir(), 300, 7);
}

#[test]
fn typing_in_a_description_reruns_only_the_rules_that_read_it() {
    let dir = example_dir();
    let config = Config::default();
    let swagger = dir.join("apiDefinition.swagger.json");
    let mut text = std::fs::read_to_string(&swagger).unwrap();
    let mut texts = HashMap::from([(swagger.clone(), SharedText::from(text.as_str()))]);
    let mut package = load(&dir, &texts, None);
    let (_, mut memory) = rules::check_again(&package, &config, None);
    let anchor = r#""description": ""#;
    let start = text.find(anchor).expect("the example has a description") + anchor.len();
    for (at, letter) in (start..).zip("Lorem ipsum".chars()) {
        text.insert(at, letter);
        texts.insert(swagger.clone(), SharedText::from(text.as_str()));
        let next = load(&dir, &texts, Some(&package));
        let (findings, next_memory) = rules::check_again(&next, &config, Some((&package, &memory)));
        assert_eq!(findings, rules::check(&next, &config));
        let (ran, patched) = (&next_memory.ran, &next_memory.patched);
        // The two rules about every text, the credential scan and the placeholder check read
        // the edited one only; the rules about other things do not run.
        assert_eq!(
            patched,
            &[
                "RequiredValueEmpty",
                "ValueMustBeInEnglish",
                "SecretInPackage",
                "DescriptionPlaceholder"
            ]
        );
        assert!(!ran.contains(&"UnknownExtension"), "{ran:?}");
        assert!(ran.len() <= 20, "{} rules ran: {ran:?}", ran.len());
        (package, memory) = (next, next_memory);
    }
}

/// Typing a credential into a description, a character at a time: the credential scan checks
/// the edited string alone, and finds at each step what the whole scan finds.
#[test]
fn typing_a_token_into_a_description_is_found_by_the_patched_scan() {
    let dir = example_dir();
    let config = Config::default();
    let swagger = dir.join("apiDefinition.swagger.json");
    let mut text = std::fs::read_to_string(&swagger).unwrap();
    let token = format!("Bearer ghp_{}", "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5");
    let mut texts = HashMap::from([(swagger.clone(), SharedText::from(text.as_str()))]);
    let mut package = load(&dir, &texts, None);
    let (_, mut memory) = rules::check_again(&package, &config, None);
    let anchor = r#""description": ""#;
    let start = text.rfind(anchor).unwrap() + anchor.len();
    for (at, letter) in (start..).zip(token.chars()) {
        text.insert(at, letter);
        texts.insert(swagger.clone(), SharedText::from(text.as_str()));
        let next = load(&dir, &texts, Some(&package));
        let (findings, next_memory) = rules::check_again(&next, &config, Some((&package, &memory)));
        assert_eq!(
            findings,
            rules::check(&next, &config),
            "after {:?}",
            &token[..at - start + 1]
        );
        assert!(
            next_memory.patched.contains(&"SecretInPackage")
                && !next_memory.ran.contains(&"SecretInPackage"),
            "{:?}",
            next_memory.ran
        );
        (package, memory) = (next, next_memory);
    }
    let (findings, _) = rules::check_again(&package, &config, None);
    assert!(
        findings
            .iter()
            .any(|f| f.code == "SecretInPackage" && f.message.contains("token")),
        "the typed token is found"
    );
}

#[test]
#[cfg_attr(
    no_corpus,
    ignore = "needs ../shared/corpus, which is not part of the repository"
)]
fn rechecks_of_the_corpus_equal_full_checks() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if !dir.is_dir() {
        eprintln!(
            "skipping: corpus not found at {} (it is not part of the repository)",
            dir.display()
        );
        return;
    }
    let packages = find_packages(std::slice::from_ref(&dir)).expect("corpus readable");
    for (i, (pkg_dir, _)) in packages.iter().enumerate().step_by(12) {
        edit_and_compare(pkg_dir, 12, i as u64 + 1);
    }
}

/// Typing a placeholder over a description, a character at a time: the placeholder check reads
/// the edited description alone, and finds at each step what the whole rule finds.
#[test]
fn typing_a_placeholder_description_is_found_by_the_patched_check() {
    let dir = example_dir();
    let config = Config::default();
    let swagger = dir.join("apiDefinition.swagger.json");
    let original = std::fs::read_to_string(&swagger).unwrap();
    let anchor = r#""description": ""#;
    let start = original.find(anchor).unwrap() + anchor.len();
    let end = start + original[start..].find('"').unwrap();
    let mut text = format!("{}{}", &original[..start], &original[end..]);
    let mut texts = HashMap::from([(swagger.clone(), SharedText::from(text.as_str()))]);
    let mut package = load(&dir, &texts, None);
    let (_, mut memory) = rules::check_again(&package, &config, None);
    for (at, letter) in (start..).zip("TODO".chars()) {
        text.insert(at, letter);
        texts.insert(swagger.clone(), SharedText::from(text.as_str()));
        let next = load(&dir, &texts, Some(&package));
        let (findings, next_memory) = rules::check_again(&next, &config, Some((&package, &memory)));
        assert_eq!(findings, rules::check(&next, &config));
        assert!(
            next_memory.patched.contains(&"DescriptionPlaceholder")
                && !next_memory.ran.contains(&"DescriptionPlaceholder"),
            "patched {:?}, ran {:?}",
            next_memory.patched,
            next_memory.ran
        );
        let found = findings.iter().any(|f| f.code == "DescriptionPlaceholder");
        assert_eq!(found, text[start..at + 1].eq_ignore_ascii_case("todo"));
        (package, memory) = (next, next_memory);
    }
}

/// The rules about the readme keep their findings while the author types in the swagger, and
/// run again when the readme changes.
#[test]
fn readme_rules_run_again_only_when_the_readme_changes() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["apiDefinition.swagger.json", "apiProperties.json"] {
        std::fs::copy(example_dir().join(name), dir.path().join(name)).unwrap();
    }
    let readme = dir.path().join("readme.md");
    let sections = "# Widgets\n## Publisher\nContoso\n## Prerequisites\nNone\n\
                    ## Supported Operations\nAll\n## Obtaining Credentials\nAsk\n\
                    ## Known Issues and Limitations\nNone\n## Deployment Instructions\nNone\n";
    let config = Config::default();
    let swagger = dir.path().join("apiDefinition.swagger.json");
    let mut text = std::fs::read_to_string(&swagger).unwrap();
    let mut texts = HashMap::from([
        (swagger.clone(), SharedText::from(text.as_str())),
        (readme.clone(), SharedText::from(sections)),
    ]);
    std::fs::write(&readme, sections).unwrap();
    let mut package = load(dir.path(), &texts, None);
    let (_, mut memory) = rules::check_again(&package, &config, None);
    let at = text.find(r#""description": ""#).unwrap() + r#""description": ""#.len();
    text.insert(at, 'x');
    texts.insert(swagger.clone(), SharedText::from(text.as_str()));
    let next = load(dir.path(), &texts, Some(&package));
    let (findings, next_memory) = rules::check_again(&next, &config, Some((&package, &memory)));
    assert_eq!(findings, rules::check(&next, &config));
    assert!(
        !next_memory.ran.contains(&"ReadmeSectionMissing"),
        "{:?}",
        next_memory.ran
    );
    (package, memory) = (next, next_memory);
    // A section goes from the readme (same size on disk, so the folder's listing is the same).
    let edited = sections.replace("## Prerequisites", "## Prerequisitez");
    texts.insert(readme.clone(), SharedText::from(edited.as_str()));
    let next = load(dir.path(), &texts, Some(&package));
    let (findings, next_memory) = rules::check_again(&next, &config, Some((&package, &memory)));
    assert_eq!(findings, rules::check(&next, &config));
    assert!(next_memory.ran.contains(&"ReadmeSectionMissing"));
    assert!(!next_memory.ran.contains(&"UnknownExtension"));
    assert!(findings
        .iter()
        .any(|f| f.code == "ReadmeSectionMissing" && f.message.contains("Prerequisites")));
}

/// A file read again from disk unchanged is the version read before: not parsed again.
#[test]
fn an_unchanged_file_on_disk_keeps_its_parse() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["apiDefinition.swagger.json", "apiProperties.json"] {
        std::fs::copy(example_dir().join(name), dir.path().join(name)).unwrap();
    }
    let none = HashMap::new();
    let first = load(dir.path(), &none, None);
    let again = load(dir.path(), &none, Some(&first));
    for kind in [FileKind::Swagger, FileKind::ApiProperties] {
        let (a, b) = (first.document(kind).unwrap(), again.document(kind).unwrap());
        assert!(std::sync::Arc::ptr_eq(&a.parse, &b.parse), "{kind:?}");
        assert_eq!(a.revision, b.revision);
    }
    let props = dir.path().join("apiProperties.json");
    let text = std::fs::read_to_string(&props).unwrap();
    std::fs::write(&props, format!("{text} ")).unwrap();
    let changed = load(dir.path(), &none, Some(&again));
    let (a, b) = (
        again.document(FileKind::ApiProperties).unwrap(),
        changed.document(FileKind::ApiProperties).unwrap(),
    );
    assert_ne!(a.revision, b.revision);
    assert!(b.text().ends_with(' '));
}

/// The hover masks the package's credentials, found on each new version from the memos of the
/// check before: typing the last letter of a credential's name makes its default a secret at
/// once, and typing the default of one makes it a secret as soon as it looks random.
#[test]
fn credentials_found_from_the_previous_check_follow_each_keystroke() {
    let dir = example_dir();
    let config = Config::default();
    let swagger = dir.join("apiDefinition.swagger.json");
    let secret = "q8Zr2Lw9Xk4Vb7Nm1Pc5Hs3Jd6";
    let document = |name: &str, default: &str| {
        format!(
            r#"{{"swagger": "2.0", "info": {{"title": "T", "version": "1.0"}},
  "paths": {{"/a": {{"get": {{"operationId": "A", "parameters": [
    {{"name": "{name}", "in": "query", "type": "string", "default": "{default}"}}],
    "responses": {{"200": {{"description": "OK"}}}}}}}}}}}}"#
        )
    };
    let steps = [
        document("passwor", secret),
        // The name becomes a credential's: its default is one now.
        document("password", secret),
        // The default, typed again from its first letters.
        document("password", ""),
        document("password", &secret[..1]),
        document("password", secret),
    ];
    let mut texts = HashMap::from([(swagger.clone(), SharedText::from(steps[0].as_str()))]);
    let mut package = load(&dir, &texts, None);
    let (_, mut memory) = rules::check_again(&package, &config, None);
    let masked = |p: &Package| rules::review::mask_secrets(p, secret) != secret;
    for (i, text) in steps.iter().enumerate().skip(1) {
        texts.insert(swagger.clone(), SharedText::from(text.as_str()));
        let next = load(&dir, &texts, Some(&package));
        assert!(
            next.swagger.as_ref().unwrap().edit.is_some(),
            "step {i}: an edit in a string"
        );
        rules::review::prepare_secrets(&next, Some((&package, &memory)));
        let fresh = load(&dir, &texts, None);
        assert_eq!(masked(&next), masked(&fresh), "step {i}");
        assert_eq!(masked(&next), i != 2 && i != 3, "step {i}");
        let (_, next_memory) = rules::check_again(&next, &config, Some((&package, &memory)));
        (package, memory) = (next, next_memory);
    }
}
