//! The tolerant parser on arbitrary bytes: never panics; every node's range lies in the text on
//! character boundaries, and its pointer resolves back to it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parse = connector_ls::json::parse(text.as_ref());
    let tree = &parse.tree;
    // A duplicate key shadows the earlier member: pointers into it name the later one.
    let shadowed = parse
        .errors
        .iter()
        .any(|e| e.kind == connector_ls::json::SyntaxErrorKind::DuplicateKey);
    for e in &parse.errors {
        let r = e.range.as_usize();
        assert!(r.start <= r.end && r.end <= text.len(), "{e:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{e:?}");
    }
    for id in 0..tree.node_count() as u32 {
        let node = tree.node(id);
        let r = node.range().as_usize();
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let pointer = node.pointer();
        // Duplicate keys: the pointer names the last occurrence, which wins.
        if shadowed {
            continue;
        }
        if let Some(found) = tree.resolve(&pointer) {
            assert_eq!(found.pointer(), pointer);
        } else {
            panic!("pointer {pointer:?} of node {id} does not resolve");
        }
        let _ = node.as_f64();
        let _ = node.key_range();
    }
    if let Some(root) = tree.root() {
        let _ = root.to_value();
    }
    for offset in (0..=text.len() as u32).step_by(7) {
        let _ = tree.node_at(offset);
    }
});
