//! The literal kinds (`phrase`, `swap`, and `limit` with phrases): their phrases sit in the
//! linter's one literal index, so a match is a literal found on word boundaries.

use super::{Matcher, Rule};

/// The folded phrases of a literal rule, each with the phrase number its matches carry.
pub(crate) fn phrases(rule: &Rule) -> Vec<(&str, Option<usize>)> {
    match &rule.matcher {
        Matcher::Phrase { phrases, .. } => phrases
            .iter()
            .enumerate()
            .map(|(k, p)| (p.as_str(), Some(k)))
            .collect(),
        Matcher::Swap { swaps, .. } => swaps
            .iter()
            .enumerate()
            .map(|(k, (from, _))| (from.as_str(), Some(k)))
            .collect(),
        Matcher::Limit {
            phrases,
            regex: None,
            ..
        } => phrases.iter().map(|p| (p.as_str(), None)).collect(),
        _ => Vec::new(),
    }
}
