//! Conversions between engine values (byte ranges, findings) and protocol values.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, PositionEncodingKind, Range, Uri,
};

use connector_ls_core::package::{Document, Package};
use connector_ls_core::rules::{Finding, Severity};
use connector_ls_core::text::{Encoding, LineCol, TextRange};

pub const SOURCE: &str = "connector-ls";

/// Picks the position encoding: the first of the client's offers we support, preferring UTF-16
/// when it is offered (or when nothing is, as the protocol defaults).
pub fn negotiate_encoding(offered: Option<&[PositionEncodingKind]>) -> Encoding {
    let Some(offered) = offered else {
        return Encoding::Utf16;
    };
    if offered.contains(&PositionEncodingKind::UTF16) {
        return Encoding::Utf16;
    }
    for kind in offered {
        if *kind == PositionEncodingKind::UTF8 {
            return Encoding::Utf8;
        }
        if *kind == PositionEncodingKind::UTF32 {
            return Encoding::Utf32;
        }
    }
    Encoding::Utf16
}

pub fn encoding_kind(enc: Encoding) -> PositionEncodingKind {
    match enc {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

pub fn position(doc: &Document, offset: u32, enc: Encoding) -> Position {
    let lc = doc.line_index().line_col(doc.text(), offset, enc);
    Position::new(lc.line, lc.col)
}

pub fn range(doc: &Document, r: TextRange, enc: Encoding) -> Range {
    Range::new(position(doc, r.start, enc), position(doc, r.end, enc))
}

pub fn offset(doc: &Document, pos: Position, enc: Encoding) -> u32 {
    doc.line_index().offset(
        doc.text(),
        LineCol {
            line: pos.line,
            col: pos.character,
        },
        enc,
    )
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

/// The file a `file:` URI names. Any other scheme (`untitled:`, `git:`, `https:`) names no
/// file: ls-types would read its path as one (`untitled:Untitled-1` as the relative path
/// `Untitled-1`, whose package would be the server's working directory).
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The docs link of each rule code, built once per batch of diagnostics: a large document has
/// hundreds of findings of a handful of codes, and each link is a rule lookup, a formatted
/// string and a parsed URI.
pub struct DocsLinks<'b> {
    base: &'b str,
    by_code: HashMap<&'static str, Option<Uri>>,
}

impl<'b> DocsLinks<'b> {
    pub fn new(base: &'b str) -> Self {
        Self {
            base,
            by_code: HashMap::new(),
        }
    }

    fn get(&mut self, code: &'static str) -> Option<Uri> {
        let base = self.base;
        self.by_code
            .entry(code)
            .or_insert_with(|| {
                connector_ls_core::rules::rule(code)
                    .map(|r| r.docs_url(base))
                    .and_then(|u| Uri::from_str(&u).ok())
            })
            .clone()
    }
}

/// Renders a finding of `doc` as a diagnostic.
pub fn diagnostic(
    pkg: &Package,
    doc: &Document,
    f: &Finding,
    enc: Encoding,
    links: &mut DocsLinks,
) -> lsp::Diagnostic {
    let href = links.get(f.code);
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|r| {
            // A location in another package (an old version) cannot be placed without its text.
            if r.path.is_some() {
                return None;
            }
            let other = pkg.document(r.file)?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri_of(&other.path)?, range(other, r.range, enc)),
                message: r.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: range(doc, f.range, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.code.to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::json!({
            "pointer": f.pointer,
            "fix": f.fix.as_ref().map(|fx| serde_json::json!({"title": fx.title, "safety": fx.safety})),
        })),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_file_uris_name_files() {
        let file: Uri = "file:///c/My%20Connector/apiProperties.json"
            .parse()
            .unwrap();
        assert_eq!(
            file_path(&file),
            Some(PathBuf::from("/c/My Connector/apiProperties.json"))
        );
        for other in [
            "untitled:Untitled-1",
            "git:/c/a.json",
            "https://example.com/a.json",
        ] {
            assert_eq!(file_path(&other.parse().unwrap()), None, "{other}");
        }
    }

    use super::*;

    #[test]
    fn negotiation() {
        assert_eq!(negotiate_encoding(None), Encoding::Utf16);
        assert_eq!(
            negotiate_encoding(Some(&[
                PositionEncodingKind::UTF8,
                PositionEncodingKind::UTF16
            ])),
            Encoding::Utf16
        );
        assert_eq!(
            negotiate_encoding(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf32
        );
        assert_eq!(
            negotiate_encoding(Some(&[PositionEncodingKind::UTF8])),
            Encoding::Utf8
        );
    }
}
