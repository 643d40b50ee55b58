//! Reporters: findings of many files rendered in one output format.
//!
//! Renderers write to a `&mut dyn Write`; only the binary opens stdout. Output is deterministic:
//! files in the order given (sorted by the caller), findings by position then rule id.

mod github;
mod html;
mod human;
mod json;
mod junit;
mod rdjson;
mod sarif;

pub use github::Annotation;

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
        Format::Human => human::render(out, files, options, false),
        Format::Concise => human::render(out, files, options, true),
        Format::Json => json::render_document(out, files, errors, options),
        Format::JsonLines => json::render_lines(out, files),
        Format::Sarif => sarif::render(out, files, errors, options),
        Format::Github => github::render(out, files, errors),
        Format::Rdjson => rdjson::render(out, files, options),
        Format::Junit => junit::render(out, files, errors),
        Format::Html => html::render(out, files, errors, options),
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
pub(crate) fn neutralize(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' && c != '\n' {
                '?'
            } else {
                c
            }
        })
        .collect()
}

/// Per-rule counts, most frequent first.
pub(crate) fn statistics<'a>(files: &[FileReport<'a>]) -> Vec<(String, Severity, usize, bool)> {
    let mut counts: std::collections::BTreeMap<String, (Severity, usize, bool)> =
        std::collections::BTreeMap::new();
    for f in files.iter().flat_map(|f| f.findings) {
        let e = counts.entry(f.code()).or_insert((f.severity, 0, false));
        e.1 += 1;
        e.0 = e.0.max(f.severity);
        e.2 |= f
            .suggestions
            .iter()
            .any(|s| s.applicability == Applicability::Safe && !s.edits.is_empty());
    }
    let mut out: Vec<_> = counts
        .into_iter()
        .map(|(code, (s, n, fix))| (code, s, n, fix))
        .collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    out
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
    fn ci_paths_stay_inside_the_repository() {
        assert_eq!(repo_path("replies/a.txt"), "replies/a.txt");
        assert_eq!(repo_path("./replies/../replies/a.txt"), "replies/a.txt");
        let outside = repo_path("../elsewhere/a.txt");
        assert!(std::path::Path::new(&outside).is_absolute(), "{outside}");
        assert!(!outside.contains(".."), "{outside}");
        assert_eq!(repo_path("-"), "-");
    }
}
