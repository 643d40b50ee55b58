//! Template placeholders: opaque tokens that are never flagged, never inside a match, and kept
//! byte for byte. They are masked in the text the rules see with a byte no rule matches.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;

use crate::regex::LeanRegex;
use serde::Deserialize;

/// The byte placeholders are masked with (ASCII SUB): not a letter, not a space, not punctuation
/// any rule uses, so no phrase can match through it.
pub(crate) const MASK: u8 = 0x1a;

/// A placeholder syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Syntax {
    /// Liquid and Mustache: `{{ticket.requester.first_name}}`, `{% if … %}`, and Help Scout's
    /// `{%customer.firstName,fallback=there%}`.
    Mustache,
    /// Discourse and Rails i18n: `%{name}`.
    Percent,
    /// Upper-case tokens in square brackets: `[EMAIL]`, `[INVOICE_URL]`.
    Brackets,
    /// Upper-case words in angle brackets: `<CHOOSE ONE>`, `< CHOOSE AS APPROPRIATE >`.
    Angle,
    /// All-caps slots in running text: `INSERT ITEM HERE`, `CUSTOMER NAME HERE`, `XXX`, `TBD`.
    Caps,
}

impl Syntax {
    /// Every syntax, the default.
    pub const ALL: [Syntax; 5] = [
        Syntax::Mustache,
        Syntax::Percent,
        Syntax::Brackets,
        Syntax::Angle,
        Syntax::Caps,
    ];

    /// The strings a placeholder of this syntax holds (one of them at least), for the syntaxes
    /// whose placeholders hold one: none for brackets and angles, which open with a capital.
    fn strings(self) -> &'static [&'static str] {
        match self {
            Syntax::Mustache => &["{{", "{%"],
            Syntax::Percent => &["%{"],
            Syntax::Caps => &[
                "HERE", "INSERT", "ADD", "ENTER", "CHOOSE", "PUT", "XXX", "TBD",
            ],
            Syntax::Brackets | Syntax::Angle => &[],
        }
    }

    /// Whether `text` has the characters this syntax needs: most texts have no placeholder, and
    /// a few byte checks spare running (or building) its regex over them. `strings`: whether
    /// the text holds one of [`needed`]'s strings (every syntax's [`strings`](Self::strings)).
    fn may_occur(self, text: &str, strings: bool) -> bool {
        // `open` then, after spaces or tabs, an upper-case letter.
        let opens_upper = |open: u8| {
            let bytes = text.as_bytes();
            memchr::memchr_iter(open, bytes).any(|i| {
                bytes[i + 1..]
                    .iter()
                    .find(|&&c| c != b' ' && c != b'\t')
                    .is_some_and(u8::is_ascii_uppercase)
            })
        };
        match self {
            Syntax::Brackets => opens_upper(b'['),
            Syntax::Angle => opens_upper(b'<'),
            _ => strings && self.strings().iter().any(|w| text.contains(w)),
        }
    }

    /// A placeholder never spans a line break: masking one must not hide the next line's quote
    /// marker (`<CHOOSE ONE` then `> quoted…`).
    fn regex(self) -> &'static LeanRegex {
        static MUSTACHE: LazyLock<LeanRegex> =
            LazyLock::new(|| LeanRegex::new(r"\{\{[^{}\n]{0,200}\}\}|\{%[^\n]{0,200}?%\}"));
        static PERCENT: LazyLock<LeanRegex> =
            LazyLock::new(|| LeanRegex::new(r"%\{[A-Za-z0-9_.]{1,80}\}"));
        static BRACKETS: LazyLock<LeanRegex> =
            LazyLock::new(|| LeanRegex::new(r"\[[A-Z][A-Z0-9_ .\-/]{0,60}\]"));
        static ANGLE: LazyLock<LeanRegex> =
            LazyLock::new(|| LeanRegex::new(r"<[ \t]*[A-Z][A-Z0-9 _/\-]{1,60}?[ \t]*>"));
        static CAPS: LazyLock<LeanRegex> = LazyLock::new(|| {
            LeanRegex::new(
                r"\b(?:INSERT|ADD|ENTER|CHOOSE|PUT)(?:[ \t]+[A-Z][A-Z']+){1,5}\b|\b[A-Z][A-Z']+(?:[ \t]+[A-Z][A-Z']+){0,4}[ \t]+HERE\b|\bX{3,}\b|\bTBD\b",
            )
        });
        match self {
            Syntax::Mustache => &MUSTACHE,
            Syntax::Percent => &PERCENT,
            Syntax::Brackets => &BRACKETS,
            Syntax::Angle => &ANGLE,
            Syntax::Caps => &CAPS,
        }
    }
}

/// Every syntax's [`strings`](Syntax::strings), looked for in one pass: most texts have none (a
/// look for each took 3.7% of the instructions over the first 4,000 Enron emails).
fn needed() -> Option<&'static AhoCorasick> {
    static NEEDED: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        // An automaton of the contiguous kind: the search runs on its prefilter (eleven strings)
        // and only checks candidates with it, and the DFA kind took 0.16M instructions to build,
        // 2.7% of a draft's run.
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(Syntax::ALL.iter().flat_map(|s| s.strings()))
            .ok()
    });
    NEEDED.as_ref()
}

/// Masks every placeholder of `syntaxes` (and of the `extra` regexes) in `text`, keeping its length.
pub(crate) fn mask(text: &mut String, syntaxes: &[Syntax], extra: &[Regex]) {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let strings = syntaxes.iter().any(|s| !s.strings().is_empty())
        && needed().is_none_or(|needed| needed.is_match(text.as_str()));
    for s in syntaxes {
        // Most drafts have no placeholder: a byte check spares building the regex.
        if s.may_occur(text, strings) {
            spans.extend(s.regex().find_iter(text));
        }
    }
    for r in extra {
        spans.extend(r.find_iter(text).map(|m| (m.start(), m.end())));
    }
    if spans.is_empty() {
        return;
    }
    mask_spans(text, &spans);
}

/// Replaces every byte of each span with [`MASK`] (line breaks stay, so lines keep their shape).
pub(crate) fn mask_spans(text: &mut String, spans: &[(usize, usize)]) {
    let mut bytes = std::mem::take(text).into_bytes();
    for &(start, end) in spans {
        for b in &mut bytes[start..end] {
            if *b != b'\n' && *b != b'\r' {
                *b = MASK;
            }
        }
    }
    *text = String::from_utf8(bytes).expect("whole characters were replaced by ASCII bytes");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_each_syntax() {
        let mut text = "Hi {{ticket.requester.first_name}}, {%customer.firstName,fallback=there%} %{name} [EMAIL] <CHOOSE ONE> INSERT ITEM HERE [link](x)".to_owned();
        let len = text.len();
        mask(&mut text, &Syntax::ALL, &[]);
        assert_eq!(text.len(), len);
        let visible: String = text.chars().filter(|&c| c != char::from(MASK)).collect();
        assert_eq!(visible, "Hi ,      [link](x)");
    }

    /// Past a few kilobytes searched, each syntax's regex walks a table of its transitions: it
    /// finds what its automaton tried at every start finds.
    #[test]
    fn each_syntax_finds_the_same_through_its_table() {
        let texts = [
            "Dear [CUSTOMER NAME], see [link](x), [ NOT ] and [A] or [A-1/B.C] [a]",
            "INSERT ITEM HERE, or XXXX, TBD, ADD YOUR NAME and PUT IT HERE; X and XX",
            "{{ticket.id}} {%customer.name%} %{name} < CHOOSE ONE > <b> {{a\nb}}",
            "",
            "[",
        ];
        let long = "a [B] INSERT NAME HERE {{x}} <CD> %{d} ".repeat(200);
        for syntax in Syntax::ALL {
            let regex = syntax.regex();
            assert_eq!(regex.find_iter(&long).count(), 200, "{syntax:?}");
            assert!(regex.has_table(), "{syntax:?}");
            for text in texts.iter().copied().chain([long.as_str()]) {
                assert_eq!(
                    regex.find_iter(text).collect::<Vec<_>>(),
                    regex.find_iter_without_table(text),
                    "{syntax:?} in {text:?}"
                );
            }
        }
    }
}
