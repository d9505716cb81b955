//! `connector-ls rules` (the registry as text, JSON or a Markdown table) and `explain CODE`.

use std::io::{self, Write};

use serde::Serialize;

use connector_ls_core::rules::{
    self, FixAvailability, Rule, Severity, DEFAULT_DOCS_BASE_URL, RULES,
};
use connector_ls_core::validator_codes::DOCUMENTED_CODES;

/// How `rules` prints the registry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    /// Aligned columns: code, severities (the default first: `error/warning` when some findings
    /// are warnings), group, certification, fix, summary (with `--all`: whether each code is
    /// implemented, and why not).
    #[default]
    Text,
    /// An array of `{code, documented, implemented, severity, severities, fix, reason, ...}`
    /// (with `--all`, also the validator's documented codes this engine does not implement).
    Json,
    /// The Markdown rule table kept in README.md.
    Markdown,
    /// The full rule reference kept in docs/rules.md (what our docs links point at).
    Docs,
}

fn fix_str(f: FixAvailability) -> &'static str {
    match f {
        FixAvailability::None => "none",
        FixAvailability::Safe => "safe",
        FixAvailability::Unsafe => "unsafe",
    }
}

/// A rule's severities for the listing's column: `error`, or `error/warning` when some of its
/// findings have another ([`Rule::also`]).
fn severity_column(r: &Rule) -> String {
    r.severities()
        .map(Severity::as_str)
        .collect::<Vec<_>>()
        .join("/")
}

/// A rule's severities in words: `error`, or `error (some findings: warning)`.
fn severity_words(r: &Rule) -> String {
    let also: Vec<&str> = r.also.iter().map(|s| s.as_str()).collect();
    if also.is_empty() {
        r.severity.as_str().to_string()
    } else {
        format!(
            "{} (some findings: {})",
            r.severity.as_str(),
            also.join(", ")
        )
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
    /// The default severity.
    severity: Option<Severity>,
    /// Every severity a finding of the rule can have: the default, then the others some of its
    /// findings have.
    severities: Option<Vec<Severity>>,
    /// The rule's family: the group that selects it in `[rules]` of `connector-ls.toml`.
    group: Option<&'static str>,
    certification: Option<bool>,
    /// `validator`, `connector-ls` or `review` (what `--select`/`--ignore` accept as a group).
    category: &'static str,
    fix: Option<&'static str>,
    summary: Option<&'static str>,
    /// Why the entry is as it is: null for an implemented rule, else why it is not.
    reason: Option<&'static str>,
}

/// The `rules --format json` entries: every rule of the registry, then (with `all`) every
/// documented validator code no rule implements, with the reason from the registry's table.
fn entries(all: bool) -> Vec<RuleEntry> {
    let mut out: Vec<RuleEntry> = sorted_rules()
        .into_iter()
        .map(|r| RuleEntry {
            code: r.code,
            documented: r.documented,
            implemented: true,
            severity: Some(r.severity),
            severities: Some(r.severities().collect()),
            group: Some(rules::family_of(r)),
            certification: Some(r.certification),
            category: rules::category(r),
            fix: Some(fix_str(r.fix)),
            summary: Some(r.summary),
            reason: None,
        })
        .collect();
    if !all {
        return out;
    }
    for code in unimplemented_codes() {
        out.push(RuleEntry {
            code,
            documented: true,
            implemented: false,
            severity: None,
            severities: None,
            group: None,
            certification: None,
            category: "validator",
            fix: None,
            summary: None,
            reason: Some(rules::not_implemented_reason(code)),
        });
    }
    out
}

/// The documented validator codes no rule of the registry implements, sorted.
fn unimplemented_codes() -> impl Iterator<Item = &'static str> {
    DOCUMENTED_CODES
        .iter()
        .copied()
        .filter(|&code| rules::rule(code).is_none_or(|r| r.code != code))
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
            severity_words(r),
            if r.certification { "yes" } else { "no" },
            fix_str(r.fix),
            cell(r.summary)
        ));
    }
    s.push_str("\n\\* our own code; the others are the validator's documented codes.\n");
    s
}

/// The rule reference page: every rule's docs under a `## Code` heading, so
/// `docs/rules.md#code` links (our `docsUrl`s) land on it.
pub fn docs_page() -> String {
    let mut s = String::from(
        "# connector-ls rules\n\n\
         Generated by `connector-ls rules --format docs`; edit the rule files, not this page.\n\
         Codes marked *validator* are the codes documented by Microsoft's Swagger Validator \
         (see also <https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules>); \
         the others are connector-ls's own.\n",
    );
    for r in sorted_rules() {
        s.push_str(&format!(
            "\n## {}\n\n*{} · {} · fix: {} · {}{}*\n\n{}\n\n",
            r.code,
            severity_words(r),
            if r.certification {
                "certification only"
            } else {
                "always checked"
            },
            fix_str(r.fix),
            if r.documented {
                "validator"
            } else {
                "connector-ls"
            },
            if rules::category(r) == "review" {
                " · category: review"
            } else {
                ""
            },
            r.summary
        ));
        let mut in_fence = false;
        for line in r.docs.trim().lines() {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
            }
            if !in_fence && line.starts_with('#') {
                s.push('#');
            }
            s.push_str(line);
            s.push('\n');
        }
    }
    s
}

/// Prints the registry. `all` adds the documented validator codes no rule implements (text and
/// JSON; the Markdown and docs pages are about the implemented rules only).
pub fn list(format: RulesFormat, all: bool, out: &mut dyn Write) -> io::Result<()> {
    match format {
        RulesFormat::Docs => out.write_all(docs_page().as_bytes()),
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &entries(all))?;
            writeln!(out)
        }
        RulesFormat::Markdown => out.write_all(markdown_table().as_bytes()),
        RulesFormat::Text if all => list_all_text(out),
        RulesFormat::Text => {
            let rules = sorted_rules();
            let width = rules.iter().map(|r| r.code.len()).max().unwrap_or(4).max(4);
            let severities = rules
                .iter()
                .map(|r| severity_column(r).len())
                .max()
                .unwrap_or(8)
                .max(8);
            let groups = rules::FAMILIES
                .iter()
                .map(|(g, _)| g.len())
                .max()
                .unwrap_or(5);
            writeln!(
                out,
                "{:width$}  {:severities$}  {:groups$}  {:13}  {:6}  {:12}  SUMMARY",
                "CODE", "SEVERITY", "GROUP", "CERTIFICATION", "FIX", "CATEGORY"
            )?;
            for r in rules {
                writeln!(
                    out,
                    "{:width$}  {:severities$}  {:groups$}  {:13}  {:6}  {:12}  {}",
                    r.code,
                    severity_column(r),
                    rules::family_of(r),
                    if r.certification { "yes" } else { "no" },
                    fix_str(r.fix),
                    rules::category(r),
                    r.summary
                )?;
            }
            Ok(())
        }
    }
}

/// `rules --all` as text: every rule and every documented code, whether it is implemented, and
/// the summary of a rule or the reason it is missing; a count line closes the listing.
fn list_all_text(out: &mut dyn Write) -> io::Result<()> {
    let entries = entries(true);
    let width = entries
        .iter()
        .map(|e| e.code.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let severity = |e: &RuleEntry| match &e.severities {
        Some(all) => all.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("/"),
        None => "-".to_string(),
    };
    let severities = entries
        .iter()
        .map(|e| severity(e).len())
        .max()
        .unwrap_or(8)
        .max(8);
    writeln!(
        out,
        "{:width$}  {:11}  {:10}  {:severities$}  {:6}  SUMMARY / REASON",
        "CODE", "IMPLEMENTED", "DOCUMENTED", "SEVERITY", "FIX"
    )?;
    let mut sorted: Vec<&RuleEntry> = entries.iter().collect();
    sorted.sort_by_key(|e| e.code);
    for e in &sorted {
        writeln!(
            out,
            "{:width$}  {:11}  {:10}  {:severities$}  {:6}  {}",
            e.code,
            if e.implemented { "yes" } else { "no" },
            if e.documented { "yes" } else { "no" },
            severity(e),
            e.fix.unwrap_or("-"),
            if e.implemented {
                e.summary.unwrap_or("")
            } else {
                e.reason.unwrap_or("")
            }
        )?;
    }
    let documented = entries.iter().filter(|e| e.documented).count();
    let missing = entries.iter().filter(|e| !e.implemented).count();
    writeln!(
        out,
        "\n{} rules implemented; {documented} documented validator codes, {} of them implemented, \
         {missing} not.",
        entries.len() - missing,
        documented - missing
    )
}

/// `explain CODE`: the rule's docs and link. Returns the exit status.
pub fn explain(code: &str, out: &mut dyn Write) -> io::Result<i32> {
    let Some(rule) = rules::rule(code) else {
        let hint = rules::support::did_you_mean(code, RULES.iter().map(|r| r.code))
            .map(|c| format!(" (did you mean '{c}'?)"))
            .unwrap_or_default();
        let documented = DOCUMENTED_CODES
            .iter()
            .find(|c| c.eq_ignore_ascii_case(code))
            .map(|c| {
                format!(
                    " It is a documented validator code that connector-ls does not implement: {}.",
                    rules::not_implemented_reason(c)
                )
            })
            .unwrap_or_default();
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
        severity_words(rule),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_implemented_table_names_only_documented_codes_without_a_rule() {
        for (code, why) in rules::NOT_IMPLEMENTED {
            assert!(DOCUMENTED_CODES.contains(code), "{code} is not documented");
            assert!(
                rules::rule(code).is_none(),
                "{code} has a rule now: drop it"
            );
            assert!(
                why.len() > 20 && !why.ends_with('.'),
                "{code}: one clause, no period"
            );
        }
    }
}
