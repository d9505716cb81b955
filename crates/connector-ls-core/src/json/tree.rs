//! The parsed document: an arena of nodes with byte ranges, parents and member keys.
//!
//! [`Node`] is a cheap `Copy` handle (tree reference + index) with the navigation rules need:
//! `get`, `members`, `items`, `parent`, `pointer`, typed accessors. Strings without escapes are
//! served straight from the source text; escaped ones from a decoded side buffer.

use std::sync::Arc;

use super::pointer::PointerBuf;
use crate::recycle::Pool;
use crate::text::{SharedText, TextRange};

pub type NodeId = u32;

/// A cheap hash of a member name: its length and four of its bytes (first, second, middle,
/// last), computed in constant time. Comparing it first spares most byte comparisons in
/// [`Node::get`], the engine's hottest function; names that collide (rare among the keys of one
/// object) are told apart by their bytes.
pub(crate) const fn key_hash(bytes: &[u8]) -> u32 {
    const fn at(bytes: &[u8], i: usize) -> u32 {
        if i < bytes.len() {
            bytes[i] as u32
        } else {
            0
        }
    }
    let n = bytes.len();
    let sample = at(bytes, 0)
        | at(bytes, 1) << 8
        | at(bytes, n / 2) << 16
        | at(bytes, n.wrapping_sub(1)) << 24;
    sample ^ (n as u32).wrapping_mul(0x9e37_79b1)
}

const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
    /// A value the parser expected but could not read (missing or garbled).
    Error,
}

impl Kind {
    /// The JSON type name, as messages and schemas spell it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Object => "object",
            Kind::Array => "array",
            Kind::String => "string",
            Kind::Number => "number",
            Kind::Bool => "boolean",
            Kind::Null => "null",
            Kind::Error => "invalid",
        }
    }
}

/// Where a string's value lives: a slice of the source text or of the decoded buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StrRef {
    Source(u32, u32),
    Decoded(u32, u32),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NodeData {
    pub(crate) kind: Kind,
    pub(crate) range: TextRange,
    pub(crate) parent: u32,
    /// Index into `keys` for object members, else `NONE`.
    pub(crate) key: u32,
    /// [`key_hash`] of the member name (0 when there is none): lookups compare it before bytes.
    pub(crate) key_hash: u32,
    /// For containers: start and length in `children`. For strings: the value. For bools: 0/1.
    pub(crate) a: u32,
    pub(crate) b: u32,
    pub(crate) str_ref: Option<StrRef>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KeyData {
    pub(crate) range: TextRange,
    pub(crate) value: StrRef,
}

/// A parsed JSON document. Owns its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tree {
    pub(crate) text: SharedText,
    pub(crate) nodes: Vec<NodeData>,
    pub(crate) keys: Vec<KeyData>,
    /// Shared ([`Arc`]) like the two below: typing inside a string changes none of them, so a
    /// reparse ([`super::reparse`]) reuses them as they are.
    pub(crate) children: Arc<[NodeId]>,
    /// The [`key_hash`] of each entry of `children` (0 for array items), side by side so that a
    /// member lookup scans one small contiguous run.
    pub(crate) child_hashes: Arc<[u32]>,
    pub(crate) decoded: Arc<str>,
    pub(crate) root: u32,
}

/// The node and key arrays of dropped trees, for the next parse ([`crate::recycle`]).
pub(crate) static NODE_BUFFERS: Pool<NodeData> = Pool::new();
pub(crate) static KEY_BUFFERS: Pool<KeyData> = Pool::new();

impl Drop for Tree {
    fn drop(&mut self) {
        NODE_BUFFERS.give(std::mem::take(&mut self.nodes));
        KEY_BUFFERS.give(std::mem::take(&mut self.keys));
    }
}

impl Tree {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The top-level value, if the document has one.
    pub fn root(&self) -> Option<Node<'_>> {
        (self.root != NONE).then(|| self.node(self.root))
    }

    pub fn node(&self, id: NodeId) -> Node<'_> {
        Node { tree: self, id }
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Every object member named `key`, in document order: one pass over the nodes' name
    /// hashes, without walking the tree. Names are not values: this reads no string
    /// ([`super::track`]).
    pub fn members_named<'t>(&'t self, key: &'t str) -> impl Iterator<Item = Node<'t>> + 't {
        let hash = key_hash(key.as_bytes());
        (0..self.nodes.len() as NodeId)
            .filter(move |&id| {
                self.nodes[id as usize].key_hash == hash && self.key_is(id, key.as_bytes())
            })
            .map(move |id| self.node(id))
    }

    /// Resolves an RFC 6901 pointer (`""` is the root, `/a/0/b~1c` ...).
    pub fn resolve(&self, pointer: &str) -> Option<Node<'_>> {
        match self.closest(pointer) {
            (node, true) => Some(node),
            _ => None,
        }
    }

    /// Resolves as much of `pointer` as exists: the deepest existing node and whether the whole
    /// pointer resolved. Returns the root (or nothing) when not even the first token exists.
    pub fn closest(&self, pointer: &str) -> (Node<'_>, bool) {
        let root = match self.root() {
            Some(r) => r,
            None => return (self.node(0), false),
        };
        let mut node = root;
        let Some(rest) = pointer.strip_prefix('/') else {
            return (root, pointer.is_empty());
        };
        for token in rest.split('/') {
            let token = super::pointer::unescape_token(token);
            let next = match node.kind() {
                Kind::Object => node.get(&token),
                Kind::Array => token.parse::<usize>().ok().and_then(|i| node.item(i)),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => return (node, false),
            }
        }
        (node, true)
    }

    /// The innermost node whose range contains `offset`, or whose key does. Used to find what is
    /// under the cursor.
    pub fn node_at(&self, offset: u32) -> Option<Node<'_>> {
        let mut node = self.root()?;
        if !node.range().touches(offset) {
            return None;
        }
        'descend: loop {
            for child in node.children() {
                let mut r = child.range();
                if let Some(k) = child.key_range() {
                    r = r.cover(k);
                }
                if r.contains(offset) || (r.touches(offset) && !child.kind().is_container()) {
                    node = child;
                    continue 'descend;
                }
            }
            return Some(node);
        }
    }

    /// The bytes of a string value; comparing these skips the char-boundary checks of `str`
    /// slicing, which dominate key lookups.
    fn bytes_of(&self, r: StrRef) -> &[u8] {
        match r {
            StrRef::Source(s, e) => &self.text.as_bytes()[s as usize..e as usize],
            StrRef::Decoded(s, e) => &self.decoded.as_bytes()[s as usize..e as usize],
        }
    }

    /// Whether node `id` is an object member named `key`, given that its name's [`key_hash`]
    /// equals `key`'s (the one caller, [`Node::get`], compares the hashes first).
    fn key_is(&self, id: NodeId, key: &[u8]) -> bool {
        let k = self.nodes[id as usize].key;
        if k == NONE {
            return false;
        }
        let r = self.keys[k as usize].value;
        let len = match r {
            StrRef::Source(s, e) | StrRef::Decoded(s, e) => (e - s) as usize,
        };
        // `key_hash` samples every byte of a name of up to four bytes (`$ref`, `in`, `name`,
        // `type`, ...): equal hashes and lengths already mean equal names.
        len == key.len() && (len <= 4 || self.bytes_of(r) == key)
    }

    fn str_of(&self, r: StrRef) -> &str {
        match r {
            StrRef::Source(s, e) => &self.text[s as usize..e as usize],
            StrRef::Decoded(s, e) => &self.decoded[s as usize..e as usize],
        }
    }
}

impl Kind {
    pub fn is_container(self) -> bool {
        matches!(self, Kind::Object | Kind::Array)
    }
}

/// A handle to one node of a [`Tree`].
#[derive(Clone, Copy)]
pub struct Node<'a> {
    tree: &'a Tree,
    id: NodeId,
}

impl std::fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Node({:?} {} {:?})",
            self.kind(),
            self.pointer(),
            self.range()
        )
    }
}

impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.tree, other.tree) && self.id == other.id
    }
}
impl Eq for Node<'_> {}

impl<'a> Node<'a> {
    fn data(&self) -> &'a NodeData {
        &self.tree.nodes[self.id as usize]
    }

    pub fn tree(&self) -> &'a Tree {
        self.tree
    }

    pub fn id(&self) -> NodeId {
        self.id
    }

    pub fn kind(&self) -> Kind {
        self.data().kind
    }

    /// The byte range of the value (for a member, without its key).
    pub fn range(&self) -> TextRange {
        self.data().range
    }

    /// The source text of the value.
    pub fn source(&self) -> &'a str {
        super::track::note(self.tree, self.id);
        &self.tree.text[self.range().as_usize()]
    }

    pub fn parent(&self) -> Option<Node<'a>> {
        let p = self.data().parent;
        (p != NONE).then(|| self.tree.node(p))
    }

    /// The member name when this node is the value of an object member.
    pub fn key(&self) -> Option<&'a str> {
        let k = self.data().key;
        (k != NONE).then(|| self.tree.str_of(self.tree.keys[k as usize].value))
    }

    /// The range of the member name (with its quotes) when this node is an object member.
    pub fn key_range(&self) -> Option<TextRange> {
        let k = self.data().key;
        (k != NONE).then(|| self.tree.keys[k as usize].range)
    }

    /// The position in the parent array, when the parent is an array.
    pub fn index(&self) -> Option<usize> {
        let parent = self.parent()?;
        if parent.kind() != Kind::Array {
            return None;
        }
        let d = parent.data();
        let siblings = &self.tree.children[d.a as usize..(d.a + d.b) as usize];
        // Node ids follow document order, so siblings are sorted: a linear scan here made
        // reporting every item of a long array quadratic (a million items took minutes).
        siblings.binary_search(&self.id).ok()
    }

    /// Where a finding about this node (or about a key missing from it) should point: its member
    /// name when it has one, else its first character.
    pub fn anchor(&self) -> TextRange {
        if let Some(k) = self.key_range() {
            return k;
        }
        let r = self.range();
        match self.kind() {
            Kind::Object | Kind::Array => TextRange::new(r.start, (r.start + 1).min(r.end)),
            _ => r,
        }
    }

    /// The range covering the member name, colon and value.
    pub fn member_range(&self) -> TextRange {
        match self.key_range() {
            Some(k) => k.cover(self.range()),
            None => self.range(),
        }
    }

    pub fn is_object(&self) -> bool {
        self.kind() == Kind::Object
    }

    pub fn is_array(&self) -> bool {
        self.kind() == Kind::Array
    }

    pub fn is_string(&self) -> bool {
        self.kind() == Kind::String
    }

    pub fn as_str(&self) -> Option<&'a str> {
        let r = self.data().str_ref?;
        super::track::note(self.tree, self.id);
        Some(self.tree.str_of(r))
    }

    pub fn as_bool(&self) -> Option<bool> {
        (self.kind() == Kind::Bool).then(|| self.data().a == 1)
    }

    pub fn as_f64(&self) -> Option<f64> {
        if self.kind() != Kind::Number {
            return None;
        }
        self.source().parse().ok()
    }

    /// The value as an integer, when it is a number without fraction or exponent.
    pub fn as_i64(&self) -> Option<i64> {
        if self.kind() != Kind::Number {
            return None;
        }
        self.source().parse().ok()
    }

    /// Children in document order: member values of an object or items of an array.
    pub fn children(&self) -> impl DoubleEndedIterator<Item = Node<'a>> + ExactSizeIterator + 'a {
        let tree = self.tree;
        let d = self.data();
        let ids: &'a [NodeId] = if d.kind.is_container() {
            &tree.children[d.a as usize..(d.a + d.b) as usize]
        } else {
            &[]
        };
        ids.iter().map(move |&id| tree.node(id))
    }

    /// Number of members or items (0 for scalars).
    pub fn len(&self) -> usize {
        if self.kind().is_container() {
            self.data().b as usize
        } else {
            0
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `(name, value)` pairs of an object (empty for anything else).
    pub fn members(&self) -> impl DoubleEndedIterator<Item = (&'a str, Node<'a>)> + 'a {
        let is_obj = self.is_object();
        self.children()
            .filter(move |_| is_obj)
            .map(|c| (c.key().unwrap_or(""), c))
    }

    /// Items of an array (empty for anything else).
    pub fn items(&self) -> impl DoubleEndedIterator<Item = Node<'a>> + ExactSizeIterator + 'a {
        let d = self.data();
        let tree = self.tree;
        let ids: &'a [NodeId] = if d.kind == Kind::Array {
            &tree.children[d.a as usize..(d.a + d.b) as usize]
        } else {
            &[]
        };
        ids.iter().map(move |&id| tree.node(id))
    }

    pub fn item(&self, i: usize) -> Option<Node<'a>> {
        self.items().nth(i)
    }

    /// The value of member `key`; with duplicate keys the last wins, as in Json.NET.
    ///
    /// Inlined so that the hash of a literal key (most lookups) is computed at compile time.
    #[inline]
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        self.get_hashed(key.as_bytes(), key_hash(key.as_bytes()))
    }

    /// [`Node::get`] with the key's [`key_hash`] given.
    fn get_hashed(&self, key: &[u8], hash: u32) -> Option<Node<'a>> {
        let d = self.data();
        if d.kind != Kind::Object {
            return None;
        }
        let tree = self.tree;
        let (a, b) = (d.a as usize, (d.a + d.b) as usize);
        let ids = &tree.children[a..b];
        let mut hashes = &tree.child_hashes[a..b];
        // The last member of a name wins, as in Json.NET: search from the end. `rposition`
        // over the hashes alone is a tight loop; the bytes are compared only on a hash match.
        while let Some(i) = hashes.iter().rposition(|&h| h == hash) {
            if tree.key_is(ids[i], key) {
                return Some(tree.node(ids[i]));
            }
            hashes = &hashes[..i];
        }
        None
    }

    /// The hash of this member's name ([`key_hash`]; 0 for array items and the root), to match
    /// names against precomputed hashes before comparing bytes.
    pub(crate) fn name_hash(&self) -> u32 {
        self.data().key_hash
    }

    /// Shorthand for `get(key)?.as_str()`.
    pub fn get_str(&self, key: &str) -> Option<&'a str> {
        self.get(key)?.as_str()
    }

    /// Follows a path of member names.
    pub fn path(&self, keys: &[&str]) -> Option<Node<'a>> {
        keys.iter().try_fold(*self, |n, k| n.get(k))
    }

    /// Object member whose name equals `key` ignoring ASCII case.
    pub fn get_ignore_case(&self, key: &str) -> Option<Node<'a>> {
        if !self.is_object() {
            return None;
        }
        self.children()
            .rev()
            .find(|c| c.key().is_some_and(|k| k.eq_ignore_ascii_case(key)))
    }

    /// The JSON pointer of this node (RFC 6901).
    pub fn pointer(&self) -> String {
        let mut chain = Vec::new();
        let mut cur = *self;
        while let Some(parent) = cur.parent() {
            chain.push(cur);
            cur = parent;
        }
        let mut buf = PointerBuf::new();
        for n in chain.iter().rev() {
            match n.key() {
                Some(k) => buf.push(k),
                None => buf.push_index(n.index().unwrap_or(0)),
            };
        }
        buf.into_string()
    }

    /// Ancestors from the parent up to the root.
    pub fn ancestors(&self) -> impl Iterator<Item = Node<'a>> + 'a {
        std::iter::successors(self.parent(), |n| n.parent())
    }

    /// Depth below the root (the root is 0).
    pub fn depth(&self) -> usize {
        self.ancestors().count()
    }

    /// This node as a [`serde_json::Value`] (for schema validation). With duplicate keys the last
    /// wins, as in [`Node::get`]; a value the parser could not read becomes `null`.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self.kind() {
            Kind::Object => {
                let mut map = serde_json::Map::with_capacity(self.len());
                for (k, v) in self.members() {
                    map.insert(k.to_string(), v.to_value());
                }
                Value::Object(map)
            }
            Kind::Array => Value::Array(self.items().map(|i| i.to_value()).collect()),
            Kind::String => Value::String(self.as_str().unwrap_or_default().to_string()),
            Kind::Number => serde_json::from_str::<serde_json::Number>(self.source())
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Kind::Bool => Value::Bool(self.as_bool().unwrap_or_default()),
            Kind::Null | Kind::Error => Value::Null,
        }
    }
}
