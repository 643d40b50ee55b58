//! Precompiles the built-in packs' regexes and the crate's own into sparse DFAs, read in place
//! at run time (see `src/precompiled.rs`): compiling them would be most of a draft's check.
//! The patterns come from `src/builtin.json` (written by a test from the packs and the source).
//! Without the `precompiled` feature (the WebAssembly build, where 24 MB of tables would not do)
//! the table is empty and every regex compiles at first use.

use std::fmt::Write as _;
use std::path::PathBuf;

use regex_automata::dfa::{StartKind, dense, regex::Regex};
use regex_automata::util::syntax;

/// A DFA bigger than this is left to run-time compilation.
const LIMIT: usize = 64 << 20;

fn main() {
    println!("cargo::rerun-if-changed=src/builtin.json");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CARGO_FEATURE_PRECOMPILED");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let header = "/// Precompiled regexes: (pattern, case folding, ASCII mode, forward DFA, reverse DFA),\n\
         /// sorted by pattern and folding.\n\
         pub(crate) static PRECOMPILED: &[Entry] = &[\n";
    if std::env::var_os("CARGO_FEATURE_PRECOMPILED").is_none() {
        std::fs::write(out.join("precompiled.rs"), format!("{header}];\n"))
            .expect("OUT_DIR is writable");
        return;
    }
    let snapshot: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("src/builtin.json").expect("src/builtin.json is readable"),
    )
    .expect("src/builtin.json is JSON");
    let mut patterns: Vec<(String, bool)> = snapshot["precompile"]
        .as_array()
        .expect("a `precompile` list")
        .iter()
        .map(|entry| {
            (
                entry[0].as_str().expect("a pattern").to_owned(),
                entry[1].as_bool().expect("a fold flag"),
            )
        })
        .collect();
    patterns.sort();
    patterns.dedup();
    let mut table = String::from(header);
    for (i, (pattern, fold)) in patterns.iter().enumerate() {
        let build = |unicode: bool| {
            Regex::builder()
                .syntax(
                    syntax::Config::new()
                        .unicode(unicode)
                        .case_insensitive(*fold),
                )
                .dense(
                    dense::Config::new()
                        // Unanchored to find matches, anchored to try one where a rule's
                        // prefix literal is.
                        .start_kind(StartKind::Both)
                        .minimize(false)
                        .dfa_size_limit(Some(LIMIT))
                        .determinize_size_limit(Some(LIMIT)),
                )
                .build(pattern)
                .ok()
        };
        // ASCII first, as at run time; Unicode where ASCII mode refuses the pattern. A Unicode
        // word boundary has no DFA: that pattern is compiled at run time.
        let (regex, ascii) = match build(false) {
            Some(regex) => (regex, true),
            None => match build(true) {
                Some(regex) => (regex, false),
                None => continue,
            },
        };
        let (Ok(forward), Ok(reverse)) = (regex.forward().to_sparse(), regex.reverse().to_sparse())
        else {
            continue;
        };
        let forward_file = out.join(format!("dfa-{i}-forward.bin"));
        let reverse_file = out.join(format!("dfa-{i}-reverse.bin"));
        std::fs::write(&forward_file, forward.to_bytes_little_endian())
            .expect("OUT_DIR is writable");
        std::fs::write(&reverse_file, reverse.to_bytes_little_endian())
            .expect("OUT_DIR is writable");
        writeln!(
            table,
            "    ({pattern:?}, {fold}, {ascii}, include_bytes!({:?}), include_bytes!({:?})),",
            forward_file.display().to_string(),
            reverse_file.display().to_string()
        )
        .expect("writing to a string");
    }
    table.push_str("];\n");
    std::fs::write(out.join("precompiled.rs"), table).expect("OUT_DIR is writable");
}
