//! Findings and their suggestions: a match of a rule becomes a finding with the rule's message
//! and each suggestion's edits (replacements, removals, insertions at anchors).

use std::collections::HashMap;

use crate::finding::Finding;
use crate::fix::{Edit, Suggestion};
use crate::fold::Folded;
use crate::region::{Region, Zone};
use crate::rule::template::{Values, match_case};
use crate::rule::{Action, Anchor, Match, Matcher, Rule};
use crate::span::Span;
use crate::text;

/// Everything needed to turn a candidate into a finding.
pub(super) struct MatchContext<'a> {
    pub(super) text: &'a str,
    pub(super) region: Region,
    /// Every region of the segment (for anchors such as "after the greeting").
    pub(super) regions: &'a [Region],
    pub(super) folded: &'a Folded,
    pub(super) sentences: &'a [Span],
}

impl MatchContext<'_> {
    /// Where the reply proper starts: the first target region after the greeting (or the first
    /// target region when there is no greeting).
    fn after_greeting(&self) -> usize {
        let targets = || {
            self.regions
                .iter()
                .filter(|r| r.zone.is_target() && r.zone != Zone::Subject)
        };
        targets()
            .find(|r| r.zone != Zone::Greeting)
            .or_else(|| targets().next())
            .map_or(self.region.span.start, |r| r.span.start)
    }

    /// Where the closing starts (the paragraph before the sign-off, or the sign-off); the end of
    /// the last reply region when there is no closing.
    fn before_closing(&self) -> usize {
        self.regions
            .iter()
            .find(|r| r.zone == Zone::Closing)
            .map(|r| r.span.start)
            .or_else(|| {
                self.regions
                    .iter()
                    .rfind(|r| r.zone.is_target() && r.zone != Zone::Subject)
                    .map(|r| r.span.end)
            })
            .unwrap_or(self.region.span.end)
    }

    /// The original span (file offsets) of a folded span.
    fn file_span(&self, span: Span) -> Span {
        self.folded.original(span).shift(self.region.span.start)
    }

    /// The finding of `candidate`; `extra` fills placeholders besides the match and its captures.
    pub(super) fn finding(
        &self,
        rule: &Rule,
        candidate: &Match,
        extra: &HashMap<String, String>,
    ) -> (Finding, String) {
        let span = self.file_span(candidate.span);
        let matched = self.text[span].to_owned();
        let mut captures: HashMap<String, String> = candidate
            .captures
            .iter()
            .map(|(k, &s)| (k.clone(), self.text[self.file_span(s)].to_owned()))
            .collect();
        captures.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        let values = Values {
            matched: &matched,
            count: None,
            captures,
        };
        let folded_sentence = text::sentence_at(self.sentences, candidate.span.start);
        let sentence = self.file_span(folded_sentence);
        let sentence_start = self.folded.text
            [folded_sentence.start.min(candidate.span.start)..candidate.span.start]
            .chars()
            .all(|c| !c.is_alphanumeric());
        let mut suggestions = Vec::new();
        if let (
            Matcher::Swap {
                swaps,
                applicability,
            },
            Some(k),
        ) = (&rule.matcher, candidate.swap)
        {
            for to in &swaps[k].1 {
                let replacement = match_case(to, &matched, sentence_start);
                suggestions.push(Suggestion {
                    applicability: *applicability,
                    title: format!("Replace with “{replacement}”"),
                    edits: vec![Edit { span, replacement }],
                });
            }
        }
        for template in &rule.suggestions {
            let (edits, default_title) = match &template.action {
                Action::Replace(t) => {
                    let replacement = match_case(&t.render(&values), &matched, sentence_start);
                    let title = format!("Replace with “{replacement}”");
                    (vec![Edit { span, replacement }], title)
                }
                Action::Remove => (
                    vec![removal(self.text, self.region.span, span)],
                    format!(
                        "Remove “{}”",
                        crate::rule::template::collapse_space(&matched)
                    ),
                ),
                Action::Insert(t, anchor) => {
                    let at = match anchor {
                        Anchor::BeforeMatch => span.start,
                        Anchor::AfterMatch => span.end,
                        Anchor::BeforeSentence => sentence.start.min(span.start),
                        Anchor::AfterSentence => sentence.end.max(span.end),
                        Anchor::AfterGreeting => self.after_greeting(),
                        Anchor::BeforeClosing => self.before_closing(),
                    };
                    let insertion = t.render(&values);
                    let title = format!("Insert “{}”", insertion.trim());
                    (
                        vec![Edit {
                            span: Span::new(at, at),
                            replacement: insertion,
                        }],
                        title,
                    )
                }
                Action::Advice => (Vec::new(), String::new()),
            };
            suggestions.push(Suggestion {
                applicability: template.applicability,
                title: template.message.clone().unwrap_or(default_title),
                edits,
            });
        }
        let finding = Finding {
            rule: rule.id.clone(),
            category: rule.category.clone(),
            severity: rule.severity,
            confidence: match (&rule.matcher, candidate.swap) {
                (Matcher::Phrase { confidences, .. }, Some(k)) => confidences
                    .get(k)
                    .copied()
                    .flatten()
                    .unwrap_or(rule.confidence),
                _ => rule.confidence,
            },
            span,
            zone: self.region.zone,
            message: rule.message.render(&values),
            suggestions,
            note: None,
        };
        (finding, matched)
    }
}

/// The edit that removes `span` and tidies what is left: a comma or space after it, a dangling
/// ", " before it at a clause end, and a capital for the next word at a sentence start.
fn removal(text: &str, region: Span, span: Span) -> Edit {
    let mut start = span.start;
    let mut end = span.end;
    let after = &text[end..region.end];
    let before = text[region.start..start].trim_end_matches([' ', '\t']);
    let at_sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']);
    let spaces = |s: &str| s.len() - s.trim_start_matches([' ', '\t']).len();
    if after.starts_with([',', ';']) {
        end += 1;
        end += spaces(&text[end..region.end]);
    } else if after.starts_with([' ', '\t']) {
        end += spaces(after);
    } else if at_sentence_start && after.starts_with(['.', '!', '?']) {
        let rest = &text[end..region.end];
        end += rest.len() - rest.trim_start_matches(['.', '!', '?']).len();
        end += spaces(&text[end..region.end]);
    } else {
        // The match ends a clause: take the space (and comma) before it instead.
        let trimmed = before.trim_end_matches(',');
        let trimmed = trimmed.trim_end_matches([' ', '\t']);
        if !trimmed.is_empty() {
            start = region.start + trimmed.len();
        }
    }
    let mut replacement = String::new();
    if at_sentence_start
        && let Some(next) = text[end..region.end].chars().next()
        && next.is_lowercase()
    {
        replacement = next.to_uppercase().collect();
        end += next.len_utf8();
    }
    Edit {
        span: Span::new(start, end),
        replacement,
    }
}
