//! `ValueMustBeInEnglish` beyond the swagger: the display names, descriptions and tooltips of
//! `apiProperties.json` and the prose of `readme.md` and `intro.md`.

use super::english::{is_mostly_non_latin, reads_as_other_language};
use crate::json::Node;
use crate::package::FileKind;
use crate::rules::{Context, Report};
use crate::text::TextRange;

/// The `uiDefinition` members users read.
const UI_TEXTS: [&str; 3] = ["displayName", "description", "tooltip"];

fn is_foreign(text: &str) -> bool {
    is_mostly_non_latin(text) || reads_as_other_language(text)
}

/// The `uiDefinition` objects of apiProperties: of each connection parameter, of the parameter
/// sets and of each set and its parameters.
fn ui_definitions<'a>(props: Node<'a>) -> Vec<Node<'a>> {
    let mut out = Vec::new();
    let params = |list: Option<Node<'a>>, out: &mut Vec<Node<'a>>| {
        for (_, p) in list.iter().flat_map(|l| l.members()) {
            out.extend(p.get("uiDefinition").filter(Node::is_object));
        }
    };
    params(props.get("connectionParameters"), &mut out);
    if let Some(sets) = props.get("connectionParameterSets").filter(Node::is_object) {
        out.extend(sets.get("uiDefinition").filter(Node::is_object));
        for set in sets.get("values").iter().flat_map(|v| v.items()) {
            out.extend(set.get("uiDefinition").filter(Node::is_object));
            params(set.get("parameters"), &mut out);
        }
    }
    out
}

/// The paragraphs of a Markdown text outside fenced code blocks: byte ranges of runs of
/// non-blank lines.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
        if fence {
            in_fence = !in_fence;
        }
        if trimmed.is_empty() || fence || in_fence {
            if let Some(s) = start.take() {
                out.push((s, end));
            }
        } else {
            start.get_or_insert(at);
            end = at + line.trim_end().len();
        }
        at += line.len();
    }
    if let Some(s) = start {
        out.push((s, end));
    }
    out
}

/// Checks apiProperties' texts and the readme's and intro's paragraphs.
pub(super) fn check_files(cx: &Context, out: &mut Report) {
    if let Some(props) = cx.api_props() {
        for ui in ui_definitions(props) {
            for key in UI_TEXTS {
                let Some(v) = ui.get(key).filter(Node::is_string) else {
                    continue;
                };
                if v.as_str().is_some_and(is_foreign) {
                    out.at_in(
                        FileKind::ApiProperties,
                        v,
                        format!("The '{key}' value must be written in English."),
                    );
                }
            }
        }
    }
    for (kind, text) in [
        (FileKind::Readme, cx.package.readme_text()),
        (FileKind::Intro, cx.package.intro_text()),
    ] {
        let Some(text) = text else { continue };
        for (s, e) in paragraphs(text) {
            if is_foreign(&text[s..e]) {
                out.at_range_in(
                    kind,
                    String::new(),
                    TextRange::from_usize(s, e),
                    format!(
                        "This paragraph of {} must be written in English.",
                        kind.file_name()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraphs_skip_code() {
        let text = "# Title\nline two\n\n```\ncode\n```\nlast";
        let p = super::paragraphs(text);
        let got: Vec<&str> = p.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["# Title\nline two", "last"]);
    }
}
