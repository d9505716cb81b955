//! Bounded property tests of the fuzz targets' properties (`fuzz/`), so CI checks them on every
//! run: the parser's invariants on arbitrary text, `LineIndex` round-trips in every encoding,
//! and the whole engine on mutated connector files. (Random edits vs. full sync are in
//! `crates/connector-ls-lsp/src/document.rs`.)

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::Once;

use connector_ls_core::package::{Document, FileKind, Package};
use connector_ls_core::rules::{self, Config};
use connector_ls_core::text::{Encoding, LineCol, LineIndex};
use proptest::prelude::*;

/// JSON-ish text: the characters that matter to the scanner, including escapes, surrogates,
/// comments, CR/LF, a BOM and non-ASCII.
const JSONISH: &str = "[{}\\[\\]\":,\\\\/*a-z0-9.eE+\\- \n\r\t\u{feff}\u{0}é😀]{0,200}";

fn parse_invariants(text: &str) {
    let parse = connector_ls_core::json::parse(text);
    let tree = &parse.tree;
    // A duplicate key shadows the earlier member: pointers into it name the later one.
    let shadowed = parse
        .errors
        .iter()
        .any(|e| e.kind == connector_ls_core::json::SyntaxErrorKind::DuplicateKey);
    for e in &parse.errors {
        let r = e.range.as_usize();
        assert!(r.start <= r.end && r.end <= text.len(), "{e:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    for id in 0..tree.node_count() as u32 {
        let node = tree.node(id);
        let r = node.range().as_usize();
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let pointer = node.pointer();
        if shadowed {
            continue;
        }
        let found = tree.resolve(&pointer).expect("pointer resolves");
        assert_eq!(found.pointer(), pointer);
    }
    if let Some(root) = tree.root() {
        let _ = root.to_value();
    }
}

fn sample() -> &'static str {
    include_str!("../../examples/Contoso Widgets/apiDefinition.swagger.json")
}

thread_local! {
    /// Panics on this thread, including the per-rule ones `rules::check` catches and logs
    /// (tests run in parallel, so a global count would mix them up).
    static PANICS: Cell<usize> = const { Cell::new(0) };
}

fn check_swagger(text: &str) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.with(|p| p.set(p.get() + 1));
            default(info);
        }));
    });
    let before = PANICS.with(Cell::get);
    let dir = Path::new("/nonexistent/prop");
    let doc = Document::new(
        PathBuf::from(dir).join("apiDefinition.swagger.json"),
        FileKind::Swagger,
        text,
    );
    let pkg = Package::from_documents(dir, vec![doc], None);
    let _ = rules::check(&pkg, &Config::default());
    assert_eq!(
        PANICS.with(Cell::get),
        before,
        "a rule panicked on {text:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parser_invariants(text in JSONISH) {
        parse_invariants(&text);
    }

    #[test]
    fn line_index_round_trips(text in "[a\r\n\té😀\u{feff}]{0,60}", line in 0u32..8, col in 0u32..40) {
        let index = LineIndex::new(&text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                // Between the CR and LF of a pair is no position: it maps to the line's end.
                if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                    continue;
                }
                let lc = index.line_col(&text, offset as u32, enc);
                prop_assert_eq!(index.offset(&text, lc, enc) as usize, offset);
            }
            let off = index.offset(&text, LineCol { line, col }, enc) as usize;
            prop_assert!(off <= text.len() && text.is_char_boundary(off));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Splice arbitrary JSON-ish text into a real connector at arbitrary places.
    #[test]
    fn engine_on_mutated_connector(
        cuts in proptest::collection::vec((0.0f64..1.0, 0usize..40, JSONISH), 1..4),
    ) {
        let mut text = sample().to_string();
        for (at, len, insert) in &cuts {
            let mut s = (*at * text.len() as f64) as usize;
            while !text.is_char_boundary(s) { s -= 1; }
            let mut e = (s + len).min(text.len());
            while !text.is_char_boundary(e) { e += 1; }
            text.replace_range(s..e, insert);
        }
        parse_invariants(&text);
        check_swagger(&text);
    }
}

/// Inputs the fuzzers found (`tests/fixtures/fuzz/`): each keeps the invariants and checks
/// without a panic. `parse-duplicate-key-shadowed.json`: members under a shadowed duplicate
/// key have pointers that name the later member (the property now allows that).
#[test]
fn fuzz_findings_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        parse_invariants(&text);
        check_swagger(&text);
        n += 1;
    }
    assert!(n > 0);
}
