//! Handing findings on in report order (by position, then rule id) as soon as no finding before
//! them can still come, so a caller can print the findings of a large file while it is linted
//! instead of holding them all.
//!
//! The linter makes a region's findings in order of position, and regions come in file order when
//! every segment that is linted is the file's own bytes ([`in_file_order`]); then everything
//! before the finding being made is final. What can still come before it: a `limit` rule counted
//! per reply waits for the reply's total (its message names it), and holds back what follows it.
//! For other sources (decoded email parts, HTML, JSON exports) everything is held to the end and
//! sorted, as a whole.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::config::{Override, Settings};
use crate::finding::Finding;
use crate::rule::Rule;
use crate::source::{OffsetMap, Segment};

/// A finding waiting for its turn.
struct Pending {
    /// (start, rank of the rule id, end, arrival): the report order.
    key: (usize, u32, usize, u64),
    finding: Finding,
}

impl PartialEq for Pending {
    fn eq(&self, other: &Pending) -> bool {
        self.key == other.key
    }
}

impl Eq for Pending {}

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Pending) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pending {
    fn cmp(&self, other: &Pending) -> Ordering {
        self.key.cmp(&other.key)
    }
}

/// Takes findings in any order and hands them on in report order, each once nothing before it
/// can still come; the settings' per-file overrides and confidence floor apply on the way.
pub(super) struct Emitter<'a> {
    settings: &'a Settings,
    rules: &'a [Rule],
    /// The rank of each rule's id among all ids, so findings sort by id without comparing them.
    ranks: &'a [u32],
    overrides: Vec<&'a Override>,
    pending: BinaryHeap<Reverse<Pending>>,
    arrivals: u64,
    emit: &'a mut dyn FnMut(Finding),
}

impl<'a> Emitter<'a> {
    pub(super) fn new(
        settings: &'a Settings,
        rules: &'a [Rule],
        ranks: &'a [u32],
        path: &str,
        emit: &'a mut dyn FnMut(Finding),
    ) -> Emitter<'a> {
        Emitter {
            settings,
            rules,
            ranks,
            overrides: settings.overrides_for(path),
            pending: BinaryHeap::new(),
            arrivals: 0,
            emit,
        }
    }

    /// Takes a finding of rule `rule` (its index in the linter).
    pub(super) fn push(&mut self, rule: usize, mut finding: Finding) {
        if !self
            .settings
            .keep_finding(&self.overrides, self.rules, &mut finding)
        {
            return;
        }
        let key = (
            finding.span.start,
            self.ranks[rule],
            finding.span.end,
            self.arrivals,
        );
        self.arrivals += 1;
        self.pending.push(Reverse(Pending { key, finding }));
    }

    /// Hands on every finding that starts before `offset`: none can come before them any more.
    pub(super) fn release(&mut self, offset: usize) {
        while self
            .pending
            .peek()
            .is_some_and(|Reverse(p)| p.key.0 < offset)
        {
            let Some(Reverse(p)) = self.pending.pop() else {
                break;
            };
            (self.emit)(p.finding);
        }
    }

    /// Hands on everything left.
    pub(super) fn finish(mut self) {
        self.release(usize::MAX);
    }
}

/// The rank of each rule's id among the ids of `rules` (sorted), by index.
pub(super) fn ranks(rules: &[Rule]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..rules.len()).collect();
    order.sort_by(|&a, &b| rules[a].id.cmp(&rules[b].id));
    let mut ranks = vec![0; rules.len()];
    for (rank, index) in order.into_iter().enumerate() {
        ranks[index] = u32::try_from(rank).expect("fewer than 2^32 rules");
    }
    ranks
}

/// Whether the findings of `segments` come in file order, region after region: every segment
/// with a region to lint is the file's own bytes (its offsets shifted), after the one before.
pub(super) fn in_file_order(segments: &[Segment<'_>]) -> bool {
    let mut end = 0;
    for segment in segments {
        let Some(first) = segment.regions.iter().find(|r| r.zone.is_target()) else {
            continue;
        };
        let OffsetMap::Shift(offset) = segment.map else {
            return false;
        };
        if first.span.start + offset < end {
            return false;
        }
        end = offset + segment.text.len();
    }
    true
}
