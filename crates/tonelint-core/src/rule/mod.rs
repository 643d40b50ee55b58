//! Rules in their compiled form: what a rule matches ([`Matcher`], one variant per kind), its
//! severity, suggestions and examples. The TOML schema and its compilation live in [`spec`];
//! each kind's own matching lives in its file (`phrase`, `pattern`, `shouting`, `limit`,
//! `requires`, `metric`, `cold`). The linter gathers the compiled rules' literals into one index.

pub mod cold;
mod guards;
pub(crate) mod limit;
pub mod metric;
pub(crate) mod pattern;
pub(crate) mod phrase;
pub(crate) mod requires;
mod sequence;
pub(crate) mod shouting;
pub(crate) mod spec;
pub(crate) mod template;

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::fix::Applicability;
use crate::fold::Folded;
pub use crate::regex::LazyRegex;
use crate::region::Zone;
use crate::span::Span;
use template::Template;

pub(crate) use spec::RuleSpec;

/// How serious a rule's findings are: a property of the rule, which configuration may change. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth a look; never fails a run unless `--fail-on info`.
    Info,
    /// Likely to hurt the reader.
    Warning,
    /// Unmistakable.
    Error,
}

impl Severity {
    /// The name used in rule packs and output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The unit a `limit` rule counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// One sentence.
    Sentence,
    /// One paragraph (region).
    Paragraph,
    /// The whole reply.
    Reply,
}

/// Where an insertion goes, relative to the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// Just before the match.
    BeforeMatch,
    /// Just after the match.
    AfterMatch,
    /// At the start of the match's sentence.
    BeforeSentence,
    /// After the match's sentence (and its closing punctuation).
    AfterSentence,
    /// At the start of the reply proper, after the greeting.
    AfterGreeting,
    /// At the start of the closing (the paragraph before the sign-off, or the sign-off).
    BeforeClosing,
    /// Just before the sign-off ("Regards,"), as a paragraph of its own; the end of the reply
    /// when it has none.
    BeforeSignOff,
}

/// What a rule matches: one variant per rule kind.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Matcher {
    /// Literal phrases (folded).
    Phrase {
        /// The phrases, folded.
        phrases: Vec<String>,
        /// Each phrase's own confidence, where it has one (empty when none has).
        confidences: Vec<Option<f64>>,
    },
    /// A regex.
    Pattern {
        /// The regex.
        regex: LazyRegex,
        /// Whether it runs on the original text instead of the folded one.
        case_sensitive: bool,
    },
    /// Observed phrase → preferred phrases.
    Swap {
        /// Folded observed phrases with their replacements.
        swaps: Vec<(String, Vec<String>)>,
        /// Applicability of the generated suggestions.
        applicability: Applicability,
    },
    /// Words in order, compiled to a regex over folded text.
    Sequence {
        /// The regex.
        regex: LazyRegex,
    },
    /// Too many occurrences per unit.
    Limit {
        /// Phrases counted (folded), when not a pattern.
        phrases: Vec<String>,
        /// Pattern counted, when not phrases.
        regex: Option<LazyRegex>,
        /// Occurrences allowed per unit.
        max: usize,
        /// The unit.
        per: Unit,
    },
    /// Something the reply must do when something holds: a trigger (in the client's quoted
    /// text, say) requires a requirement (in the reply's opening, say), else a finding.
    Requires {
        /// What sets the rule off.
        trigger: Cues,
        /// What must then be there, each of them.
        requirements: Vec<Cues>,
    },
    /// Counters over the zones of a reply: a finding when every condition holds.
    Metric {
        /// The conditions.
        conditions: Vec<metric::Condition>,
    },
    /// Weak cold cues that add up, judged per reply: a finding when their weights reach the
    /// threshold and nothing warm balances them.
    Cold {
        /// The cues, in rule order.
        cues: Vec<cold::ColdCue>,
        /// The sum of weights that makes a reply cold.
        threshold: f64,
    },
    /// Upper-case sentences.
    Shouting {
        /// Minimum number of upper-case words.
        min_words: usize,
        /// Minimum share of upper-case words.
        ratio: f64,
        /// Words that never count (upper case as written).
        allow: BTreeSet<String>,
    },
}

impl Matcher {
    /// The kind's name.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Matcher::Phrase { .. } => "phrase",
            Matcher::Pattern { .. } => "pattern",
            Matcher::Swap { .. } => "swap",
            Matcher::Sequence { .. } => "sequence",
            Matcher::Limit { .. } => "limit",
            Matcher::Shouting { .. } => "shouting",
            Matcher::Requires { .. } => "requires",
            Matcher::Metric { .. } => "metric",
            Matcher::Cold { .. } => "cold",
        }
    }
}

/// Phrases and patterns looked for in some zones of a reply, at least `min` times.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cues {
    /// Zones searched.
    pub zones: Vec<Zone>,
    /// The phrases and patterns, as one regex over folded text.
    pub(crate) regex: LazyRegex,
    /// Matches needed.
    pub min: usize,
    /// A requirement's name, for `{missing}`.
    pub name: Option<String>,
    /// A requirement's own insertion, for `{inserts}`.
    pub insert: Option<String>,
    /// Where that insertion goes when not with the others.
    pub at: Option<Anchor>,
    /// Words that cancel a trigger match among the few words before it in its clause.
    pub unless: Vec<String>,
    /// For a requirement: how many sentences from the trigger (in the reply) or from the start of
    /// the reply proper (trigger in the client's text) it may be; none, anywhere in its zones.
    pub window: Option<usize>,
}

/// What a suggestion does.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum Action {
    Replace(Template),
    Remove,
    Insert(Template, Anchor),
    Advice,
}

/// What a suggestion rewrites: the match, the clause it is in, or its whole sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The matched words.
    #[default]
    Match,
    /// The clause holding the match: between commas, semicolons, colons, dashes or parentheses,
    /// or a conjunction ("and", "but", "so") and the sentence's edges.
    Clause,
    /// The sentence holding the match.
    Sentence,
}

impl Scope {
    /// The name used in rule packs.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Match => "match",
            Scope::Clause => "clause",
            Scope::Sentence => "sentence",
        }
    }
}

/// A suggestion of a rule, before it meets a match.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SuggestionTemplate {
    pub(crate) action: Action,
    /// What it rewrites.
    pub(crate) scope: Scope,
    /// When set, the suggestion is offered only where its scope's folded text matches, and its
    /// named groups are slots of the replacement, filled with the writer's own words.
    pub(crate) pattern: Option<LazyRegex>,
    pub(crate) applicability: Applicability,
    pub(crate) message: Option<String>,
}

/// A window filter: `unless` drops a match when one of these is in its window, `when` keeps a
/// match only when one is.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Unless {
    pub(crate) regex: LazyRegex,
    /// `None`: the sentence; `Some(n)`: n words on each side.
    pub(crate) words: Option<usize>,
}

/// One test case of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Example {
    /// Text the rule must flag, and optionally what it becomes once fixed.
    Bad {
        /// The text.
        text: String,
        /// The text after the first edit suggestion.
        fixed: Option<String>,
    },
    /// Text no rule of the pack may flag.
    Good {
        /// The text.
        text: String,
    },
}

impl Example {
    /// Its text, bad or good.
    pub(crate) fn text(&self) -> &str {
        match self {
            Example::Bad { text, .. } | Example::Good { text } => text,
        }
    }
}

/// A rule's or a cue's examples, each with its 1-based line in the pack file: a list of
/// [`Example`]s (it derefs to one). Those of the built-in packs stay in the binary until first
/// looked at ([`crate::pack::builtin_examples`]): linting never does, and reading them at every
/// start took a seventeenth of a draft's run.
#[derive(Clone, Default)]
pub struct Examples {
    own: Vec<(Example, usize)>,
    /// For a built-in rule: its index in the snapshot, and its cue's (`None`: the rule's own).
    builtin: Option<(u32, Option<u32>)>,
}

impl Examples {
    /// The examples of built-in rule `rule` (cue `cue` of it, if given), read when looked at.
    pub(crate) fn builtin(rule: u32, cue: Option<u32>) -> Examples {
        Examples {
            own: Vec::new(),
            builtin: Some((rule, cue)),
        }
    }
}

impl std::ops::Deref for Examples {
    type Target = Vec<(Example, usize)>;

    fn deref(&self) -> &Vec<(Example, usize)> {
        match self.builtin {
            Some((rule, cue)) => crate::pack::builtin_examples(rule, cue),
            None => &self.own,
        }
    }
}

impl From<Vec<(Example, usize)>> for Examples {
    fn from(own: Vec<(Example, usize)>) -> Examples {
        Examples { own, builtin: None }
    }
}

impl<'a> IntoIterator for &'a Examples {
    type Item = &'a (Example, usize);
    type IntoIter = std::slice::Iter<'a, (Example, usize)>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl fmt::Debug for Examples {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// A compiled rule.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rule {
    /// Unique kebab-case id.
    pub id: String,
    /// Category (`condescension`, `blame`, …).
    pub category: String,
    /// Name of the pack it comes from.
    pub pack: String,
    /// Free-form labels.
    pub tags: Vec<String>,
    /// Severity of its findings.
    pub severity: Severity,
    /// How sure a match is a real problem, 0.0–1.0.
    pub confidence: f64,
    /// What it flags ("Flags …").
    pub summary: String,
    /// Why it hurts the reader.
    pub why: String,
    /// A page with more.
    pub link: Option<String>,
    /// Why its safe suggestions are safe.
    pub safety: Option<String>,
    /// Zones it applies to.
    pub zones: Vec<Zone>,
    /// Whether the negation guard is on.
    pub negation: bool,
    /// Whether the quotation guard is on.
    pub quotation: bool,
    /// Its test cases, with their 1-based line in the pack file (the built-in packs' read apart:
    /// see [`Examples`]).
    #[serde(skip)]
    pub examples: Examples,
    /// What it matches.
    pub matcher: Matcher,
    /// The pack file and 1-based line where the rule starts.
    pub origin: (String, usize),
    pub(crate) message: Template,
    pub(crate) suggestions: Vec<SuggestionTemplate>,
    pub(crate) unless: Option<Unless>,
    pub(crate) when: Option<Unless>,
    /// For a rule read from the built-in packs' snapshot: its index there. A linter of such rules
    /// starts from the literal table computed ahead for them (see `linter::table`), so a rule's
    /// `matcher` must not be changed once it is read.
    #[serde(skip)]
    pub(crate) snapshot: Option<u32>,
}

impl Rule {
    /// Its index in the built-in packs' snapshot, if it was read from there.
    pub(crate) fn snapshot_index(&self) -> Option<u32> {
        self.snapshot
    }

    /// `category/id`.
    #[must_use]
    pub fn code(&self) -> String {
        format!("{}/{}", self.category, self.id)
    }

    /// Whether the rule applies in `zone`.
    #[must_use]
    pub fn applies_in(&self, zone: Zone) -> bool {
        self.zones.contains(&zone)
    }

    /// The applicabilities its suggestions offer, best first, without duplicates.
    #[must_use]
    pub fn fix_kinds(&self) -> Vec<Applicability> {
        let mut kinds: Vec<Applicability> = match &self.matcher {
            Matcher::Swap { applicability, .. } => vec![*applicability],
            _ => self.suggestions.iter().map(|s| s.applicability).collect(),
        };
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// Every regex of the rule: its matcher's and its `unless`/`when` filters'.
    pub(crate) fn regexes(&self) -> impl Iterator<Item = &LazyRegex> {
        let matcher = match &self.matcher {
            Matcher::Pattern { regex, .. } | Matcher::Sequence { regex } => Some(regex),
            Matcher::Limit { regex, .. } => regex.as_ref(),
            _ => None,
        };
        let cues = match &self.matcher {
            Matcher::Requires {
                trigger,
                requirements,
            } => std::iter::once(&trigger.regex)
                .chain(requirements.iter().map(|r| &r.regex))
                .collect(),
            Matcher::Metric { conditions } => {
                conditions.iter().filter_map(|c| c.regex.as_ref()).collect()
            }
            Matcher::Cold { cues, .. } => cues
                .iter()
                .flat_map(|c| c.gated_regex().into_iter().chain(c.at_start.as_ref()))
                .collect(),
            _ => Vec::new(),
        };
        matcher
            .into_iter()
            .chain(cues)
            .chain(self.suggestions.iter().filter_map(|s| s.pattern.as_ref()))
            .chain(self.unless.iter().map(|u| &u.regex))
            .chain(self.when.iter().map(|u| &u.regex))
    }
}

/// A match before the guards, in folded coordinates of its region: what each kind's matching
/// gives the linter.
#[derive(Debug)]
pub(crate) struct Match {
    /// The rule's index in the linter.
    pub(crate) rule: usize,
    /// The matched words.
    pub(crate) span: Span,
    /// For a phrase or swap rule, which phrase matched.
    pub(crate) swap: Option<usize>,
    /// A regex's capture groups, by number and by name.
    pub(crate) captures: HashMap<String, Span>,
}

impl Match {
    /// A match of `rule` with no captures.
    pub(crate) fn new(rule: usize, span: Span, swap: Option<usize>) -> Match {
        Match {
            rule,
            span,
            swap,
            captures: HashMap::new(),
        }
    }
}

/// Cue `cue` of rule `rule` in the high half of a word whose low half is a place in a region: a
/// list of them sorts as by (rule, cue), then place, faster than as tuples (over the first 4,000
/// Enron emails, the region's lists of cues and of their start places sorted as tuples took 2% of
/// the instructions).
pub(crate) fn cue_key(rule: usize, cue: u8) -> u64 {
    let rule = u64::try_from(rule).expect("a rule index fits a word");
    assert!(rule < 1 << 24, "fewer than 2^24 rules");
    (rule << 8 | u64::from(cue)) << 32
}

/// One region of a reply as the reply-level kinds (`requires`, `metric`, `cold`) read it: folded
/// and split
/// into sentences once by the linter, for every rule.
pub(crate) struct RegionView<'a> {
    /// The region's original text.
    pub(crate) original: &'a str,
    /// Folded.
    pub(crate) folded: &'a Folded,
    /// Its sentences, in folded coordinates.
    pub(crate) sentences: &'a [Span],
    /// Its zone.
    pub(crate) zone: Zone,
    /// The literal sets found here of each gated cue regex, by (rule, cue) (as a [`cue_key`]),
    /// sorted: bit g set when a literal of set g is in the region (the linter's one literal search
    /// tells), and where the last of its literals here starts.
    pub(crate) gates: &'a [(u64, u8, u32)],
    /// Where the start literals of each cue regex that has them are, by (rule, cue), sorted (see
    /// [`LazyRegex::starts`]): each a [`cue_key`] and the place, in one word.
    pub(crate) starts: &'a [u64],
    /// Its words, sentences and pronouns, counted once for every metric rule that reads them.
    pub(crate) counts: std::cell::OnceCell<metric::Counts>,
    /// Its unexplained acronyms, counted once.
    pub(crate) acronyms: std::cell::OnceCell<usize>,
    /// Its words as last counted up to a limit: (the limit, the count), the count exact when
    /// below the limit (see [`words_up_to`](Self::words_up_to)).
    pub(crate) words: std::cell::Cell<(usize, usize)>,
}

impl RegionView<'_> {
    /// Its counts (counted on first use).
    pub(crate) fn counts(&self) -> &metric::Counts {
        self.counts.get_or_init(|| metric::Counts::of(self))
    }

    /// Its words, counted up to `limit` (`limit` when there are more): the `cold` rule's "a short
    /// reply" and the metric rule of a dozen words count the same regions up to 21 and 13, and
    /// the second count is known from the first (over the first 4,000 Enron emails, 651.3M ->
    /// 644.9M instructions).
    pub(crate) fn words_up_to(&self, limit: usize) -> usize {
        let (counted_to, count) = self.words.get();
        if count < counted_to {
            // Every word was counted.
            return count.min(limit);
        }
        if limit <= counted_to {
            return limit;
        }
        let count = metric::count_words(&self.folded.text, limit);
        self.words.set((limit, count));
        count
    }

    /// Whether `regex`, cue `cue` of rule `rule`, may match here: the literals of its sets here
    /// open it (or it has none).
    pub(crate) fn open(&self, rule: usize, cue: u8, regex: &LazyRegex) -> bool {
        regex.gates().is_empty()
            || self
                .gates
                .binary_search_by_key(&cue_key(rule, cue), |&(key, ..)| key)
                .is_ok_and(|i| regex.opens(self.gates[i].1))
    }

    /// The matches of `regex`, cue `cue` of rule `rule`, in the folded text (with `first`, the
    /// first one only): tried where its start literals are, when it has them and the literal
    /// search of this region opened it (which found them all), else searched up to the last place
    /// a match can start (see [`until`](Self::until)).
    pub(crate) fn find(
        &self,
        rule: usize,
        cue: u8,
        regex: &LazyRegex,
        first: bool,
    ) -> Vec<(usize, usize)> {
        let text = &self.folded.text;
        if !self.indexed(rule, cue, regex) {
            let found = regex.find_iter_until(text, self.until(rule, cue, regex));
            return if first {
                found.into_iter().take(1).collect()
            } else {
                found
            };
        }
        let key = cue_key(rule, cue);
        let from = self.starts.partition_point(|&start| start < key);
        let places: Vec<usize> = self.starts[from..]
            .iter()
            .take_while(|&&start| start & !u64::from(u32::MAX) == key)
            .map(|&start| (start & u64::from(u32::MAX)) as usize)
            .collect();
        regex.find_at(text, &places, first)
    }

    /// Whether the places of `regex`'s start literals here are known: it has some, and the
    /// literal search of this region found its gates (a view built without it has none).
    fn indexed(&self, rule: usize, cue: u8, regex: &LazyRegex) -> bool {
        regex.has_starts() && !regex.gates().is_empty() && self.open(rule, cue, regex)
    }

    /// Whether `regex`, cue `cue` of rule `rule`, matches in the folded text (see
    /// [`find`](Self::find)).
    pub(crate) fn is_match(&self, rule: usize, cue: u8, regex: &LazyRegex) -> bool {
        if self.indexed(rule, cue, regex) {
            !self.find(rule, cue, regex, true).is_empty()
        } else {
            regex.is_match_until(&self.folded.text, self.until(rule, cue, regex))
        }
    }

    /// The last place in the folded text a match of `regex`, cue `cue` of rule `rule`, can
    /// start: where the last literal of its gates here starts, when every match holds one (else
    /// the end).
    pub(crate) fn until(&self, rule: usize, cue: u8, regex: &LazyRegex) -> usize {
        if !regex.gates_every_match() {
            return usize::MAX;
        }
        self.gates
            .binary_search_by_key(&cue_key(rule, cue), |&(key, ..)| key)
            .map_or(usize::MAX, |i| self.gates[i].2 as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::cue_key;

    /// Keys with places in their low half sort as (rule, cue, place) tuples do, and a key's
    /// places are found between it and the next.
    #[test]
    fn cue_keys_sort_as_their_tuples() {
        let mut tuples = Vec::new();
        for rule in [0_usize, 1, 2, 255, 256, 70_000, (1 << 24) - 1] {
            for cue in [0_u8, 1, 7, 255] {
                for place in [0_u32, 1, 65_535, u32::MAX] {
                    tuples.push((rule, cue, place));
                }
            }
        }
        tuples.reverse();
        let mut words: Vec<u64> = tuples
            .iter()
            .map(|&(rule, cue, place)| cue_key(rule, cue) | u64::from(place))
            .collect();
        tuples.sort_unstable();
        words.sort_unstable();
        for (&(rule, cue, place), &word) in tuples.iter().zip(&words) {
            assert_eq!(word & !u64::from(u32::MAX), cue_key(rule, cue));
            assert_eq!(word & u64::from(u32::MAX), u64::from(place));
        }
        assert!(cue_key(3, 255) < cue_key(4, 0));
    }
}
