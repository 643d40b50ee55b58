//! The `limit` kind: too many occurrences in a unit (a sentence, a paragraph, a reply). Its matches
//! are found as a phrase's or a pattern's are; here they are counted per unit, and every
//! occurrence past the limit is flagged, so one fix pass removes them all.

use std::collections::BTreeMap;

use super::Unit;

/// The unit an occurrence counts in: (rule, segment or reply, region, sentence).
pub(crate) type UnitKey = (usize, usize, usize, usize);

/// Where an occurrence of `rule` counts: its sentence, its region (a paragraph) or its reply.
pub(crate) fn unit_key(
    rule: usize,
    per: Unit,
    (segment, region, reply): (usize, usize, usize),
    sentence: usize,
) -> UnitKey {
    match per {
        Unit::Sentence => (rule, segment, region, sentence),
        Unit::Paragraph => (rule, segment, region, 0),
        Unit::Reply => (rule, reply, usize::MAX, 0),
    }
}

/// The occurrences past their unit's limit (`max` of the unit's rule), in order of `start`
/// within each unit, each with its unit's total.
pub(crate) fn past_limit<T>(
    hits: Vec<(UnitKey, usize, T)>,
    max: impl Fn(usize) -> usize,
) -> Vec<(T, usize)> {
    let mut units: BTreeMap<UnitKey, Vec<(usize, T)>> = BTreeMap::new();
    for (key, start, hit) in hits {
        units.entry(key).or_default().push((start, hit));
    }
    let mut out = Vec::new();
    for ((rule, ..), mut hits) in units {
        let count = hits.len();
        let max = max(rule);
        if count <= max {
            continue;
        }
        hits.sort_by_key(|(start, _)| *start);
        out.extend(hits.into_iter().skip(max).map(|(_, hit)| (hit, count)));
    }
    out
}
