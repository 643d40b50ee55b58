//! The `requires` kind, judged per reply: when its trigger holds (in the client's quoted text,
//! say), each requirement must be somewhere in its zones (within its window), else the rule
//! names what is missing.

use super::{Cues, Matcher, RegionView, Rule};
use crate::region::Zone;
use crate::span::Span;
use crate::text;

/// What a `requires` rule found missing in one reply.
pub(crate) struct Verdict<'r> {
    /// How many times the trigger matched.
    pub(crate) hits: usize,
    /// The first trigger match, as written.
    pub(crate) first: String,
    /// The first trigger match when it is in the reply itself, where the rule applies (a
    /// refusal): its region (an index into the reply's regions) and folded span.
    pub(crate) at: Option<(usize, Span)>,
    /// The requirements not met, in rule order.
    pub(crate) missing: Vec<&'r Cues>,
}

/// Judges rule `index` (a `requires` rule) on one reply, given its regions in order.
pub(crate) fn judge<'r>(
    index: usize,
    rule: &'r Rule,
    regions: &[RegionView<'_>],
) -> Option<Verdict<'r>> {
    let Matcher::Requires {
        trigger,
        requirements,
    } = &rule.matcher
    else {
        return None;
    };
    // Sentence numbers over the reply proper (not its subject or greeting), in order: a region's
    // first sentence is `base[k]`.
    // Most replies have no trigger: nothing else is looked at.
    let opens = |region: &RegionView<'_>| {
        trigger.zones.contains(&region.zone) && region.open(index, 0, &trigger.regex)
    };
    if trigger.min > 0 && !regions.iter().any(opens) {
        return None;
    }
    let counted = |zone: Zone| zone.is_target() && !matches!(zone, Zone::Subject | Zone::Greeting);
    let mut base = Vec::with_capacity(regions.len());
    let mut sentences = 0;
    for region in regions {
        base.push(sentences);
        if counted(region.zone) {
            sentences += region.sentences.len();
        }
    }
    let sentence_no = |k: usize, at: usize| -> Option<usize> {
        let region = &regions[k];
        counted(region.zone).then(|| base[k] + region.sentences.partition_point(|s| s.end <= at))
    };
    let mut hits = 0;
    let mut first: Option<String> = None;
    let mut at = None;
    let mut trigger_no: Option<usize> = None;
    for (k, region) in regions.iter().enumerate() {
        if !opens(region) {
            continue;
        }
        let folded = region.folded;
        for (start, end) in region.find(index, 0, &trigger.regex, false) {
            if !trigger.unless.is_empty() {
                let sentence = text::sentence_at(region.sentences, start);
                if text::preceded_by(&folded.text, sentence, start, 4, &trigger.unless) {
                    continue;
                }
            }
            hits += 1;
            if first.is_none() {
                let span = folded.original(Span::new(start, end));
                first = Some(region.original[span.range()].to_owned());
                trigger_no = sentence_no(k, start);
                if region.zone.is_target() && rule.applies_in(region.zone) {
                    at = Some((k, Span::new(start, end)));
                }
            }
        }
    }
    if hits < trigger.min {
        return None;
    }
    // A requirement with a window counts only within `window` sentences of the trigger (in the
    // reply), or among the first `window` sentences of the reply proper (when the trigger is in
    // the client's text); anywhere in the greeting.
    let within = |window: Option<usize>, k: usize, at: usize| match (window, sentence_no(k, at)) {
        (None, _) | (Some(_), None) => true,
        (Some(w), Some(n)) => match trigger_no {
            Some(t) => n.abs_diff(t) <= w,
            None => n < w,
        },
    };
    let missing: Vec<&Cues> = requirements
        .iter()
        .enumerate()
        .filter(|(r, requirement)| {
            let cue = u8::try_from(r + 1).expect("fewer than 255 requirements");
            let regex = &requirement.regex;
            !regions.iter().enumerate().any(|(k, region)| {
                if !requirement.zones.contains(&region.zone) || !region.open(index, cue, regex) {
                    return false;
                }
                match requirement.window {
                    None => region.is_match(index, cue, regex),
                    window => region
                        .find(index, cue, regex, false)
                        .into_iter()
                        .any(|(start, _)| within(window, k, start)),
                }
            })
        })
        .map(|(_, requirement)| requirement)
        .collect();
    (!missing.is_empty()).then(|| Verdict {
        hits,
        first: first.unwrap_or_default(),
        at,
        missing,
    })
}
