//! The example drafts: every rude one is flagged, every kind one is clean, and the human output
//! of each is a snapshot (tests/snapshots/).

use std::path::Path;

use tonelint::report::{self, FileReport, Format};
use tonelint_core::{Linter, Severity, Source, pack};

fn linter() -> Linter {
    Linter::new(pack::builtin().into_iter().flat_map(|p| p.rules).collect()).unwrap()
}

fn drafts(kind: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/drafts")
        .join(kind);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "expected drafts in {}", dir.display());
    files
}

#[test]
fn rude_drafts_are_flagged() {
    let linter = linter();
    for path in drafts("rude") {
        let text = std::fs::read_to_string(&path).unwrap();
        let findings = linter.check_text(&text);
        assert!(
            findings.iter().any(|f| f.severity >= Severity::Warning),
            "{} got no warning",
            path.display()
        );
    }
}

#[test]
fn kind_drafts_are_clean() {
    let linter = linter();
    for path in drafts("kind") {
        let text = std::fs::read_to_string(&path).unwrap();
        let findings = linter.check_text(&text);
        let shown: Vec<String> = findings
            .iter()
            .map(|f| format!("{} “{}”", f.code(), &text[f.span.range()]))
            .collect();
        assert!(findings.is_empty(), "{}: {shown:?}", path.display());
    }
}

/// The colourless human rendering of a draft, as a user sees it.
fn render(path: &Path, linter: &Linter) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let name = format!(
        "{}/{}",
        path.parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap(),
        path.file_name().unwrap().to_str().unwrap()
    );
    let source = Source::plain(name, text);
    let findings = linter.check(&source);
    let file = FileReport {
        path: &source.path,
        text: &source.text,
        findings: &findings,
    };
    let mut out = Vec::new();
    let options = report::Options {
        rules: linter.rules(),
        statistics: false,
        scorecards: &[],
        color: false,
    };
    report::render(Format::Human, &mut out, &[file], &[], &options).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn human_output_snapshots() {
    let linter = linter();
    insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false}, {
        insta::glob!("../examples/drafts", "*/*.txt", |path| {
            insta::assert_snapshot!(render(path, &linter));
        });
    });
}

/// The rude drafts and the seeds' fixtures, each as `--fix --unsafe-fixes` leaves it.
fn rewrite_inputs() -> Vec<std::path::PathBuf> {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut files = drafts("rude");
    let mut fixtures: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    fixtures.sort();
    files.extend(fixtures);
    files
}

/// The sentences of `text`, as a reader sees them: split after `.`, `!`, `?` and at blank lines,
/// white space collapsed.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n") {
        let flat = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut current = String::new();
        let mut chars = flat.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| *n == ' ') {
                out.push(current.trim().to_owned());
                current.clear();
            }
        }
        if !current.trim().is_empty() {
            out.push(current.trim().to_owned());
        }
    }
    out
}

/// What `--fix --unsafe-fixes` makes of a draft, as prose a reviewer reads: the counts, each
/// sentence changed (before and after), and the whole fixed draft.
fn rewrite_report(linter: &Linter, text: &str) -> (String, usize) {
    let source = Source::plain("draft.txt", text);
    let before = linter.check(&source);
    let fixed = linter.fix(&source, tonelint_core::Applicability::Review);
    let after = linter.check(&Source::plain("draft.txt", fixed.text.as_str()));
    let warnings =
        |f: &[tonelint_core::Finding]| f.iter().filter(|f| f.severity >= Severity::Warning).count();
    let left = warnings(&after);
    let (old, new) = (sentences(text), sentences(&fixed.text));
    let diff = similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new);
    let mut changes = String::new();
    let mut changed = 0;
    for op in &diff {
        for change in op.iter_changes(&old, &new) {
            match change.tag() {
                similar::ChangeTag::Delete => changes.push_str(&format!("- {}\n", change.value())),
                similar::ChangeTag::Insert => {
                    changed += 1;
                    changes.push_str(&format!("+ {}\n", change.value()));
                }
                similar::ChangeTag::Equal => {}
            }
        }
    }
    let report = format!(
        "findings before: {} ({} warnings or errors); warnings left after: {left}; sentences changed: {changed}\n\n{changes}\n--- the fixed draft:\n{}",
        before.len(),
        warnings(&before),
        fixed.text
    );
    (report, left)
}

/// `--fix --unsafe-fixes` on every rude draft and seed fixture leaves no warning, and the
/// sentences it writes are in a snapshot to read as the client would.
#[test]
fn rewrites_of_rude_drafts() {
    let linter = linter();
    let mut left_over = Vec::new();
    for path in rewrite_inputs() {
        let text = std::fs::read_to_string(&path).unwrap();
        let (report, left) = rewrite_report(&linter, &text);
        let name = format!(
            "{}__{}",
            path.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_str()
                .unwrap(),
            path.file_stem().unwrap().to_str().unwrap()
        );
        insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false, snapshot_suffix => name}, {
            insta::assert_snapshot!("rewrites", report);
        });
        if left > 0 {
            left_over.push(format!("{}: {left}", path.display()));
        }
    }
    assert!(
        left_over.is_empty(),
        "warnings left after fixing: {left_over:?}"
    );
}
