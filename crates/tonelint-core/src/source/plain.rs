//! Regions of a plain-text reply: greeting, opening, body, closing, quoted text and signature.
//!
//! Works line by line on the original text, so every region is a span of the file. Quoted text is
//! recognised by `>` markers, attribution lines ("On … wrote:", "X writes:", and their common
//! translations), Outlook's "-----Original Message-----" and "From: … Sent: …" blocks and forward
//! markers; a signature starts at a line that is exactly `-- ` (or `--`).

use std::sync::LazyLock;

use crate::regex::LeanRegex;
use crate::region::{Region, Zone};
use crate::span::{Span, line_spans};

static ATTRIBUTION: LazyLock<LeanRegex> = LazyLock::new(|| {
    LeanRegex::new(
        r"(?ix)(?:
            (?-u:\b)(?:wrote|writes|schrieb|escribió|escribio|ha\ scritto|schreef|skrev|kirjoitti|napisał|napisała|escreveu|написал|написала)\s*:
          | (?-u:\b)a\ écrit\s*:
          | (?-u:\b)wrote\ on(?-u:\b).*:
        )\s*$",
    )
});

static ATTRIBUTION_START: LazyLock<LeanRegex> =
    LazyLock::new(|| LeanRegex::new(r"(?i)^\s*(?:on|am|le|el|il|op|den|em|w dniu)\s"));

static FORWARD_MARKER: LazyLock<LeanRegex> = LazyLock::new(|| {
    LeanRegex::new(
        r"(?ix)^\s*(?:
            -{2,}\s*original\ message\s*-{2,}
          | -{2,}\s*forwarded\ message\s*-{2,}
          | -{2,}\ forwarded\ by\ .*
          | begin\ forwarded\ message:
          | _{10,}
        )\s*$",
    )
});

static HEADER_LINE: LazyLock<LeanRegex> = LazyLock::new(|| {
    LeanRegex::new(
        r"(?i)^\s*\*?(?:from|sent|date|to|cc|subject|von|de|envoyé|gesendet|enviado|datum|an|à|para|objet|betreff)\*?\s*:",
    )
});

static GREETING: LazyLock<LeanRegex> = LazyLock::new(|| {
    LeanRegex::new(
        r"(?i)^\s*(?:hi|hello|hey|dear|greetings|good\ (?:morning|afternoon|evening)|hiya|howdy|hallo|bonjour|hola)(?-u:\b)[^.?]{0,60}[,!:.]?\s*$",
    )
});

static SIGN_OFF: LazyLock<LeanRegex> = LazyLock::new(|| {
    LeanRegex::new(
        r"(?ix)^\s*(?:thanks|thank\ you|many\ thanks|thanks\ again|thx|best|best\ regards|best\ wishes|kind\ regards|warm\ regards|warmest\ regards|warmly|regards|cheers|sincerely|yours|yours\ truly|yours\ sincerely|all\ the\ best|take\ care|talk\ soon|respectfully|with\ thanks|with\ appreciation|gratefully)\b[\w\ ]{0,24}[,.!]?\s*$",
    )
});

/// `line` with the full stops of titles (“Mr.”, “Dr.”) made spaces: a greeting ends at its first
/// full stop, but not at “Hello Mr. Castellano,”.
fn without_title_dots(line: &str) -> std::borrow::Cow<'_, str> {
    const TITLES: [&[u8]; 6] = [b"mr", b"mrs", b"ms", b"mx", b"dr", b"prof"];
    // At each full stop (most greetings have none), the title it may end: the line is copied
    // only when one does.
    let bytes = line.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    for dot in memchr::memchr_iter(b'.', bytes) {
        let ends_title = TITLES.iter().any(|title| {
            dot.checked_sub(title.len()).is_some_and(|at| {
                bytes[at..dot].eq_ignore_ascii_case(title)
                    && line[..at]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
        });
        if ends_title {
            out.get_or_insert_with(|| bytes.to_vec())[dot] = b' ';
        }
    }
    match out {
        // Only an ASCII '.' became an ASCII ' '.
        Some(bytes) => std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_default()),
        None => std::borrow::Cow::Borrowed(line),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Blank,
    Reply,
    Quoted,
    Signature,
}

/// The longest region: a longer paragraph (a log, an archive pasted whole, no blank line in
/// megabytes) is read in pieces of at most this size, cut at a line break, else after a sentence,
/// else at a space, so that the work and memory of one region stay bounded.
pub(crate) const MAX_REGION: usize = 64 << 10;

/// Splits a plain-text reply into zoned regions, sorted and disjoint, each without line terminators
/// at its ends. Blank lines separate regions; a paragraph longer than [`MAX_REGION`] is cut in
/// pieces of its zone.
pub(crate) fn regions(text: &str, offset: usize) -> Vec<Region> {
    let mut spans = line_spans(text);
    // A byte-order mark is not text: no region starts before it, so no edit lands in front of it.
    if text.starts_with('\u{feff}') {
        spans[0] = Span::new(3, spans[0].end.max(3));
    }
    let lines: Vec<&str> = spans.iter().map(|&s| &text[s]).collect();
    let kinds = classify(&lines);
    let mut regions = zone_lines(&spans, &lines, &kinds);
    if regions.iter().any(|r| r.span.len() > MAX_REGION) {
        regions = cut_long(text, regions);
    }
    regions
        .into_iter()
        .map(|r| Region {
            span: r.span.shift(offset),
            zone: r.zone,
        })
        .collect()
}

/// `regions` with each one longer than [`MAX_REGION`] cut in pieces of its zone: at the last line
/// break that fits, else after the last sentence, else at the last space (else anywhere).
fn cut_long(text: &str, regions: Vec<Region>) -> Vec<Region> {
    let mut out = Vec::with_capacity(regions.len());
    for region in regions {
        let mut start = region.span.start;
        while region.span.end - start > MAX_REGION {
            let mut limit = start + MAX_REGION;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let window = &text[start..limit];
            let sentence_end = || {
                window
                    .rmatch_indices(['.', '!', '?'])
                    .find(|&(at, _)| window[at + 1..].starts_with(char::is_whitespace))
                    .map(|(at, _)| at + 1)
            };
            let (end, next) = match window.rfind('\n').filter(|&at| at > 0) {
                Some(at) => (window[..at].trim_end_matches('\r').len(), at + 1),
                None => match sentence_end().or_else(|| window.rfind(char::is_whitespace)) {
                    Some(at) if at > 0 => (at, at),
                    _ => (window.len(), window.len()),
                },
            };
            if end > 0 {
                out.push(Region {
                    span: Span::new(start, start + end),
                    zone: region.zone,
                });
            }
            start += next;
            start += text[start..region.span.end].len()
                - text[start..region.span.end].trim_start().len();
        }
        if start < region.span.end {
            out.push(Region {
                span: Span::new(start, region.span.end),
                zone: region.zone,
            });
        }
    }
    out
}

fn classify(lines: &[&str]) -> Vec<Line> {
    let mut kinds = vec![Line::Reply; lines.len()];
    let mut rest_quoted = false;
    let mut in_signature = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        if trimmed.is_empty() || is_mml_tag(trimmed) {
            kinds[i] = Line::Blank;
        } else if rest_quoted {
            kinds[i] = Line::Quoted;
        } else if line.trim_start().starts_with('>')
            || line.trim_start().starts_with('|') && in_signature
        {
            kinds[i] = Line::Quoted;
            in_signature = false;
        } else if line == "-- " || line == "--" {
            in_signature = true;
            kinds[i] = Line::Signature;
        } else if line.trim_start().starts_with(['-', '_', 'b', 'B'])
            && FORWARD_MARKER.is_match(line)
            || outlook_header_block(lines, i)
        {
            rest_quoted = true;
            kinds[i] = Line::Quoted;
        } else if let Some(first) = attribution(lines, i) {
            for kind in &mut kinds[first..=i] {
                *kind = Line::Quoted;
            }
            // Bottom-posted or interleaved replies quote with `>`: keep classifying line by line.
            // Otherwise (top-posting without markers) all that follows is the client's.
            let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
            if !next.is_some_and(|l| l.trim_start().starts_with('>')) {
                rest_quoted = true;
            }
            in_signature = false;
        } else if in_signature {
            kinds[i] = Line::Signature;
        }
        i += 1;
    }
    kinds
}

/// Emacs MML tags (`<#part type="text/plain" …>`, `<#/part>`) are markup, not prose.
fn is_mml_tag(line: &str) -> bool {
    (line.starts_with("<#") || line.starts_with("<#/")) && line.ends_with('>')
}

/// The first line of an attribution ending at line `i`, if line `i` ends one.
fn attribution(lines: &[&str], i: usize) -> Option<usize> {
    let line = lines[i];
    if line.len() > 300 || !line.trim_end().ends_with(':') || !ATTRIBUTION.is_match(line) {
        return None;
    }
    if ATTRIBUTION_START.is_match(line)
        || line.contains('@')
        || line.split_whitespace().count() <= 8
    {
        return Some(i);
    }
    // Mail clients wrap long attributions: "On Mon, 1 Jan 2024 at 10:00,\nSam <sam@…> wrote:".
    if i > 0 && ATTRIBUTION_START.is_match(lines[i - 1]) {
        return Some(i - 1);
    }
    None
}

/// Whether line `i` starts an Outlook-style header block ("From: …" then "Sent:"/"Date:" …).
fn outlook_header_block(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim_start().trim_start_matches('*');
    // No other letter lower-cases to one of these: comparing ASCII letters is enough, and the
    // line is not copied.
    let opens = |label: &str| {
        line.as_bytes()
            .get(..label.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(label.as_bytes()))
    };
    if !(opens("from:") || opens("von:") || opens("de:")) {
        return false;
    }
    lines[i + 1..]
        .iter()
        .take(4)
        .filter(|l| HEADER_LINE.is_match(l))
        .count()
        >= 2
}

fn zone_lines(spans: &[Span], lines: &[&str], kinds: &[Line]) -> Vec<Region> {
    // Paragraphs: maximal runs of lines of the same kind, split at blank lines.
    let mut paragraphs: Vec<(usize, usize, Line)> = Vec::new();
    for (i, &kind) in kinds.iter().enumerate() {
        if kind == Line::Blank {
            continue;
        }
        match paragraphs.last_mut() {
            Some((_, end, k)) if *k == kind && *end + 1 == i => *end = i,
            _ => paragraphs.push((i, i, kind)),
        }
    }
    let mut zones: Vec<(usize, usize, Zone)> = Vec::new();
    let reply: Vec<usize> = paragraphs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.2 == Line::Reply)
        .map(|(i, _)| i)
        .collect();

    // Greeting: the first reply line, when it reads as a salutation.
    let mut greeting_line = None;
    if let Some(&first) = reply.first() {
        let (start, _, _) = paragraphs[first];
        if GREETING.is_match(&without_title_dots(lines[start]))
            && lines[start].split_whitespace().count() <= 8
        {
            greeting_line = Some(start);
        }
    }
    // Closing: the last sign-off line followed by at most three short lines in its paragraph
    // (a name, a title), plus the reply paragraph before it.
    let mut closing_from: Option<(usize, usize)> = None; // (paragraph index, line)
    // The sign-off is in the last reply paragraph, or in the one before it when the last is only a
    // short name ("Thanks,\n\nAlex").
    'outer: for (nth, &p) in reply.iter().rev().enumerate().take(2) {
        let (start, end, _) = paragraphs[p];
        for l in (start..=end).rev() {
            if end - l <= 3
                && SIGN_OFF.is_match(lines[l])
                && lines[l].split_whitespace().count() <= 5
            {
                if Some(l) != greeting_line {
                    closing_from = Some((p, l));
                }
                break 'outer;
            }
        }
        let short_name =
            end - start < 3 && (start..=end).all(|l| lines[l].split_whitespace().count() <= 4);
        if nth > 0 || !short_name {
            break;
        }
    }

    let mut opening_done = false;
    for (pi, &(start, end, kind)) in paragraphs.iter().enumerate() {
        match kind {
            Line::Quoted => zones.push((start, end, Zone::Quoted)),
            Line::Signature => zones.push((start, end, Zone::Signature)),
            Line::Blank => {}
            Line::Reply => {
                let mut first = start;
                if greeting_line == Some(start) {
                    zones.push((start, start, Zone::Greeting));
                    first = start + 1;
                    if first > end {
                        continue;
                    }
                }
                let closing_before = closing_from.and_then(|(cp, _)| {
                    let prev = reply
                        .iter()
                        .rposition(|&r| r == cp)
                        .and_then(|k| k.checked_sub(1));
                    prev.map(|k| reply[k])
                });
                let zone_for = |opening_done: bool| {
                    if Some(pi) == closing_before && opening_done {
                        Zone::Closing
                    } else if opening_done {
                        Zone::Body
                    } else {
                        Zone::Opening
                    }
                };
                match closing_from {
                    Some((cp, _)) if pi > cp => zones.push((first, end, Zone::Closing)),
                    Some((cp, line)) if cp == pi => {
                        if line > first {
                            zones.push((first, line - 1, zone_for(opening_done)));
                            opening_done = true;
                        }
                        zones.push((line, end, Zone::Closing));
                    }
                    _ => {
                        zones.push((first, end, zone_for(opening_done)));
                        opening_done = true;
                    }
                }
            }
        }
    }
    zones
        .into_iter()
        .map(|(start, end, zone)| Region {
            span: Span::new(spans[start].start, spans[end].end),
            zone,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zones(text: &str) -> Vec<(Zone, &str)> {
        regions(text, 0)
            .into_iter()
            .map(|r| (r.zone, &text[r.span]))
            .collect()
    }

    #[test]
    fn reply_with_quote_and_signature() {
        let text = "Hi Sam,\n\nThanks for writing.\n\nThe fix ships Friday.\n\nLet me know.\n\nBest,\nAlex\n-- \nAlex, Support\n\nOn Mon, 1 Jan 2024, Sam wrote:\n> This is broken AGAIN!!!\n";
        assert_eq!(
            zones(text),
            [
                (Zone::Greeting, "Hi Sam,"),
                (Zone::Opening, "Thanks for writing."),
                (Zone::Body, "The fix ships Friday."),
                (Zone::Closing, "Let me know."),
                (Zone::Closing, "Best,\nAlex"),
                (Zone::Signature, "-- \nAlex, Support"),
                (
                    Zone::Quoted,
                    "On Mon, 1 Jan 2024, Sam wrote:\n> This is broken AGAIN!!!"
                ),
            ]
        );
    }

    #[test]
    fn greeting_with_a_title() {
        for greeting in [
            "Hello Mr. Castellano,",
            "Dear Dr. Okafor,",
            "Hi Prof. Lee -",
        ] {
            let text = format!("{greeting}\n\nThe line is fixed.\n");
            assert_eq!(zones(&text)[0], (Zone::Greeting, greeting));
        }
        assert_eq!(zones("Hi. The line is fixed.\n")[0].0, Zone::Opening);
    }

    #[test]
    fn the_dots_of_titles_become_spaces_and_no_other() {
        for (line, expected) in [
            ("Hello Mr. Castellano,", "Hello Mr  Castellano,"),
            (
                "Hi Mrs. Jones, Ms. Lee and DR. No.",
                "Hi Mrs  Jones, Ms  Lee and DR  No.",
            ),
            ("Dear prof.Lee", "Dear prof Lee"),
            ("Mx. Rivera,", "Mx  Rivera,"),
            // Inside a word, or after a letter that is not ASCII: no title.
            ("Hi Amr. Thanks.", "Hi Amr. Thanks."),
            ("Hi éMr. X", "Hi éMr. X"),
            ("Hi. Mr", "Hi. Mr"),
            ("No dot at all", "No dot at all"),
        ] {
            assert_eq!(without_title_dots(line), expected, "{line:?}");
        }
    }

    #[test]
    fn top_posted_outlook_block_is_quoted() {
        let text = "I'll look into it today.\n\nFrom: Sam <sam@example.com>\nSent: Monday\nTo: Support\nSubject: help\n\nYou broke it.\n";
        let z = zones(text);
        assert_eq!(z[0], (Zone::Opening, "I'll look into it today."));
        assert!(z[1..].iter().all(|(zone, _)| *zone == Zone::Quoted));
        assert_eq!(z.last().unwrap().1, "You broke it.");
    }

    #[test]
    fn long_paragraphs_are_read_in_pieces() {
        let line = "As I already said, restart the router. Then try again.";
        let mut text = format!("Hi Sam,\n\n{}", [line; 4000].join("\n"));
        text.push_str(&format!("\n\n{}\n\nBest,\nAlex\n", [line; 3000].join(" ")));
        let regions = regions(&text, 0);
        assert_eq!(regions[0].zone, Zone::Greeting);
        assert_eq!(regions.last().unwrap().zone, Zone::Closing);
        let pieces = &regions[1..regions.len() - 1];
        assert!(pieces.len() > 4, "{}", pieces.len());
        for (i, piece) in pieces.iter().enumerate() {
            let piece_text = &text[piece.span.range()];
            assert!(piece.span.len() <= MAX_REGION, "{}", piece.span.len());
            assert!(piece.zone.is_target(), "{:?}", piece.zone);
            // Cut at line breaks in the first paragraph, after sentences in the second.
            assert!(
                piece_text.starts_with("As I") && piece_text.ends_with("again."),
                "{i}"
            );
            assert!(!piece_text.ends_with(char::is_whitespace));
        }
        // Nothing is lost but the white space at the cuts.
        let joined: String = pieces
            .iter()
            .map(|p| &text[p.span.range()])
            .collect::<Vec<_>>()
            .join(" ");
        let words = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            words(&joined),
            words(&text[pieces[0].span.start..pieces.last().unwrap().span.end])
        );
        // One long line without a sentence end or a space is cut anyway.
        let solid = "x".repeat(3 * MAX_REGION);
        let regions = super::regions(&solid, 0);
        assert_eq!(regions.len(), 3);
        assert!(regions.iter().all(|r| r.span.len() == MAX_REGION));
    }

    #[test]
    fn interleaved_quotes() {
        let text = "Sam writes:\n> Why is it down?\nThe router restarted.\n> When will it be back?\nIt is back now.\n";
        let z = zones(text);
        assert_eq!(z[0].0, Zone::Quoted);
        assert_eq!(z[1], (Zone::Opening, "The router restarted."));
        assert_eq!(z[2].0, Zone::Quoted);
        assert_eq!(z[3], (Zone::Body, "It is back now."));
    }
}
