//! What a rule flags, why, its examples and fix safety, as Markdown: what `tonelint explain`
//! prints, what the editor server shows on hover and what the WebAssembly package returns.

use std::fmt::Write as _;

use crate::fix::Applicability;
use crate::region::Zone;
use crate::rule::cold::ColdCue;
use crate::rule::metric::Condition;
use crate::rule::{Cues, Example, Matcher, Rule};

/// The documentation of `rule`, as Markdown, ending with a line break.
#[must_use]
pub fn explain(rule: &Rule) -> String {
    let mut out = String::new();
    write_explain(&mut out, rule).expect("writing to a string");
    out
}

fn write_explain(out: &mut String, rule: &Rule) -> std::fmt::Result {
    writeln!(out, "# {} ({})\n", rule.id, rule.code())?;
    writeln!(
        out,
        "Kind: {}. Severity: {}. Confidence: {:.2}. Zones: {}.",
        rule.matcher.kind(),
        rule.severity,
        rule.confidence,
        zone_list(&rule.zones)
    )?;
    writeln!(out, "\n## What it does\n\n{}", rule.summary.trim())?;
    match &rule.matcher {
        Matcher::Requires {
            trigger,
            requirements,
        } => explain_requires(out, trigger, requirements)?,
        Matcher::Metric { conditions } => explain_metric(out, conditions)?,
        Matcher::Cold { cues, threshold } => explain_cold(out, cues, *threshold)?,
        _ => {}
    }
    writeln!(out, "\n## Why is this bad?\n\n{}", rule.why.trim())?;
    let bad = rule.examples.iter().filter_map(|(e, _)| match e {
        Example::Bad { text, .. } => Some(text.as_str()),
        Example::Good { .. } => None,
    });
    let fixed: Vec<&str> = rule
        .examples
        .iter()
        .filter_map(|(e, _)| match e {
            Example::Bad { fixed: Some(f), .. } => Some(f.as_str()),
            _ => None,
        })
        .collect();
    let good: Vec<&str> = rule
        .examples
        .iter()
        .filter_map(|(e, _)| match e {
            Example::Good { text } => Some(text.as_str()),
            Example::Bad { .. } => None,
        })
        .collect();
    writeln!(out, "\n## Example\n")?;
    for b in bad {
        writeln!(out, "{}\n", block(b))?;
    }
    if !fixed.is_empty() {
        writeln!(out, "Use instead:\n")?;
        for f in fixed {
            writeln!(out, "{}\n", block(f))?;
        }
    }
    if !good.is_empty() {
        writeln!(out, "Not flagged:\n")?;
        for g in good {
            writeln!(out, "{}\n", block(g))?;
        }
    }
    writeln!(out, "## Fix safety\n")?;
    if let Some(safety) = &rule.safety {
        writeln!(out, "{}", safety.trim())?;
    } else if rule.fix_kinds().contains(&Applicability::Review) {
        writeln!(
            out,
            "Its rewrites change the wording: they are suggestions to review, never applied unasked."
        )?;
    } else {
        writeln!(out, "It offers advice, no edit.")?;
    }
    if let Some(link) = &rule.link {
        writeln!(out, "\n## More\n\n{link}")?;
    }
    writeln!(out, "\nDefined in {}:{}.", rule.origin.0, rule.origin.1)
}

/// An indented code block, one per example (a multi-line example indented on every line).
fn block(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| format!("    {l}").trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Zone names as a comma-separated list.
fn zone_list(zones: &[Zone]) -> String {
    zones
        .iter()
        .map(|z| z.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a `metric` rule looks for: each condition's counter, zones and bounds.
fn explain_metric(out: &mut String, conditions: &[Condition]) -> std::fmt::Result {
    writeln!(
        out,
        "\n## What it looks for\n\nEvery condition holds, counted over one reply:\n"
    )?;
    for c in conditions {
        let bounds = match (c.min, c.max) {
            (Some(min), Some(max)) => format!("between {min} and {max}"),
            (Some(min), None) => format!("at least {min}"),
            (None, Some(max)) => format!("at most {max}"),
            (None, None) => "any".to_owned(),
        };
        writeln!(
            out,
            "- {} in {}: {bounds}",
            c.counter.as_str(),
            zone_list(&c.zones)
        )?;
    }
    Ok(())
}

/// What a `cold` rule looks for: its threshold, and each cue with its weight, where it looks and
/// what it looks for, with its examples.
fn explain_cold(out: &mut String, cues: &[ColdCue], threshold: f64) -> std::fmt::Result {
    writeln!(out, "\n## What it looks for\n")?;
    writeln!(
        out,
        "Cold cues, each counted once per reply. A reply whose cues weigh {threshold} or more in \
         all, with no warm move in its own text (an acknowledgement, an owned action, an offer, an \
         open door, thanks: the scorecard's cues), gets one finding naming every cue that counted, \
         in the order of the text.\n"
    )?;
    writeln!(out, "| cue | weight | looks for | in |")?;
    writeln!(out, "|---|---|---|---|")?;
    for cue in cues {
        let mut what = Vec::new();
        if let Some(c) = &cue.condition {
            let bounds = match (c.min, c.max) {
                (Some(min), Some(max)) => format!("between {min} and {max}"),
                (Some(min), None) => format!("at least {min}"),
                (None, Some(max)) => format!("at most {max}"),
                (None, None) => "any".to_owned(),
            };
            what.push(format!("{} {bounds}", c.counter.as_str()));
        }
        if !cue.phrases.is_empty() {
            let shown: Vec<String> = cue
                .phrases
                .iter()
                .take(6)
                .map(|p| format!("“{p}”"))
                .collect();
            let more = cue.phrases.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            what.push(format!("{}{more}", shown.join(", ")));
        }
        match cue.patterns.len() {
            0 => {}
            1 => what.push(format!(
                "a pattern{}",
                if cue.case_sensitive {
                    " (case-sensitive)"
                } else {
                    ""
                }
            )),
            n => what.push(format!(
                "{n} patterns{}",
                if cue.case_sensitive {
                    " (case-sensitive)"
                } else {
                    ""
                }
            )),
        }
        let what = cell(&what.join("; "));
        writeln!(
            out,
            "| {} | {} | {what} | {} |",
            cue.name,
            cue.weight,
            zone_list(&cue.zones)
        )?;
    }
    for cue in cues.iter().filter(|c| !c.discounts.is_empty()) {
        let refs: Vec<&str> = cue
            .discounts
            .iter()
            .map(|m| match m.as_str() {
                "acknowledgement" => "an acknowledgement",
                "owned-action" => "an owned action",
                "offer" => "an offer",
                "open-door" => "an open door",
                _ => "thanks",
            })
            .collect();
        writeln!(
            out,
            "\nWhen “{}” counts, {} no longer balance the reply.",
            cue.name,
            crate::text::join_and(&refs)
        )?;
    }
    writeln!(
        out,
        "\nThanks right before a sentence that opens with “however” or “but” are a formula, not a \
         warm move."
    )?;
    for cue in cues.iter().filter(|c| !c.examples.is_empty()) {
        writeln!(out, "\n{}:\n", cue.name)?;
        for (example, _) in &cue.examples {
            let (mark, text) = match example {
                Example::Bad { text, .. } => ("counts", text),
                Example::Good { text } => ("does not count", text),
            };
            writeln!(
                out,
                "- {mark}: “{}”",
                crate::rule::template::collapse_space(text)
            )?;
        }
    }
    Ok(())
}

/// `text` fit for a Markdown table cell: pipes escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// What a `requires` rule looks for: where its trigger is, and each requirement with its window.
fn explain_requires(out: &mut String, trigger: &Cues, requirements: &[Cues]) -> std::fmt::Result {
    let client = trigger.zones.iter().all(|z| *z == Zone::Quoted);
    let times = if trigger.min > 1 {
        format!(", at least {} times", trigger.min)
    } else {
        String::new()
    };
    writeln!(out, "\n## What it looks for\n")?;
    writeln!(
        out,
        "Set off by its trigger in {}{times}; then the reply needs:\n",
        if client {
            "the client's text (quoted, or given with `--context`)".to_owned()
        } else {
            zone_list(&trigger.zones)
        }
    )?;
    for r in requirements {
        let name = r.name.as_deref().unwrap_or("its requirement");
        let window = match (r.window, client) {
            (None, _) => String::new(),
            (Some(n), true) => format!(", among the reply's first {n} sentences"),
            (Some(n), false) => format!(", within {n} sentences of the trigger"),
        };
        writeln!(out, "- {name}, in {}{window}", zone_list(&r.zones))?;
    }
    Ok(())
}
