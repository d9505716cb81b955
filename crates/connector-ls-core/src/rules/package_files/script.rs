//! `script.csx` (custom code): size limit, the `Script : ScriptBase` class with `ExecuteAsync`,
//! and only the namespaces the platform compiles against. The script is read, never executed.

use std::sync::LazyLock;

use regex::Regex;

use crate::package::FileKind;
use crate::rules::{rule, Context, Report};
use crate::text::TextRange;

/// The platform's limit on the script file.
const MAX_SCRIPT_BYTES: u64 = 1024 * 1024;

/// Namespaces custom code may import; anything else fails to compile on the platform.
const ALLOWED_NAMESPACES: &[&str] = &[
    "System",
    "System.Collections",
    "System.Collections.Generic",
    "System.Diagnostics",
    "System.IO",
    "System.IO.Compression",
    "System.Linq",
    "System.Net",
    "System.Net.Http",
    "System.Net.Http.Headers",
    "System.Net.Security",
    "System.Security.Authentication",
    "System.Security.Cryptography",
    "System.Text",
    "System.Text.RegularExpressions",
    "System.Threading",
    "System.Threading.Tasks",
    "System.Web",
    "System.Xml",
    "System.Xml.Linq",
    "System.Drawing",
    "System.Drawing.Drawing2D",
    "System.Drawing.Imaging",
    "Microsoft.Extensions.Logging",
    "Newtonsoft.Json",
    "Newtonsoft.Json.Linq",
    // Where `ScriptBase` itself lives; certified scripts import it.
    "Microsoft.PowerPlatform.Connectors.CustomCode",
    "Microsoft.PowerPlatform.Connectors.CustomCode.CSharp",
];

rule!(ScriptTooLarge {
    severity: Error,
    file: Script,
    certification: false,
    documented: false,
    fix: None,
    summary: "script.csx is larger than 1 MB.",
    docs: r#"## What it does
Reports a `script.csx` over 1 MB.

## Why
The platform rejects custom code files over 1 MB.

## Example
A script with a large embedded data table.

## How to fix
Move data out of the script (fetch it, or shrink it) so the file stays under 1 MB.
"#,
    check: check_size,
});

rule!(ScriptClassMissing {
    severity: Error,
    file: Script,
    certification: false,
    documented: false,
    fix: None,
    summary: "script.csx lacks the `Script : ScriptBase` class or its `ExecuteAsync` override.",
    docs: r#"## What it does
Reports a `script.csx` without a class named `Script` deriving from `ScriptBase`, or without an
`ExecuteAsync` method overriding the base one.

## Why
The platform instantiates `Script` and calls `ExecuteAsync()`; without them the connector fails
at save time with an unhelpful internal server error.

## Example
```csharp
public class MyScript : ScriptBase { }
```

## How to fix
```csharp
public class Script : ScriptBase
{
    public override async Task<HttpResponseMessage> ExecuteAsync() { ... }
}
```
"#,
    check: check_class,
});

rule!(ScriptNamespaceNotAllowed {
    severity: Warning,
    file: Script,
    certification: false,
    documented: false,
    fix: None,
    summary: "script.csx imports a namespace the platform does not provide.",
    docs: r#"## What it does
Reports each `using` directive of `script.csx` naming a namespace outside the list custom code
compiles against (System, System.Collections(.Generic), System.Diagnostics, System.IO(.Compression),
System.Linq, System.Net(.Http, .Http.Headers, .Security), System.Security.Authentication,
System.Security.Cryptography, System.Text(.RegularExpressions), System.Threading(.Tasks),
System.Web, System.Xml(.Linq), System.Drawing(.Drawing2D, .Imaging), Microsoft.Extensions.Logging,
Newtonsoft.Json(.Linq)).

## Why
The documentation says any other namespace fails compilation on the platform, which reports it
only as a generic error. A warning, not an error: the documented list is not exhaustive (certified
scripts import `System.Runtime.Remoting.Contexts`), so verify a flagged namespace before relying
on it.

## Example
`using System.Data.SqlClient;`

## How to fix
Remove the directive and use the allowed APIs (or call a service through `Context.SendAsync`).
"#,
    check: check_namespaces,
});

static CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bclass\s+Script\s*:\s*(?:[\w.]+\.)?ScriptBase\b").expect("static regex")
});

static EXECUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\boverride\s+(?:async\s+)?(?:System\.Threading\.Tasks\.)?Task\s*<\s*(?:[\w.]+\.)?HttpResponseMessage\s*>\s*ExecuteAsync\s*\(\s*\)|\basync\s+override\s+Task\s*<\s*HttpResponseMessage\s*>\s*ExecuteAsync\s*\(\s*\)",
    )
    .expect("static regex")
});

static USING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[\s\x{feff}]*using\s+(static\s+)?([A-Za-z_][\w.]*)\s*;")
        .expect("static regex")
});

fn at_script(out: &mut Report, range: TextRange, message: String) {
    out.at_range(String::new(), range, message);
}

fn check_size(cx: &Context, out: &mut Report) {
    let Some(file) = cx.package.file(FileKind::Script) else {
        return;
    };
    if file.size > MAX_SCRIPT_BYTES {
        at_script(
            out,
            TextRange::default(),
            format!(
                "script.csx is {} KB; custom code must be under 1 MB.",
                file.size / 1024
            ),
        );
    }
}

/// The script without comments and string contents, same length (so offsets still match).
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                out.push(b' ');
                i += 1;
            }
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                out.push(if b[i] == b'\n' { b'\n' } else { b' ' });
                i += 1;
            }
            let n = (b.len() - i).min(2);
            out.extend(std::iter::repeat_n(b' ', n));
            i += n;
        } else if b[i] == b'"' {
            out.push(b'"');
            i += 1;
            while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                if b[i] == b'\\' && i + 1 < b.len() {
                    out.push(b' ');
                    i += 1;
                }
                out.push(b' ');
                i += 1;
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    // Only ASCII bytes were replaced by ASCII spaces, multi-byte sequences are either kept whole
    // or blanked byte by byte, so the result is valid UTF-8 of the same length.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn check_class(cx: &Context, out: &mut Report) {
    let Some(text) = cx.package.script_text() else {
        return;
    };
    let code = code_only(text);
    if !CLASS.is_match(&code) {
        at_script(
            out,
            TextRange::default(),
            "script.csx must define 'public class Script : ScriptBase'.".into(),
        );
        return;
    }
    if !EXECUTE.is_match(&code) {
        at_script(
            out,
            TextRange::default(),
            "script.csx must override 'Task<HttpResponseMessage> ExecuteAsync()' in class Script."
                .into(),
        );
    }
}

fn check_namespaces(cx: &Context, out: &mut Report) {
    let Some(text) = cx.package.script_text() else {
        return;
    };
    let code = code_only(text);
    for cap in USING.captures_iter(&code) {
        let Some(ns) = cap.get(2) else { continue };
        // `using static X.Y;` imports a type's members: its namespace is what must be allowed.
        let name = if cap.get(1).is_some() {
            ns.as_str().rsplit_once('.').map_or(ns.as_str(), |(n, _)| n)
        } else {
            ns.as_str()
        };
        if ALLOWED_NAMESPACES.contains(&name) {
            continue;
        }
        at_script(
            out,
            TextRange::from_usize(ns.start(), ns.end()),
            format!(
                "The namespace '{}' is not available to custom code; the script will not compile.",
                ns.as_str()
            ),
        );
    }
}
