//! Message and replacement templates: `{match}`, captures `{1}`/`{name}`, `{count}`,
//! `{sentence-case}`, and for `requires` rules `{missing}` and `{inserts}`.

use std::collections::HashMap;

/// A parsed template: literal text and placeholders.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
enum Part {
    Text(String),
    Var(String),
}

/// What the placeholders of a template may name, checked when a pack is loaded.
#[derive(Clone, Copy)]
pub(crate) struct Vars<'a> {
    /// Capture group names and the number of groups (0 when the rule has no regex).
    pub(crate) captures: Option<&'a super::LazyRegex>,
    /// Whether `{count}` exists (limit rules).
    pub(crate) count: bool,
    /// A `requires` rule's requirements: `{missing}` needs their names, `{inserts}` their inserts.
    pub(crate) requirements: Option<&'a [super::Cues]>,
    /// A suggestion pattern's named groups: slots filled with the writer's own words.
    pub(crate) slots: &'a [String],
    /// Whether `{cues}` and `{missing}` exist (`cold` rules).
    pub(crate) cold: bool,
}

/// The placeholders of a `requires` rule's finding, filled in from the requirements it misses.
pub(crate) const REQUIRES_VARS: [&str; 3] = ["missing", "inserts", "cues"];

/// Values for the placeholders of one match.
pub(crate) struct Values<'a> {
    pub(crate) matched: &'a str,
    pub(crate) count: Option<usize>,
    pub(crate) captures: HashMap<String, String>,
    /// A suggestion pattern's slots, as written (line breaks and all).
    pub(crate) slots: HashMap<String, String>,
}

impl Template {
    /// Parses `text`, checking every placeholder against `vars`.
    pub(crate) fn parse(text: &str, vars: &Vars<'_>) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                return Err(format!("unclosed `{{` in template {text:?}"));
            };
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_owned()));
            }
            let name = &rest[open + 1..open + close];
            check_var(name, vars).map_err(|e| format!("{e} in template {text:?}"))?;
            parts.push(Part::Var(name.to_owned()));
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_owned()));
        }
        Ok(Template { parts })
    }

    /// Whether the template has the placeholder `{name}`.
    pub(crate) fn uses(&self, name: &str) -> bool {
        self.parts
            .iter()
            .any(|p| matches!(p, Part::Var(v) if v == name))
    }

    /// Whether the template names a capture group (`{1}`, `{name}`).
    pub(crate) fn uses_captures(&self) -> bool {
        self.parts.iter().any(|p| {
            matches!(p, Part::Var(v) if !matches!(v.as_str(), "match" | "sentence-case" | "count")
                && !REQUIRES_VARS.contains(&v.as_str()))
        })
    }

    /// Fills the template in.
    pub(crate) fn render(&self, values: &Values<'_>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Var(v) => match v.as_str() {
                    "match" => out.push_str(&collapse_space(values.matched)),
                    "sentence-case" => out.push_str(&sentence_case(values.matched)),
                    "count" => out.push_str(&values.count.unwrap_or(0).to_string()),
                    // Written by the rule's author, spacing and all.
                    "missing" | "inserts" | "cues" => {
                        out.push_str(values.captures.get(v.as_str()).map_or("", String::as_str));
                    }
                    other => match values.slots.get(other) {
                        Some(slot) => out.push_str(slot),
                        None => out.push_str(&collapse_space(
                            values.captures.get(other).map_or("", String::as_str),
                        )),
                    },
                },
            }
        }
        out
    }
}

fn check_var(name: &str, vars: &Vars<'_>) -> Result<(), String> {
    match name {
        "match" | "sentence-case" => Ok(()),
        "count" if vars.count => Ok(()),
        "count" => Err("`{count}` exists only in limit rules".to_owned()),
        "cues" | "missing" if vars.cold => Ok(()),
        "cues" => Err("`{cues}` exists only in cold rules".to_owned()),
        "missing" | "inserts" => {
            let Some(requirements) = vars.requirements else {
                return Err(format!(
                    "`{{{name}}}` exists only in requires rules{}",
                    if name == "missing" {
                        " and cold rules"
                    } else {
                        ""
                    }
                ));
            };
            let lacking = |r: &&super::Cues| match name {
                "missing" => r.name.is_none(),
                _ => r.insert.is_none(),
            };
            if requirements.iter().any(|r| lacking(&r)) {
                let field = if name == "missing" { "name" } else { "insert" };
                return Err(format!(
                    "`{{{name}}}` needs a `{field}` on every requirement"
                ));
            }
            Ok(())
        }
        _ if vars.slots.iter().any(|s| s == name) => Ok(()),
        _ => {
            let Some(re) = vars.captures else {
                return Err(format!("unknown placeholder `{{{name}}}`"));
            };
            if let Ok(n) = name.parse::<usize>() {
                if n < re.captures_len() {
                    return Ok(());
                }
                return Err(format!("the pattern has no capture group {n}"));
            }
            if re.capture_names().flatten().any(|c| c == name) {
                Ok(())
            } else {
                Err(format!("unknown placeholder `{{{name}}}`"))
            }
        }
    }
}

/// Collapses every white-space run to one space (a match may span a line break).
pub(crate) fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-cases `text` but for its first letter, the pronoun "I" and the acronyms of support
/// replies that are written in capitals anyway (DSL, VPN, PDF: the shouting kind's list).
pub(crate) fn sentence_case(text: &str) -> String {
    let text = collapse_space(text);
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    for original in text.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        let bare = original.trim_matches(|c: char| !c.is_alphanumeric());
        let bare = bare
            .strip_suffix("'s")
            .or_else(|| bare.strip_suffix("'S"))
            .unwrap_or(bare);
        if super::shouting::is_acronym(bare) {
            out.push_str(&original.replace("'S", "'s"));
            first = false;
            continue;
        }
        let word = match original.to_lowercase().as_str() {
            "i" => "I".to_owned(),
            w if w.starts_with("i'") => format!("I{}", &w[1..]),
            w => w.to_owned(),
        };
        if first && word.chars().any(char::is_alphabetic) {
            out.push_str(&capitalize(&word));
            first = false;
        } else {
            out.push_str(&word);
        }
    }
    out
}

/// Upper-cases the first letter of `text`.
pub(crate) fn capitalize(text: &str) -> String {
    match text.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) if c.is_lowercase() => {
            format!(
                "{}{}{}",
                &text[..i],
                c.to_uppercase(),
                &text[i + c.len_utf8()..]
            )
        }
        _ => text.to_owned(),
    }
}

/// Gives `replacement`'s first letter the case of `matched`'s first letter. A replacement starting
/// with "I" as a word, or with an acronym, keeps its capital. An all-caps match ("PEBKAC") says
/// nothing about case: the replacement is capitalised only at a sentence start.
pub(crate) fn match_case(replacement: &str, matched: &str, sentence_start: bool) -> String {
    let Some(first) = matched.chars().find(|c| c.is_alphabetic()) else {
        return replacement.to_owned();
    };
    let letters = matched.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = letters > 1
        && matched
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    if all_caps && !sentence_start {
        return replacement.to_owned();
    }
    if first.is_uppercase() {
        return capitalize(replacement);
    }
    let mut chars = replacement
        .char_indices()
        .skip_while(|(_, c)| !c.is_alphabetic());
    let Some((i, c)) = chars.next() else {
        return replacement.to_owned();
    };
    let next = chars.next().map(|(_, c)| c);
    let keeps_capital = next.is_none_or(|n| !n.is_lowercase());
    if c.is_uppercase() && !keeps_capital {
        format!(
            "{}{}{}",
            &replacement[..i],
            c.to_lowercase(),
            &replacement[i + c.len_utf8()..]
        )
    } else {
        replacement.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_follows_the_match() {
        assert_eq!(match_case("to recap,", "As I said", true), "To recap,");
        assert_eq!(match_case("To recap,", "as I said", false), "to recap,");
        assert_eq!(match_case("I can help", "you should", false), "I can help");
        assert_eq!(match_case("I'm here", "you should", false), "I'm here");
        assert_eq!(
            match_case("a setup issue", "PEBKAC", false),
            "a setup issue"
        );
        assert_eq!(match_case("a setup issue", "PEBKAC", true), "A setup issue");
        assert_eq!(
            sentence_case("PLEASE READ THE EMAIL I SENT"),
            "Please read the email I sent"
        );
        assert_eq!(
            sentence_case("RESTART THE DSL MODEM AND THE VPN'S CLIENT"),
            "Restart the DSL modem and the VPN's client"
        );
    }

    #[test]
    fn templates_check_placeholders() {
        let vars = Vars {
            captures: None,
            count: false,
            requirements: None,
            slots: &[],
            cold: false,
        };
        assert!(Template::parse("“{match}” may sting", &vars).is_ok());
        assert!(Template::parse("{count} times", &vars).is_err());
        assert!(Template::parse("cold: {cues}", &vars).is_err());
        assert!(
            Template::parse("cold: {cues}; add {missing}", &Vars { cold: true, ..vars }).is_ok()
        );
        assert!(Template::parse("{1}", &vars).is_err());
        let re = super::super::LazyRegex::new("(?P<who>a)(b)", true).unwrap();
        let vars = Vars {
            captures: Some(&re),
            count: false,
            requirements: None,
            slots: &[],
            cold: false,
        };
        assert!(Template::parse("{who} {2}", &vars).is_ok());
        assert!(Template::parse("{3}", &vars).is_err());
    }
}
