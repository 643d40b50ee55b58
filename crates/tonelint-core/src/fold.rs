//! Folding: the text rules match against. A region's text is folded once (lower case, straight
//! quotes, collapsed white space) with a map from folded offsets back to the original, so
//! matches on the folded text report original offsets.

use crate::span::Span;

/// A folded copy of a text, with a map from folded byte offsets to original byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Folded {
    /// The folded text: Unicode lower case, `’` → `'`, `“”` → `"`, white-space runs → one space.
    pub(crate) text: String,
    /// The map from folded offsets to original ones, as the points where it stops advancing with
    /// the folded text: `(folded, original)` pairs, sorted; from each, both advance together up to
    /// the next. At a character boundary `i` of the folded text the map gives the original offset
    /// of the character that produced the byte at `i`, and at the end the original text's length.
    /// Most text folds byte for byte (a letter for a letter of the same length, a space for a
    /// space), so a region's map is a few pairs, not one offset per byte.
    steps: Vec<(u32, u32)>,
    /// Folded offsets of spaces that stand for a run containing a line break.
    pub(crate) line_breaks: Vec<usize>,
}

/// `offset` as a map entry.
fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).expect("regions are smaller than 4 GiB")
}

/// Folds one character `c` onto `text`: a white-space run becomes one space (its line breaks
/// noted in `line_breaks`; `in_space` tells whether `text` ends in such a run), curly quotes
/// become straight ones, invisible characters go, the rest is lower-cased.
#[inline]
fn fold_char(c: char, text: &mut String, line_breaks: &mut Vec<usize>, in_space: &mut bool) {
    if c.is_whitespace() {
        if *in_space {
            if c == '\n' && line_breaks.last() != Some(&(text.len() - 1)) {
                line_breaks.push(text.len() - 1);
            }
            return;
        }
        *in_space = true;
        if c == '\n' {
            line_breaks.push(text.len());
        }
        text.push(' ');
        return;
    }
    *in_space = false;
    match c {
        '\u{2019}' | '\u{2018}' | '\u{201b}' | '\u{02bc}' | '\u{2032}' | '`' | '\u{b4}' => {
            text.push('\'');
        }
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => {
            text.push('"');
        }
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
        c if c.is_ascii() => text.push(c.to_ascii_lowercase()),
        c => text.extend(c.to_lowercase()),
    }
}

/// Printable ASCII other than the backquote folds byte for byte, and so does a space that
/// follows none.
#[inline]
fn plain(b: u8) -> bool {
    b > b' ' && b < 0x7f && b != b'`'
}

/// The end of the run of bytes that fold byte for byte from `at` (`in_space`: whether the byte
/// before is a space that counts), and whether it ends in a space. Eight bytes at a time while
/// all eight do (over the first 4,000 Enron emails, a byte at a time took 2% of the
/// instructions).
fn plain_run(bytes: &[u8], mut at: usize, mut in_space: bool) -> (usize, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if word & HIGH != 0 {
            break;
        }
        // Per byte, the high bit: at least 0x21, at most 0x7e, not the backquote, a space.
        let at_least = (word | HIGH).wrapping_sub(0x21 * ONES) & HIGH;
        let at_most = (0xfe * ONES).wrapping_sub(word) & HIGH;
        let not_backquote = ((word ^ (0x60 * ONES)) | HIGH).wrapping_sub(ONES) & HIGH;
        let space = !(((word ^ (0x20 * ONES)) | HIGH).wrapping_sub(ONES)) & HIGH;
        let printable = at_least & at_most & not_backquote;
        // The space before each byte: the previous byte's, the first byte's from `in_space`.
        let before = (space << 8) | if in_space { 0x80 } else { 0 };
        if (printable | (space & !before)) != HIGH {
            break;
        }
        in_space = space >> 56 != 0;
        at += 8;
    }
    plain_run_bytewise(bytes, at, in_space)
}

/// The end of the run of ASCII white space (space, tab, line feed, vertical tab, form feed,
/// carriage return) at `at`, if one starts there.
fn ascii_space_run(bytes: &[u8], at: usize) -> Option<usize> {
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    if !space(bytes[at]) {
        return None;
    }
    let len = bytes[at..].iter().take_while(|&&b| space(b)).count();
    Some(at + len)
}

/// [`plain_run`], a byte at a time.
fn plain_run_bytewise(bytes: &[u8], mut at: usize, mut in_space: bool) -> (usize, bool) {
    while at < bytes.len() {
        let b = bytes[at];
        if plain(b) {
            in_space = false;
        } else if b == b' ' && !in_space {
            in_space = true;
        } else {
            break;
        }
        at += 1;
    }
    (at, in_space)
}

impl Folded {
    /// Folds `original`.
    pub(crate) fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut steps: Vec<(u32, u32)> = Vec::new();
        // Folded byte `at_folded` comes from original byte `at`.
        let map = |steps: &mut Vec<(u32, u32)>, at_folded: usize, at: usize| {
            let (folded, at) = (narrow(at_folded), narrow(at));
            let follows = steps.last().is_some_and(|&(f, o)| o + (folded - f) == at);
            if !follows {
                steps.push((folded, at));
            }
        };
        let mut line_breaks = Vec::new();
        let mut in_space = false;
        let bytes = original.as_bytes();
        let mut offset = 0;
        while offset < bytes.len() {
            if plain(bytes[offset]) || (bytes[offset] == b' ' && !in_space) {
                // A run of them: mapped once, copied and lower-cased at once.
                let start = offset;
                (offset, in_space) = plain_run(bytes, offset, in_space);
                map(&mut steps, text.len(), start);
                let at = text.len();
                text.push_str(&original[start..offset]);
                text[at..].make_ascii_lowercase();
                continue;
            }
            if let Some(end) = ascii_space_run(bytes, offset) {
                // A run of ASCII white space: one space (none after one), its line break noted
                // at that space, as `fold_char` would one character at a time (over the first
                // 4,000 Enron emails, a run of white space every 18 bytes).
                if !in_space {
                    map(&mut steps, text.len(), offset);
                    text.push(' ');
                    in_space = true;
                }
                if bytes[offset..end].contains(&b'\n')
                    && line_breaks.last() != Some(&(text.len() - 1))
                {
                    line_breaks.push(text.len() - 1);
                }
                offset = end;
                continue;
            }
            let c = original[offset..]
                .chars()
                .next()
                .expect("a character boundary");
            let next = offset + c.len_utf8();
            let offset = std::mem::replace(&mut offset, next);
            let start = text.len();
            fold_char(c, &mut text, &mut line_breaks, &mut in_space);
            if text.len() - start == c.len_utf8() && text[start..].chars().count() == 1 {
                // One character for one, of the same length: byte for byte.
                map(&mut steps, start, offset);
            } else {
                // Every byte of what it became (if anything) comes from the character's start.
                for at_folded in start..text.len() {
                    map(&mut steps, at_folded, offset);
                }
            }
        }
        map(&mut steps, text.len(), original.len());
        steps.shrink_to_fit();
        Folded {
            text,
            steps,
            line_breaks,
        }
    }

    /// The original offset of folded offset `at` (a character boundary, or the end).
    fn map(&self, at: usize) -> usize {
        let k = self.steps.partition_point(|&(f, _)| f as usize <= at);
        let (f, o) = self.steps[k - 1];
        o as usize + (at - f as usize)
    }

    /// The folded span of original span `span` (rounded outwards to folded characters).
    pub(crate) fn folded(&self, span: Span) -> Span {
        // The first folded offset whose original offset is `o` or more.
        let to = |o: usize| {
            let k = self.steps.partition_point(|&(_, m)| (m as usize) < o);
            let mut at = self
                .steps
                .get(k)
                .map_or(self.text.len(), |&(f, _)| f as usize);
            if k > 0 {
                // Within the step before, the map reaches `o` after this many bytes.
                let (f, m) = self.steps[k - 1];
                at = at.min(f as usize + (o - m as usize));
            }
            at.min(self.text.len())
        };
        Span::new(to(span.start), to(span.end).max(to(span.start)))
    }

    /// The original span of folded span `span`.
    pub(crate) fn original(&self, span: Span) -> Span {
        Span::new(self.map(span.start), self.map(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_runs_are_found_eight_bytes_at_a_time() {
        let text = "Hello there, World!  It's `fine`~\x7f {ok} !\x20\x21 a b  c\tdé ok ".repeat(2);
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            for in_space in [false, true] {
                assert_eq!(
                    plain_run(bytes, start, in_space),
                    plain_run_bytewise(bytes, start, in_space),
                    "{start} {in_space}"
                );
            }
        }
    }

    #[test]
    fn folds_case_quotes_and_space() {
        let original = "You SHOULDN’T\n  have “done” it";
        let folded = Folded::new(original);
        assert_eq!(folded.text, "you shouldn't have \"done\" it");
        let at = folded.text.find("have").unwrap();
        let span = folded.original(Span::new(at, at + 4));
        assert_eq!(&original[span], "have");
        assert_eq!(folded.line_breaks, vec![13]);
    }

    /// The map as one original offset per folded byte, built the plain way.
    fn byte_map(original: &str) -> Vec<usize> {
        let folded = Folded::new(original);
        let mut map = Vec::new();
        let (mut text, mut line_breaks, mut in_space) = (String::new(), Vec::new(), false);
        for (offset, c) in original.char_indices() {
            let before = text.len();
            fold_char(c, &mut text, &mut line_breaks, &mut in_space);
            map.extend(std::iter::repeat_n(offset, text.len() - before));
        }
        map.push(original.len());
        assert_eq!(map.len(), folded.text.len() + 1, "{original:?}");
        map
    }

    #[test]
    fn the_map_is_exact_at_every_character() {
        for original in [
            "",
            "plain ascii text.",
            "  \r\n\tleading and trailing space \r\n\r\n",
            "You SHOULDN’T\n  have “done” it",
            "NAÏVE İstanbul Ⱥ ẞ Σ straße ǅ",
            "zero\u{200b}width\u{feff} and soft\u{ad}hyphen",
            "\u{feff}BOM first",
            "Привет, МИР! 日本語 ﬁne",
            "emoji 👍🏽 and ‘quotes’ `tick` «guillemets»",
        ] {
            let folded = Folded::new(original);
            let map = byte_map(original);
            let folded_boundaries =
                (0..=folded.text.len()).filter(|&i| folded.text.is_char_boundary(i));
            for i in folded_boundaries {
                assert_eq!(folded.map(i), map[i], "{original:?} at folded {i}");
            }
            let original_boundaries =
                (0..=original.len()).filter(|&o| original.is_char_boundary(o));
            for o in original_boundaries {
                let expected = map.partition_point(|&m| m < o).min(folded.text.len());
                let span = folded.folded(Span::new(o, o));
                assert_eq!(span.start, expected, "{original:?} at original {o}");
            }
        }
    }

    /// The folded text and line breaks, one character at a time (no fast path for ASCII runs).
    fn reference(original: &str) -> (String, Vec<usize>) {
        let (mut text, mut line_breaks, mut in_space) = (String::new(), Vec::new(), false);
        for c in original.chars() {
            fold_char(c, &mut text, &mut line_breaks, &mut in_space);
        }
        (text, line_breaks)
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_folds_as_one_character_at_a_time(
            original in "[aZ9 .,'`\n\t\r\u{2019}\u{201c}\u{200b}\u{feff}ÏİẞΣ👍]{0,40}",
        ) {
            let folded = Folded::new(&original);
            let (text, line_breaks) = reference(&original);
            proptest::prop_assert_eq!(&folded.text, &text);
            proptest::prop_assert_eq!(&folded.line_breaks, &line_breaks);
            let map = byte_map(&original);
            for i in (0..=folded.text.len()).filter(|&i| folded.text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(folded.map(i), map[i]);
            }
        }
    }

    #[test]
    fn byte_for_byte_text_is_one_step() {
        let text = "as i already said, restart it.\nthen try again. ".repeat(1000);
        assert_eq!(Folded::new(&text).steps.len(), 1);
    }

    #[test]
    fn maps_multibyte_lowercase() {
        let original = "NAÏVE İstanbul";
        let folded = Folded::new(original);
        assert!(folded.text.starts_with("naïve"));
        let end = folded.text.len();
        assert_eq!(
            folded.original(Span::new(0, end)),
            Span::new(0, original.len())
        );
    }
}
