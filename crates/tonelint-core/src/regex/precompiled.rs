//! Regexes compiled when the crate is built: the built-in packs' patterns and the crate's own
//! (zones, placeholders, URLs), as anchored sparse DFAs serialized by `build.rs` into one blob
//! and read in place, so a run never compiles them. A search tries a match at each start that
//! the DFA's first-byte table allows (a few bytes each; most starts are ruled out by one table
//! lookup). A pattern the build could not turn into a DFA (a Unicode word boundary, a size
//! limit) is compiled at first use instead. Without the `precompiled` feature the table is empty.

use regex_automata::dfa::{Automaton, sparse};
use regex_automata::{Anchored, Input, meta};

use super::memo::Memo;

/// One precompiled regex: pattern, case folding, ASCII mode, whether every match starts at the
/// start of the text (`^…`), where its DFA starts in the blob, the DFA's length, and how many
/// first-byte sets follow the DFA (after its 257 look-behind classes).
type Entry = (&'static str, bool, bool, bool, usize, usize, usize);

include!(concat!(env!("OUT_DIR"), "/precompiled.rs"));

/// A precompiled regex: an anchored forward DFA, and which bytes a match can start with.
#[derive(Debug)]
pub(crate) struct Dfa {
    dfa: sparse::DFA<&'static [u8]>,
    /// For each look-behind (the byte before a start, or 256 at the start of the text), the
    /// index of its set in `sets`.
    classes: &'static [u8],
    /// Sets of 256 bits: the first bytes a match can start with.
    sets: &'static [u8],
    /// Whether every match starts at the start of the text (`^…`): no other start is tried.
    anchored: bool,
}

impl Dfa {
    /// Whether a match can start at `at` (`at < haystack.len()`), by its first byte.
    #[inline]
    fn may_start(&self, haystack: &[u8], at: usize) -> bool {
        let behind = if at == 0 {
            256
        } else {
            usize::from(haystack[at - 1])
        };
        let set = usize::from(self.classes[behind]) * 32;
        let byte = haystack[at];
        self.sets[set + usize::from(byte / 8)] & (1 << (byte % 8)) != 0
    }

    /// The end of the match that starts at `at`, if one does (the leftmost-first one; with
    /// `earliest`, any).
    pub(crate) fn match_at(&self, haystack: &str, at: usize, earliest: bool) -> Option<usize> {
        if at < haystack.len() && !self.may_start(haystack.as_bytes(), at) {
            return None;
        }
        let input = Input::new(haystack)
            .range(at..)
            .anchored(Anchored::Yes)
            .earliest(earliest);
        self.dfa
            .try_search_fwd(&input)
            .ok()
            .flatten()
            .map(|m| m.offset())
    }

    /// The leftmost match that starts at or after `from`; through `memo`'s tables when given.
    fn find_from(
        &self,
        haystack: &str,
        from: usize,
        earliest: bool,
        memo: Option<&Memo>,
        until: usize,
    ) -> Option<(usize, usize)> {
        let last = if self.anchored {
            0
        } else {
            haystack.len().min(until)
        };
        if let Some(memo) = memo.filter(|_| !earliest) {
            let bytes = haystack.as_bytes();
            let may_start = |at: usize| at == bytes.len() || self.may_start(bytes, at);
            if let Some(found) = memo.find_from(bytes, from, last, may_start) {
                return found;
            }
        }
        (from..=last).find_map(|at| self.match_at(haystack, at, earliest).map(|end| (at, end)))
    }

    /// Whether it matches somewhere in `haystack`.
    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        self.find_from(haystack, 0, true, None, usize::MAX)
            .is_some()
    }

    /// The DFA walked through a table of the transitions it takes, for searching much text;
    /// `None` if it cannot be (see [`Memo::new`]).
    pub(crate) fn memo(&self) -> Option<Memo> {
        Memo::new(self.dfa.clone(), self.anchored)
    }

    /// Its leftmost-first matches, as the regex crate finds them (an empty match right where
    /// the previous match ended is skipped).
    fn find_iter<'a>(
        &'a self,
        haystack: &'a str,
        memo: Option<&'a Memo>,
        until: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let mut from = Some(0);
        let mut last_end = None;
        std::iter::from_fn(move || {
            loop {
                let (start, end) = self.find_from(haystack, from?, false, memo, until)?;
                from = if end > start {
                    Some(end)
                } else {
                    // Past the empty match, to the next character.
                    haystack[end..].chars().next().map(|c| end + c.len_utf8())
                };
                if start == end && last_end == Some(end) {
                    continue;
                }
                last_end = Some(end);
                return Some((start, end));
            }
        })
    }
}

/// A regex ready to search: precompiled, or compiled at run time.
#[derive(Debug)]
pub(crate) enum Engine {
    /// Read from the binary.
    Dfa(Box<Dfa>),
    /// Compiled at run time.
    Meta(meta::Regex),
}

impl Engine {
    /// Whether it matches somewhere in `haystack`.
    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        match self {
            Engine::Dfa(dfa) => dfa.is_match(haystack),
            Engine::Meta(regex) => regex.is_match(haystack),
        }
    }

    /// Whether it matches at the start of `haystack` (an anchored search: the bytes after a
    /// failed start are never read).
    pub(crate) fn is_match_at_start(&self, haystack: &str) -> bool {
        match self {
            Engine::Dfa(dfa) => dfa.match_at(haystack, 0, true).is_some(),
            Engine::Meta(regex) => regex.is_match(Input::new(haystack).anchored(Anchored::Yes)),
        }
    }

    /// The spans of its leftmost-first matches in `haystack`, a precompiled DFA walking through
    /// `memo`'s tables when given (its own), and trying no start after `until` (no match starts
    /// there).
    pub(crate) fn find_iter_with<'a>(
        &'a self,
        haystack: &'a str,
        memo: Option<&'a Memo>,
        until: usize,
    ) -> Box<dyn Iterator<Item = (usize, usize)> + 'a> {
        match self {
            Engine::Dfa(dfa) => Box::new(dfa.find_iter(haystack, memo, until)),
            Engine::Meta(regex) => {
                Box::new(regex.find_iter(haystack).map(|m| (m.start(), m.end())))
            }
        }
    }
}

/// The precompiled DFA of `pattern` (compiled with case folding if `fold`), and whether it is
/// in ASCII mode.
pub(crate) fn lookup(pattern: &str, fold: bool) -> Option<(Dfa, bool)> {
    lookup_anchored(pattern, fold).map(|(dfa, ascii, _)| (dfa, ascii))
}

/// [`lookup`], and whether every match starts at the start of the text.
#[allow(unsafe_code)]
pub(crate) fn lookup_anchored(pattern: &str, fold: bool) -> Option<(Dfa, bool, bool)> {
    let i = PRECOMPILED
        .binary_search_by(|(p, f, ..)| (*p, *f).cmp(&(pattern, fold)))
        .ok()?;
    let (_, _, ascii, anchored, at, len, sets) = PRECOMPILED[i];
    let bytes = BLOB.get(at..at + len)?;
    let classes = BLOB.get(at + len..at + len + 257)?;
    let sets = BLOB.get(at + len + 257..at + len + 257 + sets * 32)?;
    // SAFETY: the bytes were written by `to_bytes_little_endian` of this very regex-automata
    // (one version in Cargo.lock serves the build script and the crate) when this binary was
    // built, from these patterns; they are not input. Checking them would cost more than
    // compiling the regex, which is what reading them in place avoids. The header (format,
    // version, endianness) is still checked: a mismatch falls back to compiling.
    let dfa = unsafe { sparse::DFA::from_bytes_unchecked(bytes) }.ok()?.0;
    Some((
        Dfa {
            dfa,
            classes,
            sets,
            anchored,
        },
        ascii,
        anchored,
    ))
}

#[cfg(all(test, feature = "precompiled"))]
mod tests {
    use super::*;

    /// Every precompiled DFA passes the full check, once, here.
    #[test]
    fn precompiled_dfas_are_valid() {
        assert!(!PRECOMPILED.is_empty());
        for &(pattern, _, _, _, at, len, sets) in PRECOMPILED {
            assert!(
                sparse::DFA::from_bytes(&BLOB[at..at + len]).is_ok(),
                "{pattern}"
            );
            let classes = &BLOB[at + len..at + len + 257];
            assert!(classes.iter().all(|&c| usize::from(c) < sets), "{pattern}");
        }
        assert!(
            PRECOMPILED
                .windows(2)
                .all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)),
            "sorted for binary search"
        );
    }

    /// Every regex listed for precompiling has its DFAs (a pattern that grows too big or needs a
    /// Unicode word boundary would be compiled at every run), but the placeholder syntaxes',
    /// which compile only when a draft holds `{{` or `{%`.
    #[test]
    fn listed_regexes_are_precompiled() {
        let listed: serde_json::Value =
            serde_json::from_str(include_str!("../builtin.json")).unwrap();
        for entry in listed["precompile"].as_array().unwrap() {
            let pattern = entry[0].as_str().unwrap();
            if pattern.starts_with(r"\{\{") {
                continue;
            }
            assert!(
                lookup(pattern, entry[1].as_bool().unwrap()).is_some(),
                "`{pattern}` has no DFA: too big, a Unicode word boundary (write (?-u:\\b)) or a negated class in ASCII mode (write (?u:[^…]))"
            );
        }
    }

    /// Every regex of the built-in packs is read from the binary, none compiled at run time.
    #[test]
    fn builtin_regexes_are_precompiled() {
        for rule in crate::pack::builtin().iter().flat_map(|p| &p.rules) {
            for regex in rule.regexes() {
                assert!(
                    lookup(regex.as_str(), regex.folds_case()).is_some(),
                    "{}: `{}` has no DFA (a Unicode word boundary? write (?-u:\\b); a negated class? write (?u:[^…]))",
                    rule.id,
                    regex.as_str()
                );
            }
        }
    }
}
