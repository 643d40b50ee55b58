//! The regex kinds (`pattern`, `sequence`, and `limit` with a pattern): running a rule's regex over
//! a region, anchored where its prefix literals are when it has them.

use super::{LazyRegex, Match, Matcher, Rule};
use crate::span::Span;
use crate::text;

/// The regex of a regex rule.
pub(crate) fn regex_of(rule: &Rule) -> Option<&LazyRegex> {
    match &rule.matcher {
        Matcher::Pattern { regex, .. } | Matcher::Sequence { regex } => Some(regex),
        Matcher::Limit { regex, .. } => regex.as_ref(),
        _ => None,
    }
}

/// Whether a rule's regex runs on the original text instead of the folded one.
pub(crate) fn is_case_sensitive(rule: &Rule) -> bool {
    matches!(
        rule.matcher,
        Matcher::Pattern {
            case_sensitive: true,
            ..
        }
    )
}

/// Pushes the matches of rule `index`'s regex in `haystack` (only those starting at `starts`,
/// when given; none starts after `until`), mapped to folded coordinates by `to_folded`.
pub(crate) fn find(
    index: usize,
    rule: &Rule,
    haystack: &str,
    starts: Option<&[usize]>,
    until: usize,
    to_folded: impl Fn(Span) -> Span,
    out: &mut Vec<Match>,
) {
    let Some(lazy) = regex_of(rule) else {
        return;
    };
    let Some(compiled) = lazy.get() else {
        return;
    };
    let matches = match starts {
        Some(starts) => lazy.captures_at(haystack, starts),
        None => lazy.captures_until(haystack, until),
    };
    for m in matches {
        if m.start == m.end {
            continue;
        }
        if compiled.ascii && !unicode_boundaries(haystack, m.start, m.end) {
            continue;
        }
        let mut found = Match::new(index, to_folded(Span::new(m.start, m.end)), None);
        for (i, name) in lazy.capture_names().enumerate().skip(1) {
            if let Some(Some((start, end))) = m.groups.get(i) {
                let span = to_folded(Span::new(*start, *end));
                found.captures.insert(i.to_string(), span);
                if let Some(name) = name {
                    found.captures.insert(name.to_owned(), span);
                }
            }
        }
        out.push(found);
    }
}

/// Whether a match found in ASCII mode also holds with Unicode word characters: it must not start
/// right after, or end right before, a non-ASCII letter or digit when its own edge is a word
/// character (ASCII `\b` sees a boundary between "na" and "ïve").
fn unicode_boundaries(haystack: &str, start: usize, end: usize) -> bool {
    let inner = &haystack[start..end];
    let before = haystack[..start].chars().next_back();
    let after = haystack[end..].chars().next();
    let joined = |edge: Option<char>, outside: Option<char>| {
        edge.is_some_and(text::is_word_char)
            && outside.is_some_and(|c| !c.is_ascii() && text::is_word_char(c))
    };
    !joined(inner.chars().next(), before) && !joined(inner.chars().next_back(), after)
}
