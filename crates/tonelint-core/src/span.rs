//! Byte spans into a source text, and the line index that turns them into lines and columns.
//!
//! Every position tonelint handles is a byte offset into the original file; lines and columns
//! are computed only at the reporting edge, from a [`LineIndex`] built once per source.

use std::ops::{Index, Range};

/// A half-open byte range `[start, end)` into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Creates a span.
    ///
    /// # Panics
    ///
    /// Panics if `start > end`.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} is after its end {end}");
        Span { start, end }
    }

    /// The span's length in bytes.
    #[must_use]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte (an insertion point).
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span moved right by `offset` bytes.
    #[must_use]
    pub fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// Whether the two spans share at least one byte, or an insertion point lies strictly inside the other.
    #[must_use]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies within this span.
    #[must_use]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span as a `Range`.
    #[must_use]
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode scalar values (a byte-order mark is not counted).
    pub column: usize,
}

/// The byte offsets at which each line of a text starts.
///
/// A line ends after `\n`, so a `\r` before it belongs to the line it ends.
///
/// ```
/// use tonelint_core::{LineIndex, Position};
/// let text = "Hi Sam,\r\nThe café is open.\n";
/// let index = LineIndex::new(text);
/// let offset = text.find("is").unwrap();
/// assert_eq!(index.position(text, offset), Position { line: 2, column: 10 });
/// assert_eq!(index.line_count(), 3);
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    #[must_use]
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        LineIndex { starts }
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing the byte `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where the 0-based `line` starts.
    #[must_use]
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// The span of the 0-based `line`, without its line terminator.
    #[must_use]
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        without_terminator(text.as_bytes(), start, end)
    }

    /// The line and column of byte `offset` (clamped to the text, rounded down to a char boundary).
    #[must_use]
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let prefix = &text[start..offset];
        let prefix = if line == 0 {
            prefix.strip_prefix('\u{feff}').unwrap_or(prefix)
        } else {
            prefix
        };
        Position {
            line: line + 1,
            column: prefix.chars().count() + 1,
        }
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes())
}

/// The line from `start` to `end` (past its `\n`, if it has one) without its terminator: `\n`,
/// `\r\n`, or a `\r` that ends the text.
fn without_terminator(bytes: &[u8], start: usize, mut end: usize) -> Span {
    if end > start && bytes[end - 1] == b'\n' {
        end -= 1;
    }
    if end > start && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    Span::new(start, end)
}

/// Each line's span without its terminator, as [`LineIndex::line_span`] gives it, in one pass
/// and one vector (without an index of the line starts).
pub(crate) fn line_spans(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut spans = Vec::with_capacity(bytes.len() / 32 + 1);
    let mut start = 0;
    for end in memchr_newlines(text)
        .map(|i| i + 1)
        .chain(std::iter::once(bytes.len()))
    {
        spans.push(without_terminator(bytes, start, end));
        start = end;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_spans_are_the_line_index_s() {
        for text in [
            "",
            "\n",
            "one",
            "one\n",
            "one\r\ntwo\r\n\r\nthree",
            "\r",
            "a\r",
            "a\r\r\nb\n\rc",
            "\n\n\r\n",
        ] {
            let index = LineIndex::new(text);
            let expected: Vec<Span> = (0..index.line_count())
                .map(|l| index.line_span(text, l))
                .collect();
            assert_eq!(line_spans(text), expected, "{text:?}");
        }
        let text = "a\r\r\nb\n\rc\r";
        let lines: Vec<&str> = line_spans(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(lines, ["a\r", "b", "\rc"]);
    }

    #[test]
    fn positions_count_chars_and_skip_bom() {
        let text = "\u{feff}naïve\nsecond";
        let index = LineIndex::new(text);
        let e = text.find('v').unwrap();
        assert_eq!(index.position(text, e), Position { line: 1, column: 4 });
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 2, column: 7 }
        );
    }

    #[test]
    fn line_span_strips_crlf() {
        let text = "one\r\ntwo";
        let index = LineIndex::new(text);
        assert_eq!(&text[index.line_span(text, 0)], "one");
        assert_eq!(&text[index.line_span(text, 1)], "two");
    }

    #[test]
    #[should_panic(expected = "after its end")]
    fn reversed_span_panics() {
        let _ = Span::new(3, 2);
    }
}
