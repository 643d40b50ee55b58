//! The linter: every compiled rule matched over a source in one pass per region.
//!
//! All literal phrases of all rules live in one literal index ([`crate::literals`]), together with
//! the literals every match of each regex starts and ends with, so the cost of a run grows with
//! the text, not with the number of rules. Each region is folded, split into sentences once, and
//! scanned once for every literal; a regex runs only in regions where a literal of each of its
//! sets appears, and only from the places where a literal its matches start with is (anchored
//! there, a few bytes each). The built-in packs' regexes are precompiled into the binary; others
//! are compiled on first need. The few regexes without such literals run in every region. Candidates then pass the guards
//! (negation, quotation, `unless`) and become findings with original byte spans.

use std::collections::{BTreeMap, HashMap};

use crate::error::{Error, Location, Result};
use crate::finding::Finding;
use crate::fix::{Applicability, Edit, Suggestion};
use crate::literals::LiteralIndex;
use crate::region::{Region, Zone};
use crate::rule::metric::RegionView;
use crate::rule::shouting;
use crate::rule::template::{Values, match_case};
use crate::rule::{Action, Anchor, Cues, LazyRegex, Matcher, Rule, Unit as Per};
use crate::source::{Segment, Source};
use crate::span::Span;
use crate::text::{self, Folded};

/// Which rule an automaton literal belongs to: a phrase (for swaps, which entry; for phrase
/// rules, which phrase), or a literal that gates one of the rule's regex (`prefilter`).
#[derive(Debug, Clone, Copy)]
struct Owner {
    rule: usize,
    swap: Option<usize>,
    /// For a literal that gates a regex: which of the regex's literal sets it belongs to.
    gate: Option<u8>,
    /// For a literal that gates a `requires` cue or a `metric` condition's regex: which (0 the
    /// trigger, 1 + k requirement k; a condition's index).
    cue: Option<u8>,
}

/// Adds the literals of `regex`'s gate sets, owned by `owner`: it runs only in regions where a
/// literal of each set appears.
fn add_gates<'r>(pairs: &mut Vec<(&'r str, Owner)>, regex: &'r LazyRegex, owner: Owner) {
    for (g, set) in regex.gates().iter().enumerate() {
        for literal in set {
            pairs.push((
                literal.as_str(),
                Owner {
                    gate: Some(u8::try_from(g).expect("at most two gates")),
                    ..owner
                },
            ));
        }
    }
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

/// One region folded and searched for every literal, once: what its phrase and pattern rules
/// start from, and which `requires` and `metric` regexes may match in it.
struct Scan {
    folded: Folded,
    /// Its sentences, in folded coordinates.
    sentences: Vec<Span>,
    /// (literal, start, end) in the folded text.
    hits: Vec<(usize, usize, usize)>,
    /// (rule, cue) → the literal sets of its regex seen here.
    cues: HashMap<(usize, u8), u8>,
}

/// The regex of a regex rule.
fn regex_of(rule: &Rule) -> Option<&LazyRegex> {
    match &rule.matcher {
        Matcher::Pattern { regex, .. } | Matcher::Sequence { regex } => Some(regex),
        Matcher::Limit { regex, .. } => regex.as_ref(),
        _ => None,
    }
}

/// Whether a rule's regex runs on the original text instead of the folded one.
fn is_case_sensitive(rule: &Rule) -> bool {
    matches!(
        rule.matcher,
        Matcher::Pattern {
            case_sensitive: true,
            ..
        }
    )
}

/// Compiled rules, ready to check sources. `Send + Sync`: one linter serves every thread.
#[derive(Debug)]
pub struct Linter {
    rules: Vec<Rule>,
    /// Every literal of every rule, deduplicated.
    literals: LiteralIndex,
    /// The rules each literal belongs to: those of literal `i` are
    /// `owners[owner_starts[i]..owner_starts[i + 1]]`.
    owners: Vec<Owner>,
    owner_starts: Vec<u32>,
    /// Regex rules with no literal to gate them.
    unfiltered: Vec<usize>,
    shouting: Vec<usize>,
    /// `requires` and `metric` rules, judged per reply once its regions are read.
    requires: Vec<usize>,
}

/// A match before guards, in folded coordinates of its region.
struct Candidate {
    rule: usize,
    span: Span,
    swap: Option<usize>,
    captures: HashMap<String, Span>,
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

/// A `limit` occurrence waiting for its unit's total.
struct LimitHit {
    key: (usize, usize, usize, usize),
    finding: Finding,
    matched: String,
}

impl Linter {
    /// Compiles `rules` into one automaton and one regex set.
    ///
    /// # Errors
    ///
    /// Two rules with the same id: an [`Error::Pack`] naming the second one's file and line.
    pub fn new(rules: Vec<Rule>) -> Result<Linter> {
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
        // Every (literal, owner) pair, then the literals deduplicated with their owners grouped.
        let mut pairs: Vec<(&str, Owner)> = Vec::with_capacity(2048);
        let mut unfiltered = Vec::new();
        let mut shouting_rules = Vec::new();
        let mut requires_rules = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let owner = Owner {
                rule: i,
                swap: None,
                gate: None,
                cue: None,
            };
            match &rule.matcher {
                Matcher::Phrase { phrases, .. } => {
                    for (k, p) in phrases.iter().enumerate() {
                        let swap = Some(k);
                        pairs.push((p, Owner { swap, ..owner }));
                    }
                }
                Matcher::Limit {
                    phrases,
                    regex: None,
                    ..
                } => {
                    for p in phrases {
                        pairs.push((p, owner));
                    }
                }
                Matcher::Swap { swaps, .. } => {
                    for (k, (from, _)) in swaps.iter().enumerate() {
                        let swap = Some(k);
                        pairs.push((from, Owner { swap, ..owner }));
                    }
                }
                Matcher::Pattern { regex, .. }
                | Matcher::Sequence { regex }
                | Matcher::Limit {
                    regex: Some(regex), ..
                } => {
                    if regex.gates().is_empty() {
                        unfiltered.push(i);
                    }
                    add_gates(&mut pairs, regex, owner);
                }
                Matcher::Shouting { .. } => shouting_rules.push(i),
                Matcher::Requires {
                    trigger,
                    requirements,
                } => {
                    requires_rules.push(i);
                    let cues = std::iter::once(&trigger.regex)
                        .chain(requirements.iter().map(|r| &r.regex));
                    for (k, regex) in cues.enumerate() {
                        let cue = Some(u8::try_from(k).expect("fewer than 255 requirements"));
                        add_gates(&mut pairs, regex, Owner { cue, ..owner });
                    }
                }
                Matcher::Metric { conditions } => {
                    requires_rules.push(i);
                    for (k, condition) in conditions.iter().enumerate() {
                        if let Some(regex) = &condition.regex {
                            let cue = Some(u8::try_from(k).expect("fewer than 256 conditions"));
                            add_gates(&mut pairs, regex, Owner { cue, ..owner });
                        }
                    }
                }
            }
        }
        let mut ids: HashMap<&str, u32, crate::literals::Fast> =
            HashMap::with_capacity_and_hasher(pairs.len(), crate::literals::Fast::default());
        let mut literals: Vec<&str> = Vec::new();
        let mut owned: Vec<(u32, Owner)> = Vec::with_capacity(pairs.len());
        for (phrase, owner) in pairs {
            let id = *ids.entry(phrase).or_insert_with(|| {
                literals.push(phrase);
                u32::try_from(literals.len() - 1).expect("fewer than 2^32 literals")
            });
            owned.push((id, owner));
        }
        // Stable: a literal's owners stay in rule order.
        owned.sort_by_key(|(id, _)| *id);
        let mut owner_starts = vec![0; literals.len() + 1];
        for (id, _) in &owned {
            owner_starts[*id as usize + 1] += 1;
        }
        for i in 1..owner_starts.len() {
            owner_starts[i] += owner_starts[i - 1];
        }
        let literals = LiteralIndex::new(&literals);
        Ok(Linter {
            literals,
            owners: owned.into_iter().map(|(_, owner)| owner).collect(),
            owner_starts,
            rules,
            unfiltered,
            shouting: shouting_rules,
            requires: requires_rules,
        })
    }

    /// Every literal in the automaton: phrases and the literals that gate regexes (for benchmarks
    /// that compare with literal search tools), sorted.
    #[must_use]
    pub fn literals(&self) -> Vec<String> {
        let mut out: Vec<String> = self.literals.iter().map(str::to_owned).collect();
        out.sort();
        out
    }

    /// The linter's rules, in the order given.
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Lints a plain-text draft.
    #[must_use]
    pub fn check_text(&self, text: &str) -> Vec<Finding> {
        self.check(&Source::plain("-", text))
    }

    /// Lints a source; findings are sorted by position, then rule id.
    #[must_use]
    pub fn check(&self, source: &Source) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut limits: Vec<LimitHit> = Vec::new();
        let segments = source.segments();
        // Every region is folded and searched once; regions that are only context (quoted
        // text) only when a `requires` or `metric` rule may read them.
        let scans: Vec<Vec<Option<Scan>>> = segments
            .iter()
            .map(|segment| {
                segment
                    .regions
                    .iter()
                    .map(|region| {
                        (region.zone.is_target() || !self.requires.is_empty())
                            .then(|| self.scan(&segment.text[region.span.range()]))
                    })
                    .collect()
            })
            .collect();
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
                    self.check_region(segment, unit, *region, scan, &mut findings, &mut limits);
                }
            }
        }
        for &rule in &self.requires {
            if matches!(self.rules[rule].matcher, Matcher::Metric { .. }) {
                self.check_metric(rule, &segments, &scans, &mut findings);
            } else {
                self.check_requires(rule, &segments, &scans, &mut findings);
            }
        }
        finish_limits(&self.rules, limits, &mut findings);
        findings.sort_by(|a, b| {
            (a.span.start, &a.rule, a.span.end).cmp(&(b.span.start, &b.rule, b.span.end))
        });
        findings
    }

    /// Folds `original` and finds every literal in it.
    fn scan(&self, original: &str) -> Scan {
        let folded = Folded::new(original);
        let mut hits = Vec::new();
        let mut cues: HashMap<(usize, u8), u8> = HashMap::new();
        self.literals
            .for_each_match(&folded.text, |literal, start, end| {
                hits.push((literal, start, end));
                for owner in self.owners_of(literal) {
                    if let (Some(cue), Some(gate)) = (owner.cue, owner.gate) {
                        *cues.entry((owner.rule, cue)).or_default() |= 1 << gate;
                    }
                }
            });
        let sentences = text::sentences(&folded);
        Scan {
            folded,
            sentences,
            hits,
            cues,
        }
    }

    /// The rules literal `literal` belongs to.
    fn owners_of(&self, literal: usize) -> &[Owner] {
        &self.owners[self.owner_starts[literal] as usize..self.owner_starts[literal + 1] as usize]
    }

    /// Whether the regex of `rule`'s cue `cue` may match in the region of `scan`: a literal of
    /// each of its sets is there (or it has none).
    fn cue_open(scan: &Scan, rule: usize, cue: u8, regex: &LazyRegex) -> bool {
        let sets = regex.gates().len();
        sets == 0
            || scan
                .cues
                .get(&(rule, cue))
                .is_some_and(|&mask| u32::from(mask) == (1 << sets) - 1)
    }

    /// Judges a `requires` rule on each reply: if its trigger holds (in the client's quoted text,
    /// say) and one of its requirements is nowhere in its zones, a finding on the trigger (in the
    /// reply) or the first sentence of the reply proper, naming what is missing.
    fn check_requires(
        &self,
        index: usize,
        segments: &[Segment<'_>],
        scans: &[Vec<Option<Scan>>],
        findings: &mut Vec<Finding>,
    ) {
        let rule = &self.rules[index];
        let Matcher::Requires {
            trigger,
            requirements,
        } = &rule.matcher
        else {
            unreachable!("requires list holds requires rules")
        };
        for reply in crate::source::replies(segments) {
            let regions: Vec<(&Segment<'_>, Region, &Scan)> =
                reply_regions(segments, scans, reply).collect();
            // Sentence numbers over the reply proper (not its subject or greeting), in order: a
            // region's first sentence is `base[k]`.
            let counted =
                |zone: Zone| zone.is_target() && !matches!(zone, Zone::Subject | Zone::Greeting);
            let mut base = Vec::with_capacity(regions.len());
            let mut sentences = 0;
            for (_, region, scan) in &regions {
                base.push(sentences);
                if counted(region.zone) {
                    sentences += scan.sentences.len();
                }
            }
            let sentence_no = |k: usize, at: usize| -> Option<usize> {
                let (_, region, scan) = regions[k];
                counted(region.zone)
                    .then(|| base[k] + scan.sentences.partition_point(|s| s.end <= at))
            };
            let mut hits = 0;
            let mut first: Option<String> = None;
            // A trigger in the reply itself (a refusal) is where the finding goes.
            let mut at_trigger: Option<(&Segment<'_>, Region, Span)> = None;
            let mut trigger_no: Option<usize> = None;
            for (k, &(segment, region, scan)) in regions.iter().enumerate() {
                if !trigger.zones.contains(&region.zone)
                    || !Self::cue_open(scan, index, 0, &trigger.regex)
                {
                    continue;
                }
                let original = &segment.text[region.span.range()];
                let folded = &scan.folded;
                for (start, end) in trigger.regex.find_iter(&folded.text) {
                    if !trigger.unless.is_empty() {
                        let sentence = text::sentence_at(&scan.sentences, start);
                        if text::preceded_by(&folded.text, sentence, start, 4, &trigger.unless) {
                            continue;
                        }
                    }
                    hits += 1;
                    if first.is_none() {
                        let span = folded.original(Span::new(start, end));
                        first = Some(original[span.range()].to_owned());
                        trigger_no = sentence_no(k, start);
                        if region.zone.is_target() && rule.applies_in(region.zone) {
                            at_trigger = Some((segment, region, Span::new(start, end)));
                        }
                    }
                }
            }
            if hits < trigger.min {
                continue;
            }
            // A requirement with a window counts only within `window` sentences of the trigger
            // (in the reply), or among the first `window` sentences of the reply proper (when the
            // trigger is in the client's text); anywhere in the greeting.
            let within =
                |window: Option<usize>, k: usize, at: usize| match (window, sentence_no(k, at)) {
                    (None, _) | (Some(_), None) => true,
                    (Some(w), Some(n)) => match trigger_no {
                        Some(t) => n.abs_diff(t) <= w,
                        None => n < w,
                    },
                };
            let missing: Vec<&Cues> = requirements
                .iter()
                .enumerate()
                .filter(|(r, requirement)| {
                    let cue = u8::try_from(r + 1).expect("fewer than 255 requirements");
                    !regions.iter().enumerate().any(|(k, &(_, region, scan))| {
                        requirement.zones.contains(&region.zone)
                            && Self::cue_open(scan, index, cue, &requirement.regex)
                            && match requirement.window {
                                None => requirement.regex.is_match(&scan.folded.text),
                                window => requirement
                                    .regex
                                    .find_iter(&scan.folded.text)
                                    .into_iter()
                                    .any(|(start, _)| within(window, k, start)),
                            }
                    })
                })
                .map(|(_, requirement)| requirement)
                .collect();
            if missing.is_empty() {
                continue;
            }
            let names: Vec<&str> = missing.iter().filter_map(|r| r.name.as_deref()).collect();
            let inserts: String = missing.iter().filter_map(|r| r.insert.as_deref()).collect();
            let values = HashMap::from([
                ("missing".to_owned(), text::join_and(&names)),
                ("inserts".to_owned(), inserts),
            ]);
            if let Some(finding) = self.reply_finding(
                index,
                segments,
                reply,
                at_trigger,
                first.as_deref().unwrap_or_default(),
                hits,
                values,
            ) {
                findings.push(finding);
            }
        }
    }

    /// Judges a `metric` rule on each reply: a finding when every condition holds.
    fn check_metric(
        &self,
        index: usize,
        segments: &[Segment<'_>],
        scans: &[Vec<Option<Scan>>],
        findings: &mut Vec<Finding>,
    ) {
        let Matcher::Metric { conditions } = &self.rules[index].matcher else {
            unreachable!("metric list holds metric rules")
        };
        // Cheap counters first, so a reply that fails one is not scanned for jargon; `{count}`
        // is still the first condition's value.
        let mut order: Vec<usize> = (0..conditions.len()).collect();
        order.sort_by_key(|&k| conditions[k].counter.cost());
        for reply in crate::source::replies(segments) {
            let mut first = None;
            let holds = order.iter().all(|&k| {
                let condition = &conditions[k];
                let cue = u8::try_from(k).expect("fewer than 256 conditions");
                // Every region is scanned when a metric rule is loaded.
                let regions: Vec<RegionView<'_>> = reply_regions(segments, scans, reply)
                    .filter(|(_, r, _)| condition.zones.contains(&r.zone))
                    .map(|(s, r, scan)| RegionView {
                        original: &s.text[r.span.range()],
                        folded: &scan.folded,
                        sentences: &scan.sentences,
                        zone: r.zone,
                        open: condition
                            .regex
                            .as_ref()
                            .is_some_and(|regex| Self::cue_open(scan, index, cue, regex)),
                    })
                    .collect();
                let value = condition.value(&regions);
                if k == 0 {
                    first = Some(value);
                }
                condition.holds(value)
            });
            if !holds {
                continue;
            }
            // `{count}` is the first condition's value, rounded.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let count = first.unwrap_or_default().round().max(0.0) as usize;
            if let Some(finding) =
                self.reply_finding(index, segments, reply, None, "", count, HashMap::new())
            {
                findings.push(finding);
            }
        }
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
        };
        let candidate = Candidate {
            rule: index,
            span: sentence,
            swap: None,
            captures: HashMap::new(),
        };
        let (mut finding, _) = context.finding(rule, &candidate, &values);
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
        });
        to_file(&mut finding, segment);
        Some(finding)
    }

    fn check_region(
        &self,
        segment: &Segment<'_>,
        unit: Unit,
        region: Region,
        scan: &Scan,
        findings: &mut Vec<Finding>,
        limits: &mut Vec<LimitHit>,
    ) {
        let text: &str = &segment.text;
        let original = &text[region.span.range()];
        let folded = &scan.folded;
        let sentences = &scan.sentences;
        let mut candidates = Vec::new();
        let applies = |rule: usize| self.rules[rule].applies_in(region.zone);

        // One pass of the automaton: phrase matches become candidates, regex literals mark the
        // regexes worth running in this region.
        let mut gated: Vec<usize> = Vec::new();
        let mut seen: HashMap<usize, u8> = HashMap::new();
        // Where each gated regex's matches may start: where a literal of its prefix set is.
        let mut starts: HashMap<usize, Vec<usize>> = HashMap::new();
        for &(literal, start, end) in &scan.hits {
            let span = Span::new(start, end);
            let owners = self.owners_of(literal);
            let bounded = owners.iter().any(|o| o.gate.is_none())
                && text::on_word_boundaries(&folded.text, span);
            for owner in owners {
                if owner.cue.is_some() || !applies(owner.rule) {
                    continue;
                }
                if let Some(gate) = owner.gate {
                    *seen.entry(owner.rule).or_default() |= 1 << gate;
                    if gate == 0
                        && regex_of(&self.rules[owner.rule]).is_some_and(LazyRegex::prefix_gated)
                    {
                        starts.entry(owner.rule).or_default().push(start);
                    }
                } else if bounded {
                    candidates.push(Candidate {
                        rule: owner.rule,
                        span,
                        swap: owner.swap,
                        captures: HashMap::new(),
                    });
                }
            }
        }
        for (rule, mask) in seen {
            let sets = regex_of(&self.rules[rule]).map_or(0, |r| r.gates().len());
            if u32::from(mask) == (1 << sets) - 1 {
                gated.push(rule);
            }
        }
        // Regexes without literals run in every region they apply to.
        gated.extend(self.unfiltered.iter().copied().filter(|&r| applies(r)));
        gated.sort_unstable();
        gated.dedup();
        for rule in gated {
            if is_case_sensitive(&self.rules[rule]) {
                self.push_regex_candidates(
                    rule,
                    original,
                    None,
                    |s| folded.folded(s),
                    &mut candidates,
                );
            } else {
                // Matches start where a prefix literal is: the regex runs anchored there only.
                let at = starts.get_mut(&rule).map(|s| {
                    s.sort_unstable();
                    s.dedup();
                    &s[..]
                });
                self.push_regex_candidates(rule, &folded.text, at, |s| s, &mut candidates);
            }
        }
        for &rule in &self.shouting {
            let Matcher::Shouting {
                min_words,
                ratio,
                allow,
            } = &self.rules[rule].matcher
            else {
                unreachable!("shouting list holds shouting rules")
            };
            if !applies(rule) {
                continue;
            }
            for &sentence in sentences {
                let span = folded.original(sentence);
                if shouting::shouts(&original[span], *min_words, *ratio, allow) {
                    candidates.push(Candidate {
                        rule,
                        span: sentence,
                        swap: None,
                        captures: HashMap::new(),
                    });
                }
            }
        }

        // Placeholders are opaque: no match may contain one. Then the guards, then one finding
        // per rule per non-overlapping span (leftmost, then longest).
        let mask = char::from(crate::source::placeholder::MASK);
        candidates.retain(|c| !folded.text[c.span.range()].contains(mask));
        candidates.retain(|c| self.passes_guards(c, &folded.text, sentences));
        candidates.sort_by_key(|c| (c.rule, c.span.start, std::cmp::Reverse(c.span.end)));
        let mut last: Option<(usize, usize)> = None;
        for candidate in candidates {
            if last.is_some_and(|(rule, end)| rule == candidate.rule && candidate.span.start < end)
            {
                continue;
            }
            last = Some((candidate.rule, candidate.span.end));
            let rule = &self.rules[candidate.rule];
            let context = MatchContext {
                text,
                region,
                regions: &segment.regions,
                folded,
                sentences,
            };
            let (mut finding, matched) = context.finding(rule, &candidate, &HashMap::new());
            to_file(&mut finding, segment);
            if let Matcher::Limit { per, .. } = rule.matcher {
                let sentence = sentences.partition_point(|s| s.start <= candidate.span.start);
                let key = match per {
                    Per::Sentence => (candidate.rule, unit.segment, unit.region, sentence),
                    Per::Paragraph => (candidate.rule, unit.segment, unit.region, 0),
                    Per::Reply => (candidate.rule, unit.reply, usize::MAX, 0),
                };
                limits.push(LimitHit {
                    key,
                    finding,
                    matched,
                });
            } else {
                findings.push(finding);
            }
        }
    }

    fn push_regex_candidates(
        &self,
        rule: usize,
        haystack: &str,
        starts: Option<&[usize]>,
        to_folded: impl Fn(Span) -> Span,
        candidates: &mut Vec<Candidate>,
    ) {
        let Some(lazy) = regex_of(&self.rules[rule]) else {
            return;
        };
        let Some(compiled) = lazy.get() else {
            return;
        };
        let names: Vec<Option<&str>> = lazy.capture_names().collect();
        let matches = match starts {
            Some(starts) => lazy.captures_at(haystack, starts),
            None => lazy.captures(haystack),
        };
        for m in matches {
            if m.start == m.end {
                continue;
            }
            if compiled.ascii && !unicode_boundaries(haystack, m.start, m.end) {
                continue;
            }
            let mut captures = HashMap::new();
            for (i, name) in names.iter().enumerate().skip(1) {
                if let Some(Some((start, end))) = m.groups.get(i) {
                    let span = to_folded(Span::new(*start, *end));
                    captures.insert(i.to_string(), span);
                    if let Some(name) = name {
                        captures.insert((*name).to_owned(), span);
                    }
                }
            }
            candidates.push(Candidate {
                rule,
                span: to_folded(Span::new(m.start, m.end)),
                swap: None,
                captures,
            });
        }
    }

    fn passes_guards(&self, candidate: &Candidate, folded: &str, sentences: &[Span]) -> bool {
        let rule = &self.rules[candidate.rule];
        let sentence = text::sentence_at(sentences, candidate.span.start);
        let sentence = Span::new(
            sentence.start.min(candidate.span.start),
            sentence.end.max(candidate.span.end),
        );
        if rule.negation && text::negated_before(folded, sentence, candidate.span.start, 3) {
            return false;
        }
        if rule.quotation && text::inside_quotes(folded, sentence, candidate.span) {
            return false;
        }
        let found = |filter: &crate::rule::Unless| {
            let window = match filter.words {
                None => sentence,
                Some(n) => word_window(folded, candidate.span, n),
            };
            filter
                .regex
                .get()
                .is_some_and(|re| re.engine.is_match(&folded[window.range()]))
        };
        if rule.unless.as_ref().is_some_and(found) {
            return false;
        }
        rule.when.as_ref().is_none_or(found)
    }
}

/// Whether a match found in ASCII mode also holds with Unicode word characters: it must not start
/// right after, or end right before, a non-ASCII letter or digit when its own edge is a word
/// character (ASCII `\b` sees a boundary between "na" and "ïve").
fn unicode_boundaries(haystack: &str, start: usize, end: usize) -> bool {
    let inner = &haystack[start..end];
    let before = haystack[..start].chars().next_back();
    let after = haystack[end..].chars().next();
    let joined = |edge: Option<char>, outside: Option<char>| {
        edge.is_some_and(text::is_word_char)
            && outside.is_some_and(|c| !c.is_ascii() && text::is_word_char(c))
    };
    !joined(inner.chars().next(), before) && !joined(inner.chars().next_back(), after)
}

/// `span` widened by `n` words on each side, within `folded`.
fn word_window(folded: &str, span: Span, n: usize) -> Span {
    let mut start = span.start;
    let mut words = 0;
    let bytes = folded.as_bytes();
    while start > 0 && words <= n {
        start -= 1;
        if bytes[start] == b' ' {
            words += 1;
        }
    }
    let mut end = span.end;
    words = 0;
    while end < bytes.len() && words <= n {
        if bytes[end] == b' ' {
            words += 1;
        }
        end += 1;
    }
    while !folded.is_char_boundary(start) {
        start -= 1;
    }
    while !folded.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// Everything needed to turn a candidate into a finding.
struct MatchContext<'a> {
    text: &'a str,
    region: Region,
    /// Every region of the segment (for anchors such as "after the greeting").
    regions: &'a [Region],
    folded: &'a Folded,
    sentences: &'a [Span],
}

impl MatchContext<'_> {
    /// Where the reply proper starts: the first target region after the greeting (or the first
    /// target region when there is no greeting).
    fn after_greeting(&self) -> usize {
        let targets = || {
            self.regions
                .iter()
                .filter(|r| r.zone.is_target() && r.zone != Zone::Subject)
        };
        targets()
            .find(|r| r.zone != Zone::Greeting)
            .or_else(|| targets().next())
            .map_or(self.region.span.start, |r| r.span.start)
    }

    /// Where the closing starts (the paragraph before the sign-off, or the sign-off); the end of
    /// the last reply region when there is no closing.
    fn before_closing(&self) -> usize {
        self.regions
            .iter()
            .find(|r| r.zone == Zone::Closing)
            .map(|r| r.span.start)
            .or_else(|| {
                self.regions
                    .iter()
                    .rfind(|r| r.zone.is_target() && r.zone != Zone::Subject)
                    .map(|r| r.span.end)
            })
            .unwrap_or(self.region.span.end)
    }

    /// The original span (file offsets) of a folded span.
    fn file_span(&self, span: Span) -> Span {
        self.folded.original(span).shift(self.region.span.start)
    }

    /// The finding of `candidate`; `extra` fills placeholders besides the match and its captures.
    fn finding(
        &self,
        rule: &Rule,
        candidate: &Candidate,
        extra: &HashMap<String, String>,
    ) -> (Finding, String) {
        let span = self.file_span(candidate.span);
        let matched = self.text[span].to_owned();
        let mut captures: HashMap<String, String> = candidate
            .captures
            .iter()
            .map(|(k, &s)| (k.clone(), self.text[self.file_span(s)].to_owned()))
            .collect();
        captures.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        let values = Values {
            matched: &matched,
            count: None,
            captures,
        };
        let folded_sentence = text::sentence_at(self.sentences, candidate.span.start);
        let sentence = self.file_span(folded_sentence);
        let sentence_start = self.folded.text
            [folded_sentence.start.min(candidate.span.start)..candidate.span.start]
            .chars()
            .all(|c| !c.is_alphanumeric());
        let mut suggestions = Vec::new();
        if let (
            Matcher::Swap {
                swaps,
                applicability,
            },
            Some(k),
        ) = (&rule.matcher, candidate.swap)
        {
            for to in &swaps[k].1 {
                let replacement = match_case(to, &matched, sentence_start);
                suggestions.push(Suggestion {
                    applicability: *applicability,
                    title: format!("Replace with “{replacement}”"),
                    edits: vec![Edit { span, replacement }],
                });
            }
        }
        for template in &rule.suggestions {
            let (edits, default_title) = match &template.action {
                Action::Replace(t) => {
                    let replacement = match_case(&t.render(&values), &matched, sentence_start);
                    let title = format!("Replace with “{replacement}”");
                    (vec![Edit { span, replacement }], title)
                }
                Action::Remove => (
                    vec![removal(self.text, self.region.span, span)],
                    format!(
                        "Remove “{}”",
                        crate::rule::template::collapse_space(&matched)
                    ),
                ),
                Action::Insert(t, anchor) => {
                    let at = match anchor {
                        Anchor::BeforeMatch => span.start,
                        Anchor::AfterMatch => span.end,
                        Anchor::BeforeSentence => sentence.start.min(span.start),
                        Anchor::AfterSentence => sentence.end.max(span.end),
                        Anchor::AfterGreeting => self.after_greeting(),
                        Anchor::BeforeClosing => self.before_closing(),
                    };
                    let insertion = t.render(&values);
                    let title = format!("Insert “{}”", insertion.trim());
                    (
                        vec![Edit {
                            span: Span::new(at, at),
                            replacement: insertion,
                        }],
                        title,
                    )
                }
                Action::Advice => (Vec::new(), String::new()),
            };
            suggestions.push(Suggestion {
                applicability: template.applicability,
                title: template.message.clone().unwrap_or(default_title),
                edits,
            });
        }
        let finding = Finding {
            rule: rule.id.clone(),
            category: rule.category.clone(),
            severity: rule.severity,
            confidence: match (&rule.matcher, candidate.swap) {
                (Matcher::Phrase { confidences, .. }, Some(k)) => confidences
                    .get(k)
                    .copied()
                    .flatten()
                    .unwrap_or(rule.confidence),
                _ => rule.confidence,
            },
            span,
            zone: self.region.zone,
            message: rule.message.render(&values),
            suggestions,
            note: None,
        };
        (finding, matched)
    }
}

/// The edit that removes `span` and tidies what is left: a comma or space after it, a dangling
/// ", " before it at a clause end, and a capital for the next word at a sentence start.
fn removal(text: &str, region: Span, span: Span) -> Edit {
    let mut start = span.start;
    let mut end = span.end;
    let after = &text[end..region.end];
    let before = text[region.start..start].trim_end_matches([' ', '\t']);
    let at_sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']);
    let spaces = |s: &str| s.len() - s.trim_start_matches([' ', '\t']).len();
    if after.starts_with([',', ';']) {
        end += 1;
        end += spaces(&text[end..region.end]);
    } else if after.starts_with([' ', '\t']) {
        end += spaces(after);
    } else if at_sentence_start && after.starts_with(['.', '!', '?']) {
        let rest = &text[end..region.end];
        end += rest.len() - rest.trim_start_matches(['.', '!', '?']).len();
        end += spaces(&text[end..region.end]);
    } else {
        // The match ends a clause: take the space (and comma) before it instead.
        let trimmed = before.trim_end_matches(',');
        let trimmed = trimmed.trim_end_matches([' ', '\t']);
        if !trimmed.is_empty() {
            start = region.start + trimmed.len();
        }
    }
    let mut replacement = String::new();
    if at_sentence_start
        && let Some(next) = text[end..region.end].chars().next()
        && next.is_lowercase()
    {
        replacement = next.to_uppercase().collect();
        end += next.len_utf8();
    }
    Edit {
        span: Span::new(start, end),
        replacement,
    }
}

fn finish_limits(rules: &[Rule], hits: Vec<LimitHit>, findings: &mut Vec<Finding>) {
    let mut units: BTreeMap<(usize, usize, usize, usize), Vec<LimitHit>> = BTreeMap::new();
    for hit in hits {
        units.entry(hit.key).or_default().push(hit);
    }
    for ((rule, _, _, _), mut hits) in units {
        let Matcher::Limit { max, .. } = rules[rule].matcher else {
            unreachable!("limit hits come from limit rules")
        };
        let count = hits.len();
        if count <= max {
            continue;
        }
        hits.sort_by_key(|h| h.finding.span.start);
        // Every occurrence past the limit is flagged, so one fix pass removes them all.
        for hit in hits.into_iter().skip(max) {
            let mut finding = hit.finding;
            finding.message = rules[rule].message.render(&Values {
                matched: &hit.matched,
                count: Some(count),
                captures: HashMap::new(),
            });
            findings.push(finding);
        }
    }
}

/// How many times `Linter::fix` re-lints and re-applies before it stops.
pub const MAX_FIX_PASSES: usize = 10;

/// The outcome of [`Linter::fix`].
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The fixed text.
    pub text: String,
    /// The findings whose first allowed suggestion was applied, each in the text of its pass.
    pub applied: Vec<Finding>,
    /// Passes that changed the text.
    pub passes: usize,
    /// Whether the text still changed on the last allowed pass (the fixes did not settle).
    pub unsettled: bool,
}

/// Whether two edits may not both be applied in one pass (overlapping, or insertions that touch).
fn conflict(a: Span, b: Span) -> bool {
    a.overlaps(b) || ((a.is_empty() || b.is_empty()) && a.start.max(b.start) <= a.end.min(b.end))
}

impl Linter {
    /// Applies the first allowed suggestion of each finding, re-linting and repeating until nothing
    /// changes (at most [`MAX_FIX_PASSES`] passes). When edits overlap, the first finding's wins
    /// and the others wait for the next pass. `filter` trims each pass's findings the way the
    /// report does (overrides, confidence). Only sources whose segments are the file's own bytes
    /// can be fixed; for others this returns the text unchanged.
    pub fn fix(
        &self,
        source: &Source,
        allowed: impl Fn(Applicability) -> bool,
        filter: impl Fn(&mut Vec<Finding>),
    ) -> Fixed {
        let mut current = source.clone();
        let mut applied = Vec::new();
        let mut passes = 0;
        let mut unsettled = false;
        if !source.is_fixable() {
            return Fixed {
                text: current.text,
                applied,
                passes,
                unsettled,
            };
        }
        for pass in 0..=MAX_FIX_PASSES {
            let mut findings = self.check(&current);
            filter(&mut findings);
            let mut taken: Vec<Span> = Vec::new();
            let mut edits = Vec::new();
            let mut this_pass = Vec::new();
            for finding in findings {
                let Some(suggestion) = finding
                    .suggestions
                    .iter()
                    .find(|s| !s.edits.is_empty() && allowed(s.applicability))
                else {
                    continue;
                };
                if suggestion
                    .edits
                    .iter()
                    .any(|e| taken.iter().any(|&t| conflict(t, e.span)))
                {
                    continue;
                }
                taken.extend(suggestion.edits.iter().map(|e| e.span));
                edits.extend(suggestion.edits.iter().cloned());
                this_pass.push(finding.clone());
            }
            if edits.is_empty() {
                break;
            }
            if pass == MAX_FIX_PASSES {
                unsettled = true;
                break;
            }
            let (text, _) = crate::fix::apply(&current.text, &edits);
            if text == current.text {
                break;
            }
            applied.extend(this_pass);
            current.text = text;
            passes += 1;
        }
        Fixed {
            text: current.text,
            applied,
            passes,
            unsettled,
        }
    }
}

/// The edits of each finding's first suggestion that has edits and is allowed by `allowed`.
#[must_use]
pub fn fix_edits(findings: &[Finding], allowed: impl Fn(Applicability) -> bool) -> Vec<Edit> {
    findings
        .iter()
        .filter_map(|f| {
            f.suggestions
                .iter()
                .find(|s| !s.edits.is_empty() && allowed(s.applicability))
        })
        .flat_map(|s| s.edits.iter().cloned())
        .collect()
}
