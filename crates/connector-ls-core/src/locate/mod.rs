//! Findings placed in human terms: the 1-based line and column of each end, the source line
//! (cut to a window when long, credentials masked), the related locations and the object the
//! finding is about named. One list of [`Located`] findings is what every output (the command
//! line's text, JSON, SARIF, GitHub annotations; the language server's zip diagnostics) renders,
//! so positions are computed once and agree across formats.

pub mod subject;

use std::path::PathBuf;

use crate::package::{FileKind, Package};
use crate::rules::{self, Finding};
use crate::text::{Encoding, LineCol, Sweep};

/// A 1-based line and column (columns count Unicode scalar values) plus the byte offset into
/// the file as stored on disk (a byte order mark included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

/// The source line of a finding, cut to a window around it when long (minified swaggers put a
/// whole file on one line), with where the caret goes, in characters of `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub caret_from: usize,
    pub caret_len: usize,
}

/// A secondary location, placed.
#[derive(Clone, Debug)]
pub struct LocatedRelated {
    pub path: PathBuf,
    pub start: Position,
    pub message: String,
}

/// A finding with everything the renderers need: where it is, in human terms. Owned, so the
/// package (its text and tree) can be dropped as soon as it is checked.
#[derive(Clone, Debug)]
pub struct Located {
    pub finding: Finding,
    /// The file as the user named it (relative paths stay relative).
    pub path: PathBuf,
    pub start: Position,
    pub end: Position,
    /// The start line, when the file is a parsed document.
    pub snippet: Option<Snippet>,
    pub related: Vec<LocatedRelated>,
    /// The object the finding is about, named (`parameter 'id' (path) of 'GetItem'`), for a
    /// finding placed on an object as a whole (a missing member): see [`subject`].
    pub subject: Option<String>,
}

/// Converts a byte offset of a document's text to a [`Position`].
fn position(package: &Package, kind: FileKind, offset: u32) -> Position {
    match package.document(kind) {
        Some(doc) => {
            let LineCol { line, col } =
                doc.line_index()
                    .line_col(doc.text(), offset, Encoding::Utf32);
            Position {
                line: line + 1,
                column: col + 1,
                offset: offset + if doc.had_bom { 3 } else { 0 },
            }
        }
        None => {
            // Findings in the readme or the script point into their text too.
            match package.companion_lines(kind) {
                Some((text, lines)) => {
                    let LineCol { line, col } = lines.line_col(text, offset, Encoding::Utf32);
                    Position {
                        line: line + 1,
                        column: col + 1,
                        offset,
                    }
                }
                None => Position {
                    line: 1,
                    column: 1,
                    offset: 0,
                },
            }
        }
    }
}

/// Lines longer than this many characters are shown as a window around the finding.
pub const MAX_SHOWN_CHARS: usize = 120;

/// Cuts `line` down to a window around `start..end` (in chars).
pub fn snippet(line: &str, start: usize, end: usize) -> Snippet {
    let end = end.max(start + 1);
    let total = line.chars().count();
    if total <= MAX_SHOWN_CHARS {
        return Snippet {
            text: line.to_string(),
            caret_from: start.min(total),
            caret_len: end - start,
        };
    }
    let len = (end - start).min(MAX_SHOWN_CHARS - 40);
    let from = start.saturating_sub(20);
    let to = (start + len + 20).min(total);
    let mut text = String::new();
    let mut caret_from = start - from;
    if from > 0 {
        text.push('…');
        caret_from += 1;
    }
    text.extend(line.chars().skip(from).take(to.saturating_sub(from)));
    if to < total {
        text.push('…');
    }
    Snippet {
        text,
        caret_from,
        caret_len: len,
    }
}

/// `line` (a slice of the text of `kind`'s document) with every credential of `secrets` on it
/// masked as [`rules::review::mask`] does (each keeps its first four characters): the source
/// line under any finding never shows one.
fn mask_line<'l>(
    package: &Package,
    kind: FileKind,
    line: &'l str,
    secrets: &[(FileKind, crate::text::TextRange)],
) -> std::borrow::Cow<'l, str> {
    let Some(doc) = package.document(kind) else {
        return line.into();
    };
    let text = doc.text();
    let start = (line.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    if start > text.len() {
        return line.into();
    }
    let end = start + line.len();
    let on_line: Vec<std::ops::Range<usize>> = secrets
        .iter()
        .filter(|(k, r)| *k == kind && (r.start as usize) < end && start < r.end as usize)
        .map(|(_, r)| r.as_usize())
        .collect();
    if on_line.is_empty() {
        return line.into();
    }
    line.char_indices()
        .map(|(i, c)| {
            let at = start + i;
            let hidden = on_line.iter().any(|r| {
                r.contains(&at)
                    && text
                        .get(r.start..at)
                        .is_some_and(|s| s.chars().count() >= 4)
            });
            if hidden {
                '*'
            } else {
                c
            }
        })
        .collect::<String>()
        .into()
}

/// Places every finding of `package`. The offsets of each document are placed in one forward
/// pass over its text ([`Sweep`]) rather than through its line index, which `check` would
/// build for every document only to place a few findings.
///
/// `secrets` are the package's credentials ([`rules::review::secret_ranges`]), masked in every
/// source line shown; `None` computes them.
pub fn locate_all(
    package: &Package,
    findings: Vec<Finding>,
    secrets: Option<Vec<(FileKind, crate::text::TextRange)>>,
) -> Vec<Located> {
    let kinds = [
        FileKind::Swagger,
        FileKind::ApiProperties,
        FileKind::Settings,
    ];
    let sweeps: Vec<Option<Sweep>> = kinds
        .iter()
        .map(|&kind| {
            let doc = package.document(kind)?;
            let mut offsets = Vec::new();
            for f in &findings {
                if f.file == kind {
                    offsets.extend([f.range.start, f.range.end]);
                }
                let related = f.related.iter().filter(|r| r.path.is_none());
                offsets.extend(related.filter(|r| r.file == kind).map(|r| r.range.start));
            }
            (!offsets.is_empty()).then(|| Sweep::new(doc.text(), offsets))
        })
        .collect();
    let sweep_of = |kind: FileKind| {
        let i = kinds.iter().position(|&k| k == kind)?;
        let doc = package.document(kind)?;
        Some((doc, sweeps[i].as_ref()?))
    };
    let place = |kind: FileKind, offset: u32| match sweep_of(kind) {
        Some((doc, sweep)) => match sweep.line_col(offset) {
            Some(LineCol { line, col }) => Position {
                line: line + 1,
                column: col + 1,
                offset: offset + if doc.had_bom { 3 } else { 0 },
            },
            None => position(package, kind, offset),
        },
        None => position(package, kind, offset),
    };
    // Credentials are masked in the source lines shown, whichever rule a line is shown for.
    let secrets = match secrets {
        Some(known) => known,
        None if findings.is_empty() => Vec::new(),
        None => rules::review::secret_ranges(package),
    };
    findings
        .into_iter()
        .map(|finding| {
            let start = place(finding.file, finding.range.start);
            let end = place(finding.file, finding.range.end);
            let line = sweep_of(finding.file)
                .and_then(|(doc, sweep)| sweep.line(doc.text(), finding.range.start))
                .map(|line| mask_line(package, finding.file, line, &secrets));
            assemble(package, None, finding, start, end, line.as_deref(), place)
        })
        .collect()
}

/// Places a finding of `package` whose related locations may be in `other` (the old version
/// of a diff): a related location with a `path` is placed in the document of `other` at that
/// path.
pub fn locate_with(package: &Package, other: Option<&Package>, finding: Finding) -> Located {
    let start = position(package, finding.file, finding.range.start);
    let end = position(package, finding.file, finding.range.end);
    let line = package.document(finding.file).and_then(|doc| {
        let r = doc.line_index().line_range(doc.text(), start.line - 1)?;
        doc.text().get(r.as_usize())
    });
    let secrets = rules::review::secret_ranges(package);
    let line = line.map(|line| mask_line(package, finding.file, line, &secrets));
    assemble(
        package,
        other,
        finding,
        start,
        end,
        line.as_deref(),
        |kind, offset| position(package, kind, offset),
    )
}

/// A [`Located`] from a finding's placed range and the text of its start line; `place` places
/// the related locations in `package`.
fn assemble(
    package: &Package,
    other: Option<&Package>,
    finding: Finding,
    start: Position,
    end: Position,
    line: Option<&str>,
    place: impl Fn(FileKind, u32) -> Position,
) -> Located {
    let snippet = line.map(|line| {
        let from = (start.column - 1) as usize;
        let to = if end.line == start.line {
            (end.column - 1) as usize
        } else {
            line.chars().count()
        };
        snippet(line, from, to)
    });
    let related = finding
        .related
        .iter()
        .map(|r| match (&r.path, other) {
            (Some(path), Some(other))
                if other.document(r.file).is_some_and(|d| &d.path == path) =>
            {
                LocatedRelated {
                    path: path.clone(),
                    start: position(other, r.file, r.range.start),
                    message: r.message.clone(),
                }
            }
            (Some(path), _) => LocatedRelated {
                path: path.clone(),
                start: Position {
                    line: 1,
                    column: 1,
                    offset: 0,
                },
                message: r.message.clone(),
            },
            (None, _) => LocatedRelated {
                path: package.path_of(r.file),
                start: place(r.file, r.range.start),
                message: r.message.clone(),
            },
        })
        .collect();
    Located {
        path: package.path_of(finding.file),
        start,
        end,
        snippet,
        related,
        subject: subject::of(package, &finding),
        finding,
    }
}
