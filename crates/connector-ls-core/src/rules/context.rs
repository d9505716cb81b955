//! What a rule sees ([`Context`]) and how it reports ([`Report`]).

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::{Config, Finding, Fix, Related, Rule};
use crate::json::track::{self, Reads};
use crate::json::{Node, Tree};
use crate::package::swagger::{SchemaSite, Swagger};
use crate::package::{FileKind, Package, Publisher};
use crate::text::TextRange;

/// The JSON-schema keywords that constrain or describe a value; see [`Context::keyword_objects`].
pub const VALUE_KEYWORDS: [&str; 15] = [
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "multipleOf",
    "enum",
    "pattern",
    "default",
    "uniqueItems",
];

/// The package under check, with the views rules use most.
pub struct Context<'a> {
    pub package: &'a Package,
    pub config: &'a Config,
    pub swagger: Option<Swagger<'a>>,
    pub publisher: Publisher,
    /// The document whose string reads are tracked ([`crate::json::track`]), if any: the rules
    /// that did not read an edited string keep their findings on the next check.
    track: Option<&'a Tree>,
    /// Every schema of the swagger, collected once for all rules that walk them.
    schemas: OnceLock<Shared<Vec<SchemaSite<'a>>>>,
    /// Every object that carries value keywords, collected once; see [`Context::keyword_objects`].
    keyword_objects: OnceLock<Shared<Vec<Node<'a>>>>,
    /// Derived data shared by several rules, one slot per type; see [`Context::memo`].
    memos: Mutex<HashMap<TypeId, MemoSlot>>,
}

/// Data shared by the rules, with what computing it read (when reads are tracked): a rule that
/// uses it read all of that too.
struct Shared<T> {
    value: T,
    reads: Option<Arc<Reads>>,
}

/// A memo's value.
pub(crate) type MemoValue = Arc<dyn Any + Send + Sync>;

/// A memo of one check that the next check may start with: its type, value and reads.
pub(crate) type CarriedMemo = (TypeId, MemoValue, Arc<Reads>);

/// One memo: computed once, by whichever thread asks first, while the others wait.
type MemoSlot = Arc<OnceLock<Shared<MemoValue>>>;

/// The keys under which [`Context::schemas`] and [`Context::keyword_objects`] fold their reads
/// into a rule's ([`track::merge`]).
struct SchemasKey;
struct KeywordObjectsKey;

impl<'a> Context<'a> {
    pub fn new(package: &'a Package, config: &'a Config) -> Self {
        Self::tracking(package, config, None, Vec::new()).0
    }

    /// A context that starts with `carried`, memos of an earlier check still valid for
    /// `package` ([`super::recheck::still_valid_memos`]), and records no reads.
    pub(crate) fn carrying(
        package: &'a Package,
        config: &'a Config,
        carried: Vec<CarriedMemo>,
    ) -> Self {
        Self::tracking(package, config, None, carried).0
    }

    /// A context whose rules' reads of `track` are recorded, and what building it read.
    /// `carried` are memos of an earlier check that are still valid (nothing they read
    /// changed): the rules get them without computing them again.
    pub(crate) fn tracking(
        package: &'a Package,
        config: &'a Config,
        track: Option<&'a Tree>,
        carried: Vec<CarriedMemo>,
    ) -> (Self, Reads) {
        let (swagger, reads) = track::reading(track, || {
            package
                .swagger
                .as_ref()
                .and_then(|d| d.tree().root())
                .and_then(Swagger::new)
        });
        let cx = Self {
            package,
            config,
            swagger,
            publisher: package.publisher,
            track,
            schemas: OnceLock::new(),
            keyword_objects: OnceLock::new(),
            memos: Mutex::new(
                carried
                    .into_iter()
                    .map(|(key, value, reads)| {
                        let slot = OnceLock::new();
                        let _ = slot.set(Shared {
                            value,
                            reads: Some(reads),
                        });
                        (key, Arc::new(slot))
                    })
                    .collect(),
            ),
        };
        (cx, reads.unwrap_or_default())
    }

    /// The memos this check computed or carried, with their reads (when reads are tracked).
    pub(crate) fn into_memos(self) -> Vec<CarriedMemo> {
        let memos = self.memos.into_inner().unwrap_or_else(|e| e.into_inner());
        memos
            .into_iter()
            .filter_map(|(key, slot)| {
                let shared = slot.get()?;
                Some((key, shared.value.clone(), shared.reads.clone()?))
            })
            .collect()
    }

    /// The tree whose reads this check records.
    pub(crate) fn tracked_tree(&self) -> Option<&'a Tree> {
        self.track
    }

    /// Computes shared data, recording what it reads when reads are tracked.
    fn share<T>(&self, init: impl FnOnce() -> T) -> Shared<T> {
        let (value, reads) = track::reading(self.track, init);
        Shared {
            value,
            reads: reads.map(Arc::new),
        }
    }

    /// Hands out shared data: the caller read what computing it read.
    fn use_shared<T>(key: TypeId, shared: &Shared<T>) -> &T {
        if let Some(reads) = &shared.reads {
            track::merge(key, reads);
        }
        &shared.value
    }

    /// The value of type `T` derived from this package, computed by `init` on first use and
    /// shared by every rule of this check (on any thread). Each type has one slot, so a memo
    /// is best a type private to the rules that share it. The value cannot borrow the tree:
    /// keep [`crate::json::NodeId`]s and turn them back into nodes with
    /// [`crate::json::Tree::node`]. Nor may it hold positions: after an edit inside a string
    /// that `init` did not read, the next check ([`super::check_again`]) starts with this
    /// value, and node ids are all that stay the same.
    pub fn memo<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        let slot = self
            .memos
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(TypeId::of::<T>())
            .or_default()
            .clone();
        let shared =
            slot.get_or_init(|| self.share(|| Arc::new(init()) as Arc<dyn Any + Send + Sync>));
        let value = Self::use_shared(TypeId::of::<T>(), shared).clone();
        // The slot of `TypeId::of::<T>()` only ever holds a `T`.
        value
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable!("memo slot of another type"))
    }

    /// Every schema object of the swagger ([`Swagger::schemas`]), computed on first use and
    /// shared by all rules, so that the largest documents are walked once per check.
    pub fn schemas(&self) -> &[SchemaSite<'a>] {
        let shared = self
            .schemas
            .get_or_init(|| self.share(|| self.swagger.map(|sw| sw.schemas()).unwrap_or_default()));
        Self::use_shared(TypeId::of::<SchemasKey>(), shared).as_slice()
    }

    /// The objects that carry at least one JSON-schema value keyword ([`VALUE_KEYWORDS`]:
    /// `minimum`, `maxLength`, `enum`, `pattern`, `default`, ...), among the schemas of
    /// [`Context::schemas`] and the non-body parameters and response headers of
    /// [`Swagger::simple_value_objects`]. Computed on first use and shared by all rules; most
    /// schemas carry none, so the rules that read these keywords walk a short list.
    pub fn keyword_objects(&self) -> &[Node<'a>] {
        let shared = self.keyword_objects.get_or_init(|| {
            self.share(|| {
                let has_keyword =
                    |n: &Node<'a>| n.members().any(|(k, _)| VALUE_KEYWORDS.contains(&k));
                let mut out: Vec<Node<'a>> = self
                    .schemas()
                    .iter()
                    .map(|s| s.node)
                    .filter(has_keyword)
                    .collect();
                if let Some(sw) = self.swagger {
                    out.extend(sw.simple_value_objects().into_iter().filter(has_keyword));
                }
                out
            })
        });
        Self::use_shared(TypeId::of::<KeywordObjectsKey>(), shared).as_slice()
    }

    /// The root object of apiProperties.json.
    pub fn api_properties(&self) -> Option<Node<'a>> {
        self.package
            .api_properties
            .as_ref()
            .and_then(|d| d.tree().root())
            .filter(Node::is_object)
    }

    /// `apiProperties.json` → `properties`.
    pub fn api_props(&self) -> Option<Node<'a>> {
        self.api_properties()?
            .get("properties")
            .filter(Node::is_object)
    }

    /// The root of any parsed document.
    pub fn root(&self, kind: FileKind) -> Option<Node<'a>> {
        self.package.document(kind).and_then(|d| d.tree().root())
    }
}

/// Collects the findings of one rule. A finding is in the rule's file ([`Rule::file`]) unless
/// it is reported with a `*_in` method, which names another.
///
/// It keeps at most [`MAX_FINDINGS_PER_RULE`](super::MAX_FINDINGS_PER_RULE) + 1 findings (the
/// last becomes the note that counts the rest); later ones are only counted, so a document that
/// repeats one defect a million times costs a count, not a million findings. Rules whose work
/// per finding is expensive (a suggestion, a resolution) ask [`Report::is_full`] first.
pub struct Report<'r> {
    rule: &'static Rule,
    findings: &'r mut Vec<Finding>,
    /// Where this rule's findings start in `findings`.
    start: usize,
    /// Findings reported after the report was full.
    dropped: usize,
    /// What a finding reported after the report was full is written to.
    spare: Finding,
}

impl<'r> Report<'r> {
    pub(crate) fn new(rule: &'static Rule, findings: &'r mut Vec<Finding>) -> Self {
        let start = findings.len();
        Self {
            rule,
            findings,
            start,
            dropped: 0,
            spare: Finding {
                code: rule.code,
                severity: rule.severity,
                message: String::new(),
                file: rule.file,
                pointer: String::new(),
                range: TextRange::default(),
                fix: None,
                related: Vec::new(),
            },
        }
    }

    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// Whether further findings are only counted (the rule's cap is reached): a rule may skip
    /// the expensive part of a finding, as long as it still reports it.
    pub fn is_full(&self) -> bool {
        self.findings.len() - self.start > super::MAX_FINDINGS_PER_RULE
    }

    /// How many findings were reported after the report was full.
    pub(crate) fn dropped(&self) -> usize {
        self.dropped
    }

    /// The finding that a report over the cap hands out: counted, then overwritten.
    fn spare(&mut self) -> &mut Finding {
        self.dropped += 1;
        self.spare.fix = None;
        self.spare.related.clear();
        &mut self.spare
    }

    /// Reports at an explicit range and pointer, in the rule's file ([`Rule::file`]).
    pub fn at_range(
        &mut self,
        pointer: String,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.at_range_in(self.rule.file, pointer, range, message)
    }

    /// [`Report::at_range`] in another file than the rule's.
    pub fn at_range_in(
        &mut self,
        file: FileKind,
        pointer: String,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Finding {
        if self.is_full() {
            return self.spare();
        }
        self.findings.push(Finding {
            code: self.rule.code,
            severity: self.rule.severity,
            message: message.into(),
            file,
            pointer,
            range,
            fix: None,
            related: Vec::new(),
        });
        self.findings.last_mut().expect("just pushed")
    }

    /// Reports a bad value, in the rule's file: the range is the value.
    pub fn at(&mut self, node: Node, message: impl Into<String>) -> &mut Finding {
        self.at_in(self.rule.file, node, message)
    }

    /// [`Report::at`] in another file than the rule's.
    pub fn at_in(
        &mut self,
        file: FileKind,
        node: Node,
        message: impl Into<String>,
    ) -> &mut Finding {
        if self.is_full() {
            return self.spare();
        }
        self.at_range_in(file, node.pointer(), node.range(), message)
    }

    /// Reports a bad member name (an unknown key, say), in the rule's file: the range is the key.
    pub fn at_key(&mut self, node: Node, message: impl Into<String>) -> &mut Finding {
        self.at_key_in(self.rule.file, node, message)
    }

    /// [`Report::at_key`] in another file than the rule's.
    pub fn at_key_in(
        &mut self,
        file: FileKind,
        node: Node,
        message: impl Into<String>,
    ) -> &mut Finding {
        if self.is_full() {
            return self.spare();
        }
        self.at_range_in(file, node.pointer(), node.anchor(), message)
    }

    /// Reports a member missing from `object`, in the rule's file: the range is the key of the
    /// object (or its `{`), the pointer is the object's.
    pub fn missing(&mut self, object: Node, message: impl Into<String>) -> &mut Finding {
        self.missing_in(self.rule.file, object, message)
    }

    /// [`Report::missing`] in another file than the rule's.
    pub fn missing_in(
        &mut self,
        file: FileKind,
        object: Node,
        message: impl Into<String>,
    ) -> &mut Finding {
        if self.is_full() {
            return self.spare();
        }
        self.at_range_in(file, object.pointer(), object.anchor(), message)
    }

    /// Reports about `object`, in the rule's file — its pointer is the finding's, as the
    /// validator's ValuePath names the object a check is about — with `range` on what shows the
    /// user where to look (the member at fault, say).
    pub fn about(
        &mut self,
        object: Node,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.about_in(self.rule.file, object, range, message)
    }

    /// [`Report::about`] in another file than the rule's.
    pub fn about_in(
        &mut self,
        file: FileKind,
        object: Node,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Finding {
        if self.is_full() {
            return self.spare();
        }
        self.at_range_in(file, object.pointer(), range, message)
    }
}

impl Finding {
    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_related(
        &mut self,
        file: FileKind,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Self {
        self.related.push(Related {
            file,
            range,
            message: message.into(),
            path: None,
        });
        self
    }
}
