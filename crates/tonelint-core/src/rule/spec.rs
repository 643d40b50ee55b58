//! The TOML schema of one rule, as written, and its compilation into a [`Rule`]: every field of
//! every kind decoded (unknown keys rejected), checked against its kind, templates parsed,
//! regexes built, sequences turned into regexes.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::template::{Template, Vars};
use super::{
    Action, Anchor, Cues, Example, LazyRegex, Matcher, Rule, Scope, Severity, SuggestionTemplate,
    Unit, Unless, cold, metric, sequence,
};
use crate::fix::Applicability;
use crate::region::Zone;

/// The window an `unless` exception is looked for in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(crate) enum WindowSpec {
    Words(usize),
    Named(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnlessSpec {
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    window: Option<WindowSpec>,
}

/// A `requires` rule's trigger or requirement, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CuesSpec {
    zones: Option<Vec<Zone>>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    min: Option<usize>,
    /// A requirement's name, for `{missing}` ("an open door").
    name: Option<String>,
    /// A requirement's own insertion, for `{inserts}`.
    insert: Option<String>,
    /// Where a requirement's own insertion goes, when not where the `{inserts}` suggestion puts
    /// the others (an open door before the closing, a next step after the refusal).
    at: Option<Anchor>,
    /// A trigger's exceptions: words that, shortly before a match, cancel it ("if we can't").
    #[serde(default)]
    unless: Vec<String>,
    /// A requirement's window, in sentences: near the trigger, or early in the reply.
    window: Option<usize>,
}

/// How many regexes a `requires` rule (its trigger and requirements) or a `metric` rule (its
/// conditions) may have: each is numbered by a byte where the linter gates it.
const MAX_CUES: usize = 256;

/// A `requires` rule's requirements: one table (`[rule.requirement]`) or several
/// (`[[rule.requirement]]`, each with where it starts), each of which must be met.
#[derive(Debug)]
pub(crate) struct Requirements(Vec<(Option<usize>, CuesSpec)>);

impl<'de> Deserialize<'de> for Requirements {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Requirements;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a table or an array of tables")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Requirements, A::Error> {
                let one = CuesSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Requirements(vec![(None, one)]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Requirements, A::Error> {
                let list: Vec<Spanned<CuesSpec>> =
                    Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Requirements(
                    list.into_iter()
                        .map(|r| (Some(r.span().start), r.into_inner()))
                        .collect(),
                ))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SuggestionSpec {
    scope: Option<Scope>,
    pattern: Option<Spanned<String>>,
    replace: Option<String>,
    remove: Option<bool>,
    insert: Option<String>,
    at: Option<Anchor>,
    applicability: Option<Applicability>,
    message: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExampleSpec {
    bad: Option<String>,
    good: Option<String>,
    fixed: Option<String>,
}

/// A phrase as written: plain, or with its own confidence.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum PhraseSpec {
    Plain(String),
    Weighted { phrase: String, confidence: f64 },
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// One condition of a `metric` rule, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConditionSpec {
    counter: metric::Counter,
    zones: Option<Vec<Zone>>,
    min: Option<f64>,
    max: Option<f64>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    vocabulary: Vec<String>,
}

/// One cue of a `cold` rule (`[[rule.cue]]`), as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CueSpec {
    name: String,
    weight: f64,
    zones: Option<Vec<Zone>>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    case_sensitive: Option<bool>,
    counter: Option<metric::Counter>,
    min: Option<f64>,
    max: Option<f64>,
    #[serde(default)]
    discounts: Vec<String>,
    #[serde(default)]
    example: Vec<Spanned<ExampleSpec>>,
}

/// One `[[rule]]` table, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleSpec {
    pub(crate) id: Spanned<String>,
    kind: Spanned<String>,
    category: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    severity: Option<Severity>,
    confidence: Option<Spanned<f64>>,
    message: Spanned<String>,
    summary: String,
    why: String,
    link: Option<String>,
    zones: Option<Vec<Zone>>,
    negation: Option<bool>,
    quotation: Option<bool>,
    safety: Option<String>,
    unless: Option<Spanned<UnlessSpec>>,
    when: Option<Spanned<UnlessSpec>>,
    #[serde(default)]
    suggestion: Vec<Spanned<SuggestionSpec>>,
    #[serde(default)]
    example: Vec<Spanned<ExampleSpec>>,
    // Kind fields.
    phrases: Option<Spanned<Vec<PhraseSpec>>>,
    pattern: Option<Spanned<String>>,
    case_sensitive: Option<bool>,
    swaps: Option<Spanned<BTreeMap<String, OneOrMany>>>,
    applicability: Option<Applicability>,
    steps: Option<Spanned<Vec<String>>>,
    max: Option<usize>,
    per: Option<Unit>,
    min_words: Option<usize>,
    ratio: Option<f64>,
    allow: Option<Vec<String>>,
    trigger: Option<Spanned<CuesSpec>>,
    requirement: Option<Spanned<Requirements>>,
    conditions: Option<Spanned<Vec<Spanned<ConditionSpec>>>>,
    threshold: Option<f64>,
    cue: Option<Spanned<Vec<Spanned<CueSpec>>>>,
}

/// A compile error: a byte offset into the pack file and a message.
pub(crate) type CompileError = (usize, String);

/// Which kind fields each kind accepts.
fn allowed_fields(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "phrase" => &["phrases"],
        "pattern" => &["pattern", "case-sensitive"],
        "swap" => &["swaps", "applicability"],
        "sequence" => &["steps"],
        "limit" => &["phrases", "pattern", "max", "per"],
        "shouting" => &["min-words", "ratio", "allow"],
        "requires" => &["trigger", "requirement"],
        "metric" => &["conditions"],
        "cold" => &["threshold", "cue"],
        _ => return None,
    })
}

/// Phrases (word-bounded, folded) and patterns as the alternatives of one regex.
fn alternatives(phrases: &[String], patterns: &[String]) -> Vec<String> {
    let mut alts: Vec<String> = phrases
        .iter()
        .map(|p| format!(r"\b{}\b", regex::escape(&fold(p))))
        .collect();
    alts.extend(patterns.iter().map(|p| format!("(?:{p})")));
    alts
}

/// Phrases and patterns as the alternatives of one regex, each phrase bounded only where it starts
/// or ends with a word character (":unamused:" and "sigh." match as written).
fn bounded_alternatives(phrases: &[String], patterns: &[String]) -> Vec<String> {
    let mut alts: Vec<String> = phrases
        .iter()
        .map(|p| {
            let folded = fold(p);
            let word = |c: Option<char>| c.is_some_and(crate::text::is_word_char);
            format!(
                "{}{}{}",
                if word(folded.chars().next()) {
                    r"\b"
                } else {
                    ""
                },
                regex::escape(&folded),
                if word(folded.chars().next_back()) {
                    r"\b"
                } else {
                    ""
                },
            )
        })
        .collect();
    alts.extend(patterns.iter().map(|p| format!("(?:{p})")));
    alts
}

fn fold(phrase: &str) -> String {
    crate::fold::Folded::new(phrase.trim()).text
}

fn case_insensitive_regex(source: &str) -> Result<LazyRegex, String> {
    // Folded text has straight quotes; let authors write either.
    let source = source
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    LazyRegex::new(&source, true)
}

impl RuleSpec {
    /// Checks the rule against its kind and compiles it.
    pub(crate) fn compile(
        self,
        pack: &str,
        lines: &crate::span::LineIndex,
        line: usize,
        words: &BTreeMap<String, Vec<String>>,
    ) -> Result<Rule, CompileError> {
        let at = self.kind.span().start;
        let kind = self.kind.get_ref().as_str();
        let allowed = allowed_fields(kind).ok_or_else(|| {
            (at, format!("unknown kind `{kind}`; expected phrase, pattern, swap, sequence, limit, shouting, requires, metric or cold"))
        })?;
        let present: [(&str, bool); 16] = [
            ("threshold", self.threshold.is_some()),
            ("cue", self.cue.is_some()),
            ("conditions", self.conditions.is_some()),
            ("trigger", self.trigger.is_some()),
            ("requirement", self.requirement.is_some()),
            ("phrases", self.phrases.is_some()),
            ("pattern", self.pattern.is_some()),
            ("case-sensitive", self.case_sensitive.is_some()),
            ("swaps", self.swaps.is_some()),
            ("applicability", self.applicability.is_some()),
            ("steps", self.steps.is_some()),
            ("max", self.max.is_some()),
            ("per", self.per.is_some()),
            ("min-words", self.min_words.is_some()),
            ("ratio", self.ratio.is_some()),
            ("allow", self.allow.is_some()),
        ];
        for (field, set) in present {
            if set && !allowed.contains(&field) {
                return Err((
                    at,
                    format!("field `{field}` does not apply to kind `{kind}`"),
                ));
            }
        }
        let id = self.id.get_ref();
        if !is_kebab(id) {
            return Err((self.id.span().start, format!("id `{id}` is not kebab-case")));
        }
        let need = |name: &str| (at, format!("kind `{kind}` needs `{name}`"));
        let weighted_phrases = |spec: &Option<Spanned<Vec<PhraseSpec>>>| -> Result<(Vec<String>, Vec<Option<f64>>), CompileError> {
            let Some(list) = spec else {
                return Ok((Vec::new(), Vec::new()));
            };
            let mut folded = Vec::new();
            let mut confidences = Vec::new();
            for p in list.get_ref() {
                let (text, confidence) = match p {
                    PhraseSpec::Plain(text) => (text, None),
                    PhraseSpec::Weighted { phrase, confidence } => {
                        if !(0.0..=1.0).contains(confidence) {
                            return Err((
                                list.span().start,
                                format!("the confidence of phrase “{phrase}” must be between 0 and 1"),
                            ));
                        }
                        (phrase, Some(*confidence))
                    }
                };
                folded.push(fold(text));
                confidences.push(confidence);
            }
            if folded.is_empty() || folded.iter().any(String::is_empty) {
                return Err((list.span().start, "phrases must be non-empty".to_owned()));
            }
            if confidences.iter().all(Option::is_none) {
                confidences.clear();
            }
            Ok((folded, confidences))
        };
        let phrases =
            |spec: &Option<Spanned<Vec<PhraseSpec>>>| -> Result<Vec<String>, CompileError> {
                let (folded, confidences) = weighted_phrases(spec)?;
                if !confidences.is_empty() {
                    return Err((
                        spec.as_ref().map_or(at, |l| l.span().start),
                        "a phrase's own confidence applies to `phrase` rules only".to_owned(),
                    ));
                }
                Ok(folded)
            };
        let matcher = match kind {
            "phrase" => {
                let (phrases, confidences) = weighted_phrases(&self.phrases)?;
                Matcher::Phrase {
                    phrases,
                    confidences,
                }
            }
            "pattern" => {
                let pattern = self.pattern.as_ref().ok_or_else(|| need("pattern"))?;
                let case_sensitive = self.case_sensitive.unwrap_or(false);
                let regex = if case_sensitive {
                    LazyRegex::new(pattern.get_ref(), false)
                } else {
                    case_insensitive_regex(pattern.get_ref())
                }
                .map_err(|e| (pattern.span().start, e))?;
                if regex.matches_empty() {
                    return Err((
                        pattern.span().start,
                        "the pattern matches empty text".to_owned(),
                    ));
                }
                Matcher::Pattern {
                    regex,
                    case_sensitive,
                }
            }
            "swap" => {
                let swaps = self.swaps.as_ref().ok_or_else(|| need("swaps"))?;
                let mut out = Vec::new();
                for (from, to) in swaps.get_ref() {
                    let to = match to {
                        OneOrMany::One(t) => vec![t.clone()],
                        OneOrMany::Many(t) => t.clone(),
                    };
                    if fold(from).is_empty() || to.is_empty() {
                        return Err((
                            swaps.span().start,
                            format!("swap `{from}` needs a phrase and at least one replacement"),
                        ));
                    }
                    out.push((fold(from), to));
                }
                if out.is_empty() {
                    return Err((swaps.span().start, "swaps is empty".to_owned()));
                }
                Matcher::Swap {
                    swaps: out,
                    applicability: self.applicability.unwrap_or_default(),
                }
            }
            "sequence" => {
                let steps = self.steps.as_ref().ok_or_else(|| need("steps"))?;
                let source = sequence::compile(steps.get_ref(), words)
                    .map_err(|e| (steps.span().start, e))?;
                let regex = case_insensitive_regex(&source).map_err(|e| (steps.span().start, e))?;
                Matcher::Sequence { regex }
            }
            "limit" => {
                let regex = match &self.pattern {
                    Some(p) => {
                        Some(case_insensitive_regex(p.get_ref()).map_err(|e| (p.span().start, e))?)
                    }
                    None => None,
                };
                let phrases = phrases(&self.phrases)?;
                if regex.is_some() != phrases.is_empty() {
                    return Err((
                        at,
                        "kind `limit` needs exactly one of `phrases` and `pattern`".to_owned(),
                    ));
                }
                Matcher::Limit {
                    phrases,
                    regex,
                    max: self.max.ok_or_else(|| need("max"))?,
                    per: self.per.unwrap_or(Unit::Reply),
                }
            }
            "requires" => {
                let cues = |c: &CuesSpec,
                            at: usize,
                            name: &str,
                            default: &[Zone]|
                 -> Result<Cues, CompileError> {
                    let alts = alternatives(&c.phrases, &c.patterns);
                    if alts.is_empty() {
                        return Err((at, format!("`{name}` needs `phrases` or `patterns`")));
                    }
                    Ok(Cues {
                        zones: c.zones.clone().unwrap_or_else(|| default.to_vec()),
                        regex: case_insensitive_regex(&alts.join("|"))
                            .map_err(|e| (at, e))?
                            .searched(),
                        min: c.min.unwrap_or(1).max(1),
                        name: c.name.clone(),
                        insert: c.insert.clone(),
                        at: c.at,
                        unless: c.unless.iter().map(|w| w.to_lowercase()).collect(),
                        window: c.window,
                    })
                };
                let trigger = self.trigger.as_ref().ok_or_else(|| need("trigger"))?;
                let t = trigger.get_ref();
                if t.name.is_some() || t.insert.is_some() || t.window.is_some() || t.at.is_some() {
                    return Err((
                        trigger.span().start,
                        "`name`, `insert`, `at` and `window` belong to a requirement, not the trigger"
                            .to_owned(),
                    ));
                }
                let list = self
                    .requirement
                    .as_ref()
                    .ok_or_else(|| need("requirement"))?;
                let at = list.span().start;
                if list.get_ref().0.is_empty() {
                    return Err((at, "`requirement` is empty".to_owned()));
                }
                if list.get_ref().0.len() >= MAX_CUES {
                    return Err((
                        at,
                        format!(
                            "a requires rule takes at most {} requirements",
                            MAX_CUES - 1
                        ),
                    ));
                }
                let several = list.get_ref().0.len() > 1;
                let mut requirements = Vec::new();
                for (start, r) in &list.get_ref().0 {
                    let at = start.unwrap_or(at);
                    if r.min.is_some() || !r.unless.is_empty() {
                        return Err((at, "`min` and `unless` belong to the trigger".to_owned()));
                    }
                    if several && r.name.is_none() {
                        return Err((
                            at,
                            "each of several requirements needs a `name` (for `{missing}`)"
                                .to_owned(),
                        ));
                    }
                    requirements.push(cues(r, at, "requirement", &Zone::TARGETS)?);
                }
                Matcher::Requires {
                    trigger: cues(t, trigger.span().start, "trigger", &[Zone::Quoted])?,
                    requirements,
                }
            }
            "metric" => {
                let list = self.conditions.as_ref().ok_or_else(|| need("conditions"))?;
                if list.get_ref().is_empty() {
                    return Err((list.span().start, "`conditions` is empty".to_owned()));
                }
                if list.get_ref().len() > MAX_CUES {
                    return Err((
                        list.span().start,
                        format!("a metric rule takes at most {MAX_CUES} conditions"),
                    ));
                }
                let mut conditions = Vec::new();
                for spec in list.get_ref() {
                    let at = spec.span().start;
                    let c = spec.get_ref();
                    let counter = c.counter;
                    let matches = counter == metric::Counter::Matches;
                    if matches == (c.phrases.is_empty() && c.patterns.is_empty()) {
                        return Err((
                            at,
                            "`phrases` and `patterns` go with (and only with) counter `matches`"
                                .to_owned(),
                        ));
                    }
                    let jargon = matches!(
                        counter,
                        metric::Counter::Jargon | metric::Counter::JargonDensity
                    );
                    if !jargon && !c.vocabulary.is_empty() {
                        return Err((
                            at,
                            "`vocabulary` goes with counter `jargon` or `jargon-density`"
                                .to_owned(),
                        ));
                    }
                    if c.min.is_none() && c.max.is_none() {
                        return Err((at, "a condition needs `min` or `max`".to_owned()));
                    }
                    let regex = if matches {
                        let alts = alternatives(&c.phrases, &c.patterns);
                        let mut regex = case_insensitive_regex(&alts.join("|"))
                            .map_err(|e| (at, e))?
                            .searched();
                        regex.skip_groups();
                        Some(regex)
                    } else {
                        None
                    };
                    conditions.push(metric::Condition {
                        counter,
                        zones: c.zones.clone().unwrap_or_else(|| Zone::TARGETS.to_vec()),
                        min: c.min,
                        max: c.max,
                        regex,
                        vocabulary: c.vocabulary.iter().map(|v| fold(v)).collect(),
                    });
                }
                Matcher::Metric { conditions }
            }
            "cold" => {
                let list = self.cue.as_ref().ok_or_else(|| need("cue"))?;
                let threshold = self.threshold.ok_or_else(|| need("threshold"))?;
                if !(threshold > 0.0 && threshold.is_finite()) {
                    return Err((at, "`threshold` must be a positive number".to_owned()));
                }
                if list.get_ref().is_empty() {
                    return Err((
                        list.span().start,
                        "a cold rule needs at least one `cue`".to_owned(),
                    ));
                }
                if list.get_ref().len() > MAX_CUES {
                    return Err((
                        list.span().start,
                        format!("a cold rule takes at most {MAX_CUES} cues"),
                    ));
                }
                let mut cues = Vec::new();
                for spec in list.get_ref() {
                    cues.push(compile_cue(spec, lines)?);
                }
                Matcher::Cold { cues, threshold }
            }
            "shouting" => {
                let ratio = self.ratio.unwrap_or(0.6);
                if !(0.0..=1.0).contains(&ratio) {
                    return Err((at, "ratio must be between 0 and 1".to_owned()));
                }
                Matcher::Shouting {
                    min_words: self.min_words.unwrap_or(3).max(1),
                    ratio,
                    allow: self.allow.unwrap_or_default().into_iter().collect(),
                }
            }
            _ => unreachable!("allowed_fields rejected unknown kinds"),
        };
        if matches!(&matcher, Matcher::Phrase { phrases, .. } if phrases.is_empty()) {
            return Err(need("phrases"));
        }
        let captures = match &matcher {
            Matcher::Pattern { regex, .. } => Some(regex),
            _ => None,
        };
        let vars = Vars {
            captures,
            count: matches!(
                matcher,
                Matcher::Limit { .. }
                    | Matcher::Requires { .. }
                    | Matcher::Metric { .. }
                    | Matcher::Cold { .. }
            ),
            requirements: match &matcher {
                Matcher::Requires { requirements, .. } => Some(requirements.as_slice()),
                _ => None,
            },
            slots: &[],
            cold: matches!(matcher, Matcher::Cold { .. }),
        };
        let message = Template::parse(self.message.get_ref(), &vars)
            .map_err(|e| (self.message.span().start, e))?;
        let confidence = match &self.confidence {
            Some(c) if !(0.0..=1.0).contains(c.get_ref()) => {
                return Err((
                    c.span().start,
                    "confidence must be between 0 and 1".to_owned(),
                ));
            }
            Some(c) => *c.get_ref(),
            None => 0.8,
        };
        let mut suggestions = Vec::new();
        for spec in &self.suggestion {
            let s = spec.get_ref();
            let start = spec.span().start;
            let applicability = s.applicability.unwrap_or_default();
            let scope = s.scope.unwrap_or_default();
            let pattern =
                match &s.pattern {
                    Some(p) => Some(case_insensitive_regex(p.get_ref()).map_err(|e| {
                        (p.span().start, format!("invalid suggestion pattern: {e}"))
                    })?),
                    None => None,
                };
            // The pattern's named groups are slots of the replacement, beside the rule's own.
            let slots: Vec<String> = pattern
                .iter()
                .flat_map(|p| p.capture_names().flatten().map(str::to_owned))
                .collect();
            let vars = Vars {
                slots: &slots,
                ..vars
            };
            let action = match (&s.replace, s.remove, &s.insert) {
                (Some(r), None, None) => {
                    Action::Replace(Template::parse(r, &vars).map_err(|e| (start, e))?)
                }
                (None, Some(true), None) => Action::Remove,
                (None, None, Some(i)) => {
                    let anchor = s
                        .at
                        .ok_or_else(|| (start, "an `insert` suggestion needs `at`".to_owned()))?;
                    if scope != Scope::Match || pattern.is_some() {
                        return Err((
                            start,
                            "an `insert` suggestion has no `scope` or `pattern`: it adds words at `at`"
                                .to_owned(),
                        ));
                    }
                    Action::Insert(Template::parse(i, &vars).map_err(|e| (start, e))?, anchor)
                }
                (None, None | Some(false), None) => Action::Advice,
                _ => {
                    return Err((
                        start,
                        "a suggestion has at most one of `replace`, `remove` and `insert`"
                            .to_owned(),
                    ));
                }
            };
            if s.at.is_some() && !matches!(action, Action::Insert(..)) {
                return Err((
                    start,
                    "`at` applies only to `insert` suggestions".to_owned(),
                ));
            }
            match (&action, applicability) {
                (Action::Advice, Applicability::Advice) => {}
                (Action::Advice, _) if s.applicability.is_some() => {
                    return Err((
                        start,
                        "a suggestion without an edit must be `advice`".to_owned(),
                    ));
                }
                (Action::Advice, _) => {}
                (_, Applicability::Advice) => {
                    return Err((
                        start,
                        "an `advice` suggestion cannot carry an edit".to_owned(),
                    ));
                }
                _ => {}
            }
            if matches!(action, Action::Advice) && s.message.is_none() {
                return Err((start, "an advice suggestion needs a `message`".to_owned()));
            }
            let edits_text = s.replace.as_deref().or(s.insert.as_deref()).unwrap_or("");
            if applicability == Applicability::Safe && has_slot(edits_text) {
                return Err((
                    start,
                    "a suggestion with a [slot] for the writer to fill must be `review`".to_owned(),
                ));
            }
            if applicability == Applicability::Safe && self.safety.is_none() {
                return Err((
                    start,
                    "a `safe` suggestion needs the rule's `safety` field saying why".to_owned(),
                ));
            }
            // A suggestion without an edit is advice, whatever it was labelled.
            let applicability = if matches!(action, Action::Advice) {
                Applicability::Advice
            } else {
                applicability
            };
            if matches!(action, Action::Advice) && s.scope.is_some() && pattern.is_none() {
                return Err((
                    start,
                    "an advice suggestion has no `scope` without a `pattern`: it edits nothing"
                        .to_owned(),
                ));
            }
            suggestions.push(SuggestionTemplate {
                action,
                scope,
                pattern,
                applicability,
                message: s.message.clone(),
            });
        }
        if let Matcher::Swap {
            applicability: Applicability::Safe,
            ..
        } = &matcher
            && self.safety.is_none()
        {
            return Err((
                at,
                "a `safe` swap needs the rule's `safety` field saying why".to_owned(),
            ));
        }
        let unless = window_filter(self.unless.as_ref())?;
        let when = window_filter(self.when.as_ref())?;
        let examples = compile_examples(&self.example, lines, true)?;
        if !examples
            .iter()
            .any(|(e, _)| matches!(e, Example::Bad { .. }))
        {
            return Err((at, "a rule needs at least one `bad` example".to_owned()));
        }
        let zones = self.zones.unwrap_or_else(|| Zone::TARGETS.to_vec());
        if let Some(z) = zones.iter().find(|z| !z.is_target()) {
            return Err((
                at,
                format!(
                    "zone `{z}` is never linted; rules may target {}",
                    target_names()
                ),
            ));
        }
        // A regex whose groups no template names is built without them: a smaller automaton.
        let names_groups = message.uses_captures()
            || suggestions.iter().any(|s| match &s.action {
                Action::Replace(t) | Action::Insert(t, _) => t.uses_captures(),
                Action::Remove | Action::Advice => false,
            });
        let mut matcher = matcher;
        if !names_groups && let Matcher::Pattern { regex, .. } = &mut matcher {
            regex.skip_groups();
        }
        Ok(Rule {
            id: self.id.into_inner(),
            category: self.category.unwrap_or_else(|| pack.to_owned()),
            pack: pack.to_owned(),
            tags: self.tags,
            severity: self.severity.unwrap_or(Severity::Warning),
            confidence,
            summary: self.summary,
            why: self.why,
            link: self.link,
            safety: self.safety,
            zones,
            negation: self.negation.unwrap_or(true),
            quotation: self.quotation.unwrap_or(true),
            examples: examples.into(),
            matcher,
            origin: (String::new(), line),
            message,
            suggestions,
            unless,
            when,
            snapshot: None,
        })
    }
}

/// Compiles `[[rule.example]]` (or `[[rule.cue.example]]`) tables, each with its 1-based line:
/// `bad` or `good`, and with `fixes`, `fixed` beside a `bad` (a cue's examples take none).
fn compile_examples(
    specs: &[Spanned<ExampleSpec>],
    lines: &crate::span::LineIndex,
    fixes: bool,
) -> Result<Vec<(Example, usize)>, CompileError> {
    specs
        .iter()
        .map(|spec| {
            let e = spec.get_ref();
            let example = match (&e.bad, &e.good, &e.fixed) {
                (Some(bad), None, fixed) if fixes || fixed.is_none() => Example::Bad {
                    text: bad.clone(),
                    fixed: fixed.clone(),
                },
                (None, Some(good), None) => Example::Good { text: good.clone() },
                _ if fixes => {
                    return Err((
                        spec.span().start,
                        "an example has either `bad` (and optionally `fixed`) or `good`".to_owned(),
                    ));
                }
                _ => {
                    return Err((
                        spec.span().start,
                        "a cue's example has either `bad` or `good`".to_owned(),
                    ));
                }
            };
            Ok((example, lines.line_of(spec.span().start) + 1))
        })
        .collect()
}

/// Compiles one cue of a `cold` rule: a match of phrases and patterns, or a counter within bounds.
fn compile_cue(
    spec: &Spanned<CueSpec>,
    lines: &crate::span::LineIndex,
) -> Result<cold::ColdCue, CompileError> {
    let at = spec.span().start;
    let c = spec.get_ref();
    if c.name.trim().is_empty() {
        return Err((at, "a cue needs a `name`".to_owned()));
    }
    if !(c.weight > 0.0 && c.weight.is_finite()) {
        return Err((
            at,
            format!("the weight of cue “{}” must be a positive number", c.name),
        ));
    }
    let zones = c.zones.clone().unwrap_or_else(|| cold::CUE_ZONES.to_vec());
    if let Some(z) = zones.iter().find(|z| !z.is_target()) {
        return Err((
            at,
            format!(
                "zone `{z}` is never linted; cues may look in {}",
                target_names()
            ),
        ));
    }
    let alts = bounded_alternatives(&c.phrases, &c.patterns);
    let case_sensitive = c.case_sensitive.unwrap_or(false);
    let moves: Vec<&str> = crate::scorecard::Cue::ALL
        .iter()
        .map(|m| m.as_str())
        .filter(|&m| m != "apology")
        .collect();
    if let Some(unknown) = c.discounts.iter().find(|d| !moves.contains(&d.as_str())) {
        return Err((
            at,
            format!(
                "cue “{}” discounts unknown warm move `{unknown}`; expected one of {}",
                c.name,
                moves.join(", ")
            ),
        ));
    }
    let (regex, at_start, condition) = match c.counter {
        None => {
            if alts.is_empty() {
                return Err((
                    at,
                    format!(
                        "cue “{}” needs `phrases`, `patterns` or a `counter`",
                        c.name
                    ),
                ));
            }
            if c.min.is_some() || c.max.is_some() {
                return Err((at, "`min` and `max` go with a `counter`".to_owned()));
            }
            if case_sensitive && !c.phrases.is_empty() {
                return Err((
                    at,
                    "a `case-sensitive` cue takes `patterns`, not `phrases`".to_owned(),
                ));
            }
            let build = |alts: &[String]| -> Result<LazyRegex, CompileError> {
                let regex = if case_sensitive {
                    LazyRegex::new(&alts.join("|"), false)
                } else {
                    case_insensitive_regex(&alts.join("|"))
                }
                .map_err(|e| (at, e))?;
                if regex.matches_empty() {
                    return Err((at, format!("cue “{}” matches empty text", c.name)));
                }
                let mut regex = regex.searched();
                regex.skip_groups();
                Ok(regex)
            };
            // Alternatives that match only at a region's start are tried there alone, so the
            // others keep their literal gates.
            let (anchored, rest): (Vec<String>, Vec<String>) = alts
                .iter()
                .cloned()
                .partition(|alt| crate::regex::lazy::starts_anchored(alt));
            if anchored.is_empty() || rest.is_empty() {
                (Some(build(&alts)?), None, None)
            } else {
                (Some(build(&rest)?), Some(build(&anchored)?), None)
            }
        }
        Some(counter) => {
            let matches = counter == metric::Counter::Matches;
            if matches == alts.is_empty() {
                return Err((
                    at,
                    "`phrases` and `patterns` go with (and only with) counter `matches`".to_owned(),
                ));
            }
            if case_sensitive {
                return Err((at, "a counter cue cannot be `case-sensitive`".to_owned()));
            }
            if c.min.is_none() && c.max.is_none() {
                return Err((at, "a counter cue needs `min` or `max`".to_owned()));
            }
            let regex = if matches {
                let mut regex = case_insensitive_regex(&alts.join("|"))
                    .map_err(|e| (at, e))?
                    .searched();
                regex.skip_groups();
                Some(regex)
            } else {
                None
            };
            let condition = metric::Condition {
                counter,
                zones: zones.clone(),
                min: c.min,
                max: c.max,
                regex,
                vocabulary: Vec::new(),
            };
            (None, None, Some(condition))
        }
    };
    let examples = compile_examples(&c.example, lines, false)?;
    Ok(cold::ColdCue {
        name: c.name.trim().to_owned(),
        weight: c.weight,
        zones,
        regex,
        at_start,
        case_sensitive,
        discounts: c.discounts.clone(),
        phrases: c.phrases.clone(),
        patterns: c.patterns.clone(),
        condition,
        examples: examples.into(),
    })
}

/// Compiles an `unless` or `when` table: phrases and patterns looked for in a window.
fn window_filter(spec: Option<&Spanned<UnlessSpec>>) -> Result<Option<Unless>, CompileError> {
    let Some(spec) = spec else { return Ok(None) };
    let u = spec.get_ref();
    let mut alts: Vec<String> = u
        .phrases
        .iter()
        .map(|p| format!(r"\b{}\b", regex::escape(&fold(p))))
        .collect();
    alts.extend(u.patterns.iter().map(|p| format!("(?:{p})")));
    if alts.is_empty() {
        return Err((
            spec.span().start,
            "`unless` and `when` need `phrases` or `patterns`".to_owned(),
        ));
    }
    let source = alts
        .join("|")
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    let regex = LazyRegex::unparsed(&source, true);
    let words = match &u.window {
        None => None,
        Some(WindowSpec::Named(n)) if n == "sentence" => None,
        Some(WindowSpec::Words(n)) => Some(*n),
        Some(WindowSpec::Named(n)) => {
            return Err((
                spec.span().start,
                format!("unknown window `{n}`; use \"sentence\" or a number of words"),
            ));
        }
    };
    Ok(Some(Unless { regex, words }))
}

fn target_names() -> String {
    Zone::TARGETS.map(Zone::as_str).join(", ")
}

/// Whether `text` holds a `[slot]` for the writer (`[what you checked]`).
fn has_slot(text: &str) -> bool {
    text.find('[')
        .is_some_and(|open| text[open..].contains(']'))
}

/// Whether `id` is lower-case kebab-case (`as-i-already-said`).
pub(crate) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
