//! The linter on arbitrary text with the built-in packs: no panic, every finding in bounds and on
//! char boundaries, every edit too.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tonelint_core::{Linter, Source, pack};

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    Linter::new(pack::builtin().into_iter().flat_map(|p| p.rules).collect()).expect("built-ins load")
});

fuzz_target!(|data: &[u8]| {
    let source = Source::from_bytes("fuzz.eml", data.to_vec(), None);
    let text = &source.text;
    for f in LINTER.check(&source) {
        assert!(f.span.start <= f.span.end && f.span.end <= text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        for s in &f.suggestions {
            for e in &s.edits {
                assert!(e.span.end <= text.len());
                assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            }
        }
    }
});
