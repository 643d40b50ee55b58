//! Every built-in rule: its examples hold, and its documentation is complete.

use tonelint_core::rule::Example;
use tonelint_core::{Linter, pack};

#[test]
fn every_builtin_example_holds() {
    let failures: Vec<String> = pack::builtin()
        .iter()
        .flat_map(tonelint_core::linter::examples::check_examples)
        .map(|e| e.to_string())
        .collect();
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn builtin_packs_compile_in_full() {
    // `pack::builtin()` compiles regexes on first use; loading them as a file compiles them all.
    for (name, text) in pack::BUILTIN {
        if let Err(e) = tonelint_core::Pack::parse(&format!("rules/{name}.toml"), text) {
            panic!("{e}");
        }
    }
}

#[test]
fn builtin_list_matches_rules_folder() {
    let mut files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".toml").map(str::to_owned)
        })
        .collect();
    files.sort();
    let listed: Vec<&str> = pack::BUILTIN.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        files, listed,
        "pack::BUILTIN must list every rules/*.toml, sorted"
    );
    for pack in pack::builtin() {
        let (name, _) = pack::BUILTIN.iter().find(|(n, _)| *n == pack.name).unwrap();
        assert_eq!(*name, pack.name, "a pack's file name is its name");
    }
}

#[test]
fn builtin_rules_are_documented_and_tested() {
    let packs = pack::builtin();
    let rules: Vec<_> = packs.iter().flat_map(|p| &p.rules).collect();
    assert!(rules.len() >= 60, "only {} built-in rules", rules.len());
    let mut problems = Vec::new();
    for rule in &rules {
        let bad = rule
            .examples
            .iter()
            .filter(|(e, _)| matches!(e, Example::Bad { .. }))
            .count();
        let good = rule
            .examples
            .iter()
            .filter(|(e, _)| matches!(e, Example::Good { .. }))
            .count();
        if bad < 2 || good < 2 {
            problems.push(format!(
                "{}: {bad} bad and {good} good examples (need 2 each)",
                rule.id
            ));
        }
        // A cold rule's every cue shows where it counts and a near miss where it does not.
        if let tonelint_core::Matcher::Cold { cues, .. } = &rule.matcher {
            for cue in cues {
                let bad = cue
                    .examples
                    .iter()
                    .filter(|(e, _)| matches!(e, Example::Bad { .. }))
                    .count();
                if bad == 0 || bad == cue.examples.len() {
                    problems.push(format!(
                        "{}: cue “{}” needs a `bad` and a `good` example",
                        rule.id, cue.name
                    ));
                }
            }
        }
        if !rule.summary.starts_with("Flags") {
            problems.push(format!("{}: summary should start with \"Flags\"", rule.id));
        }
        if rule.why.trim().len() < 20 {
            problems.push(format!("{}: `why` is too thin", rule.id));
        }
        if rule.fix_kinds().is_empty() {
            problems.push(format!("{}: no suggestion", rule.id));
        }
        // A rule whose fix edits the reply shows it on whole sentences, twice at least.
        let fixed = rule
            .examples
            .iter()
            .filter(|(e, _)| matches!(e, Example::Bad { fixed: Some(_), .. }))
            .count();
        let edits = rule
            .fix_kinds()
            .iter()
            .any(|a| *a != tonelint_core::Applicability::Advice);
        if edits && fixed < 2 {
            problems.push(format!(
                "{}: its suggestions edit, but it has {fixed} `fixed` examples (need 2)",
                rule.id
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Ids are unique across packs: the linter refuses duplicates.
    Linter::new(rules.into_iter().cloned().collect()).unwrap();
}

#[test]
fn curly_and_straight_apostrophes_match_alike() {
    let rules = pack::builtin().into_iter().flat_map(|p| p.rules).collect();
    let linter = Linter::new(rules).unwrap();
    for text in [
        "You should have known this already.",
        "You should’ve known this already.",
    ] {
        let straight = linter.check_text(&text.replace('’', "'"));
        let curly = linter.check_text(&text.replace('\'', "’"));
        let ids =
            |f: &[tonelint_core::Finding]| f.iter().map(|f| f.rule.clone()).collect::<Vec<_>>();
        assert!(!straight.is_empty(), "{text}");
        assert_eq!(ids(&straight), ids(&curly), "{text}");
    }
}
