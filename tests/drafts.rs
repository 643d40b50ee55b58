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
