//! The default, human output: one header line per finding, the source line with a caret under
//! the range, the fix and related locations, then a summary line.

use std::fmt::{self, Display, Write as _};
use std::io::{self, Write};
use std::path::Path;

use super::{display_path, CheckRun, Counts, Located};
use connector_ls_core::rules::Severity;
use connector_ls_core::text::escape::{escape, escape_span};

struct Style {
    on: bool,
}

/// A value shown in a colour when colours are on; written straight into the output, so that
/// uncoloured text costs no intermediate string.
struct Painted<'s, T> {
    on: bool,
    codes: &'s str,
    value: T,
}

impl<T: Display> Display for Painted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.on {
            write!(f, "\x1b[{}m{}\x1b[0m", self.codes, self.value)
        } else {
            self.value.fmt(f)
        }
    }
}

/// `c` repeated `n` times.
struct Repeat(char, usize);

impl Display for Repeat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (0..self.1).try_for_each(|_| f.write_char(self.0))
    }
}

impl Style {
    fn paint(&self, codes: &str, s: &str) -> String {
        self.show(codes, s).to_string()
    }

    fn show<'s, T: Display>(&self, codes: &'s str, value: T) -> Painted<'s, T> {
        Painted {
            on: self.on,
            codes,
            value,
        }
    }

    fn severity(&self, sev: Severity) -> &'static str {
        match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;34",
            Severity::Hint => "1;36",
        }
    }
}

pub fn render(run: &CheckRun, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let style = Style { on: color };
    // Each finding is formatted into one reused buffer and written at once; the displayed path
    // is kept while consecutive findings share it (a connector's findings mostly do).
    let mut buf = String::new();
    let mut shown: Option<(&Path, String)> = None;
    for (_, loc) in run.located() {
        buf.clear();
        let path = match &shown {
            Some((p, s)) if *p == loc.path.as_path() => s.as_str(),
            _ => {
                shown = Some((&loc.path, escape(&display_path(&loc.path)).into_owned()));
                shown.as_ref().map_or("", |(_, s)| s.as_str())
            }
        };
        // Writing to a `String` cannot fail.
        let _ = finding(&style, loc, path, &mut buf);
        out.write_all(buf.as_bytes())?;
    }
    summary(&style, run, out)
}

fn finding(style: &Style, loc: &Located, path: &str, out: &mut String) -> fmt::Result {
    let f = &loc.finding;
    let sev = style.severity(f.severity);
    struct Where<'a>(&'a str, u32, u32);
    impl Display for Where<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{}:{}:{}", self.0, self.1, self.2)
        }
    }
    struct Code(Severity, &'static str);
    impl Display for Code {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{}[{}]", self.0.as_str(), self.1)
        }
    }
    write!(
        out,
        "{}: {} {}",
        style.show("1", Where(path, loc.start.line, loc.start.column)),
        style.show(sev, Code(f.severity, f.code)),
        escape(&f.message)
    )?;
    match &loc.subject {
        Some(subject) => writeln!(out, " ({subject})")?,
        None => writeln!(out)?,
    }
    if let Some(snip) = &loc.snippet {
        // The caret goes under the escaped line, where the escapes have moved it.
        let (text, caret_from, caret_len) =
            escape_span(&snip.text, snip.caret_from, snip.caret_len.max(1));
        let gutter = loc.start.line;
        let pad = Repeat(' ', gutter.to_string().len());
        writeln!(
            out,
            " {} {} {}",
            style.show("34", gutter),
            style.show("34", "|"),
            text
        )?;
        write!(out, " {pad} {} ", style.show("34", "|"))?;
        out.extend(
            text.chars()
                .take(caret_from)
                .map(|c| if c == '\t' { '\t' } else { ' ' }),
        );
        writeln!(out, "{}", style.show(sev, Repeat('^', caret_len)))?;
    }
    for r in &loc.related {
        writeln!(
            out,
            "   {} {} at {}:{}:{}",
            style.show("34", "="),
            escape(&r.message),
            escape(&display_path(&r.path)),
            r.start.line,
            r.start.column
        )?;
    }
    if let Some(fix) = &f.fix {
        let safety = match fix.safety {
            connector_ls_core::rules::Safety::Safe => "safe fix",
            connector_ls_core::rules::Safety::Unsafe => "unsafe fix",
        };
        writeln!(
            out,
            "   {} {} ({safety})",
            style.show("1;32", "help:"),
            escape(&fix.title)
        )?;
    }
    writeln!(out)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(style: &Style, run: &CheckRun, out: &mut dyn Write) -> io::Result<()> {
    if run.checked.is_empty() && !run.errors.is_empty() {
        // Nothing was checked; the path errors on stderr say it all.
        return Ok(());
    }
    let Counts {
        error,
        warning,
        info,
        hint,
    } = run.counts();
    let connectors = plural(run.connectors(), "connector", "connectors");
    let ms = run.elapsed.as_secs_f64() * 1000.0;
    let elapsed = if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    };
    let counts = format!(
        "{}, {}, {}, {}",
        plural(error, "error", "errors"),
        plural(warning, "warning", "warnings"),
        plural(info, "info", "info"),
        plural(hint, "hint", "hints"),
    );
    let head = if error > 0 {
        format!("{} {counts}", style.paint("1;31", "Found"))
    } else if warning + info + hint > 0 {
        format!("{} {counts}", style.paint("1;33", "Found"))
    } else {
        style.paint("1;32", "No problems found")
    };
    let unreadable = if run.errors.is_empty() {
        String::new()
    } else {
        format!(
            "; {} could not be read",
            plural(run.errors.len(), "path", "paths")
        )
    };
    let fixed = match run.fixed() {
        0 => String::new(),
        n => format!("; {} applied", plural(n, "fix", "fixes")),
    };
    let baselined = match run.adoption.baselined {
        0 => String::new(),
        n => format!("; {n} more in the baseline"),
    };
    writeln!(
        out,
        "{head} in {connectors} ({elapsed}){fixed}{baselined}{unreadable}."
    )
}
