//! Regexes compiled on first use, with what the linter needs known up front: capture names for
//! templates, and the literals every match starts and ends with, so the regex runs only where
//! they appear in the text (all such literals sit in the linter's one literal index).
//!
//! Compiling every rule's regex at start-up would cost tens of milliseconds: more than linting a
//! draft. The built-in packs' regexes are read precompiled from the binary
//! ([`super::precompiled`]); others compile when a region first holds their literals.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, MatchKind};

use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, meta};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};
use serde::{Deserialize, Serialize};

use super::memo::Memo;
use super::precompiled::{self, Engine};

/// Bytes the compiled program of one rule's regex may take.
const SIZE_LIMIT: usize = 1 << 22;

/// Bytes a precompiled regex searches before it searches through a table of the transitions it
/// takes ([`Memo`]): the sparse DFA needs no table but finds each transition by a search, and is
/// tried again at every start. A table costs nothing to set up and a few hundred instructions
/// per new transition, which a draft of a few kilobytes does not repay. Over the first 4,000
/// Enron emails (3.0 MB): 1.173G instructions after 16 KiB, 1.147G after 4 KiB, 1.142G after
/// 1 KiB; a 2 KB draft takes 8.2M after 4 KiB, 9.2M after 1 KiB. (The lazy DFA that did this
/// before had to parse the pattern and build an NFA first, about 1.4M instructions a regex, and
/// paid after 16 KiB: 1.229G.)
const BULK_AFTER: usize = 1 << 12;

/// What one anchored search counts towards [`BULK_AFTER`]: about the bytes a try reads. Over the
/// first 4,000 Enron emails, 1.310G instructions (1.320G counting 64, 1.344G counting none); over
/// all 14,436 the same 4.32G either way.
const ANCHORED_COST: usize = 8;

/// A regex's table of transitions ([`Memo`]), built once its precompiled DFA has searched
/// [`BULK_AFTER`] bytes, counted across threads: a rule's regex has one, and so has each of the
/// crate's own ([`super::LeanRegex`]).
#[derive(Debug, Default)]
pub(crate) struct Bulk {
    /// Bytes searched so far, until the table is built.
    searched: AtomicUsize,
    /// The table, once built (`None` if the DFA cannot have one). Boxed: packs move their rules'
    /// regexes as they load.
    table: OnceLock<Option<Box<Memo>>>,
}

impl Bulk {
    /// The table for searching `len` more bytes with `engine`, once enough have been; `None`:
    /// the engine alone (not yet, or not a precompiled DFA).
    pub(crate) fn get(&self, engine: &Engine, len: usize) -> Option<&Memo> {
        // Once built, the count is no longer needed: adding to it at every search would have
        // threads take turns owning the cache line it shares with the regex (over the 14,436
        // Enron emails with two threads, 2 to 3% more time).
        if let Some(built) = self.table.get() {
            return built.as_deref();
        }
        let Engine::Dfa(dfa) = engine else {
            return None;
        };
        if self.searched.fetch_add(len, Ordering::Relaxed) + len < BULK_AFTER {
            return None;
        }
        self.table
            .get_or_init(|| dfa.memo().map(Box::new))
            .as_deref()
    }

    /// Whether the table is built.
    #[cfg(test)]
    pub(crate) fn is_built(&self) -> bool {
        self.table.get().is_some_and(Option::is_some)
    }

    /// Whether a table was looked at past the threshold (built, or found impossible).
    #[cfg(test)]
    fn is_decided(&self) -> bool {
        self.table.get().is_some()
    }
}

/// A rule's regex: parsed at load, compiled at first use.
#[derive(Debug, Serialize, Deserialize)]
pub struct LazyRegex {
    source: String,
    case_insensitive: bool,
    captures: Vec<Option<String>>,
    gates: Vec<Literals>,
    /// When not every set of `gates` is needed: the ways a region may hold enough of them, each a
    /// mask of the sets it needs (one per alternative of the regex, or per group of them).
    #[serde(default)]
    terms: Vec<u8>,
    /// Whether `gates[0]` holds the literals every match starts with.
    prefix_gated: bool,
    /// For a case-sensitive regex, literals in their own case one of which every match holds: a
    /// text without any has no match, which a look for them tells faster than the regex searched
    /// in bulk (see [`exact_literals`]). Empty when there is no such set.
    exact: Literals,
    matches_empty: bool,
    groups: bool,
    /// For a regex searched whole: literals one of which every match starts with (in folded
    /// text), when there are few enough and none too short; the linter's literal search finds
    /// where they are, and the regex is tried there, anchored, instead of walked over the text
    /// (see [`find_at`](Self::find_at)). Empty when there is no such set.
    starts: Literals,
    #[serde(skip)]
    cell: OnceLock<Result<Compiled, String>>,
    /// With capture groups, for the matches of a precompiled automaton (which has none).
    #[serde(skip)]
    with_groups: OnceLock<Option<meta::Regex>>,
    /// The precompiled DFA with its tables of transitions, once it has searched enough.
    #[serde(skip)]
    bulk: Bulk,
    /// The automaton that looks for `exact`, built at the first search.
    #[serde(skip)]
    exact_finder: OnceLock<Option<AhoCorasick>>,
}

/// A compiled regex and the mode it was compiled in.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub(crate) engine: Engine,
    /// Compiled with ASCII-only `\w`, `\b`, `\s`, `\d` and case folding (40 times faster to
    /// build than the Unicode tables). Where that differs from Unicode (a match that starts or
    /// ends beside a non-ASCII letter), the linter drops the match.
    pub(crate) ascii: bool,
}

/// One match: its span and its capture groups' spans (the whole match first; only the whole
/// match when the rule names no group).
pub(crate) struct Captured {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) groups: Vec<Option<(usize, usize)>>,
}

/// A set of literals, one string with a NUL between each: read with the built-in packs at every
/// start, where a string per literal would be thousands of allocations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Literals(String);

impl Literals {
    fn new(set: &[String]) -> Literals {
        Literals(set.join("\0"))
    }

    /// Its literals.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split('\0')
    }
}

impl Compiled {
    /// `source` (folding case if `fold`, with capture groups if `groups`), read precompiled from
    /// the binary when the build precompiled it, else compiled now (see [`compile`]).
    pub(crate) fn new(source: &str, fold: bool, groups: bool) -> Result<Compiled, String> {
        if let Some((dfa, ascii)) = precompiled::lookup(source, fold) {
            return Ok(Compiled {
                engine: Engine::Dfa(Box::new(dfa)),
                ascii,
            });
        }
        compile(source, fold, groups).map(|(regex, ascii)| Compiled {
            engine: Engine::Meta(regex),
            ascii,
        })
    }
}

impl Clone for LazyRegex {
    fn clone(&self) -> LazyRegex {
        LazyRegex {
            source: self.source.clone(),
            case_insensitive: self.case_insensitive,
            captures: self.captures.clone(),
            gates: self.gates.clone(),
            terms: self.terms.clone(),
            prefix_gated: self.prefix_gated,
            exact: self.exact.clone(),
            matches_empty: self.matches_empty,
            groups: self.groups,
            starts: self.starts.clone(),
            cell: OnceLock::new(),
            with_groups: OnceLock::new(),
            bulk: Bulk::default(),
            exact_finder: OnceLock::new(),
        }
    }
}

impl LazyRegex {
    /// Parses `source` for its captures, emptiness and literals; errors are one line.
    pub(crate) fn new(source: &str, case_insensitive: bool) -> Result<LazyRegex, String> {
        // ASCII mode parses fast and is enough for captures, emptiness and literals; a pattern
        // it refuses is parsed again with Unicode, to tell a real syntax error apart.
        let hir = parse(source)?;
        let mut captures = vec![None];
        collect_captures(&hir, &mut captures);
        let (gates, terms, prefix_gated) = gates(&hir);
        let gates = gates.iter().map(|set| Literals::new(set)).collect();
        let exact = if case_insensitive {
            Vec::new()
        } else {
            exact_literals(source).unwrap_or_default()
        };
        Ok(LazyRegex {
            source: source.to_owned(),
            case_insensitive,
            captures,
            gates,
            terms,
            prefix_gated,
            exact: Literals::new(&exact),
            matches_empty: hir.properties().minimum_len() == Some(0),
            groups: true,
            starts: Literals::new(&[]),
            cell: OnceLock::new(),
            with_groups: OnceLock::new(),
            bulk: Bulk::default(),
            exact_finder: OnceLock::new(),
        })
    }

    /// The regex gated for being searched whole (`find_iter`, `is_match`), as a reply-level
    /// cue is, rather than tried at its prefixes: its gates are its strongest literal sets,
    /// whether they start, end or sit inside a match. A set of prefixes as common as "for " or
    /// "you " narrows nothing when the whole region is searched anyway.
    pub(crate) fn searched(mut self) -> LazyRegex {
        if let Ok(hir) = parse(&self.source) {
            let (gates, terms) = strongest_gates(&hir);
            self.gates = gates.iter().map(|set| Literals::new(set)).collect();
            self.terms = terms;
            self.prefix_gated = false;
            if !self.matches_empty {
                self.starts = Literals::new(&start_literals(&hir).unwrap_or_default());
            }
        }
        self
    }

    /// The literals one of which every match starts with, in folded text (see `starts`); none
    /// when the regex is not searched that way.
    pub(crate) fn starts(&self) -> impl Iterator<Item = &str> {
        self.starts.iter().filter(|l| !l.is_empty())
    }

    /// Whether the regex has [`starts`](Self::starts).
    pub(crate) fn has_starts(&self) -> bool {
        !self.starts.0.is_empty()
    }

    /// Its leftmost-first matches in `haystack`, given every place one can start (sorted): the
    /// regex tried anchored at each (a few bytes a try) instead of searched over the text. With
    /// `first`, the first match only.
    pub(crate) fn find_at(
        &self,
        haystack: &str,
        starts: &[usize],
        first: bool,
    ) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if let Some(compiled) = self.get() {
            self.for_each_match_at(compiled, haystack, starts, |start, end| {
                out.push((start, end));
                !first
            });
        }
        out
    }

    /// Calls `found(start, end)` for each leftmost-first match that starts at one of `starts`
    /// (sorted), until it returns `false`: through this thread's tables when built (one look at
    /// them for all the starts), else by the compiled engine, anchored.
    fn for_each_match_at(
        &self,
        compiled: &Compiled,
        haystack: &str,
        starts: &[usize],
        mut found: impl FnMut(usize, usize) -> bool,
    ) {
        let mut session = self
            .bulk(compiled, ANCHORED_COST * starts.len())
            .map(Memo::session);
        let mut last_end = 0;
        for &start in starts {
            // Leftmost-first matches do not overlap.
            if start < last_end {
                continue;
            }
            let end = match session
                .as_mut()
                .and_then(|s| s.end_at(haystack.as_bytes(), start))
            {
                Some(end) => end,
                None => match &compiled.engine {
                    Engine::Dfa(dfa) => dfa.match_at(haystack, start, false),
                    Engine::Meta(regex) => regex
                        .search(&Input::new(haystack).range(start..).anchored(Anchored::Yes))
                        .map(|m| m.end()),
                },
            };
            if let Some(end) = end {
                last_end = end;
                if !found(start, end) {
                    break;
                }
            }
        }
    }

    /// A regex that needs no literals nor capture names (an `unless` or `when` filter): not even
    /// parsed until first use. Packs loaded from files compile it at load, which checks it.
    pub(crate) fn unparsed(source: &str, case_insensitive: bool) -> LazyRegex {
        LazyRegex {
            source: source.to_owned(),
            case_insensitive,
            captures: vec![None],
            gates: Vec::new(),
            terms: Vec::new(),
            prefix_gated: false,
            exact: Literals::new(&[]),
            matches_empty: false,
            groups: false,
            starts: Literals::new(&[]),
            cell: OnceLock::new(),
            with_groups: OnceLock::new(),
            bulk: Bulk::default(),
            exact_finder: OnceLock::new(),
        }
    }

    /// Builds the regex without capture groups (no template names one).
    pub(crate) fn skip_groups(&mut self) {
        self.groups = false;
    }

    /// Whether the regex folds case when compiled. Folded text is lower case, so a pattern with
    /// no upper-case letter of its own needs no case folding, which costs more to build than the
    /// rest of the regex.
    pub(crate) fn folds_case(&self) -> bool {
        self.case_insensitive && has_upper_case(&self.source)
    }

    /// The compiled regex, or why it cannot be compiled (the size limit). The built-in packs'
    /// regexes come precompiled into the binary; others are compiled here.
    pub(crate) fn compiled(&self) -> Result<&Compiled, &str> {
        self.cell
            .get_or_init(|| Compiled::new(&self.source, self.folds_case(), self.groups))
            .as_ref()
            .map_err(String::as_str)
    }

    /// Whether every match starts with a literal of `gates()[0]`.
    pub(crate) fn prefix_gated(&self) -> bool {
        self.prefix_gated
    }

    /// The regex with capture groups, when a template names one.
    fn groups_regex<'a>(&'a self, compiled: &'a Compiled) -> Option<&'a meta::Regex> {
        if !self.groups || self.captures.len() == 1 {
            return None;
        }
        match &compiled.engine {
            Engine::Meta(regex) => Some(regex),
            Engine::Dfa(_) => self
                .with_groups
                .get_or_init(|| {
                    compile(&self.source, self.folds_case(), true)
                        .ok()
                        .map(|(r, _)| r)
                })
                .as_ref(),
        }
    }

    /// The matches that start at one of `starts` (sorted), with capture groups when a template
    /// names one: for a prefix-gated regex, whose matches can start nowhere else, searching from
    /// each start alone costs a few bytes each instead of the whole text.
    pub(crate) fn captures_at(&self, haystack: &str, starts: &[usize]) -> Vec<Captured> {
        let Some(compiled) = self.get() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        self.for_each_match_at(compiled, haystack, starts, |start, end| {
            // The regex with groups is compiled only once a match needs it.
            let groups = match self.groups_regex(compiled) {
                None => vec![Some((start, end))],
                Some(regex) => {
                    let input = Input::new(haystack).range(start..).anchored(Anchored::Yes);
                    let mut caps = regex.create_captures();
                    regex.search_captures(&input, &mut caps);
                    (0..caps.group_len())
                        .map(|i| caps.get_group(i).map(|s| (s.start, s.end)))
                        .collect()
                }
            };
            out.push(Captured { start, end, groups });
            true
        });
        out
    }

    /// The tables for searching `len` more bytes, once the precompiled automaton has searched
    /// enough (see [`Bulk`]); `None`: the compiled engine alone.
    fn bulk(&self, compiled: &Compiled, len: usize) -> Option<&Memo> {
        self.bulk.get(&compiled.engine, len)
    }

    /// Whether `haystack` may hold a match, by the literals in their own case that every match
    /// holds (see `exact`): always, when there are none.
    fn may_match(&self, haystack: &str) -> bool {
        if self.exact.0.is_empty() {
            return true;
        }
        let finder = self.exact_finder.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(self.exact.iter())
                .ok()
        });
        finder
            .as_ref()
            .is_none_or(|finder| finder.is_match(haystack))
    }

    /// Whether `haystack` holds a match, by the bulk automaton when there is one (after the
    /// literals in their own case: a regex searched in bulk searches much text, and most of it
    /// lacks them; a draft is searched without building their automaton, 0.2M instructions);
    /// `None`: not known that way.
    fn bulk_match(&self, bulk: Option<&Memo>, haystack: &str, until: usize) -> Option<bool> {
        let bulk = bulk?;
        if !self.may_match(haystack) {
            return Some(false);
        }
        bulk.is_match_until(haystack.as_bytes(), until)
    }

    /// The spans of the matches in `haystack`.
    #[cfg(test)]
    pub(crate) fn find_iter(&self, haystack: &str) -> Vec<(usize, usize)> {
        self.find_iter_until(haystack, usize::MAX)
    }

    /// The spans of the matches in `haystack`, given that none starts after `until` (the last
    /// place a literal of its gates is: every match holds one): the search in bulk ends soon
    /// after it.
    pub(crate) fn find_iter_until(&self, haystack: &str, until: usize) -> Vec<(usize, usize)> {
        let Some(compiled) = self.get() else {
            return Vec::new();
        };
        let bulk = self.bulk(compiled, haystack.len());
        if self.bulk_match(bulk, haystack, until) == Some(false) {
            return Vec::new();
        }
        compiled
            .engine
            .find_iter_with(haystack, bulk, until)
            .collect()
    }

    /// Whether it matches somewhere in `haystack`, given that no match starts after `until`
    /// (see [`find_iter_until`](Self::find_iter_until)).
    pub(crate) fn is_match_until(&self, haystack: &str, until: usize) -> bool {
        let Some(compiled) = self.get() else {
            return false;
        };
        let bulk = self.bulk(compiled, haystack.len());
        self.bulk_match(bulk, haystack, until)
            .unwrap_or_else(|| compiled.engine.is_match(haystack))
    }

    /// Every match in `haystack`, with capture groups when a template names one.
    pub(crate) fn captures(&self, haystack: &str) -> Vec<Captured> {
        self.captures_until(haystack, usize::MAX)
    }

    /// Every match in `haystack`, with capture groups when a template names one, given that none
    /// starts after `until` (see [`find_iter_until`](Self::find_iter_until)).
    pub(crate) fn captures_until(&self, haystack: &str, until: usize) -> Vec<Captured> {
        let Some(compiled) = self.get() else {
            return Vec::new();
        };
        // Matches are rare: a DFA rules them out before the regex with groups is compiled.
        let bulk = self.bulk(compiled, haystack.len());
        let matched = self
            .bulk_match(bulk, haystack, until)
            .or_else(|| match &compiled.engine {
                Engine::Dfa(dfa) => Some(dfa.is_match(haystack)),
                Engine::Meta(_) => None,
            });
        if matched == Some(false) {
            return Vec::new();
        }
        let Some(regex) = self.groups_regex(compiled) else {
            return compiled
                .engine
                .find_iter_with(haystack, bulk, until)
                .map(|(start, end)| Captured {
                    start,
                    end,
                    groups: vec![Some((start, end))],
                })
                .collect();
        };
        all_captures(regex, haystack)
    }

    /// The compiled regex; `None` if it cannot be compiled (packs loaded from files are compiled
    /// in full when loaded, so this only guards against the impossible).
    pub(crate) fn get(&self) -> Option<&Compiled> {
        self.compiled().ok()
    }

    /// Whether the regex can match empty text.
    pub(crate) fn matches_empty(&self) -> bool {
        self.matches_empty
    }

    /// Whether it matches ignoring case.
    #[must_use]
    pub fn is_case_insensitive(&self) -> bool {
        self.case_insensitive
    }

    /// The pattern.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Number of capture groups, the whole match included.
    pub(crate) fn captures_len(&self) -> usize {
        self.captures.len()
    }

    /// Names of the capture groups, by index.
    pub(crate) fn capture_names(&self) -> impl Iterator<Item = Option<&str>> {
        self.captures.iter().map(Option::as_deref)
    }

    /// Sets of folded literals; every match holds a literal of each set (the literals matches
    /// start with, those they end with or hold), or, when the regex has terms, of each set of one
    /// of its terms (see [`opens`](Self::opens)). Empty when there is no usable set.
    pub(crate) fn gates(&self) -> &[Literals] {
        &self.gates
    }

    /// Whether every match holds a literal of some gate set: then none starts after the last
    /// place such a literal is.
    pub(crate) fn gates_every_match(&self) -> bool {
        !self.gates.is_empty() && self.terms.iter().all(|&term| term != 0)
    }

    /// Whether a region may hold a match, given `mask`: bit g set when a literal of `gates()[g]`
    /// is in it. Every set is needed, unless the regex's alternatives need different ones.
    pub(crate) fn opens(&self, mask: u8) -> bool {
        if self.terms.is_empty() {
            let all = (1_u16 << self.gates.len()) - 1;
            u16::from(mask) & all == all
        } else {
            self.terms.iter().any(|&term| term & !mask == 0)
        }
    }
}

/// Every match of `regex` in `haystack` with its groups.
fn all_captures(regex: &meta::Regex, haystack: &str) -> Vec<Captured> {
    regex
        .captures_iter(haystack)
        .filter_map(|caps| {
            let whole = caps.get_match()?;
            Some(Captured {
                start: whole.start(),
                end: whole.end(),
                groups: (0..caps.group_len())
                    .map(|i| caps.get_group(i).map(|s| (s.start, s.end)))
                    .collect(),
            })
        })
        .collect()
}

fn collect_captures(hir: &Hir, out: &mut Vec<Option<String>>) {
    match hir.kind() {
        HirKind::Capture(c) => {
            let index = c.index as usize;
            if out.len() <= index {
                out.resize(index + 1, None);
            }
            out[index] = c.name.as_deref().map(str::to_owned);
            collect_captures(&c.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for sub in subs {
                collect_captures(sub, out);
            }
        }
        HirKind::Repetition(r) => collect_captures(&r.sub, out),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
    }
}

/// Words in nearly every English text: a literal that is one of them gates nothing.
const COMMON_WORDS: &[&str] = &[
    "the", "you", "your", "to", "and", "is", "it", "as", "for", "that", "this", "have", "will",
    "with", "are", "can", "what", "be", "we", "our", "of", "in", "on", "not", "do", "if", "at",
    "his", "her", "was", "would", "should", "just", "there", "their", "they", "from", "me", "my",
];

/// Phrases frequent in email that gated whole cues ("please " a redirect, "will be " a threat),
/// weighed as common words: over the first 4,000 Enron emails, 1.041G instructions without them,
/// 1.026G with them. More of the frequent literals ("only", "issues", "questions", "get", "use",
/// …) made it worse (1.074G to 1.085G): a set they leave is traded for a weaker one.
const COMMON_IN_EMAIL: &[&str] = &["please", "if you have", "will be"];

/// How much a literal narrows a search: its length up to eight bytes, one for a common word.
fn weight(literal: &str) -> usize {
    let literal_words = literal.trim();
    if COMMON_WORDS.contains(&literal_words) || COMMON_IN_EMAIL.contains(&literal_words) {
        1
    } else {
        literal.len().min(8)
    }
}

/// The literals every match of `hir` starts with, folded, for trying a regex searched whole at
/// the places they are (see `LazyRegex::starts`): longer sets than a gate may have (a try costs
/// a few bytes, a common literal only more tries), cut to twelve bytes, none a single character
/// other than a digit (a set with one, or none, is no use). A literal that starts with another of
/// the set is left out: the places of the shorter one hold it.
fn start_literals(hir: &Hir) -> Option<Vec<String>> {
    const MOST: usize = 256;
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_total(MOST)
        .limit_class(8)
        .limit_literal_len(12);
    let seq = extractor.extract(&lower_case_letters(hir));
    let literals = seq.literals()?;
    let mut out = Vec::with_capacity(literals.len());
    for lit in literals {
        let folded = crate::fold::Folded::new(std::str::from_utf8(lit.as_bytes()).ok()?).text;
        // One letter is in every other word, a mark ends every sentence; a digit is rarer.
        let mut chars = folded.trim().chars();
        match (chars.next(), chars.next()) {
            (None, _) => return None,
            (Some(c), None) if !c.is_ascii_digit() => return None,
            _ => {}
        }
        out.push(folded);
    }
    let minimal = without_covered(out, true);
    (!minimal.is_empty() && minimal.len() <= MOST).then_some(minimal)
}

/// Whether every match of `source` starts at the start of the text (`^…`, not multi-line).
pub(crate) fn starts_anchored(source: &str) -> bool {
    parse(source).is_ok_and(|hir| {
        hir.properties()
            .look_set_prefix()
            .contains(regex_syntax::hir::Look::Start)
    })
}

/// `source` parsed: in ASCII mode, which parses fast and is enough for captures, emptiness and
/// literals; a pattern it refuses is parsed again with Unicode, to tell a real syntax error apart.
fn parse(source: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(source)
        .or_else(|_| regex_syntax::ParserBuilder::new().build().parse(source))
        .map_err(|e| syntax_error(&e.to_string()))
}

/// How much a set narrows the search: by its weakest literal (a common short one, "the " or "it",
/// is in nearly every region and costs a look at every place it occurs); then the fewer literals
/// the better.
fn strength(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(|l| weight(l)).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(set.len().min(64)))
}

/// The gates of a regex searched whole: the strongest of its prefix, suffix and inner sets, and a
/// second one when that is strong too; then its alternatives' own sets, with the terms that say
/// which an alternative needs (see [`by_alternative`]).
fn strongest_gates(hir: &Hir) -> (Vec<Vec<String>>, Vec<u8>) {
    let prefix = extract(hir, &ExtractKind::Prefix);
    let suffix = extract(hir, &ExtractKind::Suffix);
    let lowered = lower_case_letters(hir);
    let inner = required(&lowered);
    let mut out = Vec::new();
    add_strongest(
        &mut out,
        prefix
            .into_iter()
            .chain(suffix)
            .chain(inner.clone())
            .collect(),
    );
    let terms = by_alternative(&lowered, inner.as_ref(), &mut out);
    (out, terms)
}

/// The literal sets that gate a regex: the prefixes every match of `hir` starts with and the
/// suffixes it ends with, each when finite, small and selective, folded (lower case, straight
/// quotes) so they can be looked for in folded text. Matching is case-insensitive on folded text,
/// and a case-sensitive match lower-cased is in the folded text too, so lower-cased literals are
/// always a sound gate. A regex runs only where a literal of every set appears (of every set of
/// one of its terms, when its alternatives need different sets: see [`by_alternative`]).
/// Returns the sets, the terms, and whether the first set is the prefixes.
fn gates(hir: &Hir) -> (Vec<Vec<String>>, Vec<u8>, bool) {
    // Too many prefixes for a gate of their own may still be few enough to try the regex at.
    let prefix = extract(hir, &ExtractKind::Prefix).or_else(|| start_literals(hir));
    let suffix = extract(hir, &ExtractKind::Suffix).filter(|s| Some(s) != prefix.as_ref());
    let lowered = lower_case_letters(hir);
    let inner = required(&lowered);
    // The prefixes first, when there are: a match can start only where one is, and the regex
    // runs anchored there, a few bytes each, however common they are. Then the strongest other
    // set, as the only gate when there are no prefixes, or as a second one when strong.
    let prefix_gated = prefix.is_some();
    let mut out: Vec<Vec<String>> = prefix.into_iter().collect();
    add_strongest(&mut out, suffix.into_iter().chain(inner.clone()).collect());
    // A regex searched whole is narrowed further by its alternatives' own literals; one tried at
    // its prefixes costs a few bytes a try already.
    let terms = if prefix_gated {
        Vec::new()
    } else {
        by_alternative(&lowered, inner.as_ref(), &mut out)
    };
    (out, terms, prefix_gated)
}

/// Gates of each alternative of `lowered` (a regex's HIR with its one-letter classes in lower case,
/// whose `union` is the set [`required`] finds for it), added to the sets `out` that every match
/// needs: an alternative needs its own one or two strongest sets besides. One set for "this is not
/// the place", two for "(use|try|post on) the (forum|discord|…)" ("use" alone is in every other
/// reply). The alternatives that need one set share it (the union of theirs), and those past the
/// eight sets a mask holds are brought down to their strongest. Returns the terms (each the
/// mask of the sets one alternative needs, `out`'s included), or none when no alternative needs
/// two sets: then every set of `out` is needed, as before.
fn by_alternative(
    lowered: &Hir,
    union: Option<&Vec<String>>,
    out: &mut Vec<Vec<String>>,
) -> Vec<u8> {
    const BITS: usize = 8;
    let Some(alternatives) = alternatives_of(lowered) else {
        return Vec::new();
    };
    let mut singles: Vec<String> = Vec::new();
    let mut doubles: Vec<[Vec<String>; 2]> = Vec::new();
    for alternative in alternatives {
        let mut sets = parts(alternative);
        sets.sort_by_key(|set| std::cmp::Reverse(strength(set)));
        sets.dedup();
        let Some(first) = sets.first().cloned() else {
            return Vec::new();
        };
        match sets.get(1) {
            // A second set as weak as a common word narrows too little for the bits it takes; a
            // question mark is rare enough (most sentences have none).
            Some(second) if strength(second).0 >= 3 || second == &["?"] => {
                doubles.push([first, second.clone()]);
            }
            _ => singles.extend(first),
        }
    }
    // The sets every match needs stay needed, but for the one the alternatives' own sets refine.
    let mut sets: Vec<Vec<String>> = out
        .iter()
        .filter(|&set| Some(set) != union)
        .cloned()
        .collect();
    let base = sets.len();
    loop {
        let mut distinct: Vec<&Vec<String>> = doubles.iter().flatten().collect();
        distinct.sort();
        distinct.dedup();
        distinct.retain(|set| !sets[..base].contains(set));
        if base + distinct.len() + usize::from(!singles.is_empty()) <= BITS {
            break;
        }
        // The alternative whose strongest set narrows most loses least with it alone.
        let Some(i) = (0..doubles.len()).max_by_key(|&i| strength(&doubles[i][0])) else {
            return Vec::new();
        };
        let [first, _] = doubles.remove(i);
        singles.extend(first);
    }
    if doubles.is_empty() {
        return Vec::new();
    }
    let singles = minimal(singles);
    if singles.len() > 128 {
        return Vec::new();
    }
    let all = u8::try_from((1_u16 << base) - 1).expect("at most eight sets");
    let mut bit = |set: &Vec<String>| -> u8 {
        let g = sets.iter().position(|s| s == set).unwrap_or_else(|| {
            sets.push(set.clone());
            sets.len() - 1
        });
        1 << g
    };
    let mut terms = Vec::with_capacity(doubles.len() + 1);
    if !singles.is_empty() {
        terms.push(all | bit(&singles));
    }
    for [first, second] in &doubles {
        terms.push(all | bit(first) | bit(second));
    }
    terms.sort_unstable();
    terms.dedup();
    *out = sets;
    terms
}

/// The alternatives of `hir`: of an alternation, or of the one alternation in a concatenation
/// of it and assertions (a `\b` that every alternative started with is taken out in front).
fn alternatives_of(hir: &Hir) -> Option<&[Hir]> {
    match hir.kind() {
        HirKind::Alternation(subs) => Some(subs),
        HirKind::Capture(c) => alternatives_of(&c.sub),
        HirKind::Concat(subs) => {
            let mut rest = subs
                .iter()
                .filter(|sub| !matches!(sub.kind(), HirKind::Look(_)));
            let one = rest.next()?;
            rest.next()
                .is_none()
                .then(|| alternatives_of(one))
                .flatten()
        }
        _ => None,
    }
}

/// The literal sets every match of `hir` needs, each from one of its parts: those of a
/// concatenation's parts and of its runs of literal text, or its one set.
fn parts(hir: &Hir) -> Vec<Vec<String>> {
    match hir.kind() {
        HirKind::Concat(subs) => subs
            .iter()
            .filter_map(required)
            .chain(runs(subs).iter().filter_map(|run| literal_set(run)))
            .collect(),
        HirKind::Capture(c) => parts(&c.sub),
        _ => required(hir).into_iter().collect(),
    }
}

/// Adds to the gates `out` the strongest of `candidates`: the only gate when `out` has none, or
/// a further one (two in all at most) when strong, or stronger than the first (a regex's prefixes
/// are its first gate however common: "it", "the" open "it's … ugly" in every reply, its
/// adjectives in few). A set the first gate implies (each of its literals holds one of the set's)
/// narrows nothing more.
fn add_strongest(out: &mut Vec<Vec<String>>, mut candidates: Vec<Vec<String>>) {
    candidates.sort_by_key(|set| std::cmp::Reverse(strength(set)));
    for set in candidates {
        let strong = |set: &[String]| {
            strength(set).0 >= 5
                || out
                    .first()
                    .is_some_and(|first| strength(set).0 > strength(first).0)
        };
        if out.len() == 2 || (!out.is_empty() && !strong(&set)) {
            break;
        }
        let implied = out.first().is_some_and(|first| {
            first
                .iter()
                .all(|a| set.iter().any(|b| a.contains(b.as_str())))
        });
        if out.contains(&set) || implied {
            continue;
        }
        out.push(set);
    }
}

/// A literal as a gate set of its own, folded, if it is long or rare enough: three characters at
/// least; two will do when they are not letters ("?!" is rare, "ok" is inside "look"), and a
/// question mark alone (most sentences have none). A symbol of three bytes or more (an emoji) is
/// rare in prose.
fn literal_set(bytes: &[u8]) -> Option<Vec<String>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let folded = crate::fold::Folded::new(text).text;
    let trimmed = folded.trim();
    let enough = trimmed.chars().count() >= 3
        || (trimmed.chars().count() == 2 && !trimmed.chars().any(char::is_alphanumeric))
        || trimmed == "?"
        || (trimmed.len() >= 3 && !trimmed.chars().any(char::is_alphanumeric));
    enough.then(|| vec![folded])
}

/// Literals one of which every match of `hir` holds somewhere, folded, each of at least three
/// characters (or two that are not letters), if there is such a set of at most 128.
fn required(hir: &Hir) -> Option<Vec<String>> {
    const MOST: usize = 128;
    let set = match hir.kind() {
        HirKind::Literal(lit) => literal_set(&lit.0)?,
        // A few characters that each make a literal of their own (emoji merged into a class).
        HirKind::Class(regex_syntax::hir::Class::Unicode(class))
            if class.ranges().iter().map(|r| r.len()).sum::<usize>() <= 16 =>
        {
            let mut all = Vec::new();
            for c in class.iter().flat_map(|r| r.start()..=r.end()) {
                all.extend(literal_set(c.to_string().as_bytes())?);
            }
            all
        }
        HirKind::Capture(c) => required(&c.sub)?,
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub)?,
        HirKind::Alternation(subs) => union_of(subs, MOST, required)?,
        // The best set among the parts and the runs of literal parts they make together (`ug`
        // then `h+`: "ugh"): the one whose shortest literal is longest (the fewest places in a
        // text hold it), then the smallest.
        HirKind::Concat(subs) => subs
            .iter()
            .filter_map(required)
            .chain(runs(subs).iter().filter_map(|run| literal_set(run)))
            .max_by_key(|set| {
                let weakest = set.iter().map(|l| weight(l)).min().unwrap_or(0);
                (weakest, std::cmp::Reverse(set.len()))
            })?,
        _ => return None,
    };
    let minimal = minimal(set);
    (!minimal.is_empty() && minimal.len() <= MOST).then_some(minimal)
}

/// The sets `set` gives the alternatives `subs`, together: one of which every match holds, if
/// every alternative has one and together they are at most `most`.
fn union_of(
    subs: &[Hir],
    most: usize,
    set: impl Fn(&Hir) -> Option<Vec<String>>,
) -> Option<Vec<String>> {
    let mut all = Vec::new();
    for sub in subs {
        all.extend(set(sub)?);
        if all.len() > most {
            return None;
        }
    }
    Some(all)
}

/// `set` sorted, without the literals that hold another of it: wherever such a literal appears,
/// so does the one it holds.
fn minimal(set: Vec<String>) -> Vec<String> {
    without_covered(set, false)
}

/// `set` sorted, without the literals that hold another of it (with `prefixes`, that start with
/// another: a match starts where the shorter one is, which is the place the regex is tried).
fn without_covered(mut set: Vec<String>, prefixes: bool) -> Vec<String> {
    set.sort_by_key(|l| (l.len(), l.clone()));
    set.dedup();
    let mut out: Vec<String> = Vec::with_capacity(set.len());
    for literal in set {
        let covered = |m: &String| {
            if prefixes {
                literal.starts_with(m.as_str())
            } else {
                literal.contains(m.as_str())
            }
        };
        if !out.iter().any(covered) {
            out.push(literal);
        }
    }
    out.sort();
    out
}

/// The runs of literal text that every match of the concatenation `subs` holds: consecutive
/// literals joined, and a repeated literal (`h+`) joined once, which ends the run (more copies may
/// follow it).
fn runs(subs: &[Hir]) -> Vec<Vec<u8>> {
    fn exact(hir: &Hir) -> Option<&[u8]> {
        match hir.kind() {
            HirKind::Literal(lit) => Some(&lit.0),
            HirKind::Capture(c) => exact(&c.sub),
            _ => None,
        }
    }
    let mut out = Vec::new();
    let mut run: Vec<u8> = Vec::new();
    for sub in subs {
        if let Some(bytes) = exact(sub) {
            run.extend_from_slice(bytes);
            continue;
        }
        if let HirKind::Repetition(r) = sub.kind()
            && r.min >= 1
            && let Some(bytes) = exact(&r.sub)
        {
            run.extend_from_slice(bytes);
        }
        if !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// `hir` with every class that is one letter in its cases (`[Yy]`, what `(?i:y)` becomes) made
/// that letter in lower case. Gates are looked for in folded (lower-case) text, so this keeps them
/// sound, and a case-insensitive group no longer multiplies into every mix of cases (`you`:
/// eight), which put most `(?i:…)` patterns over the literal limit, leaving them ungated.
fn lower_case_letters(hir: &Hir) -> Hir {
    use regex_syntax::hir::{Capture, Class, Repetition};
    match hir.kind() {
        HirKind::Class(class) => {
            let chars: Vec<char> = match class {
                Class::Unicode(c) => {
                    if c.ranges().iter().map(|r| r.len()).sum::<usize>() > 4 {
                        return hir.clone();
                    }
                    c.iter().flat_map(|r| r.start()..=r.end()).collect()
                }
                Class::Bytes(c) => {
                    if c.ranges().iter().map(|r| r.len()).sum::<usize>() > 4 {
                        return hir.clone();
                    }
                    c.iter()
                        .flat_map(|r| r.start()..=r.end())
                        .map(char::from)
                        .collect()
                }
            };
            let lower: Vec<String> = chars.iter().map(|c| c.to_lowercase().collect()).collect();
            match lower.first() {
                Some(first)
                    if chars.len() > 1
                        && chars.iter().all(|c| c.is_alphabetic())
                        && lower.iter().all(|l| l == first) =>
                {
                    Hir::literal(first.as_bytes())
                }
                _ => hir.clone(),
            }
        }
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(lower_case_letters).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(lower_case_letters).collect())
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(lower_case_letters(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(lower_case_letters(&c.sub)),
            ..c.clone()
        }),
        _ => hir.clone(),
    }
}

/// For case-sensitive `source`: literals in their own case, one of which every match holds, when
/// there is such a set of at most 32, each of two characters or more, some with capital letters
/// and none a lower-case word. A set without capitals is found in the folded text by the literal
/// index already; one with them tells more: "YOU" is in few replies, "you" in nearly all. Read from the pattern parsed with Unicode,
/// so its case-insensitive parts (`(?i:…)`) are classes ("k" is also the Kelvin sign), which give
/// no set.
fn exact_literals(source: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .ok()?;
    // Lower-case words ("ugh" beside "UGH") would be in too many replies to tell anything.
    let telling = |l: &String| {
        l.chars().any(|c| c.is_ascii_uppercase()) || !l.chars().any(char::is_alphabetic)
    };
    exact_required(&hir).filter(|set| capitals(set) > 0 && set.iter().all(telling))
}

/// How many literals of `set` have a capital letter.
fn capitals(set: &[String]) -> usize {
    set.iter()
        .filter(|l| l.chars().any(|c| c.is_ascii_uppercase()))
        .count()
}

/// [`exact_literals`] of `hir`.
fn exact_required(hir: &Hir) -> Option<Vec<String>> {
    const MOST: usize = 32;
    let set = match hir.kind() {
        HirKind::Literal(lit) => vec![std::str::from_utf8(&lit.0).ok()?.to_owned()],
        HirKind::Capture(c) => exact_required(&c.sub)?,
        // A literal repeated (`\*{2,3}`): as many copies as it must have, up to four.
        HirKind::Repetition(r) if r.min >= 2 && matches!(r.sub.kind(), HirKind::Literal(_)) => {
            let HirKind::Literal(lit) = r.sub.kind() else {
                return None;
            };
            let copies = usize::try_from(r.min.min(4)).ok()?;
            vec![std::str::from_utf8(&lit.0).ok()?.repeat(copies)]
        }
        HirKind::Repetition(r) if r.min >= 1 => exact_required(&r.sub)?,
        HirKind::Alternation(subs) => union_of(subs, MOST, exact_required)?,
        // The part whose literals all have capitals ("NOT" rather than "please"), then whose
        // shortest literal is longest, then the smallest set.
        HirKind::Concat(subs) => subs.iter().filter_map(exact_required).max_by_key(|set| {
            let weakest = set.iter().map(String::len).min().unwrap_or(0);
            (
                capitals(set) == set.len(),
                weakest,
                std::cmp::Reverse(set.len()),
            )
        })?,
        _ => return None,
    };
    let set = minimal(set);
    let usable = set.iter().all(|l| l.chars().count() >= 2);
    (usable && set.len() <= MOST).then_some(set)
}

/// The literals one of which every match starts (or ends) with, if there are few enough.
fn extract(hir: &Hir, kind: &ExtractKind) -> Option<Vec<String>> {
    const MOST: usize = 64;
    let mut extractor = Extractor::new();
    extractor
        .kind(kind.clone())
        .limit_total(MOST)
        .limit_class(8);
    let seq = extractor.extract(&lower_case_letters(hir));
    let literals = seq.literals()?;
    if literals.len() > MOST {
        return None;
    }
    let mut out = Vec::with_capacity(literals.len());
    for lit in literals {
        let text = std::str::from_utf8(lit.as_bytes()).ok()?;
        let folded = crate::fold::Folded::new(text).text;
        // A literal that is one character or only spaces would match nearly everywhere: no use.
        // "!!" and "?!" are fine.
        if folded.trim().chars().count() < 2 {
            return None;
        }
        out.push(folded);
    }
    // A literal that holds another of the set adds nothing to the gate: wherever it appears, the
    // shorter one does too. Fewer literals make a smaller automaton. A prefix stays where the
    // match starts only if the shorter one is its own prefix: the regex is tried there.
    let minimal = without_covered(out, matches!(kind, ExtractKind::Prefix));
    (!minimal.is_empty()).then_some(minimal)
}

/// Compiles `source` with lean engines: the automaton already gates each regex on its literals,
/// so its own prefilter and the engines that pay off only on long texts would cost more to build
/// than they save on a draft. ASCII mode first: it refuses what could match inside a UTF-8
/// sequence (`.`, non-ASCII classes), and those patterns get the Unicode tables. Returns the
/// regex and whether it is in ASCII mode.
fn compile(source: &str, fold: bool, groups: bool) -> Result<(meta::Regex, bool), String> {
    let build = |unicode: bool| {
        meta::Regex::builder()
            .configure(
                meta::Config::new()
                    .auto_prefilter(false)
                    .onepass(false)
                    .backtrack(false)
                    .dfa(false)
                    .which_captures(if groups {
                        regex_automata::nfa::thompson::WhichCaptures::All
                    } else {
                        regex_automata::nfa::thompson::WhichCaptures::Implicit
                    })
                    .nfa_size_limit(Some(SIZE_LIMIT)),
            )
            .syntax(
                syntax::Config::new()
                    .case_insensitive(fold)
                    .unicode(unicode),
            )
            .build(source)
    };
    match build(false) {
        Ok(regex) => Ok((regex, true)),
        Err(_) => build(true)
            .map(|regex| (regex, false))
            .map_err(|e| build_error(&e)),
    }
}

/// A parse error on one line: the crate's message is a multi-line snippet.
fn syntax_error(text: &str) -> String {
    let last = text.lines().last().unwrap_or_default();
    format!("invalid regex: {}", last.trim_start_matches("error: "))
}

/// A build error on one line.
fn build_error(e: &meta::BuildError) -> String {
    if e.size_limit().is_some() {
        return format!(
            "the regex is too big once compiled (limit {SIZE_LIMIT} bytes); simplify it or split the rule"
        );
    }
    syntax_error(&e.to_string())
}

/// Whether `pattern` has an upper-case letter outside escapes (`\S`, `\W`, `\p{Lu}`).
fn has_upper_case(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        // A group's name (`(?P<name>` or `(?<name>`) is not text to match.
        let rest = chars.as_str();
        if c == '(' && (rest.starts_with("?P<") || rest.starts_with("?<")) {
            let skip = rest.find('>').map_or(rest.len(), |i| i + 1);
            chars = rest[skip..].chars();
            continue;
        }
        match c {
            '\\' => {
                if let Some(e) = chars.next()
                    && matches!(e, 'p' | 'P')
                {
                    let rest = chars.as_str();
                    if rest.starts_with('{') {
                        let skip = rest.find('}').map_or(rest.len(), |i| i + 1);
                        chars = rest[skip..].chars();
                    } else {
                        chars.next();
                    }
                }
            }
            c if c.is_uppercase() => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Its gate sets, as lists.
    fn lists(r: &LazyRegex) -> Vec<Vec<&str>> {
        r.gates().iter().map(|set| set.iter().collect()).collect()
    }

    #[test]
    fn a_literal_inside_every_match_gates_what_has_none_at_its_ends() {
        let r = LazyRegex::new(
            r"\bwho cares\b|(?:^|[.!?]\s+)so what\s*[?!.]|\bget over it\b",
            true,
        )
        .unwrap();
        assert_eq!(lists(&r), [["get over it", "so what", "who cares"]]);
        assert!(!r.prefix_gated());
        // Case-insensitive groups are folded, not multiplied into every mix of cases.
        let r = LazyRegex::new(r"(?i:\bdon't you (?:think|know))", false).unwrap();
        assert_eq!(lists(&r)[0], ["don't you know", "don't you think"]);
        assert!(r.prefix_gated());
    }

    #[test]
    fn case_sensitive_regexes_need_their_literals_in_their_own_case() {
        let set = |source: &str| {
            exact_literals(source)
                .map(|set| set.iter().map(String::as_str).collect::<Vec<_>>().join(" "))
        };
        assert_eq!(set(r"\bYOU(?:\s+ARE)?\b").as_deref(), Some("YOU"));
        // Every alternative gives its own; a run of one repeated character counts as many as it
        // must have.
        assert_eq!(
            set(r"\b(?:do|please) (?:STOP|QUIT) [a-z]|\*{2,3}[^*]+!\*{2,3}").as_deref(),
            Some("** QUIT STOP")
        );
        // No set: an alternative in lower case only, a case-insensitive part, a lone letter.
        assert_eq!(set(r"\bUGH\b|\bugh\b"), None);
        assert_eq!(set(r"(?i:stop) now"), None);
        assert_eq!(set(r"\b(?i:OK)\b"), None);
        assert_eq!(set(r"\bA\b"), None);
        // A case-insensitive regex never has one (its text is folded).
        let regex = LazyRegex::new(r"\bYOU\s+(?:NEVER|DON'T)\b", true).unwrap();
        assert!(regex.exact.0.is_empty());
        // A text without them is ruled out (before the bulk automaton runs); one with them is
        // searched.
        let regex = LazyRegex::new(r"\bYOU\s+(?:NEVER|DON'T)\b", false).unwrap();
        // The part whose shortest literal is longest.
        assert_eq!(regex.exact.iter().collect::<Vec<_>>(), ["DON'T", "NEVER"]);
        assert!(!regex.may_match("you never listen"));
        assert!(regex.find_iter("you never listen").is_empty());
        assert!(regex.may_match("YOUR call: you NEVER"));
        assert!(regex.find_iter("YOUR call: you NEVER").is_empty());
        assert_eq!(regex.find_iter("and YOU NEVER listen"), [(4, 13)]);
        assert_eq!(regex.captures("and YOU  DON'T listen").len(), 1);
        assert!(regex.is_match_until("YOU NEVER", usize::MAX));
    }

    /// Past [`BULK_AFTER`] bytes, a precompiled regex searches through its tables first
    /// (and, case-sensitive, looks for its literals in their own case before): every search finds
    /// what it found before.
    #[cfg(feature = "precompiled")]
    #[test]
    fn the_bulk_automaton_finds_what_the_precompiled_one_found() {
        let packs = crate::pack::builtin();
        let regexes: Vec<&LazyRegex> = packs
            .iter()
            .flat_map(|p| &p.rules)
            .flat_map(|r| r.regexes())
            .collect();
        let cases: [(&str, &[&str]); 2] = [
            (
                r"\bthis is not the place\b",
                &[
                    "this is not the place for questions. please use the forum instead.",
                    "hi, this is not the place. we use this tracker exclusively for bug reports.",
                    "the forum is a great place to compare setups.",
                    "nothing here",
                ],
            ),
            (
                r"\bYOU(?:(?:'|’)RE",
                &[
                    "Why did YOU NEVER read the email we sent?",
                    "Please READ THE MANUAL first.",
                    "you are not listening, and you never read it.",
                    "Your order shipped.",
                ],
            ),
        ];
        for (start, texts) in cases {
            let regex = regexes
                .iter()
                .find(|r| r.as_str().contains(start))
                .map(|&r| r.clone())
                .unwrap_or_else(|| panic!("a built-in regex with {start}"));
            assert!(matches!(regex.get().unwrap().engine, Engine::Dfa(_)));
            // Per text: the spans found, whether it matches, and how many matches with groups
            // and from a few starts.
            type Searched = (Vec<(usize, usize)>, bool, usize, usize);
            let searches = |regex: &LazyRegex| -> Vec<Searched> {
                texts
                    .iter()
                    .map(|t| {
                        let starts = [0, 4, 5, 30].map(|at: usize| at.min(t.len()));
                        (
                            regex.find_iter(t),
                            regex.is_match_until(t, usize::MAX),
                            regex.captures(t).len(),
                            regex.captures_at(t, &starts).len(),
                        )
                    })
                    .collect()
            };
            let before = searches(&regex);
            let matched: Vec<bool> = before.iter().map(|b| b.1).collect();
            assert_eq!(matched, [true, true, false, false], "{start}");
            assert!(!regex.bulk.is_decided());
            assert!(regex.find_iter(&"x ".repeat(BULK_AFTER)).is_empty());
            assert!(regex.bulk.is_built(), "built");
            assert_eq!(searches(&regex), before, "{start}");
        }
    }

    /// A regex whose every match holds a literal of its gates (so that no match starts after
    /// the last of them in a region) does: over the built-in rules' examples, folded, every match
    /// of every such built-in regex holds one.
    #[cfg(feature = "precompiled")]
    #[test]
    fn every_match_holds_a_literal_of_its_gates() {
        let rules: Vec<_> = crate::pack::builtin()
            .iter()
            .flat_map(|p| p.rules.clone())
            .collect();
        let texts: Vec<String> = rules
            .iter()
            .flat_map(|r| &r.examples)
            .map(|(example, _)| crate::fold::Folded::new(example.text()).text)
            .collect();
        let mut matches = 0;
        for regex in rules.iter().flat_map(|r| r.regexes()) {
            if !regex.gates_every_match() || !regex.is_case_insensitive() {
                continue;
            }
            for text in &texts {
                for (start, end) in regex.find_iter(text) {
                    let inside = &text[start..end];
                    assert!(
                        regex
                            .gates()
                            .iter()
                            .flat_map(Literals::iter)
                            .any(|l| inside.contains(l)),
                        "{}: {inside:?}",
                        regex.as_str()
                    );
                    matches += 1;
                }
            }
        }
        assert!(matches > 100, "{matches}");
    }

    #[test]
    fn each_alternative_needs_its_own_sets() {
        let r = LazyRegex::new(
            r"\b(?:use|try) (?:the |our )?(?:\w+ )?(?:forum|discord)\b|\bnot the place\b",
            true,
        )
        .unwrap()
        .searched();
        // Bit g set when a literal of set g is in `text`, as the literal index tells.
        let mask = |text: &str| -> u8 {
            r.gates()
                .iter()
                .enumerate()
                .filter(|(_, set)| set.iter().any(|l| text.contains(l)))
                .map(|(g, _)| 1 << g)
                .sum()
        };
        let opens = |text: &str| r.opens(mask(text));
        // "use" is in every other reply: the forum is needed too, and only together they open
        // the regex; the other alternative needs its own literal only.
        for text in [
            "please use the forum for that",
            "try our discord",
            "this is not the place",
            "use the new forum",
        ] {
            assert!(opens(text), "{text}: {:?}", lists(&r));
            assert!(!r.find_iter(text).is_empty(), "{text}");
        }
        for text in ["we use it a lot", "the forum is down", "not the same place"] {
            assert!(!opens(text), "{text}: {:?}", lists(&r));
            assert!(r.find_iter(text).is_empty(), "{text}");
        }
        // With one set per alternative, their union is the one gate, as before.
        let r = LazyRegex::new(r"\bnot the place\b|\bhead over to\b", true)
            .unwrap()
            .searched();
        assert_eq!(lists(&r), [["head over to", "not the place"]]);
        assert!(r.opens(1) && !r.opens(0));
    }

    #[test]
    fn literals_and_captures() {
        let re =
            LazyRegex::new(r"\b(?P<who>any|every) (competent|reasonable) user\b", true).unwrap();
        assert_eq!(re.captures_len(), 3);
        assert_eq!(re.capture_names().nth(1), Some(Some("who")));
        assert_eq!(
            lists(&re),
            [[
                "any competent user",
                "any reasonable user",
                "every competent user",
                "every reasonable user"
            ]]
        );
        let re = LazyRegex::new(r"\w+ \w+", true).unwrap();
        assert!(re.gates().is_empty());
        let re = LazyRegex::new(r"Didn['’]t", false).unwrap();
        assert_eq!(lists(&re), [["didn't"]]);
        assert!(re.get().unwrap().engine.is_match("Didn’t"));
        assert!(has_upper_case(r"(?i)\bI said"));
        assert!(!has_upper_case(r"\S+\W\p{Lu}\pL said"));
        assert!(
            LazyRegex::new("(unclosed", true)
                .unwrap_err()
                .contains("unclosed group")
        );
    }

    #[test]
    fn literal_runs_and_question_marks_gate() {
        // "ug" then "h+": every match holds "ugh".
        let r = LazyRegex::new(r"(?m:^\s*(?:ugh+|argh+|yuck|ewww*)\b)", true).unwrap();
        assert_eq!(lists(&r), [["argh", "eww", "ugh", "yuck"]]);
        // A question mark alone gates a question.
        let r = LazyRegex::new(r"(?:^|[.!]\s+)(?:Why|What|Huh)\s*\?+", false).unwrap();
        assert_eq!(lists(&r), [["?"]]);
    }

    /// Its start literals, as `start_literals` finds them.
    fn starts_of(source: &str) -> Option<Vec<String>> {
        start_literals(&parse(source).unwrap())
    }

    #[test]
    fn start_literals_are_every_match_s_first_bytes() {
        // Cut to twelve bytes; a literal that starts with another is left out; a digit counts.
        assert_eq!(
            starts_of(r"\b(?:9\d|100)% of\b|\blearn how to use\b|\blearn how to read\b").unwrap(),
            ["100% of", "9", "learn how to"]
        );
        // Folded as the text is (lower case, straight quotes, one space for a run), after the cut
        // (the curly quote is three bytes).
        assert_eq!(
            starts_of(r"(?i:\bDon’t you (?:see|know))|\bsent\s+you").unwrap(),
            ["don't you ", "sent "]
        );
        // A lone letter or mark is in nearly every sentence: no use.
        assert_eq!(starts_of(r"\b(?:i|me)\b"), None);
        assert_eq!(starts_of(r"(?:^|[.!?]\s+)who are you\?"), None);
        // Nor is a regex whose matches can start anywhere.
        assert_eq!(starts_of(r"\b\w+'s isp\b"), None);
        // Searched whole, a regex keeps them; one that can match empty has none.
        let r = LazyRegex::new(r"\blearn how\b|\bread the (?:manual|docs)\b", true)
            .unwrap()
            .searched();
        assert_eq!(
            r.starts().collect::<Vec<_>>(),
            ["learn how", "read the doc", "read the man"]
        );
        assert!(r.has_starts());
        let r = LazyRegex::new(r"(?:learn how)?", true).unwrap().searched();
        assert!(!r.has_starts());
    }

    /// Tried at every place of its start literals (of its prefix gate, for a regex tried at its
    /// prefixes), each built-in regex finds what it finds searched whole, in every example of
    /// every built-in rule.
    #[test]
    fn built_in_regexes_tried_at_their_starts_find_every_match() {
        let packs = crate::pack::builtin();
        let rules: Vec<&crate::rule::Rule> = packs.iter().flat_map(|p| &p.rules).collect();
        let texts: Vec<String> = rules
            .iter()
            .flat_map(|rule| {
                let cues = match &rule.matcher {
                    crate::rule::Matcher::Cold { cues, .. } => cues.as_slice(),
                    _ => &[],
                };
                rule.examples
                    .iter()
                    .chain(cues.iter().flat_map(|c| &c.examples))
                    .map(|(example, _)| crate::fold::Folded::new(example.text()).text)
            })
            .collect();
        let mut tried = 0;
        for regex in rules.iter().flat_map(|rule| rule.regexes()) {
            let starts: Vec<&str> = if regex.has_starts() {
                regex.starts().collect()
            } else if regex.prefix_gated() {
                regex.gates()[0].iter().collect()
            } else {
                continue;
            };
            tried += 1;
            for text in &texts {
                // Every place, overlapping ones too, as the literal search finds them.
                let places: Vec<usize> = (0..text.len())
                    .filter(|&at| {
                        starts
                            .iter()
                            .any(|l| text.as_bytes()[at..].starts_with(l.as_bytes()))
                    })
                    .collect();
                assert_eq!(
                    regex.find_at(text, &places, false),
                    regex.find_iter(text),
                    "`{}` in {text:?}",
                    regex.as_str()
                );
            }
        }
        assert!(tried > 100, "{tried}");
    }
}
