//! Sources: a file's text and how to split it into zoned segments and regions.
//!
//! The text is kept with the file's byte offsets (BOM, CRLF and all), so every region and finding
//! is a byte span of the file as it is on disk. A source yields [`Segment`]s: the text the rules
//! see (the file itself, or a decoded part of it: an email body, a JSON string, HTML as text),
//! its regions, and an [`OffsetMap`] back to the file. Placeholders and URLs are masked in every
//! segment, so no rule matches them or through them.

mod commit;
mod decode;
mod eml;
mod html;
mod json;
mod markdown;
pub mod placeholder;
mod plain;

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::region::{Region, Zone};
use crate::span::Span;
pub use json::DEFAULT_FIELDS as DEFAULT_JSON_FIELDS;
pub use placeholder::Syntax;

/// How a source's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// A plain-text draft.
    Plain,
    /// Markdown: code, HTML, front matter and link targets are not prose.
    Markdown,
    /// HTML: text content only.
    Html,
    /// An RFC 5322 email, mbox file, git patch mail or Emacs message buffer.
    Email,
    /// A JSON export of help-desk macros or templates.
    Json,
    /// A git commit, merge or tag message: `#` comment lines and the diff of `--verbose` are not
    /// prose.
    Commit,
}

impl Kind {
    /// The kind a file name says, if it says one. `.txt` says nothing: a text file that starts
    /// with headers is an email (an Emacs buffer, a saved message).
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_str()?;
        if matches!(
            name,
            "COMMIT_EDITMSG" | "MERGE_MSG" | "TAG_EDITMSG" | "SQUASH_MSG" | "EDIT_DESCRIPTION"
        ) {
            return Some(Kind::Commit);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Kind::Markdown,
            "html" | "htm" => Kind::Html,
            "eml" | "mbox" | "patch" | "msg" | "mail" => Kind::Email,
            "json" => Kind::Json,
            _ => return None,
        })
    }

    /// The kind of `text` by its content: headers first means email, else plain text.
    #[must_use]
    pub fn sniff(text: &str) -> Kind {
        if eml::sniff(text) {
            Kind::Email
        } else {
            Kind::Plain
        }
    }
}

/// How sources are read: placeholder syntaxes, the separator between replies in one file, and the
/// JSON keys that hold replies.
#[derive(Debug, Clone)]
pub struct Options {
    /// Placeholder syntaxes to mask. (This and the JSON keys are shared, not copied, by the
    /// options of every file a run reads.)
    pub placeholders: Arc<[Syntax]>,
    /// More placeholder patterns.
    pub extra_placeholders: Vec<Regex>,
    /// A line matching this starts a new reply (plain text and Markdown files of many replies).
    pub reply_separator: Option<Regex>,
    /// Keys of JSON exports whose string values are replies (besides Zendesk's `comment_value`).
    pub json_fields: Arc<[String]>,
    /// The client's message the replies answer, when it is not quoted in them (`--context`):
    /// read as quoted text of every reply, so rules can read it and findings never point in it.
    pub context: Option<Arc<str>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            placeholders: Syntax::ALL.into(),
            extra_placeholders: Vec::new(),
            reply_separator: None,
            json_fields: json::DEFAULT_FIELDS.iter().map(|&f| f.to_owned()).collect(),
            context: None,
        }
    }
}

/// A text to lint.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in reports (`-` or `--stdin-filename` for stdin).
    pub path: String,
    /// The file's text, byte for byte: where the file is not valid UTF-8, each invalid byte is
    /// `?`, so offsets, lines and columns stay the file's.
    pub text: String,
    /// The file's bytes, kept only when they are not valid UTF-8 (for charset decoding).
    pub raw: Option<Vec<u8>>,
    /// How to read it.
    pub kind: Kind,
    /// Reading options.
    pub options: Options,
}

impl Source {
    /// A source of `kind` holding `text`, named `path` in findings (a file name, or any label).
    #[must_use]
    pub fn new(path: impl Into<String>, text: impl Into<String>, kind: Kind) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
            raw: None,
            kind,
            options: Options::default(),
        }
    }

    /// The same source answering `context`, the client's message (when the reply does not quote
    /// it): read as quoted text, so the empathy rules see the client's stress.
    #[must_use]
    pub fn with_context(mut self, context: impl Into<Arc<str>>) -> Source {
        self.options.context = Some(context.into());
        self
    }

    /// A plain-text source.
    #[must_use]
    pub fn plain(path: impl Into<String>, text: impl Into<String>) -> Source {
        Source::new(path, text, Kind::Plain)
    }

    /// A source from a file's bytes: the kind from `kind`, else from the name, else by content.
    #[must_use]
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>, kind: Option<Kind>) -> Source {
        Source::from_bytes_with(path, bytes, kind, Options::default())
    }

    /// [`from_bytes`](Self::from_bytes), read with `options`.
    #[must_use]
    pub fn from_bytes_with(
        path: impl Into<String>,
        bytes: Vec<u8>,
        kind: Option<Kind>,
        options: Options,
    ) -> Source {
        let path = path.into();
        let (text, raw) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => {
                let bytes = e.into_bytes();
                (same_length_text(&bytes), Some(bytes))
            }
        };
        let kind = kind
            .or_else(|| Kind::from_path(Path::new(&path)))
            .unwrap_or_else(|| Kind::sniff(&text));
        Source {
            path,
            text,
            raw,
            kind,
            options,
        }
    }

    /// The same source read with `options`.
    #[must_use]
    pub fn with_options(mut self, options: Options) -> Source {
        self.options = options;
        self
    }

    /// The file's bytes.
    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        self.raw.as_deref().unwrap_or(self.text.as_bytes())
    }

    /// Whether every segment that may be edited is the file's own bytes, so edits can be applied
    /// to the file. A segment of context only (the client's message given with `--context`, an
    /// email part that is all quoted text) is never edited and does not count.
    #[must_use]
    pub fn is_fixable(&self) -> bool {
        self.segments()
            .iter()
            .all(|s| s.map.is_verbatim() || !s.regions.iter().any(|r| r.zone.is_target()))
    }

    /// The source's regions that are verbatim spans of the file, sorted and disjoint.
    #[must_use]
    pub fn regions(&self) -> Vec<Region> {
        self.segments()
            .iter()
            .filter_map(|seg| match seg.map {
                OffsetMap::Shift(offset) => Some(seg.regions.iter().map(move |r| Region {
                    span: r.span.shift(offset),
                    zone: r.zone,
                })),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// The texts to lint, each with its regions and its way back to file offsets.
    #[must_use]
    pub fn segments(&self) -> Vec<Segment<'_>> {
        let mut segments = match self.kind {
            Kind::Plain if self.raw.is_some() => {
                let map: Vec<usize> = (0..=self.text.len()).collect();
                let (mapped, _) = decode::charset(self.bytes(), &map, "utf-8");
                vec![Segment {
                    regions: plain::regions(&mapped.text, 0),
                    text: Cow::Owned(mapped.text),
                    map: OffsetMap::Table(mapped.map),
                    reply: 0,
                    note: Some("not valid UTF-8: read as Windows-1252".to_owned()),
                }]
            }
            Kind::Plain => self.replies(Cow::Borrowed(&self.text)),
            Kind::Markdown => self.replies(Cow::Owned(markdown::mask(&self.text))),
            Kind::Commit => self.replies(Cow::Owned(commit::mask(&self.text))),
            Kind::Html => {
                let mapped = html::to_text(&self.text);
                vec![Segment {
                    regions: plain::regions(&mapped.text, 0),
                    text: Cow::Owned(mapped.text),
                    map: OffsetMap::Table(mapped.map),
                    reply: 0,
                    note: None,
                }]
            }
            Kind::Email => eml::segments(&self.text, self.bytes()),
            Kind::Json => match json::replies(&self.text, &self.options.json_fields) {
                Ok(replies) => replies
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mapped = if r.html {
                            r.text.compose(html::to_text(&r.text.text))
                        } else {
                            r.text
                        };
                        Segment {
                            regions: plain::regions(&mapped.text, 0),
                            text: Cow::Owned(mapped.text),
                            map: OffsetMap::Table(mapped.map),
                            reply: i,
                            note: None,
                        }
                    })
                    .collect(),
                Err(_) => Vec::new(),
            },
        };
        if let Some(context) = &self.options.context {
            for reply in replies(&segments) {
                segments.push(Segment {
                    regions: vec![Region {
                        span: Span::new(0, context.len()),
                        zone: Zone::Quoted,
                    }],
                    text: Cow::Owned(context.to_string()),
                    // Nothing in quoted text is ever reported or edited.
                    map: OffsetMap::Part(Span::new(0, 0)),
                    reply,
                    note: None,
                });
            }
        }
        for segment in &mut segments {
            self.mask(segment);
        }
        segments
    }

    /// The text of a client's message read from a file for `--context`: everything but its
    /// headers, markup and signature (an email's body, quoted history included).
    #[must_use]
    pub fn context_text(path: &str, bytes: Vec<u8>) -> String {
        let source = Source::from_bytes(path, bytes, None);
        let mut out = String::new();
        for segment in source.segments() {
            for region in &segment.regions {
                if region.zone != Zone::Signature {
                    out.push_str(segment.text[region.span.range()].trim_end());
                    out.push_str("\n\n");
                }
            }
        }
        out
    }

    /// Why the source cannot be read as its kind, if it cannot (invalid JSON, say).
    #[must_use]
    pub fn problem(&self) -> Option<String> {
        match self.kind {
            Kind::Json => json::replies(&self.text, &self.options.json_fields)
                .err()
                .map(|(at, message)| {
                    let pos = crate::span::LineIndex::new(&self.text).position(&self.text, at);
                    format!("{}:{}: invalid JSON: {message}", pos.line, pos.column)
                }),
            _ => None,
        }
    }

    /// Splits `text` (the file, or a same-length masked copy) into one segment per reply.
    fn replies<'a>(&'a self, text: Cow<'a, str>) -> Vec<Segment<'a>> {
        let Some(separator) = &self.options.reply_separator else {
            return vec![Segment {
                regions: plain::regions(&text, 0),
                text,
                map: OffsetMap::Shift(0),
                reply: 0,
                note: None,
            }];
        };
        let mut cuts = vec![0];
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if separator.is_match(line.trim_end_matches(['\n', '\r'])) {
                cuts.push(at);
                cuts.push(at + line.len());
            }
            at += line.len();
        }
        cuts.push(text.len());
        cuts.chunks(2)
            .enumerate()
            .map(|(reply, pair)| {
                let (start, end) = (pair[0], pair[1]);
                let slice: Cow<'a, str> = match &text {
                    Cow::Borrowed(t) => Cow::Borrowed(&t[start..end]),
                    Cow::Owned(t) => Cow::Owned(t[start..end].to_owned()),
                };
                Segment {
                    regions: plain::regions(&slice, 0),
                    text: slice,
                    map: OffsetMap::Shift(start),
                    reply,
                    note: None,
                }
            })
            .collect()
    }

    /// Masks placeholders, URLs and email addresses in a segment's text (keeping its length).
    fn mask(&self, segment: &mut Segment<'_>) {
        static URLS: LazyLock<crate::regex::LeanRegex> = LazyLock::new(|| {
            crate::regex::LeanRegex::new(
                r"(?-u:\b)(?:https?|ftp)://[^\s<>()]+|(?-u:\b)www\.[^\s<>()]+|(?-u:\b)[A-Za-z0-9_.+-]+@[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+",
            )
        });
        let mut text = segment.text.to_string();
        placeholder::mask(
            &mut text,
            &self.options.placeholders,
            &self.options.extra_placeholders,
        );
        // An address or link never holds white space: the regex runs on the words that could be
        // one (those around an "@", a "://" or a "www."), not over the whole text.
        static NEEDLES: LazyLock<[memchr::memmem::Finder<'static>; 3]> = LazyLock::new(|| {
            ["://", "www.", "@"].map(|needle| memchr::memmem::Finder::new(needle.as_bytes()))
        });
        // Built once, where `str::contains` and `match_indices` set up a search for each needle
        // on each text.
        let mut words: Vec<(usize, usize)> = NEEDLES
            .iter()
            .flat_map(|needle| needle.find_iter(text.as_bytes()))
            .map(|at| {
                let start = text[..at]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let end = text[at..]
                    .find(char::is_whitespace)
                    .map_or(text.len(), |i| at + i);
                (start, end)
            })
            .collect();
        if !words.is_empty() {
            words.sort_unstable();
            words.dedup();
            let urls: Vec<(usize, usize)> = words
                .iter()
                .flat_map(|&(start, end)| {
                    URLS.find_iter(&text[start..end])
                        .map(move |(a, b)| (start + a, start + b))
                })
                .collect();
            placeholder::mask_spans(&mut text, &urls);
        }
        if text != *segment.text {
            // Zones are found again on the masked text: "Hi {{ticket.requester.name}}," is a
            // greeting once the placeholder's dots no longer read as sentence ends.
            if !segment
                .regions
                .iter()
                .any(|r| r.zone == crate::region::Zone::Subject)
            {
                segment.regions = plain::regions(&text, 0);
            }
            segment.text = Cow::Owned(text);
        }
    }
}

/// The file's bytes as text of the same length: each byte of an invalid UTF-8 sequence is `?`.
fn same_length_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..valid]).expect("checked valid"));
                let bad = e.error_len().unwrap_or(rest.len() - valid);
                out.extend(std::iter::repeat_n('?', bad));
                rest = &rest[valid + bad..];
            }
        }
    }
    out
}

/// How offsets in a segment's text map to offsets in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OffsetMap {
    /// The segment is the file's bytes starting at this offset: exact, and edits apply as they are.
    Shift(usize),
    /// The segment was decoded (quoted-printable, JSON escapes, HTML): `table[i]` is the file
    /// offset of segment byte `i`, and `table[len]` the file offset just past the segment.
    /// Spans map exactly; edits cannot be applied byte for byte, so suggestions lose their edits.
    Table(Vec<usize>),
    /// The segment cannot be mapped exactly (base64): every position maps to this span of the
    /// file (the part), and findings carry a note saying so.
    Part(Span),
}

impl OffsetMap {
    /// The file span of segment span `span`.
    #[must_use]
    pub fn to_file(&self, span: Span) -> Span {
        match self {
            OffsetMap::Shift(offset) => span.shift(*offset),
            OffsetMap::Table(table) => {
                let at = |i: usize| table[i.min(table.len() - 1)];
                // The end is where the next decoded byte comes from, so a span ending on an
                // escape (`=E2=80=99`, `\u00e9`, `&amp;`) covers the whole escape.
                let start = at(span.start);
                Span::new(start, at(span.end).max(start))
            }
            OffsetMap::Part(part) => *part,
        }
    }

    /// Whether edits in segment offsets can be applied to the file after mapping.
    #[must_use]
    pub fn is_verbatim(&self) -> bool {
        matches!(self, OffsetMap::Shift(_))
    }
}

/// The replies the segments belong to, in order, each once.
pub(crate) fn replies(segments: &[Segment<'_>]) -> Vec<usize> {
    let mut replies: Vec<usize> = segments.iter().map(|s| s.reply).collect();
    replies.sort_unstable();
    replies.dedup();
    replies
}

/// A text to lint: the file itself, or a part of it decoded (an email body, a JSON string).
#[derive(Debug, Clone)]
pub struct Segment<'a> {
    /// The text the rules see.
    pub text: Cow<'a, str>,
    /// Its regions, as spans of `text`, sorted and disjoint.
    pub regions: Vec<Region>,
    /// How its offsets map to the file.
    pub map: OffsetMap,
    /// Which reply of the file it belongs to (a file of canned responses holds several).
    pub reply: usize,
    /// A note every finding in it carries (approximate positions, say).
    pub note: Option<String>,
}
