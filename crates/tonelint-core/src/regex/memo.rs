//! A precompiled DFA walked through a table of the transitions it has taken: for searching much
//! text with a regex whose anchored sparse DFA is in the binary.
//!
//! The sparse DFA finds each transition by a search of the state's ranges, and, being anchored,
//! is tried again at every start. Here each transition taken is kept in a dense table (one row
//! per state, one column per byte class), so a byte costs a lookup. Looking for any match, the
//! rows are sets of the DFA's states: the runs started at every place so far that are still
//! alive, one more starting at each byte (a subset construction over the DFA, built only as far
//! as the text leads it). Past the last place a match can start (the last literal of the regex's
//! gates), a third table's rows start no run, and the search ends when the runs have. Nothing is
//! compiled: a regex costs nothing until it searches, and then a few hundred instructions per new
//! transition, where a lazy DFA built from the pattern costs a parse and an NFA up front and
//! thousands of instructions per transition.

use std::collections::HashMap;
use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::Anchored;
use regex_automata::dfa::{Automaton, sparse};
use regex_automata::util::pool::Pool;
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;

use crate::literals::Fast;

/// A transition not taken yet.
const UNKNOWN: u32 = u32::MAX;
/// Looking for any match: the byte completes a match. Anchored: no match can go on.
const STOP: u32 = u32::MAX - 1;
/// The DFA gave up on the byte (it never does for the built-in packs' regexes, which have no
/// Unicode word boundary; kept for safety).
const QUIT: u32 = u32::MAX - 2;
/// Looking for any match: the end of the text completes none.
const NO_MATCH: u32 = u32::MAX - 3;
/// Looking for any match past the last place a match can start: no run is left.
const EMPTY: u32 = u32::MAX - 4;
/// The least of the values above: a row is below it.
const SPECIAL: u32 = EMPTY;
/// Transitions a table may hold before it is emptied and built again (256 KiB of them), whatever
/// a row's width, so that a regex's three tables on a thread stay under a megabyte, as a lazy
/// DFA's cache would (over the Enron emails they hold far fewer).
const MAX_TRANSITIONS: usize = 1 << 16;

/// Under test, rows a table may hold: every search then empties its tables many times over.
const TEST_ROWS: usize = 6;

/// Makes a cache for a [`Memo`].
type NewCache = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// An anchored precompiled DFA, with a table of its transitions per thread.
pub(crate) struct Memo {
    dfa: sparse::DFA<&'static [u8]>,
    /// Each byte's column.
    classes: [u8; 256],
    /// Columns per row: the byte classes, then one for the end of the text.
    stride: usize,
    /// The state a match starts in, by the byte before it (256: the start of the text).
    starts: Box<[StateID; 257]>,
    /// Whether every match starts at the start of the text: no run starts elsewhere.
    anchored: bool,
    caches: Pool<Cache, NewCache>,
}

/// A [`Memo`] with this thread's tables taken out, for several anchored searches in a row.
pub(crate) struct Session<'a> {
    memo: &'a Memo,
    cache: regex_automata::util::pool::PoolGuard<'a, Cache, NewCache>,
}

impl Session<'_> {
    /// The end of the leftmost-first match that starts at `start`, if one does; `None` if the
    /// DFA gave up.
    pub(crate) fn end_at(&mut self, haystack: &[u8], start: usize) -> Option<Option<usize>> {
        self.memo.end_in(&mut self.cache, haystack, start)
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").finish_non_exhaustive()
    }
}

/// One thread's tables.
struct Cache {
    /// Looking for any match: rows of sets of states.
    any: Table<Vec<u32>>,
    /// The row of the set a search of a whole text starts with.
    any_start: Option<u32>,
    /// Looking for any match past the last place one can start: rows of sets of states, no run
    /// starting at the next byte.
    tail: Table<Vec<u32>>,
    /// Anchored: rows of single states.
    one: Table<u32>,
    /// Whether each row of `one` is a match state.
    one_match: Vec<bool>,
    /// The row of `one` an anchored search starts in, by the byte before it (256: the start of
    /// the text); [`UNKNOWN`] until looked up.
    one_starts: Vec<u32>,
    scratch: Vec<u32>,
}

/// Rows of transitions, each for one key (a state, or a set of states).
struct Table<K> {
    next: Vec<u32>,
    keys: Vec<K>,
    rows: HashMap<K, u32, Fast>,
}

impl<K> Default for Table<K> {
    fn default() -> Self {
        Table {
            next: Vec::new(),
            keys: Vec::new(),
            rows: HashMap::default(),
        }
    }
}

/// A row found or added: where it starts, and whether it is new.
type Row = (u32, bool);

impl<K: Eq + std::hash::Hash> Table<K> {
    /// The row of `key` (as the index of its first column), added if new; `None` when the
    /// table is full.
    fn row<Q>(&mut self, key: &Q, stride: usize) -> Option<Row>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + std::hash::Hash + ToOwned<Owned = K> + ?Sized,
    {
        if let Some(&row) = self.rows.get(key) {
            return Some((row, false));
        }
        let full = if cfg!(test) {
            self.keys.len() >= TEST_ROWS
        } else {
            self.next.len() + stride > MAX_TRANSITIONS.max(stride)
        };
        if full {
            return None;
        }
        let row = u32::try_from(self.next.len()).expect("tables are small");
        self.next.resize(self.next.len() + stride, UNKNOWN);
        self.keys.push(key.to_owned());
        self.rows.insert(key.to_owned(), row);
        Some((row, true))
    }

    fn clear(&mut self) {
        self.next.clear();
        self.keys.clear();
        self.rows.clear();
    }
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            any: Table::default(),
            any_start: None,
            tail: Table::default(),
            one: Table::default(),
            one_match: Vec::new(),
            one_starts: vec![UNKNOWN; 257],
            scratch: Vec::new(),
        }
    }
}

impl Cache {
    /// The row of set `key` in `any` (or, with `tail`, in `tail`), added if new; when the
    /// table is full, it is emptied first and the second value is true (rows found before are
    /// gone).
    fn set_row(&mut self, tail: bool, key: &[u32], stride: usize) -> (u32, bool) {
        let table = if tail { &mut self.tail } else { &mut self.any };
        match table.row(key, stride) {
            Some((row, _)) => (row, false),
            None => {
                table.clear();
                if !tail {
                    self.any_start = None;
                }
                let table = if tail { &mut self.tail } else { &mut self.any };
                let (row, _) = table.row(key, stride).expect("an empty table has room");
                (row, true)
            }
        }
    }

    /// The row of state `state`, added if new (with whether it is a match state); when the
    /// table is full, it is emptied first and the second value is true.
    fn one_row(&mut self, state: u32, stride: usize, is_match: impl Fn() -> bool) -> (u32, bool) {
        let (row, new, emptied) = match self.one.row(&state, stride) {
            Some((row, new)) => (row, new, false),
            None => {
                self.one.clear();
                self.one_match.clear();
                self.one_starts.fill(UNKNOWN);
                let (row, new) = self
                    .one
                    .row(&state, stride)
                    .expect("an empty table has room");
                (row, new, true)
            }
        };
        if new {
            self.one_match.push(is_match());
        }
        (row, emptied)
    }
}

impl Memo {
    /// A table-walked `dfa`; `anchored` when every match starts at the start of the text. `None`
    /// when the DFA has no start state for some place (it would give up there).
    pub(crate) fn new(dfa: sparse::DFA<&'static [u8]>, anchored: bool) -> Option<Memo> {
        let start = |behind: Option<u8>| {
            dfa.start_state(
                &start::Config::new()
                    .anchored(Anchored::Yes)
                    .look_behind(behind),
            )
            .ok()
        };
        let mut starts = Box::new([StateID::ZERO; 257]);
        for byte in 0..=255_u8 {
            starts[usize::from(byte)] = start(Some(byte))?;
        }
        starts[256] = start(None)?;
        let byte_classes = dfa.byte_classes();
        let mut classes = [0; 256];
        for byte in 0..=255_u8 {
            classes[usize::from(byte)] = byte_classes.get(byte);
        }
        // A row is kept per byte class: the bytes of a class must start the same run (they do:
        // the classes tell apart the bytes a look-behind reads). If not, one column per byte.
        let mut first: HashMap<u8, StateID> = HashMap::new();
        let same = (0..=255_u8).all(|byte| {
            *first
                .entry(classes[usize::from(byte)])
                .or_insert(starts[usize::from(byte)])
                == starts[usize::from(byte)]
        });
        if !same {
            for byte in 0..=255_u8 {
                classes[usize::from(byte)] = byte;
            }
        }
        let stride = usize::from(classes.iter().copied().max().unwrap_or(0)) + 2;
        let new: NewCache = Box::new(Cache::default);
        Some(Memo {
            dfa,
            classes,
            stride,
            starts,
            anchored,
            caches: Pool::new(new),
        })
    }

    /// The column of the end of the text.
    fn eoi(&self) -> usize {
        self.stride - 1
    }

    /// The column of `byte` (`None`: the end of the text).
    fn column(&self, byte: Option<u8>) -> usize {
        byte.map_or(self.eoi(), |b| usize::from(self.classes[usize::from(b)]))
    }

    /// Whether `haystack` holds a match (starting anywhere); `None` if the DFA gave up.
    #[cfg(test)]
    pub(crate) fn is_match(&self, haystack: &[u8]) -> Option<bool> {
        self.is_match_until(haystack, usize::MAX)
    }

    /// Whether `haystack` holds a match that starts at `until` or before; `None` if the DFA gave
    /// up. Past `until` no run starts, and the search ends as soon as the runs started before
    /// have all ended.
    pub(crate) fn is_match_until(&self, haystack: &[u8], until: usize) -> Option<bool> {
        let mut guard = self.caches.get();
        let cache = &mut *guard;
        let mut row = match cache.any_start {
            Some(row) => row,
            None => {
                let (row, _) = cache.set_row(false, &[self.starts[256].as_u32()], self.stride);
                cache.any_start = Some(row);
                row
            }
        };
        // The bytes before `until` start runs at the places after them.
        let split = until.min(haystack.len());
        let mut tail = false;
        let mut at = 0;
        loop {
            let end = if tail { haystack.len() } else { split };
            let table = if tail {
                &cache.tail.next
            } else {
                &cache.any.next
            };
            // The transitions taken before, a lookup per byte, until one not taken yet (or a
            // match, or no run left).
            let (next, (stopped_row, stopped_at)) = self.walk(table, row, &haystack[..end], at);
            row = stopped_row;
            at = stopped_at;
            if at == end {
                if tail || end == haystack.len() {
                    break;
                }
                // Past the last start: the same set, in the table that starts no run.
                let key = cache.any.keys[row as usize / self.stride].clone();
                row = cache.set_row(true, &key, self.stride).0;
                tail = true;
                continue;
            }
            let mut next = next;
            if next == UNKNOWN {
                next = self.step_set(cache, tail, row, Some(haystack[at]));
            }
            match next {
                STOP => return Some(true),
                QUIT => return None,
                EMPTY => return Some(false),
                _ => row = next,
            }
            at += 1;
        }
        let table = if tail {
            &cache.tail.next
        } else {
            &cache.any.next
        };
        let mut end = table[row as usize + self.eoi()];
        if end == UNKNOWN {
            end = self.step_set(cache, tail, row, None);
        }
        match end {
            STOP => Some(true),
            QUIT => None,
            _ => Some(false),
        }
    }

    /// Follows the transitions of `table` from row `row` over `haystack` from `at`, while they
    /// lead to rows: returns the value that stopped it (not a row) and the row and place it
    /// stopped at, or the row reached at the end of the haystack (and the haystack's length).
    #[inline]
    #[allow(unsafe_code)]
    fn walk(
        &self,
        table: &[u32],
        mut row: u32,
        haystack: &[u8],
        mut at: usize,
    ) -> (u32, (u32, usize)) {
        let len = haystack.len();
        let step = |row: u32, byte: u8| -> u32 {
            let index = row as usize + usize::from(self.classes[usize::from(byte)]);
            debug_assert!(index < table.len());
            // SAFETY: `row` is the start of a row of `table` (every value a table holds below
            // SPECIAL is the start of one of its rows: rows are added whole, and a table is
            // emptied whole), and a column is below the stride, so `index` is in the table.
            unsafe { *table.get_unchecked(index) }
        };
        // Eight bytes at a time (the loop unrolled), then one at a time.
        while let Some(chunk) = haystack.get(at..at + 8) {
            let chunk: &[u8; 8] = chunk.try_into().expect("eight bytes");
            let mut here = row;
            for (k, &byte) in chunk.iter().enumerate() {
                let next = step(here, byte);
                if next >= SPECIAL {
                    return (next, (here, at + k));
                }
                here = next;
            }
            row = here;
            at += 8;
        }
        while at < len {
            let next = step(row, haystack[at]);
            if next >= SPECIAL {
                return (next, (row, at));
            }
            row = next;
            at += 1;
        }
        (row, (row, len))
    }

    /// The transition of set row `row` (of `tail` with `tail`, else of `any`) on `byte`
    /// (`None`: the end of the text), computed and kept: [`STOP`] when it completes a match,
    /// [`EMPTY`] when no run is left, else the next set's row ([`NO_MATCH`] at the end of the
    /// text).
    fn step_set(&self, cache: &mut Cache, tail: bool, row: u32, byte: Option<u8>) -> u32 {
        let stride = self.stride;
        let keys = if tail {
            &cache.tail.keys
        } else {
            &cache.any.keys
        };
        let set = keys[row as usize / stride].clone();
        cache.scratch.clear();
        let mut stop = None;
        for &id in &set {
            let state = StateID::new_unchecked(id as usize);
            let next = match byte {
                Some(byte) => self.dfa.next_state(state, byte),
                None => self.dfa.next_eoi_state(state),
            };
            if self.dfa.is_match_state(next) {
                stop = Some(STOP);
                break;
            }
            if self.dfa.is_quit_state(next) {
                stop = Some(QUIT);
                break;
            }
            if !self.dfa.is_dead_state(next) {
                cache.scratch.push(next.as_u32());
            }
        }
        let next = match (stop, byte) {
            (Some(stop), _) => stop,
            (None, None) => NO_MATCH,
            (None, Some(byte)) => {
                if !self.anchored && !tail {
                    cache.scratch.push(self.starts[usize::from(byte)].as_u32());
                }
                if cache.scratch.is_empty() {
                    EMPTY
                } else {
                    cache.scratch.sort_unstable();
                    cache.scratch.dedup();
                    let key = std::mem::take(&mut cache.scratch);
                    let (next, emptied) = cache.set_row(tail, &key, stride);
                    cache.scratch = key;
                    if emptied {
                        // The row stepped from is gone: the search goes on from the new one.
                        return next;
                    }
                    next
                }
            }
        };
        let table = if tail {
            &mut cache.tail
        } else {
            &mut cache.any
        };
        table.next[row as usize + self.column(byte)] = next;
        next
    }

    /// The end of the leftmost-first match that starts at `start`, if one does; `None` if the
    /// DFA gave up.
    #[cfg(test)]
    pub(crate) fn end_at(&self, haystack: &[u8], start: usize) -> Option<Option<usize>> {
        self.session().end_at(haystack, start)
    }

    /// This thread's tables, for several anchored searches in a row.
    pub(crate) fn session(&self) -> Session<'_> {
        Session {
            memo: self,
            cache: self.caches.get(),
        }
    }

    /// The leftmost-first match that starts at a place from `from` to `last` (at most the
    /// haystack's length) that `may_start` allows, if one does; `None` if the DFA gave up.
    pub(crate) fn find_from(
        &self,
        haystack: &[u8],
        from: usize,
        last: usize,
        may_start: impl Fn(usize) -> bool,
    ) -> Option<Option<(usize, usize)>> {
        let mut cache = self.caches.get();
        for at in from..=last.min(haystack.len()) {
            if may_start(at)
                && let Some(end) = self.end_in(&mut cache, haystack, at)?
            {
                return Some(Some((at, end)));
            }
        }
        Some(None)
    }

    /// [`end_at`](Self::end_at), with the tables of `cache`.
    fn end_in(&self, cache: &mut Cache, haystack: &[u8], start: usize) -> Option<Option<usize>> {
        let behind = start
            .checked_sub(1)
            .map_or(256, |b| usize::from(haystack[b]));
        let mut row = cache.one_starts[behind];
        if row == UNKNOWN {
            let first = self.starts[behind];
            row = cache
                .one_row(first.as_u32(), self.stride, || {
                    self.dfa.is_match_state(first)
                })
                .0;
            cache.one_starts[behind] = row;
        }
        let mut found = None;
        for (at, &byte) in haystack.iter().enumerate().skip(start) {
            let mut next =
                cache.one.next[row as usize + usize::from(self.classes[usize::from(byte)])];
            if next == UNKNOWN {
                next = self.step_one(cache, row, Some(byte));
            }
            match next {
                STOP => return Some(found),
                QUIT => return None,
                _ => row = next,
            }
            if cache.one_match[row as usize / self.stride] {
                found = Some(at);
            }
        }
        let mut end = cache.one.next[row as usize + self.eoi()];
        if end == UNKNOWN {
            end = self.step_one(cache, row, None);
        }
        match end {
            STOP => {}
            QUIT => return None,
            end if cache.one_match[end as usize / self.stride] => found = Some(haystack.len()),
            _ => {}
        }
        Some(found)
    }

    /// The transition of single-state row `row` on `byte` (`None`: the end of the text),
    /// computed and kept: [`STOP`] at the dead state, else the next state's row.
    fn step_one(&self, cache: &mut Cache, row: u32, byte: Option<u8>) -> u32 {
        let state = StateID::new_unchecked(cache.one.keys[row as usize / self.stride] as usize);
        let next = match byte {
            Some(byte) => self.dfa.next_state(state, byte),
            None => self.dfa.next_eoi_state(state),
        };
        let value = if self.dfa.is_dead_state(next) {
            STOP
        } else if self.dfa.is_quit_state(next) {
            QUIT
        } else {
            let (value, emptied) =
                cache.one_row(next.as_u32(), self.stride, || self.dfa.is_match_state(next));
            if emptied {
                // The row stepped from is gone: the search goes on from the new one.
                return value;
            }
            value
        };
        cache.one.next[row as usize + self.column(byte)] = value;
        value
    }
}

#[cfg(all(test, feature = "precompiled"))]
mod tests {
    use super::super::precompiled;

    /// Every built-in regex's walked DFA says what its sparse DFA says: whether a text holds a
    /// match (one starting by a given place), where the match from each place ends, and which
    /// match is leftmost from a place; over its rules' examples and all of
    /// them joined (tables emptied many times over, with six rows at most under test).
    #[test]
    fn agrees_with_the_sparse_dfa() {
        let rules: Vec<_> = crate::pack::builtin()
            .iter()
            .flat_map(|p| p.rules.clone())
            .collect();
        let examples = |rule: &crate::rule::Rule| -> Vec<String> {
            rule.examples
                .iter()
                .map(|(example, _)| example.text().to_owned())
                .collect()
        };
        // Long enough to fill and empty the tables many times over.
        let mut joined = rules
            .iter()
            .flat_map(examples)
            .collect::<Vec<_>>()
            .join("\n\n");
        joined.truncate(joined.floor_char_boundary(6000));
        let odd = "Café — naïve ROLE, \r\n“quoted” 🙄 done".to_owned();
        let mut checked = 0;
        for rule in &rules {
            for regex in rule.regexes() {
                let Some((dfa, _, anchored)) =
                    precompiled::lookup_anchored(regex.as_str(), regex.folds_case())
                else {
                    continue;
                };
                let memo = dfa.memo().expect("a start state for every place");
                let texts =
                    examples(rule)
                        .into_iter()
                        .chain([joined.clone(), odd.clone(), String::new()]);
                for original in texts {
                    let folded = crate::fold::Folded::new(&original).text;
                    for text in [original.as_str(), folded.as_str()] {
                        let starts: Vec<usize> = if anchored {
                            vec![0]
                        } else {
                            (0..=text.len()).collect()
                        };
                        let expected = starts
                            .iter()
                            .any(|&at| dfa.match_at(text, at, true).is_some());
                        assert_eq!(
                            memo.is_match(text.as_bytes()),
                            Some(expected),
                            "{}: {text:?}",
                            regex.as_str()
                        );
                        // A match that starts by a place: past it no run starts.
                        for until in [0, 1, text.len() / 2, text.len().saturating_sub(1)] {
                            let expected = starts
                                .iter()
                                .filter(|&&at| at <= until)
                                .any(|&at| dfa.match_at(text, at, true).is_some());
                            assert_eq!(
                                memo.is_match_until(text.as_bytes(), until),
                                Some(expected),
                                "{} until {until}: {text:?}",
                                regex.as_str()
                            );
                        }
                        // The leftmost match from each place, as the sparse DFA finds it
                        // trying every start its first-byte table allows.
                        let leftmost = |from: usize| {
                            (from..=starts.last().copied().unwrap_or(0))
                                .find_map(|at| dfa.match_at(text, at, false).map(|end| (at, end)))
                        };
                        for from in [0, text.len() / 3, text.len()] {
                            let last = if anchored { 0 } else { text.len() };
                            assert_eq!(
                                memo.find_from(text.as_bytes(), from, last, |_| true),
                                Some(leftmost(from)),
                                "{} from {from}: {text:?}",
                                regex.as_str()
                            );
                        }
                        // Every place of a short text; of the long one, every eleventh.
                        let stride = if text.len() > 1000 { 11 } else { 1 };
                        for at in starts.into_iter().step_by(stride) {
                            assert_eq!(
                                memo.end_at(text.as_bytes(), at),
                                Some(dfa.match_at(text, at, false)),
                                "{} at {at}: {text:?}",
                                regex.as_str()
                            );
                        }
                    }
                }
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked}");
    }
}
