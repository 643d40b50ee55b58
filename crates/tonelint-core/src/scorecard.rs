//! Reply scorecards: per reply, the findings counted by category and a 0–100 warmth score, with
//! the sentences that drive it.
//!
//! The score is meant to be explained, not trusted blindly, so every point of it comes from a
//! sentence of the reply:
//!
//! ```text
//! warmth = clamp(BASE + penalty + bonus, 0, 100)
//! penalty = − Σ round(weight(severity) × confidence)    over the reply's findings
//! bonus   = Σ points(cue), per-cue limits, at most BONUS_CAP in all
//! ```
//!
//! - [`BASE`] (50) is a reply with nothing to say for or against it.
//! - Each finding subtracts [`weight`] of its severity (error 30, warning 20, info 8) times the
//!   rule's confidence, rounded: a warning at confidence 0.8 costs 16. A `cold` rule's finding
//!   (cold cues that add up) is scored as its cues: its cost is shared among their sentences by
//!   weight, one driver each, so the scorecard shows which sentences made the reply cold.
//! - Each sentence of the reply's own text (greeting, opening, body and closing: never the
//!   subject, quoted text or the signature) that makes a warm move adds the points of one
//!   [`Cue`], the first that matches in [`Cue::ALL`]'s order and has not reached its limit. A
//!   sentence with a finding in it earns nothing ("Sorry, but that is user error"), a cue after a
//!   negation ("I don't understand") or inside quotation marks does not count, and an apology
//!   counts only in a reply that also commits to an action ("I'll …", "we will …").
//! - Cues add up to [`BONUS_CAP`] at most, in the order of the text: a reply cannot buy warmth
//!   with a list of thank-yous.
//!
//! ```
//! use tonelint_core::{Linter, Source, pack, scorecard};
//! let rules = pack::builtin().into_iter().flat_map(|p| p.rules).collect();
//! let linter = Linter::new(rules).unwrap();
//! let source = Source::plain("reply.txt", "Hi Sam,\n\nRTFM. It's on page 12.\n\nDev\n");
//! let cards = scorecard::scorecards(&source, &linter.check(&source));
//! assert!(cards[0].warmth < scorecard::BASE as u8);
//! assert_eq!(cards[0].drivers[0].reason.to_string(), "condescension/rtfm");
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::finding::Finding;
use crate::fold::Folded;
use crate::region::Zone;
use crate::rule::Severity;
use crate::source::{OffsetMap, Source};
use crate::span::{LineIndex, Position, Span};
use crate::text;

/// The warmth of a reply with no finding and no warm cue.
pub const BASE: i32 = 50;

/// The most warm cues can add to a reply, all together.
pub const BONUS_CAP: i32 = 50;

/// What a finding of `severity` costs at confidence 1.0.
#[must_use]
pub fn weight(severity: Severity) -> f64 {
    match severity {
        Severity::Error => 30.0,
        Severity::Warning => 20.0,
        Severity::Info => 8.0,
    }
}

/// What `finding` subtracts from the warmth (a negative number, or 0).
#[must_use]
pub fn penalty(finding: &Finding) -> i32 {
    let cost = (weight(finding.severity) * finding.confidence.clamp(0.0, 1.0)).round();
    // At most 30: the conversion cannot overflow.
    -(cost as i32)
}

/// A warm move a sentence can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cue {
    /// Names what the client is going through or grants their point: "I can imagine", "that
    /// must have been", "I know how exhausting", "you're right".
    Acknowledgement,
    /// Says sorry or owns the mistake ("that's on us"); counts only in a reply that also commits
    /// to an action.
    Apology,
    /// Commits the writer to doing something ("I'll …", "we will …", "we're sending …"), or says
    /// they did it ("I've reset …", "we've cleaned …").
    OwnedAction,
    /// Offers help or a next step: "happy to", "I can also", "here's what".
    Offer,
    /// Leaves the door open: "let me know", "reply to this email", "call me".
    OpenDoor,
    /// Thanks the client for something ("thank you for", "I appreciate"); a bare "Thanks," as a
    /// sign-off does not count.
    Thanks,
}

impl Cue {
    /// Every cue, in the order a sentence is matched against them.
    pub const ALL: [Cue; 6] = [
        Cue::Acknowledgement,
        Cue::Apology,
        Cue::OwnedAction,
        Cue::Offer,
        Cue::OpenDoor,
        Cue::Thanks,
    ];

    /// The cue's name in reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Cue::Acknowledgement => "acknowledgement",
            Cue::Apology => "apology",
            Cue::OwnedAction => "owned-action",
            Cue::Offer => "offer",
            Cue::OpenDoor => "open-door",
            Cue::Thanks => "thanks",
        }
    }

    /// What one sentence making this move adds.
    #[must_use]
    pub fn points(self) -> i32 {
        match self {
            Cue::Acknowledgement => 10,
            Cue::Apology | Cue::OwnedAction => 8,
            Cue::Offer | Cue::OpenDoor => 6,
            Cue::Thanks => 5,
        }
    }

    /// How many sentences of one reply may count for this cue.
    #[must_use]
    pub fn limit(self) -> usize {
        match self {
            Cue::Acknowledgement | Cue::OwnedAction | Cue::Offer => 2,
            Cue::Apology | Cue::OpenDoor | Cue::Thanks => 1,
        }
    }

    /// The phrases that make the move, folded (lower case, straight apostrophes), matched on word
    /// boundaries.
    #[must_use]
    pub fn phrases(self) -> &'static [&'static str] {
        match self {
            Cue::Acknowledgement => &[
                "i understand",
                "i can understand",
                "i can imagine",
                "i can only imagine",
                "i know how",
                "i know it's",
                "that must",
                "must have been",
                "that sounds",
                "i hear you",
                "frustrating",
                "stressful",
                "exhausting",
                "unsettling",
                "upsetting",
                "fed up",
                "let you down",
                "shouldn't have to",
                "shouldn't happen",
                "you were hoping",
                "you're right",
                "you are right",
            ],
            Cue::Apology => &[
                "sorry",
                "apologies",
                "apologise",
                "apologize",
                "my mistake",
                "our mistake",
                "my fault",
                "our fault",
                "that's on us",
                "that's on me",
                "this is on us",
            ],
            Cue::OwnedAction => &[
                "i'll",
                "i will",
                "we'll",
                "we will",
                "i'm going to",
                "i am going to",
                "we're going to",
                "we are going to",
                "i'm sending",
                "we're sending",
            ],
            Cue::Offer => &[
                "happy to",
                "glad to",
                "i can help",
                "we can help",
                "i can also",
                "we can also",
                "i can offer",
                "we can offer",
                "i can send",
                "i can set",
                "i can book",
                "i can arrange",
                "i can call",
                "i can walk",
                "i can price",
                "here's how",
                "here is how",
                "here's what works",
                "here is what works",
                "what i can do",
                "what we can do",
                "next step",
                "next steps",
                "would you like",
                "if you'd like",
            ],
            Cue::OpenDoor => &[
                "let me know",
                "let us know",
                "reply to this email",
                "please reply",
                "write back",
                "write or call",
                "call me",
                "get in touch",
                "reach out",
                "feel free",
                "don't hesitate",
                "any questions",
                "any time",
                "anytime",
            ],
            Cue::Thanks => &[
                "thank you for",
                "thank you so much for",
                "thanks for",
                "thanks so much for",
                "thanks again for",
                "i appreciate",
                "we appreciate",
                "i'm grateful",
                "we're grateful",
            ],
        }
    }

    /// Whether the folded `sentence` (a span of `folded`) makes this move: a phrase on word
    /// boundaries, not negated just before, not inside quotation marks, and for an owned action
    /// not followed by "not" or "never".
    pub(crate) fn matches(self, folded: &str, sentence: Span) -> bool {
        let inner = &folded[sentence.range()];
        let (automaton, owners) = &*PHRASES;
        // Each phrase's occurrences as `match_indices` finds them: leftmost, not overlapping one
        // another (the automaton reports a phrase's occurrences in order).
        let mut last_end: Vec<(usize, usize)> = Vec::new();
        automaton.find_overlapping_iter(inner).any(|m| {
            let pattern = m.pattern().as_usize();
            if owners[pattern] != self {
                return false;
            }
            match last_end.iter_mut().find(|(p, _)| *p == pattern) {
                Some((_, end)) if m.start() < *end => return false,
                Some((_, end)) => *end = m.end(),
                None => last_end.push((pattern, m.end())),
            }
            let span = Span::new(sentence.start + m.start(), sentence.start + m.end());
            let taken_back = self == Cue::OwnedAction && negated_after(&folded[span.end..]);
            text::on_word_boundaries(folded, span)
                && !text::negated_before(folded, sentence, span.start, 3)
                && !text::inside_quotes(folded, sentence, span)
                && !taken_back
        }) || (self == Cue::OwnedAction && done_action(folded, sentence))
    }
}

/// Every cue's phrases in one automaton, with the cue each belongs to: a sentence is searched
/// once for all of a cue's phrases, not once per phrase.
static PHRASES: LazyLock<(AhoCorasick, Vec<Cue>)> = LazyLock::new(|| {
    let pairs: Vec<(&str, Cue)> = Cue::ALL
        .iter()
        .flat_map(|&cue| cue.phrases().iter().map(move |&p| (p, cue)))
        .collect();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(pairs.iter().map(|(p, _)| p))
        .expect("the cues' phrases make an automaton");
    (automaton, pairs.into_iter().map(|(_, cue)| cue).collect())
});

impl fmt::Display for Cue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Words that, after "I've" or "we've", say the writer did something, besides those ending in
/// "-ed".
const DONE: &[&str] = &[
    "done", "found", "given", "made", "put", "reset", "run", "sent", "set", "taken", "written",
];

/// Whether the folded `sentence` says the writer already did something for the client: "I've" or
/// "we've" (or "I have", "we have") and a past participle ("I've reset it", "we've cleaned the
/// laptop"), not negated before.
fn done_action(folded: &str, sentence: Span) -> bool {
    let words = words(folded, sentence);
    words.iter().enumerate().any(|(i, &(at, word))| {
        let next = |n: usize| words.get(i + n).map_or("", |&(_, w)| w);
        let verb = match (word, next(1)) {
            ("i've" | "we've", verb) => verb,
            ("i" | "we", "have") => next(2),
            _ => return false,
        };
        let participle = (verb.len() > 4 && verb.ends_with("ed")) || DONE.contains(&verb);
        participle && !text::negated_before(folded, sentence, at, 3)
    })
}

/// The words of `folded[span]` (apostrophes kept), each with its offset in `folded`.
fn words(folded: &str, span: Span) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in folded[span.range()].char_indices() {
        let at = span.start + i;
        match (text::is_word_char(c) || c == '\'', start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push((s, &folded[s..at]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &folded[s..span.end]));
    }
    out
}

/// Whether the words just after a commitment take it back ("we will not", "I'll never").
fn negated_after(rest: &str) -> bool {
    let next = rest
        .split(|c: char| !(text::is_word_char(c) || c == '\''))
        .find(|w| !w.is_empty());
    matches!(next, Some("not" | "never" | "no"))
}

/// Why a sentence moves the score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A finding, by its code (`category/id`).
    Finding(String),
    /// A warm cue.
    Cue(Cue),
}

impl Reason {
    /// `finding` or `cue`, as the JSON contract names them.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::Finding(_) => "finding",
            Reason::Cue(_) => "cue",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Finding(code) => f.write_str(code),
            Reason::Cue(cue) => f.write_str(cue.as_str()),
        }
    }
}

/// A sentence that moves a reply's warmth, and by how much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    /// The sentence as written, white space collapsed (decoded text for an email part, a JSON
    /// string or HTML; a placeholder there shows as `…`). Empty for a finding in a base64 part,
    /// where the sentence cannot be located.
    pub sentence: String,
    /// Its bytes in the file.
    pub span: Span,
    /// Where it starts in the file.
    pub start: Position,
    /// What it adds to the warmth: negative for a finding, positive for a cue.
    pub contribution: i32,
    /// The finding or cue behind it.
    pub reason: Reason,
    /// For a `cold` finding, the cold cue of this sentence ("a bare verdict"): such a finding is
    /// scored as its cues, its cost shared among their sentences by weight.
    pub cue: Option<String>,
}

/// The scorecard of one reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// The file, as named in reports.
    pub path: String,
    /// Which reply of the file, 0-based (see [`Segment::reply`](crate::source::Segment)).
    pub reply: usize,
    /// How many replies the file holds.
    pub replies: usize,
    /// Where the reply starts in the file.
    pub start: Position,
    /// Findings per category (only categories with findings).
    pub counts: BTreeMap<String, usize>,
    /// The sum of the findings' contributions (0 or less).
    pub penalty: i32,
    /// The sum of the cues' contributions, after the limits and [`BONUS_CAP`].
    pub bonus: i32,
    /// `BASE + penalty + bonus`, clamped to 0–100.
    pub warmth: u8,
    /// Every finding and counted cue, the largest contribution first, then by position.
    pub drivers: Vec<Driver>,
}

/// A sentence of a reply's own text.
struct Sentence {
    /// Its bytes in the file.
    span: Span,
    /// Its text for the report.
    shown: String,
    /// Its zone.
    zone: Zone,
    /// The folded region text and the sentence's span there, for matching cues.
    folded: std::rc::Rc<Folded>,
    folded_span: Span,
    /// Whether its span is the whole base64 part it lies in, shared with its neighbours.
    approximate: bool,
}

/// The scorecards of `source`, one per reply, from its `findings` (as [`Linter::check`]
/// returned them, possibly filtered).
///
/// [`Linter::check`]: crate::Linter::check
#[must_use]
pub fn scorecards(source: &Source, findings: &[Finding]) -> Vec<Scorecard> {
    let segments = source.segments();
    let index = LineIndex::new(&source.text);
    let extent = |s: &crate::source::Segment<'_>| s.map.to_file(Span::new(0, s.text.len()));
    let replies = crate::source::replies(&segments);
    // Each finding goes to the reply of the segment it lies in (the first reply if none).
    let reply_of = |f: &Finding| {
        segments
            .iter()
            .find(|s| {
                let e = extent(s);
                (e.start <= f.span.start && f.span.start < e.end) || f.span == e
            })
            .map_or(replies.first().copied().unwrap_or(0), |s| s.reply)
    };
    let owners: Vec<usize> = findings.iter().map(reply_of).collect();
    replies
        .iter()
        .map(|&reply| {
            let own: Vec<&crate::source::Segment<'_>> =
                segments.iter().filter(|s| s.reply == reply).collect();
            let start = own.iter().map(|s| extent(s).start).min().unwrap_or(0);
            let sentences: Vec<Sentence> = own.iter().flat_map(|s| sentences(source, s)).collect();
            let mine: Vec<&Finding> = findings
                .iter()
                .zip(&owners)
                .filter(|&(_, &r)| r == reply)
                .map(|(f, _)| f)
                .collect();
            let mut card = score(&source.text, &index, &sentences, &mine);
            card.path.clone_from(&source.path);
            card.reply = reply;
            card.replies = replies.len();
            card.start = index.position(&source.text, start);
            card
        })
        .collect()
}

/// The sentences of one segment's target regions, in order. In a base64 part every sentence has
/// the part's span, so with more than one a finding there cannot be put in a sentence.
fn sentences(source: &Source, segment: &crate::source::Segment<'_>) -> Vec<Sentence> {
    let mut out = Vec::new();
    for region in segment.regions.iter().filter(|r| r.zone.is_target()) {
        let original = &segment.text[region.span.range()];
        let folded = std::rc::Rc::new(Folded::new(original));
        for folded_span in text::sentences(&folded) {
            let local = folded.original(folded_span).shift(region.span.start);
            let span = segment.map.to_file(local);
            let raw = match segment.map {
                OffsetMap::Shift(_) => source.text.get(span.range()).unwrap_or_default(),
                _ => &segment.text[local.range()],
            };
            out.push(Sentence {
                span,
                shown: collapse(raw),
                zone: region.zone,
                folded: std::rc::Rc::clone(&folded),
                folded_span,
                approximate: false,
            });
        }
    }
    if out.len() > 1 && matches!(segment.map, OffsetMap::Part(_)) {
        for sentence in &mut out {
            sentence.approximate = true;
        }
    }
    out
}

/// `raw` with white-space runs collapsed to one space and masked placeholders shown as `…`.
fn collapse(raw: &str) -> String {
    let mask = char::from(crate::source::placeholder::MASK);
    let mut out = String::with_capacity(raw.len());
    let mut last = ' ';
    for c in raw.trim().chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if (c == ' ' && last == ' ') || (c == mask && last == '…') {
            continue;
        }
        out.push(if c == mask { '…' } else { c });
        last = if c == mask { '…' } else { c };
    }
    out
}

/// `total` (a cost, 0 or less) shared by `weights`, rounded, the rounding left to the first share so
/// the shares add up to `total`.
fn shares(total: i32, weights: &[f64]) -> Vec<i32> {
    let sum: f64 = weights.iter().sum();
    if weights.is_empty() || sum <= 0.0 {
        return vec![total];
    }
    // Each share is at most |total| ≤ 30: the conversions cannot overflow.
    #[allow(clippy::cast_possible_truncation)]
    let mut out: Vec<i32> = weights
        .iter()
        .map(|w| (f64::from(total) * w / sum).round() as i32)
        .collect();
    let rest = total - out.iter().sum::<i32>();
    out[0] += rest;
    out
}

/// Scores one reply: its sentences and findings.
fn score(
    text: &str,
    index: &LineIndex,
    sentences: &[Sentence],
    findings: &[&Finding],
) -> Scorecard {
    let mut drivers = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut flagged = vec![false; sentences.len()];
    for f in findings {
        *counts.entry(f.category.clone()).or_default() += 1;
        // A `cold` finding is its cues: its cost is shared among their sentences, by weight.
        let parts: Vec<(Span, i32, Option<String>)> = if f.cues.is_empty() {
            vec![(f.span, penalty(f), None)]
        } else {
            let weights: Vec<f64> = f.cues.iter().map(|c| c.weight).collect();
            shares(penalty(f), &weights)
                .into_iter()
                .zip(&f.cues)
                .map(|(cost, cue)| (cue.span.unwrap_or(f.span), cost, Some(cue.name.clone())))
                .collect()
        };
        for (at_span, contribution, cue) in parts {
            let at = sentences
                .iter()
                .position(|s| s.span.start <= at_span.start && at_span.start < s.span.end)
                .or_else(|| {
                    sentences
                        .iter()
                        .rposition(|s| s.span.start <= at_span.start)
                });
            let (span, sentence) = match at {
                // In a base64 part every sentence has the part's span: which one it is is unknown.
                Some(i) if sentences[i].approximate => (at_span, String::new()),
                Some(i) => {
                    flagged[i] = true;
                    (sentences[i].span, sentences[i].shown.clone())
                }
                None => (
                    at_span,
                    collapse(text.get(at_span.range()).unwrap_or_default()),
                ),
            };
            drivers.push(Driver {
                sentence,
                span,
                start: index.position(text, span.start),
                contribution,
                reason: Reason::Finding(f.code()),
                cue,
            });
        }
    }
    let penalties: i32 = drivers.iter().map(|d| d.contribution).sum();

    // Cues: only in the reply's own prose, only in sentences without a finding.
    let eligible: Vec<&Sentence> = sentences
        .iter()
        .zip(&flagged)
        .filter(|&(s, &flag)| {
            !flag
                && matches!(
                    s.zone,
                    Zone::Greeting | Zone::Opening | Zone::Body | Zone::Closing
                )
        })
        .map(|(s, _)| s)
        .collect();
    let commits = eligible
        .iter()
        .any(|s| Cue::OwnedAction.matches(&s.folded.text, s.folded_span));
    let mut used: BTreeMap<Cue, usize> = BTreeMap::new();
    let mut bonus = 0;
    for s in eligible {
        if bonus >= BONUS_CAP {
            break;
        }
        let cue = Cue::ALL.into_iter().find(|&cue| {
            used.get(&cue).copied().unwrap_or(0) < cue.limit()
                && (cue != Cue::Apology || commits)
                && cue.matches(&s.folded.text, s.folded_span)
        });
        let Some(cue) = cue else { continue };
        *used.entry(cue).or_default() += 1;
        let points = cue.points().min(BONUS_CAP - bonus);
        bonus += points;
        drivers.push(Driver {
            sentence: s.shown.clone(),
            span: s.span,
            start: index.position(text, s.span.start),
            contribution: points,
            reason: Reason::Cue(cue),
            cue: None,
        });
    }
    drivers.sort_by(|a, b| {
        b.contribution
            .abs()
            .cmp(&a.contribution.abs())
            .then(a.span.start.cmp(&b.span.start))
            .then(a.contribution.cmp(&b.contribution))
    });
    let warmth = (BASE + penalties + bonus).clamp(0, 100);
    Scorecard {
        path: String::new(),
        reply: 0,
        replies: 1,
        start: Position { line: 1, column: 1 },
        counts,
        penalty: penalties,
        bonus,
        // Clamped to 0–100 just above.
        warmth: u8::try_from(warmth).unwrap_or(0),
        drivers,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;
    use crate::{Linter, pack};

    static LINTER: LazyLock<Linter> = LazyLock::new(|| {
        Linter::new(pack::builtin().into_iter().flat_map(|p| p.rules).collect())
            .expect("the built-in rules load")
    });

    fn cards(source: &Source) -> Vec<Scorecard> {
        scorecards(source, &LINTER.check(source))
    }

    fn card(text: &str) -> Scorecard {
        let mut all = cards(&Source::plain("reply.txt", text));
        assert_eq!(all.len(), 1);
        all.remove(0)
    }

    fn cues(card: &Scorecard) -> Vec<(Cue, &str)> {
        card.drivers
            .iter()
            .filter_map(|d| match d.reason {
                Reason::Cue(cue) => Some((cue, d.sentence.as_str())),
                Reason::Finding(_) => None,
            })
            .collect()
    }

    fn findings(card: &Scorecard) -> Vec<(&str, &str)> {
        card.drivers
            .iter()
            .filter_map(|d| match &d.reason {
                Reason::Finding(code) => Some((code.as_str(), d.sentence.as_str())),
                Reason::Cue(_) => None,
            })
            .collect()
    }

    /// The warmth is the base plus every driver's contribution, clamped: nothing is hidden.
    fn assert_explained(card: &Scorecard) {
        let sum: i32 = card.drivers.iter().map(|d| d.contribution).sum();
        assert_eq!(
            i32::from(card.warmth),
            (BASE + sum).clamp(0, 100),
            "{card:#?}"
        );
        assert_eq!(card.penalty + card.bonus, sum);
        assert!(card.penalty <= 0 && (0..=BONUS_CAP).contains(&card.bonus));
        assert!(card.warmth <= 100);
    }

    #[test]
    fn a_rude_reply_scores_lower_than_a_kind_one() {
        for name in [
            "dsl-line-drops",
            "kb-article",
            "malware-link",
            "professor-projector",
            "third-time",
        ] {
            let read = |dir: &str| {
                let path = format!(
                    "{}/../../examples/drafts/{dir}/{name}.txt",
                    env!("CARGO_MANIFEST_DIR")
                );
                card(&std::fs::read_to_string(path).expect("the draft exists"))
            };
            let (rude, kind) = (read("rude"), read("kind"));
            assert_explained(&rude);
            assert_explained(&kind);
            assert!(rude.warmth < 30, "{name}: rude {}", rude.warmth);
            assert!(kind.warmth > 60, "{name}: kind {}", kind.warmth);
            assert!(rude.counts.values().sum::<usize>() > 0);
            assert!(kind.counts.is_empty(), "{name}: {:?}", kind.counts);
        }
    }

    #[test]
    fn a_plain_reply_sits_at_the_base() {
        let card = card("Hi Sam,\n\nThe export runs nightly at two.\n\nAlex\n");
        assert_eq!(i32::from(card.warmth), BASE);
        assert!(card.drivers.is_empty());
        let empty = card_of_empty();
        assert_eq!(i32::from(empty.warmth), BASE);
    }

    fn card_of_empty() -> Scorecard {
        card("")
    }

    #[test]
    fn quoted_text_and_the_signature_change_nothing() {
        let reply = "Hi Sam,\n\nThe export runs nightly. As I already explained, it starts at two.\n\nBest,\nAlex\n";
        let alone = card(reply);
        let rude_and_warm = "RTFM. Calm down, this is user error. Thank you for your patience, \
                             I'm sorry, I'll fix it today and I can understand how annoying it \
                             is. Let me know.";
        let quoted = format!("{reply}\nOn Mon, Sam wrote:\n> {rude_and_warm}\n");
        let signed = format!("{reply}-- \n{rude_and_warm}\n");
        for text in [quoted, signed] {
            let other = card(&text);
            assert_eq!(other.warmth, alone.warmth, "{text}");
            assert_eq!(other.counts, alone.counts, "{text}");
            assert_eq!(other.drivers, alone.drivers, "{text}");
        }
        assert_eq!(
            findings(&alone),
            [(
                "condescension/as-i-already-said",
                "As I already explained, it starts at two."
            )]
        );
    }

    #[test]
    fn drivers_name_the_rule_and_the_cue() {
        let card = card(
            "Hi Sam,\n\nAs I already explained, the export runs nightly. I can imagine how \
             annoying the wait is.\n\nIf the file is missing tomorrow, I'll run it by hand.\n\n\
             Thank you for your patience.\n\nBest,\nAlex\n",
        );
        assert_explained(&card);
        assert_eq!(
            findings(&card),
            [(
                "condescension/as-i-already-said",
                "As I already explained, the export runs nightly."
            )]
        );
        assert_eq!(
            cues(&card),
            [
                (
                    Cue::Acknowledgement,
                    "I can imagine how annoying the wait is."
                ),
                (
                    Cue::OwnedAction,
                    "If the file is missing tomorrow, I'll run it by hand."
                ),
                (Cue::Thanks, "Thank you for your patience."),
            ]
        );
        let rule = &card.drivers[0];
        assert_eq!(rule.contribution, -16, "a warning at 0.8");
        assert_eq!(rule.start, Position { line: 3, column: 1 });
        assert_eq!(card.counts.get("condescension"), Some(&1));
        assert_eq!(i32::from(card.warmth), BASE - 16 + 10 + 8 + 5);
    }

    #[test]
    fn drivers_come_largest_first() {
        let card = card("Hi Sam,\n\nThanks for writing in. RTFM. I'll send the file today.\n");
        let contributions: Vec<i32> = card.drivers.iter().map(|d| d.contribution).collect();
        assert_eq!(contributions, [-29, 8, 5]);
    }

    #[test]
    fn caps_hold() {
        let thanks = "Thank you for your message. ".repeat(12);
        let card = card(&format!("Hi Sam,\n\n{thanks}\n\nAlex\n"));
        assert_eq!(card.bonus, Cue::Thanks.points());
        assert_eq!(cues(&card).len(), 1);

        let every = Cue::ALL
            .iter()
            .flat_map(|cue| cue.phrases())
            .map(|phrase| format!("Well, {phrase} the new plan."))
            .collect::<Vec<_>>()
            .join(" ");
        let card = self::card(&format!("Hi Sam,\n\n{every}\n\nAlex\n"));
        assert_explained(&card);
        assert_eq!(card.bonus, BONUS_CAP);
        assert!(card.warmth <= 100);
        for cue in Cue::ALL {
            let n = cues(&card).iter().filter(|(c, _)| *c == cue).count();
            assert!(n <= cue.limit(), "{cue}: {n}");
        }
    }

    #[test]
    fn every_phrase_is_folded_and_makes_its_cue() {
        for cue in Cue::ALL {
            for phrase in cue.phrases() {
                assert_eq!(*phrase, Folded::new(phrase).text, "{cue}: {phrase}");
                let sentence = format!("well, {phrase} the new plan.");
                let span = Span::new(0, sentence.len());
                let made = cue.matches(&sentence, span);
                assert!(made, "{cue}: {phrase}");
            }
        }
    }

    #[test]
    fn the_score_stays_between_0_and_100() {
        let rude = "RTFM. As I already explained, this is user error. Calm down. ".repeat(10);
        let card = card(&format!("Hi Sam,\n\n{rude}\n\nAlex\n"));
        assert_explained(&card);
        assert_eq!(card.warmth, 0);
        assert!(card.penalty < -BASE);
    }

    /// Sentences to mix into replies: rude, warm, plain, and quoted.
    const POOL: &[&str] = &[
        "RTFM.",
        "As I already explained, the export runs nightly.",
        "This is user error.",
        "Calm down.",
        "PLEASE READ THE MANUAL!!!",
        "Thank you for your patience.",
        "I can imagine how annoying that was.",
        "I'm sorry about the delay.",
        "I'll send the file today.",
        "Happy to walk you through it.",
        "Let me know if it does not arrive.",
        "The export runs nightly.",
        "\n\n",
        "\n> Calm down, I'll fix it, thank you for your patience.\n",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn the_warmth_is_explained_and_bounded(picks in proptest::collection::vec(0..POOL.len(), 0..40)) {
            let body: Vec<&str> = picks.iter().map(|&i| POOL[i]).collect();
            let card = card(&format!("Hi Sam,\n\n{}\n\nAlex\n", body.join(" ")));
            assert_explained(&card);
            for cue in Cue::ALL {
                let n = cues(&card).iter().filter(|(c, _)| *c == cue).count();
                proptest::prop_assert!(n <= cue.limit());
            }
        }
    }

    #[test]
    fn negated_and_formulaic_cues_do_not_count() {
        for text in [
            "I don't understand why this is hard.",
            "We will not refund the order.",
            "I'll never send that file.",
            "Sorry for the inconvenience.",
            "They wrote \"let me know\" on the form.",
            "You'll have to wait.",
            "I haven't changed anything.",
        ] {
            let card = card(&format!("Hi Sam,\n\n{text}\n\nThanks,\nAlex\n"));
            assert!(cues(&card).is_empty(), "{text}: {:?}", cues(&card));
        }
    }

    #[test]
    fn an_apology_counts_with_an_owned_action() {
        let bare = card("Hi Sam,\n\nSorry about the delay with the export.\n\nAlex\n");
        assert!(cues(&bare).is_empty());
        let owned = card(
            "Hi Sam,\n\nSorry about the delay with the export. I'll send the file by noon.\n\nAlex\n",
        );
        assert_eq!(
            cues(&owned).iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            [Cue::Apology, Cue::OwnedAction]
        );
    }

    #[test]
    fn a_flagged_sentence_earns_no_cue() {
        let card =
            card("Hi Sam,\n\nSorry, but this is user error. I'll send the file today.\n\nAlex\n");
        assert_eq!(findings(&card).len(), 1, "{card:#?}");
        assert_eq!(
            cues(&card),
            [(Cue::OwnedAction, "I'll send the file today.")],
            "the apology is in the flagged sentence"
        );
    }

    #[test]
    fn each_reply_of_a_file_has_its_own_card() {
        let text = "Hi Sam,\n\nRTFM.\n\nAlex\n---- next\nHi Jo,\n\nI'll send the file today. \
                    Let me know if it does not arrive.\n\nAlex\n";
        let options = crate::source::Options {
            reply_separator: Some(regex::Regex::new("^---- ").expect("valid")),
            ..crate::source::Options::default()
        };
        let source = Source::plain("replies.txt", text).with_options(options);
        let all = cards(&source);
        assert_eq!(all.len(), 2);
        assert_eq!((all[0].reply, all[0].replies, all[0].start.line), (0, 2, 1));
        assert_eq!((all[1].reply, all[1].start.line), (1, 7));
        assert_eq!(all[0].counts.get("condescension"), Some(&1));
        assert!(all[1].counts.is_empty());
        assert!(all[0].warmth < all[1].warmth);
        assert_eq!(all[1].drivers[0].start.line, 9);

        let json = include_str!("../../../tests/fixtures/formats/zendesk-macros.json");
        let source = Source::from_bytes("macros.json", json.as_bytes().to_vec(), None);
        let all = cards(&source);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].counts.get("condescension"), Some(&2));
        assert!(all[1].counts.is_empty());
        assert_eq!(
            cues(&all[1]),
            [
                (
                    Cue::Apology,
                    "I’m sorry you were locked out right before your meeting."
                ),
                (
                    Cue::OwnedAction,
                    "I’ve reset it; the link is in your inbox."
                ),
            ]
        );
    }

    #[test]
    fn a_finding_in_a_base64_part_is_not_put_in_a_sentence() {
        let eml = include_str!("../../../tests/fixtures/formats/base64.eml");
        let source = Source::from_bytes("m.eml", eml.as_bytes().to_vec(), None);
        let card = cards(&source).remove(0);
        assert_eq!(
            findings(&card),
            [
                ("condescension/rtfm", "Re: RTFM"),
                ("condescension/as-i-already-said", "")
            ]
        );
    }
}
