//! What reviewers ask of `script.csx` beyond compiling: no APIs the sandbox forbids, awaits
//! with `ConfigureAwait(false)`, JSON bodies built with `CreateJsonContent`. Read with the
//! tokenizer of [`super::csharp`], so comments and literals never count as code.

use super::csharp::{tokenize, Kind, Token};
use crate::rules::{rule, Context, Report};
use crate::text::TextRange;

rule!(ScriptApiNotAllowed {
    severity: Warning,
    file: Script,
    certification: true,
    documented: false,
    fix: None,
    summary:
        "script.csx creates an HttpClient or uses file system, socket, process or reflection APIs.",
    docs: r##"## What it does
Reports code in `script.csx` (not comments or strings) that:
- creates an `HttpClient` (`new HttpClient(...)`);
- uses the file system: `File.`, `Directory.`, `Path.`, `new FileInfo`, `new DirectoryInfo`,
  `new FileStream`, `new StreamReader(path)`/`new StreamWriter(path)` with a string path;
- opens sockets: `Socket`, `TcpClient`, `UdpClient`, `TcpListener`, `ClientWebSocket`;
- starts processes: `Process.`, `new Process`, `ProcessStartInfo`;
- uses reflection: `Assembly.`, `Activator.`, `BindingFlags`, `System.Reflection`.

## Why
Custom code runs in a sandbox that allows none of these; reviewers and the documentation ask
for `this.Context.SendAsync` instead of an own `HttpClient` (reviewer practice #17, the
community validator proposal #3998). Such code fails at run time, not at import. A warning;
no recently merged corpus connector has any.

## Example
```csharp
using (var client = new HttpClient()) { ... }
```

## How to fix
Send requests with `await this.Context.SendAsync(request, this.CancellationToken)`; keep data
in memory.
"##,
    check: check_apis,
});

rule!(ScriptAwaitWithoutConfigureAwait {
    severity: Warning,
    file: Script,
    certification: true,
    documented: false,
    fix: None,
    summary: "An `await` in script.csx lacks `.ConfigureAwait(false)`.",
    docs: r##"## What it does
Reports each `await` expression of `script.csx` whose awaited expression (up to the end of
the statement or the enclosing argument) has no `.ConfigureAwait(false)`. `await foreach` and
`await using` are not reported.

## Why
The custom code documentation and reviewers ask for `ConfigureAwait(false)` on awaited calls
(reviewer practice #17): the script runs on the platform's synchronization context, where a
continuation that waits for it can deadlock. A warning.

On the 208 recently merged corpus connectors it reports 20 (9.6%; 34 of them have a
script). Every finding is an `await` without it — the tokenizer never reads comments or
strings as code — so the rule is not narrowed by its corpus count.

## Example
```csharp
var response = await this.Context.SendAsync(request, this.CancellationToken);
```

## How to fix
```csharp
var response = await this.Context.SendAsync(request, this.CancellationToken).ConfigureAwait(false);
```
"##,
    check: check_awaits,
});

rule!(ScriptJsonWithoutCreateJsonContent {
    severity: Warning,
    file: Script,
    certification: true,
    documented: false,
    fix: None,
    summary: "script.csx builds a JSON body with `new StringContent(..., \"application/json\")` instead of `CreateJsonContent`.",
    docs: r##"## What it does
Reports `new StringContent(...)` in `script.csx` whose arguments include the string
`"application/json"` (or a `+json` media type).

## Why
`ScriptBase.CreateJsonContent(string)` builds JSON content as the platform expects (content
type and encoding); the custom code documentation and reviewers ask for it (reviewer practice
#17). A warning; 8 of the 208 recently merged corpus connectors (3.8%) build JSON by hand.

## Example
```csharp
response.Content = new StringContent(json.ToString(), Encoding.UTF8, "application/json");
```

## How to fix
```csharp
response.Content = CreateJsonContent(json.ToString());
```
"##,
    check: check_json_content,
});

/// The script's text and tokens.
fn script<'a>(cx: &Context<'a>) -> Option<(&'a str, Vec<Token>)> {
    let text = cx.package.script_text()?;
    Some((text, tokenize(text)))
}

fn at(out: &mut Report, t: &Token, message: String) {
    out.at_range(
        String::new(),
        TextRange::from_usize(t.start, t.end),
        message,
    );
}

/// Whether token `i` is the identifier `name`.
fn is(tokens: &[Token], src: &str, i: usize, name: &str) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.kind == Kind::Ident && t.text(src) == name)
}

fn is_punct(tokens: &[Token], src: &str, i: usize, p: &str) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.kind == Kind::Punct && t.text(src) == p)
}

/// After `new` at `i`: the type name (the last identifier of a dotted name) and its index.
fn new_type<'s>(tokens: &[Token], src: &'s str, i: usize) -> Option<(usize, &'s str)> {
    let mut j = i + 1;
    let mut last = None;
    while let Some(t) = tokens.get(j) {
        if t.kind != Kind::Ident {
            break;
        }
        last = Some((j, t.text(src)));
        if !is_punct(tokens, src, j + 1, ".") {
            break;
        }
        j += 2;
    }
    last
}

/// Static classes whose members touch the file system, processes or reflection, reported on
/// `Name.` not preceded by `.` (a property named `Path` of some object is fine).
const STATIC_APIS: &[(&str, &str)] = &[
    ("File", "the file system"),
    ("Directory", "the file system"),
    ("Path", "the file system"),
    ("Process", "processes"),
    ("Assembly", "reflection"),
    ("Activator", "reflection"),
];

/// Types whose construction is not allowed.
const TYPES: &[(&str, &str)] = &[
    (
        "HttpClient",
        "its own HttpClient; send requests with this.Context.SendAsync",
    ),
    ("FileInfo", "the file system"),
    ("DirectoryInfo", "the file system"),
    ("FileStream", "the file system"),
    ("Process", "processes"),
    ("ProcessStartInfo", "processes"),
    ("Socket", "sockets"),
    ("TcpClient", "sockets"),
    ("UdpClient", "sockets"),
    ("TcpListener", "sockets"),
    ("ClientWebSocket", "sockets"),
];

/// Identifiers reported wherever they occur as code.
const NAMES: &[(&str, &str)] = &[
    ("BindingFlags", "reflection"),
    ("ProcessStartInfo", "processes"),
    ("TcpClient", "sockets"),
    ("UdpClient", "sockets"),
    ("TcpListener", "sockets"),
    ("ClientWebSocket", "sockets"),
];

fn check_apis(cx: &Context, out: &mut Report) {
    let Some((src, tokens)) = script(cx) else {
        return;
    };
    let mut reported = vec![false; tokens.len()];
    for i in 0..tokens.len() {
        if tokens[i].kind != Kind::Ident || reported[i] {
            continue;
        }
        let text = tokens[i].text(src);
        if text == "new" {
            let Some((j, name)) = new_type(&tokens, src, i) else {
                continue;
            };
            let what = TYPES.iter().find(|(t, _)| *t == name).map(|(_, w)| *w);
            let stream_on_path = matches!(name, "StreamReader" | "StreamWriter")
                && is_punct(&tokens, src, j + 1, "(")
                && tokens.get(j + 2).is_some_and(|t| t.kind == Kind::Str);
            if let Some(what) = what.or(stream_on_path.then_some("the file system")) {
                reported[j] = true;
                at(
                    out,
                    &tokens[j],
                    format!("Custom code may not use {what} ('new {name}')."),
                );
            }
            continue;
        }
        let after_dot = i > 0 && is_punct(&tokens, src, i - 1, ".");
        if text == "System"
            && is_punct(&tokens, src, i + 1, ".")
            && is(&tokens, src, i + 2, "Reflection")
        {
            reported[i + 2] = true;
            at(
                out,
                &tokens[i + 2],
                "Custom code may not use reflection ('System.Reflection').".into(),
            );
            continue;
        }
        if !after_dot && is_punct(&tokens, src, i + 1, ".") {
            if let Some((_, what)) = STATIC_APIS.iter().find(|(n, _)| *n == text) {
                // `Path.` after `using static`, `nameof(Path.X)`... are code too.
                at(
                    out,
                    &tokens[i],
                    format!("Custom code may not use {what} ('{text}.')."),
                );
                continue;
            }
        }
        if let Some((_, what)) = NAMES.iter().find(|(n, _)| *n == text) {
            at(
                out,
                &tokens[i],
                format!("Custom code may not use {what} ('{text}')."),
            );
        }
    }
}

/// Whether the tokens from `from` to the end of the awaited expression hold
/// `.ConfigureAwait(`: the expression ends at `;`, `,` or an unbalanced closing bracket, at the
/// depth of the `await`.
fn has_configure_await(tokens: &[Token], src: &str, from: usize) -> bool {
    let mut depth = 0i32;
    let mut i = from;
    while let Some(t) = tokens.get(i) {
        if t.kind == Kind::Punct {
            match t.text(src) {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
                ";" | "," if depth == 0 => return false,
                _ => {}
            }
        } else if depth == 0
            && t.kind == Kind::Ident
            && t.text(src) == "ConfigureAwait"
            && is_punct(tokens, src, i.wrapping_sub(1), ".")
        {
            return true;
        } else if depth == 0 && t.kind == Kind::Ident && t.text(src) == "await" && i > from {
            // `await a; await b` without a semicolon between is not valid C#; a nested await
            // at depth 0 (`await x ?? await y`) is its own expression.
            return false;
        }
        i += 1;
    }
    false
}

fn check_awaits(cx: &Context, out: &mut Report) {
    let Some((src, tokens)) = script(cx) else {
        return;
    };
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != Kind::Ident || t.text(src) != "await" {
            continue;
        }
        if is(&tokens, src, i + 1, "foreach") || is(&tokens, src, i + 1, "using") {
            continue;
        }
        if !has_configure_await(&tokens, src, i + 1) {
            at(
                out,
                t,
                "This await lacks '.ConfigureAwait(false)'; add it to the awaited call.".into(),
            );
        }
    }
}

fn check_json_content(cx: &Context, out: &mut Report) {
    let Some((src, tokens)) = script(cx) else {
        return;
    };
    for i in 0..tokens.len() {
        if !is(&tokens, src, i, "new") {
            continue;
        }
        let Some((j, "StringContent")) = new_type(&tokens, src, i) else {
            continue;
        };
        if !is_punct(&tokens, src, j + 1, "(") {
            continue;
        }
        // The arguments: up to the matching `)`.
        let mut depth = 0;
        let mut json = false;
        for t in &tokens[j + 1..] {
            if t.kind == Kind::Punct {
                match t.text(src) {
                    "(" => depth += 1,
                    ")" => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            } else if t.kind == Kind::Str {
                let s = t.text(src).to_ascii_lowercase();
                json |= s.contains("application/json") || s.contains("+json");
            }
        }
        if json {
            at(
                out,
                &tokens[j],
                "Build JSON content with CreateJsonContent(...) instead of new StringContent(..., \"application/json\").".into(),
            );
        }
    }
}
