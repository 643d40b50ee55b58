//! Sources: every fixture under `tests/fixtures/` (real mail-client output, zone boundaries,
//! placeholders, encodings, markup, macro exports) linted and snapshotted with line numbers, and
//! the promises that findings never point into quoted text, signatures or placeholders.

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use tonelint_core::source::Options;
use tonelint_core::{LineIndex, Linter, Source, Zone, pack};

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    Linter::new(pack::builtin().into_iter().flat_map(|p| p.rules).collect()).unwrap()
});

fn options_for(path: &Path) -> Options {
    let mut options = Options::default();
    if path.file_name().is_some_and(|n| n == "many-replies.md") {
        options.reply_separator = Some(regex::Regex::new("^---- ").unwrap());
    }
    options
}

fn load(path: &Path) -> Source {
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    Source::from_bytes(name, std::fs::read(path).unwrap(), None).with_options(options_for(path))
}

/// One line per finding: position, rule, zone, the file's bytes at the span, and any note.
fn describe(source: &Source) -> String {
    let index = LineIndex::new(&source.text);
    let mut out = format!("kind: {:?}\n", source.kind);
    for f in LINTER.check(source) {
        let start = index.position(&source.text, f.span.start);
        let end = index.position(&source.text, f.span.end);
        let shown = &source.text[f.span.range()];
        let shown = if shown.len() > 60 {
            "(whole part)"
        } else {
            shown
        };
        out.push_str(&format!(
            "{}:{}-{}:{} {} [{}] {:?}{}\n",
            start.line,
            start.column,
            end.line,
            end.column,
            f.code(),
            f.zone,
            shown,
            f.note.map(|n| format!(" (note: {n})")).unwrap_or_default()
        ));
    }
    out
}

#[test]
fn fixture_snapshots() {
    insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false}, {
        insta::glob!("fixtures", "**/*.*", |path| {
            insta::assert_snapshot!(describe(&load(path)));
        });
    });
}

/// In every fixture that is read verbatim, no finding lies in quoted text or a signature.
#[test]
fn findings_stay_out_of_quotes_and_signatures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for entry in walk(&dir) {
        let source = load(&entry);
        let regions = source.regions();
        for f in LINTER.check(&source) {
            assert!(f.zone.is_target(), "{}: finding in {}", source.path, f.zone);
            for r in regions.iter().filter(|r| !r.zone.is_target()) {
                assert!(
                    !r.span.overlaps(f.span),
                    "{}: {} overlaps {}",
                    source.path,
                    f.rule,
                    r.zone
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} findings checked");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn rude_words_count_only_in_the_reply() {
    let rude = "As I already explained, this is user error. Calm down and RTFM.";
    let quoted = format!(
        "Hi Jo,\n\nThe technician comes Tuesday at 9.\n\nBest,\nSam\n\nOn Mon, 3 Mar 2025, Jo wrote:\n> {rude}\n"
    );
    assert!(LINTER.check_text(&quoted).is_empty());
    let replied = format!(
        "Hi Jo,\n\n{rude}\n\nBest,\nSam\n\nOn Mon, 3 Mar 2025, Jo wrote:\n> The technician comes Tuesday at 9.\n"
    );
    let rules: Vec<String> = LINTER
        .check_text(&replied)
        .into_iter()
        .map(|f| f.rule)
        .collect();
    for expected in ["as-i-already-said", "user-error", "calm-down", "rtfm"] {
        assert!(
            rules.iter().any(|r| r == expected),
            "{expected} missing from {rules:?}"
        );
    }
    let eml = format!(
        "From: a@example.com\nTo: b@example.com\nSubject: Re: x\nContent-Type: text/plain; charset=utf-8\n\n{quoted}"
    );
    let source = Source::from_bytes("q.eml", eml.into_bytes(), None);
    assert!(LINTER.check(&source).is_empty());
}

#[test]
fn placeholders_are_never_flagged_nor_matched_through() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/placeholders");
    for path in walk(&dir) {
        let source = load(&path);
        for f in LINTER.check(&source) {
            let text = &source.text[f.span.range()];
            assert!(
                !text.contains("{{")
                    && !text.contains("{%")
                    && !text.contains("%{")
                    && !text.contains('['),
                "{}: {text}",
                source.path
            );
            assert!(
                !text.contains("HERE") && !text.contains("CHOOSE"),
                "{}: {text}",
                source.path
            );
        }
    }
    let source = load(&dir.join("not-through.txt"));
    assert!(LINTER.check(&source).is_empty());
}

#[test]
fn code_and_markup_are_not_prose() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    for name in ["code-block.md", "front-matter.md"] {
        let findings = LINTER.check(&load(&dir.join(name)));
        assert!(findings.is_empty(), "{name}: {findings:?}");
    }
}

#[test]
fn zendesk_export_flags_only_the_rude_macro() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/zendesk-macros.json");
    let source = load(&path);
    let findings = LINTER.check(&source);
    assert!(!findings.is_empty());
    let index = LineIndex::new(&source.text);
    for f in &findings {
        let line = index.position(&source.text, f.span.start).line;
        assert_eq!(line, 7, "{} on line {line}", f.rule);
        assert!(
            f.suggestions.iter().all(|s| s.edits.is_empty()),
            "edits in a JSON string cannot be applied byte for byte"
        );
    }
}

#[test]
fn encoded_parts_point_at_the_right_line() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    // Quoted-printable: the finding is on the encoded line that holds it.
    let source = load(&dir.join("mail/neomutt-qp.eml"));
    let index = LineIndex::new(&source.text);
    let said = LINTER
        .check(&source)
        .into_iter()
        .find(|f| f.rule == "as-i-already-said")
        .unwrap();
    assert_eq!(index.position(&source.text, said.span.start).line, 14);
    assert!(source.text[said.span.range()].starts_with("As I already said"));
    // Base64: the finding covers the part and says so.
    let source = load(&dir.join("formats/base64.eml"));
    let findings = LINTER.check(&source);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "as-i-already-said" && f.note.is_some())
    );
    assert!(
        !findings
            .iter()
            .any(|f| f.rule == "rtfm" && f.zone == Zone::Body),
        "the base64 quote is quoted"
    );
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ’'!?.,]{0,30}",
        Just("As I already explained, ".to_owned()),
        Just("user error ".to_owned()),
        Just("Calm down. ".to_owned()),
        Just("RTFM!!! ".to_owned()),
        Just("PLEASE READ THE MANUAL BEFORE WRITING. ".to_owned()),
        Just("Per my last email, ".to_owned()),
        Just("not our problem ".to_owned()),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 1..6).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))), ..ProptestConfig::default() })]

    /// For generated emails, no finding overlaps the quoted or signature zones.
    #[test]
    fn generated_emails_keep_quotes_and_signatures_clean(
        reply in proptest::collection::vec(paragraph(), 1..4),
        quoted in proptest::collection::vec(paragraph(), 1..4),
        signature in paragraph(),
        crlf in any::<bool>(),
        as_eml in any::<bool>(),
        style in 0..3usize,
    ) {
        let quote: String = match style {
            0 => format!("On Mon, 3 Mar 2025, Jo wrote:\n{}", quoted.iter().map(|q| format!("> {q}\n")).collect::<String>()),
            1 => format!("-----Original Message-----\nFrom: Jo\nSent: Monday\n\n{}", quoted.join("\n\n")),
            _ => quoted.iter().map(|q| format!("> > {q}\n")).collect(),
        };
        let body = format!("Hi Jo,\n\n{}\n\nBest,\nSam\n-- \n{signature}\n\n{quote}", reply.join("\n\n"));
        let mut text = if as_eml {
            format!("From: s@example.com\nTo: j@example.com\nSubject: Re: help\nContent-Type: text/plain; charset=utf-8\n\n{body}")
        } else {
            body
        };
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let source = Source::from_bytes(if as_eml { "m.eml" } else { "m.txt" }, text.into_bytes(), None);
        let regions = source.regions();
        prop_assert!(!regions.is_empty());
        for f in LINTER.check(&source) {
            for r in regions.iter().filter(|r| !r.zone.is_target()) {
                prop_assert!(!r.span.overlaps(f.span), "{} overlaps {} at {:?}", f.rule, r.zone, f.span);
            }
        }
    }
}

/// Inputs the fuzzers found crashes with (tests/fuzz/regressions/), read as every kind.
#[test]
fn fuzz_regressions_do_not_panic() {
    use tonelint_core::source::Kind;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions");
    let files = walk(&dir);
    assert!(!files.is_empty());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        for kind in [
            None,
            Some(Kind::Plain),
            Some(Kind::Markdown),
            Some(Kind::Html),
            Some(Kind::Email),
            Some(Kind::Json),
        ] {
            let source = Source::from_bytes("fuzz", bytes.clone(), kind);
            let _ = source.segments();
            let _ = LINTER.check(&source);
        }
        // The fix target: fixing keeps quoted text and signatures.
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let source = Source::plain("fuzz.txt", text);
            let protected: Vec<String> = source
                .regions()
                .into_iter()
                .filter(|r| !r.zone.is_target())
                .map(|r| text[r.span.range()].to_owned())
                .collect();
            let fixed = LINTER.fix(&source, tonelint_core::Applicability::Review);
            for p in &protected {
                assert!(
                    fixed.text.contains(p.as_str()),
                    "{}: protected text changed",
                    path.display()
                );
            }
        }
        // The sources target reads its first byte as the kind.
        if let Some((_, rest)) = bytes.split_first() {
            let _ = LINTER.check(&Source::from_bytes(
                "fuzz",
                rest.to_vec(),
                Some(Kind::Email),
            ));
        }
    }
}

/// The seeds' situations: with the stressed client's message quoted, a reply that goes straight
/// to the fix is told to acknowledge it; the kind replies get nothing.
#[test]
fn seed_situations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    for name in [
        "professor-quoted.txt",
        "dsl-quoted.txt",
        "kb-quoted.txt",
        "rtfm-quoted.txt",
    ] {
        let findings = LINTER.check(&load(&dir.join(name)));
        assert!(
            findings.iter().any(|f| f.rule == "stress-unacknowledged"),
            "{name}: {findings:?}"
        );
    }
    for name in ["dsl-alone.txt", "kb-alone.txt", "rtfm-alone.txt"] {
        let findings = LINTER.check(&load(&dir.join(name)));
        assert!(findings.is_empty(), "{name}: {findings:?}");
    }
    let blame = LINTER.check(&load(&dir.join("professor-alone.txt")));
    assert!(blame.iter().any(|f| f.category == "blame"), "{blame:?}");
}

/// A metric rule's `{count}` is what its message names: the reply's jargon terms, the reply's words.
#[test]
fn shape_messages_count_what_they_name() {
    let jargon = "Hi Priya,\n\nThe CPE firmware rejected the PPPoE handshake, so the DSLAM dropped the session; packet loss on the gateway did the rest.\n\nOn Mon, Priya wrote:\n> My internet stopped working this morning and I can't get my email. Can you help?\n";
    let found = LINTER.check_text(jargon);
    let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
    // CPE, DSLAM; firmware, handshake, packet loss, gateway ("PPPoE" is not all capitals).
    assert!(
        messages.contains(
            &"The reply uses 6 technical terms or unexplained acronyms with a client who wrote in plain words"
        ),
        "{messages:?}"
    );
    let terse = format!(
        "Hi Dana,\n\nRestart the projector.\n\nOn Mon, Dana wrote:\n> {}\n",
        "The projector died in front of 140 students again and I felt like a fool. ".repeat(4)
    );
    let found = LINTER.check_text(&terse);
    assert!(
        found.iter().any(|f| f.message
            == "A 5-word reply to a long, upset message may read as brushing the client off"),
        "{found:?}"
    );
}
