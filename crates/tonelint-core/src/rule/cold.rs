//! The `cold` kind, judged per reply: weak cold cues (a bare verdict, a redirect with no help, an
//! order in capitals) that no phrase rule could flag alone, each with a weight. When the cues of
//! one reply add up to the rule's threshold and nothing warm balances them (the scorecard's warm
//! cues: an acknowledgement, an owned action, an offer, an open door, thanks), the rule names every
//! cue that counted, in the order of the text.

use serde::{Deserialize, Serialize};

use super::{LazyRegex, RegionView, Rule, metric};
use crate::region::Zone;
use crate::scorecard::Cue;
use crate::span::Span;

/// The zones a cue is looked for in unless it says: the reply's own prose.
pub const CUE_ZONES: [Zone; 4] = [Zone::Greeting, Zone::Opening, Zone::Body, Zone::Closing];

/// One cold cue of a `cold` rule: a weak sign that the reply is cold, with its weight.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ColdCue {
    /// What it is, as the finding names it ("a bare verdict").
    pub name: String,
    /// What it adds towards the rule's threshold.
    pub weight: f64,
    /// Where it is looked for.
    pub zones: Vec<Zone>,
    /// Its phrases and patterns, as one regex (over folded text, or the original text when
    /// `case_sensitive`); none for a counter cue.
    pub(crate) regex: Option<LazyRegex>,
    /// Its alternatives that match only at the start of a region (a reply that is one word,
    /// "Invalid."), tried there alone: they have no literal to gate them, and in `regex` they
    /// would leave the whole cue ungated.
    #[serde(default)]
    pub(crate) at_start: Option<LazyRegex>,
    /// Whether the regex reads the original text (capitals).
    pub case_sensitive: bool,
    /// Its phrases, as written (for `explain`).
    pub phrases: Vec<String>,
    /// Its patterns, as written (for `explain`).
    pub patterns: Vec<String>,
    /// A counter over the reply, within bounds (a reply of a dozen words or fewer, no greeting, three
    /// orders or more), instead of a match.
    pub condition: Option<metric::Condition>,
    /// The warm moves (by their scorecard names: "open-door", "thanks", …) that no longer balance
    /// a reply once this cue counts in it: an open door beside "the answer is still no".
    #[serde(default)]
    pub discounts: Vec<String>,
    /// Its test cases: texts where it counts (`bad`) and near misses where it does not (`good`),
    /// with their 1-based line in the pack file (the built-in packs' read apart: see
    /// [`Examples`](super::Examples)).
    #[serde(skip)]
    pub examples: super::Examples,
}

impl ColdCue {
    /// The regex the linter gates by its literals: the cue's own, or its `matches` counter's.
    pub(crate) fn gated_regex(&self) -> Option<&LazyRegex> {
        self.regex
            .as_ref()
            .or_else(|| self.condition.as_ref().and_then(|c| c.regex.as_ref()))
    }

    /// The text of `region` its regexes read: the original when it is case-sensitive, else the
    /// folded text.
    fn haystack<'a>(&self, region: &RegionView<'a>) -> &'a str {
        if self.case_sensitive {
            region.original
        } else {
            &region.folded.text
        }
    }
}

/// A cue that counted in one reply.
#[derive(Debug)]
pub(crate) struct Hit {
    /// Which cue of the rule.
    pub(crate) cue: usize,
    /// Where its first match is: the region (an index into the reply's regions) and its folded
    /// span; none for a counter over the whole reply.
    pub(crate) at: Option<(usize, Span)>,
    /// Its first match, as written (empty for a counter).
    pub(crate) matched: String,
}

/// What a `cold` rule finds in one reply: the cues that counted, in the order of the text (cues of
/// the whole reply first), and whether something warm balances them.
#[derive(Debug)]
pub(crate) struct Reading {
    pub(crate) hits: Vec<Hit>,
    /// The sum of their weights.
    pub(crate) total: f64,
    /// Whether the reply's own prose makes a warm move (looked for only when the cues reach the
    /// rule's threshold; else false).
    pub(crate) warm: bool,
    /// Whether the reply has a greeting.
    pub(crate) greeting: bool,
}

impl Reading {
    /// Whether the rule flags the reply: the cues reach `threshold` and nothing warm balances them.
    pub(crate) fn is_cold(&self, threshold: f64) -> bool {
        !self.warm && !self.hits.is_empty() && self.total >= threshold
    }
}

/// Reads rule `index` (a `cold` rule with `cues`) on one reply, given its regions in order.
///
/// With `prune`, a cue is searched only in the regions its literal gates open, and the reading
/// stops as soon as the cues still to be read cannot bring the total to the rule's threshold: the
/// hits are then incomplete, and the reading is not cold. Without it, every cue is searched in
/// every region of its zones (what a cue's examples test, and what the pruned reading's verdict is
/// tested against).
pub(crate) fn read(
    index: usize,
    rule: &Rule,
    cues: &[ColdCue],
    regions: &[RegionView<'_>],
    prune: bool,
) -> Reading {
    let mask = char::from(crate::source::placeholder::MASK);
    let threshold = match &rule.matcher {
        super::Matcher::Cold { threshold, .. } => *threshold,
        _ => 0.0,
    };
    let open = |k: usize, region: &RegionView<'_>| {
        let gate = u8::try_from(k).expect("fewer than 256 cues");
        cues[k]
            .gated_regex()
            .is_some_and(|regex| !prune || region.open(index, gate, regex))
    };
    // A cue can count only if a counter could hold, or its literals are all in one of its
    // regions (a cheap look at the region's gates), or its alternatives for a region's start
    // match there (an anchored try, a few bytes; searched instead, over the first 4,000 Enron
    // emails, they cost 1.4M instructions more).
    let at_start = |k: usize, region: &RegionView<'_>| {
        let cue = &cues[k];
        cue.at_start
            .as_ref()
            .is_some_and(|regex| !regex.find_at(cue.haystack(region), &[0], true).is_empty())
    };
    let possible = |k: usize| {
        let cue = &cues[k];
        let zoned = || regions.iter().filter(|r| cue.zones.contains(&r.zone));
        match &cue.condition {
            Some(c) if c.regex.is_none() || c.holds(0.0) => true,
            _ => !prune || zoned().any(|region| open(k, region) || at_start(k, region)),
        }
    };
    let mut order: Vec<usize> = (0..cues.len()).filter(|&k| possible(k)).collect();
    // Cues without a regex (a greeting, the length) first: they cost least. Then the heaviest:
    // each cue read costs a search of the reply, and one that does not count takes its weight off
    // what the cues left could add, so the heaviest bring the reading to its end soonest.
    order.sort_by(|&a, &b| {
        let cost = |k: usize| match &cues[k].condition {
            Some(c) if c.regex.is_none() => c.counter.cost(),
            _ => u8::MAX,
        };
        cost(a)
            .cmp(&cost(b))
            .then(cues[b].weight.total_cmp(&cues[a].weight))
    });
    let mut left: f64 = order.iter().map(|&k| cues[k].weight).sum();
    let mut total = 0.0;
    let mut hits = Vec::new();
    for k in order {
        if prune && total + left < threshold {
            return Reading {
                hits,
                total,
                warm: false,
                greeting: false,
            };
        }
        left -= cues[k].weight;
        let cue = &cues[k];
        let gate = u8::try_from(k).expect("fewer than 256 cues");
        // The matches of `regex` in a region's folded text (the first only with `first`): by the
        // literal search's places when it is the regex gated for the cue, else searched whole.
        let find = |region: &RegionView<'_>, regex: &LazyRegex, first: bool| {
            if cue
                .gated_regex()
                .is_some_and(|gated| std::ptr::eq(gated, regex))
            {
                region.find(index, gate, regex, first)
            } else {
                let found = regex.find_iter_until(&region.folded.text, usize::MAX);
                found
                    .into_iter()
                    .take(if first { 1 } else { usize::MAX })
                    .collect()
            }
        };
        let open = |region: &RegionView<'_>| open(k, region);
        if let Some(condition) = &cue.condition {
            let zoned = regions.iter().filter(|r| cue.zones.contains(&r.zone));
            let matches = |region: &RegionView<'_>| {
                let regex = condition.regex.as_ref()?;
                open(region).then(|| find(region, regex, false).len())
            };
            if !condition.holds(condition.value(zoned, matches)) {
                continue;
            }
            // A count of matches is put where its first match is.
            let first = condition.regex.as_ref().and_then(|regex| {
                regions.iter().enumerate().find_map(|(r, region)| {
                    if !cue.zones.contains(&region.zone) || !open(region) {
                        return None;
                    }
                    let (start, end) = find(region, regex, true).into_iter().next()?;
                    Some((r, Span::new(start, end)))
                })
            });
            hits.push(hit(k, first, regions));
            total += cue.weight;
            continue;
        }
        let Some(regex) = &cue.regex else { continue };
        let found = regions.iter().enumerate().find_map(|(r, region)| {
            if !cue.zones.contains(&region.zone) {
                return None;
            }
            let folded = region.folded;
            // In folded coordinates: a case-sensitive match is found in the original text. The
            // alternatives for a region's start are tried there alone.
            let search = |regex: &LazyRegex, at_start: bool| -> Vec<Span> {
                let found = if at_start {
                    regex.find_at(cue.haystack(region), &[0], false)
                } else if cue.case_sensitive {
                    regex.find_iter_until(cue.haystack(region), usize::MAX)
                } else {
                    find(region, regex, false)
                };
                found
                    .into_iter()
                    .map(|(start, end)| {
                        let span = Span::new(start, end);
                        if cue.case_sensitive {
                            folded.folded(span)
                        } else {
                            span
                        }
                    })
                    .collect()
            };
            let mut spans: Vec<Span> = if open(region) {
                search(regex, false)
            } else {
                Vec::new()
            };
            if let Some(at_start) = &cue.at_start {
                spans.extend(search(at_start, true));
                spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
            }
            spans
                .into_iter()
                .find(|&span| {
                    span.start < span.end
                        && !folded.text[span.range()].contains(mask)
                        && rule.passes_guards(span, &folded.text, region.sentences)
                })
                .map(|span| (r, span))
        });
        if found.is_some() {
            hits.push(hit(k, found, regions));
            total += cue.weight;
        }
    }
    // In the order of the text; a count over the whole reply before any match, in the rule's
    // order.
    hits.sort_by_key(|h| {
        h.at.map_or((0, 0, 0, h.cue), |(r, span)| (1, r, span.start, h.cue))
    });
    let own = |zone: Zone| CUE_ZONES.contains(&zone);
    // Looked for only when the cues reach the threshold: the warm moves are many phrases, and
    // most replies have no cue at all.
    // Warm moves a cue that counted makes hollow ("feel free to ask" beside "the answer is
    // still no").
    let hollow: Vec<&str> = hits
        .iter()
        .flat_map(|h| cues[h.cue].discounts.iter().map(String::as_str))
        .collect();
    let warm = !hits.is_empty()
        && total >= threshold
        && regions.iter().filter(|r| own(r.zone)).any(|region| {
            let text = &region.folded.text;
            region.sentences.iter().enumerate().any(|(i, &sentence)| {
                Cue::ALL.into_iter().any(|cue| {
                    cue != Cue::Apology
                        && !hollow.contains(&cue.as_str())
                        && !(cue == Cue::Thanks
                            && region
                                .sentences
                                .get(i + 1)
                                .is_some_and(|&next| turns_against(&text[next.range()])))
                        && cue.matches(text, sentence)
                })
            })
        });
    let greeting = regions.iter().any(|r| r.zone == Zone::Greeting);
    Reading {
        hits,
        total,
        warm,
        greeting,
    }
}

/// Whether a sentence opens by turning against the one before ("However, you didn't …", "But
/// …"): thanks right before it are a formula, not a warm move.
fn turns_against(sentence: &str) -> bool {
    let s = sentence.trim_start();
    ["however", "but ", "but,"].iter().any(|w| s.starts_with(w))
}

/// The hit of cue `cue` at `at`, with its words as written.
fn hit(cue: usize, at: Option<(usize, Span)>, regions: &[RegionView<'_>]) -> Hit {
    let at = at.map(|(r, span)| (r, whole_words(&regions[r].folded.text, span)));
    let matched = at.map_or_else(String::new, |(r, span)| {
        let region = &regions[r];
        let original = region.folded.original(span);
        region.original[original.range()].to_owned()
    });
    Hit { cue, at, matched }
}

/// `span` of `folded` as whole words: without the space and punctuation a pattern took before its
/// first word (“. Please do not”), and carried to the end of its last word (“do NOT p” → “do NOT
/// post”). A match with no word in it (“??”) stays as it is.
fn whole_words(folded: &str, span: Span) -> Span {
    let word = |c: char| crate::text::is_word_char(c) || c == '\'';
    // What comes before the first word is not the words' (space, punctuation, Markdown
    // emphasis), but the colon of a shortcode (":unamused:") is, and so is Markdown emphasis's
    // end: trimmed.
    let inner = &folded[span.range()];
    let shortcode = |i: usize| {
        inner[i..].starts_with(':')
            && inner[i + 1..]
                .chars()
                .next()
                .is_some_and(crate::text::is_word_char)
    };
    let Some(lead) = inner
        .char_indices()
        .find(|&(i, c)| crate::text::is_word_char(c) || shortcode(i))
        .map(|(i, _)| i)
    else {
        return span;
    };
    let start = span.start + lead;
    let mut end = span.start + inner.trim_end_matches(['*', '_']).len();
    if end <= start {
        return span;
    }
    if folded[start..end]
        .chars()
        .next_back()
        .is_some_and(crate::text::is_word_char)
    {
        end += folded[end..]
            .find(|c: char| !word(c))
            .unwrap_or(folded.len() - end);
    }
    Span::new(start, end)
}

/// The warm moves a cold reply leaves out, for `{missing}`: a greeting (when it has none), what
/// the writer can do, and an open door.
pub(crate) fn missing(reading: &Reading) -> String {
    let mut moves = Vec::new();
    if !reading.greeting {
        moves.push("a greeting");
    }
    moves.extend(["what you can do", "an open door"]);
    crate::text::join_and(&moves)
}

/// The cues that counted, for `{cues}`: each by name, with its first words as written in quotes
/// (“Not a bug”), in the order of the text.
pub(crate) fn named(reading: &Reading, cues: &[ColdCue]) -> String {
    let names: Vec<String> = reading
        .hits
        .iter()
        .map(|h| {
            let words = crate::rule::template::collapse_space(h.matched.trim());
            if words.is_empty() {
                cues[h.cue].name.clone()
            } else {
                format!("{} (“{}”)", cues[h.cue].name, shorten(&words, 40))
            }
        })
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::text::join_and(&refs)
}

/// `text` cut to about `max` characters at a word, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;
    use crate::rule::Example;
    use crate::{Linter, Source, pack};

    static LINTER: LazyLock<Linter> = LazyLock::new(|| {
        let rules = pack::builtin_from_toml()
            .into_iter()
            .flat_map(|p| p.rules)
            .collect();
        Linter::new(rules).expect("the built-in rules load")
    });

    fn cold(text: &str) -> Vec<crate::Finding> {
        LINTER
            .check(&Source::plain("reply.txt", text))
            .into_iter()
            .filter(|f| f.rule == "cold-reply")
            .collect()
    }

    #[test]
    fn a_cold_reply_gets_one_finding_naming_its_cues_in_order() {
        let text = "Works as intended. Closing.\n";
        let found = cold(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        let names: Vec<&str> = found[0].cues.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "no greeting",
                "a short reply",
                "a bare verdict",
                "a closed door"
            ]
        );
        assert_eq!(found[0].cues[0].span, None);
        let words: Vec<&str> = found[0].cues[2..]
            .iter()
            .map(|c| &text[c.span.expect("a match").range()])
            .collect();
        assert_eq!(words, ["Works as intended", "Closing."]);
        assert_eq!(&text[found[0].span.range()], "Works as intended");
        assert!(
            found[0]
                .message
                .contains("a bare verdict (“Works as intended”)"),
            "{}",
            found[0].message
        );
        assert!(
            found[0]
                .message
                .contains("add a greeting, what you can do and an open door")
        );
    }

    #[test]
    fn terse_polite_replies_pass() {
        for text in [
            "Thanks, fixed in 2.3.1.",
            "Fixed in 2.3.1.",
            "Fixed in 2.3.1. Closing.",
            "Done, thanks!",
            "Hi Jo,\n\nNot a bug: the report counts only finished orders.\n",
        ] {
            assert!(cold(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_warm_move_balances_the_cues() {
        assert!(!cold("Not a bug. Closing.").is_empty());
        for warm in [
            "Let me know if it happens again.",
            "Thanks for the report.",
            "I'll add a note to the docs.",
            "Happy to walk you through the settings.",
        ] {
            let text = format!("Not a bug. Closing. {warm}");
            assert!(cold(&text).is_empty(), "{text}");
        }
        // A bare apology is not a warm move.
        assert!(!cold("Sorry. Not a bug. Closing.").is_empty());
    }

    #[test]
    fn quoted_client_text_is_never_a_cue() {
        let reply = "Hi Sam,\n\nThe export runs nightly at two.\n";
        let quoted = format!(
            "{reply}\nOn Mon, Sam wrote:\n> Not a bug?! This is not the place for excuses. Closing my account. Do NOT reply.\n"
        );
        assert!(cold(&quoted).is_empty());
        assert_eq!(
            LINTER.cold_cues("cold-reply", &quoted),
            LINTER.cold_cues("cold-reply", reply)
        );
    }

    #[test]
    fn a_pruned_reading_reaches_the_full_readings_verdict() {
        let rule = LINTER
            .rules()
            .iter()
            .find(|r| r.id == "cold-reply")
            .expect("the cold rule");
        let super::super::Matcher::Cold { cues, .. } = &rule.matcher else {
            panic!("a cold rule");
        };
        let mut bad: Vec<&str> = cues
            .iter()
            .flat_map(|c| &c.examples)
            .filter_map(|(example, _)| match example {
                Example::Bad { text, .. } => Some(text.as_str()),
                Example::Good { .. } => None,
            })
            .collect();
        // Verdicts of one word, which only a region's start gates.
        bad.extend(["Invalid.", "Nope.", "**Duplicate**"]);
        assert!(bad.len() > 20, "{}", bad.len());
        let mut texts: Vec<String> = bad.iter().map(|a| (*a).to_owned()).collect();
        for a in &bad {
            for b in &bad {
                texts.push(format!("{a} {b}"));
                texts.push(format!("Hi Sam,\n\n{a}\n\n{b}\n"));
                texts.push(format!("{a} {b} Let me know if it happens again."));
            }
        }
        let mut cold = 0;
        let mut readings = 0;
        for text in &texts {
            for (pruned, full) in LINTER.cold_verdicts("cold-reply", text) {
                assert_eq!(pruned, full, "{text}");
                cold += usize::from(full);
                readings += 1;
            }
        }
        // Both verdicts are common among the texts: the comparison tells something.
        assert!(
            cold > readings / 10 && cold < readings * 9 / 10,
            "{cold} of {readings}"
        );
    }

    #[test]
    fn the_alternatives_for_a_region_start_are_found_there_alone() {
        // Every built-in cue's, on every example of every cold rule (folded, or in its own
        // case), and on each line of them: tried at the start, they find what a search finds.
        let mut tried = 0;
        for rule in LINTER.rules() {
            let super::super::Matcher::Cold { cues, .. } = &rule.matcher else {
                continue;
            };
            let texts: Vec<&str> = cues
                .iter()
                .flat_map(|c| &c.examples)
                .chain(&rule.examples)
                .map(|(example, _)| example.text())
                .flat_map(|t| std::iter::once(t).chain(t.lines()))
                .chain([
                    "Invalid.",
                    "** Duplicate **",
                    "nope",
                    "Not invalid.",
                    "Please don't post twice.",
                    "Do NOT reply to this.",
                    "Never again",
                    "> stop",
                ])
                .collect();
            for cue in cues {
                let Some(regex) = &cue.at_start else { continue };
                assert!(
                    crate::regex::lazy::starts_anchored(regex.as_str()),
                    "{}",
                    cue.name
                );
                for text in &texts {
                    let folded = crate::fold::Folded::new(text);
                    let haystack = if cue.case_sensitive {
                        text
                    } else {
                        &folded.text[..]
                    };
                    let at_start = regex.find_at(haystack, &[0], false);
                    assert_eq!(
                        at_start,
                        regex.find_iter_until(haystack, usize::MAX),
                        "{}: {haystack:?}",
                        cue.name
                    );
                    tried += usize::from(!at_start.is_empty());
                }
            }
        }
        // Some of the texts match: the comparison tells something.
        assert!(tried >= 3, "{tried}");
    }

    #[test]
    fn a_match_is_shown_as_whole_words() {
        // The whole words `whole_words` makes of the first occurrence of `matched` in `text`.
        fn words<'a>(text: &'a str, matched: &str) -> &'a str {
            let start = text.find(matched).expect("in the text");
            &text[whole_words(text, Span::new(start, start + matched.len())).range()]
        }
        let text = "it works. please do not post twice?? ok";
        assert_eq!(words(text, ". please do not p"), "please do not post");
        assert_eq!(words(text, "??"), "??");
        assert_eq!(words(text, "it works"), "it works");
        let text = ":unamused: ***It saves you days!*** ok";
        assert_eq!(words(text, ":unamused:"), ":unamused:");
        assert_eq!(
            words(text, "***It saves you days!***"),
            "It saves you days!"
        );
    }

    #[test]
    fn long_words_are_shortened_at_a_word() {
        assert_eq!(shorten("Not a bug", 40), "Not a bug");
        assert_eq!(
            shorten("we use the issue tracker exclusively for bug reports", 30),
            "we use the issue tracker…"
        );
    }
}
