//! Every occurrence of every literal in a text, overlapping, in one pass: the search behind all
//! phrase rules and regex gates.
//!
//! An Aho-Corasick automaton searches faster but takes milliseconds to build over the built-in
//! packs' three thousand literals, more than checking a draft. This index builds in a fraction of
//! that: literals are grouped by their first four bytes (or two, for shorter ones); a bitmap of
//! first byte pairs skips most positions of the text, and at the rest a hash lookup finds the few
//! literals worth comparing. Over a corpus the automaton repays its build many times: once the
//! index has searched [`BULK_AFTER`] bytes, it builds one ([`Dfa`]: one table lookup a byte) and
//! searches with it from then on.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Bytes searched with the index before an automaton is built for the rest. Over English prose
/// the index costs many times the automaton per byte (most byte pairs start some literal), and
/// the automaton's build (9.5M instructions for the built-in rules) pays after some kilobytes:
/// over the first 4,000 Enron emails, 773M instructions after 64 KiB, 768M after 32 KiB, 764M
/// after 16 KiB, where a single draft of 16 KB or more pays the build.
const BULK_AFTER: usize = 1 << 14;

/// The literals and their groups.
#[derive(Debug, Default)]
pub(crate) struct LiteralIndex {
    /// The literals, one after the other.
    text: String,
    /// Where each literal is in `text`.
    bounds: Vec<(u32, u32)>,
    /// Each literal's first eight bytes (fewer for a shorter one, the rest zero), little-endian:
    /// most candidates at a place are told apart by comparing one word, not their bytes.
    heads: Vec<u64>,
    /// Bit `a << 8 | b` is set when some literal starts with bytes `a b`.
    pairs: Vec<u64>,
    /// Literals of four bytes or more, by their first four bytes: where their ids are in `ids`.
    long: HashMap<u32, (u32, u32), Fast>,
    /// Literals of two or three bytes, by their first two: where their ids are in `ids`.
    short: HashMap<u16, (u32, u32), Fast>,
    /// The ids of each group of `long` and `short`, one group after the other, each in id order.
    ids: Vec<u32>,
    /// Literals of one byte, by that byte.
    single: Vec<Vec<u32>>,
    /// Bytes searched so far, across threads.
    searched: AtomicUsize,
    /// After how many bytes searched the automaton is built.
    bulk_after: usize,
    /// The automaton, once built (`None` if it could not be).
    bulk: OnceLock<Option<Dfa>>,
    /// Whether a thread has set out to build the automaton: the others go on with the index
    /// meanwhile (its build takes milliseconds, which they would spend waiting).
    building: AtomicBool,
    /// Up to how many states the automaton's transitions take two bytes (tests set 0 to try
    /// the wide ones).
    narrow_up_to: usize,
}

impl LiteralIndex {
    /// Indexes `literals` (non-empty, distinct); a match reports the literal's index here.
    #[cfg(test)]
    pub(crate) fn new(literals: &[&str]) -> LiteralIndex {
        let mut text = String::new();
        let mut ends = Vec::new();
        for literal in literals {
            text.push_str(literal);
            ends.push(u32::try_from(text.len()).expect("literals under 4 GiB"));
        }
        LiteralIndex::from_parts(
            text,
            &ends,
            &LiteralIndex::keys(0, literals.iter().copied()),
        )
    }

    /// The group keys of `literals` (non-empty, distinct; the first has index `first`), each with
    /// its literal's index (`key << 24 | id`), sorted: long literals by their first four bytes,
    /// short ones by their first two (marked by bit 56). What [`from_parts`](Self::from_parts)
    /// groups them by; sorting them is most of an index's build, done ahead for the built-in
    /// packs.
    pub(crate) fn keys<'a>(first: usize, literals: impl IntoIterator<Item = &'a str>) -> Vec<u64> {
        let mut keyed: Vec<u64> = Vec::new();
        for (i, literal) in literals.into_iter().enumerate() {
            let id = u64::try_from(first + i).expect("fewer than 2^64 literals");
            assert!(id < 1 << 24, "fewer than 2^24 literals");
            let bytes = literal.as_bytes();
            let key = match bytes.len() {
                0 | 1 => continue,
                2 | 3 => 1 << 32 | u64::from(pair(bytes)),
                _ => u64::from(quad(bytes)),
            };
            keyed.push(key << 24 | id);
        }
        keyed.sort_unstable();
        keyed
    }

    /// The index of the literals in `text`, literal `i` ending at `ends[i]` (where literal
    /// `i + 1` starts), grouped by `keys` (their [`keys`](Self::keys)).
    pub(crate) fn from_parts(text: String, ends: &[u32], keys: &[u64]) -> LiteralIndex {
        let mut index = LiteralIndex {
            bounds: Vec::with_capacity(ends.len()),
            heads: Vec::with_capacity(ends.len()),
            pairs: vec![0; 1 << 10],
            single: vec![Vec::new(); 256],
            bulk_after: BULK_AFTER,
            narrow_up_to: usize::MAX,
            ..LiteralIndex::default()
        };
        let mut start = 0;
        for (i, &end) in ends.iter().enumerate() {
            let bytes = &text.as_bytes()[start as usize..end as usize];
            index.bounds.push((start, end));
            index.heads.push(head(bytes));
            match bytes.len() {
                0 => {}
                1 => index.single[usize::from(bytes[0])]
                    .push(u32::try_from(i).expect("fewer than 2^32 literals")),
                _ => {
                    let pair = pair(bytes);
                    index.pairs[usize::from(pair >> 6)] |= 1 << (pair & 63);
                }
            }
            start = end;
        }
        index.text = text;
        index.ids.reserve(keys.len());
        index.long.reserve(keys.len());
        for group in keys.chunk_by(|a, b| a >> 24 == b >> 24) {
            let start = u32::try_from(index.ids.len()).expect("fewer than 2^32 literals");
            let range = (
                start,
                start + u32::try_from(group.len()).expect("fewer than 2^32"),
            );
            index.ids.extend(
                group
                    .iter()
                    .map(|&k| u32::try_from(k & 0xff_ffff).expect("an id")),
            );
            let key = group[0] >> 24;
            if key >> 32 == 1 {
                index
                    .short
                    .insert(u16::try_from(key & 0xffff).expect("two bytes"), range);
            } else {
                index
                    .long
                    .insert(u32::try_from(key).expect("four bytes"), range);
            }
        }
        index
    }

    /// The ids of a group.
    fn group(&self, (start, end): (u32, u32)) -> &[u32] {
        &self.ids[start as usize..end as usize]
    }

    /// The automaton to search `len` more bytes with, once the index has searched enough.
    fn automaton(&self, len: usize) -> Option<&Dfa> {
        // Once built, the count is no longer added to (threads would take turns owning its
        // cache line, as with the regexes' counts).
        if let Some(built) = self.bulk.get() {
            return built.as_ref();
        }
        if self.searched.fetch_add(len, Ordering::Relaxed) + len < self.bulk_after {
            return None;
        }
        if self.building.swap(true, Ordering::AcqRel) {
            // Another thread builds it (or has built it since the look above).
            return self.bulk.get().and_then(Option::as_ref);
        }
        self.bulk
            .get_or_init(|| Dfa::new(self, self.narrow_up_to))
            .as_ref()
    }

    /// Literal `i`.
    fn get(&self, i: usize) -> &str {
        let (start, end) = self.bounds[i];
        &self.text[start as usize..end as usize]
    }

    /// The length of literal `i`, in bytes.
    pub(crate) fn len_of(&self, i: usize) -> usize {
        let (start, end) = self.bounds[i];
        (end - start) as usize
    }

    /// The literals, by index.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.bounds.len()).map(|i| self.get(i))
    }

    /// Calls `found(literal, start, end)` for every occurrence of every literal in `text`,
    /// overlapping ones included: by start (the index) or by end (the automaton; putting them
    /// in order of start took 2.4% of the instructions over the first 4,000 Enron emails).
    /// Either way, the occurrences of one literal come in order.
    pub(crate) fn for_each_match(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        if let Some(automaton) = self.automaton(text.len()) {
            let bytes = text.as_bytes();
            automaton.for_each_match(bytes, |id, end| {
                let start = end - self.len_of(id);
                if automaton.compare[id] && bytes[start..end] != *self.get(id).as_bytes() {
                    return;
                }
                found(id, start, end);
            });
            return;
        }
        let bytes = text.as_bytes();
        let mut report = |ids: &[u32], at: usize| {
            let here = head(&bytes[at..]);
            for &id in ids {
                let id = id as usize;
                let (start, end) = self.bounds[id];
                let len = (end - start) as usize;
                // The first eight bytes in one comparison, the rest (if any) after.
                let mask = if len >= 8 {
                    u64::MAX
                } else {
                    (1 << (8 * len)) - 1
                };
                if here & mask != self.heads[id]
                    || at + len > bytes.len()
                    || len > 8 && !bytes[at..].starts_with(self.get(id).as_bytes())
                {
                    continue;
                }
                found(id, at, at + len);
            }
        };
        let singles = self.single.iter().any(|s| !s.is_empty());
        for at in 0..bytes.len() {
            if singles {
                report(&self.single[usize::from(bytes[at])], at);
            }
            let rest = &bytes[at..];
            if rest.len() < 2 {
                break;
            }
            let pair = pair(rest);
            if self.pairs[usize::from(pair >> 6)] & (1 << (pair & 63)) == 0 {
                continue;
            }
            if let Some(&range) = self.short.get(&pair) {
                report(self.group(range), at);
            }
            if rest.len() >= 4
                && let Some(&range) = self.long.get(&quad(rest))
            {
                report(self.group(range), at);
            }
        }
    }
}

/// A dense Aho-Corasick automaton of the literals: one table lookup a byte of text, and a look at
/// a list of literals where some end. Built in one breadth-first pass over the trie of the
/// literals (9.5M instructions for the built-in rules, where aho-corasick's DFA, as fast to
/// search, took 214M and its NFA 22M): a state's row is its failure state's finished row with its
/// own children written over.
#[derive(Debug)]
struct Dfa {
    /// Each byte's column: bytes no literal holds share column 0.
    columns: [u8; 256],
    /// A row's length is `1 << shift` (the columns, rounded up to a power of two).
    shift: u32,
    /// The transitions: the state after state `s` reads a byte of column `c` is at `s << shift | c`.
    next: Transitions,
    /// Where the literals ending in state `s` are in `out`: from `out_starts[s]` to
    /// `out_starts[s + 1]`.
    out_starts: Vec<u32>,
    /// Literal ids, state after state.
    out: Vec<u32>,
    /// The length of the longest literal (at least one).
    longest: usize,
    /// Whether literal `i` holds a byte of the shared column: found by the automaton, it is
    /// compared with the text.
    compare: Vec<bool>,
}

/// The most columns a [`Dfa`] has.
const MAX_COLUMNS: usize = 64;

/// A [`Dfa`]'s transitions: a state and, in the top bit, whether some literal ends there. Two
/// bytes a transition where the states fit in 15 bits (the built-in rules have 22 thousand:
/// 2.8 MB instead of 5.6), four otherwise.
#[derive(Debug)]
enum Transitions {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

/// A transition of a [`Dfa`]: a state number, with [`Cell::ENDS`] set where a literal ends.
trait Cell: Copy + Default {
    const ENDS: u32;
    fn new(value: u32) -> Self;
    fn get(self) -> u32;
}

impl Cell for u16 {
    const ENDS: u32 = 1 << 15;
    fn new(value: u32) -> u16 {
        u16::try_from(value).expect("a narrow transition")
    }
    fn get(self) -> u32 {
        u32::from(self)
    }
}

impl Cell for u32 {
    const ENDS: u32 = 1 << 31;
    fn new(value: u32) -> u32 {
        value
    }
    fn get(self) -> u32 {
        self
    }
}

impl Dfa {
    /// The automaton of `index`'s literals (with narrow transitions up to `narrow_up_to` states);
    /// `None` if there would be 2^31 states or more.
    fn new(index: &LiteralIndex, narrow_up_to: usize) -> Option<Dfa> {
        const NONE: u32 = u32::MAX;
        // Columns: where the literals hold more than 63 distinct bytes, the bytes most frequent in
        // text (letters, spaces, apostrophes, full stops, commas) and then those most frequent in
        // the literals get one each, up to 62, and the rest share column 63; a literal holding one
        // of those is compared with the text where the automaton finds it. Column 0 is for bytes
        // in no literal. The built-in rules hold 59 (2.8 MB of transitions). Rows of 32 columns,
        // a cache line each (1.4 MB), took more time over the Enron emails: 254 ms against 248 ms
        // on two threads, 781M instructions against 764M over the first 4,000.
        let mut frequency = [0_usize; 256];
        for literal in index.iter() {
            for &byte in literal.as_bytes() {
                frequency[usize::from(byte)] += 1;
            }
        }
        let mut bytes: Vec<u8> = (0..=255)
            .filter(|&b| frequency[usize::from(b)] > 0)
            .collect();
        bytes.sort_by_key(|&b| {
            let common = b.is_ascii_lowercase() || b" ',.".contains(&b);
            (!common, std::cmp::Reverse(frequency[usize::from(b)]), b)
        });
        let own_columns = if bytes.len() < MAX_COLUMNS {
            bytes.len()
        } else {
            MAX_COLUMNS - 2
        };
        let mut columns = [0_u8; 256];
        for (k, &byte) in bytes.iter().enumerate() {
            columns[usize::from(byte)] = u8::try_from(k.min(own_columns) + 1).ok()?;
        }
        let shared = u8::try_from(own_columns + 1).ok()?;
        let count = (own_columns + 1 + usize::from(bytes.len() > own_columns)).max(2);
        let shift = count.next_power_of_two().trailing_zeros();
        // Each literal as columns; those with a shared column are compared with the text.
        let images: Vec<Vec<u8>> = index
            .iter()
            .map(|l| l.bytes().map(|b| columns[usize::from(b)]).collect())
            .collect();
        let compare: Vec<bool> = images.iter().map(|i| i.contains(&shared)).collect();
        let longest = images.iter().map(Vec::len).max().unwrap_or(0).max(1);
        // The trie, built from the literals' images in order (each shares a path with the one
        // before it as far as their common prefix): each node's first literal, first child, next
        // sibling and column; literals with the same image are chained by `same`. Node 0 is the
        // root.
        let mut sorted: Vec<u32> = (0..u32::try_from(images.len()).ok()?).collect();
        sorted.sort_unstable_by(|&a, &b| images[a as usize].cmp(&images[b as usize]));
        let mut own = vec![NONE];
        let mut same = vec![NONE; images.len()];
        let mut first_child = vec![NONE];
        let mut sibling = vec![NONE];
        let mut column = vec![0_u8];
        let mut path: Vec<u32> = vec![0];
        let mut previous: &[u8] = &[];
        for &id in &sorted {
            let image = images[id as usize].as_slice();
            let common = image
                .iter()
                .zip(previous)
                .take_while(|(a, b)| a == b)
                .count();
            path.truncate(common + 1);
            for &c in &image[common..] {
                let node = u32::try_from(own.len()).ok()?;
                let parent = *path.last().expect("the root") as usize;
                own.push(NONE);
                first_child.push(NONE);
                // Children are added in column order and listed newest first.
                sibling.push(first_child[parent]);
                first_child[parent] = node;
                column.push(c);
                path.push(node);
            }
            if !image.is_empty() {
                let node = *path.last().expect("a node") as usize;
                same[id as usize] = own[node];
                own[node] = id;
            }
            previous = image;
        }
        let (next, out_starts, out) = if own.len() < (1 << 15).min(narrow_up_to) {
            let (next, out_starts, out) =
                Self::build::<u16>(&own, &same, &first_child, &sibling, &column, shift)?;
            (Transitions::Narrow(next), out_starts, out)
        } else {
            let (next, out_starts, out) =
                Self::build::<u32>(&own, &same, &first_child, &sibling, &column, shift)?;
            (Transitions::Wide(next), out_starts, out)
        };
        Some(Dfa {
            columns,
            shift,
            next,
            out_starts,
            out,
            compare,
            longest,
        })
    }

    /// The transitions and the literals ending at each state, from the trie: states numbered
    /// breadth first, so a state's failure state (the longest proper suffix of its string that is
    /// a state) has its row finished when its own is written.
    #[allow(clippy::type_complexity)]
    fn build<T: Cell>(
        own: &[u32],
        same: &[u32],
        first_child: &[u32],
        sibling: &[u32],
        column: &[u8],
        shift: u32,
    ) -> Option<(Vec<T>, Vec<u32>, Vec<u32>)> {
        const NONE: u32 = u32::MAX;
        let states = own.len();
        if u32::try_from(states).ok()? >= T::ENDS {
            return None;
        }
        let stride = 1_usize << shift;
        let mut next: Vec<T> = vec![T::default(); states << shift];
        // By state number: its trie node and failure state; where its literals are in `out`.
        let mut node = Vec::with_capacity(states);
        let mut fail = Vec::with_capacity(states);
        let mut out_starts: Vec<u32> = Vec::with_capacity(states + 1);
        let mut out: Vec<u32> = Vec::new();
        node.push(0_u32);
        fail.push(0_u32);
        let mut state = 0;
        while state < node.len() {
            let failure = fail[state] as usize;
            // The literals ending here: its own, then its failure state's.
            out_starts.push(u32::try_from(out.len()).ok()?);
            let trie = node[state] as usize;
            let mut literal = own[trie];
            while literal != NONE {
                out.push(literal);
                literal = same[literal as usize];
            }
            if state != 0 {
                let (from, to) = (out_starts[failure], out_starts[failure + 1]);
                out.extend_from_within(from as usize..to as usize);
                next.copy_within(failure * stride..(failure + 1) * stride, state * stride);
            }
            let mut child = first_child[trie];
            while child != NONE {
                let c = usize::from(column[child as usize]);
                // Where the failure state goes on this byte: the child's failure state (the
                // root's children fail to the root, whose row is still all root here).
                let via = next[failure * stride + c].get();
                let number = u32::try_from(node.len()).ok()?;
                let ends = own[child as usize] != NONE || via & T::ENDS != 0;
                node.push(child);
                fail.push(if state == 0 { 0 } else { via & !T::ENDS });
                next[state * stride + c] = T::new(number | if ends { T::ENDS } else { 0 });
                child = sibling[child as usize];
            }
            state += 1;
        }
        out_starts.push(u32::try_from(out.len()).ok()?);
        Some((next, out_starts, out))
    }

    /// Calls `found(literal, end)` for every occurrence of every literal in `bytes`, by end.
    fn for_each_match(&self, bytes: &[u8], found: impl FnMut(usize, usize)) {
        match &self.next {
            Transitions::Narrow(next) => self.walk(next, bytes, found),
            Transitions::Wide(next) => self.walk(next, bytes, found),
        }
    }

    /// The automaton's walk over `bytes`, in two lanes where the text is long enough: each byte
    /// waits on the lookup of the byte before, so two halves walked side by side take little
    /// more time than one. The second half starts from the start state as many bytes early as
    /// the longest literal, less one, and reports only what ends in it; its finds are handed on
    /// after the first half's, so every literal's come in order.
    #[inline]
    fn walk<T: Cell>(&self, next: &[T], bytes: &[u8], mut found: impl FnMut(usize, usize)) {
        let step = |state: usize, byte: u8| -> (usize, bool) {
            let to = next[state << self.shift | usize::from(self.columns[usize::from(byte)])].get();
            ((to & !T::ENDS) as usize, to & T::ENDS != 0)
        };
        let ends = |state: usize| {
            let (from, to) = (self.out_starts[state], self.out_starts[state + 1]);
            &self.out[from as usize..to as usize]
        };
        let mid = bytes.len() / 2;
        if mid < TWO_LANES_AFTER.max(2 * self.longest) {
            let mut state = 0;
            for (at, &byte) in bytes.iter().enumerate() {
                let (next, end) = step(state, byte);
                state = next;
                if end {
                    for &id in ends(state) {
                        found(id as usize, at + 1);
                    }
                }
            }
            return;
        }
        let first = &bytes[..mid];
        let early = mid + 1 - self.longest;
        let second = &bytes[early..];
        let mut later: Vec<(u32, usize)> = Vec::with_capacity(second.len() / 8);
        // Each lane's step is written out where it is taken: as closures over the lanes' states
        // (shared with the one-lane loop above), the walk took 825M instructions over the first
        // 4,000 Enron emails against 767M, the states kept in memory instead of registers.
        let (mut a, mut b) = (0, 0);
        for (k, (&x, &y)) in first.iter().zip(second).enumerate() {
            let (next, end) = step(a, x);
            a = next;
            if end {
                for &id in ends(a) {
                    found(id as usize, k + 1);
                }
            }
            let (next, end) = step(b, y);
            b = next;
            if end && early + k >= mid {
                later.extend(ends(b).iter().map(|&id| (id, early + k + 1)));
            }
        }
        // The second half is the longer: its rest alone.
        for (k, &y) in second.iter().enumerate().skip(first.len()) {
            let (next, end) = step(b, y);
            b = next;
            if end && early + k >= mid {
                later.extend(ends(b).iter().map(|&id| (id, early + k + 1)));
            }
        }
        for (id, end) in later {
            found(id as usize, end);
        }
    }
}

/// Text lengths from twice this on are walked in two lanes (see [`Dfa::walk`]).
const TWO_LANES_AFTER: usize = 128;

/// The first eight bytes of `bytes` (fewer when it is shorter, the rest zero), little-endian.
fn head(bytes: &[u8]) -> u64 {
    // One load where eight bytes are there (a copy of a variable length is a call to `memcpy`).
    if let Some(word) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*word);
    }
    let mut word = [0; 8];
    let n = bytes.len().min(8);
    word[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(word)
}

fn pair(bytes: &[u8]) -> u16 {
    u16::from_be_bytes([bytes[0], bytes[1]])
}

fn quad(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// A multiplicative hash for small integer keys (the keys are not attacker-chosen in a way that
/// matters: a collision only slows a lookup).
pub(crate) type Fast = BuildHasherDefault<Multiply>;

#[derive(Default)]
pub(crate) struct Multiply(u64);

impl Hasher for Multiply {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.write_u64(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let mut last = [0; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.write_u64(u64::from_le_bytes(last));
    }

    fn write_u16(&mut self, n: u16) {
        self.write_u64(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(literals: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for at in 0..text.len() {
            for (i, l) in literals.iter().enumerate() {
                if !l.is_empty() && text.as_bytes()[at..].starts_with(l.as_bytes()) {
                    out.push((i, at, at + l.len()));
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The index of `literals`: searching with the automaton from the first byte when `bulk`,
    /// with wide transitions when `wide`.
    fn index_of(literals: &[String], bulk: bool, wide: bool) -> LiteralIndex {
        let refs: Vec<&str> = literals.iter().map(String::as_str).collect();
        LiteralIndex {
            bulk_after: if bulk { 0 } else { BULK_AFTER },
            narrow_up_to: if wide { 0 } else { usize::MAX },
            ..LiteralIndex::new(&refs)
        }
    }

    /// Every occurrence `index` finds in `text`, sorted.
    fn found(index: &LiteralIndex, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        index.for_each_match(text, |i, s, e| out.push((i, s, e)));
        out.sort_unstable();
        out
    }

    /// `literals`, sorted and without duplicates (the index takes distinct ones).
    fn distinct(mut literals: Vec<String>) -> Vec<String> {
        literals.sort();
        literals.dedup();
        literals
    }

    #[test]
    fn finds_every_overlapping_occurrence() {
        let literals: Vec<String> = [
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "bcd",
            "you ",
            "you should",
            "é",
            "naïve",
            "!!",
        ]
        .map(str::to_owned)
        .to_vec();
        let index = index_of(&literals, false, false);
        let automaton = index_of(&literals, true, false);
        let wide = index_of(&literals, true, true);
        for text in [
            "",
            "a",
            "abcde",
            "xxabcdex you should, you naïve!!! é",
            "ab ab abc",
            "!",
        ] {
            let got = found(&index, text);
            let bulk = found(&automaton, text);
            let wide_bulk = found(&wide, text);
            assert!(matches!(
                automaton.bulk.get(),
                Some(Some(Dfa {
                    next: Transitions::Narrow(_),
                    ..
                }))
            ));
            assert!(matches!(
                wide.bulk.get(),
                Some(Some(Dfa {
                    next: Transitions::Wide(_),
                    ..
                }))
            ));
            assert_eq!(bulk, got, "{text:?}");
            assert_eq!(wide_bulk, got, "{text:?}");
            assert_eq!(got, naive(&literals, text), "{text:?}");
        }
    }

    /// With more distinct bytes than columns, literals that share a column are told apart by
    /// comparing them with the text.
    #[test]
    fn tells_apart_literals_that_share_a_column() {
        let literals: Vec<String> = [
            "a1", "a2", "a3", "a#b", "a(b", "a)b", "1a", "2a", "x9y", "x8y", "é", "è", "'s",
        ]
        .iter()
        .map(|l| (*l).to_owned())
        .chain(('a'..='z').chain('A'..='Z').map(|c| format!("{c}{c}")))
        .collect();
        let automaton = index_of(&literals, true, false);
        let text = "a1 a2 a4 a#b a(b a)b a*b 1a 3a x9y x7y é è ê it's aa zz yz AA QQ Qq";
        let bulk = found(&automaton, text);
        let Some(Some(dfa)) = automaton.bulk.get() else {
            panic!("no automaton")
        };
        assert!(dfa.compare.iter().any(|&c| c), "no column is shared");
        assert_eq!(bulk, naive(&literals, text));
    }

    /// Past the threshold, a search while another thread builds the automaton does not wait for
    /// it: it searches with the index, and finds the same.
    #[test]
    fn a_search_while_the_automaton_is_built_uses_the_index() {
        let literals: Vec<String> = ["as", "as i said", "said", "again"]
            .iter()
            .map(|l| (*l).to_owned())
            .collect();
        let text = "As I said, as I said again: said.".to_lowercase();
        let index = index_of(&literals, true, false);
        index.building.store(true, Ordering::Relaxed);
        assert_eq!(found(&index, &text), naive(&literals, &text));
        assert!(
            index.bulk.get().is_none(),
            "built by a thread that was not to build it"
        );
        // The thread that set out to build it does, and searches with it.
        let index = index_of(&literals, true, false);
        assert_eq!(found(&index, &text), naive(&literals, &text));
        assert!(matches!(index.bulk.get(), Some(Some(_))), "not built");
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_a_naive_search(
            literals in proptest::collection::vec("[ab é]{1,6}", 1..20),
            text in "[ab éc]{0,60}|[ab éc]{250,700}",
        ) {
            let literals = distinct(literals);
            let got = found(&index_of(&literals, false, false), &text);
            proptest::prop_assert_eq!(&found(&index_of(&literals, true, false), &text), &got);
            proptest::prop_assert_eq!(&found(&index_of(&literals, true, true), &text), &got);
            proptest::prop_assert_eq!(got, naive(&literals, &text));
        }

        /// Over more distinct bytes than an automaton has columns.
        #[test]
        fn agrees_with_a_naive_search_over_many_bytes(
            literals in proptest::collection::vec("[a-zA-Z0-9 .,;:!?'()éè]{1,5}", 1..80),
            text in "[a-zA-Z0-9 .,;:!?'()éè]{0,80}|[a-zA-Z0-9 .,;:!?'()éè]{250,700}",
        ) {
            let literals = distinct(literals);
            let bulk = found(&index_of(&literals, true, false), &text);
            proptest::prop_assert_eq!(bulk, naive(&literals, &text));
        }
    }
}
