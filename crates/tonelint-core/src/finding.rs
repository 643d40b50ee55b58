//! Findings: what a rule reports about a span of a source.

use crate::fix::Suggestion;
use crate::region::Zone;
use crate::rule::Severity;
use crate::span::Span;

/// One problem found in a source.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule's id.
    pub rule: String,
    /// The rule's category (`condescension`, `blame`, …).
    pub category: String,
    /// How serious it is.
    pub severity: Severity,
    /// How sure the rule is, 0.0–1.0.
    pub confidence: f64,
    /// The flagged bytes of the source text.
    pub span: Span,
    /// The zone the span lies in.
    pub zone: Zone,
    /// The rendered message.
    pub message: String,
    /// Rewrites, best first.
    pub suggestions: Vec<Suggestion>,
    /// Something the reader of the report should know (approximate position, say).
    pub note: Option<String>,
}

impl Finding {
    /// `category/id`, the code shown in reports.
    #[must_use]
    pub fn code(&self) -> String {
        format!("{}/{}", self.category, self.rule)
    }
}
