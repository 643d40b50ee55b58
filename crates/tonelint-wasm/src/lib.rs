//! tonelint in the browser: the engine (`tonelint-core`) compiled to WebAssembly.
//!
//! Each export takes and gives JSON text; `web/js/tonelint.js` wraps them into the package's
//! JavaScript API (`lint`, `applyFixes`, `rules`, `explain`), which parses it, so this crate holds
//! the logic and is tested natively by `cargo test`. Offsets are given in both units a caller
//! needs: UTF-16 code units of the JavaScript string (`start`/`end`, what `text.slice` takes) and
//! UTF-8 bytes (`byteStart`/`byteEnd`, as the command line's JSON). Bad input (a broken
//! configuration, an unknown format) is an error the caller can catch; a bug is a panic, which
//! the panic hook records for the wrapper to throw as an error.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Mutex;

use serde::Deserialize;
use serde_json::{Value, json};
use tonelint_core::scorecard::{self, Scorecard};
use tonelint_core::{
    Applicability, Config, Finding, Kind, LineIndex, Linter, Severity, Source, Span, linter,
};
use wasm_bindgen::prelude::wasm_bindgen;

/// The options of every call, as the wrapper passes them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    /// `text` (default), `markdown`, `email`, `html`, `json`, `commit`.
    format: Option<String>,
    /// The client's message the reply answers.
    context: Option<String>,
    /// The text of a `tonelint.toml`, its own rules included.
    config: Option<String>,
    /// Rule selectors over the configuration's, as on the command line.
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    fail_on: Option<Severity>,
    min_confidence: Option<f64>,
    /// `applyFixes`: the rewrites to review too, not only the safe fixes.
    #[serde(rename = "unsafe", default)]
    unsafe_fixes: bool,
    /// The name findings are reported for.
    path: Option<String>,
}

impl Options {
    fn parse(json: &str) -> Result<Options, String> {
        if json.trim().is_empty() {
            return Ok(Options::default());
        }
        serde_json::from_str(json).map_err(|e| format!("options: {e}"))
    }

    fn kind(&self) -> Result<Kind, String> {
        Ok(match self.format.as_deref().unwrap_or("text") {
            "text" | "plain" => Kind::Plain,
            "markdown" => Kind::Markdown,
            "email" => Kind::Email,
            "html" => Kind::Html,
            "json" => Kind::Json,
            "commit" => Kind::Commit,
            other => {
                return Err(format!(
                    "options: unknown format `{other}` (text, markdown, email, html, json, commit)"
                ));
            }
        })
    }

    /// What the linter is built from: the configuration and the selection over it.
    fn linter_key(&self) -> String {
        json!([
            self.config,
            self.select,
            self.ignore,
            self.fail_on,
            self.min_confidence
        ])
        .to_string()
    }

    fn config(&self) -> Result<Config, String> {
        let mut config = match &self.config {
            Some(text) => Config::parse("tonelint.toml", text).map_err(|e| e.to_string())?,
            None => Config::default(),
        };
        let settings = &mut config.settings;
        if !self.select.is_empty() {
            settings.select.clone_from(&self.select);
        }
        settings.ignore.extend(self.ignore.iter().cloned());
        if let Some(level) = self.fail_on {
            settings.fail_on = level;
        }
        if let Some(c) = self.min_confidence {
            if !(0.0..=1.0).contains(&c) {
                return Err("options: minConfidence must be between 0 and 1".to_owned());
            }
            settings.min_confidence = c;
        }
        Ok(config)
    }

    fn source(&self, text: &str, linter: &Linter) -> Result<Source, String> {
        let path = self.path.clone().unwrap_or_else(|| "reply".to_owned());
        let mut source =
            Source::new(path, text, self.kind()?).with_options(linter.settings().source.clone());
        if let Some(context) = self.context.as_deref().filter(|c| !c.trim().is_empty()) {
            source = source.with_context(context);
        }
        Ok(source)
    }
}

thread_local! {
    /// The last linter built, with what it was built from: typing in one page rebuilds nothing.
    static LINTER: RefCell<Option<(String, Rc<Linter>)>> = const { RefCell::new(None) };
}

fn linter(options: &Options) -> Result<Rc<Linter>, String> {
    let key = options.linter_key();
    if let Some(linter) = LINTER.with_borrow(|cached| {
        cached
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, l)| Rc::clone(l))
    }) {
        return Ok(linter);
    }
    let linter = Rc::new(Linter::with_config(&options.config()?).map_err(|e| e.to_string())?);
    LINTER.with_borrow_mut(|cached| *cached = Some((key, Rc::clone(&linter))));
    Ok(linter)
}

/// Byte offsets to UTF-16 offsets of one text.
struct Units {
    /// `utf16[i]`: UTF-16 units before byte `i` (at character boundaries).
    utf16: Vec<u32>,
}

impl Units {
    fn new(text: &str) -> Units {
        let mut utf16 = vec![0u32; text.len() + 1];
        let mut units = 0u32;
        for (i, c) in text.char_indices() {
            for slot in &mut utf16[i..i + c.len_utf8()] {
                *slot = units;
            }
            units += u32::try_from(c.len_utf16()).expect("one or two units");
        }
        utf16[text.len()] = units;
        Units { utf16 }
    }

    fn at(&self, byte: usize) -> u32 {
        self.utf16[byte.min(self.utf16.len() - 1)]
    }
}

fn span_json(units: &Units, span: Span) -> Value {
    json!({
        "start": units.at(span.start),
        "end": units.at(span.end),
        "byteStart": span.start,
        "byteEnd": span.end,
    })
}

fn finding_json(f: &Finding, text: &str, units: &Units, index: &LineIndex) -> Value {
    let position = index.position(text, f.span.start);
    let suggestions: Vec<Value> = f
        .suggestions
        .iter()
        .map(|s| {
            let edits: Vec<Value> = s
                .edits
                .iter()
                .map(|e| {
                    let mut edit = span_json(units, e.span);
                    edit["replacement"] = json!(e.replacement);
                    edit
                })
                .collect();
            let sentence = s
                .rewritten_sentence(text)
                .map(|(before, after)| json!({"before": before, "after": after}));
            json!({
                "applicability": s.applicability.as_str(),
                "title": s.title,
                "edits": edits,
                "sentence": sentence,
            })
        })
        .collect();
    let mut out = span_json(units, f.span);
    let object = out.as_object_mut().expect("an object");
    for (k, v) in [
        ("code", json!(f.code())),
        ("rule", json!(f.rule)),
        ("category", json!(f.category)),
        ("severity", json!(f.severity.as_str())),
        ("confidence", json!(f.confidence)),
        ("message", json!(f.message)),
        ("line", json!(position.line)),
        ("column", json!(position.column)),
        ("zone", json!(f.zone.as_str())),
        ("note", json!(f.note)),
        ("suggestions", json!(suggestions)),
    ] {
        object.insert(k.to_owned(), v);
    }
    // A `cold` rule's finding names the cold cues behind it, each where it is.
    if !f.cues.is_empty() {
        let cues: Vec<Value> = f
            .cues
            .iter()
            .map(|cue| {
                let mut c = cue
                    .span
                    .map_or_else(|| json!({}), |span| span_json(units, span));
                c["name"] = json!(cue.name);
                c["weight"] = json!(cue.weight);
                c
            })
            .collect();
        object.insert("cues".to_owned(), json!(cues));
    }
    out
}

fn scorecard_json(card: &Scorecard, units: &Units, linter: &Linter) -> Value {
    let drivers: Vec<Value> = card
        .drivers
        .iter()
        .map(|d| {
            let mut driver = span_json(units, d.span);
            let object = driver.as_object_mut().expect("an object");
            object.insert("contribution".to_owned(), json!(d.contribution));
            object.insert("kind".to_owned(), json!(d.reason.kind()));
            object.insert("reason".to_owned(), json!(d.reason.to_string()));
            object.insert("sentence".to_owned(), json!(d.sentence));
            if let Some(cue) = &d.cue {
                object.insert("cue".to_owned(), json!(cue));
            }
            driver
        })
        .collect();
    // Every category of the enabled rules, 0 included, as the command line's JSON.
    let mut counts: std::collections::BTreeMap<&str, usize> = linter
        .rules()
        .iter()
        .map(|r| (r.category.as_str(), 0))
        .collect();
    for (category, n) in &card.counts {
        *counts.entry(category.as_str()).or_default() += n;
    }
    json!({
        "reply": card.reply + 1,
        "warmth": card.warmth,
        "base": scorecard::BASE,
        "penalty": card.penalty,
        "bonus": card.bonus,
        "counts": counts,
        "drivers": drivers,
    })
}

/// `lint`: the findings and the scorecard of `text`.
fn lint_value(text: &str, options: &str) -> Result<Value, String> {
    let options = Options::parse(options)?;
    let linter = linter(&options)?;
    let source = options.source(text, &linter)?;
    if let Some(problem) = source.problem() {
        return Err(problem);
    }
    let findings = linter.check(&source);
    let units = Units::new(text);
    let index = LineIndex::new(text);
    let cards = scorecard::scorecards(&source, &findings);
    let cards: Vec<Value> = cards
        .iter()
        .map(|c| scorecard_json(c, &units, &linter))
        .collect();
    Ok(json!({
        "findings": findings
            .iter()
            .map(|f| finding_json(f, text, &units, &index))
            .collect::<Vec<_>>(),
        "scorecard": cards.first(),
        "scorecards": cards,
    }))
}

/// `applyFixes`: the text with its fixes applied, and what is left.
fn apply_fixes_value(text: &str, options: &str) -> Result<Value, String> {
    let options = Options::parse(options)?;
    let linter = linter(&options)?;
    let source = options.source(text, &linter)?;
    let up_to = if options.unsafe_fixes {
        Applicability::Review
    } else {
        Applicability::Safe
    };
    let fixed = linter.fix(&source, up_to);
    let after = Source {
        text: fixed.text.clone(),
        ..source
    };
    let remaining = linter.check(&after);
    let units = Units::new(&fixed.text);
    let index = LineIndex::new(&fixed.text);
    Ok(json!({
        "text": fixed.text,
        "fixed": fixed.applied.iter().map(Finding::code).collect::<Vec<_>>(),
        "findings": remaining
            .iter()
            .map(|f| finding_json(f, &after.text, &units, &index))
            .collect::<Vec<_>>(),
    }))
}

/// `rules`: every rule the configuration can enable, and whether it does.
fn rules_value(options: &str) -> Result<Value, String> {
    let options = Options::parse(options)?;
    let config = options.config()?;
    let rules = linter::all_rules(&config).map_err(|e| e.to_string())?;
    Ok(rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "code": r.code(),
                "category": r.category,
                "pack": r.pack,
                "kind": r.matcher.kind(),
                "severity": r.severity.as_str(),
                "confidence": r.confidence,
                "summary": r.summary,
                "enabled": config.settings.is_enabled(r),
                "fixes": r.fix_kinds().iter().map(|a| a.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect())
}

/// `explain`: what `tonelint explain ID` prints, as Markdown; null for no such rule.
fn explain_value(id: &str, options: &str) -> Result<Value, String> {
    let options = Options::parse(options)?;
    let config = options.config()?;
    let rules = linter::all_rules(&config).map_err(|e| e.to_string())?;
    Ok(rules
        .iter()
        .find(|r| r.id == id || r.code() == id)
        .map_or(Value::Null, |r| json!(tonelint_core::explain::explain(r))))
}

/// The message of the last panic, for the wrapper to throw.
static PANIC: Mutex<String> = Mutex::new(String::new());

/// Records panics so the wrapper can throw them as errors (a panic in WebAssembly traps).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let mut last = PANIC
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *last = format!("tonelint: internal error: {info}");
    }));
}

/// The message of the last panic ("" when none).
#[wasm_bindgen(js_name = lastPanic)]
#[must_use]
pub fn last_panic() -> String {
    PANIC
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

fn to_js(result: Result<Value, String>) -> Result<String, wasm_bindgen::JsError> {
    result
        .map(|v| v.to_string())
        .map_err(|e| wasm_bindgen::JsError::new(&e))
}

/// Lints `text`: `{findings, scorecard, scorecards}` as JSON. `options` is JSON (see the
/// package's README).
///
/// # Errors
///
/// Bad options, a broken configuration (with its line and column), text not of its format.
#[wasm_bindgen(js_name = lintJson)]
pub fn lint_json(text: &str, options: &str) -> Result<String, wasm_bindgen::JsError> {
    to_js(lint_value(text, options))
}

/// Applies the fixes of `text`: `{text, fixed, findings}` as JSON.
///
/// # Errors
///
/// As [`lint_json`].
#[wasm_bindgen(js_name = applyFixesJson)]
pub fn apply_fixes_json(text: &str, options: &str) -> Result<String, wasm_bindgen::JsError> {
    to_js(apply_fixes_value(text, options))
}

/// The rules, as JSON.
///
/// # Errors
///
/// Bad options or configuration.
#[wasm_bindgen(js_name = rulesJson)]
pub fn rules_json(options: &str) -> Result<String, wasm_bindgen::JsError> {
    to_js(rules_value(options))
}

/// What a rule flags and why, as JSON (a Markdown string, or null).
///
/// # Errors
///
/// Bad options or configuration.
#[wasm_bindgen(js_name = explainJson)]
pub fn explain_json(id: &str, options: &str) -> Result<String, wasm_bindgen::JsError> {
    to_js(explain_value(id, options))
}

/// Panics, for the package's tests of its panic hook (not part of the API).
#[wasm_bindgen(js_name = "__panicForTests")]
pub fn panic_for_tests() {
    panic!("a test asked for a panic");
}

/// The engine's version.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_in_both_units() {
        let text = "Hi 😀 Sam,\n\nRTFM. It's in the manual.\n";
        let value = lint_value(text, "{}").unwrap();
        let rtfm = value["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "condescension/rtfm")
            .unwrap();
        let byte = text.find("RTFM").unwrap();
        assert_eq!(rtfm["byteStart"], byte);
        // The emoji is four bytes and two UTF-16 units.
        assert_eq!(rtfm["start"], byte - 2);
        assert_eq!(rtfm["end"], byte - 2 + 4);
        assert_eq!(rtfm["line"], 3);
        assert_eq!(rtfm["severity"], "error");
        assert!(value["scorecard"]["warmth"].as_i64().unwrap() < 50);
    }

    #[test]
    fn context_options_and_fixes() {
        let reply = "Hi Dana,\n\nThe cable was loose; I replaced it.\n\nBest,\nSam\n";
        let plain = lint_value(reply, "{}").unwrap();
        assert!(plain["findings"].as_array().unwrap().is_empty());
        let stressed = lint_value(
            reply,
            r#"{"context": "The projector died in front of 140 students!!! Third time."}"#,
        )
        .unwrap();
        assert_eq!(
            stressed["findings"][0]["code"],
            "empathy/stress-unacknowledged"
        );
        let fixed = apply_fixes_value(
            reply,
            r#"{"unsafe": true, "context": "It died in front of my class!!! Third time."}"#,
        )
        .unwrap();
        assert_ne!(fixed["text"], reply);
        assert!(fixed["findings"].as_array().unwrap().is_empty(), "{fixed}");
        let safe = apply_fixes_value("Hi!!! Thanks.", "{}").unwrap();
        assert_eq!(safe["text"], "Hi! Thanks.");
    }

    #[test]
    fn bad_input_is_an_error_with_its_place() {
        let err =
            lint_value("x", r#"{"config": "ignore = [\"rtfm\"]\ncolour = 1\n"}"#).unwrap_err();
        assert!(
            err.starts_with("tonelint.toml:2:1: unknown field `colour`"),
            "{err}"
        );
        let err = lint_value("x", r#"{"format": "docx"}"#).unwrap_err();
        assert!(err.contains("unknown format `docx`"), "{err}");
        let err = lint_value("x", r#"{"colour": 1}"#).unwrap_err();
        assert!(err.starts_with("options: unknown field `colour`"), "{err}");
        assert!(lint_value("{not json", r#"{"format": "json"}"#).is_err());
    }

    #[test]
    fn rules_and_explain() {
        let rules = rules_value(r#"{"ignore": ["rtfm"]}"#).unwrap();
        let rtfm = rules
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "rtfm")
            .unwrap();
        assert_eq!(rtfm["enabled"], false);
        let doc = explain_value("condescension/rtfm", "{}").unwrap();
        assert!(doc.as_str().unwrap().contains("## Why is this bad?"));
        assert_eq!(explain_value("nope", "{}").unwrap(), Value::Null);
    }
}
