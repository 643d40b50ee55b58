//! Regexes compiled on first use, with what the linter needs known up front: capture names for
//! templates, and the literals every match starts and ends with, so the regex runs only where
//! they appear in the text (all such literals sit in the one Aho-Corasick automaton).
//!
//! Compiling every rule's regex at start-up would cost tens of milliseconds: more than linting a
//! draft. Parsing (to validate and extract literals) is cheap; compiling waits until a region
//! holds one of the regex's literals.

use std::sync::OnceLock;

use regex_automata::meta;
use regex_automata::util::syntax;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

/// Bytes the compiled program of one rule's regex may take.
const SIZE_LIMIT: usize = 1 << 22;

/// A rule's regex: parsed at load, compiled at first use.
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    case_insensitive: bool,
    captures: Vec<Option<String>>,
    gates: Vec<Vec<String>>,
    matches_empty: bool,
    groups: bool,
    cell: OnceLock<Result<Compiled, String>>,
}

/// A compiled regex and the mode it was compiled in.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub(crate) regex: meta::Regex,
    /// Compiled with ASCII-only `\w`, `\b`, `\s`, `\d` and case folding (40 times faster to
    /// build than the Unicode tables). Where that differs from Unicode (a match that starts or
    /// ends beside a non-ASCII letter), the linter drops the match.
    pub(crate) ascii: bool,
}

impl Clone for LazyRegex {
    fn clone(&self) -> LazyRegex {
        LazyRegex {
            source: self.source.clone(),
            case_insensitive: self.case_insensitive,
            captures: self.captures.clone(),
            gates: self.gates.clone(),
            matches_empty: self.matches_empty,
            groups: self.groups,
            cell: OnceLock::new(),
        }
    }
}

impl LazyRegex {
    /// Parses `source`; errors are one line. The built-in packs' patterns are not parsed: what
    /// parsing would tell is in a table generated from them (and checked by a test).
    pub(crate) fn new(source: &str, case_insensitive: bool) -> Result<LazyRegex, String> {
        if let Ok(i) = super::builtin_regexes::TABLE.binary_search_by(|(p, _)| (*p).cmp(source)) {
            let info = &super::builtin_regexes::TABLE[i].1;
            return Ok(LazyRegex {
                source: source.to_owned(),
                case_insensitive,
                captures: info.captures.iter().map(|c| c.map(str::to_owned)).collect(),
                gates: info
                    .gates
                    .iter()
                    .map(|set| set.iter().map(|&l| l.to_owned()).collect())
                    .collect(),
                matches_empty: info.matches_empty,
                groups: true,
                cell: OnceLock::new(),
            });
        }
        LazyRegex::parse(source, case_insensitive)
    }

    /// Parses `source` for its captures, emptiness and literals.
    pub(crate) fn parse(source: &str, case_insensitive: bool) -> Result<LazyRegex, String> {
        // ASCII mode parses fast and is enough for captures, emptiness and literals; a pattern
        // it refuses is parsed again with Unicode, to tell a real syntax error apart.
        let hir = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(source)
            .or_else(|_| regex_syntax::ParserBuilder::new().build().parse(source))
            .map_err(|e| syntax_error(&e.to_string()))?;
        let mut captures = vec![None];
        collect_captures(&hir, &mut captures);
        let gates = gates(&hir);
        Ok(LazyRegex {
            source: source.to_owned(),
            case_insensitive,
            captures,
            gates,
            matches_empty: hir.properties().minimum_len() == Some(0),
            groups: true,
            cell: OnceLock::new(),
        })
    }

    /// A regex that needs no literals nor capture names (an `unless` or `when` filter): not even
    /// parsed until first use. Packs loaded from files compile it at load, which checks it.
    pub(crate) fn unparsed(source: &str, case_insensitive: bool) -> LazyRegex {
        LazyRegex {
            source: source.to_owned(),
            case_insensitive,
            captures: vec![None],
            gates: Vec::new(),
            matches_empty: false,
            groups: false,
            cell: OnceLock::new(),
        }
    }

    /// Builds the regex without capture groups (no template names one).
    pub(crate) fn skip_groups(&mut self) {
        self.groups = false;
    }

    /// The compiled regex, or why it cannot be compiled (the size limit).
    pub(crate) fn compiled(&self) -> Result<&Compiled, &str> {
        self.cell
            .get_or_init(|| {
                // Folded text is lower case, so a pattern with no upper-case letter of its own
                // needs no case folding, which costs more to build than the rest of the regex.
                let fold = self.case_insensitive && has_upper_case(&self.source);
                let build = |unicode: bool| {
                    meta::Regex::builder()
                        .configure(
                            // The automaton already gates each regex on its literals, so its own
                            // prefilter and the engines that pay off only on long texts would
                            // cost more to build than they save on a draft.
                            meta::Config::new()
                                .auto_prefilter(false)
                                .onepass(false)
                                .backtrack(false)
                                .dfa(false)
                                .which_captures(if self.groups {
                                    regex_automata::nfa::thompson::WhichCaptures::All
                                } else {
                                    regex_automata::nfa::thompson::WhichCaptures::Implicit
                                })
                                .nfa_size_limit(Some(SIZE_LIMIT)),
                        )
                        .syntax(
                            syntax::Config::new()
                                .case_insensitive(fold)
                                .unicode(unicode),
                        )
                        .build(&self.source)
                };
                // ASCII mode first: it refuses what could match inside a UTF-8 sequence (`.`,
                // non-ASCII classes), and those patterns get the Unicode tables.
                match build(false) {
                    Ok(regex) => Ok(Compiled { regex, ascii: true }),
                    Err(_) => build(true)
                        .map(|regex| Compiled {
                            regex,
                            ascii: false,
                        })
                        .map_err(|e| build_error(&e)),
                }
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// The compiled regex; `None` if it cannot be compiled (packs loaded from files are compiled
    /// in full when loaded, so this only guards against the impossible).
    pub(crate) fn get(&self) -> Option<&Compiled> {
        self.compiled().ok()
    }

    /// Whether the regex can match empty text.
    pub(crate) fn matches_empty(&self) -> bool {
        self.matches_empty
    }

    /// Whether it matches ignoring case.
    #[must_use]
    pub fn is_case_insensitive(&self) -> bool {
        self.case_insensitive
    }

    /// The pattern.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Number of capture groups, the whole match included.
    pub(crate) fn captures_len(&self) -> usize {
        self.captures.len()
    }

    /// Names of the capture groups, by index.
    pub(crate) fn capture_names(&self) -> impl Iterator<Item = Option<&str>> {
        self.captures.iter().map(Option::as_deref)
    }

    /// Sets of folded literals; every match holds a literal of each set (one set: the literals
    /// matches start with, the other: those they end with). Empty when there is no usable set.
    pub(crate) fn gates(&self) -> &[Vec<String>] {
        &self.gates
    }
}

fn collect_captures(hir: &Hir, out: &mut Vec<Option<String>>) {
    match hir.kind() {
        HirKind::Capture(c) => {
            let index = c.index as usize;
            if out.len() <= index {
                out.resize(index + 1, None);
            }
            out[index] = c.name.as_deref().map(str::to_owned);
            collect_captures(&c.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for sub in subs {
                collect_captures(sub, out);
            }
        }
        HirKind::Repetition(r) => collect_captures(&r.sub, out),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
    }
}

/// The literal sets that gate a regex: the prefixes every match of `hir` starts with and the
/// suffixes it ends with, each when finite, small and selective, folded (lower case, straight
/// quotes) so they can be looked for in folded text. Matching is case-insensitive on folded text,
/// and a case-sensitive match lower-cased is in the folded text too, so lower-cased literals are
/// always a sound gate. A regex runs only where a literal of every set appears.
fn gates(hir: &Hir) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        if let Some(set) = extract(hir, kind)
            && !out.contains(&set)
        {
            out.push(set);
        }
    }
    out
}

/// The literals one of which every match starts (or ends) with, if there are few enough.
fn extract(hir: &Hir, kind: ExtractKind) -> Option<Vec<String>> {
    const MOST: usize = 64;
    let mut extractor = Extractor::new();
    extractor.kind(kind).limit_total(MOST).limit_class(8);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    if literals.len() > MOST {
        return None;
    }
    let mut out = Vec::with_capacity(literals.len());
    for lit in literals {
        let text = std::str::from_utf8(lit.as_bytes()).ok()?;
        let folded = crate::text::Folded::new(text).text;
        // A literal that is one character or only spaces would match nearly everywhere: no use.
        // "!!" and "?!" are fine.
        if folded.trim().chars().count() < 2 {
            return None;
        }
        out.push(folded);
    }
    // A literal that holds another of the set adds nothing to the gate: wherever it appears, the
    // shorter one does too. Fewer literals make a smaller automaton.
    out.sort_by_key(|l| (l.len(), l.clone()));
    out.dedup();
    let mut minimal: Vec<String> = Vec::with_capacity(out.len());
    for literal in out {
        if !minimal.iter().any(|m| literal.contains(m.as_str())) {
            minimal.push(literal);
        }
    }
    minimal.sort();
    (!minimal.is_empty()).then_some(minimal)
}

/// A parse error on one line: the crate's message is a multi-line snippet.
fn syntax_error(text: &str) -> String {
    let last = text.lines().last().unwrap_or_default();
    format!("invalid regex: {}", last.trim_start_matches("error: "))
}

/// A build error on one line.
fn build_error(e: &meta::BuildError) -> String {
    if e.size_limit().is_some() {
        return format!(
            "the regex is too big once compiled (limit {SIZE_LIMIT} bytes); simplify it or split the rule"
        );
    }
    syntax_error(&e.to_string())
}

/// Whether `pattern` has an upper-case letter outside escapes (`\S`, `\W`, `\p{Lu}`).
fn has_upper_case(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(e) = chars.next()
                    && matches!(e, 'p' | 'P')
                {
                    let rest = chars.as_str();
                    if rest.starts_with('{') {
                        let skip = rest.find('}').map_or(rest.len(), |i| i + 1);
                        chars = rest[skip..].chars();
                    } else {
                        chars.next();
                    }
                }
            }
            c if c.is_uppercase() => return true,
            _ => {}
        }
    }
    false
}

/// What parsing tells about a pattern, for the generated table of built-in patterns.
#[derive(Debug)]
pub(crate) struct Info {
    pub(crate) gates: &'static [&'static [&'static str]],
    pub(crate) captures: &'static [Option<&'static str>],
    pub(crate) matches_empty: bool,
}

/// The Rust source of the table of the built-in packs' patterns (`src/rule/builtin_regexes.rs`).
#[cfg(test)]
pub(crate) fn table_source() -> String {
    let mut patterns: Vec<String> = crate::pack::builtin()
        .into_iter()
        .flat_map(|p| p.rules)
        .flat_map(|r| match r.matcher {
            crate::rule::Matcher::Pattern { regex, .. }
            | crate::rule::Matcher::Sequence { regex } => vec![regex.source],
            crate::rule::Matcher::Limit {
                regex: Some(regex), ..
            } => vec![regex.source],
            crate::rule::Matcher::Requires {
                trigger,
                requirement,
            } => {
                vec![trigger.regex.source, requirement.regex.source]
            }
            _ => Vec::new(),
        })
        .collect();
    patterns.sort();
    patterns.dedup();
    let mut out = String::from(
        "//! Generated from the built-in packs by `TONELINT_BLESS=1 cargo test --lib builtin_regex_table`;\n\
         //! do not edit. What parsing each pattern tells (literals, captures, emptiness), so start-up\n\
         //! does not parse them; a test regenerates it and fails if it is stale.\n\n\
         use super::lazy::Info;\n\n\
         #[rustfmt::skip]\n\
         pub(crate) static TABLE: &[(&str, Info)] = &[\n",
    );
    for p in patterns {
        let parsed = LazyRegex::parse(&p, true).expect("built-in patterns parse");
        let gates: Vec<String> = parsed.gates.iter().map(|set| format!("&{set:?}")).collect();
        let literals = format!("&[{}]", gates.join(", "));
        out.push_str(&format!(
            "    (\n        {p:?},\n        Info {{\n            gates: {literals},\n            captures: &{:?},\n            matches_empty: {},\n        }},\n    ),\n",
            parsed.captures, parsed.matches_empty
        ));
    }
    out.push_str("];\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_regex_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rule/builtin_regexes.rs");
        let fresh = table_source();
        if std::env::var_os("TONELINT_BLESS").is_some() {
            std::fs::write(path, &fresh).unwrap();
        }
        let current = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            current == fresh,
            "src/rule/builtin_regexes.rs is stale: the built-in packs changed. Run `TONELINT_BLESS=1 cargo test --lib builtin_regex_table`"
        );
    }

    #[test]
    fn literals_and_captures() {
        let re =
            LazyRegex::new(r"\b(?P<who>any|every) (competent|reasonable) user\b", true).unwrap();
        assert_eq!(re.captures_len(), 3);
        assert_eq!(re.capture_names().nth(1), Some(Some("who")));
        assert_eq!(
            re.gates(),
            [vec![
                "any competent user".to_owned(),
                "any reasonable user".to_owned(),
                "every competent user".to_owned(),
                "every reasonable user".to_owned()
            ]]
        );
        let re = LazyRegex::new(r"\w+ \w+", true).unwrap();
        assert!(re.gates().is_empty());
        let re = LazyRegex::new(r"Didn['’]t", false).unwrap();
        assert_eq!(re.gates(), [vec!["didn't".to_owned()]]);
        assert!(re.get().unwrap().regex.is_match("Didn’t"));
        assert!(has_upper_case(r"(?i)\bI said"));
        assert!(!has_upper_case(r"\S+\W\p{Lu}\pL said"));
        assert!(
            LazyRegex::new("(unclosed", true)
                .unwrap_err()
                .contains("unclosed group")
        );
    }
}
