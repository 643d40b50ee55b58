//! The guards every match passes before it becomes a finding: negation shortly before it,
//! quotation marks around it, and the rule's `unless` and `when` windows.

use super::{Rule, Unless};
use crate::span::Span;
use crate::text;

impl Rule {
    /// Whether a match at folded span `span` of `folded` (split into `sentences`) passes the
    /// rule's guards.
    pub(crate) fn passes_guards(&self, span: Span, folded: &str, sentences: &[Span]) -> bool {
        let sentence = text::sentence_at(sentences, span.start);
        let sentence = Span::new(sentence.start.min(span.start), sentence.end.max(span.end));
        if self.negation && text::negated_before(folded, sentence, span.start, 3) {
            return false;
        }
        if self.quotation && text::inside_quotes(folded, sentence, span) {
            return false;
        }
        let found = |filter: &Unless| {
            let window = match filter.words {
                None => sentence,
                Some(n) => word_window(folded, span, n),
            };
            filter
                .regex
                .get()
                .is_some_and(|re| re.engine.is_match(&folded[window.range()]))
        };
        if self.unless.as_ref().is_some_and(found) {
            return false;
        }
        self.when.as_ref().is_none_or(found)
    }
}

/// `span` widened by `n` words on each side, within `folded`.
fn word_window(folded: &str, span: Span, n: usize) -> Span {
    let mut start = span.start;
    let mut words = 0;
    let bytes = folded.as_bytes();
    while start > 0 && words <= n {
        start -= 1;
        if bytes[start] == b' ' {
            words += 1;
        }
    }
    let mut end = span.end;
    words = 0;
    while end < bytes.len() && words <= n {
        if bytes[end] == b' ' {
            words += 1;
        }
        end += 1;
    }
    while !folded.is_char_boundary(start) {
        start -= 1;
    }
    while !folded.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}
