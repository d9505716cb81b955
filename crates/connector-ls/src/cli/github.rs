//! `--format github`: GitHub Actions workflow commands, one line per finding, which the runner
//! turns into annotations on the pull request.

use std::io::{self, Write};

use super::{display_path, CheckRun};
use connector_ls_core::rules::Severity;
use connector_ls_core::text::escape::escape;

/// Escapes a command's message (`%`, CR and LF).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value (the message escapes plus `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

pub fn render(run: &CheckRun, out: &mut dyn Write) -> io::Result<()> {
    for (checked, loc) in run.located() {
        let f = &loc.finding;
        let (path, start, end) = checked.annotation_target(loc);
        let path = escape(&display_path(path).replace('\\', "/")).into_owned();
        // Annotations have no related locations: they go on lines of their own in the message.
        // Package text is escaped before the lines are joined: only these line breaks remain.
        let mut message = escape(&super::zip::annotation_message(loc)).into_owned();
        for r in &loc.related {
            message.push_str(&format!(
                "\n{} at {}:{}:{}",
                escape(&r.message),
                escape(&display_path(&r.path).replace('\\', "/")),
                r.start.line,
                r.start.column
            ));
        }
        writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(f.severity),
            escape_property(&path),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(f.code),
            escape_data(&message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
