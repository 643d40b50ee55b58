//! Segmentation and guards shared by every rule kind: sentences, word boundaries, negation and
//! quotation, over folded text ([`crate::fold`]).

use crate::fold::Folded;
use crate::span::Span;

/// Joins `items` as English prose: "a", "a and b", "a, b and c".
pub(crate) fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Whether `c` is part of a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `span` of `text` starts and ends on word boundaries (checked only where the span's own
/// first or last character is a word character).
pub(crate) fn on_word_boundaries(text: &str, span: Span) -> bool {
    let inner = &text[span];
    let first = inner.chars().next();
    let last = inner.chars().next_back();
    if first.is_some_and(is_word_char)
        && text[..span.start]
            .chars()
            .next_back()
            .is_some_and(is_word_char)
    {
        return false;
    }
    if last.is_some_and(is_word_char) && text[span.end..].chars().next().is_some_and(is_word_char) {
        return false;
    }
    true
}

/// Words that, shortly before a match, turn it around ("not easily", "no way you could have known").
const NEGATORS: &[&str] = &[
    "not", "no", "never", "without", "hardly", "nobody", "nothing", "neither", "nor", "cannot",
];

/// Whether one of the `window` words before folded offset `at`, in its clause, negates. The clause
/// starts after the last comma, semicolon, colon or dash before `at` in `sentence`: "The date
/// can't move, that's just how it is" is not negated.
pub(crate) fn negated_before(folded: &str, sentence: Span, at: usize, window: usize) -> bool {
    words_before(folded, clause_start(folded, sentence, at), at)
        .take(window)
        .any(|w| NEGATORS.contains(&w) || w.ends_with("n't"))
}

/// Whether one of `words` is among the `window` words before folded offset `at`, in its clause
/// (as for [`negated_before`]): "if we can't" is a condition, not a refusal.
pub(crate) fn preceded_by(
    folded: &str,
    sentence: Span,
    at: usize,
    window: usize,
    words: &[String],
) -> bool {
    words_before(folded, clause_start(folded, sentence, at), at)
        .take(window)
        .any(|w| words.iter().any(|u| u == w))
}

/// Where the clause holding folded offset `at` starts: after the last comma, semicolon, colon,
/// dash or parenthesis before it in `sentence`.
fn clause_start(folded: &str, sentence: Span, at: usize) -> usize {
    folded[sentence.start..at]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')'))
        .map_or(sentence.start, |(i, c)| sentence.start + i + c.len_utf8())
}

/// Words that open a clause of their own inside a sentence.
const CONJUNCTIONS: &[&str] = &["and", "but", "so", "or", "because", "although", "though"];

/// The clause of folded `sentence` holding folded `span`: from the last comma, semicolon, colon,
/// dash or parenthesis before it (after it), or the last conjunction before it (the conjunction
/// included, so removing the clause removes it too), to the next such mark after it or the
/// sentence's end (its closing punctuation left out).
pub(crate) fn clause_at(folded: &str, sentence: Span, span: Span) -> Span {
    let is_mark = |c: char| matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')');
    let mut start = sentence.start;
    for (i, c) in folded[sentence.start..span.start].char_indices() {
        if is_mark(c) {
            start = sentence.start + i + c.len_utf8();
        }
    }
    // A conjunction after that mark starts the clause.
    let head = &folded[start..span.start];
    let mut word_start = None;
    for (i, c) in head.char_indices() {
        if is_word_char(c) || c == '\'' {
            word_start.get_or_insert(i);
        } else if let Some(w) = word_start.take()
            && CONJUNCTIONS.contains(&&head[w..i])
        {
            start += w;
            return clause_end(folded, sentence, span, start);
        }
    }
    while folded[start..span.start].starts_with(' ') {
        start += 1;
    }
    clause_end(folded, sentence, span, start)
}

fn clause_end(folded: &str, sentence: Span, span: Span, start: usize) -> Span {
    let is_mark = |c: char| matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')');
    let rest = &folded[span.end..sentence.end];
    let end = match rest.find(is_mark) {
        Some(i) => span.end + i,
        None => span.end + rest.trim_end_matches(['.', '!', '?', ' ']).len(),
    };
    let end = span
        .end
        .max(start + folded[start..end.max(start)].trim_end().len());
    Span::new(start.min(span.start), end)
}

/// The words of `folded[from..at]`, last first.
pub(crate) fn words_before(folded: &str, from: usize, at: usize) -> impl Iterator<Item = &str> {
    folded[from..at]
        .rsplit(|c: char| !(is_word_char(c) || c == '\''))
        .filter(|w| !w.is_empty())
}

/// Whether folded span `span` sits inside double quotation marks within `sentence`.
pub(crate) fn inside_quotes(folded: &str, sentence: Span, span: Span) -> bool {
    let before = folded[sentence.start..span.start].matches('"').count();
    let after = folded[span.end..sentence.end].matches('"').count();
    before % 2 == 1 && after >= 1
}

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "vs", "no", "approx", "st", "jr", "sr", "inc",
    "ltd", "co", "fig", "p.s", "ps", "a.m", "p.m", "cf", "al",
];

/// Splits folded text into sentence spans (folded coordinates), each trimmed of outer spaces.
pub(crate) fn sentences(folded: &Folded) -> Vec<Span> {
    let text = folded.text.as_str();
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut breaks = folded.line_breaks.iter().copied().peekable();
    let mut i = 0;
    loop {
        // Only a '.', '!' or '?' or a line break can end a sentence: straight to the next one.
        while breaks.peek().is_some_and(|&b| b < i) {
            breaks.next();
        }
        let stop = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map(|p| i + p);
        i = match (stop, breaks.peek().copied()) {
            (None, None) => break,
            (Some(at), None) | (None, Some(at)) => at,
            (Some(a), Some(b)) => a.min(b),
        };
        if i >= bytes.len() {
            break;
        }
        let (next, cut) = step(text, start, i, &mut breaks);
        i = next;
        if let Some(end) = cut {
            push_trimmed(text, &mut out, start, end);
            start = end;
        }
    }
    push_trimmed(text, &mut out, start, bytes.len());
    out
}

/// What [`sentences`] does at byte `i` of `text` (`i` < its length), the current sentence having
/// started at `start`: where to look next, and where the sentence ends if it ends here. `breaks`
/// are the line breaks from `i` on; one at `i` is taken.
fn step(
    text: &str,
    start: usize,
    i: usize,
    breaks: &mut std::iter::Peekable<impl Iterator<Item = usize>>,
) -> (usize, Option<usize>) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if matches!(b, b'.' | b'!' | b'?') {
        let mut j = i + 1;
        while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
            j += 1;
        }
        let at_space = j >= bytes.len() || bytes[j] == b' ';
        let cut =
            (at_space && !(b == b'.' && ends_with_abbreviation(&text[start..i]))).then_some(j);
        (j.max(i + 1), cut)
    } else if b == b' ' && breaks.peek() == Some(&i) {
        breaks.next();
        // A line break ends a sentence when the next line starts a list item or the line before
        // ended with a colon (a heading or lead-in).
        let prev = text[..i].trim_end();
        let cut = (prev.ends_with(':') || starts_list_item(&text[i + 1..])).then_some(i);
        (i + 1, cut)
    } else {
        (i + 1, None)
    }
}

fn ends_with_abbreviation(before: &str) -> bool {
    let word = before.rsplit([' ', '(']).next().unwrap_or("");
    (word.len() == 1 && word.chars().all(char::is_alphabetic)) || ABBREVIATIONS.contains(&word)
}

fn starts_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("• ") {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
}

fn push_trimmed(text: &str, out: &mut Vec<Span>, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// The sentence (from `sentences`) that contains folded offset `at`, or the nearest one before it.
pub(crate) fn sentence_at(sentences: &[Span], at: usize) -> Span {
    let i = sentences.partition_point(|s| s.start <= at);
    sentences
        .get(i.saturating_sub(1))
        .copied()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`sentences`] reading every byte: the reference for the one that skips from one '.', '!',
    /// '?' or line break to the next, which must find the same ends.
    fn sentences_bytewise(folded: &Folded) -> Vec<Span> {
        let text = folded.text.as_str();
        let mut out = Vec::new();
        let mut start = 0;
        let mut breaks = folded.line_breaks.iter().copied().peekable();
        let mut i = 0;
        while i < text.len() {
            let (next, cut) = step(text, start, i, &mut breaks);
            i = next;
            if let Some(end) = cut {
                push_trimmed(text, &mut out, start, end);
                start = end;
            }
            while breaks.peek().is_some_and(|&b| b < i) {
                breaks.next();
            }
        }
        push_trimmed(text, &mut out, start, text.len());
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 512,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Text made of words, abbreviations, list items, quotes and every kind of stop and line
        /// break is split where reading every byte splits it.
        #[test]
        fn skipping_to_the_stops_splits_as_reading_every_byte(
            pieces in proptest::collection::vec(0..PIECES.len(), 0..40),
        ) {
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let folded = Folded::new(&text);
            proptest::prop_assert_eq!(sentences(&folded), sentences_bytewise(&folded));
        }
    }

    const PIECES: &[&str] = &[
        "word", " ", "  ", ".", "!", "?", "...", "?!", "\"", "'", ")", "\n", "\r\n", "\n\n",
        "- item", "* item", "• item", "1. one", "2) two", ":", "e.g.", "Mr.", "a.", " i.e. ",
        "Thanks", "ÉTÉ", "’", "–",
    ];

    #[test]
    fn joins_as_prose() {
        assert_eq!(join_and(&[]), "");
        assert_eq!(join_and(&["a reason"]), "a reason");
        assert_eq!(
            join_and(&["a reason", "an open door"]),
            "a reason and an open door"
        );
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn splits_sentences() {
        let folded = Folded::new("Hi. I checked it, e.g. the logs! Did it work?! Yes");
        let got: Vec<&str> = sentences(&folded)
            .iter()
            .map(|&s| &folded.text[s.range()])
            .collect();
        assert_eq!(
            got,
            [
                "hi.",
                "i checked it, e.g. the logs!",
                "did it work?!",
                "yes"
            ]
        );
    }

    #[test]
    fn negation_window() {
        let folded = "there's no way you could have known";
        let at = folded.find("you").unwrap();
        assert!(negated_before(folded, Span::new(0, folded.len()), at, 3));
        let folded = "you could have known";
        assert!(!negated_before(folded, Span::new(0, folded.len()), 0, 3));
        let folded = "no —that's just how it is";
        let at = folded.find("that's").unwrap();
        assert!(!negated_before(folded, Span::new(0, folded.len()), at, 3));
        let folded = "the date can't move, that's just how it is";
        let at = folded.find("that's").unwrap();
        assert!(!negated_before(folded, Span::new(0, folded.len()), at, 3));
    }

    #[test]
    fn clauses() {
        fn clause<'a>(folded: &'a str, word: &str) -> &'a str {
            let at = folded.find(word).unwrap();
            let span = clause_at(
                folded,
                Span::new(0, folded.len()),
                Span::new(at, at + word.len()),
            );
            &folded[span.range()]
        }
        assert_eq!(
            clause(
                "it was set to \"second screen only\", which you must have changed.",
                "you must"
            ),
            "which you must have changed"
        );
        assert_eq!(
            clause(
                "this is basic stuff and honestly you should have known this already.",
                "you should"
            ),
            "and honestly you should have known this already"
        );
        assert_eq!(
            clause("honestly, you should know this, right?", "you should"),
            "you should know this"
        );
        assert_eq!(
            clause("you should know this.", "you should"),
            "you should know this"
        );
    }

    #[test]
    fn quotes() {
        let folded = "they said \"calm down\" to me";
        let at = folded.find("calm").unwrap();
        let s = Span::new(0, folded.len());
        assert!(inside_quotes(folded, s, Span::new(at, at + 9)));
        assert!(!inside_quotes(
            "calm down",
            Span::new(0, 9),
            Span::new(0, 9)
        ));
    }
}
