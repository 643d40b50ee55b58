//! Findings: what a rule reports about a span of a source.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::fix::Suggestion;
use crate::region::Zone;
use crate::span::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth a look; never fails a run unless `--fail-on info`.
    Info,
    /// Likely to hurt the reader.
    Warning,
    /// Unmistakable.
    Error,
}

impl Severity {
    /// The name used in rule packs and output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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
