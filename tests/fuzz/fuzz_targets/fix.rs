//! Fix application: on arbitrary text, fixing with every suggestion gives valid text that a
//! second run leaves alone, and never touches quoted text or the signature.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tonelint_core::{Linter, Source, pack};

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    Linter::new(pack::builtin().into_iter().flat_map(|p| p.rules).collect()).expect("built-ins load")
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = Source::plain("fuzz.txt", text);
    let protected: Vec<String> = source
        .regions()
        .into_iter()
        .filter(|r| !r.zone.is_target())
        .map(|r| text[r.span.range()].to_owned())
        .collect();
    let fixed = LINTER.fix(&source, tonelint_core::Applicability::Review);
    for p in &protected {
        assert!(fixed.text.contains(p.as_str()), "protected text changed");
    }
    if !fixed.unsettled {
        let again = LINTER.fix(&Source::plain("fuzz.txt", fixed.text.clone()), tonelint_core::Applicability::Review);
        assert_eq!(again.text, fixed.text, "a second fix changes nothing");
    }
});
