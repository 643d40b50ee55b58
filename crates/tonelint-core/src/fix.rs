//! Edits, suggestions and applying them to a text.
//!
//! A [`Suggestion`] is a set of [`Edit`]s with an [`Applicability`] (ruff's model): `safe` edits are
//! mechanical and applied by `--fix`, `review` edits change the wording and need `--unsafe-fixes`,
//! `advice` carries no edit at all.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How freely a suggestion may be applied.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Mechanical and meaning-preserving: applied by `--fix`.
    Safe,
    /// A tone rewrite: applied only with `--unsafe-fixes`.
    #[default]
    Review,
    /// Words for the writer, no edit.
    Advice,
}

impl Applicability {
    /// The name used in rule packs and output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Review => "review",
            Applicability::Advice => "advice",
        }
    }
}

/// Replace the bytes of `span` with `replacement` (empty span: insert; empty replacement: delete).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The original bytes replaced.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A suggested rewrite for a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// How freely it may be applied.
    pub applicability: Applicability,
    /// What it does, imperative ("Replace with “To recap,”").
    pub title: String,
    /// The edits, sorted and disjoint; empty for advice.
    pub edits: Vec<Edit>,
    /// The sentence a replacement or removal rewrites (byte offsets of the file), for showing it
    /// whole before and after; none for insertions and advice.
    pub sentence: Option<Span>,
}

impl Suggestion {
    /// The sentence it rewrites, before and after, as in `text` (the text its spans point into);
    /// none when it rewrites no sentence or its edits fall outside it.
    #[must_use]
    pub fn rewritten_sentence(&self, text: &str) -> Option<(String, String)> {
        let sentence = self.sentence?;
        if self.edits.is_empty() {
            return None;
        }
        // A removal may take the space around the sentence too.
        let sentence = self.edits.iter().fold(sentence, |s, e| {
            Span::new(s.start.min(e.span.start), s.end.max(e.span.end))
        });
        text.get(sentence.range())?;
        let local: Vec<Edit> = self
            .edits
            .iter()
            .map(|e| Edit {
                span: Span::new(e.span.start - sentence.start, e.span.end - sentence.start),
                replacement: e.replacement.clone(),
            })
            .collect();
        let before = &text[sentence.range()];
        Some((before.to_owned(), apply(before, &local).0))
    }
}

/// Applies `edits` to `text`, skipping any edit that overlaps one applied before it (in order of
/// start offset); returns the new text and the number of edits applied.
///
/// ```
/// use tonelint_core::{Edit, Span};
/// let text = "Hi!!! Calm down.";
/// let edits = [
///     Edit { span: Span::new(3, 5), replacement: String::new() },
///     Edit { span: Span::new(4, 5), replacement: "?".into() },
/// ];
/// assert_eq!(tonelint_core::fix::apply(text, &edits), ("Hi! Calm down.".to_owned(), 1));
/// ```
#[must_use]
pub fn apply(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut applied = 0;
    let mut previous: Option<Span> = None;
    for edit in sorted {
        if edit.span.start < last
            || previous
                .is_some_and(|p| p.is_empty() && edit.span.is_empty() && p.start == edit.span.start)
        {
            continue;
        }
        out.push_str(&text[last..edit.span.start]);
        out.push_str(&edit.replacement);
        last = edit.span.end;
        previous = Some(edit.span);
        applied += 1;
    }
    out.push_str(&text[last..]);
    (out, applied)
}
