//! reviewdog output: one rdjson document (reviewdog's `DiagnosticResult`), for
//! `reviewdog -f=rdjson`.
//!
//! # Contract
//!
//! ```json
//! {
//!   "source": {"name": "tonelint"},
//!   "severity": "ERROR",
//!   "diagnostics": [{
//!     "message": "“RTFM” answers a request for help with a brush-off; it will read as contempt",
//!     "location": {"path": "replies/a.txt",
//!                  "range": {"start": {"line": 3, "column": 1}, "end": {"line": 3, "column": 5}}},
//!     "severity": "ERROR",
//!     "code": {"value": "condescension/rtfm"},
//!     "suggestions": [{"range": {"start": {…}, "end": {…}}, "text": "Here are the steps: …"}]
//!   }]
//! }
//! ```
//!
//! - `diagnostics` holds every finding, in report order; `path` is the path as given.
//! - `severity` is `ERROR`, `WARNING` or `INFO`. The top-level `severity` is the highest one among
//!   the diagnostics (`INFO` when there are none); every diagnostic carries its own.
//! - Lines are 1-based. **Columns are 1-based UTF-8 byte offsets within the line** (a
//!   byte-order mark counts), as the rdf spec (`proto/rdf/reviewdog.proto`, `Position`) requires —
//!   unlike the other formats, which count Unicode scalar values. Range ends are exclusive. A
//!   diagnostic's range leaves out line breaks it ends with, so it stays on its last line.
//! - `code.value` is `category/id`; `code.url` and `source.url` appear when the rule or the package
//!   has a link.
//! - `suggestions`: one per suggested rewrite that has edits, best first. Its edits are merged into
//!   one range (from the first edit's start to the last edit's end, the text between them kept).
//!   reviewdog's `github-pr-review` reporter turns each suggestion into a "suggested change" that
//!   must cover exactly the diagnostic's lines, so a rewrite reaching other lines is left out.
//! - Files that could not be read have no place in rdjson; they are reported on stderr only.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{FileReport, Options};
use tonelint_core::fix::Suggestion;
use tonelint_core::rule::Rule;
use tonelint_core::span::{LineIndex, Span};
use tonelint_core::{Finding, Severity};

/// rdf's severity name.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// A position in rdf's units: 1-based line, 1-based UTF-8 byte column.
fn position(index: &LineIndex, text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let line = index.line_of(offset);
    (line + 1, offset - index.line_start(line) + 1)
}

fn range(index: &LineIndex, text: &str, span: Span) -> Value {
    let (start_line, start_column) = position(index, text, span.start);
    let (end_line, end_column) = position(index, text, span.end);
    json!({
        "start": {"line": start_line, "column": start_column},
        "end": {"line": end_line, "column": end_column},
    })
}

/// The suggestion's edits as one replacement of the span from the first edit to the last.
fn merged(text: &str, suggestion: &Suggestion) -> Option<(Span, String)> {
    let mut edits: Vec<_> = suggestion.edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let start = edits.first()?.span.start;
    let end = edits.iter().map(|e| e.span.end).max()?;
    let mut replacement = String::new();
    let mut last = start;
    for edit in edits {
        // Edits of one suggestion are disjoint; skip any that is not rather than panic.
        if edit.span.start < last {
            continue;
        }
        replacement.push_str(text.get(last..edit.span.start)?);
        replacement.push_str(&edit.replacement);
        last = edit.span.end;
    }
    replacement.push_str(text.get(last..end)?);
    Some((Span::new(start, end), replacement))
}

fn diagnostic(
    path: &str,
    index: &LineIndex,
    text: &str,
    f: &Finding,
    rule: Option<&Rule>,
) -> Value {
    let shown = super::github::display_span(text, f.span);
    let lines = |span: Span| {
        (
            position(index, text, span.start).0,
            position(index, text, span.end).0,
        )
    };
    let suggestions: Vec<Value> = f
        .suggestions
        .iter()
        .filter_map(|s| merged(text, s))
        .filter(|(span, _)| lines(*span) == lines(shown))
        .map(|(span, replacement)| json!({"range": range(index, text, span), "text": replacement}))
        .collect();
    let mut code = json!({"value": f.code()});
    if let Some(link) = rule.and_then(|r| r.link.as_deref()) {
        code["url"] = json!(link);
    }
    let mut value = json!({
        "message": f.message,
        "location": {"path": path, "range": range(index, text, shown)},
        "severity": severity(f.severity),
        "code": code,
    });
    if !suggestions.is_empty() {
        value["suggestions"] = json!(suggestions);
    }
    value
}

pub(super) fn render(
    out: &mut dyn Write,
    files: &[FileReport<'_>],
    options: &Options<'_>,
) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    let mut highest = Severity::Info;
    for file in files {
        let index = LineIndex::new(file.text);
        for f in file.findings {
            let rule = options
                .rules
                .iter()
                .find(|r| r.id == f.rule && r.category == f.category);
            diagnostics.push(diagnostic(
                &super::repo_path(file.path),
                &index,
                file.text,
                f,
                rule,
            ));
            highest = highest.max(f.severity);
        }
    }
    let mut source = json!({"name": "tonelint"});
    let url = env!("CARGO_PKG_REPOSITORY");
    if !url.is_empty() {
        source["url"] = json!(url);
    }
    let doc = json!({
        "source": source,
        "severity": severity(highest),
        "diagnostics": diagnostics,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonelint_core::fix::{Applicability, Edit};
    use tonelint_core::region::Zone;

    fn finding(severity: Severity, span: Span, suggestions: Vec<Suggestion>) -> Finding {
        Finding {
            rule: "not-rocket-science".to_owned(),
            category: "condescension".to_owned(),
            severity,
            confidence: 0.85,
            span,
            zone: Zone::Body,
            message: "“not rocket science” may make them feel dumb".to_owned(),
            suggestions,
            note: None,
            cues: Vec::new(),
        }
    }

    fn render_value(files: &[FileReport<'_>]) -> Value {
        let options = Options {
            rules: &[],
            statistics: false,
            scorecards: &[],
            color: false,
        };
        let mut out = Vec::new();
        render(&mut out, files, &options).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    fn replace(span: Span, with: &str) -> Suggestion {
        Suggestion {
            applicability: Applicability::Review,
            title: "Replace".to_owned(),
            edits: vec![Edit {
                span,
                replacement: with.to_owned(),
            }],
            sentence: None,
        }
    }

    #[test]
    fn shape_and_byte_columns() {
        let text = "Hi,\nCafé: it's not rocket science.\n";
        let start = text.find("not rocket").unwrap();
        let end = start + "not rocket science".len();
        let span = Span::new(start, end);
        let advice = Suggestion {
            applicability: Applicability::Advice,
            title: "Say it kindly".to_owned(),
            edits: Vec::new(),
            sentence: None,
        };
        let findings = [finding(
            Severity::Warning,
            span,
            vec![replace(span, "a quick fix"), advice],
        )];
        let files = [FileReport {
            path: "replies/a.txt",
            text,
            findings: &findings,
        }];
        let doc = render_value(&files);
        assert_eq!(doc["source"]["name"], "tonelint");
        assert_eq!(doc["severity"], "WARNING");
        let d = &doc["diagnostics"][0];
        assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 1);
        assert_eq!(d["message"], findings[0].message.as_str());
        assert_eq!(d["severity"], "WARNING");
        assert_eq!(d["code"]["value"], "condescension/not-rocket-science");
        assert_eq!(d["location"]["path"], "replies/a.txt");
        // "Café: it's " is 11 characters but 12 bytes: rdjson counts bytes.
        let range = &d["location"]["range"];
        assert_eq!(range["start"], json!({"line": 2, "column": 13}));
        assert_eq!(range["end"], json!({"line": 2, "column": 31}));
        // The advice has no edit, so only one suggestion.
        let suggestions = d["suggestions"].as_array().unwrap();
        assert_eq!(suggestions.len(), 1);
        assert_eq!(suggestions[0]["text"], "a quick fix");
        assert_eq!(suggestions[0]["range"], *range);
    }

    #[test]
    fn merges_edits_and_drops_suggestions_on_other_lines() {
        let text = "one two three\nfour\n";
        let two_edits = Suggestion {
            applicability: Applicability::Review,
            title: "Rewrite".to_owned(),
            edits: vec![
                Edit {
                    span: Span::new(8, 13),
                    replacement: "3".to_owned(),
                },
                Edit {
                    span: Span::new(0, 3),
                    replacement: "1".to_owned(),
                },
            ],
            sentence: None,
        };
        let elsewhere = replace(Span::new(14, 18), "4");
        let findings = [finding(
            Severity::Error,
            Span::new(4, 7),
            vec![two_edits, elsewhere],
        )];
        let files = [FileReport {
            path: "a.txt",
            text,
            findings: &findings,
        }];
        let doc = render_value(&files);
        assert_eq!(doc["severity"], "ERROR");
        let suggestions = doc["diagnostics"][0]["suggestions"].as_array().unwrap();
        assert_eq!(suggestions.len(), 1);
        assert_eq!(suggestions[0]["text"], "1 two 3");
        assert_eq!(
            suggestions[0]["range"],
            json!({"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 14}})
        );
    }

    #[test]
    fn empty_report() {
        let doc = render_value(&[]);
        assert_eq!(doc["diagnostics"], json!([]));
        assert_eq!(doc["severity"], "INFO");
    }
}
