//! Decoders that keep a map back to the file: quoted-printable, charsets, `format=flowed`.
//!
//! Each produces text plus `map`, where `map[i]` is the file offset of output byte `i` and
//! `map[len]` the offset just past the input, so findings in decoded text point at the right
//! bytes of the file.

/// Text being built with a file offset for each of its bytes.
#[derive(Debug, Default, Clone)]
pub(crate) struct Mapped {
    pub(crate) text: String,
    pub(crate) map: Vec<usize>,
}

impl Mapped {
    pub(crate) fn with_capacity(n: usize) -> Mapped {
        Mapped {
            text: String::with_capacity(n),
            map: Vec::with_capacity(n + 1),
        }
    }

    /// Appends `c`, every byte of it mapped to file offset `at`.
    pub(crate) fn push(&mut self, c: char, at: usize) {
        let before = self.text.len();
        self.text.push(c);
        self.map
            .extend(std::iter::repeat_n(at, self.text.len() - before));
    }

    /// Appends `s`, every byte of it mapped to file offset `at`.
    pub(crate) fn push_str(&mut self, s: &str, at: usize) {
        self.text.push_str(s);
        self.map.extend(std::iter::repeat_n(at, s.len()));
    }

    /// Closes the map with the offset just past the input.
    pub(crate) fn finish(mut self, end: usize) -> Mapped {
        self.map.push(end);
        self
    }

    /// Maps `text` (a verbatim slice of the file starting at `offset`) one to one.
    #[cfg(test)]
    pub(crate) fn identity(text: &str, offset: usize) -> Mapped {
        Mapped {
            text: text.to_owned(),
            map: (offset..=offset + text.len()).collect(),
        }
    }

    /// Re-expresses a map made over this text's bytes: `inner[i]` indexes into `self`.
    pub(crate) fn compose(&self, inner: Mapped) -> Mapped {
        Mapped {
            map: inner
                .map
                .iter()
                .map(|&i| self.map[i.min(self.map.len() - 1)])
                .collect(),
            text: inner.text,
        }
    }
}

/// Decodes quoted-printable `raw` (found at file offset `offset`) into bytes with their offsets.
pub(crate) fn quoted_printable(raw: &[u8], offset: usize) -> (Vec<u8>, Vec<usize>) {
    let mut out = Vec::with_capacity(raw.len());
    let mut map = Vec::with_capacity(raw.len() + 1);
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if b == b'=' {
            // Soft line break: "=" then optional white space, then a line end.
            let mut j = i + 1;
            while j < raw.len() && (raw[j] == b' ' || raw[j] == b'\t') {
                j += 1;
            }
            if raw.get(j) == Some(&b'\n') {
                i = j + 1;
                continue;
            }
            if raw.get(j) == Some(&b'\r') && raw.get(j + 1) == Some(&b'\n') {
                i = j + 2;
                continue;
            }
            if let (Some(h), Some(l)) = (raw.get(i + 1).and_then(hex), raw.get(i + 2).and_then(hex))
            {
                out.push(h * 16 + l);
                map.push(offset + i);
                i += 3;
                continue;
            }
        }
        out.push(b);
        map.push(offset + i);
        i += 1;
    }
    map.push(offset + raw.len());
    (out, map)
}

fn hex(b: &u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    }
}

/// The characters Windows-1252 puts at 0x80–0x9F (where ISO-8859-1 has C1 controls).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Labels of UTF-8 and its ASCII subset (and no label at all).
const UTF8_LABELS: &[&str] = &["", "utf-8", "utf8", "us-ascii", "ascii", "x-unknown"];

/// Labels of the single-byte charsets decoded here: ISO-8859-1 and Windows-1252, its superset
/// (ISO-8859-15 differs in eight rarely used places and is read the same way).
const SINGLE_BYTE_LABELS: &[&str] = &[
    "iso-8859-1",
    "latin1",
    "latin-1",
    "iso8859-1",
    "windows-1252",
    "cp1252",
    "iso-8859-15",
];

/// Whether `charset` is one this module decodes exactly.
pub(crate) fn is_known_charset(charset: &str) -> bool {
    let label = charset.to_ascii_lowercase();
    UTF8_LABELS.contains(&label.as_str()) || SINGLE_BYTE_LABELS.contains(&label.as_str())
}

/// Decodes `bytes` (with per-byte `map`, one longer than `bytes`) from `charset`. UTF-8 that is
/// not valid falls back to Windows-1252, the usual culprit; the flag says whether that happened.
pub(crate) fn charset(bytes: &[u8], map: &[usize], charset: &str) -> (Mapped, bool) {
    let single_byte = SINGLE_BYTE_LABELS.contains(&charset.to_ascii_lowercase().as_str());
    if !single_byte && let Ok(text) = std::str::from_utf8(bytes) {
        return (
            Mapped {
                text: text.to_owned(),
                map: map.to_vec(),
            },
            false,
        );
    }
    let mut out = Mapped::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        let c = match b {
            0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        };
        out.push(c, map[i]);
    }
    (out.finish(map[bytes.len()]), !single_byte)
}

/// Undoes `format=flowed` (RFC 3676): joins soft line breaks (a line ending in a space) and
/// removes space-stuffing. With `delsp`, the space before a soft break goes too. Quoted lines and
/// the signature separator are left as they are.
pub(crate) fn unflow(input: &Mapped, delsp: bool) -> Mapped {
    let text = input.text.as_str();
    let mut inner = Mapped::with_capacity(text.len());
    let mut start = 0;
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let next = (end + 1).min(text.len());
        let mut line_end = end;
        if line_end > start && text.as_bytes()[line_end - 1] == b'\r' {
            line_end -= 1;
        }
        let mut line_start = start;
        if text[start..line_end].starts_with(' ') {
            line_start += 1;
        }
        let line = &text[line_start..line_end];
        let soft =
            line.ends_with(' ') && line != "-- " && !line.starts_with('>') && end < text.len();
        let keep_end = if soft && delsp {
            line_end - 1
        } else {
            line_end
        };
        for (i, c) in text[line_start..keep_end].char_indices() {
            inner.push(c, line_start + i);
        }
        if !soft {
            for (i, c) in text[keep_end..next].char_indices() {
                inner.push(c, keep_end + i);
            }
        }
        start = next;
    }
    input.compose(inner.finish(text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qp_maps_to_encoded_bytes() {
        let raw = b"Zo=C3=AB didn=E2=80=99t=\n read";
        let (bytes, map) = quoted_printable(raw, 100);
        let (text, _) = charset(&bytes, &map, "utf-8");
        assert_eq!(text.text, "Zoë didn’t read");
        let r = text.text.find("read").unwrap();
        assert_eq!(text.map[r], 100 + raw.len() - 4);
        let t = text.text.find('’').unwrap();
        assert_eq!(text.map[t], 100 + 13);
    }

    #[test]
    fn latin1_and_fallback() {
        let bytes = b"caf\xe9 \x93ok\x94";
        let map: Vec<usize> = (0..=bytes.len()).collect();
        let (text, fell_back) = charset(bytes, &map, "utf-8");
        assert!(fell_back);
        assert_eq!(text.text, "café “ok”");
        assert_eq!(text.map[text.text.find('“').unwrap()], 5);
    }

    #[test]
    fn flowed_joins_soft_breaks() {
        let input = Mapped::identity("Hello \nworld.\n More\n-- \nsig", 10);
        let out = unflow(&input, false);
        assert_eq!(out.text, "Hello world.\nMore\n-- \nsig");
        assert_eq!(out.map[out.text.find("world").unwrap()], 17);
        assert_eq!(out.map[out.text.find("More").unwrap()], 10 + 15);
    }
}
