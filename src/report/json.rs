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

use serde_json::{Value, json};

use super::{FileError, FileReport, Options, category_counts, positions};
use tonelint_core::finding::Finding;
use tonelint_core::scorecard::Scorecard;
use tonelint_core::span::LineIndex;

/// The JSON document's `version`.
pub(super) const VERSION: u32 = 1;

fn finding_json(path: &str, index: &LineIndex, text: &str, f: &Finding) -> Value {
    let (start, end) = positions(index, text, f);
    let mut value = json!({
        "path": path,
        "rule": f.rule,
        "category": f.category,
        "code": f.code(),
        "severity": f.severity.as_str(),
        "confidence": f.confidence,
        "zone": f.zone.as_str(),
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
        "start": f.span.start,
        "end": f.span.end,
        "message": f.message,
        "suggestions": f.suggestions.iter().map(|s| json!({
            "applicability": s.applicability.as_str(),
            "title": s.title,
            "edits": s.edits.iter().map(|e| json!({
                "start": e.span.start,
                "end": e.span.end,
                "replacement": e.replacement,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    if let Some(note) = &f.note {
        value["note"] = json!(note);
    }
    if !f.cues.is_empty() {
        value["cues"] = f
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
            .collect();
    }
    value
}

fn all_findings(files: &[FileReport<'_>]) -> Vec<Value> {
    files
        .iter()
        .flat_map(|file| {
            let index = LineIndex::new(file.text);
            file.findings
                .iter()
                .map(move |f| finding_json(file.path, &index, file.text, f))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn scorecard_json(card: &Scorecard, options: &Options<'_>) -> Value {
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

pub(super) fn render_lines(out: &mut dyn Write, files: &[FileReport<'_>]) -> io::Result<()> {
    for value in all_findings(files) {
        serde_json::to_writer(&mut *out, &value)?;
        out.write_all(b"\n")?;
    }
    Ok(())
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
        doc["statistics"] = super::statistics(files)
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
