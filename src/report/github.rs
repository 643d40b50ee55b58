//! GitHub Actions output: one workflow command per finding, which the runner turns into an
//! annotation on the file and line.
//!
//! # Contract
//!
//! `--format github` prints one line per finding, in report order:
//!
//! ```text
//! ::warning file=replies/a.txt,line=3,endLine=3,col=1,endColumn=5,title=tonelint (condescension/rtfm)::“RTFM” answers …
//! ```
//!
//! - The command is the severity: `error` → `::error`, `warning` → `::warning`, `info` →
//!   `::notice`.
//! - `file` is the path as given on the command line. `line` and `endLine` are 1-based; `endLine`
//!   is the last line holding flagged text (a span that ends with a line break does not reach onto
//!   the next line).
//! - `col` and `endColumn` are present only when the finding starts and ends on the same line:
//!   GitHub rejects a column range across lines (ruff #22074). `col` is the 1-based column of the
//!   first flagged character and `endColumn` the column just past the last one; columns count
//!   Unicode scalar values, as everywhere in tonelint.
//! - `title` is `tonelint (category/id)`.
//! - The message is the finding's message. In it `%`, CR and LF are written `%25`, `%0D` and `%0A`;
//!   property values additionally write `:` as `%3A` and `,` as `%2C` (the runner's escaping). Other
//!   control characters become `?` so a draft cannot repaint the log.
//! - A file that could not be read gives `::error file=PATH,title=tonelint::REASON` (no line).
//! - GitHub shows at most 10 annotations of each type per step (and 50 per job) and drops the rest
//!   silently. When one type has more than 10, a plain line follows the commands, giving the number
//!   of findings per severity and saying that only the first 10 of each type are annotated. Every
//!   command is still printed, so the step log lists every finding.
//!
//! [`Annotation::parse`] reads such a line back.

use std::fmt;
use std::io::{self, Write};

use super::{FileError, FileReport, Tally};
use tonelint_core::span::{LineIndex, Position, Span};
use tonelint_core::{Finding, Severity};

/// How many annotations of each type GitHub shows per step.
// See: actions/toolkit docs PR #734 ("10 warning and 10 error annotations per step").
pub(super) const ANNOTATIONS_SHOWN: usize = 10;

/// One GitHub workflow command (`::warning file=…::message`), as tonelint writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// The annotation type: `Error` → `error`, `Warning` → `warning`, `Info` → `notice`.
    pub severity: Severity,
    /// The file, as given on the command line.
    pub file: String,
    /// 1-based first line.
    pub line: Option<usize>,
    /// 1-based last line.
    pub end_line: Option<usize>,
    /// 1-based first column (only when the annotation is on one line).
    pub col: Option<usize>,
    /// 1-based column just past the end (only when the annotation is on one line).
    pub end_column: Option<usize>,
    /// `tonelint (category/id)`.
    pub title: Option<String>,
    /// The message.
    pub message: String,
}

impl Annotation {
    /// The annotation of `finding` in `text` (indexed by `index`), in `file`.
    fn from_finding(file: &str, index: &LineIndex, text: &str, finding: &Finding) -> Annotation {
        let (start, end) = display_positions(index, text, finding.span);
        let same_line = start.line == end.line;
        Annotation {
            severity: finding.severity,
            file: file.to_owned(),
            line: Some(start.line),
            end_line: Some(end.line),
            col: same_line.then_some(start.column),
            end_column: same_line.then_some(end.column),
            title: Some(format!("tonelint ({})", finding.code())),
            message: finding.message.clone(),
        }
    }

    /// The workflow command's name for `severity`.
    #[must_use]
    pub fn command(severity: Severity) -> &'static str {
        match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        }
    }

    /// The rule code in the title (`tonelint (blame/you-should-have)` → `blame/you-should-have`).
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        self.title
            .as_deref()?
            .strip_prefix("tonelint (")?
            .strip_suffix(')')
    }

    /// Reads a line written by `--format github`; `None` when it is not an `error`, `warning` or
    /// `notice` command with a `file`.
    ///
    /// ```
    /// use tonelint::report::Annotation;
    /// let a = Annotation::parse("::notice file=a%2Cb.txt,line=2,title=tonelint (x/y)::50%25 off%0Anow").unwrap();
    /// assert_eq!((a.file.as_str(), a.line, a.col), ("a,b.txt", Some(2), None));
    /// assert_eq!((a.code(), a.message.as_str()), (Some("x/y"), "50% off\nnow"));
    /// ```
    #[must_use]
    pub fn parse(line: &str) -> Option<Annotation> {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let rest = line.strip_prefix("::")?;
        // Properties cannot hold `::` (their `:` is escaped), so the first `::` ends them.
        let (head, message) = rest.split_once("::")?;
        let (command, properties) = head.split_once(' ').unwrap_or((head, ""));
        let severity = match command {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "notice" => Severity::Info,
            _ => return None,
        };
        let mut annotation = Annotation {
            severity,
            file: String::new(),
            line: None,
            end_line: None,
            col: None,
            end_column: None,
            title: None,
            message: unescape(message),
        };
        let mut has_file = false;
        for property in properties.split(',').filter(|p| !p.is_empty()) {
            let (key, value) = property.split_once('=')?;
            let value = unescape(value);
            let number = || value.parse::<usize>().ok();
            match key {
                "file" => {
                    annotation.file = value.clone();
                    has_file = true;
                }
                "line" => annotation.line = Some(number()?),
                "endLine" => annotation.end_line = Some(number()?),
                "col" => annotation.col = Some(number()?),
                "endColumn" => annotation.end_column = Some(number()?),
                "title" => annotation.title = Some(value.clone()),
                _ => {}
            }
        }
        has_file.then_some(annotation)
    }
}

impl fmt::Display for Annotation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "::{} file={}",
            Annotation::command(self.severity),
            escape_property(&self.file)
        )?;
        let numbers = [
            ("line", self.line),
            ("endLine", self.end_line),
            ("col", self.col),
            ("endColumn", self.end_column),
        ];
        for (key, value) in numbers {
            if let Some(value) = value {
                write!(f, ",{key}={value}")?;
            }
        }
        if let Some(title) = &self.title {
            write!(f, ",title={}", escape_property(title))?;
        }
        write!(f, "::{}", escape_data(&self.message))
    }
}

/// The span shown for a finding: without the line breaks it ends with, so that a span ending at a
/// line break is not drawn onto the next line (unless it is nothing but line breaks).
pub(super) fn display_span(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let mut end = span.end.min(text.len());
    while end > span.start && matches!(bytes[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    if end == span.start && !span.is_empty() {
        return span;
    }
    Span::new(span.start.min(end), end)
}

/// Start and end (just past the last character) of the [`display_span`] of `span`.
pub(super) fn display_positions(index: &LineIndex, text: &str, span: Span) -> (Position, Position) {
    let span = display_span(text, span);
    (
        index.position(text, span.start),
        index.position(text, span.end),
    )
}

/// Escapes a command's message (GitHub's `escapeData`), and replaces the other control characters.
pub(super) fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() && c != '\t' => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value (GitHub's `escapeProperty`): the message escapes plus `:` and `,`.
pub(super) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Undoes [`escape_data`] and [`escape_property`] in one pass (so `%253A` stays `%3A`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3);
        let decoded = match code {
            Some("25") => Some('%'),
            Some("0D" | "0d") => Some('\r'),
            Some("0A" | "0a") => Some('\n'),
            Some("3A" | "3a") => Some(':'),
            Some("2C" | "2c") => Some(','),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[at + 3..];
            }
            None => {
                out.push('%');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The annotation of one finding.
pub(super) fn render_finding(
    out: &mut dyn Write,
    file: &FileReport<'_>,
    index: &LineIndex,
    finding: &Finding,
) -> io::Result<()> {
    let path = super::repo_path(file.path);
    let annotation = Annotation::from_finding(&path, index, file.text, finding);
    writeln!(out, "{annotation}")
}

/// After the findings' annotations: those of the files that could not be read, then the summary
/// line when GitHub will not show them all.
pub(super) fn render_end(
    out: &mut dyn Write,
    tally: &Tally,
    errors: &[FileError],
) -> io::Result<()> {
    for error in errors {
        let annotation = Annotation {
            severity: Severity::Error,
            file: super::repo_path(&error.path),
            line: None,
            end_line: None,
            col: None,
            end_column: None,
            title: Some("tonelint".to_owned()),
            message: error.message.clone(),
        };
        writeln!(out, "{annotation}")?;
    }
    // Annotations per type: errors (and unreadable files), warnings, notices.
    let annotations = [
        tally.count(Severity::Error) + errors.len(),
        tally.count(Severity::Warning),
        tally.count(Severity::Info),
    ];
    if annotations.iter().any(|&n| n > ANNOTATIONS_SHOWN) {
        writeln!(out, "{}", summary(tally, errors))?;
    }
    Ok(())
}

/// The plain line printed when GitHub will not show every annotation.
fn summary(tally: &Tally, errors: &[FileError]) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "tonelint: {} ({}, {}, {})",
        plural(tally.findings(), "finding"),
        plural(tally.count(Severity::Error), "error"),
        plural(tally.count(Severity::Warning), "warning"),
        plural(tally.count(Severity::Info), "notice"),
    );
    if !errors.is_empty() {
        line.push_str(&format!(" and {} not read", plural(errors.len(), "file")));
    }
    line.push_str(&format!(
        "; GitHub annotates only the first {ANNOTATIONS_SHOWN} of each type per step, \
         so the step log above is the full list"
    ));
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonelint_core::region::Zone;

    fn finding(severity: Severity, span: Span, message: &str) -> Finding {
        Finding {
            rule: "rtfm".to_owned(),
            category: "condescension".to_owned(),
            severity,
            confidence: 0.9,
            span,
            zone: Zone::Body,
            message: message.to_owned(),
            suggestions: Vec::new(),
            note: None,
            cues: Vec::new(),
        }
    }

    fn render_to_string(files: &[FileReport<'_>], errors: &[FileError]) -> String {
        let mut out = Vec::new();
        let options = super::super::Options {
            rules: &[],
            statistics: false,
            scorecards: &[],
            color: false,
        };
        super::super::render(
            super::super::Format::Github,
            &mut out,
            files,
            errors,
            &options,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_data_and_properties() {
        let text = "Hi,\nRTFM now.\n";
        let findings = [finding(
            Severity::Warning,
            Span::new(4, 8),
            "100% “RTFM”\r\nline two: a, b",
        )];
        let files = [FileReport {
            path: "dir,with:odd%name.txt",
            text,
            findings: &findings,
        }];
        let out = render_to_string(&files, &[]);
        assert_eq!(
            out,
            "::warning file=dir%2Cwith%3Aodd%25name.txt,line=2,endLine=2,col=1,endColumn=5,\
             title=tonelint (condescension/rtfm)::100%25 “RTFM”%0D%0Aline two: a, b\n"
        );
        let back = Annotation::parse(out.trim_end()).unwrap();
        assert_eq!(back.file, "dir,with:odd%name.txt");
        assert_eq!(back.message, "100% “RTFM”\r\nline two: a, b");
        assert_eq!(back.code(), Some("condescension/rtfm"));
    }

    #[test]
    fn escapes_titles_and_control_characters() {
        let a = Annotation {
            severity: Severity::Info,
            file: "a.txt".to_owned(),
            line: Some(1),
            end_line: Some(1),
            col: None,
            end_column: None,
            title: Some("x: y, z".to_owned()),
            message: "bell\u{7} here %0A".to_owned(),
        };
        let line = a.to_string();
        assert_eq!(
            line,
            "::notice file=a.txt,line=1,endLine=1,title=x%3A y%2C z::bell? here %250A"
        );
        let back = Annotation::parse(&line).unwrap();
        assert_eq!(back.title.as_deref(), Some("x: y, z"));
        // `%250A` must come back as the literal `%0A`, not a newline.
        assert_eq!(back.message, "bell? here %0A");
    }

    #[test]
    fn columns_only_on_one_line() {
        let text = "Hi Sam,\nyou should\nhave known.\n";
        let start = text.find("should").unwrap();
        let end = text.find(" known").unwrap();
        let findings = [
            finding(Severity::Error, Span::new(start, end), "across lines"),
            finding(Severity::Info, Span::new(0, 2), "one line"),
        ];
        let files = [FileReport {
            path: "a.txt",
            text,
            findings: &findings,
        }];
        let out = render_to_string(&files, &[]);
        let lines: Vec<Annotation> = out.lines().map(|l| Annotation::parse(l).unwrap()).collect();
        assert_eq!(lines[0].severity, Severity::Error);
        assert_eq!((lines[0].line, lines[0].end_line), (Some(2), Some(3)));
        assert_eq!((lines[0].col, lines[0].end_column), (None, None));
        assert!(!out.lines().next().unwrap().contains("col="));
        assert_eq!(lines[1].severity, Severity::Info);
        assert!(out.lines().nth(1).unwrap().starts_with("::notice "));
        assert_eq!((lines[1].col, lines[1].end_column), (Some(1), Some(3)));
    }

    #[test]
    fn span_ending_with_a_line_break_stays_on_its_line() {
        let text = "naïve line\nnext\n";
        let findings = [finding(Severity::Warning, Span::new(0, 12), "whole line")];
        let files = [FileReport {
            path: "a.txt",
            text,
            findings: &findings,
        }];
        let a = Annotation::parse(render_to_string(&files, &[]).trim_end()).unwrap();
        assert_eq!((a.line, a.end_line), (Some(1), Some(1)));
        // Ten characters (the ï is two bytes), so the end is column 11.
        assert_eq!((a.col, a.end_column), (Some(1), Some(11)));
    }

    #[test]
    fn summary_only_past_ten_of_a_type() {
        let text = "x".repeat(40);
        let make = |n: usize, s: Severity| -> Vec<Finding> {
            (0..n)
                .map(|i| finding(s, Span::new(i, i + 1), "m"))
                .collect()
        };
        let ten = make(10, Severity::Warning);
        let files = [FileReport {
            path: "a.txt",
            text: &text,
            findings: &ten,
        }];
        let out = render_to_string(&files, &[]);
        assert_eq!(out.lines().count(), 10);
        assert!(out.lines().all(|l| l.starts_with("::warning ")));

        let mut many = make(12, Severity::Warning);
        many.extend(make(3, Severity::Error));
        many.extend(make(1, Severity::Info));
        let files = [FileReport {
            path: "a.txt",
            text: &text,
            findings: &many,
        }];
        let out = render_to_string(&files, &[]);
        let lines: Vec<&str> = out.lines().collect();
        // Every finding still gets its command, then one plain line.
        assert_eq!(lines.len(), 17);
        assert_eq!(
            lines[..16]
                .iter()
                .filter(|l| Annotation::parse(l).is_some())
                .count(),
            16
        );
        let last = lines[16];
        assert!(Annotation::parse(last).is_none());
        assert!(!last.starts_with("::"));
        assert!(
            last.contains("16 findings (3 errors, 12 warnings, 1 notice)"),
            "{last}"
        );
        assert!(last.contains("first 10 of each type"), "{last}");
    }

    #[test]
    fn unreadable_files_are_error_annotations() {
        let errors = [FileError {
            path: "gone.txt".to_owned(),
            message: "No such file: or directory".to_owned(),
        }];
        let out = render_to_string(&[], &errors);
        assert_eq!(
            out,
            "::error file=gone.txt,title=tonelint::No such file: or directory\n"
        );
        let a = Annotation::parse(out.trim_end()).unwrap();
        assert_eq!((a.line, a.code()), (None, None));
    }

    #[test]
    fn parse_rejects_other_lines() {
        assert!(Annotation::parse("tonelint: 3 findings").is_none());
        assert!(Annotation::parse("::group::Lint").is_none());
        assert!(Annotation::parse("::warning line=3::no file").is_none());
        assert!(Annotation::parse("::warning file=a,line=x::bad number").is_none());
    }
}
