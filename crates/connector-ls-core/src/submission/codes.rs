//! The codes of the submission-package check, registered with the engine so `rules`,
//! `explain`, `--select` and `--ignore` know them. A connector folder has no package zip to
//! read: their `check` does nothing, and only the check of a `.zip` ([`super::check_bytes`])
//! reports them.

use crate::rules::{rule, Context, Report, Rule};

/// A zip finding needs the zip; a check of the connector's JSON files never reports one.
fn only_in_zip(_: &Context, _: &mut Report) {}

macro_rules! code {
    ($name:ident, $severity:ident, $(also: [$($also:ident),*],)? $summary:literal, $docs:literal) => {
        rule!($name {
            severity: $severity,
            $(also: [$($also),*],)?
            file: Package,
            certification: true,
            documented: false,
            fix: None,
            summary: $summary,
            docs: $docs,
            check: only_in_zip,
        });
    };
}

code!(
    SubmissionZipUnreadable,
    Error,
    "A zip of the submission package is not a zip, or is corrupt or truncated (zip check).",
    r##"## What it does
Reports a file checked as a submission package (`connector-ls check package.zip`, or a `.zip`
in a connector folder) that is not a zip archive, a zip whose directory is corrupt or cut short
(an interrupted upload or download), and an entry whose compressed data cannot be decompressed
(a bad checksum, an unsupported compression method). Nested archives — the package zip inside
the outer zip, the solution zips in `PkgAssets` — are read the same way.

## Why
Microsoft's certification bot answers such a package with "Not able deserialize the package"
and nothing more; `ConnectorPackageValidator.ps1` stops at the first archive it cannot expand
(reference: `package-validator.md`). Nothing inside an unreadable archive can be checked.

## Example
`package.zip` that is really a `.rar` renamed, or a zip whose last megabyte is missing.

## How to fix
Create the archive again with a standard zip tool (Windows "Compress to ZIP file",
`Compress-Archive`, `zip -r`), using deflate or no compression, and check the copy you upload.
"##
);

code!(
    SubmissionZipEncrypted,
    Error,
    "An entry of the submission package is password-protected (zip check).",
    r##"## What it does
Reports each encrypted (password-protected) entry of the submission package or of an archive
inside it.

## Why
The certification team and the import of the solutions read the package without a password;
an encrypted entry cannot be read, so the package cannot be deserialized (the certification
bot's "Not able deserialize the package").

## Example
A package zip created with `7z a -pSecret package.zip ...`.

## How to fix
Create the archive again without a password.
"##
);

code!(
    SubmissionEntryNameUnsafe,
    Error,
    also: [Warning],
    "An entry name of the submission package climbs out of the archive, is absolute or uses `\\` (zip check).",
    r##"## What it does
Reports an entry name that holds a `..` component, starts with `/` or a drive letter (`C:`),
or holds control characters — such an entry is never read or followed — and, as a warning, a
name that uses `\` as its folder separator.

## Why
Extracting such an entry writes outside the extraction folder (the "zip slip" attack): a
package with one is rejected as unsafe. The zip format names folders with `/`; an archive
written with `\` (old PowerShell `Compress-Archive`) is read on other systems as files whose
names contain backslashes, so `PkgAssets\x.zip` is no longer in a `PkgAssets` folder.

## Example
An entry named `../../solution.xml`, or `PkgAssets\ConnectorSolution.zip`.

## How to fix
Create the archive from the folder that holds the files, with a current zip tool; never edit
entry names by hand.
"##
);

code!(
    SubmissionZipLimitExceeded,
    Error,
    "The submission package passes a size, count, nesting or compression-ratio limit (zip check).",
    r##"## What it does
Reports an archive with more entries than 20,000, archives nested deeper than the three levels
of a submission package (outer zip, package zip, solution zip), an entry larger than 256 MB
uncompressed, an entry larger than 1 MB that expands more than 200 times (a zip bomb's ratio),
an entry that expands past the size it declares, and a package whose entries add up to more
than 2 GB. The entry is not read; the rest of the package is still checked.

## Why
A real submission package is a few megabytes: its solutions are small XML and JSON files that
deflate about ten times. A package past these limits is a zip bomb or the wrong file, and
reading it would exhaust memory; Microsoft's intake rejects it too.

## Example
A `customizations.xml` of 4 GB of spaces that deflates to 4 MB.

## How to fix
Package only the exported solutions and `intro.md`; export the solutions again if one of them
is unexpectedly large.
"##
);

code!(
    SubmissionOuterZipLayout,
    Error,
    "The outer zip holds folders, or more than one `.md` or `.zip` file (zip check).",
    r##"## What it does
Checks the root of the zip uploaded to Microsoft: it must hold no folder, exactly one Markdown
file (`intro.md`) and exactly one zip (the package). When the whole content sits in one folder
(the folder was zipped instead of its content), the check goes on inside that folder so the
other problems are reported too.

## Why
`ConnectorPackageValidator.ps1` (reference: `package-validator.md`) requires of the outer zip:
no folders; exactly one `*.md` and exactly one `*.zip`. The certification bot's placement
policy (5000.1.1.x) rejects files in the wrong place.

## Example
An outer zip holding `MyConnector/intro.md` and `MyConnector/package.zip`, or two `.md` files.

## How to fix
Select `intro.md` and the package zip themselves (not their folder) and compress them; remove
any other `.md` or `.zip` file from the archive.
"##
);

code!(
    SubmissionIntroMissing,
    Error,
    also: [Warning],
    "The outer zip has no `intro.md`, or it is empty (zip check).",
    r##"## What it does
Reports an outer zip without a Markdown file at its root, an `intro.md` with no text besides
headings, and (as a warning) a Markdown file named otherwise than `intro.md`. A zip that is the
package zip itself (`PkgAssets` at its root, as an independent publisher's pull request carries
`package.zip`) needs an `intro.md` beside it in the folder.

## Why
The outer zip holds exactly one `*.md`, the `intro.md` (`ConnectorPackageValidator.ps1`,
reference: `package-validator.md`); the certification bot's policy 5000.1.1.x requires
"intro.md present". Since 2026 independent publishers add `intro.md` to their pull request as
well. It introduces the connector to the certification team; an empty one says nothing.

## Example
An outer zip holding only `package.zip`, or an `intro.md` holding only `# Intro`.

## How to fix
Add `intro.md` beside the package zip: what the service does, what the connector offers, the
prerequisites (how to get credentials) and known limitations.
"##
);

code!(
    SubmissionPackageZipMissing,
    Error,
    "The outer zip holds no package zip at its root (zip check).",
    r##"## What it does
Reports an outer zip with no `.zip` file at its root.

## Why
The outer zip holds exactly one `*.zip`, the package (`ConnectorPackageValidator.ps1`); the
certification bot reports "Solution package not found at root" (reference:
`package-validator.md`).

## Example
An outer zip holding `intro.md` and the `PkgAssets` folder itself.

## How to fix
Compress the package (the folder holding `PkgAssets`) into its own zip, and put that zip beside
`intro.md` in the outer zip.
"##
);

code!(
    SubmissionPkgAssetsMissing,
    Error,
    also: [Warning],
    "The package zip does not hold exactly one folder, `PkgAssets` (zip check).",
    r##"## What it does
Checks the root of the package zip: it holds exactly one folder, named `PkgAssets` (a warning
when it is named otherwise). Other files at the root (the package's `.xml`, `.dll`, `.pdb`)
are allowed.

## Why
`ConnectorPackageValidator.ps1` requires exactly one folder in the package zip, "ideally named
'PkgAssets'"; the certification bot's policy 5000.1.1.x names `PkgAssets` (reference:
`package-validator.md`).

## Example
A package zip holding the solution zips at its root, or `PkgAssets/` beside `Other/`.

## How to fix
Put the solution zips in one folder named `PkgAssets` at the root of the package zip.
"##
);

code!(
    SubmissionPkgAssetsLayout,
    Error,
    "`PkgAssets` holds sub-folders, or not 2 solution zips (3 with an AI plugin) (zip check).",
    r##"## What it does
Checks `PkgAssets`: no sub-folders, and exactly two solution zips (the connector solution and
the flow solution), or three when the package has an AI plugin (a solution whose
`customizations.xml` has an `aicopilot_aiplugin` node). Whether there is a plugin is read from
the solutions, not asked.

## Why
`ConnectorPackageValidator.ps1` requires no folder in `PkgAssets` and 2 solution zips, or 3
for an AI-plugin connector; some wrong counts make it fail without a message (reference:
`package-validator.md`).

## Example
`PkgAssets` holding only `ConnectorSolution.zip`.

## How to fix
Export the connector solution and the flow solution (and the plugin solution) from your
environment and put exactly those zips in `PkgAssets`.
"##
);

code!(
    SubmissionSolutionFileMissing,
    Error,
    "A solution zip lacks `[Content_Types].xml`, `customizations.xml`, `solution.xml` or a file they name (zip check).",
    r##"## What it does
Reports a solution zip in `PkgAssets` without `[Content_Types].xml`, `customizations.xml` or
`solution.xml` at its root, and a file that `customizations.xml` names (the connector's
`openapidefinition`, `connectionparameters`, `customcodeblobcontent`, `scriptoperations`, a
workflow's `JsonFileName`, ...) that is not in the zip.

## Why
`ConnectorPackageValidator.ps1` requires the three files in each solution zip; they "are by
default present in an exported solution and should not be manually modified/removed"
(reference: `package-validator.md`). A file named by `customizations.xml` and missing makes
the solution import fail.

## Example
A solution zip unpacked, edited and zipped again from its parent folder, so every file sits in
a sub-folder.

## How to fix
Export the solution again from the environment and use the exported zip unchanged.
"##
);

code!(
    SubmissionSolutionXmlInvalid,
    Error,
    "A solution's XML is not well-formed, or lacks the elements an exported solution has (zip check).",
    r##"## What it does
Parses `[Content_Types].xml`, `customizations.xml` and `solution.xml` of each solution zip
with an XML parser and reports a file that is not well-formed XML (with its line and column),
not UTF-8, or whose root is not the expected one (`Types`, `ImportExportXml`), and a
`solution.xml` without `SolutionManifest`, `UniqueName` or `Version`.

## Why
The validator loads `customizations.xml` as XML to decide what the solution holds (reference:
`package-validator.md`); a file it cannot load stops it, and the solution import rejects it.

## Example
A `customizations.xml` edited by hand with an unescaped `&` in a description.

## How to fix
Export the solution again rather than editing its XML; if you must edit, escape `&`, `<` and
`>` and keep the file UTF-8.
"##
);

code!(
    SubmissionSolutionFolderMissing,
    Error,
    "A solution's `customizations.xml` names components whose folder is not in the zip (zip check).",
    r##"## What it does
Reads `customizations.xml` of each solution: a non-empty `Connector` node requires a
`Connector/` folder; a non-empty `Workflows` node requires `Connector/` and `Workflows/`; a
non-empty `aicopilot_aiplugin` node requires `Connector/`, `aiplugins/` and
`aipluginoperations/`.

## Why
These are the folder checks of `ConnectorPackageValidator.ps1`: "The folders should match the
customization.xml file" (reference: `package-validator.md`). The certification bot's policy
5000.1.1.x names Workflows and the placement of files.

## Example
A flow solution whose `customizations.xml` lists a workflow, with no `Workflows/` folder.

## How to fix
Export the solution again; the folders are written by the export and should not be removed.
"##
);

code!(
    SubmissionSolutionSplit,
    Error,
    "The solutions are not one connector-only solution, one flow solution (and one plugin solution) (zip check).",
    r##"## What it does
Classifies each solution by its `customizations.xml`: connector only (`Connector`, no
`Workflows`, no plugin), flow (`Connector` and `Workflows`), plugin (`Connector` and
`aicopilot_aiplugin`). Reports a missing kind and a solution that is none of them (no
connector, or flows and a plugin together).

## Why
`ConnectorPackageValidator.ps1` requires a connector solution that "should only contain
'Connector' folder", a flow solution with both 'Connector' and 'Workflows', and a plugin
solution when the connector has an AI plugin; the certification bot's policy 5000.1.1.x asks
for "a flow solution and a connector solution" (reference: `package-validator.md`).

## Example
Two solutions that both hold the connector and the flows.

## How to fix
Create one solution with the connector alone and another with the connector and at least one
flow that uses it (and one with the connector and the AI plugin), then export each.
"##
);

code!(
    SubmissionConnectorDiffers,
    Warning,
    "The connector inside the package differs from the folder's (operations, version) or between solutions (zip check).",
    r##"## What it does
Compares the connector definition inside the package (`openapidefinition` of the solutions)
with the `apiDefinition.swagger.json` of the folder that holds the zip, and the solutions'
copies with each other: operations added or removed, and a different `info.version`. The
custom code (`customcodeblobcontent`) is compared the same way with the folder's `script.csx`:
a script on one side only, or a text that differs (reported at the first line that differs;
line ends, a byte order mark and trailing blanks are not differences).

## Why
Authors often zip an older export: the package then certifies a connector other than the one
in the pull request, and the reviewers ask for a new package. A warning, because the folder may
be ahead of the package on purpose during review.

## Example
The folder's swagger has `ListInvoices`; the package's `openapidefinition` lacks it. Or the
folder's `script.csx` was fixed after the solutions were exported.

## How to fix
Import the current files into your environment, export the solutions again and rebuild the
package.
"##
);

code!(
    SubmissionCustomCodeInvalid,
    Error,
    "A solution's custom code (`customcodeblobcontent`) is not C# text or base64 of it, or its `scriptoperations` is not a list of operation ids (zip check).",
    r##"## What it does
Reads the connector's custom code in each solution — the file that the `<Connector>` element of
`customizations.xml` names in `customcodeblobcontent` — and reports content that is neither
UTF-8 text nor strict base64 of UTF-8 text (an export writes one or the other), and a
`scriptoperations` file that is not a JSON array of strings. Readable custom code is then
checked by the same rules as a folder's `script.csx` (its findings are located in the entry,
at the lines of the decoded script), the `scriptoperations` ids as `scriptOperations` of
apiProperties (`ScriptOperationNotFound`), and the script is compared with the folder's
(`SubmissionConnectorDiffers`). A `customcodeblobcontent` or `scriptoperations` that names no
file of the zip is `SubmissionSolutionFileMissing`.

## Why
The platform compiles the custom code when the solution is imported and the connector saved;
content it cannot read as C# fails there with a generic internal server error (reference:
`packaging.md`, custom code), and the operations listed in `scriptoperations` then run no code.
An error, because the package imports a connector that cannot work. The corpus holds no
submission package (no `.zip`), so its corpus count is 0; its cases are the packages
`tests/tests/submission.rs` builds.

## Example
A `Connector/cr_5Fcontoso_customcodeblobcontent` holding UTF-16 text, or base64 wrapped at 76
characters by a tool, or `scriptoperations` holding `{"ListItems": true}`.

## How to fix
Export the solution again from the environment instead of editing the files; if you build the
solution yourself, store the script as its UTF-8 text (or base64 of it without line breaks)
and `scriptoperations` as `["ListItems", "GetItem"]`.
"##
);

/// Every code of the zip check, in the order of the checks.
pub static RULES: &[&Rule] = &[
    &SubmissionZipUnreadable,
    &SubmissionZipEncrypted,
    &SubmissionEntryNameUnsafe,
    &SubmissionZipLimitExceeded,
    &SubmissionOuterZipLayout,
    &SubmissionIntroMissing,
    &SubmissionPackageZipMissing,
    &SubmissionPkgAssetsMissing,
    &SubmissionPkgAssetsLayout,
    &SubmissionSolutionFileMissing,
    &SubmissionSolutionXmlInvalid,
    &SubmissionSolutionFolderMissing,
    &SubmissionCustomCodeInvalid,
    &SubmissionSolutionSplit,
    &SubmissionConnectorDiffers,
];
