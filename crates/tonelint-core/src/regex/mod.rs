//! Regexes: the wrapper every rule's regex lives in ([`LazyRegex`]: compiled on first use, or
//! read precompiled from the binary), and [`LeanRegex`] for the crate's own patterns. This module
//! sits below both `text` and `rule`: it depends only on folding.

pub(crate) mod lazy;
pub(crate) mod memo;
pub(crate) mod precompiled;

pub use lazy::LazyRegex;

/// One of the crate's own regexes, in ASCII mode (`\w`, `\b`, `\s` and case folding ASCII-only;
/// non-ASCII letters matched as written), or Unicode mode where ASCII mode refuses the pattern.
/// Every `LeanRegex::new(r"…")` in the source is precompiled by the build (`build.rs`), so a run
/// reads it from the binary instead of compiling it; a DFA has no Unicode word boundary, so a
/// pattern that needs Unicode mode writes `(?-u:\b)`. Others are built lean at first use: no
/// engines that pay off only on long texts.
#[derive(Debug)]
pub(crate) struct LeanRegex {
    engine: precompiled::Engine,
    /// Whether every match starts at the start of the text (`^…`): then a search tries there
    /// only, instead of the whole text (a line regex over a long line).
    anchored: bool,
    /// A precompiled DFA's table of transitions, once it has searched enough, as a rule's regex
    /// has: a search then costs a lookup a byte instead of a try at every start (a placeholder
    /// syntax over the bracketed words of an archive).
    bulk: lazy::Bulk,
}

impl LeanRegex {
    /// Builds `pattern` (read precompiled from the binary when the build precompiled it).
    ///
    /// # Panics
    ///
    /// Panics if `pattern` is invalid: only the crate's own, tested patterns come here.
    pub(crate) fn new(pattern: &str) -> LeanRegex {
        if let Some((dfa, _, anchored)) = precompiled::lookup_anchored(pattern, false) {
            return LeanRegex {
                engine: precompiled::Engine::Dfa(Box::new(dfa)),
                anchored,
                bulk: lazy::Bulk::default(),
            };
        }
        let anchored = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .is_ok_and(|hir| {
                hir.properties()
                    .look_set_prefix()
                    .contains(regex_syntax::hir::Look::Start)
            });
        LeanRegex {
            engine: lazy::Compiled::new(pattern, false, false)
                .expect("the crate's own regexes are valid")
                .engine,
            anchored,
            bulk: lazy::Bulk::default(),
        }
    }

    /// Whether it matches somewhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        if self.anchored {
            self.engine.is_match_at_start(text)
        } else {
            self.bulk
                .get(&self.engine, text.len())
                .and_then(|memo| memo.is_match_until(text.as_bytes(), usize::MAX))
                .unwrap_or_else(|| self.engine.is_match(text))
        }
    }

    /// The spans of its matches in `text`.
    pub(crate) fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let bulk = if self.anchored {
            None
        } else {
            self.bulk.get(&self.engine, text.len())
        };
        self.engine.find_iter_with(text, bulk, usize::MAX)
    }

    /// Whether it has built its table (see `bulk`).
    #[cfg(test)]
    pub(crate) fn has_table(&self) -> bool {
        self.bulk.is_built()
    }

    /// The spans of its matches in `text`, by the DFA tried at every start (no table).
    #[cfg(test)]
    pub(crate) fn find_iter_without_table(&self, text: &str) -> Vec<(usize, usize)> {
        self.engine.find_iter_with(text, None, usize::MAX).collect()
    }
}
