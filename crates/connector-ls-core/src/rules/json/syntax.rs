//! Syntax errors, leniencies and duplicate keys found by the parser, and unreadable files.

use crate::json::SyntaxErrorKind;
use crate::package::FileKind;
use crate::rules::{rule, Context, Report};
use crate::text::TextRange;

rule!(JsonSyntaxError {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: false,
    fix: None,
    summary: "The file is not valid JSON.",
    docs: r#"## What it does
Reports text that is not JSON: a missing comma or colon, an unclosed bracket or string, a bare
word, an invalid number or escape, or nesting deeper than 256 levels. Applies to
`apiDefinition.swagger.json`, `apiProperties.json` and `settings.json`.

## Why
The platform cannot import a file it cannot read. The rest of the file is still checked, so you
see every other problem while you fix this one.

## Example
```json
{ "swagger": "2.0" "info": {} }
```

## How to fix
Add the missing punctuation the message names: `{ "swagger": "2.0", "info": {} }`.
"#,
    check: check_syntax,
});

rule!(JsonNonStandard {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: false,
    fix: None,
    summary: "The file uses comments or trailing commas, which strict JSON forbids.",
    docs: r#"## What it does
Reports comments (`// ...`, `/* ... */`) and trailing commas before `}` or `]`.

## Why
The platform's reader (Json.NET) accepts them, so certified connectors exist with both, but
strict JSON tools (and some reviewers' tooling) reject them.

## Example
```json
{ "schemes": ["https",], }
```

## How to fix
Remove the comment or the trailing comma: `{ "schemes": ["https"] }`.
"#,
    check: check_non_standard,
});

rule!(DuplicateKey {
    severity: Warning,
    file: Swagger,
    certification: false,
    documented: false,
    fix: None,
    summary: "An object has the same member name twice.",
    docs: r#"## What it does
Reports a member name that appears twice in one object.

## Why
Only the last occurrence is used (the platform reads JSON with Json.NET, which keeps the last
value); the earlier one is silently ignored, which is rarely what the author meant.

## Example
```json
{ "name": "id", "in": "path", "name": "itemId" }
```

## How to fix
Keep one of the two members.
"#,
    check: check_duplicates,
});

rule!(FileNotReadable {
    severity: Error,
    file: Package,
    certification: false,
    documented: false,
    fix: None,
    summary: "A package file could not be read: I/O error, invalid UTF-8, over the size limit, a link out of the package, or not a regular file.",
    docs: r#"## What it does
Reports a package file that exists but could not be read: an I/O error, bytes that are not
UTF-8, or a file over the size limit (20 MB by default for the JSON files, 8 MB for the readme,
intro, script and icon), which is not parsed. A package file that is a symbolic link leading
outside the package folder, or that is not a regular file (a folder, FIFO or device), is
reported the same way and never opened.

`check` on a folder tree (and the editor's **Check Whole Workspace**) also reports here a folder
of the tree that could not be searched (no permission, nested beyond the system's path limit):
the connectors inside it, if any, were not checked; the rest of the tree is.

## Why
The platform expects UTF-8 JSON; a file in another encoding or an absurdly large file will not
import.

## Example
An `apiProperties.json` saved as UTF-16 or Latin-1.

## How to fix
Save the file as UTF-8 (a byte order mark is fine), or shrink it; replace a link or special
file by the file itself.
"#,
    check: check_unreadable,
});

fn syntax_errors<'a>(
    cx: &'a Context,
    pred: fn(SyntaxErrorKind) -> bool,
) -> impl Iterator<Item = (FileKind, &'a crate::json::SyntaxError)> + 'a {
    cx.package.documents().flat_map(move |doc| {
        doc.parse
            .errors
            .iter()
            .filter(move |e| pred(e.kind))
            .map(move |e| (doc.kind, e))
    })
}

fn pointer_at(cx: &Context, file: FileKind, offset: u32) -> String {
    cx.package
        .document(file)
        .and_then(|d| d.tree().node_at(offset))
        .map(|n| n.pointer())
        .unwrap_or_default()
}

fn check_syntax(cx: &Context, out: &mut Report) {
    for (file, e) in syntax_errors(cx, |k| {
        matches!(k, SyntaxErrorKind::Syntax | SyntaxErrorKind::TooDeep)
    }) {
        let pointer = pointer_at(cx, file, e.range.start);
        out.at_range_in(file, pointer, e.range, e.message.clone());
    }
}

fn check_non_standard(cx: &Context, out: &mut Report) {
    for (file, e) in syntax_errors(cx, |k| k == SyntaxErrorKind::NonStandard) {
        let pointer = pointer_at(cx, file, e.range.start);
        out.at_range_in(file, pointer, e.range, e.message.clone());
    }
}

fn check_duplicates(cx: &Context, out: &mut Report) {
    for (file, e) in syntax_errors(cx, |k| k == SyntaxErrorKind::DuplicateKey) {
        let pointer = pointer_at(cx, file, e.range.start);
        let f = out.at_range_in(file, pointer, e.range, e.message.clone());
        if let Some(first) = e.related {
            f.with_related(file, first, "first defined here");
        }
    }
}

fn check_unreadable(cx: &Context, out: &mut Report) {
    for e in &cx.package.load_errors {
        let name = e
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = FileKind::from_file_name(&name).unwrap_or(FileKind::Package);
        out.at_range_in(
            file,
            String::new(),
            TextRange::default(),
            format!("The file '{name}' could not be read: {}.", e.message),
        );
    }
}
