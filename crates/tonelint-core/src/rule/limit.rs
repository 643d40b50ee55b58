//! The `limit` kind: too many occurrences in a unit (a sentence, a paragraph, a reply). Its matches
//! are found as a phrase's or a pattern's are, and counted per unit (by the linter, as it reports
//! them): every occurrence past the limit is flagged, so one fix pass removes them all.

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
