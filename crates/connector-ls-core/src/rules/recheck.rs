//! Checking a package again after an edit, re-running only the rules the edit can affect.
//!
//! While an author types inside a string (a description, a summary), [`check_again`] keeps the
//! findings of every rule that did not read that string in the previous check
//! ([`crate::json::track`] records which strings each rule, and each shared memo, reads), moves
//! their positions past the edit, and runs only the others. The result is the one [`check`]
//! gives: a test compares the two after random edits of real connectors.
//!
//! Anything but an edit inside one string of the tracked document (a change of structure, of
//! another document, of the folder's files, of the settings) checks everything again; a
//! changed readme, intro, script or icon runs again the rules that read one of them.

use std::any::TypeId;
use std::cmp::Reverse;
use std::sync::Arc;
use std::time::Duration;

use super::context::CarriedMemo;
use super::{
    enabled, finish, parallelism, run_rule, run_rules, threads_for, Config, Context, Finding,
    Patch, Report, Rule, RuleRun, MAX_FINDINGS_PER_RULE,
};
use crate::json::track::{self, Reads};
use crate::json::{StringEdit, Tree};
use crate::package::{Document, FileKind, Package};

#[cfg(doc)]
use super::check;

/// The time the rules of a re-check took in the check before, from which they are shared out
/// among threads: starting a second thread and joining it costs some tens of microseconds, and
/// on Encodian the rules that read a description (0.9 ms of them a credential scan of the whole
/// text) took 1.6 ms on one thread.
const PARALLEL_FROM_WORK: Duration = Duration::from_micros(400);

/// What a check keeps for the next check of the same package.
#[derive(Debug)]
pub struct Memory {
    config: Config,
    /// The document whose reads were tracked.
    focus: FileKind,
    /// What building the rules' context read.
    context: Reads,
    /// Each enabled rule's run, in registry order.
    runs: Vec<RuleRun>,
    /// The memos of the check ([`Context::memo`]), for the next one to start with.
    memos: Vec<CarriedMemo>,
    /// The rules the check that built this memory ran (it kept the others' findings).
    pub ran: Vec<&'static str>,
    /// The rules it ran on the edited string alone ([`Patch`]).
    pub patched: Vec<&'static str>,
}

/// Checks `package` like [`check`]. `previous` is an earlier package of the same folder and the
/// memory of its check: when the two differ only inside one string of the tracked document,
/// the rules that did not read it keep their findings.
pub fn check_again(
    package: &Package,
    config: &Config,
    previous: Option<(&Package, &Memory)>,
) -> (Vec<Finding>, Memory) {
    let rules = enabled(config);
    let plan = previous.and_then(|(old, memory)| Plan::new(old, memory, package, config, &rules));
    let focus = match &plan {
        Some(plan) => plan.focus,
        None => focus_of(package, previous.map(|(old, _)| old)),
    };
    let tree = package.document(focus).map(Document::tree);
    let carried = plan.as_ref().map(Plan::memos).unwrap_or_default();
    let (cx, context) = Context::tracking(package, config, tree, carried);
    let todo: Vec<usize> = match &plan {
        Some(plan) => (0..rules.len())
            .filter(|&i| matches!(plan.actions[i], Action::Run))
            .collect(),
        None => (0..rules.len()).collect(),
    };
    // A re-check after typing runs a handful of rules, most of them small: a second thread
    // pays only when what they took last time is worth sharing out, and then the longest go
    // first.
    let (order, threads) = match &plan {
        Some(plan) => {
            let expected = |i: usize| plan.memory.runs.get(i).map_or(Duration::ZERO, |r| r.took);
            let mut order = todo.clone();
            order.sort_by_key(|&i| Reverse(expected(i)));
            let work: Duration = order.iter().map(|&i| expected(i)).sum();
            let threads = if work >= PARALLEL_FROM_WORK {
                parallelism()
            } else {
                1
            };
            (order, threads)
        }
        None => (todo.clone(), threads_for(package)),
    };
    let mut fresh = run_rules(&cx, &rules, &order, threads).into_iter();
    let mut runs = Vec::with_capacity(rules.len());
    let mut patched = Vec::new();
    for (i, &rule) in rules.iter().enumerate() {
        let action = plan.as_ref().map_or(Action::Run, |p| p.actions[i]);
        let run = match (action, &plan) {
            (Action::Keep, Some(plan)) => plan.keep(i),
            (Action::Patch(patch), Some(plan)) => {
                patched.push(rule.code);
                plan.patched(&cx, i, patch)
                    .unwrap_or_else(|| run_rule(&cx, rule))
            }
            _ => fresh.next().map(|(_, run)| run).unwrap_or_default(),
        };
        runs.push(run);
    }
    let findings = finish(
        config,
        runs.iter()
            .flat_map(|r| r.findings.iter().cloned())
            .collect(),
    );
    drop(fresh);
    let memory = Memory {
        config: config.clone(),
        focus,
        context,
        runs,
        memos: cx.into_memos(),
        ran: todo.iter().map(|&i| rules[i].code).collect(),
        patched,
    };
    (findings, memory)
}

/// The memos of the check `memory` (of package `old`) that still hold for `package`: nothing
/// they read changed since, as [`check_again`] would carry them. For a computation outside a
/// check that asks for the same memos through a [`Context`] (the language server's hover, which
/// masks the package's credentials on every new version, [`super::review::prepare_secrets`]).
pub(crate) fn still_valid_memos(
    package: &Package,
    old: &Package,
    memory: &Memory,
) -> Vec<CarriedMemo> {
    let rules = enabled(&memory.config);
    Plan::new(old, memory, package, &memory.config, &rules)
        .map(|plan| plan.memos())
        .unwrap_or_default()
}

/// The document to track when nothing says which one the author edits: the one just edited,
/// else the swagger (the largest, where rules spend their time).
///
/// A document unchanged since `previous` is that same version, with the edit that made it
/// (an older one): it is not the one just edited.
fn focus_of(package: &Package, previous: Option<&Package>) -> FileKind {
    let unchanged = |d: &Document| {
        previous
            .and_then(|p| p.document(d.kind))
            .is_some_and(|p| p.revision == d.revision)
    };
    package
        .documents()
        .find(|d| d.edit.is_some() && !unchanged(d))
        .or(package.swagger.as_ref())
        .or(package.documents().next())
        .map_or(FileKind::Swagger, |d| d.kind)
}

/// What a re-check does with one rule.
#[derive(Clone, Copy)]
enum Action {
    /// Keep its previous findings (moved past the edit): it did not read the edited string.
    Keep,
    /// Check the edited string alone and keep its other findings.
    Patch(&'static Patch),
    /// Run it whole.
    Run,
}

/// Which rules to run again, when the previous check's results can be reused.
struct Plan<'m> {
    focus: FileKind,
    edit: Option<StringEdit>,
    /// Per enabled rule, in registry order.
    actions: Vec<Action>,
    /// Which of the previous check's memos are still valid.
    valid_memos: Vec<bool>,
    memory: &'m Memory,
}

impl<'m> Plan<'m> {
    fn new(
        old: &Package,
        memory: &'m Memory,
        new: &Package,
        config: &Config,
        rules: &[&'static Rule],
    ) -> Option<Self> {
        let same_setting = memory.config == *config
            && memory.runs.len() == rules.len()
            && old.dir == new.dir
            && old.publisher == new.publisher
            && old.files == new.files
            && old.load_errors == new.load_errors;
        if !same_setting {
            return None;
        }
        let mut edit = None;
        for kind in [
            FileKind::Swagger,
            FileKind::ApiProperties,
            FileKind::Settings,
        ] {
            match (old.document(kind), new.document(kind)) {
                (None, None) => {}
                // The tracked document, edited inside one string since the previous check.
                (Some(a), Some(b))
                    if kind == memory.focus
                        && a.path == b.path
                        && b.edit.is_some_and(|(from, _)| from == a.revision) =>
                {
                    edit = b.edit.map(|(_, e)| e);
                }
                // The same text parses to the same tree, node for node.
                (Some(a), Some(b)) if a.path == b.path && a.text() == b.text() => {}
                _ => return None,
            }
        }
        let tree: Option<&Tree> = new.document(memory.focus).map(Document::tree);
        // The readme, intro, script and icon are read again at every check.
        let companions_changed = !old.companions.same_files(&new.companions);
        let touched = |reads: &Reads| {
            (companions_changed && reads.companions())
                || match (edit, tree) {
                    (Some(e), Some(tree)) => reads.touches(tree, e.node),
                    _ => false,
                }
        };
        if memory.context.everything() || touched(&memory.context) {
            return None;
        }
        let valid_memos: Vec<bool> = memory
            .memos
            .iter()
            .map(|(_, _, reads)| !reads.everything() && !touched(reads))
            .collect();
        let valid = |key: TypeId| {
            memory
                .memos
                .iter()
                .zip(&valid_memos)
                .any(|((k, _, _), &ok)| *k == key && ok)
        };
        let actions = rules
            .iter()
            .zip(&memory.runs)
            .map(|(rule, run)| {
                if !run.reads.everything() && !touched(&run.reads) {
                    return Action::Keep;
                }
                let patch = super::PATCHES
                    .iter()
                    .flat_map(|list| list.iter())
                    .find(|p| std::ptr::eq(p.rule, *rule));
                match patch {
                    Some(p)
                        if edit.is_some()
                            && valid((p.domain)())
                            && run.findings.len() < MAX_FINDINGS_PER_RULE =>
                    {
                        Action::Patch(p)
                    }
                    _ => Action::Run,
                }
            })
            .collect();
        Some(Plan {
            focus: memory.focus,
            edit,
            actions,
            valid_memos,
            memory,
        })
    }

    /// Rule `i`'s previous run with its findings about the edited string replaced by those of
    /// `patch` on the new string; `None` when the string is not in the patch's domain (or the
    /// findings reach the cap), and the rule must run whole.
    fn patched(&self, cx: &Context, i: usize, patch: &Patch) -> Option<RuleRun> {
        let edit = self.edit?;
        let tree = cx.tracked_tree()?;
        let node = tree.node(edit.node);
        let pointer = node.pointer();
        let mut run = self.keep(i);
        run.findings
            .retain(|f| !(f.file == self.focus && f.pointer == pointer));
        let (in_domain, reads) = track::reading(Some(tree), || {
            (patch.check_one)(cx, node, &mut Report::new(patch.rule, &mut run.findings))
        });
        if !in_domain || run.findings.len() > MAX_FINDINGS_PER_RULE {
            return None;
        }
        run.reads = Arc::new(run.reads.union(&reads.unwrap_or_default()));
        Some(run)
    }

    /// The previous check's memos that nothing they read has changed.
    fn memos(&self) -> Vec<CarriedMemo> {
        self.memory
            .memos
            .iter()
            .zip(&self.valid_memos)
            .filter(|(_, &valid)| valid)
            .map(|(m, _)| m.clone())
            .collect()
    }

    /// The previous run of rule `i`, its positions moved past the edit.
    fn keep(&self, i: usize) -> RuleRun {
        let mut run = self.memory.runs.get(i).cloned().unwrap_or_default();
        if let Some(edit) = &self.edit {
            for f in &mut run.findings {
                shift(f, self.focus, edit);
            }
        }
        run
    }
}

/// Moves the positions of a kept finding in the edited document past the edit.
fn shift(f: &mut Finding, focus: FileKind, edit: &StringEdit) {
    if f.file == focus {
        f.range = edit.shift_range(f.range);
    }
    for r in &mut f.related {
        if r.file == focus && r.path.is_none() {
            r.range = edit.shift_range(r.range);
        }
    }
    if let Some(fix) = &mut f.fix {
        for e in &mut fix.edits {
            if e.file == focus {
                e.range = edit.shift_range(e.range);
            }
        }
    }
}
