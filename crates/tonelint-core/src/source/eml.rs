//! Email: RFC 5322 messages (`.eml`, stdin, mbox `From ` first line, git format-patch files) and
//! Emacs message-mode buffers. Parsed with mail-parser; the Subject and the reply's text part are
//! linted (the HTML part, converted to text, when there is no plain one).
//!
//! Positions: a 7bit/8bit UTF-8 body is the file's own bytes (exact, fixable). Quoted-printable,
//! Latin-1 and Windows-1252 bodies are decoded with a map to the encoded bytes (exact positions,
//! no edits). Base64 parts, unknown charsets and RFC 2047 subjects are linted as decoded text;
//! their findings point at the whole part with a note, never at a wrong line.

use std::borrow::Cow;

use mail_parser::{Encoding, MessageParser, MimeHeaders, PartType};

use super::decode::{self, Mapped};
use super::{OffsetMap, Segment, html, plain};
use crate::region::{Region, Zone};
use crate::span::Span;

/// The line Emacs' message mode puts between headers and body.
const EMACS_SEPARATOR: &str = "--text follows this line--";

/// Whether `text` reads as an email: an mbox `From ` line, an Emacs buffer, or a block of headers.
pub(crate) fn sniff(text: &str) -> bool {
    if text.starts_with("From ") && text.lines().nth(1).is_some_and(is_header_line) {
        return true;
    }
    let mut headers = 0;
    let mut known = false;
    for line in text.lines().take(60) {
        if line.is_empty() || line == EMACS_SEPARATOR {
            break;
        }
        if line.starts_with([' ', '\t']) && headers > 0 {
            continue;
        }
        if !is_header_line(line) {
            return false;
        }
        headers += 1;
        let name = line
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        known |= matches!(
            name.as_str(),
            "from"
                | "to"
                | "subject"
                | "date"
                | "mime-version"
                | "content-type"
                | "message-id"
                | "received"
        );
    }
    headers >= 2 && known
}

fn is_header_line(line: &str) -> bool {
    let Some((name, _)) = line.split_once(':') else {
        return false;
    };
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The segments of an email: the Subject and the reply's body.
pub(crate) fn segments<'a>(text: &'a str, raw: &[u8]) -> Vec<Segment<'a>> {
    let base = if text.starts_with("From ") {
        text.find('\n').map_or(text.len(), |i| i + 1)
    } else {
        0
    };
    let mut patched: Vec<u8>;
    let mut raw = raw;
    if let Some(at) = find_line(text, EMACS_SEPARATOR) {
        let headers = text[base..at].to_ascii_lowercase();
        if !headers.contains("mime-version:") {
            return emacs(text, base, at);
        }
        // A MIME-encoded buffer (as handed to `message-send-mail-function`): the separator stands
        // where the blank line ends the headers. Swap it for a same-length header and a blank line
        // so the parser sees a message and every offset stays the file's.
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let width = line_end - at;
        patched = raw.to_vec();
        let filler = format!("X-Pad:{}\n", " ".repeat(width.saturating_sub(7)));
        patched[at..at + filler.len().min(width)]
            .copy_from_slice(&filler.as_bytes()[..filler.len().min(width)]);
        raw = &patched;
    }
    let Some(message) = MessageParser::default().parse(&raw[base..]) else {
        return vec![plain_segment(text, base, text.len())];
    };
    let header_end = header_end(text, base);
    let mut out = Vec::new();
    let is_patch = message
        .subject()
        .is_some_and(|s| s.contains("[PATCH") || s.contains("[RFC"));
    if let Some(subject) = subject_segment(text, base, header_end, message.subject()) {
        out.push(subject);
    }
    let text_part = message
        .text_body
        .iter()
        .filter_map(|&id| message.part(id))
        .find(|p| matches!(p.body, PartType::Text(_)) && !p.is_content_type("text", "html"));
    let part = text_part.or_else(|| {
        message
            .html_body
            .iter()
            .filter_map(|&id| message.part(id))
            .find(|p| matches!(p.body, PartType::Html(_)))
    });
    let Some(part) = part else {
        return out;
    };
    let start = base + part.offset_body as usize;
    let end = (base + part.offset_end as usize).min(text.len());
    if start > end {
        return out;
    }
    let content_type = part.content_type();
    let charset = content_type
        .and_then(|c| c.attribute("charset"))
        .unwrap_or("utf-8")
        .to_owned();
    let flowed = content_type
        .and_then(|c| c.attribute("format"))
        .is_some_and(|f| f.eq_ignore_ascii_case("flowed"));
    let delsp = content_type
        .and_then(|c| c.attribute("delsp"))
        .is_some_and(|f| f.eq_ignore_ascii_case("yes"));
    let is_html = matches!(part.body, PartType::Html(_));
    let utf8ish = matches!(
        charset.to_ascii_lowercase().as_str(),
        "utf-8" | "utf8" | "us-ascii" | "ascii"
    );
    let part_span = Span::new(start, end);

    // Decode to (text, map); `None` map: the body is the file's own bytes.
    let mut note = None;
    let decoded: Result<Option<Mapped>, String> = match part.encoding {
        Encoding::None
            if utf8ish
                && text.is_char_boundary(start)
                && text.is_char_boundary(end)
                && std::str::from_utf8(&raw[start..end]).is_ok() =>
        {
            Ok(None)
        }
        Encoding::None if decode::is_known_charset(&charset) => {
            let map: Vec<usize> = (start..=end).collect();
            let (mapped, fell_back) = decode::charset(&raw[start..end], &map, &charset);
            if fell_back {
                note = Some(format!(
                    "the part says {charset} but is not; read as Windows-1252"
                ));
            }
            Ok(Some(mapped))
        }
        Encoding::QuotedPrintable if decode::is_known_charset(&charset) => {
            let (bytes, map) = decode::quoted_printable(&raw[start..end], start);
            let (mapped, fell_back) = decode::charset(&bytes, &map, &charset);
            if fell_back {
                note = Some(format!(
                    "the part says {charset} but is not; read as Windows-1252"
                ));
            }
            Ok(Some(mapped))
        }
        Encoding::Base64 => Err("base64-encoded part".to_owned()),
        _ => Err(format!("charset {charset}")),
    };
    let segment = match decoded {
        Ok(None) => {
            let body = &text[start..end];
            if is_html {
                mapped_segment(html::to_text(body).shifted(start), is_patch, note)
            } else {
                let body_end = if is_patch {
                    patch_prose_end(body)
                } else {
                    body.len()
                };
                plain_segment(text, start, start + body_end)
            }
        }
        Ok(Some(mapped)) => {
            let mapped = if flowed {
                decode::unflow(&mapped, delsp)
            } else {
                mapped
            };
            let mapped = if is_html {
                mapped.compose(html::to_text(&mapped.text))
            } else {
                mapped
            };
            mapped_segment(mapped, is_patch, note)
        }
        Err(why) => {
            let body = part.text_contents().unwrap_or_default();
            let body = if is_html {
                html::to_text(body).text
            } else {
                body.to_owned()
            };
            let body = if is_patch {
                body[..patch_prose_end(&body)].to_owned()
            } else {
                body
            };
            Segment {
                regions: plain::regions(&body, 0),
                text: Cow::Owned(body),
                map: OffsetMap::Part(part_span),
                reply: 0,
                note: Some(format!("{why}: the finding is somewhere in this part")),
            }
        }
    };
    out.push(segment);
    out
}

impl Mapped {
    /// The same text with every offset moved right by `offset`.
    fn shifted(mut self, offset: usize) -> Mapped {
        for m in &mut self.map {
            *m += offset;
        }
        self
    }
}

fn mapped_segment<'a>(mut mapped: Mapped, is_patch: bool, note: Option<String>) -> Segment<'a> {
    if is_patch {
        let end = patch_prose_end(&mapped.text);
        let file_end = mapped.map[end];
        mapped.text.truncate(end);
        mapped.map.truncate(end);
        mapped.map.push(file_end);
    }
    Segment {
        regions: plain::regions(&mapped.text, 0),
        text: Cow::Owned(mapped.text),
        map: OffsetMap::Table(mapped.map),
        reply: 0,
        note,
    }
}

/// A verbatim slice of the file as a plain-text segment.
fn plain_segment(text: &str, start: usize, end: usize) -> Segment<'_> {
    Segment {
        regions: plain::regions(&text[start..end], 0),
        text: Cow::Borrowed(&text[start..end]),
        map: OffsetMap::Shift(start),
        reply: 0,
        note: None,
    }
}

/// In a patch mail, the prose ends at the first line that is exactly `---` (the diffstat follows).
fn patch_prose_end(body: &str) -> usize {
    find_line(body, "---").unwrap_or(body.len())
}

/// The byte offset of the first line equal to `wanted` (ignoring a CR).
fn find_line(text: &str, wanted: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r']) == wanted {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// Where the header block that starts at `base` ends (the blank line).
fn header_end(text: &str, base: usize) -> usize {
    let mut at = base;
    for line in text[base..].split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r']).is_empty() {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// The Subject header's value as a segment: the raw value when it is plain, the decoded value
/// (pointing at the whole header) when it uses RFC 2047 encoded words.
fn subject_segment<'a>(
    text: &'a str,
    base: usize,
    end: usize,
    decoded: Option<&str>,
) -> Option<Segment<'a>> {
    let mut at = base;
    let mut value: Option<(usize, usize)> = None;
    for line in text[base..end].split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        match value {
            None if bare
                .get(..8)
                .is_some_and(|h| h.eq_ignore_ascii_case("subject:")) =>
            {
                let rest = &bare[8..];
                let lead = rest.len() - rest.trim_start().len();
                value = Some((at + 8 + lead, at + bare.len()));
            }
            Some((s, _)) if line.starts_with([' ', '\t']) => value = Some((s, at + bare.len())),
            Some(_) => break,
            None => {}
        }
        at += line.len();
    }
    let (start, end) = value?;
    if start >= end {
        return None;
    }
    let raw = &text[start..end];
    if raw.contains("=?") {
        let decoded = decoded?.to_owned();
        return Some(Segment {
            regions: vec![Region {
                span: Span::new(0, decoded.len()),
                zone: Zone::Subject,
            }],
            text: Cow::Owned(decoded),
            map: OffsetMap::Part(Span::new(start, end)),
            reply: 0,
            note: Some("in the encoded Subject header".to_owned()),
        });
    }
    Some(Segment {
        regions: vec![Region {
            span: Span::new(0, raw.len()),
            zone: Zone::Subject,
        }],
        text: Cow::Borrowed(raw),
        map: OffsetMap::Shift(start),
        reply: 0,
        note: None,
    })
}

/// An Emacs message-mode buffer: headers, the separator line, then the body (MML tags are skipped
/// by the plain-text zoning).
fn emacs(text: &str, base: usize, separator: usize) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    if let Some(subject) = subject_segment(text, base, separator, None) {
        out.push(subject);
    }
    let body = text[separator..]
        .find('\n')
        .map_or(text.len(), |i| separator + i + 1);
    out.push(plain_segment(text, body, text.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(String, OffsetMap)> {
        segments(text, text.as_bytes())
            .into_iter()
            .map(|s| (s.text.into_owned(), s.map))
            .collect()
    }

    #[test]
    fn plain_8bit_body_is_verbatim() {
        let text = "From: a@example.com\nSubject: Re: help\nContent-Type: text/plain; charset=utf-8\n\nHi Zoë,\n\nRTFM.\n";
        let segs = texts(text);
        assert_eq!(segs[0].0, "Re: help");
        assert_eq!(segs[1].0, "Hi Zoë,\n\nRTFM.\n");
        assert_eq!(segs[1].1, OffsetMap::Shift(text.find("Hi").unwrap()));
    }

    #[test]
    fn sniffing() {
        assert!(sniff("From: a\nTo: b\n\nhi"));
        assert!(sniff("From 0ba74 Mon Sep 17 00:00:00 2001\nFrom: a\n"));
        assert!(!sniff("Hi Sam,\n\nThanks: it works.\n"));
        assert!(!sniff("Note: one\nTodo: two\n"));
    }
}
