//! `tonelint check --input-format jsonl`: a stream of replies, one JSON object per line, each
//! answered by one JSON line, in input order.
//!
//! A line in: `{"text": "…"}`, with optionally `id` (a string or a number, echoed as written),
//! `context` (the client's message, read as `--context` reads a file) and `format` (`text`,
//! `markdown`, `email`, `html`; without it, plain text unless the text starts with mail headers).
//! Other keys are ignored. A line out: `{"path", "line", "id", "findings": [...]}` (the findings
//! as the JSON contract gives them, offsets into `text`), with `"scorecard"` under
//! `--statistics`; or, for a line that cannot be linted, `{"path", "line", "id"?, "error"}`.
//! Blank lines are skipped, and counted. The lines are read in batches, each linted on one of
//! the runner's threads, so memory holds a few batches whatever the length of the stream.

use std::collections::{BTreeMap, VecDeque};
use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::value::RawValue;
use tonelint_core::{Kind, LineIndex, Linter, Severity, Source};

use crate::report::{self, FileError};
use crate::runner::Slot;
use crate::walk::MAX_FILE_SIZE;

/// How many lines a batch holds at most.
const BATCH_LINES: usize = 256;

/// How many bytes of lines a batch holds at most (a batch is at least one line).
const BATCH_BYTES: usize = 1 << 20;

/// The longest line read: as for a file, anything longer is a mistake.
const MAX_LINE: usize = MAX_FILE_SIZE as usize;

/// The formats a line may name, as the WebAssembly package names them.
const FORMATS: &str = "text, markdown, email, html";

/// The kind of a reply named by `format`.
fn kind_of(format: &str) -> Option<Kind> {
    Some(match format {
        "text" | "plain" => Kind::Plain,
        "markdown" => Kind::Markdown,
        "email" => Kind::Email,
        "html" => Kind::Html,
        _ => return None,
    })
}

/// One line of input, as read.
#[derive(Debug)]
pub enum Item {
    /// A line that is not blank, without its line break.
    Line {
        /// The input, as named (`-` for stdin).
        path: Arc<str>,
        /// Its 1-based line number.
        line: usize,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// A line over the size limit, not read.
    TooLong {
        /// The input.
        path: Arc<str>,
        /// Its line number.
        line: usize,
    },
    /// An input that could not be opened or read on.
    Unreadable(FileError),
}

/// An input being read.
struct Open {
    path: Arc<str>,
    reader: Box<dyn BufRead + Send>,
    line: usize,
}

/// The lines of the inputs, in batches, read as they are asked for.
pub struct Batches {
    paths: VecDeque<PathBuf>,
    open: Option<Open>,
    buf: Vec<u8>,
}

impl Batches {
    /// The batches of `paths`, in order (`-` is stdin).
    #[must_use]
    pub fn new(paths: &[PathBuf]) -> Batches {
        Batches {
            paths: paths.iter().cloned().collect(),
            open: None,
            buf: Vec::new(),
        }
    }

    /// Opens the next input; `None` when there is none left.
    fn open_next(&mut self) -> Option<Result<Open, FileError>> {
        let path = self.paths.pop_front()?;
        let shown: Arc<str> = path.display().to_string().into();
        if path.as_os_str() == "-" {
            return Some(Ok(Open {
                path: shown,
                reader: Box::new(BufReader::with_capacity(64 << 10, io::stdin())),
                line: 0,
            }));
        }
        let error = |message: String| FileError {
            path: shown.to_string(),
            message,
        };
        if path.is_dir() {
            return Some(Err(error("is a directory".to_owned())));
        }
        Some(match std::fs::File::open(&path) {
            Ok(file) => Ok(Open {
                path: shown,
                reader: Box::new(BufReader::with_capacity(64 << 10, file)),
                line: 0,
            }),
            Err(e) => Err(error(e.to_string())),
        })
    }
}

impl Iterator for Batches {
    type Item = Vec<Item>;

    fn next(&mut self) -> Option<Vec<Item>> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
            let open = match &mut self.open {
                Some(open) => open,
                None => match self.open_next() {
                    None if batch.is_empty() => return None,
                    None => break,
                    Some(Err(e)) => {
                        batch.push(Item::Unreadable(e));
                        continue;
                    }
                    Some(Ok(open)) => self.open.insert(open),
                },
            };
            match read_line(&mut *open.reader, &mut self.buf) {
                Ok(None) => self.open = None,
                Ok(Some(length)) => {
                    open.line += 1;
                    bytes += length.min(MAX_LINE);
                    if length > MAX_LINE {
                        batch.push(Item::TooLong {
                            path: open.path.clone(),
                            line: open.line,
                        });
                    } else if !self.buf.iter().all(u8::is_ascii_whitespace) {
                        let mut line = std::mem::take(&mut self.buf);
                        while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                            line.pop();
                        }
                        batch.push(Item::Line {
                            path: open.path.clone(),
                            line: open.line,
                            bytes: line,
                        });
                    }
                }
                Err(e) => {
                    batch.push(Item::Unreadable(FileError {
                        path: open.path.to_string(),
                        message: format!("line {}: {e}", open.line + 1),
                    }));
                    self.open = None;
                }
            }
        }
        Some(batch)
    }
}

/// Reads one line into `buf` (with its line break); gives its length, or `None` at the end of the
/// input. A line longer than [`MAX_LINE`] is skipped, not kept: `buf` is then empty and the
/// length says so.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<Option<usize>> {
    buf.clear();
    let mut length = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((length > 0).then_some(length));
        }
        let (take, ends) = match available.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        length += take;
        if length <= MAX_LINE {
            buf.extend_from_slice(&available[..take]);
        } else {
            buf.clear();
        }
        reader.consume(take);
        if ends {
            return Ok(Some(length));
        }
    }
}

/// What the lines of a batch gave, for the exit code and the messages at the end.
#[derive(Debug, Default)]
pub struct Totals {
    /// Lines that could not be linted.
    pub bad_lines: usize,
    /// Inputs that could not be read (or read on).
    pub errors: Vec<FileError>,
    /// The most severe finding.
    pub worst: Option<Severity>,
}

impl Totals {
    /// Adds the totals of a later batch.
    pub fn merge(&mut self, other: Totals) {
        self.bad_lines += other.bad_lines;
        self.errors.extend(other.errors);
        self.worst = self.worst.max(other.worst);
    }

    /// Whether a finding is at or above `level`.
    #[must_use]
    pub fn reaches(&self, level: Severity) -> bool {
        self.worst.is_some_and(|worst| worst >= level)
    }
}

/// A reply read from a line.
struct Reply<'a> {
    id: Option<&'a RawValue>,
    text: String,
    context: Option<String>,
    kind: Option<Kind>,
}

/// Reads a line: the reply, or why it cannot be linted (with the line's `id` when it has a good
/// one).
fn parse(bytes: &[u8]) -> Result<Reply<'_>, (String, Option<&RawValue>)> {
    let value: &RawValue =
        serde_json::from_slice(bytes).map_err(|e| (format!("not JSON: {e}"), None))?;
    if !value.get().starts_with('{') {
        return Err(("not a JSON object".to_owned(), None));
    }
    let fields: BTreeMap<String, &RawValue> =
        serde_json::from_str(value.get()).map_err(|e| (format!("not JSON: {e}"), None))?;
    let field = |key: &str| fields.get(key).copied().filter(|v| v.get() != "null");
    let id = match field("id") {
        Some(id)
            if id
                .get()
                .starts_with(['"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) =>
        {
            Some(id)
        }
        Some(_) => return Err(("`id` is not a string or a number".to_owned(), None)),
        None => None,
    };
    let string = |key: &str| -> Result<Option<String>, (String, Option<&RawValue>)> {
        field(key)
            .map(|v| {
                serde_json::from_str::<String>(v.get())
                    .map_err(|_| (format!("`{key}` is not a string"), id))
            })
            .transpose()
    };
    let Some(text) = string("text")? else {
        return Err(("no `text`".to_owned(), id));
    };
    let context = string("context")?.filter(|c| !c.trim().is_empty());
    let kind = match string("format")? {
        None => None,
        Some(name) => Some(
            kind_of(&name)
                .ok_or_else(|| (format!("unknown `format` {name:?} (one of {FORMATS})"), id))?,
        ),
    };
    Ok(Reply {
        id,
        text,
        context,
        kind,
    })
}

/// What every line is linted with.
pub struct Job<'a> {
    /// The linter.
    pub linter: &'a Linter,
    /// Whether each line's output carries its reply's scorecard.
    pub statistics: bool,
}

impl Job<'_> {
    /// Lints the lines of `batch`, writing a JSON line for each to `slot`.
    pub fn lint<W: Write, E: Write, R>(
        &self,
        batch: Vec<Item>,
        slot: &mut Slot<'_, W, E, R>,
    ) -> Totals {
        let mut totals = Totals::default();
        let mut line_out = Vec::new();
        for item in batch {
            line_out.clear();
            match item {
                Item::Unreadable(e) => totals.errors.push(e),
                Item::TooLong { path, line } => {
                    totals.bad_lines += 1;
                    let message = format!("longer than the {} MiB limit; not read", MAX_LINE >> 20);
                    write_error(&mut line_out, &path, line, None, &message);
                }
                Item::Line { path, line, bytes } => match parse(&bytes) {
                    Err((message, id)) => {
                        totals.bad_lines += 1;
                        write_error(&mut line_out, &path, line, id, &message);
                    }
                    Ok(reply) => {
                        totals.worst =
                            totals
                                .worst
                                .max(self.write_reply(&mut line_out, &path, line, reply));
                    }
                },
            }
            if slot.write_all(&line_out).is_err() {
                // The output is closed: the runner stops the run.
                break;
            }
        }
        totals
    }

    /// Lints a reply and writes its line; gives its most severe finding.
    fn write_reply(
        &self,
        out: &mut Vec<u8>,
        path: &str,
        line: usize,
        reply: Reply<'_>,
    ) -> Option<Severity> {
        let settings = self.linter.settings();
        let kind = reply.kind.unwrap_or_else(|| Kind::sniff(&reply.text));
        let mut source = Source::new(path, reply.text, kind).with_options(settings.source.clone());
        if let Some(context) = reply.context {
            source = source.with_context(Source::context_text("context", context.into_bytes()));
        }
        let findings = self.linter.check(&source);
        let findings_json: Vec<report::FindingJson<'_>> = if findings.is_empty() {
            Vec::new()
        } else {
            let index = LineIndex::new(&source.text);
            findings
                .iter()
                .map(|f| report::finding_json(path, &index, &source.text, f))
                .collect()
        };
        head(out, path, line, reply.id);
        out.extend_from_slice(b",\"findings\":");
        serde_json::to_writer(&mut *out, &findings_json).expect("writing to memory");
        if self.statistics {
            let options = report::Options {
                rules: self.linter.rules(),
                statistics: true,
                scorecards: &[],
                color: false,
            };
            if let Some(card) = tonelint_core::scorecard::scorecards(&source, &findings).first() {
                out.extend_from_slice(b",\"scorecard\":");
                serde_json::to_writer(&mut *out, &report::scorecard_json(card, &options))
                    .expect("writing to memory");
            }
        }
        out.extend_from_slice(b"}\n");
        findings.iter().map(|f| f.severity).max()
    }
}

/// `{"path":…,"line":…` and the `id` when there is one: how every line out starts.
fn head(out: &mut Vec<u8>, path: &str, line: usize, id: Option<&RawValue>) {
    out.extend_from_slice(b"{\"path\":");
    serde_json::to_writer(&mut *out, path).expect("writing to memory");
    out.extend_from_slice(format!(",\"line\":{line}").as_bytes());
    if let Some(id) = id {
        out.extend_from_slice(b",\"id\":");
        out.extend_from_slice(id.get().as_bytes());
    }
}

/// The line out for a line that could not be linted.
fn write_error(out: &mut Vec<u8>, path: &str, line: usize, id: Option<&RawValue>, message: &str) {
    head(out, path, line, id);
    out.extend_from_slice(b",\"error\":");
    serde_json::to_writer(&mut *out, message).expect("writing to memory");
    out.extend_from_slice(b"}\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(line: &str) -> String {
        match parse(line.as_bytes()) {
            Err((message, _)) => message,
            Ok(_) => panic!("{line} parsed"),
        }
    }

    #[test]
    fn lines_that_cannot_be_linted_say_why() {
        assert!(error_of("{not json").starts_with("not JSON: "));
        assert_eq!(error_of("[1, 2]"), "not a JSON object");
        assert_eq!(error_of(r#""text""#), "not a JSON object");
        assert_eq!(error_of(r#"{"id": 1}"#), "no `text`");
        assert_eq!(error_of(r#"{"text": 5}"#), "`text` is not a string");
        assert_eq!(
            error_of(r#"{"text": "x", "id": [1]}"#),
            "`id` is not a string or a number"
        );
        assert_eq!(
            error_of(r#"{"text": "x", "format": "docx"}"#),
            "unknown `format` \"docx\" (one of text, markdown, email, html)"
        );
        assert_eq!(
            error_of(r#"{"text": "x", "context": 3}"#),
            "`context` is not a string"
        );
    }

    #[test]
    fn ids_are_kept_as_written() {
        for id in [r#""a-1""#, "17", "1e3", "-0.50", "12345678901234567890123"] {
            let line = format!(r#"{{"id": {id}, "text": "Hi."}}"#);
            let reply = parse(line.as_bytes()).unwrap_or_else(|e| panic!("{}", e.0));
            assert_eq!(reply.id.map(RawValue::get), Some(id));
        }
        let reply = parse(br#"{"id": null, "text": "Hi.", "format": "markdown", "agent": "x"}"#)
            .unwrap_or_else(|e| panic!("{}", e.0));
        assert!(reply.id.is_none());
        assert_eq!(reply.kind, Some(Kind::Markdown));
        // The id of a line with another problem is still echoed.
        let Err((_, id)) = parse(br#"{"id": "b2", "text": null}"#) else {
            panic!("parsed")
        };
        assert_eq!(id.map(RawValue::get), Some(r#""b2""#));
    }

    #[test]
    fn batches_number_lines_and_skip_blank_ones() {
        let dir = std::env::temp_dir().join(format!("tonelint-jsonl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("in.jsonl");
        let mut text = String::new();
        for i in 0..600 {
            if i % 7 == 3 {
                text.push_str("  \r\n");
            } else {
                text.push_str(&format!("{{\"id\": {i}}}\r\n"));
            }
        }
        text.push_str("{\"last\": true}");
        std::fs::write(&file, text).unwrap();
        let items: Vec<Item> = Batches::new(&[file.clone(), dir.join("missing.jsonl")])
            .flatten()
            .collect();
        let lines: Vec<(usize, String)> = items
            .iter()
            .filter_map(|item| match item {
                Item::Line { line, bytes, .. } => {
                    Some((*line, String::from_utf8(bytes.clone()).unwrap()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(lines.len(), 600 - 86 + 1);
        assert_eq!(lines[0], (1, "{\"id\": 0}".to_owned()));
        assert_eq!(lines[3], (5, "{\"id\": 4}".to_owned()));
        assert_eq!(lines.last().unwrap(), &(601, "{\"last\": true}".to_owned()));
        assert!(
            matches!(items.last(), Some(Item::Unreadable(e)) if e.path.ends_with("missing.jsonl"))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
