//! Folding: the text rules match against. A region's text is folded once (lower case, straight
//! quotes, collapsed white space) with a map from every folded byte back to the original, so
//! matches on the folded text report original offsets.

use crate::span::Span;

/// A folded copy of a text, with a map from folded byte offsets to original byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Folded {
    /// The folded text: Unicode lower case, `’` → `'`, `“”` → `"`, white-space runs → one space.
    pub(crate) text: String,
    /// `map[i]` is the original offset of the character that produced folded byte `i`;
    /// `map[text.len()]` is the original text's length.
    map: Vec<u32>,
    /// Folded offsets of spaces that stand for a run containing a line break.
    pub(crate) line_breaks: Vec<usize>,
}

impl Folded {
    /// Folds `original`.
    pub(crate) fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut line_breaks = Vec::new();
        let mut in_space = false;
        let bytes = original.as_bytes();
        let mut offset = 0;
        while offset < bytes.len() {
            let at = u32::try_from(offset).expect("regions are smaller than 4 GiB");
            let byte = bytes[offset];
            // ASCII, most of any text, a byte at a time.
            let c = if byte.is_ascii() {
                offset += 1;
                if !matches!(byte, b'\t'..=b'\r' | b' ') {
                    in_space = false;
                    text.push(char::from(if byte == b'`' {
                        b'\''
                    } else {
                        byte.to_ascii_lowercase()
                    }));
                    map.push(at);
                    continue;
                }
                char::from(byte)
            } else {
                let c = original[offset..].chars().next().unwrap_or_default();
                offset += c.len_utf8();
                c
            };
            if c.is_whitespace() {
                if in_space {
                    if c == '\n' && line_breaks.last() != Some(&(text.len() - 1)) {
                        line_breaks.push(text.len() - 1);
                    }
                    continue;
                }
                in_space = true;
                if c == '\n' {
                    line_breaks.push(text.len());
                }
                text.push(' ');
                map.push(at);
                continue;
            }
            in_space = false;
            match c {
                '\u{2019}' | '\u{2018}' | '\u{201b}' | '\u{02bc}' | '\u{2032}' | '\u{b4}' => {
                    text.push('\'');
                    map.push(at);
                }
                '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
                | '\u{bb}' => {
                    text.push('"');
                    map.push(at);
                }
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
                c => {
                    for lower in c.to_lowercase() {
                        let start = text.len();
                        text.push(lower);
                        map.extend(std::iter::repeat_n(at, text.len() - start));
                    }
                }
            }
        }
        map.push(u32::try_from(original.len()).expect("regions are smaller than 4 GiB"));
        Folded {
            text,
            map,
            line_breaks,
        }
    }

    /// The folded span of original span `span` (rounded outwards to folded characters).
    pub(crate) fn folded(&self, span: Span) -> Span {
        let to = |o: usize| {
            self.map
                .partition_point(|&m| (m as usize) < o)
                .min(self.text.len())
        };
        Span::new(to(span.start), to(span.end).max(to(span.start)))
    }

    /// The original span of folded span `span`.
    pub(crate) fn original(&self, span: Span) -> Span {
        Span::new(self.map[span.start] as usize, self.map[span.end] as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Folding a character at a time, as the byte-wise fast path must agree with.
    fn by_char(original: &str) -> (String, Vec<u32>, Vec<usize>) {
        let (mut text, mut map, mut breaks) = (String::new(), Vec::new(), Vec::new());
        let mut in_space = false;
        for (offset, c) in original.char_indices() {
            let at = u32::try_from(offset).unwrap();
            if c.is_whitespace() {
                if in_space {
                    if c == '\n' && breaks.last() != Some(&(text.len() - 1)) {
                        breaks.push(text.len() - 1);
                    }
                    continue;
                }
                in_space = true;
                if c == '\n' {
                    breaks.push(text.len());
                }
                text.push(' ');
                map.push(at);
                continue;
            }
            in_space = false;
            let folded: String = match c {
                '\u{2019}' | '\u{2018}' | '\u{201b}' | '\u{02bc}' | '\u{2032}' | '`' | '\u{b4}' => {
                    "'".into()
                }
                '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
                | '\u{bb}' => "\"".into(),
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {
                    String::new()
                }
                c => c.to_lowercase().collect(),
            };
            text.push_str(&folded);
            map.extend(std::iter::repeat_n(at, folded.len()));
        }
        map.push(u32::try_from(original.len()).unwrap());
        (text, map, breaks)
    }

    proptest::proptest! {
        #[test]
        fn bytewise_folding_agrees_with_folding_by_character(
            original in "[aZ `'\t\n\r\u{b}\u{c}\u{a0}\u{85}\u{2019}\u{201c}\u{200b}İÏé]{0,40}"
        ) {
            let folded = Folded::new(&original);
            let (text, map, breaks) = by_char(&original);
            proptest::prop_assert_eq!(folded.text, text);
            proptest::prop_assert_eq!(folded.map, map);
            proptest::prop_assert_eq!(folded.line_breaks, breaks);
        }
    }
}
