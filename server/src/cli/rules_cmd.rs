//! `connector-ls rules` (the registry as text, JSON or a Markdown table) and `explain CODE`.

use std::io::{self, Write};

use serde::Serialize;

use super::validator_codes::DOCUMENTED_CODES;
use crate::rules::{self, FixAvailability, Rule, Severity, DEFAULT_DOCS_BASE_URL, RULES};

/// How `rules` prints the registry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    /// Aligned columns: code, severity, certification, fix, summary.
    #[default]
    Text,
    /// An array of `{code, documented, implemented, severity, fix, reason, ...}`, including the
    /// validator's documented codes this engine does not implement yet.
    Json,
    /// The Markdown rule table kept in README.md.
    Markdown,
}

fn fix_str(f: FixAvailability) -> &'static str {
    match f {
        FixAvailability::None => "none",
        FixAvailability::Safe => "safe",
        FixAvailability::Unsafe => "unsafe",
    }
}

/// Rules sorted by code, so the listings are stable whatever the family order.
fn sorted_rules() -> Vec<&'static Rule> {
    let mut v: Vec<&'static Rule> = RULES.to_vec();
    v.sort_by_key(|r| r.code);
    v
}

#[derive(Serialize)]
struct RuleEntry {
    code: &'static str,
    documented: bool,
    implemented: bool,
    severity: Option<Severity>,
    certification: Option<bool>,
    fix: Option<&'static str>,
    summary: Option<&'static str>,
    /// Why the entry is as it is: null for an implemented rule, else why it is not.
    reason: Option<&'static str>,
}

/// The `rules --format json` entries: every rule of the registry, then every documented
/// validator code no rule implements.
fn entries() -> Vec<RuleEntry> {
    let mut out: Vec<RuleEntry> = sorted_rules()
        .into_iter()
        .map(|r| RuleEntry {
            code: r.code,
            documented: r.documented,
            implemented: true,
            severity: Some(r.severity),
            certification: Some(r.certification),
            fix: Some(fix_str(r.fix)),
            summary: Some(r.summary),
            reason: None,
        })
        .collect();
    for &code in DOCUMENTED_CODES {
        if rules::rule(code).is_some_and(|r| r.code == code) {
            continue;
        }
        out.push(RuleEntry {
            code,
            documented: true,
            implemented: false,
            severity: None,
            certification: None,
            fix: None,
            summary: None,
            reason: Some("documented by the validator; not implemented by connector-ls yet"),
        });
    }
    out
}

/// Escapes a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The Markdown rule table (what README.md holds between its `rules` markers).
pub fn markdown_table() -> String {
    let mut s = String::from("| Code | Severity | Certification | Fix | Summary |\n");
    s.push_str("| --- | --- | --- | --- | --- |\n");
    for r in sorted_rules() {
        let code = if r.documented {
            format!("`{}`", r.code)
        } else {
            format!("`{}` *", r.code)
        };
        s.push_str(&format!(
            "| {code} | {} | {} | {} | {} |\n",
            r.severity.as_str(),
            if r.certification { "yes" } else { "no" },
            fix_str(r.fix),
            cell(r.summary)
        ));
    }
    s.push_str("\n\\* our own code; the others are the validator's documented codes.\n");
    s
}

pub fn list(format: RulesFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &entries())?;
            writeln!(out)
        }
        RulesFormat::Markdown => out.write_all(markdown_table().as_bytes()),
        RulesFormat::Text => {
            let rules = sorted_rules();
            let width = rules.iter().map(|r| r.code.len()).max().unwrap_or(4).max(4);
            writeln!(
                out,
                "{:width$}  {:8}  {:13}  {:6}  SUMMARY",
                "CODE", "SEVERITY", "CERTIFICATION", "FIX"
            )?;
            for r in rules {
                writeln!(
                    out,
                    "{:width$}  {:8}  {:13}  {:6}  {}",
                    r.code,
                    r.severity.as_str(),
                    if r.certification { "yes" } else { "no" },
                    fix_str(r.fix),
                    r.summary
                )?;
            }
            Ok(())
        }
    }
}

/// `explain CODE`: the rule's docs and link. Returns the exit status.
pub fn explain(code: &str, out: &mut dyn Write) -> io::Result<i32> {
    let Some(rule) = rules::rule(code) else {
        let hint = rules::support::did_you_mean(code, RULES.iter().map(|r| r.code))
            .map(|c| format!(" (did you mean '{c}'?)"))
            .unwrap_or_default();
        let documented = if DOCUMENTED_CODES
            .iter()
            .any(|c| c.eq_ignore_ascii_case(code))
        {
            " It is a documented validator code that connector-ls does not implement yet."
        } else {
            ""
        };
        eprintln!("connector-ls: unknown rule code '{code}'{hint}.{documented}");
        return Ok(super::EXIT_USAGE);
    };
    writeln!(out, "# {}", rule.code)?;
    writeln!(out)?;
    writeln!(out, "{}", rule.summary)?;
    writeln!(out)?;
    writeln!(
        out,
        "Severity: {} · Certification only: {} · Fix: {} · {}",
        rule.severity.as_str(),
        if rule.certification { "yes" } else { "no" },
        fix_str(rule.fix),
        if rule.documented {
            "Validator code"
        } else {
            "connector-ls code"
        }
    )?;
    writeln!(out)?;
    writeln!(out, "{}", rule.docs.trim_end())?;
    writeln!(out)?;
    writeln!(out, "Docs: {}", rule.docs_url(DEFAULT_DOCS_BASE_URL))?;
    Ok(super::EXIT_OK)
}
