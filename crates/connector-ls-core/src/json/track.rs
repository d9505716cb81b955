//! Which string values a computation reads, so that an edit inside one string re-runs only the
//! computations that read it.
//!
//! While a [`Scope`] is open on a thread for a [`Tree`], every read of a string's value from that
//! tree on that thread ([`Node::as_str`](super::Node::as_str), [`Node::source`](super::Node::source)
//! and everything built on them) sets the node's bit in the scope's [`Reads`]. Nothing else about
//! a tree can change when an author types inside a string: [`super::reparse_edit`] keeps the
//! shape, the keys and every other value, and moves the positions after the edit by one amount.
//! So a deterministic computation whose reads do not include the edited string (or a container
//! around it, read whole through `source`) gives the same result on the new tree, with positions
//! moved the same way.
//!
//! Computations that look at anything else that can change (other files on disk, the raw text
//! as a whole) call [`note_everything`]. Reading the layout between tokens (indentation, line
//! endings) needs no note: typing inside a string never changes it.
//!
//! With no scope open, as in the command-line checker, a read costs one thread-local compare.

use std::any::TypeId;
use std::cell::{Cell, RefCell};

use super::tree::{NodeId, Tree};

/// What one computation read from the tracked tree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reads {
    /// One bit per node id; empty until the first read.
    bits: Vec<u64>,
    /// The computation depends on something other than the tree's strings.
    everything: bool,
    /// The computation read the readme, intro, script or icon ([`note_companions`]).
    companions: bool,
    /// The shared computations ([`merge`]) already folded into this one.
    merged: Vec<TypeId>,
}

impl Reads {
    /// Whether the computation may see a difference when the string `node` changes: it read
    /// the string, or a container around it as a whole, or something outside the tree.
    pub fn touches(&self, tree: &Tree, node: NodeId) -> bool {
        if self.everything {
            return true;
        }
        let mut cur = Some(tree.node(node));
        while let Some(n) = cur {
            if self.has(n.id()) {
                return true;
            }
            cur = n.parent();
        }
        false
    }

    /// The reads of a computation that depends on everything.
    pub fn everything_read() -> Self {
        Reads {
            everything: true,
            ..Reads::default()
        }
    }

    /// Whether the computation depends on something other than the tree's strings.
    pub fn everything(&self) -> bool {
        self.everything
    }

    /// Whether the computation read the files beside the documents (readme, intro, script,
    /// icon): it may differ when one of them does.
    pub fn companions(&self) -> bool {
        self.companions
    }

    fn has(&self, id: NodeId) -> bool {
        let id = id as usize;
        self.bits
            .get(id / 64)
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    fn set(&mut self, id: NodeId, nodes: usize) {
        if self.bits.is_empty() {
            self.bits = vec![0; nodes.div_ceil(64)];
        }
        let id = id as usize;
        if let Some(w) = self.bits.get_mut(id / 64) {
            *w |= 1 << (id % 64);
        }
    }

    /// What two computations read together.
    pub fn union(&self, other: &Reads) -> Reads {
        let mut out = self.clone();
        out.union_with(other);
        out
    }

    fn union_with(&mut self, other: &Reads) {
        self.everything |= other.everything;
        self.companions |= other.companions;
        if other.bits.is_empty() {
            return;
        }
        if self.bits.len() < other.bits.len() {
            self.bits.resize(other.bits.len(), 0);
        }
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a |= b;
        }
    }
}

thread_local! {
    /// The address of the tree the open scope tracks (0: none), checked on every read.
    static TRACKED: Cell<usize> = const { Cell::new(0) };
    static LOG: RefCell<Reads> = RefCell::new(Reads::default());
}

fn address(tree: &Tree) -> usize {
    tree as *const Tree as usize
}

/// Records that the current computation read the value of node `id` of `tree`.
#[inline]
pub(crate) fn note(tree: &Tree, id: NodeId) {
    if TRACKED.get() == address(tree) {
        note_slow(tree, id);
    }
}

#[cold]
fn note_slow(tree: &Tree, id: NodeId) {
    LOG.with_borrow_mut(|log| log.set(id, tree.node_count()));
}

/// Records that the current computation depends on more than the tracked tree's strings (a
/// file read from disk, the whole text): it runs again after any edit.
pub fn note_everything() {
    if TRACKED.get() != 0 {
        LOG.with_borrow_mut(|log| log.everything = true);
    }
}

/// Records that the current computation read the package's files beside its documents
/// (readme, intro, script, icon): it runs again when one of them changes.
pub fn note_companions() {
    if TRACKED.get() != 0 {
        LOG.with_borrow_mut(|log| log.companions = true);
    }
}

/// Folds the reads of a shared computation (a memo every rule may use, keyed by its type) into
/// the current one, once per key.
pub fn merge(key: TypeId, reads: &Reads) {
    if TRACKED.get() == 0 {
        return;
    }
    LOG.with_borrow_mut(|log| {
        if !log.merged.contains(&key) {
            log.merged.push(key);
            log.union_with(reads);
        }
    });
}

/// Runs `f`, recording what it reads of `tree` (on this thread); records nothing, and returns
/// `None`, when `tree` is `None`.
pub fn reading<T>(tree: Option<&Tree>, f: impl FnOnce() -> T) -> (T, Option<Reads>) {
    let scope = tree.map(Scope::open);
    let value = f();
    (value, scope.map(Scope::finish))
}

/// Tracks the reads of `tree` on this thread until [`Scope::finish`] (or drop), which restores
/// whatever scope was open before: scopes nest (a rule computing a memo opens one for the memo).
pub struct Scope {
    saved: Option<(usize, Reads)>,
}

impl Scope {
    pub fn open(tree: &Tree) -> Self {
        let saved = (TRACKED.replace(address(tree)), LOG.take());
        Scope { saved: Some(saved) }
    }

    /// Ends the scope and returns what was read in it.
    pub fn finish(mut self) -> Reads {
        self.restore()
    }

    fn restore(&mut self) -> Reads {
        let Some((tracked, log)) = self.saved.take() else {
            return Reads::default();
        };
        TRACKED.set(tracked);
        let mut reads = LOG.replace(log);
        reads.merged = Vec::new();
        reads
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        self.restore();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn records_the_strings_read_and_their_containers() {
        let p = parse(r#"{"a": {"b": "x", "c": "y"}, "d": "z"}"#);
        let root = p.tree.root().unwrap();
        let (b, c, d) = (
            root.path(&["a", "b"]).unwrap(),
            root.path(&["a", "c"]).unwrap(),
            root.get("d").unwrap(),
        );
        let scope = Scope::open(&p.tree);
        assert_eq!(b.as_str(), Some("x"));
        let reads = scope.finish();
        assert!(reads.touches(&p.tree, b.id()));
        assert!(!reads.touches(&p.tree, c.id()) && !reads.touches(&p.tree, d.id()));

        // The source of a container covers every string in it.
        let scope = Scope::open(&p.tree);
        let _ = root.get("a").unwrap().source();
        let reads = scope.finish();
        assert!(reads.touches(&p.tree, c.id()) && !reads.touches(&p.tree, d.id()));

        // Without a scope nothing is recorded; reads of another tree are not recorded.
        let other = parse(r#"{"d": "z"}"#);
        let scope = Scope::open(&other.tree);
        let _ = d.as_str();
        assert_eq!(scope.finish(), Reads::default());
    }

    #[test]
    fn scopes_nest_and_merge_once() {
        let p = parse(r#"["x", "y"]"#);
        let root = p.tree.root().unwrap();
        let (x, y) = (root.item(0).unwrap(), root.item(1).unwrap());
        let outer = Scope::open(&p.tree);
        let inner = Scope::open(&p.tree);
        let _ = y.as_str();
        let memo = inner.finish();
        let _ = x.as_str();
        merge(TypeId::of::<u8>(), &memo);
        merge(TypeId::of::<u8>(), &Reads::default());
        note_everything();
        let reads = outer.finish();
        assert!(reads.touches(&p.tree, y.id()) && reads.everything());
        assert!(!memo.touches(&p.tree, x.id()));
        // Closed scopes leave nothing behind.
        let _ = x.as_str();
        assert_eq!(TRACKED.get(), 0);
    }
}
