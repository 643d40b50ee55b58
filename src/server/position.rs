//! LSP positions: a line and a character offset in the encoding the client and server agreed on
//! (UTF-16 code units unless the client offers UTF-8), converted to and from the byte offsets the
//! engine works in. Lines end at `\n` (a `\r` before it belongs to the line's end, not its text).

use lsp_types::{Position, Range};
use tonelint_core::{LineIndex, Span};

/// How characters are counted in positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 bytes.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    Utf16,
}

impl Encoding {
    /// The width of `c` in this encoding.
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A document's text with its line index, for converting positions.
pub(crate) struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
    encoding: Encoding,
}

impl<'a> Lines<'a> {
    /// Indexes `text`.
    pub(crate) fn new(text: &'a str, encoding: Encoding) -> Lines<'a> {
        Lines {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    /// The position of byte offset `offset`.
    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line);
        let character: usize = self.text[start..offset]
            .chars()
            .map(|c| self.encoding.width(c))
            .sum();
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// The range of byte span `span`.
    pub(crate) fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }

    /// The byte offset of `position`, or `None` when it is past the document's end. A character
    /// past its line's end means the line's end (as the protocol says); one inside a character
    /// (half a surrogate pair) means that character's start.
    pub(crate) fn offset(&self, position: Position) -> Option<usize> {
        let line = position.line as usize;
        if line >= self.index.line_count() {
            return None;
        }
        let span = self.index.line_span(self.text, line);
        let mut left = position.character as usize;
        for (i, c) in self.text[span.range()].char_indices() {
            let width = self.encoding.width(c);
            if left < width {
                return Some(span.start + i);
            }
            left -= width;
        }
        Some(span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns() {
        let text = "Hi 😀 there\r\nsecond ü line\n";
        for (encoding, emoji_after, u_after) in [(Encoding::Utf16, 5, 9), (Encoding::Utf8, 7, 10)] {
            let lines = Lines::new(text, encoding);
            let t = text.find("there").unwrap();
            assert_eq!(lines.position(t).character, emoji_after + 1, "{encoding:?}");
            assert_eq!(lines.offset(lines.position(t)), Some(t));
            let l = text.find("line").unwrap();
            assert_eq!(
                lines.position(l),
                Position {
                    line: 1,
                    character: u_after
                }
            );
            assert_eq!(lines.offset(lines.position(l)), Some(l));
            // Past the line's end: the line's end, before its CR.
            assert_eq!(
                lines.offset(Position {
                    line: 0,
                    character: 99
                }),
                Some(text.find('\r').unwrap())
            );
            assert_eq!(
                lines.offset(Position {
                    line: 2,
                    character: 0
                }),
                Some(text.len())
            );
            assert_eq!(
                lines.offset(Position {
                    line: 5,
                    character: 0
                }),
                None
            );
        }
    }
}
