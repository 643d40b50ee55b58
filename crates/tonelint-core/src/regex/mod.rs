//! Regexes: the wrapper every rule's regex lives in ([`LazyRegex`]: compiled on first use, or
//! read precompiled from the binary), and [`LeanRegex`] for the crate's own patterns. This module
//! sits below both `text` and `rule`: it depends only on folding.

pub(crate) mod lazy;
pub(crate) mod precompiled;

pub use lazy::LazyRegex;

/// One of the crate's own regexes, in ASCII mode (`\w`, `\b`, `\s` and case folding ASCII-only;
/// non-ASCII letters matched as written), or Unicode mode where ASCII mode refuses the pattern.
/// Every `LeanRegex::new(r"…")` in the source is precompiled by the build (`build.rs`), so a run
/// reads it from the binary instead of compiling it; a DFA has no Unicode word boundary, so a
/// pattern that needs Unicode mode writes `(?-u:\b)`. Others are built lean at first use: no
/// engines that pay off only on long texts.
#[derive(Debug)]
pub(crate) struct LeanRegex(precompiled::Engine);

impl LeanRegex {
    /// Builds `pattern` (read precompiled from the binary when the build precompiled it).
    ///
    /// # Panics
    ///
    /// Panics if `pattern` is invalid: only the crate's own, tested patterns come here.
    pub(crate) fn new(pattern: &str) -> LeanRegex {
        LeanRegex(
            lazy::Compiled::new(pattern, false, false)
                .expect("the crate's own regexes are valid")
                .engine,
        )
    }

    /// Whether it matches somewhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
    }

    /// The spans of its matches in `text`.
    pub(crate) fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.0.find_iter(text)
    }
}
