//! The linter: every compiled rule matched over a source in one pass per region.
//!
//! All literal phrases of all rules live in one literal index ([`crate::literals`]), together with
//! the literals every match of each regex starts and ends with, so the cost of a run grows with
//! the text, not with the number of rules. Each region is folded, split into sentences once, and
//! scanned once for every literal; a regex runs only in regions where a literal of each of its
//! sets appears, and only from the places where a literal its matches start with is (anchored
//! there, a few bytes each). The built-in packs' regexes are precompiled into the binary; others
//! are compiled on first need. The few regexes without such literals run in every region.
//! Matches then pass the rule's guards (negation, quotation, `unless`) and become findings with
//! original byte spans.
//!
//! Each rule kind's matching lives with its kind in [`crate::rule`]; this module dispatches to
//! them, builds findings and suggestions ([`suggest`]), applies fixes ([`fix`]) and runs rules'
//! examples ([`examples`]).

mod emit;
pub mod examples;
pub mod fix;
mod suggest;
mod table;

use std::collections::HashMap;

use crate::Settings;
use crate::config::Config;
use crate::error::{Error, Location, Result};
use crate::finding::CueHit;
use crate::finding::Finding;
use crate::fold::Folded;
use crate::literals::{Fast, LiteralIndex};
use crate::region::{Region, Zone};
use crate::rule::template::Values;
use crate::rule::{
    Anchor, LazyRegex, Match, Matcher, RegionView, Rule, cold, limit, metric, pattern,
};
use crate::rule::{Unit as LimitUnit, requires, shouting};
use crate::source::{Segment, Source};
use crate::span::Span;
use crate::text;
use emit::Emitter;
pub use fix::{Fixed, MAX_FIX_PASSES};
use suggest::MatchContext;
pub(crate) use table::LiteralTable;

/// Which rule an index literal belongs to: a phrase (for swaps, which entry; for phrase rules,
/// which phrase), or a literal that gates one of the rule's regexes. Twenty bytes, not 32: a
/// linter holds one for each of some 4,000 pairs of literal and rule, read at every start (with
/// `usize` fields, a 2 KB draft's run touched 62 more pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Owner {
    rule: u32,
    swap: Option<u32>,
    /// For a literal that gates a regex: which of the regex's literal sets it belongs to.
    gate: Option<u8>,
    /// For a literal that gates a `requires` cue or a `metric` condition's regex: which (0 the
    /// trigger, 1 + k requirement k; a condition's index).
    cue: Option<u8>,
    /// For a literal a cue's regex starts with (see [`LazyRegex::starts`]): its places are where
    /// the regex is tried.
    start: bool,
}

impl Owner {
    /// A phrase of its rule: a match by itself, not a gate, cue or start of a regex.
    fn is_phrase(&self) -> bool {
        !self.start && self.gate.is_none() && self.cue.is_none()
    }

    /// A gate of its rule's own regex (not of a cue's).
    fn is_rule_gate(&self) -> bool {
        self.gate.is_some() && self.cue.is_none()
    }

    /// One of its rule's regex's prefixes (that regex's gate 0).
    fn is_prefix(&self) -> bool {
        self.gate == Some(0) && self.cue.is_none()
    }
}

/// Whether bit `i` of the set of literals `set` is set.
fn has_bit(set: &[u64], i: usize) -> bool {
    set[i / 64] & (1 << (i % 64)) != 0
}

/// Sets bit `i` of the set of literals `set`.
fn set_bit(set: &mut [u64], i: usize) {
    set[i / 64] |= 1 << (i % 64);
}

/// Adds the literals of `regex`'s gate sets, owned by `owner`: it runs only in regions where a
/// literal of each set appears. For a cue, also the literals its matches start with (see
/// [`LazyRegex::starts`]).
fn add_gates<'r>(pairs: &mut Vec<(&'r str, Owner)>, regex: &'r LazyRegex, owner: Owner) {
    for (g, set) in regex.gates().iter().enumerate() {
        for literal in set.iter() {
            pairs.push((
                literal,
                Owner {
                    gate: Some(u8::try_from(g).expect("at most eight gates")),
                    ..owner
                },
            ));
        }
    }
    if owner.cue.is_some() {
        for literal in regex.starts() {
            pairs.push((
                literal,
                Owner {
                    start: true,
                    ..owner
                },
            ));
        }
    }
}

/// One region folded and searched for every literal, once: what its phrase and pattern rules
/// start from, and which `requires` and `metric` regexes may match in it.
struct Scan {
    folded: Folded,
    /// Its sentences, in folded coordinates.
    sentences: Vec<Span>,
    /// (literal, start) in the folded text (the literal's length gives the end), by start or by
    /// end (see [`LiteralIndex::for_each_match`]).
    hits: Vec<(u32, u32)>,
    /// ((rule, cue) as a [`rule::cue_key`](crate::rule::cue_key), the literal sets of its
    /// regex seen here, where the last of their literals starts), sorted by key, one per key.
    cues: Vec<(u64, u8, u32)>,
    /// ((rule, cue), a place its regex's start literals are) as one word each
    /// ([`rule::cue_key`](crate::rule::cue_key) and the place), sorted (a region of a long
    /// text without a blank line holds many).
    starts: Vec<u64>,
}

/// Compiled rules, ready to check sources, with the settings that trim their findings.
/// `Send + Sync`: one linter serves every thread.
#[derive(Debug)]
pub struct Linter {
    rules: Vec<Rule>,
    /// Per-file overrides and the confidence floor, applied to every check.
    settings: Settings,
    /// Every literal of every rule, deduplicated.
    literals: LiteralIndex,
    /// The rules each literal belongs to: those of literal `i` are
    /// `owners[owner_starts[i]..owner_starts[i + 1]]`.
    owners: Vec<Owner>,
    owner_starts: Vec<u32>,
    /// Bit `i` set when literal `i` starts a cue's regex (has an owner with `start`).
    start_literals: Vec<u64>,
    /// Bit `i` set when literal `i` is a phrase of a rule (an owner without a gate, cue or start).
    phrase_literals: Vec<u64>,
    /// Bit `i` set when literal `i` gates a rule's regex (an owner with a gate and no cue).
    gate_literals: Vec<u64>,
    /// Bit `i` set when literal `i` is one of a rule's regex's prefixes (its gate 0, no cue).
    prefix_literals: Vec<u64>,
    /// Regex rules with no literal to gate them.
    unfiltered: Vec<usize>,
    shouting: Vec<usize>,
    /// `requires` and `metric` rules, judged per reply once its regions are read.
    replies: Vec<usize>,
    /// The rank of each rule's id among all ids: findings are reported by position, then id.
    ranks: Vec<u32>,
}

/// Where a region sits: its segment, its index there, and the reply it belongs to.
#[derive(Debug, Clone, Copy)]
struct Unit {
    segment: usize,
    region: usize,
    reply: usize,
}

/// Moves a finding from segment offsets to file offsets. Edits survive only where the segment is
/// the file's own bytes; elsewhere a replacement could not be written back as it is.
fn to_file(finding: &mut Finding, segment: &Segment<'_>) {
    finding.span = segment.map.to_file(finding.span);
    let verbatim = segment.map.is_verbatim();
    for s in &mut finding.suggestions {
        if verbatim {
            for e in &mut s.edits {
                e.span = segment.map.to_file(e.span);
            }
        } else {
            s.edits.clear();
        }
    }
    finding.note.clone_from(&segment.note);
}

/// The scanned regions of reply `reply`, with their segment and scan.
fn reply_regions<'a, 's>(
    segments: &'a [Segment<'s>],
    scans: &'a [Vec<Option<Scan>>],
    reply: usize,
) -> impl Iterator<Item = (&'a Segment<'s>, Region, &'a Scan)> {
    segments
        .iter()
        .zip(scans)
        .filter(move |(s, _)| s.reply == reply)
        .flat_map(|(s, scans)| {
            s.regions
                .iter()
                .zip(scans)
                .filter_map(move |(r, scan)| Some((s, *r, scan.as_ref()?)))
        })
}

/// Every rule of the built-in packs and the user's packs in `config`, before selection: what a
/// linter is built from, and what `rules --all` lists.
///
/// # Errors
///
/// A user pack whose examples fail (the first failure), or a selector of the settings that
/// selects no rule (a typo would silently turn a check off).
pub fn all_rules(config: &Config) -> Result<Vec<Rule>> {
    let builtin = match &config.builtin {
        Some(packs) => packs.clone(),
        None => crate::pack::builtin(),
    };
    // Sized once: a rule is a large value, and a growing vector would copy them all each time.
    let count = builtin.iter().map(|p| p.rules.len()).sum::<usize>()
        + config.packs.iter().map(|p| p.rules.len()).sum::<usize>();
    let mut rules: Vec<Rule> = Vec::with_capacity(count);
    rules.extend(builtin.into_iter().flat_map(|p| p.rules));
    for user in &config.packs {
        if let Some(e) = examples::check_examples(user).into_iter().next() {
            return Err(e);
        }
        rules.extend(user.rules.iter().cloned());
    }
    config.settings.check_selectors(&rules)?;
    Ok(rules)
}

/// The regions of one reply as the reply-level kinds read them.
fn views<'a>(located: &[(&'a Segment<'_>, Region, &'a Scan)]) -> Vec<RegionView<'a>> {
    located
        .iter()
        .map(|&(segment, region, scan)| RegionView {
            original: &segment.text[region.span.range()],
            folded: &scan.folded,
            sentences: &scan.sentences,
            zone: region.zone,
            gates: &scan.cues,
            starts: &scan.starts,
            counts: std::cell::OnceCell::new(),
            acronyms: std::cell::OnceCell::new(),
            words: std::cell::Cell::default(),
        })
        .collect()
}

/// A `limit` occurrence waiting for its unit's total.
struct LimitHit {
    rule: usize,
    finding: Finding,
    matched: String,
}

/// The occurrences of `limit` rules counted per reply: how many so far in each unit, and those
/// past the limit, waiting for their reply's total (which their message names).
#[derive(Default)]
struct ReplyLimits {
    seen: HashMap<limit::UnitKey, usize, Fast>,
    waiting: Vec<(limit::UnitKey, usize, LimitHit)>,
}

impl ReplyLimits {
    /// Where the first occurrence waiting starts: nothing from there on can be reported yet.
    fn held_from(&self) -> usize {
        self.waiting
            .iter()
            .map(|(_, start, _)| *start)
            .min()
            .unwrap_or(usize::MAX)
    }
}

impl Linter {
    /// Compiles `rules` into one literal index, with default settings.
    ///
    /// # Errors
    ///
    /// Two rules with the same id: an [`Error::Pack`] naming the second one's file and line.
    pub fn new(rules: Vec<Rule>) -> Result<Linter> {
        Linter::with_rules(rules, Settings::default())
    }

    /// The linter of the built-in packs and the user's packs in `config`, with its selection,
    /// severities, per-file overrides and confidence floor: what every front end builds.
    ///
    /// # Errors
    ///
    /// A user pack whose examples fail (the first failure), a selector that selects no rule (a
    /// typo would silently turn a check off), or two rules with one id.
    pub fn with_config(config: &Config) -> Result<Linter> {
        let rules = all_rules(config)?;
        Linter::with_rules(config.settings.apply(rules), config.settings.clone())
    }

    /// Compiles `rules` (already selected) and keeps `settings` to trim their findings.
    ///
    /// # Errors
    ///
    /// Two rules with the same id: an [`Error::Pack`] naming the second one's file and line.
    pub fn with_rules(rules: Vec<Rule>, settings: Settings) -> Result<Linter> {
        let mut seen: HashMap<&str, &Rule> = HashMap::new();
        for rule in &rules {
            if let Some(first) = seen.insert(&rule.id, rule) {
                return Err(Error::Pack {
                    location: Location {
                        path: rule.origin.0.clone(),
                        line_column: Some((rule.origin.1, 1)),
                    },
                    rule: Some(rule.id.clone()),
                    message: format!(
                        "duplicate rule id `{}` (first defined in {}:{})",
                        rule.id, first.origin.0, first.origin.1
                    ),
                });
            }
        }
        // The table of the rules' literals: for built-in rules, read as computed ahead (with
        // the literals of the user's rules added), else computed now.
        let LiteralTable {
            text,
            ends,
            owners,
            owner_starts,
            keys,
            ..
        } = table::table(&rules);
        // Each literal's kinds of owner, as sets of literals (one pass: four took 0.3M
        // instructions, 6% of a draft's run).
        let words = ends.len().div_ceil(64);
        let mut start_literals = vec![0_u64; words];
        let mut phrase_literals = vec![0_u64; words];
        let mut gate_literals = vec![0_u64; words];
        let mut prefix_literals = vec![0_u64; words];
        for (id, pair) in owner_starts.windows(2).enumerate() {
            let (word, bit) = (id / 64, 1 << (id % 64));
            for o in &owners[pair[0] as usize..pair[1] as usize] {
                for (set, is) in [
                    (&mut start_literals, o.start),
                    (&mut phrase_literals, o.is_phrase()),
                    (&mut gate_literals, o.is_rule_gate()),
                    (&mut prefix_literals, o.is_prefix()),
                ] {
                    if is {
                        set[word] |= bit;
                    }
                }
            }
        }
        let literals = LiteralIndex::from_parts(text, &ends, &keys);
        let mut unfiltered = Vec::new();
        let mut shouting_rules = Vec::new();
        let mut reply_rules = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            if pattern::regex_of(rule).is_some_and(|regex| regex.gates().is_empty()) {
                unfiltered.push(i);
            }
            match &rule.matcher {
                Matcher::Shouting { .. } => shouting_rules.push(i),
                Matcher::Requires { .. } | Matcher::Metric { .. } | Matcher::Cold { .. } => {
                    reply_rules.push(i);
                }
                _ => {}
            }
        }
        let ranks = emit::ranks(&rules);
        Ok(Linter {
            literals,
            owners,
            owner_starts,
            start_literals,
            phrase_literals,
            gate_literals,
            prefix_literals,
            rules,
            settings,
            unfiltered,
            shouting: shouting_rules,
            replies: reply_rules,
            ranks,
        })
    }

    /// Every literal in the index: phrases and the literals that gate regexes (for benchmarks
    /// that compare with literal search tools), sorted.
    #[must_use]
    pub fn literals(&self) -> Vec<String> {
        // A literal without owners belongs to a built-in rule not selected (see `table`).
        let mut out: Vec<String> = self
            .literals
            .iter()
            .enumerate()
            .filter(|&(i, _)| self.owner_starts[i] < self.owner_starts[i + 1])
            .map(|(_, literal)| literal.to_owned())
            .collect();
        out.sort();
        out
    }

    /// The linter's rules, in the order given.
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The settings it was built with.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// What `tonelint explain` says of rule `id` (an id or `category/id`), as Markdown.
    #[must_use]
    pub fn explain(&self, id: &str) -> Option<String> {
        self.rules
            .iter()
            .find(|r| r.id == id || r.code() == id)
            .map(crate::explain::explain)
    }

    /// Lints a plain-text draft.
    #[must_use]
    pub fn check_text(&self, text: &str) -> Vec<Finding> {
        self.check(&Source::plain("-", text))
    }

    /// Lints a source; findings are sorted by position, then rule id. The settings' per-file
    /// overrides (by the source's path) and confidence floor apply.
    #[must_use]
    pub fn check(&self, source: &Source) -> Vec<Finding> {
        let mut findings = Vec::new();
        self.check_each(source, &mut |f| findings.push(f));
        findings
    }

    /// Lints a source and hands each finding to `emit`, in the order [`check`](Self::check)
    /// returns them, as soon as no finding before it can still come: a large file's findings
    /// can be written out while it is linted. (A `limit` rule counted per reply holds back what
    /// follows its first occurrence past the limit until the reply ends; in a decoded email part,
    /// HTML or a JSON export, every finding waits for the end.)
    pub fn check_each(&self, source: &Source, emit: &mut dyn FnMut(Finding)) {
        let mut emitter =
            Emitter::new(&self.settings, &self.rules, &self.ranks, &source.path, emit);
        let segments = source.segments();
        // Every region is folded and searched once; regions that are only context (quoted
        // text) only when a `requires` or `metric` rule may read them.
        let scans = self.scans(&segments, |region| {
            region.zone.is_target() || !self.replies.is_empty()
        });
        // The reply-level rules read whole replies: judged first, they wait for their place.
        if !self.replies.is_empty() {
            let mut found = Vec::new();
            for reply in crate::source::replies(&segments) {
                self.check_reply(&segments, &scans, reply, &mut found);
            }
            for (rule, finding) in found {
                emitter.push(rule, finding);
            }
        }
        let in_order = emit::in_file_order(&segments);
        // The last segment of each reply: when it is done, the reply's totals are known.
        // (Replies are numbered from 0 up: a list by number, not a map.)
        let replies = segments.iter().map(|s| s.reply + 1).max().unwrap_or(0);
        let mut last_of_reply: Vec<usize> = vec![usize::MAX; replies];
        for (si, segment) in segments.iter().enumerate() {
            last_of_reply[segment.reply] = si;
        }
        let mut reply_limits = ReplyLimits::default();
        for (si, segment) in segments.iter().enumerate() {
            for (ri, region) in segment.regions.iter().enumerate() {
                if region.zone.is_target()
                    && let Some(scan) = &scans[si][ri]
                {
                    let unit = Unit {
                        segment: si,
                        region: ri,
                        reply: segment.reply,
                    };
                    self.check_region(
                        segment,
                        unit,
                        *region,
                        scan,
                        &mut emitter,
                        &mut reply_limits,
                        in_order,
                    );
                    if in_order {
                        let end = segment.map.to_file(region.span).end;
                        emitter.release(end.min(reply_limits.held_from()));
                    }
                }
            }
            if last_of_reply[segment.reply] == si {
                self.close_reply_limits(segment.reply, &mut reply_limits, &mut emitter);
            }
        }
        emitter.finish();
    }

    /// Reports the occurrences of reply `reply` past a per-reply limit, now that its totals are
    /// known.
    fn close_reply_limits(
        &self,
        reply: usize,
        limits: &mut ReplyLimits,
        emitter: &mut Emitter<'_>,
    ) {
        let (done, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut limits.waiting)
            .into_iter()
            .partition(|(key, ..)| key.1 == reply);
        limits.waiting = waiting;
        for (key, _, hit) in done {
            let count = limits.seen.get(&key).copied().unwrap_or_default();
            self.report_limit(hit, count, emitter);
        }
    }

    /// Reports an occurrence past its limit, its message naming its unit's total.
    fn report_limit(&self, hit: LimitHit, count: usize, emitter: &mut Emitter<'_>) {
        let mut finding = hit.finding;
        finding.message = self.rules[hit.rule].message.render(&Values {
            matched: &hit.matched,
            count: Some(count),
            captures: HashMap::new(),
            slots: HashMap::new(),
        });
        emitter.push(hit.rule, finding);
    }

    /// The scan of each region of `segments` that `wanted` (by segment, then region; `None`
    /// for the others).
    fn scans(
        &self,
        segments: &[Segment<'_>],
        wanted: impl Fn(&Region) -> bool,
    ) -> Vec<Vec<Option<Scan>>> {
        segments
            .iter()
            .map(|segment| {
                segment
                    .regions
                    .iter()
                    .map(|region| {
                        wanted(region).then(|| self.scan(&segment.text[region.span.range()]))
                    })
                    .collect()
            })
            .collect()
    }

    /// Folds `original` and finds every literal in it.
    fn scan(&self, original: &str) -> Scan {
        let folded = Folded::new(original);
        // Room for a hit every eight bytes, as much as the text (shrunk to fit below): over the
        // first 4,000 Enron emails, 1.320G instructions against 1.329G growing it from empty.
        let mut hits = Vec::with_capacity(folded.text.len() / 8);
        let mut cues: Vec<(u64, u8, u32)> = Vec::with_capacity(32);
        let narrow = |n: usize| u32::try_from(n).expect("regions are smaller than 4 GiB");
        self.literals
            .for_each_match(&folded.text, |literal, start, _| {
                hits.push((narrow(literal), narrow(start)));
            });
        hits.shrink_to_fit();
        // Which cues a literal opens does not depend on where it is: each literal's owners are
        // looked at once, at its last place (the hits are by start or by end: read backwards,
        // a literal's first is its last), which bounds where the cue's matches can start.
        let mut seen = vec![0_u64; self.owner_starts.len().div_ceil(64)];
        for &(literal, start) in hits.iter().rev() {
            let literal = literal as usize;
            if has_bit(&seen, literal) {
                continue;
            }
            set_bit(&mut seen, literal);
            for owner in self.owners_of(literal) {
                if let (Some(cue), Some(gate)) = (owner.cue, owner.gate) {
                    cues.push((
                        crate::rule::cue_key(owner.rule as usize, cue),
                        1 << gate,
                        start,
                    ));
                }
            }
        }
        // By key alone: the entries of one key are merged below, in any order.
        cues.sort_unstable_by_key(|&(key, ..)| key);
        cues.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 |= later.1;
                kept.2 = kept.2.max(later.2);
            }
            same
        });
        cues.shrink_to_fit();
        // Every place of a literal a cue's regex starts with.
        let mut starts: Vec<u64> = Vec::new();
        for &(literal, start) in &hits {
            let literal = literal as usize;
            if !has_bit(&self.start_literals, literal) {
                continue;
            }
            for owner in self.owners_of(literal) {
                if let (true, Some(cue)) = (owner.start, owner.cue) {
                    starts.push(crate::rule::cue_key(owner.rule as usize, cue) | u64::from(start));
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        let sentences = text::sentences(&folded);
        Scan {
            folded,
            sentences,
            hits,
            cues,
            starts,
        }
    }

    /// The rules literal `literal` belongs to.
    fn owners_of(&self, literal: usize) -> &[Owner] {
        &self.owners[self.owner_starts[literal] as usize..self.owner_starts[literal + 1] as usize]
    }

    /// Judges the reply-level rules (`requires`, `metric`) on reply `reply`.
    fn check_reply(
        &self,
        segments: &[Segment<'_>],
        scans: &[Vec<Option<Scan>>],
        reply: usize,
        findings: &mut Vec<(usize, Finding)>,
    ) {
        let located: Vec<(&Segment<'_>, Region, &Scan)> =
            reply_regions(segments, scans, reply).collect();
        let views = views(&located);
        for &index in &self.replies {
            let rule = &self.rules[index];
            let finding = match &rule.matcher {
                Matcher::Requires { .. } => {
                    let Some(verdict) = requires::judge(index, rule, &views) else {
                        continue;
                    };
                    let names: Vec<&str> = verdict
                        .missing
                        .iter()
                        .filter_map(|r| r.name.as_deref())
                        .collect();
                    // `{inserts}` joins the missing requirements' insertions; one with its own
                    // `at` goes there instead.
                    let inserts: String = verdict
                        .missing
                        .iter()
                        .filter(|r| r.at.is_none())
                        .filter_map(|r| r.insert.as_deref())
                        .collect();
                    let anchored: Vec<(Anchor, String)> = verdict
                        .missing
                        .iter()
                        .filter_map(|r| Some((r.at?, r.insert.clone()?)))
                        .collect();
                    let values = HashMap::from([
                        ("missing".to_owned(), text::join_and(&names)),
                        ("inserts".to_owned(), inserts),
                    ]);
                    let at = verdict
                        .at
                        .map(|(k, span)| (located[k].0, located[k].1, span));
                    self.reply_finding(
                        index,
                        segments,
                        reply,
                        at,
                        &verdict.first,
                        verdict.hits,
                        values,
                        &anchored,
                    )
                }
                Matcher::Metric { .. } => {
                    let Some(first) = metric::judge(index, rule, &views) else {
                        continue;
                    };
                    // `{count}` is the first condition's value, rounded.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let count = first.round().max(0.0) as usize;
                    self.reply_finding(index, segments, reply, None, "", count, HashMap::new(), &[])
                }
                Matcher::Cold { cues, threshold } => {
                    let reading = cold::read(index, rule, cues, &views, true);
                    if !reading.is_cold(*threshold) {
                        continue;
                    }
                    self.cold_finding(index, cues, &reading, segments, reply, &located)
                }
                _ => None,
            };
            findings.extend(finding.map(|f| (index, f)));
        }
    }

    /// The finding of a `cold` rule on a reply it reads as cold: on its first cue's words (or the
    /// first sentence of the reply proper), naming every cue in `{cues}`, with each cue's span.
    fn cold_finding(
        &self,
        index: usize,
        cues: &[cold::ColdCue],
        reading: &cold::Reading,
        segments: &[Segment<'_>],
        reply: usize,
        located: &[(&Segment<'_>, Region, &Scan)],
    ) -> Option<Finding> {
        let rule = &self.rules[index];
        let file_span = |k: usize, span: Span| {
            let (segment, region, scan) = located[k];
            let local = scan.folded.original(span).shift(region.span.start);
            segment.map.to_file(local)
        };
        let first = reading
            .hits
            .iter()
            .find_map(|h| h.at.map(|at| (h, at)))
            .filter(|(_, (k, _))| rule.applies_in(located[*k].1.zone));
        let at = first.map(|(_, (k, span))| (located[k].0, located[k].1, span));
        let matched = first.map_or("", |(h, _)| h.matched.as_str());
        let values = HashMap::from([
            ("cues".to_owned(), cold::named(reading, cues)),
            ("missing".to_owned(), cold::missing(reading)),
        ]);
        let count = reading.hits.len();
        let mut finding =
            self.reply_finding(index, segments, reply, at, matched, count, values, &[])?;
        finding.cues = reading
            .hits
            .iter()
            .map(|h| CueHit {
                name: cues[h.cue].name.clone(),
                weight: cues[h.cue].weight,
                span: h.at.map(|(k, span)| file_span(k, span)),
            })
            .collect();
        Some(finding)
    }

    /// Hands `each` the index, cues and threshold of `cold` rule `id` with the regions of each
    /// reply of `text` (a plain draft), as the reply-level rules read them.
    fn each_cold_reply(
        &self,
        id: &str,
        text: &str,
        mut each: impl FnMut(usize, &[cold::ColdCue], f64, &[RegionView<'_>]),
    ) {
        let Some(index) = self.rules.iter().position(|r| r.id == id) else {
            return;
        };
        let Matcher::Cold { cues, threshold } = &self.rules[index].matcher else {
            return;
        };
        let source = Source::plain("-", text);
        let segments = source.segments();
        let scans = self.scans(&segments, |_| true);
        for reply in crate::source::replies(&segments) {
            let located: Vec<(&Segment<'_>, Region, &Scan)> =
                reply_regions(&segments, &scans, reply).collect();
            each(index, cues, *threshold, &views(&located));
        }
    }

    /// The cold cues rule `id` (a `cold` rule) finds in `text`, by name, in the order of the text,
    /// whatever their sum and whatever warm cues the reply makes: what a cue's examples test.
    pub(crate) fn cold_cues(&self, id: &str, text: &str) -> Vec<String> {
        let mut names = Vec::new();
        self.each_cold_reply(id, text, |index, cues, _, views| {
            let reading = cold::read(index, &self.rules[index], cues, views, false);
            names.extend(reading.hits.iter().map(|h| cues[h.cue].name.clone()));
        });
        names
    }

    /// For each reply of `text`, whether `cold` rule `id` reads it as cold with its reading
    /// pruned (as `check` reads it) and in full.
    #[cfg(test)]
    pub(crate) fn cold_verdicts(&self, id: &str, text: &str) -> Vec<(bool, bool)> {
        let mut verdicts = Vec::new();
        self.each_cold_reply(id, text, |index, cues, threshold, views| {
            let rule = &self.rules[index];
            let read = |prune| cold::read(index, rule, cues, views, prune).is_cold(threshold);
            verdicts.push((read(true), read(false)));
        });
        verdicts
    }

    /// The finding of a rule judged on a whole reply: on `at` (a trigger in the reply itself), or
    /// on the first sentence of the reply proper; `{match}` is `matched` (or that sentence),
    /// `values` fill the rule's other placeholders (`{missing}`).
    #[allow(clippy::too_many_arguments)]
    fn reply_finding(
        &self,
        index: usize,
        segments: &[Segment<'_>],
        reply: usize,
        at: Option<(&Segment<'_>, Region, Span)>,
        matched: &str,
        count: usize,
        values: HashMap<String, String>,
        anchored: &[(Anchor, String)],
    ) -> Option<Finding> {
        let rule = &self.rules[index];
        let (segment, region) = at.map(|(s, r, _)| (s, r)).or_else(|| {
            segments
                .iter()
                .filter(|s| s.reply == reply)
                .flat_map(|s| s.regions.iter().map(move |r| (s, *r)))
                .find(|(_, r)| {
                    r.zone.is_target()
                        && !matches!(r.zone, Zone::Subject | Zone::Greeting)
                        && rule.applies_in(r.zone)
                })
        })?;
        let original = &segment.text[region.span.range()];
        let folded = Folded::new(original);
        let sentences = text::sentences(&folded);
        let sentence = match at {
            Some((_, _, span)) => span,
            None => *sentences.first()?,
        };
        let context = MatchContext {
            text: &segment.text,
            region,
            regions: &segment.regions,
            folded: &folded,
            sentences: &sentences,
            anchored,
        };
        let (mut finding, _) = context.finding(rule, &Match::new(index, sentence, None), &values);
        let sentence_text;
        let matched = if matched.is_empty() {
            sentence_text = original[folded.original(sentence).range()].to_owned();
            sentence_text.as_str()
        } else {
            matched
        };
        finding.message = rule.message.render(&Values {
            matched,
            count: Some(count),
            captures: values,
            slots: HashMap::new(),
        });
        to_file(&mut finding, segment);
        Some(finding)
    }

    #[allow(clippy::too_many_arguments)]
    fn check_region(
        &self,
        segment: &Segment<'_>,
        unit: Unit,
        region: Region,
        scan: &Scan,
        emitter: &mut Emitter<'_>,
        reply_limits: &mut ReplyLimits,
        in_order: bool,
    ) {
        let text: &str = &segment.text;
        let original = &text[region.span.range()];
        let folded = &scan.folded;
        let sentences = &scan.sentences;
        let mut candidates = Vec::new();
        let applies = |rule: usize| self.rules[rule].applies_in(region.zone);

        // The literal hits: phrase matches become candidates, regex literals mark the regexes
        // worth running in this region and where a prefix-gated one is tried.
        // (A region without a hit allocates neither map.)
        let room = |n: usize| if scan.hits.is_empty() { 0 } else { n };
        for &(literal, start) in &scan.hits {
            let literal = literal as usize;
            if !has_bit(&self.phrase_literals, literal) {
                continue;
            }
            let span = Span::new(
                start as usize,
                start as usize + self.literals.len_of(literal),
            );
            if !text::on_word_boundaries(&folded.text, span) {
                continue;
            }
            for owner in self.owners_of(literal) {
                let rule = owner.rule as usize;
                if owner.is_phrase() && applies(rule) {
                    let swap = owner.swap.map(|k| k as usize);
                    candidates.push(Match::new(rule, span, swap));
                }
            }
        }
        // By rule: the literal sets of its regex seen here, and where the last of them starts.
        // Which sets a literal marks does not depend on where it is: each literal's owners are
        // looked at once, at its last place (read backwards, as in `scan`). Over the first 4,000
        // Enron emails, a look at the owners of every hit cost 6% of the instructions: "the",
        // "it", "as" are a few literals' thousands of hits.
        let mut seen: HashMap<usize, (u8, u32), Fast> =
            HashMap::with_capacity_and_hasher(room(32), Fast::default());
        let mut looked = vec![0_u64; room(self.gate_literals.len())];
        for &(literal, start) in scan.hits.iter().rev() {
            let literal = literal as usize;
            if has_bit(&looked, literal) || !has_bit(&self.gate_literals, literal) {
                continue;
            }
            set_bit(&mut looked, literal);
            for owner in self.owners_of(literal) {
                let rule = owner.rule as usize;
                if let Some(gate) = owner.gate
                    && owner.is_rule_gate()
                    && applies(rule)
                {
                    let (mask, last) = seen.entry(rule).or_default();
                    *mask |= 1 << gate;
                    *last = (*last).max(start);
                }
            }
        }
        let mut gated: Vec<usize> = Vec::with_capacity(seen.len() + self.unfiltered.len());
        for (&rule, &(mask, _)) in &seen {
            if pattern::regex_of(&self.rules[rule]).is_some_and(|r| r.opens(mask)) {
                gated.push(rule);
            }
        }
        // Where each gated regex's matches may start: where a literal of its prefix set is (only
        // the regexes that open here are tried).
        let mut starts: HashMap<usize, Vec<usize>, Fast> =
            HashMap::with_capacity_and_hasher(room(16), Fast::default());
        let prefixed: Vec<usize> = gated
            .iter()
            .copied()
            .filter(|&rule| {
                pattern::regex_of(&self.rules[rule]).is_some_and(LazyRegex::prefix_gated)
            })
            .collect();
        if !prefixed.is_empty() {
            for &(literal, start) in &scan.hits {
                let literal = literal as usize;
                if !has_bit(&self.prefix_literals, literal) {
                    continue;
                }
                for owner in self.owners_of(literal) {
                    let rule = owner.rule as usize;
                    if owner.is_prefix() && prefixed.contains(&rule) {
                        starts.entry(rule).or_default().push(start as usize);
                    }
                }
            }
        }
        // Regexes without literals run in every region they apply to.
        gated.extend(self.unfiltered.iter().copied().filter(|&r| applies(r)));
        gated.sort_unstable();
        gated.dedup();
        for index in gated {
            let rule = &self.rules[index];
            // Matches start where a prefix literal is: the regex runs anchored there only.
            let at = starts.get_mut(&index).map(|s| {
                s.sort_unstable();
                s.dedup();
                &s[..]
            });
            if pattern::is_case_sensitive(rule) {
                // On the original text, from the original places of the folded starts.
                let at: Option<Vec<usize>> = at.map(|s| {
                    s.iter()
                        .map(|&f| folded.original(Span::new(f, f)).start)
                        .collect()
                });
                pattern::find(
                    index,
                    rule,
                    original,
                    at.as_deref(),
                    usize::MAX,
                    |s| folded.folded(s),
                    &mut candidates,
                );
            } else {
                // No match starts after the last literal of its gates here.
                let until = seen
                    .get(&index)
                    .filter(|_| pattern::regex_of(rule).is_some_and(LazyRegex::gates_every_match))
                    .map_or(usize::MAX, |&(_, last)| last as usize);
                pattern::find(index, rule, &folded.text, at, until, |s| s, &mut candidates);
            }
        }
        for &index in &self.shouting {
            if applies(index) {
                let rule = &self.rules[index];
                shouting::find(index, rule, original, folded, sentences, &mut candidates);
            }
        }

        // Placeholders are opaque: no match may contain one. Then the guards, then one finding
        // per rule per non-overlapping span (leftmost, then longest).
        let mask = char::from(crate::source::placeholder::MASK);
        candidates.retain(|c| !folded.text[c.span.range()].contains(mask));
        candidates.retain(|c| self.rules[c.rule].passes_guards(c.span, &folded.text, sentences));
        candidates.sort_by_key(|c| (c.rule, c.span.start, std::cmp::Reverse(c.span.end)));
        let mut last: Option<(usize, usize)> = None;
        candidates.retain(|c| {
            let overlaps = last.is_some_and(|(rule, end)| rule == c.rule && c.span.start < end);
            if !overlaps {
                last = Some((c.rule, c.span.end));
            }
            !overlaps
        });
        // In report order, so each finding can be handed on as it is made.
        candidates.sort_by_key(|c| (c.span.start, self.ranks[c.rule], c.span.end));
        let limit_key = |c: &Match| match self.rules[c.rule].matcher {
            Matcher::Limit { per, max, .. } => {
                let sentence = sentences.partition_point(|s| s.start <= c.span.start);
                let key = limit::unit_key(
                    c.rule,
                    per,
                    (unit.segment, unit.region, unit.reply),
                    sentence,
                );
                Some((key, per, max))
            }
            _ => None,
        };
        // A sentence's or a paragraph's occurrences are all here: counted before any is reported.
        let mut totals: HashMap<limit::UnitKey, usize, Fast> = HashMap::default();
        for c in &candidates {
            if let Some((key, per, _)) = limit_key(c)
                && per != LimitUnit::Reply
            {
                *totals.entry(key).or_default() += 1;
            }
        }
        let mut seen: HashMap<limit::UnitKey, usize, Fast> = HashMap::default();
        let context = MatchContext {
            text,
            region,
            regions: &segment.regions,
            folded,
            sentences,
            anchored: &[],
        };
        for candidate in candidates {
            let rule = &self.rules[candidate.rule];
            let limit = limit_key(&candidate);
            if let Some((key, per, max)) = limit {
                let counter = if per == LimitUnit::Reply {
                    &mut reply_limits.seen
                } else {
                    &mut seen
                };
                let nth = counter.entry(key).or_default();
                *nth += 1;
                // Every occurrence past the limit is flagged, so one fix pass removes them all.
                if *nth <= max {
                    continue;
                }
            }
            let (mut finding, matched) = context.finding(rule, &candidate, &HashMap::new());
            to_file(&mut finding, segment);
            let start = finding.span.start;
            match limit {
                Some((key, LimitUnit::Reply, _)) => reply_limits.waiting.push((
                    key,
                    start,
                    LimitHit {
                        rule: candidate.rule,
                        finding,
                        matched,
                    },
                )),
                Some((key, ..)) => {
                    let hit = LimitHit {
                        rule: candidate.rule,
                        finding,
                        matched,
                    };
                    self.report_limit(hit, totals[&key], emitter);
                }
                None => emitter.push(candidate.rule, finding),
            }
            if in_order {
                emitter.release(start.min(reply_limits.held_from()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// A literal's owners are looked at once a region for the gates, but every place of it
    /// counts: each phrase is flagged, and a prefix-gated regex is tried at each of its prefixes,
    /// not only at the last.
    #[test]
    fn every_place_of_a_literal_counts() {
        let pack = crate::Pack::parse(
            "team.toml",
            r#"[pack]
name = "team"

[[rule]]
id = "team-again"
kind = "phrase"
phrases = ["once again"]
message = "“{match}” sighs"
summary = "Flags sighs"
why = "It sighs"
[[rule.example]]
bad = "Once again, restart it."

[[rule]]
id = "team-ugly"
kind = "pattern"
pattern = '\b(?:it|this) (?:\w+ )?(?:is|looks) (?:ugly|awful)\b'
message = "“{match}” scorns"
summary = "Flags scorn"
why = "It scorns"
[[rule.example]]
bad = "This looks awful."
"#,
        )
        .unwrap();
        let regex = super::pattern::regex_of(&pack.rules[1]).unwrap();
        assert!(
            regex.prefix_gated() && regex.gates().len() == 2,
            "{:?}",
            regex.gates()
        );
        let linter = crate::Linter::new(pack.rules).unwrap();
        let text = "It is fine. This looks awful, once again. It is ugly, once again. It is.";
        let found: Vec<(String, String)> = linter
            .check_text(text)
            .into_iter()
            .map(|f| (f.rule, text[f.span.range()].to_owned()))
            .collect();
        assert_eq!(
            found,
            [
                ("team-ugly", "This looks awful"),
                ("team-again", "once again"),
                ("team-ugly", "It is ugly"),
                ("team-again", "once again"),
            ]
            .map(|(r, m)| (r.to_owned(), m.to_owned()))
        );
    }
}
