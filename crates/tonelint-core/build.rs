//! Precompiles the built-in packs' regexes and the crate's own into sparse DFAs, read in place
//! at run time (see `src/regex/precompiled.rs`): compiling them would be most of a draft's check.
//! The patterns come from `src/builtin.json` (written by a test from the packs and the source).
//!
//! Each regex gets one DFA: forward and anchored (a match is tried at a given start). The
//! unanchored and reverse DFAs a full regex would carry are many times bigger (28 MB against
//! 2 MB for the built-in packs) and would be most of the binary and of its start-up; a search
//! instead tries each start that the first-byte table beside the DFA allows. All DFAs sit in one
//! blob, so the table that indexes them holds offsets, not pointers the loader must relocate.
//!
//! Without the `precompiled` feature (the WebAssembly build) the table is empty and every regex
//! compiles at first use.

use std::fmt::Write as _;
use std::path::PathBuf;

use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};

/// A DFA bigger than this is left to run-time compilation.
const LIMIT: usize = 16 << 20;

fn main() {
    println!("cargo::rerun-if-changed=src/builtin.json");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CARGO_FEATURE_PRECOMPILED");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let blob_file = out.join("dfas.bin");
    let mut blob: Vec<u8> = Vec::new();
    let mut table = String::from(
        "/// Precompiled regexes, sorted by pattern and folding (see [`Entry`]).\n\
         pub(crate) static PRECOMPILED: &[Entry] = &[\n",
    );
    if std::env::var_os("CARGO_FEATURE_PRECOMPILED").is_some() {
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
        for (pattern, fold) in &patterns {
            let build = |unicode: bool| {
                dense::Builder::new()
                    .syntax(
                        syntax::Config::new()
                            .unicode(unicode)
                            .case_insensitive(*fold),
                    )
                    .configure(
                        dense::Config::new()
                            .start_kind(StartKind::Anchored)
                            .minimize(false)
                            .dfa_size_limit(Some(LIMIT))
                            .determinize_size_limit(Some(LIMIT)),
                    )
                    .build(pattern)
                    .ok()
            };
            // ASCII first, as at run time; Unicode where ASCII mode refuses the pattern. A
            // Unicode word boundary has no DFA: that pattern is compiled at run time.
            let (dfa, ascii) = match build(false) {
                Some(dfa) => (dfa, true),
                None => match build(true) {
                    Some(dfa) => (dfa, false),
                    None => continue,
                },
            };
            let Ok(sparse) = dfa.to_sparse() else {
                continue;
            };
            let (classes, sets) = first_bytes(&dfa);
            // Whether every match starts at the start of the text (`^…`).
            let anchored = syntax::parse(pattern).is_ok_and(|hir| {
                hir.properties()
                    .look_set_prefix()
                    .contains(regex_syntax::hir::Look::Start)
            });
            while !blob.len().is_multiple_of(8) {
                blob.push(0);
            }
            let at = blob.len();
            let bytes = sparse.to_bytes_little_endian();
            blob.extend_from_slice(&bytes);
            blob.extend_from_slice(&classes);
            for set in &sets {
                blob.extend_from_slice(set);
            }
            writeln!(
                table,
                "    ({pattern:?}, {fold}, {ascii}, {anchored}, {at}, {}, {}),",
                bytes.len(),
                sets.len()
            )
            .expect("writing to a string");
        }
    }
    table.push_str("];\n");
    writeln!(
        table,
        "/// The DFAs and their first-byte tables.\nstatic BLOB: &[u8] = include_bytes!({:?});",
        blob_file.display().to_string()
    )
    .expect("writing to a string");
    std::fs::write(&blob_file, blob).expect("OUT_DIR is writable");
    std::fs::write(out.join("precompiled.rs"), table).expect("OUT_DIR is writable");
}

/// Which bytes a match can start with, by what precedes the start: for each look-behind (the
/// byte before, 0 to 255, or 256 for the start of the text) the index of its set, and the sets
/// (256 bits each). A start whose first byte leads the DFA to its dead state holds no match.
fn first_bytes(dfa: &dense::DFA<Vec<u32>>) -> (Vec<u8>, Vec<[u8; 32]>) {
    let mut classes = Vec::with_capacity(257);
    let mut sets: Vec<[u8; 32]> = Vec::new();
    for behind in 0..=256usize {
        let haystack: Vec<u8> = match u8::try_from(behind) {
            Ok(byte) => vec![byte, b'x'],
            Err(_) => vec![b'x'],
        };
        let input = Input::new(&haystack)
            .range(haystack.len() - 1..)
            .anchored(Anchored::Yes);
        let start = dfa
            .start_state_forward(&input)
            .expect("an anchored start with no quit bytes");
        let mut set = [0u8; 32];
        for byte in 0..=255u8 {
            if !dfa.is_dead_state(dfa.next_state(start, byte)) {
                set[usize::from(byte / 8)] |= 1 << (byte % 8);
            }
        }
        let index = sets.iter().position(|s| *s == set).unwrap_or_else(|| {
            sets.push(set);
            sets.len() - 1
        });
        classes.push(u8::try_from(index).expect("few start states"));
    }
    (classes, sets)
}
