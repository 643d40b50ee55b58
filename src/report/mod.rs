//! Reporters: findings of many files rendered in one output format.
//!
//! Renderers write to a `&mut dyn Write`; only the binary opens stdout. Output is deterministic:
//! files in the order given (sorted by the caller), findings by position then rule id.
//!
//! The formats of one line or snippet per finding (`human` without scorecards, `concise`,
//! `json-lines`, `github`) can also be written finding by finding as files are linted
//! ([`streams`], [`render_finding`], [`render_end`]): what they print at the end is counted in a
//! [`Tally`], so the findings need not be kept.

mod github;
mod html;
mod human;
mod json;
mod junit;
mod rdjson;
mod sarif;

pub use github::Annotation;
pub(crate) use json::{FindingJson, finding_json, scorecard_json};

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Deserialize;

use tonelint_core::fix::Applicability;
use tonelint_core::rule::Rule;
use tonelint_core::scorecard::Scorecard;
use tonelint_core::span::{LineIndex, Position};
use tonelint_core::{Finding, Severity};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Format {
    /// rustc-style snippets with the span underlined and the suggestions.
    Human,
    /// One line per finding: `path:line:col: severity[code] message`.
    Concise,
    /// One JSON document (see [`json`](self) for the contract).
    Json,
    /// One JSON object per finding per line.
    JsonLines,
    /// SARIF 2.1.0, for GitHub code scanning (contract in `src/report/sarif.rs`).
    Sarif,
    /// GitHub Actions workflow commands, one annotation per finding (see [`Annotation`]).
    Github,
    /// reviewdog's rdjson (`reviewdog -f=rdjson`); columns count UTF-8 bytes there.
    Rdjson,
    /// JUnit XML: a testsuite per file, a failing testcase per finding.
    Junit,
    /// One self-contained HTML page: every reply's warmth, coldest first, and each file's text
    /// with its findings highlighted and their rewrites beside them (scorecards needed).
    Html,
}

/// One linted file: its text and findings.
#[derive(Debug, Clone, Copy)]
pub struct FileReport<'a> {
    /// The name shown.
    pub path: &'a str,
    /// Its text, for snippets and positions.
    pub text: &'a str,
    /// Its findings, sorted.
    pub findings: &'a [Finding],
}

/// A file that could not be linted.
#[derive(Debug, Clone)]
pub struct FileError {
    /// The name shown.
    pub path: String,
    /// Why.
    pub message: String,
}

/// What a renderer needs besides the findings.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Every loaded rule (for statistics and summaries).
    pub rules: &'a [Rule],
    /// Whether to add per-rule counts, and the scorecards below.
    pub statistics: bool,
    /// One scorecard per reply, shown with `statistics` by the `human` and `json` formats (see
    /// [`scorecard`](tonelint_core::scorecard)); empty when none were computed.
    pub scorecards: &'a [Scorecard],
    /// Whether the human renderer may use colour (the stream strips it when it cannot show it).
    pub color: bool,
}

/// Renders `files` (and `errors`) in `format` to `out`.
///
/// # Errors
///
/// Whatever writing to `out` returns.
pub fn render(
    format: Format,
    out: &mut dyn Write,
    files: &[FileReport<'_>],
    errors: &[FileError],
    options: &Options<'_>,
) -> io::Result<()> {
    match format {
        Format::Human | Format::Concise | Format::JsonLines | Format::Github => {
            for file in files {
                let index = LineIndex::new(file.text);
                for finding in file.findings {
                    render_finding(format, out, file, &index, finding, options)?;
                }
            }
            render_end(format, out, &Tally::of(files), errors, options)
        }
        Format::Json => json::render_document(out, files, errors, options),
        Format::Sarif => sarif::render(out, files, errors, options),
        Format::Rdjson => rdjson::render(out, files, options),
        Format::Junit => junit::render(out, files, errors),
        Format::Html => html::render(out, files, errors, options),
    }
}

/// Whether `format` can be written finding by finding while files are linted: the formats of one
/// line or snippet per finding with only counts after them (`human` only without `statistics`,
/// whose scorecards need every file's findings).
#[must_use]
pub fn streams(format: Format, statistics: bool) -> bool {
    match format {
        Format::Concise | Format::JsonLines | Format::Github => true,
        Format::Human => !statistics,
        _ => false,
    }
}

/// Writes one finding of `file` (whose `findings` are not read; `index` indexes its text) in
/// `format`, one of the formats that [`streams`].
///
/// # Errors
///
/// Whatever writing to `out` returns.
pub fn render_finding(
    format: Format,
    out: &mut dyn Write,
    file: &FileReport<'_>,
    index: &LineIndex,
    finding: &Finding,
    options: &Options<'_>,
) -> io::Result<()> {
    match format {
        Format::Human => human::snippet(out, file, index, finding, options.color),
        Format::Concise => human::concise_line(out, file, index, finding, options.color),
        Format::JsonLines => json::render_line(out, file, index, finding),
        Format::Github => github::render_finding(out, file, index, finding),
        _ => Ok(()),
    }
}

/// Writes what follows the findings in `format` (one of the formats that [`streams`]): the
/// per-rule counts and summary lines, counted in `tally`, and in `github` the files that could not
/// be read.
///
/// # Errors
///
/// Whatever writing to `out` returns.
pub fn render_end(
    format: Format,
    out: &mut dyn Write,
    tally: &Tally,
    errors: &[FileError],
    options: &Options<'_>,
) -> io::Result<()> {
    match format {
        Format::Human => human::render_end(out, tally, options, false),
        Format::Concise => human::render_end(out, tally, options, true),
        Format::Github => github::render_end(out, tally, errors),
        _ => Ok(()),
    }
}

/// What the lines after the findings count (the summary, the per-rule counts), gathered finding
/// by finding.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Findings per severity: errors, warnings, infos.
    severities: [usize; 3],
    /// Files with at least one finding.
    files_with_findings: usize,
    /// Findings with a safe fix.
    safe: usize,
    /// Findings with a rewrite to review.
    review: usize,
    /// Per rule (by id, unique among the rules of a run): its code, its highest severity, its
    /// findings, and whether one has a safe fix.
    rules: BTreeMap<String, (String, Severity, usize, bool)>,
}

impl Tally {
    /// The tally of `files`.
    #[must_use]
    pub fn of(files: &[FileReport<'_>]) -> Tally {
        let mut tally = Tally::default();
        for file in files {
            for finding in file.findings {
                tally.add(finding);
            }
            tally.end_file(file.findings.len());
        }
        tally
    }

    /// Counts one finding.
    pub fn add(&mut self, f: &Finding) {
        self.severities[Tally::slot(f.severity)] += 1;
        let edits = |a: Applicability| {
            f.suggestions
                .iter()
                .any(|s| s.applicability == a && !s.edits.is_empty())
        };
        let safe = edits(Applicability::Safe);
        self.safe += usize::from(safe);
        self.review += usize::from(edits(Applicability::Review));
        let e = match self.rules.get_mut(f.rule.as_str()) {
            Some(e) => e,
            None => self
                .rules
                .entry(f.rule.clone())
                .or_insert((f.code(), f.severity, 0, false)),
        };
        e.1 = e.1.max(f.severity);
        e.2 += 1;
        e.3 |= safe;
    }

    /// Counts a file, once its `findings` findings are added.
    pub fn end_file(&mut self, findings: usize) {
        self.files_with_findings += usize::from(findings > 0);
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: Tally) {
        for (mine, theirs) in self.severities.iter_mut().zip(other.severities) {
            *mine += theirs;
        }
        self.files_with_findings += other.files_with_findings;
        self.safe += other.safe;
        self.review += other.review;
        for (rule, (code, severity, n, fix)) in other.rules {
            let e = self.rules.entry(rule).or_insert((code, severity, 0, false));
            e.1 = e.1.max(severity);
            e.2 += n;
            e.3 |= fix;
        }
    }

    fn slot(severity: Severity) -> usize {
        match severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }
    }

    /// The findings of `severity`.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.severities[Tally::slot(severity)]
    }

    /// Every finding.
    #[must_use]
    pub fn findings(&self) -> usize {
        self.severities.iter().sum()
    }

    /// Whether a finding is at or above `level`.
    #[must_use]
    pub fn reaches(&self, level: Severity) -> bool {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .any(|s| s >= level && self.count(s) > 0)
    }

    /// Per-rule counts, most frequent first: (code, highest severity, count, has a safe fix).
    #[must_use]
    pub fn statistics(&self) -> Vec<(String, Severity, usize, bool)> {
        let mut out: Vec<_> = self
            .rules
            .values()
            .map(|(code, s, n, fix)| (code.clone(), *s, *n, *fix))
            .collect();
        out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// The start and end positions of a finding (end: just past its last character).
pub(crate) fn positions(index: &LineIndex, text: &str, finding: &Finding) -> (Position, Position) {
    (
        index.position(text, finding.span.start),
        index.position(text, finding.span.end),
    )
}

/// A path as CI formats show it: relative to the working directory (the repository root in CI)
/// when the file is inside it, with `.` and `..` resolved, so an annotation can never point
/// outside the repository through `../`; absolute when the file is outside it.
pub(crate) fn repo_path(path: &str) -> String {
    use std::path::{Component, Path, PathBuf};
    if path == "-" {
        return path.to_owned();
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let given = Path::new(path);
    let joined = if given.is_absolute() {
        given.to_path_buf()
    } else {
        cwd.join(given)
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other.as_os_str()),
        }
    }
    match normal.strip_prefix(&cwd) {
        Ok(inside) => inside.to_string_lossy().replace('\\', "/"),
        Err(_) => normal.to_string_lossy().into_owned(),
    }
}

/// Replaces control characters (ANSI escapes above all) so a draft cannot repaint the terminal.
/// Each is replaced by one byte, so byte offsets within the line stay valid.
pub(crate) fn neutralize(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\t' && c != '\n';
    // Control characters are C0 (below 0x20), DEL, and C1 (U+0080-U+009F: 0xC2 0x80-0x9F).
    let bytes = text.as_bytes();
    let clean = bytes.iter().enumerate().all(|(i, &b)| {
        (b >= 0x20 || b == b'\t' || b == b'\n')
            && b != 0x7f
            && !(b == 0xc2 && bytes.get(i + 1).is_some_and(|&n| (0x80..0xa0).contains(&n)))
    });
    if clean {
        return text.into();
    }
    text.chars()
        .map(|c| if unsafe_char(c) { '?' } else { c })
        .collect::<String>()
        .into()
}

/// A scorecard's findings per category: every category of the loaded rules, 0 included, and any
/// other category the findings name.
pub(crate) fn category_counts(
    card: &Scorecard,
    rules: &[Rule],
) -> std::collections::BTreeMap<String, usize> {
    let mut counts: std::collections::BTreeMap<String, usize> =
        rules.iter().map(|r| (r.category.clone(), 0)).collect();
    for (category, n) in &card.counts {
        *counts.entry(category.clone()).or_default() += n;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::repo_path;

    #[test]
    fn control_characters_are_neutralized() {
        use super::neutralize;
        assert!(matches!(
            neutralize("plain “text”\tand\nlines"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            neutralize("a\u{1b}[31mred\u{7f}\u{85}\u{9f}é"),
            "a?[31mred???é"
        );
        assert_eq!(neutralize("\r\n"), "?\n");
    }

    #[test]
    fn ci_paths_stay_inside_the_repository() {
        assert_eq!(repo_path("replies/a.txt"), "replies/a.txt");
        assert_eq!(repo_path("./replies/../replies/a.txt"), "replies/a.txt");
        let outside = repo_path("../elsewhere/a.txt");
        assert!(std::path::Path::new(&outside).is_absolute(), "{outside}");
        assert!(!outside.contains(".."), "{outside}");
        assert_eq!(repo_path("-"), "-");
    }
}
