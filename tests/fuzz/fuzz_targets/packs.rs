//! Rule-pack loading from arbitrary TOML: an error or a pack, never a panic; a pack that loads
//! can lint and run its examples.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tonelint_core::{Linter, Pack};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(pack) = Pack::parse("fuzz.toml", text) {
        let _ = tonelint_core::linter::examples::check_examples(&pack);
        if let Ok(linter) = Linter::new(pack.rules) {
            let _ = linter.check_text("Hi,\n\nAs I already said, RTFM!!! user error.\n");
        }
    }
});
