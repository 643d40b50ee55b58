//! Applying fixes: the first allowed suggestion of each finding, re-linting until nothing changes.

use crate::finding::Finding;
use crate::fix::{Applicability, Edit};
use crate::source::Source;
use crate::span::Span;

use super::Linter;

/// How many times `Linter::fix` re-lints and re-applies before it stops.
pub const MAX_FIX_PASSES: usize = 10;

/// The outcome of [`Linter::fix`].
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The fixed text.
    pub text: String,
    /// The findings whose first allowed suggestion was applied, each in the text of its pass.
    pub applied: Vec<Finding>,
    /// Passes that changed the text.
    pub passes: usize,
    /// Whether the text still changed on the last allowed pass (the fixes did not settle).
    pub unsettled: bool,
}

/// Whether two edits may not both be applied in one pass (overlapping, or insertions that touch).
fn conflict(a: Span, b: Span) -> bool {
    a.overlaps(b) || ((a.is_empty() || b.is_empty()) && a.start.max(b.start) <= a.end.min(b.end))
}

impl Linter {
    /// Applies the first suggestion of each finding that is at most as bold as `up_to` (`Safe`:
    /// safe fixes only; `Review`: the rewrites too), re-linting and repeating until nothing
    /// changes (at most [`MAX_FIX_PASSES`] passes). When edits overlap, the first finding's wins
    /// and the others wait for the next pass. Only sources whose segments are the file's own
    /// bytes can be fixed; for others this returns the text unchanged.
    #[must_use]
    pub fn fix(&self, source: &Source, up_to: Applicability) -> Fixed {
        let allowed = |a: Applicability| a != Applicability::Advice && a <= up_to;
        let mut current = source.clone();
        let mut applied = Vec::new();
        let mut passes = 0;
        let mut unsettled = false;
        if !source.is_fixable() {
            return Fixed {
                text: current.text,
                applied,
                passes,
                unsettled,
            };
        }
        for pass in 0..=MAX_FIX_PASSES {
            let findings = self.check(&current);
            let mut taken: Vec<Span> = Vec::new();
            let mut edits = Vec::new();
            let mut this_pass = Vec::new();
            for finding in findings {
                let Some(suggestion) = finding
                    .suggestions
                    .iter()
                    .find(|s| !s.edits.is_empty() && allowed(s.applicability))
                else {
                    continue;
                };
                if suggestion
                    .edits
                    .iter()
                    .any(|e| taken.iter().any(|&t| conflict(t, e.span)))
                {
                    continue;
                }
                taken.extend(suggestion.edits.iter().map(|e| e.span));
                edits.extend(suggestion.edits.iter().cloned());
                this_pass.push(finding.clone());
            }
            if edits.is_empty() {
                break;
            }
            if pass == MAX_FIX_PASSES {
                unsettled = true;
                break;
            }
            let (text, _) = crate::fix::apply(&current.text, &edits);
            if text == current.text {
                break;
            }
            applied.extend(this_pass);
            current.text = text;
            passes += 1;
        }
        Fixed {
            text: current.text,
            applied,
            passes,
            unsettled,
        }
    }
}

/// The edits of each finding's first suggestion that has edits and is allowed by `allowed`.
#[must_use]
pub fn fix_edits(findings: &[Finding], allowed: impl Fn(Applicability) -> bool) -> Vec<Edit> {
    findings
        .iter()
        .filter_map(|f| {
            f.suggestions
                .iter()
                .find(|s| !s.edits.is_empty() && allowed(s.applicability))
        })
        .flat_map(|s| s.edits.iter().cloned())
        .collect()
}
