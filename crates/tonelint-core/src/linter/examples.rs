//! The rule-example runner: every `bad`, `good` and `fixed` example of a pack's rules, checked
//! with a linter of that pack (what `tonelint test` and the test suite run).

use crate::error::{Error, Location};
use crate::pack::Pack;
use crate::rule::{Example, Matcher};

use super::Linter;
use super::fix::plan;
use crate::fix::Applicability;

/// Runs every example of every rule in `pack`: each `bad` must trigger its rule, each `good` no
/// rule of the pack, each `fixed` must equal `bad` after the rule's fix (its findings' first edit
/// suggestions, planned together as `--fix` plans them), no rule of the pack of the same category
/// may flag `fixed`, and fixing `fixed` again must change nothing. A `cold` rule's cues have
/// examples of their own: each `bad` must make its cue count, each `good` must not (whatever the
/// other cues and the threshold). Returns one error per failing example.
#[must_use]
pub fn check_examples(pack: &Pack) -> Vec<Error> {
    let linter = match Linter::new(pack.rules.clone()) {
        Ok(l) => l,
        Err(e) => return vec![e],
    };
    let mut errors = Vec::new();
    for rule in &pack.rules {
        if let Matcher::Cold { cues, .. } = &rule.matcher {
            for cue in cues {
                for (example, line) in &cue.examples {
                    let (text, wanted) = (example.text(), matches!(example, Example::Bad { .. }));
                    let counted = linter.cold_cues(&rule.id, text).contains(&cue.name);
                    if counted != wanted {
                        errors.push(Error::Pack {
                            location: Location {
                                path: pack.path.clone(),
                                line_column: Some((*line, 1)),
                            },
                            rule: Some(rule.id.clone()),
                            message: if wanted {
                                format!(
                                    "bad example does not make cue “{}” count: {text:?}",
                                    cue.name
                                )
                            } else {
                                format!("good example makes cue “{}” count: {text:?}", cue.name)
                            },
                        });
                    }
                }
            }
        }
        for (example, line) in &rule.examples {
            let fail = |message: String| Error::Pack {
                location: Location {
                    path: pack.path.clone(),
                    line_column: Some((*line, 1)),
                },
                rule: Some(rule.id.clone()),
                message,
            };
            match example {
                Example::Bad { text, fixed } => {
                    let own: Vec<_> = linter
                        .check_text(text)
                        .into_iter()
                        .filter(|f| f.rule == rule.id)
                        .collect();
                    if own.is_empty() {
                        errors.push(fail(format!(
                            "bad example does not trigger the rule: {text:?}"
                        )));
                        continue;
                    }
                    let Some(expected) = fixed else { continue };
                    let edits = plan(&own, Applicability::Review).edits;
                    let (got, _) = crate::fix::apply(text, &edits);
                    if &got != expected {
                        errors.push(fail(format!(
                            "fixed example differs: expected {expected:?}, got {got:?}"
                        )));
                        continue;
                    }
                    let after = linter.check_text(&got);
                    if let Some(f) = after.iter().find(|f| f.category == rule.category) {
                        errors.push(fail(format!(
                            "the fixed example is still flagged: `{}` on “{}”: {got:?}",
                            f.code(),
                            &got[f.span.range()]
                        )));
                        continue;
                    }
                    let again: Vec<_> = after.into_iter().filter(|f| f.rule == rule.id).collect();
                    let (twice, _) =
                        crate::fix::apply(&got, &plan(&again, Applicability::Review).edits);
                    if twice != got {
                        errors.push(fail(format!(
                            "fixing the fixed example changes it again: {twice:?}"
                        )));
                    }
                }
                Example::Good { text } => {
                    let findings = linter.check_text(text);
                    if let Some(f) = findings.first() {
                        errors.push(fail(format!(
                            "good example triggers `{}` on “{}”: {text:?}",
                            f.rule,
                            &text[f.span.range()]
                        )));
                    }
                }
            }
        }
    }
    errors
}
