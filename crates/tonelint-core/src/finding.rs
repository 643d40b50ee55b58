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
    /// For a `cold` rule: the cold cues that counted, in the order of the text; empty for other
    /// kinds.
    pub cues: Vec<CueHit>,
}

/// A cold cue behind a `cold` rule's finding.
#[derive(Debug, Clone, PartialEq)]
pub struct CueHit {
    /// The cue's name ("a bare verdict").
    pub name: String,
    /// Its weight in the rule.
    pub weight: f64,
    /// Its first match in the file; none for a counter over the whole reply (no greeting).
    pub span: Option<Span>,
}

impl Finding {
    /// `category/id`, the code shown in reports.
    #[must_use]
    pub fn code(&self) -> String {
        format!("{}/{}", self.category, self.rule)
    }
}
