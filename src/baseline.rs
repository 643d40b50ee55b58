//! Baselines: the findings a repository already has, recorded so that it can adopt tonelint
//! today and fail only on new problems.
//!
//! A finding is keyed by its file, its rule code and a hash of the words around it (the flagged
//! text plus up to [`CONTEXT_WORDS`] words before and after it in the same paragraph, with
//! whitespace collapsed and letters lower-cased), never by line number: adding or removing lines
//! elsewhere in the file, or re-wrapping the paragraph, keeps the key. Each key carries a count,
//! so two identical findings in a file are two entries, and a third one is new.
//!
//! The file is JSON, sorted and stable, so it diffs well in review:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"path": "replies/refund.md", "rule": "condescension/rtfm", "hash": "9f1c…", "count": 1,
//!      "message": "…"}
//!   ]
//! }
//! ```
//!
//! ```
//! use tonelint::baseline::Baseline;
//! use tonelint_core::{Linter, pack};
//! let rules = pack::builtin().into_iter().flat_map(|p| p.rules).collect();
//! let linter = Linter::new(rules).unwrap();
//! let old = "Hi Sam,\n\nRTFM.\n";
//! let baseline = Baseline::from_findings(&[("reply.txt", old, &linter.check_text(old))]);
//!
//! let new = "Hi Sam,\n\nThe export runs nightly.\n\nRTFM.\n";
//! let mut findings = linter.check_text(new);
//! baseline.filter("reply.txt", new, &mut findings);
//! assert!(findings.is_empty());
//! ```

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use tonelint_core::error::{Error, Location};
use tonelint_core::finding::Finding;
use tonelint_core::span::Span;

/// The version of the file format this module reads and writes (the hash is part of it).
pub const VERSION: u32 = 1;

/// How many words before and after the flagged text go into a finding's hash.
pub const CONTEXT_WORDS: usize = 3;

/// (path, rule code, hash)
type Key = (String, String, String);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    count: usize,
    message: String,
}

/// The findings a repository accepted, counted per (path, rule, context hash).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: BTreeMap<Key, Entry>,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Record>,
}

#[derive(Serialize, Deserialize)]
struct Record {
    path: String,
    rule: String,
    hash: String,
    count: usize,
    #[serde(default)]
    message: String,
}

impl Baseline {
    /// A baseline holding every finding of `files`: each `(path, text, findings)` with the text
    /// the findings' spans point into (the file as on disk).
    #[must_use]
    pub fn from_findings(files: &[(&str, &str, &[Finding])]) -> Baseline {
        let mut entries: BTreeMap<Key, Entry> = BTreeMap::new();
        for (path, text, findings) in files {
            let path = normalize_path(path);
            for f in *findings {
                let key = (path.clone(), f.code(), context_hash(text, f.span));
                entries
                    .entry(key)
                    .or_insert_with(|| Entry {
                        count: 0,
                        message: f.message.clone(),
                    })
                    .count += 1;
            }
        }
        Baseline { entries }
    }

    /// The number of findings recorded (counting each occurrence).
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.values().map(|e| e.count).sum()
    }

    /// Whether no finding is recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes the baseline as JSON: versioned, sorted by path, rule and hash, one key order, a
    /// final newline. The same findings always give the same bytes.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let file = File {
            version: VERSION,
            findings: self
                .entries
                .iter()
                .map(|((path, rule, hash), e)| Record {
                    path: path.clone(),
                    rule: rule.clone(),
                    hash: hash.clone(),
                    count: e.count,
                    message: e.message.clone(),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &file).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }

    /// Writes the baseline to `path` (through a temporary file beside it, renamed over it).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] naming `path` when it cannot be written.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let shown = path.display().to_string();
        let io_error = |source| Error::Io {
            path: shown.clone(),
            source,
        };
        let mut bytes = Vec::new();
        self.write(&mut bytes).map_err(io_error)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = path.with_file_name(format!(".{name}.tonelint-{}.tmp", std::process::id()));
        let result = std::fs::write(&temp, &bytes).and_then(|()| std::fs::rename(&temp, path));
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result.map_err(io_error)
    }

    /// Reads a baseline file.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read; [`Error::Config`] naming the file (and the line
    /// and column, for invalid JSON) when it is not a baseline this version understands.
    pub fn load(path: &Path) -> Result<Baseline, Error> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: shown.clone(),
            source,
        })?;
        Baseline::parse(&shown, &text)
    }

    /// Parses the text of a baseline file; `path` names it in errors.
    ///
    /// # Errors
    ///
    /// As [`Baseline::load`].
    pub fn parse(path: &str, text: &str) -> Result<Baseline, Error> {
        let invalid = |line_column, message: String| Error::Config {
            location: Location {
                path: path.to_owned(),
                line_column,
            },
            message,
        };
        let file: File = serde_json::from_str(text).map_err(|e| {
            let full = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let message = full.strip_suffix(&suffix).unwrap_or(&full);
            let at = (e.line() > 0).then(|| (e.line(), e.column().max(1)));
            invalid(at, format!("not a tonelint baseline: {message}"))
        })?;
        if file.version != VERSION {
            return Err(invalid(
                None,
                format!(
                    "baseline version {} is not supported (this tonelint reads version {VERSION}); write it again with --write-baseline",
                    file.version
                ),
            ));
        }
        let mut entries: BTreeMap<Key, Entry> = BTreeMap::new();
        for (i, r) in file.findings.into_iter().enumerate() {
            if r.count == 0 {
                return Err(invalid(
                    None,
                    format!("findings[{i}]: `count` must be at least 1"),
                ));
            }
            let key = (normalize_path(&r.path), r.rule, r.hash);
            entries
                .entry(key)
                .or_insert_with(|| Entry {
                    count: 0,
                    message: r.message,
                })
                .count += r.count;
        }
        Ok(Baseline { entries })
    }

    /// Removes from `findings` (of the file `path`, whose text is `text`) those the baseline
    /// holds. Each baselined occurrence absorbs one finding: with two identical findings in the
    /// baseline, a third one stays.
    pub fn filter(&self, path: &str, text: &str, findings: &mut Vec<Finding>) {
        let path = normalize_path(path);
        let mut left: BTreeMap<(String, String), usize> = self
            .entries
            .range((path.clone(), String::new(), String::new())..)
            .take_while(|((p, _, _), _)| *p == path)
            .map(|((_, rule, hash), e)| ((rule.clone(), hash.clone()), e.count))
            .collect();
        if left.is_empty() {
            return;
        }
        findings.retain(|f| {
            let key = (f.code(), context_hash(text, f.span));
            match left.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
    }
}

/// A path as recorded in a baseline: `/` separators, no leading `./`.
#[must_use]
pub fn normalize_path(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.trim_start_matches('/').to_owned();
    }
    p
}

/// The hash identifying a finding at `span` of `text` by the words around it: the flagged text
/// and up to [`CONTEXT_WORDS`] words on each side within its paragraph (a blank line ends the
/// context), whitespace-collapsed and lower-cased, hashed with 64-bit FNV-1a, as 16 hex digits.
#[must_use]
pub fn context_hash(text: &str, span: Span) -> String {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    let before = words_before(&text[..start], CONTEXT_WORDS);
    let flagged: Vec<&str> = text[start..end].split_whitespace().collect();
    let after = words_after(&text[end..], CONTEXT_WORDS);
    let context = format!(
        "{}\u{1f}{}\u{1f}{}",
        before.join(" "),
        flagged.join(" "),
        after.join(" ")
    )
    .to_lowercase();
    format!("{:016x}", fnv1a(context.as_bytes()))
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The last `n` words of `before`, not reaching back past a blank line.
fn words_before(before: &str, n: usize) -> Vec<&str> {
    let mut lines = before.rsplit('\n');
    // The start of the finding's own line, then the lines above it, up to a blank one.
    let mut words: Vec<&str> = lines
        .next()
        .unwrap_or("")
        .split_whitespace()
        .rev()
        .collect();
    for line in lines {
        if words.len() >= n || is_blank(line) {
            break;
        }
        words.extend(line.split_whitespace().rev());
    }
    words.truncate(n);
    words.reverse();
    words
}

/// The first `n` words of `after`, not reaching past a blank line.
fn words_after(after: &str, n: usize) -> Vec<&str> {
    let mut lines = after.split('\n');
    let mut words: Vec<&str> = lines.next().unwrap_or("").split_whitespace().collect();
    for line in lines {
        if words.len() >= n || is_blank(line) {
            break;
        }
        words.extend(line.split_whitespace());
    }
    words.truncate(n);
    words
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonelint_core::{Linter, pack};

    fn linter() -> Linter {
        Linter::new(pack::builtin().into_iter().flat_map(|p| p.rules).collect()).unwrap()
    }

    const OLD: &str = "Hi Sam,\n\nAs I already explained, the export runs nightly.\n\nThis is user error, not a bug.\n\nThanks!!!\nAlex\n";

    fn baseline_of(linter: &Linter, path: &str, text: &str) -> Baseline {
        let findings = linter.check_text(text);
        assert!(!findings.is_empty(), "the fixture has findings");
        Baseline::from_findings(&[(path, text, &findings)])
    }

    fn filtered(linter: &Linter, baseline: &Baseline, path: &str, text: &str) -> Vec<Finding> {
        let mut findings = linter.check_text(text);
        baseline.filter(path, text, &mut findings);
        findings
    }

    fn round_trip(baseline: &Baseline) -> Baseline {
        let mut out = Vec::new();
        baseline.write(&mut out).unwrap();
        Baseline::parse("b.json", std::str::from_utf8(&out).unwrap()).unwrap()
    }

    #[test]
    fn same_run_filters_to_nothing() {
        let linter = linter();
        let baseline = round_trip(&baseline_of(&linter, "replies/a.txt", OLD));
        assert_eq!(baseline.len(), linter.check_text(OLD).len());
        assert!(filtered(&linter, &baseline, "replies/a.txt", OLD).is_empty());
        // Paths are normalised: `./` and `\` do not matter.
        assert!(filtered(&linter, &baseline, "./replies/a.txt", OLD).is_empty());
        assert!(filtered(&linter, &baseline, "replies\\a.txt", OLD).is_empty());
        // Another file with the same text is not covered.
        assert_eq!(
            filtered(&linter, &baseline, "replies/b.txt", OLD).len(),
            baseline.len()
        );
    }

    #[test]
    fn unrelated_lines_above_still_filter() {
        let linter = linter();
        let baseline = round_trip(&baseline_of(&linter, "a.txt", OLD));
        let moved = OLD.replacen(
            "Hi Sam,\n\n",
            "Hi Sam,\n\nThank you for your patience.\nI looked into the export for you.\n\nHere is what I found.\n\n",
            1,
        );
        assert!(filtered(&linter, &baseline, "a.txt", &moved).is_empty());
        // Re-wrapping a paragraph keeps its words, so its findings too.
        let rewrapped = OLD.replace("explained, the export", "explained,\n  the   export");
        assert!(filtered(&linter, &baseline, "a.txt", &rewrapped).is_empty());
    }

    #[test]
    fn a_new_rude_line_survives() {
        let linter = linter();
        let baseline = round_trip(&baseline_of(&linter, "a.txt", OLD));
        let new = OLD.replacen(
            "Thanks!!!",
            "Calm down, it is not our problem.\n\nThanks!!!",
            1,
        );
        let left = filtered(&linter, &baseline, "a.txt", &new);
        assert!(!left.is_empty());
        for f in &left {
            let flagged = &new[f.span.start..f.span.end];
            assert!(
                new.find("Calm down").unwrap() <= f.span.start
                    && f.span.end <= new.find("\n\nThanks!!!").unwrap(),
                "only the new line is reported, not `{flagged}` ({})",
                f.code()
            );
        }
    }

    #[test]
    fn duplicates_beyond_the_baselined_count_survive() {
        let linter = linter();
        let twice = "Hi Sam,\n\nRTFM.\n\nRTFM.\n";
        let baseline = round_trip(&baseline_of(&linter, "a.txt", twice));
        let per_copy = linter.check_text("Hi Sam,\n\nRTFM.\n").len();
        assert_eq!(baseline.len(), 2 * per_copy);
        assert!(baseline.entries.values().all(|e| e.count == 2));
        assert!(filtered(&linter, &baseline, "a.txt", twice).is_empty());
        let thrice = "Hi Sam,\n\nRTFM.\n\nRTFM.\n\nRTFM.\n";
        let left = filtered(&linter, &baseline, "a.txt", thrice);
        assert_eq!(left.len(), per_copy);
        // Fewer than baselined is fine too.
        assert!(filtered(&linter, &baseline, "a.txt", "Hi Sam,\n\nRTFM.\n").is_empty());
    }

    #[test]
    fn written_file_is_sorted_versioned_and_stable() {
        let linter = linter();
        let b = linter.check_text(OLD);
        let a = linter.check_text("Hi,\n\nRTFM.\n");
        let one = Baseline::from_findings(&[("./z.txt", OLD, &b), ("a.txt", "Hi,\n\nRTFM.\n", &a)]);
        let two = Baseline::from_findings(&[("a.txt", "Hi,\n\nRTFM.\n", &a), ("z.txt", OLD, &b)]);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        one.write(&mut x).unwrap();
        two.write(&mut y).unwrap();
        assert_eq!(x, y);
        let json: serde_json::Value = serde_json::from_slice(&x).unwrap();
        assert_eq!(json["version"], 1);
        let list = json["findings"].as_array().unwrap();
        let keys: Vec<(String, String, String)> = list
            .iter()
            .map(|r| {
                let s = |k: &str| r[k].as_str().unwrap().to_owned();
                (s("path"), s("rule"), s("hash"))
            })
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(keys[0].0, "a.txt");
        assert_eq!(keys.last().unwrap().0, "z.txt");
        for r in list {
            assert_eq!(r["hash"].as_str().unwrap().len(), 16);
            assert!(r["count"].as_u64().unwrap() >= 1);
            assert!(!r["message"].as_str().unwrap().is_empty());
        }
        assert!(x.ends_with(b"}\n"));
    }

    #[test]
    fn save_and_load() {
        let linter = linter();
        let dir = std::env::temp_dir().join(format!("tonelint-baseline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("baseline.json");
        let baseline = baseline_of(&linter, "a.txt", OLD);
        baseline.save(&path).unwrap();
        assert_eq!(Baseline::load(&path).unwrap(), baseline);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_json_is_an_error_naming_the_file() {
        let e = Baseline::parse(
            "tonelint-baseline.json",
            "{\"version\": 1, \"findings\": [\n  {\"path\": }\n]}",
        )
        .unwrap_err();
        let shown = e.to_string();
        assert!(
            shown.starts_with("tonelint-baseline.json:2:"),
            "names the file and line: {shown}"
        );
        assert!(shown.contains("not a tonelint baseline"), "{shown}");
        let e = Baseline::parse("b.json", "{\"version\": 2, \"findings\": []}").unwrap_err();
        assert!(
            e.to_string().starts_with("b.json: baseline version 2"),
            "{e}"
        );
        let e = Baseline::parse("b.json", "[]").unwrap_err();
        assert!(e.to_string().starts_with("b.json:"), "{e}");
        let missing = Path::new("/nonexistent/tonelint-baseline.json");
        let e = Baseline::load(missing).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("/nonexistent/tonelint-baseline.json: "),
            "{e}"
        );
    }

    #[test]
    fn hash_ignores_case_and_spacing_but_not_words() {
        let h = |t: &str, s: &str| {
            let i = t.find(s).unwrap();
            context_hash(t, Span::new(i, i + s.len()))
        };
        let a = h("Please just read the manual, Sam.", "just");
        assert_eq!(a, h("please  JUST\tread the manual, Sam.", "JUST"));
        assert_eq!(
            a,
            h(
                "Please just read the manual, Sam. More words later.",
                "just"
            )
        );
        assert_ne!(a, h("Please just read the guide, Sam.", "just"));
        // A blank line ends the context.
        assert_eq!(
            h("Intro.\n\nPlease just read it.", "just"),
            h("Other intro entirely.\n\nPlease just read it.", "just")
        );
        // Spans past the end or inside a character do not panic.
        let _ = context_hash("héllo", Span::new(2, 99));
    }

    #[test]
    fn paths_are_normalised() {
        assert_eq!(normalize_path("./a/b.txt"), "a/b.txt");
        assert_eq!(normalize_path(".//a\\b.txt"), "a/b.txt");
        assert_eq!(normalize_path("a/./b.txt"), "a/./b.txt");
        assert_eq!(normalize_path("-"), "-");
    }
}
