//! The default, human output: one header line per finding, the source line with a caret under
//! the range, the fix and related locations, then a summary line.

use std::io::{self, Write};

use super::{display_path, CheckRun, Counts, Located};
use crate::rules::Severity;

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, codes: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{codes}m{s}\x1b[0m")
        } else {
            s.to_string()
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
    for (_, loc) in run.located() {
        finding(&style, loc, out)?;
    }
    summary(&style, run, out)
}

fn finding(style: &Style, loc: &Located, out: &mut dyn Write) -> io::Result<()> {
    let f = &loc.finding;
    let sev = style.severity(f.severity);
    writeln!(
        out,
        "{}: {} {}",
        style.paint(
            "1",
            &format!(
                "{}:{}:{}",
                display_path(&loc.path),
                loc.start.line,
                loc.start.column
            )
        ),
        style.paint(sev, &format!("{}[{}]", f.severity.as_str(), f.code)),
        f.message
    )?;
    if let Some(snip) = &loc.snippet {
        let gutter = loc.start.line.to_string();
        let pad = " ".repeat(gutter.len());
        writeln!(
            out,
            " {} {} {}",
            style.paint("34", &gutter),
            style.paint("34", "|"),
            snip.text
        )?;
        let lead: String = snip
            .text
            .chars()
            .take(snip.caret_from)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        writeln!(
            out,
            " {pad} {} {lead}{}",
            style.paint("34", "|"),
            style.paint(sev, &"^".repeat(snip.caret_len.max(1)))
        )?;
    }
    for r in &loc.related {
        writeln!(
            out,
            "   {} {} at {}:{}:{}",
            style.paint("34", "="),
            r.message,
            display_path(&r.path),
            r.start.line,
            r.start.column
        )?;
    }
    if let Some(fix) = &f.fix {
        let safety = match fix.safety {
            crate::rules::Safety::Safe => "safe fix",
            crate::rules::Safety::Unsafe => "unsafe fix",
        };
        writeln!(
            out,
            "   {} {} ({safety})",
            style.paint("1;32", "help:"),
            fix.title
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
    let connectors = plural(run.checked.len(), "connector", "connectors");
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
    writeln!(
        out,
        "{head} in {connectors} ({elapsed}){fixed}{unreadable}."
    )
}
