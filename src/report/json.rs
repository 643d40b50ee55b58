//! JSON and JSON Lines output: the contract other tools rely on.
//!
//! `--format json-lines` prints one object per finding:
//!
//! | key | meaning |
//! |---|---|
//! | `path` | the file as named on the command line (`-` or `--stdin-filename` for stdin) |
//! | `rule`, `category`, `code` | the rule id, its category, and `category/id` |
//! | `severity` | `error`, `warning` or `info` |
//! | `confidence` | 0.0–1.0 |
//! | `zone` | `subject`, `greeting`, `opening`, `body` or `closing` |
//! | `line`, `column` | 1-based start; columns count Unicode scalar values |
//! | `end_line`, `end_column` | 1-based position just past the last character |
//! | `start`, `end` | byte offsets into the file (half-open) |
//! | `message` | the rendered message |
//! | `note` | present when the position is approximate (a base64 part) or similar |
//! | `suggestions` | each `{applicability, title, edits: [{start, end, replacement}]}`, best first |
//! | `cues` | only for a `cold` rule's finding: the cold cues that counted, in the order of the text, each `{name, weight}` and, when it has a place, `{line, column, start, end}` |
//!
//! `--format json` prints one document: `{"version": 1, "tool": {...}, "findings": [...],
//! "errors": [{"path", "message"}], "summary": {...}}` (plus `"statistics"` and `"scorecards"`
//! with `--statistics`; a scorecard is `{path, reply, line, warmth, base, penalty, bonus, counts,
//! drivers: [{contribution, kind, reason, cue?, sentence, line, column, start, end}]}`, described in
//! the README). New keys may be added; existing keys keep their meaning while `version` is 1.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};

use super::{FileError, FileReport, Options, category_counts, positions};
use tonelint_core::finding::Finding;
use tonelint_core::scorecard::Scorecard;
use tonelint_core::span::LineIndex;

/// The JSON document's `version`.
pub(super) const VERSION: u32 = 1;

/// A finding as the JSON contract gives it. The fields are in the order of their names, as in a
/// JSON object built as a map (the JSON document's findings are), so both write the same text.
#[derive(Serialize)]
pub(crate) struct FindingJson<'a> {
    category: &'a str,
    code: Code<'a>,
    column: usize,
    confidence: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cues: Vec<Value>,
    end: usize,
    end_column: usize,
    end_line: usize,
    line: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    path: &'a str,
    rule: &'a str,
    severity: &'static str,
    start: usize,
    suggestions: Vec<SuggestionJson<'a>>,
    zone: &'static str,
}

/// `category/id`, written without building it first.
struct Code<'a>(&'a Finding);

impl Serialize for Code<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}/{}", self.0.category, self.0.rule))
    }
}

#[derive(Serialize)]
struct SuggestionJson<'a> {
    applicability: &'static str,
    edits: Vec<EditJson<'a>>,
    title: &'a str,
}

#[derive(Serialize)]
struct EditJson<'a> {
    end: usize,
    replacement: &'a str,
    start: usize,
}

/// A finding as the JSON contract gives it.
pub(crate) fn finding_json<'a>(
    path: &'a str,
    index: &LineIndex,
    text: &str,
    f: &'a Finding,
) -> FindingJson<'a> {
    let (start, end) = positions(index, text, f);
    FindingJson {
        category: &f.category,
        code: Code(f),
        column: start.column,
        confidence: f.confidence,
        cues: f
            .cues
            .iter()
            .map(|cue| {
                let mut c = json!({"name": cue.name, "weight": cue.weight});
                if let Some(span) = cue.span {
                    let at = index.position(text, span.start);
                    c["line"] = json!(at.line);
                    c["column"] = json!(at.column);
                    c["start"] = json!(span.start);
                    c["end"] = json!(span.end);
                }
                c
            })
            .collect(),
        end: f.span.end,
        end_column: end.column,
        end_line: end.line,
        line: start.line,
        message: &f.message,
        note: f.note.as_deref(),
        path,
        rule: &f.rule,
        severity: f.severity.as_str(),
        start: f.span.start,
        suggestions: f
            .suggestions
            .iter()
            .map(|s| SuggestionJson {
                applicability: s.applicability.as_str(),
                edits: s
                    .edits
                    .iter()
                    .map(|e| EditJson {
                        end: e.span.end,
                        replacement: &e.replacement,
                        start: e.span.start,
                    })
                    .collect(),
                title: &s.title,
            })
            .collect(),
        zone: f.zone.as_str(),
    }
}

fn all_findings(files: &[FileReport<'_>]) -> Vec<Value> {
    files
        .iter()
        .flat_map(|file| {
            let index = LineIndex::new(file.text);
            file.findings
                .iter()
                .map(move |f| {
                    serde_json::to_value(finding_json(file.path, &index, file.text, f))
                        .expect("a finding is JSON")
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A scorecard as the JSON contract gives it.
pub(crate) fn scorecard_json(card: &Scorecard, options: &Options<'_>) -> Value {
    json!({
        "path": card.path,
        "reply": card.reply + 1,
        "line": card.start.line,
        "warmth": card.warmth,
        "base": tonelint_core::scorecard::BASE,
        "penalty": card.penalty,
        "bonus": card.bonus,
        "counts": category_counts(card, options.rules),
        "drivers": card.drivers.iter().map(|d| {
            let mut driver = json!({
                "contribution": d.contribution,
                "kind": d.reason.kind(),
                "reason": d.reason.to_string(),
                "sentence": d.sentence,
                "line": d.start.line,
                "column": d.start.column,
                "start": d.span.start,
                "end": d.span.end,
            });
            if let Some(cue) = &d.cue {
                driver["cue"] = json!(cue);
            }
            driver
        }).collect::<Vec<_>>(),
    })
}

/// One line of `--format json-lines`.
pub(super) fn render_line(
    out: &mut dyn Write,
    file: &FileReport<'_>,
    index: &LineIndex,
    f: &Finding,
) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &finding_json(file.path, index, file.text, f))?;
    out.write_all(b"\n")
}

pub(super) fn render_document(
    out: &mut dyn Write,
    files: &[FileReport<'_>],
    errors: &[FileError],
    options: &Options<'_>,
) -> io::Result<()> {
    let findings = all_findings(files);
    let count = |s: &str| findings.iter().filter(|f| f["severity"] == s).count();
    let mut doc = json!({
        "version": VERSION,
        "tool": {"name": "tonelint", "version": env!("CARGO_PKG_VERSION")},
        "summary": {
            "files": files.len(),
            "findings": findings.len(),
            "errors": count("error"),
            "warnings": count("warning"),
            "infos": count("info"),
            "unreadable": errors.len(),
        },
        "errors": errors.iter().map(|e| json!({"path": e.path, "message": e.message})).collect::<Vec<_>>(),
        "findings": findings,
    });
    if options.statistics {
        doc["statistics"] = super::Tally::of(files)
            .statistics()
            .into_iter()
            .map(|(code, severity, count, _)| json!({"code": code, "severity": severity.as_str(), "count": count}))
            .collect();
        doc["scorecards"] = options
            .scorecards
            .iter()
            .map(|card| scorecard_json(card, options))
            .collect();
    }
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
