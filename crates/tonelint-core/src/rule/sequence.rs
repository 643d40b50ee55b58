//! The `sequence` kind: words in order, with alternatives, optional steps, prefixes, word lists and
//! gaps, compiled to one regex over folded text.

use std::collections::BTreeMap;

/// What may stand between two words: spaces and light punctuation, not a sentence end.
/// (The dashes are alternatives, not class members, so the regex can be built in ASCII mode.)
const SEP: &str = r#"(?:[ ,;:"()\-]|–|—)+"#;

/// Compiles `steps` into a regex source (for folded, lower-case text).
pub(crate) fn compile(
    steps: &[String],
    words: &BTreeMap<String, Vec<String>>,
) -> Result<String, String> {
    enum Part {
        Gap(usize),
        Step { alts: String, optional: bool },
    }
    let mut parts = Vec::new();
    for step in steps {
        let step = step.trim();
        if let Some(n) = step.strip_prefix('*') {
            let n: usize = n
                .parse()
                .map_err(|_| format!("gap step `{step}` needs a number of words, like `*2`"))?;
            parts.push(Part::Gap(n));
            continue;
        }
        let (body, optional) = match step.strip_suffix('?') {
            Some(b) => (b, true),
            None => (step, false),
        };
        let mut alts = Vec::new();
        for alt in body.split('|') {
            let alt = alt.trim();
            if alt.is_empty() {
                return Err(format!("step `{step}` has an empty alternative"));
            }
            let mut seq = Vec::new();
            for word in alt.split_whitespace() {
                seq.push(word_regex(word, words)?);
            }
            alts.push(seq.join(SEP));
        }
        parts.push(Part::Step {
            alts: alts.join("|"),
            optional,
        });
    }
    if !parts.iter().any(|p| {
        matches!(
            p,
            Part::Step {
                optional: false,
                ..
            }
        )
    }) {
        return Err("a sequence needs at least one step that is not optional".to_owned());
    }
    if matches!(parts.first(), Some(Part::Gap(_))) || matches!(parts.last(), Some(Part::Gap(_))) {
        return Err("a sequence cannot start or end with a gap".to_owned());
    }
    let mut re = String::from(r"\b");
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Gap(n) => re.push_str(&format!(r"(?:{SEP}[\w']+){{0,{n}}}")),
            Part::Step {
                alts,
                optional: false,
            } if i == 0 => re.push_str(&format!("(?:{alts})")),
            Part::Step {
                alts,
                optional: false,
            } => re.push_str(&format!("{SEP}(?:{alts})")),
            Part::Step {
                alts,
                optional: true,
            } if i == 0 => re.push_str(&format!("(?:(?:{alts}){SEP})?")),
            Part::Step {
                alts,
                optional: true,
            } => re.push_str(&format!("(?:{SEP}(?:{alts}))?")),
        }
    }
    re.push_str(r"\b");
    Ok(re)
}

fn word_regex(word: &str, words: &BTreeMap<String, Vec<String>>) -> Result<String, String> {
    if let Some(name) = word.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
        let list = words
            .get(name)
            .ok_or_else(|| format!("unknown word list `{{{name}}}` (define it under [words])"))?;
        if list.is_empty() {
            return Err(format!("word list `{name}` is empty"));
        }
        let alts: Vec<String> = list
            .iter()
            .map(|w| {
                crate::fold::Folded::new(w)
                    .text
                    .split(' ')
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(SEP)
            })
            .collect();
        return Ok(format!("(?:{})", alts.join("|")));
    }
    let (stem, prefix) = match word.strip_suffix('*') {
        Some(stem) if !stem.is_empty() => (stem, true),
        _ => (word, false),
    };
    let folded = crate::fold::Folded::new(stem).text;
    let mut re = regex::escape(&folded);
    if prefix {
        re.push_str(r"[\w']*");
    }
    Ok(re)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(steps: &[&str], text: &str) -> bool {
        let mut words = BTreeMap::new();
        words.insert(
            "fault".to_owned(),
            vec!["deleted".to_owned(), "clicked on".to_owned()],
        );
        let steps: Vec<String> = steps.iter().map(|s| (*s).to_owned()).collect();
        let re = regex::Regex::new(&compile(&steps, &words).unwrap()).unwrap();
        re.is_match(text)
    }

    #[test]
    fn steps() {
        let s = ["as", "i|we", "already?", "said|explain*|told you"];
        assert!(matches(&s, "as i already explained, no"));
        assert!(matches(&s, "as we said"));
        assert!(matches(&s, "as i told you"));
        assert!(!matches(&s, "as i. said"));
        assert!(!matches(&s, "has i said"));
        assert!(matches(
            &["you", "{fault}", "*2", "file"],
            "you clicked on the wrong file"
        ));
        assert!(!matches(
            &["you", "{fault}", "*1", "file"],
            "you deleted the old big file"
        ));
    }

    #[test]
    fn errors() {
        let words = BTreeMap::new();
        assert!(compile(&["*2".to_owned(), "x".to_owned()], &words).is_err());
        assert!(compile(&["x?".to_owned()], &words).is_err());
        assert!(compile(&["{nope}".to_owned()], &words).is_err());
    }
}
