//! The connector's custom code inside a solution: the `customcodeblobcontent` file (the
//! `script.csx` of a connector folder) and the `scriptoperations` list some exports carry
//! beside it.
//!
//! An export writes the script either as its C# text or as base64 of it. Raw text is taken
//! first: C# always has characters outside the base64 alphabet (spaces, `;`, `{`), so content
//! made of that alphabet alone is base64, decoded strictly (standard alphabet, padding, no
//! line breaks) and required to be UTF-8 text.

use base64::Engine as _;

/// The script's C# text, or why the content is not one.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "the custom code is neither UTF-8 text nor base64 (first invalid byte at offset {})",
            e.valid_up_to()
        )
    })?;
    if text.contains('\0') {
        return Err(
            "the custom code holds NUL characters: it is not UTF-8 text (UTF-16?) nor base64"
                .into(),
        );
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim();
    let base64_alphabet = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
    let looks_base64 = !trimmed.is_empty()
        && trimmed
            .bytes()
            .all(|b| base64_alphabet(b) || b.is_ascii_whitespace());
    if !looks_base64 {
        return Ok(text.to_string());
    }
    let raw = base64::engine::general_purpose::STANDARD
        .decode(trimmed)
        .map_err(|e| {
            format!(
                "the custom code is neither C# text nor valid base64 (it has only base64 \
                 characters, but {e})"
            )
        })?;
    let mut script = String::from_utf8(raw).map_err(|e| {
        format!(
            "the custom code is base64 of bytes that are not UTF-8 text (first invalid byte at \
             offset {} of the decoded content)",
            e.utf8_error().valid_up_to()
        )
    })?;
    if script.contains('\0') {
        return Err(
            "the custom code is base64 of text with NUL characters: not UTF-8 text (UTF-16?)"
                .into(),
        );
    }
    if script.starts_with('\u{feff}') {
        script.drain(..'\u{feff}'.len_utf8());
    }
    Ok(script)
}

/// Whether the `scriptoperations` text is a JSON array of strings; `Err` says what it is
/// instead. A text that does not parse is `Ok`: its syntax errors are reported apart.
pub fn operations_shape(text: &str) -> Result<(), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parse = crate::json::parse(text);
    let Some(root) = parse.tree.root() else {
        return Ok(());
    };
    if !parse.errors.is_empty() {
        return Ok(());
    }
    if !root.is_array() {
        return Err(
            "scriptoperations is not a JSON array of operation ids (the operations the custom \
             code handles)"
                .into(),
        );
    }
    let not_string = root.items().position(|item| item.as_str().is_none());
    match not_string {
        Some(i) => Err(format!(
            "scriptoperations item {i} is not a string; the list holds operation ids"
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;

    const SCRIPT: &str = "public class Script : ScriptBase\n{\n    // é\n}\n";

    #[test]
    fn raw_text_and_base64_are_both_read() {
        assert_eq!(decode(SCRIPT.as_bytes()).unwrap(), SCRIPT);
        let with_bom = format!("\u{feff}{SCRIPT}");
        assert_eq!(decode(with_bom.as_bytes()).unwrap(), SCRIPT);
        let encoded = STANDARD.encode(SCRIPT);
        assert_eq!(decode(encoded.as_bytes()).unwrap(), SCRIPT);
        assert_eq!(decode(format!("{encoded}\r\n").as_bytes()).unwrap(), SCRIPT);
        assert_eq!(
            decode(STANDARD.encode(&with_bom).as_bytes()).unwrap(),
            SCRIPT
        );
        assert_eq!(decode(b"").unwrap(), "");
    }

    #[test]
    fn anything_else_is_a_clear_error() {
        let e = decode(b"u\0s\0i\0n\0g\0").unwrap_err();
        assert!(e.contains("NUL"), "{e}");
        let e = decode(&[b'a', 0xff, b'b']).unwrap_err();
        assert!(
            e.contains("neither UTF-8 text nor base64") && e.contains("offset 1"),
            "{e}"
        );
        // Base64 characters only, but not strict base64 (no padding; a line break inside).
        let e = decode(b"abcde").unwrap_err();
        assert!(
            e.contains("not valid base64") || e.contains("nor valid base64"),
            "{e}"
        );
        let wrapped = format!(
            "{}\n{}",
            &STANDARD.encode(SCRIPT)[..8],
            &STANDARD.encode(SCRIPT)[8..]
        );
        assert!(decode(wrapped.as_bytes()).is_err());
        // Base64 of bytes that are not text.
        let e = decode(STANDARD.encode([0xff, 0xfe, 0x00]).as_bytes()).unwrap_err();
        assert!(e.contains("not UTF-8 text"), "{e}");
    }

    #[test]
    fn scriptoperations_is_a_list_of_ids() {
        assert!(operations_shape(r#"["ListItems", "GetItem"]"#).is_ok());
        assert!(operations_shape("[]").is_ok());
        assert!(
            operations_shape("[1,").is_ok(),
            "syntax errors are reported apart"
        );
        assert!(operations_shape(r#"{"ListItems": true}"#).is_err());
        assert!(operations_shape(r#"["ListItems", 3]"#)
            .unwrap_err()
            .contains("item 1"));
    }
}
