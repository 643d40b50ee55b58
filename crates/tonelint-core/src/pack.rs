//! Rule packs: TOML files of rules, loaded, validated and compiled.
//!
//! The built-in packs are embedded with `include_str!`, so the binary needs no files beside it.
//! Every error names the pack file, the rule id and the line and column.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Location, Result};
use crate::linter::LiteralTable;
use crate::rule::{Example, Examples, Matcher, Rule, RuleSpec};

/// The built-in packs: name and TOML text. A test checks this list equals the files in `rules/`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("blame", include_str!("../../../rules/blame.toml")),
    (
        "condescension",
        include_str!("../../../rules/condescension.toml"),
    ),
    ("courtesy", include_str!("../../../rules/courtesy.toml")),
    ("dismissal", include_str!("../../../rules/dismissal.toml")),
    ("empathy", include_str!("../../../rules/empathy.toml")),
    ("shape", include_str!("../../../rules/shape.toml")),
];

/// A loaded pack.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Pack {
    /// One lowercase word; the default category of its rules.
    pub name: String,
    /// What the pack is about.
    pub description: String,
    /// The file it came from (`builtin:NAME` for embedded packs).
    pub path: String,
    /// Its rules, in file order.
    pub rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    pack: PackHeader,
    #[serde(default)]
    words: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    rule: Vec<Spanned<RuleSpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackHeader {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
}

impl Pack {
    /// Parses and compiles the pack in `text`, read from `path`.
    ///
    /// # Errors
    ///
    /// Invalid TOML, an unknown key, a missing field, a bad regex or template, a rule that breaks
    /// its kind's constraints, or two rules with one id: an [`Error::Pack`] with line and column.
    pub fn parse(path: &str, text: &str) -> Result<Pack> {
        let pack = Pack::parse_lazily(path, text)?;
        pack.compile_regexes()?;
        Ok(pack)
    }

    /// Compiles every regex of the pack now: a pack from a user is compiled in full at load, so a
    /// regex the size limit refuses is an error with its place, not a silent miss later.
    fn compile_regexes(&self) -> Result<()> {
        for rule in &self.rules {
            for regex in rule.regexes() {
                if let Err(message) = regex.compiled() {
                    return Err(Error::Pack {
                        location: Location {
                            path: self.path.clone(),
                            line_column: Some((rule.origin.1, 1)),
                        },
                        rule: Some(rule.id.clone()),
                        message: message.to_owned(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Parses and compiles the pack, leaving regexes to compile on first use (for the built-in
    /// packs, whose regexes the test suite compiles).
    fn parse_lazily(path: &str, text: &str) -> Result<Pack> {
        let file: PackFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let mut message = toml_message(&e);
            if message.starts_with("unknown field")
                && let Some(table) = table_before(text, offset)
                && table != "[[rule]]"
                && table != "[pack]"
            {
                message.push_str(&format!(
                    " (this key is read as part of `{table}` above it; put a rule's own keys before its sub-tables)"
                ));
            }
            Error::Pack {
                location: Location::at(path, text, offset),
                rule: rule_id_before(text, offset),
                message,
            }
        })?;
        Pack::compile(path, text, file.pack, &file.words, file.rule)
    }

    /// The pack a configuration file defines inline (`[pack]`, `[words]` and `[[rule]]` tables
    /// beside its own keys), if it defines one; its regexes compiled in full, as a pack file's.
    ///
    /// # Errors
    ///
    /// As [`Pack::parse`]; rules without a `[pack]` table naming their pack.
    pub fn parse_inline(path: &str, text: &str) -> Result<Option<Pack>> {
        #[derive(Deserialize)]
        struct Inline {
            pack: Option<PackHeader>,
            #[serde(default)]
            words: BTreeMap<String, Vec<String>>,
            #[serde(default)]
            rule: Vec<Spanned<RuleSpec>>,
        }
        let inline: Inline = toml::from_str(text).map_err(|e| Error::Pack {
            location: Location::at(path, text, e.span().map_or(0, |s| s.start)),
            rule: rule_id_before(text, e.span().map_or(0, |s| s.start)),
            message: toml_message(&e),
        })?;
        let header = match (inline.pack, inline.rule.first()) {
            (Some(header), _) => header,
            (None, None) => return Ok(None),
            (None, Some(first)) => {
                return Err(Error::Pack {
                    location: Location::at(path, text, first.span().start),
                    rule: None,
                    message:
                        "rules in a configuration need a `[pack]` table with the pack's `name`"
                            .to_owned(),
                });
            }
        };
        let pack = Pack::compile(path, text, header, &inline.words, inline.rule)?;
        pack.compile_regexes()?;
        Ok(Some(pack))
    }

    /// Compiles the rules of a pack read from `text`.
    fn compile(
        path: &str,
        text: &str,
        header: PackHeader,
        words: &BTreeMap<String, Vec<String>>,
        specs: Vec<Spanned<RuleSpec>>,
    ) -> Result<Pack> {
        let name = header.name.get_ref().clone();
        if !name.chars().all(|c| c.is_ascii_lowercase()) || name.is_empty() {
            return Err(Error::Pack {
                location: Location::at(path, text, header.name.span().start),
                rule: None,
                message: format!("pack name `{name}` must be one lowercase word"),
            });
        }
        let index = crate::span::LineIndex::new(text);
        let mut rules: Vec<Rule> = Vec::with_capacity(specs.len());
        for spec in specs {
            let start = spec.span().start;
            let spec = spec.into_inner();
            let id = spec.id.get_ref().clone();
            let id_at = spec.id.span().start;
            if rules.iter().any(|r| r.id == id) {
                return Err(Error::Pack {
                    location: Location::at(path, text, id_at),
                    rule: Some(id.clone()),
                    message: format!("duplicate rule id `{id}`"),
                });
            }
            let line = index.line_of(start) + 1;
            let mut rule =
                spec.compile(&name, &index, line, words)
                    .map_err(|(offset, message)| Error::Pack {
                        location: Location::at(path, text, offset),
                        rule: Some(id.clone()),
                        message,
                    })?;
            rule.origin = (path.to_owned(), line);
            rules.push(rule);
        }
        Ok(Pack {
            name,
            description: header.description,
            path: path.to_owned(),
            rules,
        })
    }
}

/// The built-in packs, compiled: read from a snapshot written when the packs change (parsing
/// their TOML would be most of a draft's check), which a test keeps equal to `rules/*.toml`.
///
/// # Panics
///
/// Panics if the snapshot is invalid; the test suite guarantees it is not.
#[must_use]
pub fn builtin() -> Vec<Pack> {
    let mut packs: Vec<Pack> =
        postcard::from_bytes(SNAPSHOT).expect("the built-in snapshot is valid (tested)");
    for (k, rule) in packs.iter_mut().flat_map(|p| &mut p.rules).enumerate() {
        let k = u32::try_from(k).expect("fewer than 2^32 rules");
        rule.snapshot = Some(k);
        rule.examples = Examples::builtin(k, None);
        if let Matcher::Cold { cues, .. } = &mut rule.matcher {
            for (j, cue) in cues.iter_mut().enumerate() {
                let j = u32::try_from(j).expect("fewer than 2^32 cues");
                cue.examples = Examples::builtin(k, Some(j));
            }
        }
    }
    packs
}

/// Each built-in rule's examples and its cues' (in snapshot order), as the snapshot leaves them
/// out: what a rule's [`Examples`] read when first looked at.
type RuleExamples = (Vec<(Example, usize)>, Vec<Vec<(Example, usize)>>);

/// The examples of built-in rule `rule` (of its cue `cue`, if given); none for one out of range.
///
/// # Panics
///
/// Panics if the examples' snapshot is invalid; the test suite guarantees it is not.
pub(crate) fn builtin_examples(rule: u32, cue: Option<u32>) -> &'static Vec<(Example, usize)> {
    static EXAMPLES: LazyLock<Vec<RuleExamples>> = LazyLock::new(|| {
        postcard::from_bytes(EXAMPLES_SNAPSHOT)
            .expect("the built-in examples' snapshot is valid (tested)")
    });
    static NONE: Vec<(Example, usize)> = Vec::new();
    let Some((own, cues)) = EXAMPLES.get(rule as usize) else {
        return &NONE;
    };
    match cue {
        None => own,
        Some(j) => cues.get(j as usize).unwrap_or(&NONE),
    }
}

/// The built-in rules' examples, in postcard: apart from [`SNAPSHOT`], read only when asked for.
const EXAMPLES_SNAPSHOT: &[u8] = include_bytes!("builtin-examples.bin");

/// The examples of `packs`' rules, as [`builtin_examples`] reads them.
#[cfg(test)]
fn examples_of(packs: &[Pack]) -> Vec<RuleExamples> {
    packs
        .iter()
        .flat_map(|p| &p.rules)
        .map(|rule| {
            let cues = match &rule.matcher {
                Matcher::Cold { cues, .. } => cues.iter().map(|c| c.examples.to_vec()).collect(),
                _ => Vec::new(),
            };
            (rule.examples.to_vec(), cues)
        })
        .collect()
}

/// The compiled built-in packs, in postcard (a compact binary serde format: reading it costs a
/// fraction of parsing JSON, let alone TOML).
const SNAPSHOT: &[u8] = include_bytes!("builtin.bin");

/// The literal table of every built-in rule, in snapshot order, as a linter computes it from them
/// (written with the snapshot, which a test keeps it equal to).
pub(crate) fn builtin_literals() -> Option<LiteralTable> {
    LiteralTable::from_bytes(LITERALS)
}

/// [`builtin_literals`], in bytes ([`LiteralTable::to_bytes`]).
const LITERALS: &[u8] = include_bytes!("builtin-literals.bin");

/// The built-in packs parsed from their TOML (what the snapshot must equal).
///
/// # Panics
///
/// Panics if a built-in pack is invalid.
#[must_use]
pub fn builtin_from_toml() -> Vec<Pack> {
    // The packs are parsed side by side.
    std::thread::scope(|scope| {
        let handles: Vec<_> = BUILTIN
            .iter()
            .map(|(name, text)| {
                scope.spawn(move || {
                    Pack::parse_lazily(&format!("rules/{name}.toml"), text)
                        .unwrap_or_else(|e| panic!("built-in pack {name} is invalid: {e}"))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("parsing a built-in pack does not panic"))
            .collect()
    })
}

/// The contents of `src/builtin.bin` (the packs parsed from `rules/*.toml`, without their
/// examples), of `src/builtin-examples.bin` (their examples), of `src/builtin-literals.bin` (their
/// rules' literal table) and of `src/builtin.json` (every regex to precompile: the packs' and the
/// crate's own `LeanRegex` patterns, found in its source).
#[cfg(test)]
pub(crate) fn snapshot_source() -> (Vec<u8>, Vec<u8>, Vec<u8>, String) {
    let packs = builtin_from_toml();
    let rules: Vec<Rule> = packs.iter().flat_map(|p| p.rules.iter().cloned()).collect();
    let literals = LiteralTable::of(&rules);
    let mut precompile: Vec<(String, bool)> = packs
        .iter()
        .flat_map(|p| &p.rules)
        .flat_map(Rule::regexes)
        .map(|r| (r.as_str().to_owned(), r.folds_case()))
        .collect();
    precompile.extend(own_patterns().into_iter().map(|p| (p, false)));
    precompile.sort();
    precompile.dedup();
    let patterns = serde_json::json!({
        "about": "Generated from rules/*.toml and src/ by `TONELINT_BLESS=1 cargo test -p tonelint-core --lib builtin_snapshot`; do not edit. build.rs precompiles these regexes.",
        "precompile": precompile,
    });
    (
        postcard::to_allocvec(&packs).expect("packs serialize"),
        postcard::to_allocvec(&examples_of(&packs)).expect("examples serialize"),
        literals.to_bytes(),
        serde_json::to_string_pretty(&patterns).expect("patterns serialize") + "\n",
    )
}

/// The patterns of every `LeanRegex::new(r"…")` in the crate's source.
#[cfg(test)]
fn own_patterns() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                // The definition, and this generator.
                && !path.ends_with("regex/mod.rs")
                && !path.ends_with("pack.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                let call = "LeanRegex::new(";
                for (at, _) in text.match_indices(call) {
                    let rest = text[at + call.len()..].trim_start();
                    let hashes = rest
                        .strip_prefix('r')
                        .map(|r| r.len() - r.trim_start_matches('#').len())
                        .unwrap_or_else(|| panic!("{}: LeanRegex::new takes a raw string literal, so the build can precompile it", path.display()));
                    let open = 1 + hashes + 1;
                    let close = format!("\"{}", "#".repeat(hashes));
                    let end = rest[open..].find(&close).expect("a closed raw string");
                    out.push(rest[open..open + end].to_owned());
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut out,
    );
    out
}

/// The first line of a toml error, without the crate's "TOML parse error at …" preamble.
pub(crate) fn toml_message(e: &toml::de::Error) -> String {
    // One line: the crate's message may continue with "expected …" on the next.
    e.message()
        .trim()
        .trim_end_matches('.')
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The nearest table header (`[[rule]]`, `[rule.unless]`, …) before byte `offset`.
fn table_before(text: &str, offset: usize) -> Option<&str> {
    text[..offset.min(text.len())]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
}

/// The id of the `[[rule]]` table that contains byte `offset`, found by reading the text.
fn rule_id_before(text: &str, offset: usize) -> Option<String> {
    let head = text[..offset.min(text.len())].rfind("[[rule]]")?;
    let table_end = text[head + 8..]
        .find("\n[")
        .map_or(text.len(), |e| head + 8 + e);
    text[head..table_end].lines().find_map(|line| {
        let rest = line
            .trim()
            .strip_prefix("id")?
            .trim_start()
            .strip_prefix('=')?;
        Some(rest.trim().trim_matches(['"', '\'']).to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_snapshot() {
        let bin = concat!(env!("CARGO_MANIFEST_DIR"), "/src/builtin.bin");
        let examples_bin = concat!(env!("CARGO_MANIFEST_DIR"), "/src/builtin-examples.bin");
        let table = concat!(env!("CARGO_MANIFEST_DIR"), "/src/builtin-literals.bin");
        let json = concat!(env!("CARGO_MANIFEST_DIR"), "/src/builtin.json");
        let (packs, examples, literals, patterns) = snapshot_source();
        if std::env::var_os("TONELINT_BLESS").is_some() {
            std::fs::write(bin, &packs).unwrap();
            std::fs::write(examples_bin, &examples).unwrap();
            std::fs::write(table, &literals).unwrap();
            std::fs::write(json, &patterns).unwrap();
            // This build embeds the old snapshot; the next one checks the new.
            return;
        }
        assert!(
            std::fs::read(bin).unwrap_or_default() == packs
                && std::fs::read(examples_bin).unwrap_or_default() == examples
                && std::fs::read(table).unwrap_or_default() == literals
                && std::fs::read_to_string(json).unwrap_or_default() == patterns,
            "src/builtin.bin, src/builtin-examples.bin, src/builtin-literals.bin or src/builtin.json is stale: the built-in packs, the literal table's form or the crate's own regexes changed. Run `TONELINT_BLESS=1 cargo test -p tonelint-core --lib builtin_snapshot` (then build again: the binary embeds them)"
        );
        // What the binary reads is what parsing the packs gives (but for the marks of where
        // each rule is in the snapshot), and the table is theirs.
        let mut read = builtin();
        let rules: Vec<Rule> = read.iter().flat_map(|p| p.rules.iter().cloned()).collect();
        assert_eq!(builtin_literals(), Some(LiteralTable::of(&rules)));
        for (k, rule) in read.iter_mut().flat_map(|p| &mut p.rules).enumerate() {
            assert_eq!(rule.snapshot.take(), Some(u32::try_from(k).unwrap()));
        }
        assert_eq!(format!("{read:?}"), format!("{:?}", builtin_from_toml()));
    }

    const HEAD: &str = "[pack]\nname = \"team\"\n\n";

    /// Asserts that a pack with `body` fails to load with an error containing `needle`.
    fn assert_err_contains(body: &str, needle: &str) {
        let e = err(body);
        assert!(e.contains(needle), "{e}");
    }

    /// A linter of the rules of a pack with `body` under the usual head.
    fn linter_of(body: &str) -> crate::Linter {
        let pack = Pack::parse("team.toml", &format!("{HEAD}{body}")).unwrap();
        crate::Linter::new(pack.rules).unwrap()
    }

    fn err(body: &str) -> String {
        Pack::parse("team.toml", &format!("{HEAD}{body}"))
            .unwrap_err()
            .to_string()
    }

    const RULE: &str = r#"[[rule]]
id = "x-rule"
kind = "phrase"
phrases = ["user error"]
message = "“{match}” blames"
summary = "Flags blame"
why = "It hurts"
[[rule.example]]
bad = "That is user error."
"#;

    #[test]
    fn a_phrase_may_carry_its_own_confidence() {
        let pack = Pack::parse(
            "team.toml",
            &format!(
                "{HEAD}{}",
                RULE.replace(
                    r#"phrases = ["user error"]"#,
                    r#"confidence = 0.9
phrases = ["user error", { phrase = "operator error", confidence = 0.3 }]"#
                )
            ),
        )
        .unwrap();
        let linter = crate::Linter::new(pack.rules).unwrap();
        let found = linter.check_text("That is user error. That is operator error.");
        let confidences: Vec<f64> = found.iter().map(|f| f.confidence).collect();
        assert_eq!(confidences, [0.9, 0.3]);
        let bad = format!(
            "{HEAD}{}",
            RULE.replace(
                r#"phrases = ["user error"]"#,
                r#"phrases = [{ phrase = "user error", confidence = 1.5 }]"#
            )
        );
        assert!(
            Pack::parse("team.toml", &bad)
                .unwrap_err()
                .to_string()
                .contains("between 0 and 1")
        );
    }

    #[test]
    fn loads_a_rule() {
        let pack = Pack::parse("team.toml", &format!("{HEAD}{RULE}")).unwrap();
        assert_eq!(pack.rules[0].code(), "team/x-rule");
        assert_eq!(pack.rules[0].origin, ("team.toml".to_owned(), 4));
    }

    #[test]
    fn unknown_key_names_rule_and_position() {
        let body = RULE.replace("why =", "colour = 1\nwhy =");
        assert_eq!(
            err(&body),
            "team.toml:10:1: rule `x-rule`: unknown field `colour`, expected one of `id`, `kind`, `category`, `tags`, `severity`, `confidence`, `message`, `summary`, `why`, `link`, `zones`, `negation`, `quotation`, `safety`, `unless`, `when`, `suggestion`, `example`, `phrases`, `pattern`, `case-sensitive`, `swaps`, `applicability`, `steps`, `max`, `per`, `min-words`, `ratio`, `allow`, `trigger`, `requirement`, `conditions`, `threshold`, `cue`"
        );
    }

    #[test]
    fn duplicate_ids_and_bad_regex() {
        assert_eq!(
            err(&format!("{RULE}{RULE}")),
            "team.toml:14:6: rule `x-rule`: duplicate rule id `x-rule`"
        );
        let body = RULE.replace(
            "kind = \"phrase\"\nphrases = [\"user error\"]",
            "kind = \"pattern\"\npattern = \"(unclosed\"",
        );
        assert_eq!(
            err(&body),
            "team.toml:7:11: rule `x-rule`: invalid regex: unclosed group"
        );
    }

    const REFUSAL: &str = r#"[[rule]]
id = "bare-refusal"
kind = "requires"
message = "“{match}” refuses; the reply leaves out {missing}"
summary = "Flags a refusal without a reason or an open door"
why = "It leaves the client stuck"
[rule.trigger]
zones = ["opening", "body"]
phrases = ["we can't"]
[[rule.requirement]]
name = "a reason"
insert = " [Why.]"
phrases = ["because"]
[[rule.requirement]]
name = "an open door"
insert = " Write back any time."
phrases = ["write back"]
[[rule.suggestion]]
insert = "{inserts}"
at = "after-sentence"
[[rule.example]]
bad = "Hi Jo,\n\nWe can't refund it.\n"
"#;

    #[test]
    fn a_requires_rule_names_each_missing_requirement() {
        let linter = linter_of(REFUSAL);
        let text = "Hi Jo,\n\nWe can't refund it.\n";
        let found = linter.check_text(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "“We can't” refuses; the reply leaves out a reason and an open door"
        );
        let edit = &found[0].suggestions[0].edits[0];
        assert_eq!(edit.replacement, " [Why.] Write back any time.");
        assert_eq!(&text[..edit.span.start], "Hi Jo,\n\nWe can't refund it.");
        let found = linter.check_text("Hi Jo,\n\nWe can't refund it, because it shipped.\n");
        assert_eq!(
            found[0].message,
            "“We can't” refuses; the reply leaves out an open door"
        );
        assert_eq!(
            found[0].suggestions[0].edits[0].replacement,
            " Write back any time."
        );
        let met = "Hi Jo,\n\nWe can't refund it, because it shipped. Write back any time.\n";
        assert!(linter.check_text(met).is_empty());
        // One table still reads as one requirement.
        let one = REFUSAL
            .replace("{missing}", "a reason")
            .replace("{inserts}", " [Why.]")
            .replace("[[rule.requirement]]\nname = \"an open door\"\ninsert = \" Write back any time.\"\nphrases = [\"write back\"]\n", "")
            .replace("[[rule.requirement]]", "[rule.requirement]");
        let linter = linter_of(&one);
        assert_eq!(
            linter
                .check_text(met.replace(" Write back any time.", "").as_str())
                .len(),
            0
        );
    }

    #[test]
    fn a_metric_rule_has_at_most_256_conditions() {
        let body = format!(
            "[[rule]]\nid = \"m\"\nkind = \"metric\"\nmessage = \"m\"\nsummary = \"Flags m\"\nwhy = \"m\"\n{}[[rule.example]]\nbad = \"m\"\n",
            "[[rule.conditions]]\ncounter = \"words\"\nmin = 1\n".repeat(300)
        );
        assert_err_contains(&body, "at most 256 conditions");
    }

    #[test]
    fn a_requirement_window_counts_sentences_from_the_trigger() {
        let windowed = REFUSAL.replace(
            "phrases = [\"because\"]",
            "phrases = [\"because\"]\nwindow = 1",
        );
        let linter = linter_of(&windowed);
        let near =
            "Hi Jo,\n\nWe can't refund it. That is because it shipped.\n\nWrite back any time.\n";
        assert!(linter.check_text(near).is_empty());
        let far = "Hi Jo,\n\nWe can't refund it. It left on Monday. It is in Leeds.\n\nThat is because it shipped. Write back any time.\n";
        let found = linter.check_text(far);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.ends_with("leaves out a reason"),
            "{}",
            found[0].message
        );
        // Before the trigger counts as well as after it.
        let before = "Hi Jo,\n\nIt shipped, because you chose express. We can't refund it.\n\nWrite back any time.\n";
        assert!(linter.check_text(before).is_empty());
    }

    #[test]
    fn requires_placeholders_are_checked() {
        let unnamed = REFUSAL.replace("name = \"an open door\"\n", "");
        assert_eq!(
            err(&unnamed),
            "team.toml:17:1: rule `bare-refusal`: each of several requirements needs a `name` (for `{missing}`)"
        );
        let elsewhere = RULE.replace("blames\"", "blames; {missing}\"");
        assert!(err(&elsewhere).contains("`{missing}` exists only in requires rules"));
        let on_trigger = REFUSAL.replace(
            "phrases = [\"we can't\"]",
            "phrases = [\"we can't\"]\nname = \"x\"",
        );
        assert!(err(&on_trigger).contains("belong to a requirement, not the trigger"));
        let many = REFUSAL.replace(
            "[[rule.suggestion]]",
            &format!(
                "{}[[rule.suggestion]]",
                "[[rule.requirement]]\nname = \"x\"\nphrases = [\"x\"]\n".repeat(300)
            ),
        );
        assert_err_contains(&many, "at most 255 requirements");
        let typo = REFUSAL.replace("insert = \" [Why.]\"", "insrt = \" [Why.]\"");
        assert_err_contains(&typo, "unknown field `insrt`");
    }

    #[test]
    fn kind_fields_are_checked() {
        let body = RULE.replace("phrases =", "steps = [\"a\"]\nphrases =");
        assert_eq!(
            err(&body),
            "team.toml:6:8: rule `x-rule`: field `steps` does not apply to kind `phrase`"
        );
    }
}
