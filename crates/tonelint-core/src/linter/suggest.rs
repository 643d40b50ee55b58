//! Findings and their suggestions: a match of a rule becomes a finding with the rule's message
//! and each suggestion's edits (replacements, removals, insertions at anchors).

use std::collections::HashMap;

use crate::finding::Finding;
use crate::fix::{Edit, Suggestion};
use crate::fold::Folded;
use crate::region::{Region, Zone};
use crate::rule::template::{Values, capitalize, collapse_space, match_case};
use crate::rule::{Action, Anchor, Match, Matcher, Rule, Scope, SuggestionTemplate};
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
    /// A requires rule's missing requirements whose insertions go to their own anchors, beside
    /// the `{inserts}` suggestion's.
    pub(super) anchored: &'a [(Anchor, String)],
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

    /// Where the sign-off starts (the last paragraph of the closing); the end of the last reply
    /// region when there is no closing.
    fn before_sign_off(&self) -> usize {
        self.regions
            .iter()
            .rfind(|r| r.zone == Zone::Closing)
            .map(|r| r.span.start)
            .unwrap_or_else(|| self.before_closing())
    }

    /// The original span (file offsets) of a folded span.
    fn file_span(&self, span: Span) -> Span {
        self.folded.original(span).shift(self.region.span.start)
    }

    /// The folded span a suggestion of `scope` rewrites, for a match at folded `span`.
    fn scope_span(&self, scope: Scope, span: Span) -> Span {
        let sentence = text::sentence_at(self.sentences, span.start);
        let sentence = Span::new(sentence.start.min(span.start), sentence.end.max(span.end));
        match scope {
            Scope::Match => span,
            Scope::Sentence => sentence,
            Scope::Clause => text::clause_at(&self.folded.text, sentence, span),
        }
    }

    /// Whether folded offset `at` starts its sentence (only non-letters before it there).
    fn starts_sentence(&self, at: usize) -> bool {
        let sentence = text::sentence_at(self.sentences, at);
        self.folded.text[sentence.start.min(at)..at]
            .chars()
            .all(|c| !c.is_alphanumeric())
    }

    /// The suggestion `template` makes for `candidate`, if its pattern (when it has one) fits.
    fn suggestion(
        &self,
        template: &SuggestionTemplate,
        candidate: &Match,
        values: &Values<'_>,
    ) -> Option<Suggestion> {
        let span = self.file_span(candidate.span);
        let scope = self.scope_span(template.scope, candidate.span);
        let mut slots = HashMap::new();
        if let Some(pattern) = &template.pattern {
            let groups = pattern
                .captures(&self.folded.text[scope.range()])
                .into_iter()
                .next()?
                .groups;
            let names: Vec<Option<&str>> = pattern.capture_names().collect();
            for (i, group) in groups.iter().enumerate().skip(1) {
                if let (Some((start, end)), Some(Some(name))) = (group, names.get(i)) {
                    let folded = Span::new(scope.start + start, scope.start + end);
                    slots.insert(
                        (*name).to_owned(),
                        self.text[self.file_span(folded)].to_owned(),
                    );
                }
            }
        }
        let values = Values {
            matched: values.matched,
            count: values.count,
            captures: values.captures.clone(),
            slots,
        };
        let target = self.file_span(scope);
        let sentence = self.file_span(self.scope_span(Scope::Sentence, candidate.span));
        let (edits, default_title) = match &template.action {
            Action::Replace(t) => {
                let rendered = t.render(&values);
                let replacement = match template.scope {
                    Scope::Sentence => capitalize(&rendered),
                    _ => match_case(
                        &rendered,
                        &self.text[target],
                        self.starts_sentence(scope.start),
                    ),
                };
                let title = format!("Replace with “{}”", collapse_space(&replacement));
                // Only what changes is edited: the writer's words a slot carries over unchanged at
                // either end stay untouched in the file.
                (vec![minimal_edit(self.text, target, replacement)], title)
            }
            Action::Remove => {
                let edit = match template.scope {
                    Scope::Sentence => self.sentence_removal(target),
                    _ => removal(self.text, self.region.span, target),
                };
                let title = format!("Remove “{}”", collapse_space(&self.text[target]));
                (vec![edit], title)
            }
            Action::Insert(t, anchor) => {
                let place = |anchor: Anchor| match anchor {
                    Anchor::BeforeMatch => span.start,
                    Anchor::AfterMatch => span.end,
                    Anchor::BeforeSentence => sentence.start,
                    Anchor::AfterSentence => sentence.end,
                    Anchor::AfterGreeting => self.after_greeting(),
                    Anchor::BeforeClosing => self.before_closing(),
                    Anchor::BeforeSignOff => self.before_sign_off(),
                };
                // (place, anchor, text), joined where two land at one place.
                let mut insertions: Vec<(usize, Anchor, String)> =
                    vec![(place(*anchor), *anchor, t.render(&values))];
                if t.uses("inserts") {
                    for (anchor, text) in self.anchored {
                        let at = place(*anchor);
                        match insertions.iter_mut().find(|(p, ..)| *p == at) {
                            Some(same) => same.2.push_str(text),
                            None => insertions.push((at, *anchor, text.clone())),
                        }
                    }
                }
                insertions.retain(|(.., text)| !text.trim().is_empty());
                insertions.sort_by_key(|(at, ..)| *at);
                let edits: Vec<Edit> = insertions
                    .iter()
                    .map(|(at, anchor, text)| Edit {
                        span: Span::new(*at, *at),
                        replacement: spaced(self.text, *at, text, *anchor),
                    })
                    .collect();
                let title = format!(
                    "Insert “{}”",
                    edits
                        .iter()
                        .map(|e| e.replacement.trim())
                        .collect::<Vec<_>>()
                        .join(" … ")
                );
                (edits, title)
            }
            Action::Advice => (Vec::new(), String::new()),
        };
        // Placeholders are opaque: an edit that would change or move one is not offered.
        let mask = char::from(crate::source::placeholder::MASK);
        if edits
            .iter()
            .any(|e| self.text[e.span.range()].contains(mask) || e.replacement.contains(mask))
        {
            return None;
        }
        Some(Suggestion {
            applicability: template.applicability,
            title: template.message.clone().unwrap_or(default_title),
            sentence: matches!(template.action, Action::Replace(_) | Action::Remove)
                .then_some(sentence),
            edits,
        })
    }

    /// The edit that removes sentence `sentence` (file offsets) and the space that separated it:
    /// a sentence that is a whole paragraph goes with the blank line after it.
    fn sentence_removal(&self, sentence: Span) -> Edit {
        let region = self.region.span;
        let before = &self.text[region.start..sentence.start];
        let after = &self.text[sentence.end..region.end];
        let remove = |start: usize, end: usize| Edit {
            span: Span::new(start, end),
            replacement: String::new(),
        };
        if before.trim().is_empty() && after.trim().is_empty() {
            // The whole paragraph: up to the next one, or back to the end of the one before.
            let next = self.regions.iter().find(|r| r.span.start >= region.end);
            let previous = self.regions.iter().rfind(|r| r.span.end <= region.start);
            return match (next, previous) {
                (Some(next), _) => remove(region.start, next.span.start),
                (None, Some(previous)) => remove(previous.span.end, region.end),
                (None, None) => remove(sentence.start, sentence.end),
            };
        }
        if before.trim().is_empty() {
            // The paragraph's first sentence: the next one starts it.
            let space = after.len() - after.trim_start().len();
            return remove(sentence.start, sentence.end + space);
        }
        let space = before.len() - before.trim_end().len();
        remove(sentence.start - space, sentence.end)
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
            slots: HashMap::new(),
        };
        let mut suggestions = Vec::new();
        if let (
            Matcher::Swap {
                swaps,
                applicability,
            },
            Some(k),
        ) = (&rule.matcher, candidate.swap)
        {
            let sentence_start = self.starts_sentence(candidate.span.start);
            for to in &swaps[k].1 {
                let replacement = match_case(to, &matched, sentence_start);
                suggestions.push(Suggestion {
                    applicability: *applicability,
                    title: format!("Replace with “{replacement}”"),
                    edits: vec![Edit { span, replacement }],
                    sentence: Some(
                        self.file_span(self.scope_span(Scope::Sentence, candidate.span)),
                    ),
                });
            }
        }
        for template in &rule.suggestions {
            let Some(suggestion) = self.suggestion(template, candidate, &values) else {
                continue;
            };
            suggestions.push(suggestion);
            // Advice whose pattern fits is the answer for this sentence: no rewrite after it.
            if matches!(template.action, Action::Advice) && template.pattern.is_some() {
                break;
            }
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
            cues: Vec::new(),
        };
        (finding, matched)
    }
}

/// `insertion` with the spacing its place in `text` needs: a space before it after a word or a
/// full stop, a space after it before a word, none dangling at a line's end; inserted before the
/// closing or the sign-off at the start of a line, a paragraph of its own. Line breaks the rule wrote are kept.
fn spaced(text: &str, at: usize, insertion: &str, anchor: Anchor) -> String {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    let line_start = before.is_none_or(|c| c == '\n');
    let line_end = after.is_none_or(|c| c == '\n' || c == '\r');
    let mut out = insertion.to_owned();
    if line_start {
        out = out.trim_start_matches([' ', '\t']).to_owned();
    } else if !out.starts_with(char::is_whitespace) && before.is_some_and(|c| !c.is_whitespace()) {
        out.insert(0, ' ');
    }
    if line_end {
        out = out.trim_end().to_owned();
    } else if matches!(anchor, Anchor::BeforeClosing | Anchor::BeforeSignOff)
        && line_start
        && !out.ends_with('\n')
    {
        out = format!("{}\n\n", out.trim_end());
    } else if !out.ends_with(char::is_whitespace) && after.is_some_and(|c| !c.is_whitespace()) {
        out.push(' ');
    }
    out
}

/// The edit replacing `span` of `text` with `replacement`, narrowed to what differs: the common
/// head and tail (on character boundaries) are left as they are.
fn minimal_edit(text: &str, span: Span, replacement: String) -> Edit {
    let old = &text[span.range()];
    let head: usize = old
        .chars()
        .zip(replacement.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let tail: usize = old[head..]
        .chars()
        .rev()
        .zip(replacement[head..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    Edit {
        span: Span::new(span.start + head, span.end - tail),
        replacement: replacement[head..replacement.len() - tail].to_owned(),
    }
}

/// The edit that removes `span` and tidies what is left: a comma or space after it, a dangling
/// ", " before it at a clause end, both commas of a parenthetical, and a capital for the next
/// word at a sentence start.
fn removal(text: &str, region: Span, span: Span) -> Edit {
    let mut start = span.start;
    let mut end = span.end;
    let after = &text[end..region.end];
    let before = text[region.start..start].trim_end_matches([' ', '\t']);
    let at_sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']);
    let spaces = |s: &str| s.len() - s.trim_start_matches([' ', '\t']).len();
    if after.starts_with(',') && before.ends_with(',') {
        // Set off by commas on both sides (", as we said, "): both commas go, one space stays.
        start = region.start + before.len() - 1;
        end += 1;
    } else if after.starts_with([',', ';']) {
        end += 1;
        end += spaces(&text[end..region.end]);
    } else if after.starts_with([' ', '\t']) {
        end += spaces(after);
    } else if at_sentence_start && after.starts_with(['.', '!', '?']) {
        let rest = &text[end..region.end];
        end += rest.len() - rest.trim_start_matches(['.', '!', '?']).len();
        end += spaces(&text[end..region.end]);
    } else {
        // The match ends a clause: take the space (and the comma, semicolon, colon or dash) before
        // it instead.
        let trimmed = before.trim_end_matches([',', ';', ':', '—', '–']);
        let trimmed = trimmed.trim_end_matches([' ', '\t']);
        if !trimmed.is_empty() {
            start = region.start + trimmed.len();
        }
    }
    // At a sentence's start, a conjunction left first goes too ("It says so in the terms, and I
    // can't change it." → "I can't change it.").
    if at_sentence_start {
        let rest = &text[end..region.end];
        for conjunction in ["and ", "but ", "so ", "or "] {
            if rest.len() > conjunction.len()
                && rest.is_char_boundary(conjunction.len())
                && rest[..conjunction.len()].eq_ignore_ascii_case(conjunction)
            {
                end += conjunction.len();
                end += spaces(&text[end..region.end]);
                break;
            }
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
