//! The `shouting` kind: sentences whose words are mostly upper case.

use std::collections::BTreeSet;

use super::{Match, Matcher, Rule};
use crate::fold::Folded;
use crate::span::Span;

/// Acronyms common in support replies; upper case is their normal spelling, not shouting.
const ACRONYMS: &[&str] = &[
    "AM", "API", "ASAP", "ATM", "BIOS", "CC", "CD", "CEO", "CFO", "CPU", "CRM", "CSV", "CTO",
    "DHCP", "DM", "DNS", "DSL", "DVD", "EOD", "EST", "ETA", "EU", "FAQ", "FTP", "FYI", "GB",
    "GDPR", "GMT", "GPS", "GPU", "HD", "HDMI", "HR", "HTML", "HTTP", "HTTPS", "IBAN", "ID", "IMAP",
    "IP", "ISP", "IT", "KB", "LAN", "LLC", "MB", "MFA", "NAS", "NDA", "OK", "OS", "PC", "PDF",
    "PIN", "PM", "PO", "POP", "PST", "PTO", "QA", "RAM", "SD", "SLA", "SMS", "SMTP", "SQL", "SSD",
    "SSH", "SSL", "SSO", "TB", "TLS", "TV", "UI", "UK", "URL", "US", "USA", "USB", "UTC", "UX",
    "VAT", "VP", "VPN", "WAN", "WIFI", "XML", "ZIP",
];

/// Whether `word` is one of the acronyms support replies write in capitals anyway.
pub(crate) fn is_acronym(word: &str) -> bool {
    ACRONYMS.contains(&word)
}

/// The number of capitals (`A`–`Z`) in ASCII `text`, and of capitals followed by a capital or an
/// apostrophe (every word in capitals of two letters or more has one). Eight bytes at a time:
/// with every byte below 0x80, adding 0x3f to a byte sets its top bit when it is `A` or above,
/// adding 0x25 when it is past `Z`, and no sum carries into the next byte; a byte is an
/// apostrophe when its bits differ from 0x27's in none of the low seven.
fn capitals(text: &[u8]) -> (usize, usize) {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = 0x80 * ONES;
    let mut chunks = text.chunks_exact(8);
    let (mut count, mut pairs) = (0, 0);
    // Whether the byte before the chunk is a capital.
    let mut before = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let upper = (word + 0x3f * ONES) & !(word + 0x25 * ONES) & HIGH;
        let apart = word ^ (0x27 * ONES);
        let apostrophe = !(((apart & !HIGH) + !HIGH) | apart) & HIGH;
        let follows = upper | apostrophe;
        count += upper.count_ones() as usize;
        // Byte k a capital and byte k + 1 a capital or an apostrophe; the chunk's first byte
        // with the capital before it.
        pairs += (upper & (follows >> 8)).count_ones() as usize;
        pairs += usize::from(before != 0 && follows & 0x80 != 0);
        before = upper >> 63;
    }
    let mut previous_upper = before != 0;
    for &byte in chunks.remainder() {
        let upper = byte.is_ascii_uppercase();
        count += usize::from(upper);
        pairs += usize::from(previous_upper && (upper || byte == b'\''));
        previous_upper = upper;
    }
    (count, pairs)
}

/// Spans (relative to `sentence`) of sentences that shout; `sentence` is one sentence of original text.
pub(crate) fn shouts(
    sentence: &str,
    min_words: usize,
    ratio: f64,
    allow: &BTreeSet<String>,
) -> bool {
    // Most sentences have no word in capitals: in ASCII text, count the words with two capitals
    // side by side (apostrophes between them aside), which every upper-case word of two letters
    // or more has, before splitting anything.
    if sentence.is_ascii() {
        // Each of those words has two capitals or more, the first followed by a capital or an
        // apostrophe: a sentence with fewer capitals than twice the words needed, or fewer such
        // capitals than the words, is ruled out by one count, eight bytes at a time (most with
        // capitals enough are names and the starts of sentences).
        let (capitals, pairs) = capitals(sentence.as_bytes());
        if capitals < 2 * min_words.max(1) || pairs < min_words.max(1) {
            return false;
        }
        // The words, as counted below (runs of letters, digits and apostrophes that hold a
        // letter), in the same pass: the upper-case ones are at most the candidates, so too few
        // candidates for the share rule the sentence out before any word is looked up (over the
        // Enron emails, most sentences with capitals enough are headers and names).
        let (mut candidates, mut previous_upper, mut counted) = (0usize, false, false);
        let (mut words, mut in_word, mut letter) = (0usize, false, false);
        for &byte in sentence.as_bytes() {
            if byte.is_ascii_uppercase() {
                if previous_upper && !counted {
                    candidates += 1;
                    counted = true;
                }
                previous_upper = true;
            } else if byte != b'\'' {
                previous_upper = false;
                if !byte.is_ascii_alphanumeric() {
                    counted = false;
                }
            }
            if byte.is_ascii_alphanumeric() || byte == b'\'' {
                in_word = true;
                letter |= byte.is_ascii_alphabetic();
            } else if in_word {
                words += usize::from(letter);
                (in_word, letter) = (false, false);
            }
        }
        words += usize::from(in_word && letter);
        #[allow(clippy::cast_precision_loss)]
        if candidates < min_words.max(1) || (candidates as f64) < ratio * words as f64 {
            return false;
        }
    }
    shouts_by_words(sentence, min_words, ratio, allow)
}

/// [`shouts`], word by word.
fn shouts_by_words(sentence: &str, min_words: usize, ratio: f64, allow: &BTreeSet<String>) -> bool {
    let mut words = 0usize;
    let mut upper = 0usize;
    for word in sentence.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}')) {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters == 0 {
            continue;
        }
        words += 1;
        if letters < 2 || word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        if word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
            let bare = word.trim_end_matches(['\'', '\u{2019}', 's']);
            if ACRONYMS.contains(&bare) || allow.contains(bare) || allow.contains(word) {
                continue;
            }
            upper += 1;
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let share = if words == 0 {
        0.0
    } else {
        upper as f64 / words as f64
    };
    upper >= min_words && share >= ratio
}

/// Pushes every sentence of a region (`original`, folded as `folded`, split into `sentences`) that
/// shouts, as a match of shouting rule `index`.
pub(crate) fn find(
    index: usize,
    rule: &Rule,
    original: &str,
    folded: &Folded,
    sentences: &[Span],
    out: &mut Vec<Match>,
) {
    let Matcher::Shouting {
        min_words,
        ratio,
        allow,
    } = &rule.matcher
    else {
        return;
    };
    for &sentence in sentences {
        let span = folded.original(sentence);
        if shouts(&original[span], *min_words, *ratio, allow) {
            out.push(Match::new(index, sentence, None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_are_counted_eight_bytes_at_a_time() {
        let text = "@AZ[`az{ Hello THERE, World! I'M DON'T A'&' ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 ~\x7f\x07";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let part = &text.as_bytes()[start..end];
                let expected = part.iter().filter(|b| b.is_ascii_uppercase()).count();
                let pairs = part
                    .windows(2)
                    .filter(|w| {
                        w[0].is_ascii_uppercase() && (w[1].is_ascii_uppercase() || w[1] == b'\'')
                    })
                    .count();
                assert_eq!(capitals(part), (expected, pairs), "{:?}", &text[start..end]);
            }
        }
    }

    proptest::proptest! {
        /// The counts that rule a sentence out before its words are looked at never rule out
        /// one that shouts.
        #[test]
        fn the_quick_counts_agree_with_the_words(
            words in proptest::collection::vec(
                "[A-Z]{1,6}|[a-z]{1,6}|[A-Z][a-z]{1,5}|[A-Z]{1,3}'[A-Z]{0,2}|[0-9A-Z]{2,4}|DSL|FAQ|[.,!?-]",
                0..16,
            ),
            min_words in 1_usize..5,
            ratio in 0.0_f64..1.0,
        ) {
            let sentence = words.join(" ");
            let allow = BTreeSet::from(["ACME".to_owned()]);
            proptest::prop_assert_eq!(
                shouts(&sentence, min_words, ratio, &allow),
                shouts_by_words(&sentence, min_words, ratio, &allow),
                "{:?}",
                sentence
            );
        }
    }

    #[test]
    fn shouting() {
        let allow = BTreeSet::new();
        assert!(shouts("PLEASE READ THE EMAIL WE SENT!", 3, 0.6, &allow));
        assert!(!shouts(
            "Please check the DSL and ISP settings in the PDF.",
            3,
            0.6,
            &allow
        ));
        assert!(!shouts(
            "The VPN, DNS and DHCP logs are attached.",
            3,
            0.6,
            &allow
        ));
        assert!(!shouts("I am OK.", 3, 0.6, &allow));
        // Capitals split by an apostrophe are one word in capitals.
        assert!(shouts("I'M NOT GOING TO SAY IT AGAIN", 3, 0.6, &allow));
        assert!(shouts("DON'T DO THAT", 3, 0.6, &allow));
        assert!(!shouts("DoN't Do ThAt", 1, 0.1, &allow));
        // Words of two capitals (one apostrophe's) are as few pairs as words: enough.
        assert!(shouts("NO, GO UP!", 3, 0.6, &allow));
        assert!(shouts("I'M SO MAD", 3, 0.6, &allow));
    }
}
