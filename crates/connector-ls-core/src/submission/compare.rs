//! Two copies of the connector definition compared: the package's with the folder's, or one
//! solution's with another's. Authors often zip an older export.

use std::collections::BTreeSet;

use super::{codes, list, shown, ZipFinding};
use crate::package::swagger::Swagger;

/// The operations (operationId, else `METHOD path`) and `info.version` of a swagger text;
/// `None` when it is not a JSON object.
fn summary(text: &str) -> Option<(BTreeSet<String>, Option<String>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parse = crate::json::parse(text);
    let swagger = Swagger::new(parse.tree.root()?)?;
    let ops = swagger.operations().map(|o| o.display_name()).collect();
    let version = swagger
        .info()
        .and_then(|i| i.get_str("version"))
        .map(str::to_string);
    Some((ops, version))
}

/// How the swagger `text` (at entry `path`) differs from `other_text`, described as `other`.
pub fn swaggers(path: &str, text: &str, other: &str, other_text: &str) -> Vec<ZipFinding> {
    let (Some((ops, version)), Some((other_ops, other_version))) =
        (summary(text), summary(other_text))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let lacks: Vec<String> = other_ops.difference(&ops).cloned().collect();
    let extra: Vec<String> = ops.difference(&other_ops).cloned().collect();
    if !lacks.is_empty() {
        out.push(ZipFinding::new(
            &codes::SubmissionConnectorDiffers,
            path,
            format!(
                "the package's connector lacks {} operation{} that {other} has: {}",
                lacks.len(),
                if lacks.len() == 1 { "" } else { "s" },
                list(&lacks)
            ),
        ));
    }
    if !extra.is_empty() {
        out.push(ZipFinding::new(
            &codes::SubmissionConnectorDiffers,
            path,
            format!(
                "the package's connector has {} operation{} that {other} lacks: {}",
                extra.len(),
                if extra.len() == 1 { "" } else { "s" },
                list(&extra)
            ),
        ));
    }
    if version != other_version {
        let v = |v: &Option<String>| v.as_deref().map_or("none".to_string(), shown);
        out.push(ZipFinding::new(
            &codes::SubmissionConnectorDiffers,
            path,
            format!(
                "the package's connector has info.version {}; {other} has {}",
                v(&version),
                v(&other_version)
            ),
        ));
    }
    out
}

/// The script's text as compared: no byte order mark, `\n` line ends, no trailing white space
/// at the end of a line or of the file (an export and an editor differ in these alone).
fn normalized(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// How the package's custom code `text` (at entry `path`; `None`: the connector has none)
/// differs from `other_text`, the custom code of `other`.
pub fn scripts(
    path: &str,
    text: Option<&str>,
    other: &str,
    other_text: Option<&str>,
) -> Option<ZipFinding> {
    let message = match (text, other_text) {
        (None, None) => return None,
        (Some(_), None) => format!("the package's connector has custom code; {other} has none"),
        (None, Some(_)) => {
            format!("the package's connector has no custom code; {other} has a script")
        }
        (Some(a), Some(b)) => {
            let (a, b) = (normalized(a), normalized(b));
            let line = a.iter().zip(&b).position(|(x, y)| x != y);
            let line = match line {
                Some(line) => line,
                None if a.len() == b.len() => return None,
                None => a.len().min(b.len()),
            };
            return Some(
                ZipFinding::new(
                    &codes::SubmissionConnectorDiffers,
                    path,
                    format!(
                        "the package's custom code differs from the script of {other} from line {} \
                         on ({} lines here, {} there)",
                        line + 1,
                        a.len(),
                        b.len()
                    ),
                )
                .at(line as u32 + 1, 1),
            );
        }
    };
    Some(ZipFinding::new(
        &codes::SubmissionConnectorDiffers,
        path,
        message,
    ))
}
