//! The default, human output: one header line per finding, the source line with a caret under
//! the range, the fix and related locations, then a summary line.

use std::io::{self, Write};

use super::{display_path, CheckRun, Counts, Located};
use crate::rules::Severity;

/// Lines longer than this are shown as a window around the finding (minified swaggers).
const MAX_SHOWN_CHARS: usize = 120;

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
    for loc in run.located() {
        finding(&style, &loc, out)?;
    }
    summary(&style, run, out)
}

fn finding(style: &Style, loc: &Located, out: &mut dyn Write) -> io::Result<()> {
    let f = loc.finding;
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
    if let Some(line) = loc.source_line {
        let gutter = loc.start.line.to_string();
        let pad = " ".repeat(gutter.len());
        let start = (loc.start.column - 1) as usize;
        let end = if loc.end.line == loc.start.line {
            ((loc.end.column - 1) as usize).max(start + 1)
        } else {
            line.chars().count().max(start + 1)
        };
        let (shown, caret_from, caret_len) = window(line, start, end);
        writeln!(
            out,
            " {} {} {}",
            style.paint("34", &gutter),
            style.paint("34", "|"),
            shown
        )?;
        let lead: String = shown
            .chars()
            .take(caret_from)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        writeln!(
            out,
            " {pad} {} {lead}{}",
            style.paint("34", "|"),
            style.paint(sev, &"^".repeat(caret_len.max(1)))
        )?;
    }
    for (path, pos, message) in &loc.related {
        writeln!(
            out,
            "   {} {message} at {}:{}:{}",
            style.paint("34", "="),
            display_path(path),
            pos.line,
            pos.column
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

/// Cuts a long line down to a window around `start..end` (in chars). Returns the shown text and
/// the caret's start and length within it.
fn window(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    let total = line.chars().count();
    if total <= MAX_SHOWN_CHARS {
        return (
            line.to_string(),
            start.min(total),
            end.saturating_sub(start),
        );
    }
    let len = end.saturating_sub(start).min(MAX_SHOWN_CHARS - 40);
    let from = start.saturating_sub(20);
    let to = (start + len + 20).min(total);
    let mut shown = String::new();
    let mut caret_from = start - from;
    if from > 0 {
        shown.push('…');
        caret_from += 1;
    }
    shown.extend(line.chars().skip(from).take(to - from));
    if to < total {
        shown.push('…');
    }
    (shown, caret_from, len)
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
    writeln!(out, "{head} in {connectors} ({elapsed}){unreadable}.")
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn short_lines_are_whole() {
        assert_eq!(window("abc", 1, 2), ("abc".to_string(), 1, 1));
    }

    #[test]
    fn long_lines_are_windowed_around_the_range() {
        let line = "x".repeat(500);
        let (shown, from, len) = window(&line, 300, 305);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(from, 21);
        assert_eq!(len, 5);
        assert!(shown.chars().count() < 80);
    }
}
