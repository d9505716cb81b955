//! `check --fix`: applies the safe fixes of a package's findings to its files.
//!
//! Only [`Safety::Safe`] fixes run (mechanical edits; unsafe ones write content an author should
//! review and stay quick fixes in the editor), unless `--unsafe-fixes` asks for both. A fix is
//! applied whole or not at all: one whose edits overlap an edit already chosen waits for the
//! next round, after the files are re-read and re-checked.

use std::path::{Path, PathBuf};

use connector_ls_core::package::{FileKind, Package};
use connector_ls_core::rules::{fix, Edit, Finding, Safety};
use connector_ls_core::text::TextRange;

/// How many check-and-fix rounds run at most (a fix can make room for another).
pub const MAX_ROUNDS: usize = 4;

/// New file contents that apply the chosen fixes, and how many fixes they hold.
#[derive(Debug, Default)]
pub struct FixPlan {
    pub files: Vec<(PathBuf, String)>,
    pub fixes: usize,
}

fn overlaps(a: TextRange, b: TextRange) -> bool {
    // Two insertions at one offset would be ambiguous; treat touching empties as overlapping.
    (a.start < b.end && b.start < a.end) || ((a.is_empty() || b.is_empty()) && a.start == b.start)
}

/// Chooses the safe fixes of `findings` that can be applied together and renders the files.
pub fn plan(package: &Package, findings: &[&Finding]) -> FixPlan {
    plan_with(package, findings, false)
}

/// As [`plan`], with the unsafe fixes too when `unsafe_fixes` (`check --unsafe-fixes`).
pub fn plan_with(package: &Package, findings: &[&Finding], unsafe_fixes: bool) -> FixPlan {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut fixes = 0;
    for f in findings {
        let wanted =
            |fx: &&connector_ls_core::rules::Fix| unsafe_fixes || fx.safety == Safety::Safe;
        let Some(fx) = f.fix.as_ref().filter(wanted) else {
            continue;
        };
        let applicable = !fx.edits.is_empty()
            && fx.edits.iter().all(|e| {
                package
                    .document(e.file)
                    .is_some_and(|d| e.range.end as usize <= d.text().len())
                    && !chosen
                        .iter()
                        .any(|c| c.file == e.file && overlaps(c.range, e.range))
            });
        if applicable {
            chosen.extend(fx.edits.iter());
            fixes += 1;
        }
    }
    let mut files = Vec::new();
    for kind in [
        FileKind::Swagger,
        FileKind::ApiProperties,
        FileKind::Settings,
    ] {
        let edits: Vec<&Edit> = chosen.iter().copied().filter(|e| e.file == kind).collect();
        let Some(doc) = package.document(kind) else {
            continue;
        };
        if edits.is_empty() {
            continue;
        }
        let mut text = fix::apply(doc.text(), &edits);
        if doc.had_bom {
            text.insert(0, '\u{feff}');
        }
        files.push((doc.path.clone(), text));
    }
    FixPlan { files, fixes }
}

/// Writes a file of package folder `dir` by way of a new temporary sibling with a random name,
/// so a failure never leaves it half written, a planted file or link is never followed, the
/// file keeps its permission bits, and a symbolic link inside the package is written through
/// and stays a link (see [`crate::workspace::files::write_atomically`]).
pub fn write_atomically(dir: &Path, path: &Path, text: &str) -> std::io::Result<()> {
    crate::workspace::files::write_atomically(dir, path, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use connector_ls_core::package::Document;
    use connector_ls_core::rules::{Fix, Severity};

    fn finding(edits: Vec<Edit>, safety: Safety) -> Finding {
        Finding {
            code: "Test",
            severity: Severity::Warning,
            message: String::new(),
            file: FileKind::Swagger,
            pointer: String::new(),
            range: TextRange::default(),
            fix: Some(Fix::new("t", safety, edits)),
            related: Vec::new(),
        }
    }

    fn edit(start: u32, end: u32, text: &str) -> Edit {
        Edit {
            file: FileKind::Swagger,
            range: TextRange::new(start, end),
            new_text: text.to_string(),
        }
    }

    #[test]
    fn applies_safe_non_overlapping_fixes_and_keeps_the_bom() {
        let text = "\u{feff}{\"a\": 1, \"b\": 2}";
        let doc = Document::new(
            PathBuf::from("x/apiDefinition.swagger.json"),
            FileKind::Swagger,
            text,
        );
        let pkg = Package::from_documents(Path::new("x"), vec![doc], None);
        // Offsets are into the text without the BOM: `{"a": 1, "b": 2}`.
        let a = finding(vec![edit(6, 7, "10")], Safety::Safe);
        let overlapping = finding(vec![edit(6, 7, "11"), edit(14, 15, "3")], Safety::Safe);
        let b = finding(vec![edit(14, 15, "20")], Safety::Safe);
        let unsafe_fix = finding(vec![edit(0, 0, " ")], Safety::Unsafe);
        let plan = plan(&pkg, &[&a, &overlapping, &b, &unsafe_fix]);
        assert_eq!(plan.fixes, 2);
        assert_eq!(plan.files.len(), 1);
        assert_eq!(plan.files[0].1, "\u{feff}{\"a\": 10, \"b\": 20}");
        // With --unsafe-fixes the insertion at the start is applied too.
        let all = plan_with(&pkg, &[&a, &overlapping, &b, &unsafe_fix], true);
        assert_eq!(all.fixes, 3);
        assert_eq!(all.files[0].1, "\u{feff} {\"a\": 10, \"b\": 20}");
    }

    #[test]
    fn edits_past_the_end_are_not_applied() {
        let doc = Document::new(
            PathBuf::from("apiDefinition.swagger.json"),
            FileKind::Swagger,
            "{}",
        );
        let pkg = Package::from_documents(Path::new("."), vec![doc], None);
        let f = finding(vec![edit(5, 9, "x")], Safety::Safe);
        assert_eq!(plan(&pkg, &[&f]).fixes, 0);
    }
}
