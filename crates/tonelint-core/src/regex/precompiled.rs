//! Regexes compiled when the crate is built: the built-in packs' patterns and the crate's own
//! (zones, placeholders, URLs), as sparse DFAs serialized by `build.rs` and read in place, so a
//! run never compiles them. A pattern the build could not turn into a DFA (a Unicode word
//! boundary, a size limit) is compiled at first use instead. Without the `precompiled` feature
//! the table is empty.

use regex_automata::dfa::{regex::Regex, sparse};
use regex_automata::meta;

/// One precompiled regex: pattern, case folding, ASCII mode, forward DFA, reverse DFA.
type Entry = (&'static str, bool, bool, &'static [u8], &'static [u8]);

include!(concat!(env!("OUT_DIR"), "/precompiled.rs"));

/// A precompiled regex: a forward DFA for match ends and a reverse one for match starts.
pub(crate) type Dfa = Regex<sparse::DFA<&'static [u8]>>;

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
        let input = regex_automata::Input::new(haystack).anchored(regex_automata::Anchored::Yes);
        match self {
            Engine::Dfa(dfa) => dfa.try_search(&input).ok().flatten().is_some(),
            Engine::Meta(regex) => regex.is_match(input),
        }
    }

    /// The spans of its leftmost-first matches in `haystack`.
    pub(crate) fn find_iter<'a>(
        &'a self,
        haystack: &'a str,
    ) -> Box<dyn Iterator<Item = (usize, usize)> + 'a> {
        match self {
            Engine::Dfa(dfa) => Box::new(dfa.find_iter(haystack).map(|m| (m.start(), m.end()))),
            Engine::Meta(regex) => {
                Box::new(regex.find_iter(haystack).map(|m| (m.start(), m.end())))
            }
        }
    }
}

/// The precompiled DFAs of `pattern` (compiled with case folding if `fold`), and whether they
/// are in ASCII mode.
#[allow(unsafe_code)]
pub(crate) fn lookup(pattern: &str, fold: bool) -> Option<(Dfa, bool)> {
    let i = PRECOMPILED
        .binary_search_by(|(p, f, ..)| (*p, *f).cmp(&(pattern, fold)))
        .ok()?;
    let (_, _, ascii, forward, reverse) = PRECOMPILED[i];
    // SAFETY: the bytes were written by `to_bytes_little_endian` of this very regex-automata
    // (one version in Cargo.lock serves the build script and the crate) when this binary was
    // built, from these patterns; they are not input. Checking them would cost more than
    // compiling the regex, which is what reading them in place avoids. The header (format,
    // version, endianness) is still checked: a mismatch falls back to compiling.
    let forward = unsafe { sparse::DFA::from_bytes_unchecked(forward) }
        .ok()?
        .0;
    let reverse = unsafe { sparse::DFA::from_bytes_unchecked(reverse) }
        .ok()?
        .0;
    Some((Regex::builder().build_from_dfas(forward, reverse), ascii))
}

#[cfg(all(test, feature = "precompiled"))]
mod tests {
    use super::*;

    /// Every precompiled DFA passes the full check, once, here.
    #[test]
    fn precompiled_dfas_are_valid() {
        assert!(!PRECOMPILED.is_empty());
        for (pattern, _, _, forward, reverse) in PRECOMPILED {
            assert!(sparse::DFA::from_bytes(forward).is_ok(), "{pattern}");
            assert!(sparse::DFA::from_bytes(reverse).is_ok(), "{pattern}");
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
