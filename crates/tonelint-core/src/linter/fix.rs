//! Applying fixes: the first allowed suggestion of each finding, re-linting until nothing changes.

use std::collections::HashSet;

use crate::finding::Finding;
use crate::fix::{Applicability, Edit, Suggestion};
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

impl Linter {
    /// Applies the first suggestion of each finding that is at most as bold as `up_to` (`Safe`:
    /// safe fixes only; `Review`: the rewrites too), re-linting and repeating until nothing
    /// changes (at most [`MAX_FIX_PASSES`] passes).
    ///
    /// Each pass plans its edits together ([`plan`]): a rewrite of a whole sentence or clause
    /// takes in the other edits inside it, the same edit is made once, and edits that cross each
    /// other wait for the next pass (where they are found again in the new text, if still
    /// needed). The rewrites of what the reply says come first; the insertions of the reply-level
    /// rules (an acknowledgement, an open door) only once those are done, so they add only what
    /// is still missing. Only sources whose segments are the file's own bytes can be fixed; for
    /// others this returns the text unchanged.
    #[must_use]
    pub fn fix(&self, source: &Source, up_to: Applicability) -> Fixed {
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
        let reply_level: HashSet<&str> = self
            .replies
            .iter()
            .map(|&i| self.rules[i].id.as_str())
            .collect();
        for pass in 0..=MAX_FIX_PASSES {
            let findings = self.check(&current);
            let (sentences, replies): (Vec<Finding>, Vec<Finding>) = findings
                .into_iter()
                .partition(|f| !reply_level.contains(f.rule.as_str()));
            let mut planned = plan(&sentences, up_to);
            if planned.edits.is_empty() {
                planned = plan(&replies, up_to);
            }
            if planned.edits.is_empty() {
                break;
            }
            if pass == MAX_FIX_PASSES {
                unsettled = true;
                break;
            }
            let (text, _) = crate::fix::apply(&current.text, &planned.edits);
            if text == current.text {
                break;
            }
            applied.extend(planned.fixed);
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

/// The edits of one pass of fixes, and the findings they fix.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The edits, disjoint (an insertion may touch a replacement's edge).
    pub edits: Vec<Edit>,
    /// The findings fixed: those whose edits were taken, and those inside a rewrite taken.
    pub fixed: Vec<Finding>,
}

/// Plans one pass of fixes: the first suggestion of each finding that has edits and is at most as
/// bold as `up_to`, taken together. Outer first: a suggestion whose edits lie inside an edit taken
/// (a sentence rewrite holding a match's replacement, the same rewrite twice) is absorbed by it;
/// one that crosses an edit taken, or inserts other words where an insertion was taken, waits.
#[must_use]
pub fn plan(findings: &[Finding], up_to: Applicability) -> Plan {
    let allowed = |a: Applicability| a != Applicability::Advice && a <= up_to;
    // (hull of the suggestion's edits, finding, suggestion)
    let mut candidates: Vec<(Span, usize, &Suggestion)> = findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let s = f
                .suggestions
                .iter()
                .find(|s| !s.edits.is_empty() && allowed(s.applicability))?;
            let hull = s.edits.iter().skip(1).fold(s.edits[0].span, |h, e| {
                Span::new(h.start.min(e.span.start), h.end.max(e.span.end))
            });
            Some((hull, i, s))
        })
        .collect();
    // Outer first; among equals, the more severe finding, then the earlier one.
    candidates.sort_by_key(|&(hull, i, _)| {
        (
            hull.start,
            std::cmp::Reverse(hull.end),
            std::cmp::Reverse(findings[i].severity),
            i,
        )
    });
    let mut plan = Plan::default();
    let mut taken: Vec<&Edit> = Vec::new();
    for (_, i, suggestion) in candidates {
        let inside = |e: &Edit| {
            taken.iter().any(|t| {
                !t.span.is_empty()
                    && if e.span.is_empty() {
                        t.span.start < e.span.start && e.span.start < t.span.end
                    } else {
                        t.span.contains(e.span)
                    }
            }) || taken.contains(&e)
        };
        if suggestion.edits.iter().all(inside) {
            plan.fixed.push(findings[i].clone());
            continue;
        }
        // Overlapping (an insertion strictly inside a replacement too), or two insertions at
        // one place.
        let crosses = |e: &Edit| {
            taken.iter().any(|t| {
                t.span.overlaps(e.span)
                    || (t.span.is_empty() && e.span.is_empty() && t.span.start == e.span.start)
            })
        };
        if suggestion.edits.iter().any(crosses) {
            continue;
        }
        taken.extend(suggestion.edits.iter());
        plan.fixed.push(findings[i].clone());
    }
    plan.edits = taken.into_iter().cloned().collect();
    plan
}
