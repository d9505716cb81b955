//! `text::LineIndex`: byte offset -> (line, column) -> byte offset is the identity on character
//! boundaries, in UTF-8, UTF-16 and UTF-32 columns; any position maps inside the text.
#![no_main]

use connector_ls::text::{Encoding, LineCol, LineIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, Vec<(u32, u32)>)| {
    let (text, positions) = input;
    let index = LineIndex::new(&text);
    assert_eq!(index.len() as usize, text.len());
    for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            // Between the CR and LF of a pair is no position: it maps to the line's end.
            if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                continue;
            }
            let lc = index.line_col(&text, offset as u32, enc);
            assert_eq!(index.offset(&text, lc, enc) as usize, offset, "{enc:?} {lc:?}");
        }
        for &(line, col) in &positions {
            let off = index.offset(&text, LineCol { line, col }, enc) as usize;
            assert!(off <= text.len() && text.is_char_boundary(off), "{line}:{col} -> {off}");
            let _ = index.line_col(&text, line, enc);
        }
    }
});
