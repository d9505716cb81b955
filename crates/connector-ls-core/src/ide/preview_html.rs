//! The [`Preview`] drawn as one static HTML page in the look of the Power Automate designer:
//! the connector card, then a card per operation (trigger or action header, its fields with
//! labels, red required stars, dropdown chevrons, "Show all" for the advanced ones) and its
//! dynamic content.
//!
//! The page needs nothing outside itself: the style is inline, the icon a `data:` URL, and the
//! one optional script (the search box) is inline too. Every text that comes from the connector
//! is escaped ([`escape`]). Elements written in the package carry `data-file`, `data-start` and
//! `data-end` (the byte range to select), which the editor's webview uses to link back.

use std::fmt::Write;

use super::preview::{
    Badge, Connector, Control, Field, OperationCard, OperationKind, Placement, Preview, Source,
};
use crate::rules::Severity;

/// Escapes text for an HTML element or a double- or single-quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and line breaks have no place in a page.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The style of the page (also used by the editor's webview, which adds its own rules).
pub const CSS: &str = r#"
:root { --brand: #0f6cbd; --text: #242424; --muted: #616161; --line: #d1d1d1; --card: #ffffff;
  --page: #f5f5f5; --req: #c50f1f; --warn: #bc4b09; --err: #c50f1f; --trigger: #107c10; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--text);
  font: 14px/1.4 "Segoe UI", system-ui, -apple-system, sans-serif; }
.preview { max-width: 760px; margin: 0 auto; padding: 16px; }
.search { width: 100%; padding: 6px 10px; border: 1px solid var(--line); border-radius: 4px;
  margin: 0 0 16px; font: inherit; }
.connector { display: flex; gap: 12px; align-items: flex-start; background: var(--card);
  border-radius: 8px; padding: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.15); margin-bottom: 16px; }
.connector .icon { width: 48px; height: 48px; border-radius: 6px; flex: none; display: flex;
  align-items: center; justify-content: center; color: #fff; font-weight: 600; font-size: 20px;
  background: var(--brand); }
.connector .icon img { width: 32px; height: 32px; }
.connector h1 { font-size: 20px; margin: 0 0 4px; font-weight: 600; }
.connector .publisher { color: var(--muted); font-size: 12px; margin-bottom: 6px; }
.connector p { margin: 0; }
h2.group { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  margin: 24px 0 8px; font-weight: 600; }
.op { background: var(--card); border-radius: 8px; margin-bottom: 16px; overflow: hidden;
  box-shadow: 0 1px 3px rgba(0,0,0,.15); border-top: 4px solid var(--brand); }
.op.trigger { border-top-color: var(--trigger); }
.op.hidden-op { opacity: .7; border-top-style: dashed; }
.op-head { display: flex; gap: 10px; align-items: center; padding: 10px 14px;
  border-bottom: 1px solid var(--line); }
.op-head .mini { width: 24px; height: 24px; border-radius: 4px; flex: none; background: var(--brand); }
.op-head .mini img { width: 24px; height: 24px; }
.op-head .title { font-weight: 600; flex: 1; }
.op-head .kind { font-size: 11px; padding: 1px 6px; border-radius: 10px; background: #ebf3fc;
  color: var(--brand); }
.op.trigger .op-head .kind { background: #f1faf1; color: var(--trigger); }
.tag { font-size: 11px; padding: 1px 6px; border-radius: 10px; background: #f0f0f0; color: var(--muted); }
.tag.deprecated { background: #fdf3f4; color: var(--err); }
.op-body { padding: 10px 14px 14px; }
.op-desc { color: var(--muted); margin: 0 0 10px; }
.route { font-family: Consolas, monospace; font-size: 12px; color: var(--muted); margin-bottom: 8px; }
.field { margin: 10px 0; }
.field.nested { border-left: 2px solid #e0e0e0; }
.depth-1 { padding-left: 14px; } .depth-2 { padding-left: 28px; } .depth-3 { padding-left: 42px; }
.depth-4 { padding-left: 56px; } .depth-5 { padding-left: 70px; } .depth-6 { padding-left: 84px; }
.depth-7 { padding-left: 98px; } .depth-8 { padding-left: 112px; }
.field label { display: block; font-weight: 600; font-size: 13px; margin-bottom: 3px; }
.field label .raw { font-family: Consolas, monospace; font-weight: 400; }
.req { color: var(--req); margin-left: 2px; }
.control { border: 1px solid var(--line); border-radius: 4px; padding: 5px 8px; min-height: 32px;
  color: var(--muted); background: #fff; display: flex; align-items: center; gap: 6px; }
.control .chev { margin-left: auto; width: 8px; height: 8px; border-right: 2px solid var(--muted);
  border-bottom: 2px solid var(--muted); transform: rotate(45deg); margin-top: -4px; }
.control.yesno .chev, .control.dropdown .chev, .control.dynamic .chev { display: block; }
.control .dyn { font-size: 11px; color: var(--brand); }
.help { font-size: 12px; color: var(--muted); margin-top: 2px; }
.badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 10px; margin: 2px 4px 0 0;
  font-weight: 400; }
.badge.warning, .badge.info, .badge.hint { background: #fff9f5; color: var(--warn); border: 1px solid #f4bfab; }
.badge.error { background: #fdf3f4; color: var(--err); border: 1px solid #eeacb2; }
details.all > summary { cursor: pointer; color: var(--brand); margin: 8px 0; list-style: none; }
details.all > summary::before { content: "Show all"; }
details.all[open] > summary::before { content: "Show less"; }
details.all > summary::-webkit-details-marker { display: none; }
.hidden-fields { margin-top: 10px; font-size: 12px; color: var(--muted); }
.hidden-fields ul { margin: 4px 0 0; padding-left: 18px; }
.outputs { margin-top: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
.outputs h3 { font-size: 12px; margin: 0 0 6px; color: var(--muted); font-weight: 600; }
.token { display: inline-flex; align-items: center; gap: 4px; margin: 0 6px 6px 0; padding: 2px 8px;
  border-radius: 4px; background: #ebf3fc; border: 1px solid #b4d6fa; font-size: 12px; }
.token .ty { color: var(--muted); font-size: 11px; }
.token.hidden { opacity: .6; border-style: dashed; }
.others { background: var(--card); border-radius: 8px; padding: 10px 14px; margin-top: 16px; }
[data-start] { cursor: pointer; }
[data-start]:hover { outline: 1px dashed #8fb8e8; outline-offset: 2px; }
"#;

/// The one inline script of the static page: the search box over operations.
const SEARCH_SCRIPT: &str = r#"
(function () {
  var box = document.getElementById('search');
  if (!box) return;
  box.addEventListener('input', function () {
    var q = box.value.toLowerCase();
    document.querySelectorAll('.op').forEach(function (op) {
      op.style.display = op.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
    });
  });
})();
"#;

/// The whole page: a complete HTML document with its style and search script inline.
pub fn render(preview: &Preview) -> String {
    let title = preview.connector.title.as_deref().unwrap_or("Connector");
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} (preview)</title>\n<style>{}</style>\n</head>\n<body>\n",
        escape(title),
        css(preview)
    );
    out.push_str(&body(preview));
    let _ = write!(out, "<script>{SEARCH_SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// The page's content without the document around it, the style or the script (the editor
/// puts it into its own page).
pub fn body(preview: &Preview) -> String {
    let mut out = String::new();
    out.push_str("<div class=\"preview\">\n");
    out.push_str(
        "<input id=\"search\" class=\"search\" type=\"search\" placeholder=\"Search operations\" \
         aria-label=\"Search operations\">\n",
    );
    connector(&mut out, &preview.connector);
    let icon = preview.connector.icon_png_base64.as_deref();
    let triggers: Vec<&OperationCard> = preview
        .operations
        .iter()
        .filter(|o| o.kind == OperationKind::Trigger)
        .collect();
    let actions: Vec<&OperationCard> = preview
        .operations
        .iter()
        .filter(|o| o.kind == OperationKind::Action)
        .collect();
    for (name, mut ops) in [("Triggers", triggers), ("Actions", actions)] {
        if ops.is_empty() {
            continue;
        }
        // As the designer lists them: `important` first, `advanced` after the others, and the
        // `internal` ones (which it does not list) last.
        ops.sort_by_key(|o| o.visibility);
        let _ = writeln!(out, "<h2 class=\"group\">{name} ({})</h2>", ops.len());
        for op in ops {
            operation(&mut out, op, icon);
        }
    }
    if preview.operations.is_empty() {
        out.push_str("<p class=\"others\">This connector has no operations.</p>\n");
    }
    if !preview.other_findings.is_empty() {
        out.push_str("<div class=\"others\"><h3>Other findings</h3>");
        badges(&mut out, &preview.other_findings);
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
    out
}

/// The style of a page showing `preview`: [`CSS`] with the connector's brand colour, when it
/// is a colour (anything else is not written). No element has a `style` attribute, so a page
/// may forbid inline styles (the editor's webview does).
pub fn css(preview: &Preview) -> String {
    match preview.connector.icon_brand_color.as_deref() {
        Some(color) if is_hex_color(color) => format!("{CSS}:root {{ --brand: {color}; }}\n"),
        _ => CSS.to_string(),
    }
}

fn is_hex_color(s: &str) -> bool {
    let hex = s.strip_prefix('#').unwrap_or("");
    matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// The attributes linking an element back to its source.
fn link(source: &Source) -> String {
    format!(
        " data-file=\"{}\" data-start=\"{}\" data-end=\"{}\"",
        source.file.key(),
        source.focus_start,
        source.focus_end
    )
}

fn badges(out: &mut String, list: &[Badge]) {
    for b in list {
        let class = match b.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        };
        let _ = write!(
            out,
            "<span class=\"badge {class}\" title=\"{}\">{} {}</span>",
            escape(&b.message),
            if b.severity == Severity::Error {
                "\u{2716}"
            } else {
                "\u{26a0}"
            },
            escape(b.code)
        );
    }
}

fn connector(out: &mut String, c: &Connector) {
    let title = c.title.as_deref().unwrap_or("Untitled connector");
    let link_attr = c.source.as_ref().map(link).unwrap_or_default();
    out.push_str("<section class=\"connector\">");
    match &c.icon_png_base64 {
        Some(b64) => {
            let _ = write!(
                out,
                "<div class=\"icon\"><img alt=\"\" \
                 src=\"data:image/png;base64,{}\"></div>",
                escape(b64)
            );
        }
        None => {
            let initial = title.chars().next().unwrap_or('?');
            let _ = write!(
                out,
                "<div class=\"icon\">{}</div>",
                escape(&initial.to_string())
            );
        }
    }
    let _ = write!(out, "<div><h1{link_attr}>{}</h1>", escape(title));
    if let Some(p) = &c.publisher {
        let _ = write!(out, "<div class=\"publisher\">By {}</div>", escape(p));
    }
    if let Some(d) = &c.description {
        let _ = write!(out, "<p>{}</p>", escape(d));
    }
    badges(out, &c.findings);
    out.push_str("</div></section>\n");
}

fn operation(out: &mut String, op: &OperationCard, icon: Option<&str>) {
    let mut class = String::from("op");
    if op.kind == OperationKind::Trigger {
        class.push_str(" trigger");
    }
    if op.visibility == super::preview::Visibility::Internal {
        class.push_str(" hidden-op");
    }
    let _ = write!(
        out,
        "<article class=\"{class}\" data-operation=\"{}\">",
        escape(op.operation_id.as_deref().unwrap_or(""))
    );
    let _ = write!(out, "<header class=\"op-head\"{}>", link(&op.source));
    match icon {
        Some(b64) => {
            let _ = write!(
                out,
                "<span class=\"mini\"><img alt=\"\" src=\"data:image/png;base64,{}\"></span>",
                escape(b64)
            );
        }
        None => out.push_str("<span class=\"mini\"></span>"),
    }
    let title_class = if op.title_is_raw { " raw" } else { "" };
    let _ = write!(
        out,
        "<span class=\"title{title_class}\">{}</span>",
        escape(&op.title)
    );
    let kind = match (op.kind, op.trigger_type.as_deref()) {
        (OperationKind::Trigger, Some(t)) => format!("Trigger ({})", escape(t)),
        (OperationKind::Trigger, None) => "Trigger".to_string(),
        (OperationKind::Action, _) => "Action".to_string(),
    };
    let _ = write!(out, "<span class=\"kind\">{kind}</span>");
    if op.deprecated {
        out.push_str("<span class=\"tag deprecated\">Deprecated</span>");
    }
    match op.visibility {
        super::preview::Visibility::Internal => {
            out.push_str("<span class=\"tag\">Hidden (internal)</span>");
        }
        super::preview::Visibility::Advanced => {
            out.push_str("<span class=\"tag\">Advanced</span>");
        }
        super::preview::Visibility::Important => {
            out.push_str("<span class=\"tag\">Important</span>");
        }
        super::preview::Visibility::Default => {}
    }
    out.push_str("</header>\n<div class=\"op-body\">");
    let _ = write!(
        out,
        "<div class=\"route\">{} {}{}</div>",
        op.method.to_uppercase(),
        escape(&op.path),
        op.operation_id
            .as_deref()
            .map(|id| format!(" \u{b7} {}", escape(id)))
            .unwrap_or_default()
    );
    if let Some(d) = &op.description {
        let _ = write!(out, "<p class=\"op-desc\">{}</p>", escape(d));
    }
    if !op.findings.is_empty() {
        out.push_str("<div>");
        badges(out, &op.findings);
        out.push_str("</div>");
    }
    let shown: Vec<&Field> = op
        .inputs
        .iter()
        .filter(|f| f.placement == Placement::Shown)
        .collect();
    let advanced: Vec<&Field> = op
        .inputs
        .iter()
        .filter(|f| f.placement == Placement::Advanced)
        .collect();
    let hidden: Vec<&Field> = op
        .inputs
        .iter()
        .filter(|f| f.placement == Placement::Hidden)
        .collect();
    for f in &shown {
        input(out, f);
    }
    if !advanced.is_empty() {
        out.push_str("<details class=\"all\"><summary></summary>");
        for f in &advanced {
            input(out, f);
        }
        out.push_str("</details>");
    }
    if !hidden.is_empty() {
        out.push_str("<div class=\"hidden-fields\">Hidden from makers (internal):<ul>");
        for f in &hidden {
            let _ = write!(out, "<li{}>{}", link(&f.source), escape(&f.label));
            if let Some(d) = &f.default {
                let _ = write!(out, " = <code>{}</code>", escape(d));
            }
            badges(out, &f.findings);
            out.push_str("</li>");
        }
        out.push_str("</ul></div>");
    }
    if op.truncated {
        out.push_str("<p class=\"help\">Some fields are not shown (too many or too deep).</p>");
    }
    outputs(out, op);
    out.push_str("</div></article>\n");
}

fn input(out: &mut String, f: &Field) {
    let nested = if f.depth > 0 { " nested" } else { "" };
    let depth = f.depth.min(8);
    let _ = write!(
        out,
        "<div class=\"field{nested} depth-{depth}\"{}>",
        link(&f.source)
    );
    let label = if f.label_is_raw {
        format!("<span class=\"raw\">{}</span>", escape(&f.label))
    } else {
        escape(&f.label)
    };
    let _ = write!(out, "<label>{label}");
    if f.required {
        out.push_str("<span class=\"req\" title=\"Required\">*</span>");
    }
    out.push_str("</label>");
    let placeholder = f
        .description
        .as_deref()
        .filter(|d| !d.is_empty())
        .map(escape)
        .unwrap_or_else(|| format!("Enter {}", escape(&f.label)));
    let list = if f.array { " (list)" } else { "" };
    match &f.control {
        Control::Text => {
            let _ = write!(out, "<div class=\"control text\">{placeholder}{list}</div>");
        }
        Control::Number { integer } => {
            let _ = write!(
                out,
                "<div class=\"control number\">{placeholder}{list}<span class=\"dyn\">{}</span></div>",
                if *integer { "integer" } else { "number" }
            );
        }
        Control::YesNo => {
            let _ = write!(
                out,
                "<div class=\"control yesno\">Yes / No{list}<span class=\"chev\"></span></div>"
            );
        }
        Control::Date => {
            let _ = write!(out, "<div class=\"control date\">YYYY-MM-DD{list}</div>");
        }
        Control::DateTime => {
            let _ = write!(
                out,
                "<div class=\"control datetime\">YYYY-MM-DDTHH:mm:ssZ{list}</div>"
            );
        }
        Control::File => {
            let _ = write!(out, "<div class=\"control file\">File content{list}</div>");
        }
        Control::Object => {
            let _ = write!(
                out,
                "<div class=\"control object\">{placeholder}{list}</div>"
            );
        }
        Control::Dropdown { options } => {
            let names: Vec<String> = options.iter().map(|o| escape(&o.label)).collect();
            let _ = write!(
                out,
                "<div class=\"control dropdown\" title=\"{}\">{}{list}<span class=\"chev\"></span></div>",
                names.join(", "),
                names.first().cloned().unwrap_or_default()
            );
        }
        Control::DynamicDropdown {
            operation,
            operation_found,
            extension,
        } => {
            let called = operation.as_deref().unwrap_or("?");
            let _ = write!(
                out,
                "<div class=\"control dynamic\" title=\"{extension}\">{placeholder}{list}<span class=\"dyn\">from {}{}</span><span class=\"chev\"></span></div>",
                escape(called),
                if *operation_found { "" } else { " (not found)" }
            );
        }
        Control::DynamicSchema(d) => {
            let _ = write!(
                out,
                "<div class=\"control dynschema\">Fields from {}{}</div>",
                escape(d.operation.as_deref().unwrap_or("?")),
                if d.operation_found {
                    ""
                } else {
                    " (not found)"
                }
            );
        }
    }
    if let Some(d) = &f.default {
        let _ = write!(out, "<div class=\"help\">Default: {}</div>", escape(d));
    }
    badges(out, &f.findings);
    out.push_str("</div>");
}

fn outputs(out: &mut String, op: &OperationCard) {
    if op.outputs.is_empty() && op.dynamic_outputs.is_none() {
        return;
    }
    out.push_str("<div class=\"outputs\"><h3>Dynamic content");
    match op.output_response.as_deref() {
        Some("x-ms-notification-content") => out.push_str(" (what the service posts)"),
        Some(code) => {
            let _ = write!(out, " (response {})", escape(code));
        }
        None => {}
    }
    out.push_str("</h3>");
    if let Some(d) = &op.dynamic_outputs {
        let _ = write!(
            out,
            "<div class=\"help\">Outputs from {}{}</div>",
            escape(d.operation.as_deref().unwrap_or("?")),
            if d.operation_found {
                ""
            } else {
                " (not found)"
            }
        );
    }
    for f in &op.outputs {
        let hidden = if f.placement == Placement::Hidden {
            " hidden"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<span class=\"token{hidden}\"{} title=\"{}\">{}<span class=\"ty\">{}</span>",
            link(&f.source),
            escape(&f.path.join(".")),
            escape(&f.label),
            escape(&f.type_name)
        );
        badges(out, &f.findings);
        out.push_str("</span>");
    }
    out.push_str("</div>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{1b}[31m"), "a\u{fffd}[31m");
    }

    #[test]
    fn only_hex_colors_reach_the_style() {
        assert!(is_hex_color("#0A0b0c"));
        assert!(!is_hex_color("red; background: url(x)"));
        assert!(!is_hex_color("#12345"));
    }
}
