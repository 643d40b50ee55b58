//! `metric` rules: counters over the zones of a reply, with conditions. A wall of jargon to a
//! client who wrote in plain words, one line back to a long upset message, no greeting: what a
//! reply is like as a whole, which no phrase can say.

use serde::{Deserialize, Serialize};

use super::{Matcher, RegionView, Rule};
use crate::regex::LazyRegex;
use crate::region::Zone;

/// What a condition counts over its zones of one reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Counter {
    /// Words.
    Words,
    /// Sentences.
    Sentences,
    /// Sentences that end with a question mark.
    Questions,
    /// Words per sentence.
    AverageSentenceLength,
    /// Flesch–Kincaid grade level (syllables estimated).
    ReadingGrade,
    /// Share of second-person pronouns among first- and second-person ones (0–1): how much of
    /// the reply is about "you" rather than "I/we".
    YouShare,
    /// Unexplained acronyms (upper-case words not spelled out in parentheses beside them) and
    /// words of the condition's `vocabulary`.
    Jargon,
    /// [`Counter::Jargon`] per 100 words.
    JargonDensity,
    /// 1 if the reply has a greeting, else 0.
    Greeting,
    /// 1 if the reply has a closing (sign-off), else 0.
    Closing,
    /// Matches of the condition's `phrases` and `patterns`.
    Matches,
}

impl Counter {
    /// A rank of how much work the counter is: a metric rule checks the cheap ones first.
    pub(crate) fn cost(self) -> u8 {
        match self {
            Counter::Greeting | Counter::Closing => 0,
            Counter::Words
            | Counter::Sentences
            | Counter::Questions
            | Counter::AverageSentenceLength => 1,
            Counter::Matches => 2,
            Counter::YouShare
            | Counter::Jargon
            | Counter::JargonDensity
            | Counter::ReadingGrade => 3,
        }
    }

    /// The counter's name as written in rule packs.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Counter::Words => "words",
            Counter::Sentences => "sentences",
            Counter::Questions => "questions",
            Counter::AverageSentenceLength => "average-sentence-length",
            Counter::ReadingGrade => "reading-grade",
            Counter::YouShare => "you-share",
            Counter::Jargon => "jargon",
            Counter::JargonDensity => "jargon-density",
            Counter::Greeting => "greeting",
            Counter::Closing => "closing",
            Counter::Matches => "matches",
        }
    }
}

/// One condition of a metric rule: a counter over zones, within bounds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Condition {
    /// What is counted.
    pub counter: Counter,
    /// Where (the reply's own zones unless said).
    pub zones: Vec<Zone>,
    /// The value must be at least this.
    pub min: Option<f64>,
    /// The value must be at most this.
    pub max: Option<f64>,
    /// For `matches`: the phrases and patterns, as one regex over folded text.
    pub(crate) regex: Option<LazyRegex>,
    /// For `jargon`: technical words and phrases (folded), besides acronyms.
    pub(crate) vocabulary: Vec<String>,
}

impl Condition {
    /// Whether `value` is within the bounds.
    pub(crate) fn holds(&self, value: f64) -> bool {
        self.min.is_none_or(|m| value >= m) && self.max.is_none_or(|m| value <= m)
    }

    /// The counter's value over the regions of one reply in the condition's zones; `matches`
    /// counts the condition's regex's matches in a region (`None` where it cannot match).
    pub(crate) fn value<'a>(
        &self,
        regions: impl IntoIterator<Item = &'a RegionView<'a>>,
        matches: impl Fn(&RegionView<'_>) -> Option<usize>,
    ) -> f64 {
        // A word count with only a maximum ("a short reply") stops counting past it: the value
        // is exact whenever the condition holds.
        if let (Counter::Words, None, Some(max)) = (self.counter, self.min, self.max) {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let limit = max.max(0.0) as usize + 1;
            let mut n = 0;
            for region in regions {
                if n >= limit {
                    break;
                }
                if self.zones.contains(&region.zone) {
                    n += match region.counts.get() {
                        Some(counts) => counts.words,
                        None => region.words_up_to(limit - n),
                    };
                }
            }
            #[allow(clippy::cast_precision_loss)]
            return n as f64;
        }
        let mut stats = Stats::default();
        for region in regions {
            if self.zones.contains(&region.zone) {
                stats.add(region, self, || matches(region));
            }
        }
        stats.value(self.counter)
    }
}

/// Judges rule `index` (a `metric` rule) on one reply, given its regions: when every condition
/// holds, the first condition's value (`{count}`).
pub(crate) fn judge(index: usize, rule: &Rule, regions: &[RegionView<'_>]) -> Option<f64> {
    let Matcher::Metric { conditions } = &rule.matcher else {
        return None;
    };
    // Cheap counters first, so a reply that fails one is not scanned for jargon; `{count}` is
    // still the first condition's value.
    // On the stack for the usual few conditions (a vector per reply and rule cost 0.3% of the
    // instructions over the first 4,000 Enron emails).
    let mut few = [0; 8];
    let mut many = Vec::new();
    let order: &mut [usize] = if conditions.len() <= few.len() {
        &mut few[..conditions.len()]
    } else {
        many.resize(conditions.len(), 0);
        &mut many
    };
    for (k, slot) in order.iter_mut().enumerate() {
        *slot = k;
    }
    order.sort_by_key(|&k| conditions[k].counter.cost());
    let mut first = None;
    let holds = order.iter().all(|&k| {
        let condition = &conditions[k];
        let cue = u8::try_from(k).expect("fewer than 256 conditions");
        let value = condition.value(regions, |region| {
            let regex = condition.regex.as_ref()?;
            region
                .open(index, cue, regex)
                .then(|| region.find(index, cue, regex, false).len())
        });
        if k == 0 {
            first = Some(value);
        }
        condition.holds(value)
    });
    holds.then(|| first.unwrap_or_default())
}

/// Totals over the regions of one reply.
#[derive(Debug, Default)]
struct Stats {
    /// Words, sentences and pronouns, summed over the regions.
    counts: Counts,
    jargon: usize,
    greeting: bool,
    closing: bool,
    matches: usize,
}

/// What a region holds that no condition changes: counted once per region, for every metric
/// rule and condition that reads it.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Counts {
    words: usize,
    syllables: usize,
    sentences: usize,
    questions: usize,
    you: usize,
    me: usize,
}

impl Counts {
    /// Adds `other`'s counts to these.
    fn add(&mut self, other: &Counts) {
        self.words += other.words;
        self.syllables += other.syllables;
        self.sentences += other.sentences;
        self.questions += other.questions;
        self.you += other.you;
        self.me += other.me;
    }

    /// The counts of `region`.
    pub(crate) fn of(region: &RegionView<'_>) -> Counts {
        let mut counts = Counts::default();
        let folded = region.folded;
        for &sentence in region.sentences {
            let s = folded.text[sentence.range()].trim_end();
            if s.chars().any(char::is_alphanumeric) {
                counts.sentences += 1;
                if s.ends_with('?') {
                    counts.questions += 1;
                }
            }
        }
        for word in words(&folded.text) {
            counts.words += 1;
            counts.syllables += syllables(word);
            match word {
                "you" | "your" | "yours" | "yourself" | "you're" | "you've" | "you'll"
                | "you'd" => counts.you += 1,
                "i" | "me" | "my" | "mine" | "myself" | "i'm" | "i've" | "i'll" | "i'd" | "we"
                | "us" | "our" | "ours" | "we're" | "we've" | "we'll" | "we'd" => counts.me += 1,
                _ => {}
            }
        }
        counts
    }
}

impl Stats {
    /// Adds `region`'s counts; `matches` counts the condition's regex's matches here (`None`:
    /// it cannot match here), called only for a condition with a regex.
    fn add(
        &mut self,
        region: &RegionView<'_>,
        condition: &Condition,
        matches: impl FnOnce() -> Option<usize>,
    ) {
        let (text, zone, folded) = (region.original, region.zone, region.folded);
        self.greeting |= zone == Zone::Greeting;
        self.closing |= zone == Zone::Closing;
        // Only what the counter reads: a greeting or a match count needs no word count.
        if !matches!(
            condition.counter,
            Counter::Greeting | Counter::Closing | Counter::Matches | Counter::Jargon
        ) {
            self.counts.add(region.counts());
        }
        if matches!(condition.counter, Counter::Jargon | Counter::JargonDensity) {
            self.jargon += region.acronyms.get_or_init(|| acronyms(text));
            for term in &condition.vocabulary {
                self.jargon += folded
                    .text
                    .match_indices(term.as_str())
                    .filter(|&(at, m)| {
                        crate::text::on_word_boundaries(
                            &folded.text,
                            crate::span::Span::new(at, at + m.len()),
                        )
                    })
                    .count();
            }
        }
        if condition.regex.is_some() {
            self.matches += matches().unwrap_or(0);
        }
    }

    #[allow(clippy::cast_precision_loss)]
    fn value(&self, counter: Counter) -> f64 {
        let per = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let c = &self.counts;
        match counter {
            Counter::Words => c.words as f64,
            Counter::Sentences => c.sentences as f64,
            Counter::Questions => c.questions as f64,
            Counter::AverageSentenceLength => per(c.words, c.sentences),
            Counter::ReadingGrade => {
                if c.words == 0 || c.sentences == 0 {
                    0.0
                } else {
                    0.39 * per(c.words, c.sentences) + 11.8 * per(c.syllables, c.words) - 15.59
                }
            }
            Counter::YouShare => per(c.you, c.you + c.me),
            Counter::Jargon => self.jargon as f64,
            Counter::JargonDensity => 100.0 * per(self.jargon, c.words),
            Counter::Greeting => f64::from(u8::from(self.greeting)),
            Counter::Closing => f64::from(u8::from(self.closing)),
            Counter::Matches => self.matches as f64,
        }
    }
}

/// The words of folded text: letters, digits and inner apostrophes.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| w.chars().any(char::is_alphabetic))
}

/// `words(text).take(limit).count()`, a byte at a time while the text is ASCII (over the first
/// 4,000 Enron emails the word count of "a short reply" took 1.8% of the instructions a
/// character at a time).
pub(super) fn count_words(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut n, mut run_start, mut in_run, mut letter) = (0, 0, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if n >= limit {
            return limit;
        }
        if !b.is_ascii() {
            // From the start of the word it is in (an ASCII byte), a character at a time.
            let from = if in_run { run_start } else { i };
            return n + words(&text[from..]).take(limit - n).count();
        }
        if b.is_ascii_alphanumeric() || b == b'\'' {
            if !in_run {
                (in_run, run_start, letter) = (true, i, false);
            }
            letter |= b.is_ascii_alphabetic();
        } else if in_run {
            in_run = false;
            n += usize::from(letter);
        }
    }
    (n + usize::from(in_run && letter)).min(limit)
}

/// Syllables of a lower-case word, estimated: groups of vowels, less a silent final "e".
fn syllables(word: &str) -> usize {
    let mut count = 0;
    let mut previous_vowel = false;
    for c in word.chars() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if vowel && !previous_vowel {
            count += 1;
        }
        previous_vowel = vowel;
    }
    if word.ends_with('e') && !word.ends_with("le") && count > 1 {
        count -= 1;
    }
    count.max(1)
}

/// Acronyms everyone knows: not jargon.
const COMMON_ACRONYMS: &[&str] = &[
    "OK", "TV", "PC", "PDF", "USB", "FAQ", "ASAP", "FYI", "PS", "AM", "PM", "UK", "US", "USA",
    "EU", "ID", "CEO", "HR", "IT", "NB", "RE", "FW", "FWD", "ETA", "TBD", "N/A", "GMT", "UTC",
    "EST", "PST", "CET",
];

/// English words written in capitals for emphasis (“it SHOULD look like this”, “NOT working”):
/// shouting, not acronyms.
const SHOUTED_WORDS: &[&str] = &[
    "A", "ABOUT", "AFTER", "AGAIN", "ALL", "ALSO", "ALWAYS", "AM", "AN", "AND", "ANY", "ARE", "AS",
    "AT", "BACK", "BE", "BEEN", "BEFORE", "BUT", "BY", "CALL", "CAN", "CANT", "DID", "DIDNT", "DO",
    "DOES", "DOESNT", "DONE", "DONT", "DOWN", "EVEN", "EVER", "EVERY", "FIX", "FOR", "FROM", "GET",
    "GOT", "HAS", "HAVE", "HELLO", "HELP", "HERE", "HOW", "I", "IF", "IN", "IS", "ISNT", "JUST",
    "LAST", "LIKE", "LOOK", "MAKE", "ME", "MORE", "MOST", "MUST", "MY", "NEED", "NEVER", "NEW",
    "NO", "NONE", "NOT", "NOW", "OF", "OFF", "ON", "ONE", "ONLY", "OR", "OUR", "OUT", "OVER",
    "PLEASE", "READ", "REAL", "REALLY", "RIGHT", "SAME", "SEE", "SHOULD", "SO", "SOME", "SORRY",
    "STILL", "STOP", "SURE", "THAN", "THANK", "THANKS", "THAT", "THE", "THEN", "THERE", "THEY",
    "THIS", "TIME", "TO", "TOO", "TRY", "UP", "URGENT", "USE", "VERY", "WAIT", "WANT", "WAS", "WE",
    "WERE", "WHAT", "WHEN", "WHERE", "WHY", "WILL", "WITH", "WONT", "WORK", "WORKS", "WRONG",
    "YES", "YET", "YOU", "YOUR",
];

/// Upper-case words of 2–6 letters (digits allowed) that are not spelled out in parentheses
/// beside them (“DNS (the internet's address book)” or “domain name system (DNS)”), nor English
/// words in capitals.
fn acronyms(text: &str) -> usize {
    let mut count = 0;
    let bytes = text.as_bytes();
    for (at, word) in text
        .match_indices(|c: char| !c.is_alphanumeric())
        .map(|(i, _)| i + 1)
        .chain(std::iter::once(0))
        .filter_map(|start| {
            let rest = text.get(start..)?;
            let end = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            (end > 0).then(|| (start, &rest[..end]))
        })
    {
        let upper = word.chars().filter(char::is_ascii_uppercase).count();
        if !(2..=6).contains(&word.len())
            || upper < 2
            || word.chars().any(|c| c.is_lowercase() || !c.is_ascii())
            || COMMON_ACRONYMS.contains(&word)
            || SHOUTED_WORDS.contains(&word)
        {
            continue;
        }
        let after = text[at + word.len()..].trim_start();
        let before = text[..at].trim_end();
        let explained = after.starts_with('(')
            || (before.ends_with('(') && bytes.get(at + word.len()) == Some(&b')'));
        if !explained {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::Folded;
    use crate::span::Span;

    #[test]
    fn words_are_counted_a_byte_at_a_time_as_a_character_at_a_time() {
        let text = "it's 'quoted' 42 x2 o'clock -- naïve café, '' ' a1b 7 — done";
        for start in 0..=text.len() {
            if !text.is_char_boundary(start) {
                continue;
            }
            for limit in 0..14 {
                let part = &text[start..];
                assert_eq!(
                    count_words(part, limit),
                    words(part).take(limit).count(),
                    "{part:?} {limit}"
                );
            }
        }
    }

    fn condition(counter: Counter) -> Condition {
        Condition {
            counter,
            zones: Zone::TARGETS.to_vec(),
            min: None,
            max: None,
            regex: None,
            vocabulary: vec!["firmware".to_owned(), "packet loss".to_owned()],
        }
    }

    /// A body region of `text` (folded as `folded`), with no literal search behind it.
    fn view<'a>(text: &'a str, folded: &'a Folded, sentences: &'a [Span]) -> RegionView<'a> {
        RegionView {
            original: text,
            folded,
            sentences,
            zone: Zone::Body,
            gates: &[],
            starts: &[],
            counts: std::cell::OnceCell::new(),
            acronyms: std::cell::OnceCell::new(),
            words: std::cell::Cell::default(),
        }
    }

    fn value(counter: Counter, text: &str) -> f64 {
        let folded = Folded::new(text);
        let sentences = crate::text::sentences(&folded);
        condition(counter).value(&[view(text, &folded, &sentences)], |_| None)
    }

    proptest::proptest! {
        /// Counts up to limits asked in any order, the later from what the earlier counted, are
        /// the counts made afresh.
        #[test]
        fn words_counted_again_are_known_from_the_last_count(
            text in "([a-z]{1,6}|[0-9]{1,3}|[ ,.'!-]{1,2}){0,30}",
            limits in proptest::collection::vec(0_usize..30, 1..6),
        ) {
            let folded = Folded::new(&text);
            let region = view(&text, &folded, &[]);
            for limit in limits {
                proptest::prop_assert_eq!(
                    region.words_up_to(limit),
                    count_words(&folded.text, limit),
                    "limit {}",
                    limit
                );
            }
        }
    }

    #[test]
    fn counts() {
        let text = "Your line drops. Did you reset the modem? We will send a technician.";
        assert!((value(Counter::Words, text) - 13.0).abs() < f64::EPSILON);
        assert!((value(Counter::Sentences, text) - 3.0).abs() < f64::EPSILON);
        assert!((value(Counter::Questions, text) - 1.0).abs() < f64::EPSILON);
        assert!((value(Counter::YouShare, text) - 2.0 / 3.0).abs() < 1e-9);
        assert!(value(Counter::ReadingGrade, "The cat sat. The dog ran.") < 2.0);
        assert!(
            value(
                Counter::ReadingGrade,
                "Configuration synchronization necessitates comprehensive reinitialization."
            ) > 12.0
        );
    }

    #[test]
    fn jargon_is_unexplained_acronyms_and_vocabulary() {
        let text = "Flush the DNS cache, renew the DHCP lease and check the MTU; the firmware shows packet loss. Send me the PDF, OK?";
        assert!((value(Counter::Jargon, text) - 5.0).abs() < f64::EPSILON);
        let explained =
            "The DNS (the internet's address book) is fine; the domain name system (DNS) too.";
        assert!(value(Counter::Jargon, explained).abs() < f64::EPSILON);
        assert!(value(Counter::Jargon, "Firmwares and softwares.").abs() < f64::EPSILON);
        let shouted = "Here is what it SHOULD look like; this is NOT happening in GIMP.";
        assert!((value(Counter::Jargon, shouted) - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn bounds() {
        let mut c = condition(Counter::Words);
        c.min = Some(2.0);
        c.max = Some(3.0);
        assert!(!c.holds(1.0) && c.holds(2.0) && c.holds(3.0) && !c.holds(4.0));
    }
}
