//! Properties over arbitrary text: no panics, spans in bounds and on char boundaries, findings
//! only in target regions, regions sorted and disjoint, fixes yield valid text.

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use tonelint_core::{Linter, Source, pack};

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    Linter::new(pack::builtin().into_iter().flat_map(|p| p.rules).collect()).unwrap()
});

/// Pieces that exercise the rules, zones and folding, mixed with arbitrary text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z ’'“”!?.,\n\r\t\u{feff}\u{a0}İéß😀]{0,40}",
        Just("As I already explained, ".to_owned()),
        Just("RTFM!!! ".to_owned()),
        Just("you shouldn’t have clicked ".to_owned()),
        Just("PLEASE READ THE MANUAL BEFORE WRITING. ".to_owned()),
        Just("\n> Quoted angry text: user error!!!\n".to_owned()),
        Just("\n-- \nSig: calm down\n".to_owned()),
        Just("Hi Sam,\r\n\r\n".to_owned()),
        Just("\nThanks,\nAlex\n".to_owned()),
        Just("On Mon, 1 Jan 2024, Sam wrote:\n".to_owned()),
        Just("Obviously, ".to_owned()),
        Just("unfortunately ".to_owned()),
    ]
}

fn draft() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..12).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))), ..ProptestConfig::default() })]

    #[test]
    fn findings_are_well_formed(text in draft()) {
        let source = Source::plain("draft.txt", text.clone());
        let regions = source.regions();
        for pair in regions.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start, "regions overlap: {:?}", pair);
        }
        for f in LINTER.check(&source) {
            prop_assert!(f.span.start < f.span.end && f.span.end <= text.len());
            prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            let region = regions.iter().find(|r| r.span.contains(f.span));
            prop_assert!(region.is_some_and(|r| r.zone.is_target()), "finding {:?} outside a target region", f);
            for s in &f.suggestions {
                for e in &s.edits {
                    prop_assert!(e.span.end <= text.len());
                    prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                }
            }
            let index = tonelint_core::LineIndex::new(&text);
            let pos = index.position(&text, f.span.start);
            prop_assert!(pos.line >= 1 && pos.line <= index.line_count());
        }
    }

    #[test]
    fn fixes_keep_text_valid_and_converge(text in draft()) {
        let mut current = text.clone();
        for _ in 0..6 {
            let findings = LINTER.check_text(&current);
            let edits = tonelint_core::linter::fix::plan(&findings, tonelint_core::Applicability::Review).edits;
            let (next, applied) = tonelint_core::fix::apply(&current, &edits);
            if applied == 0 {
                break;
            }
            current = next;
        }
        // `apply` returns a String, so it is valid UTF-8 by construction; what can go wrong is a
        // panic on a bad boundary, which the loop above would have hit.
        prop_assert!(current.len() < text.len() + 4096);
    }

    #[test]
    fn line_index_round_trips(text in any::<String>()) {
        let index = tonelint_core::LineIndex::new(&text);
        let mut line = 1;
        for (offset, c) in text.char_indices() {
            let pos = index.position(&text, offset);
            prop_assert_eq!(pos.line, line);
            if c == '\n' {
                line += 1;
            }
        }
    }
}
