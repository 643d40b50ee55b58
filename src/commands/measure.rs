//! `tonelint measure`: judgement on a labelled JSONL corpus: the share of texts flagged per label,
//! and findings per 1,000 texts per rule.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use super::{LoadArgs, SUCCESS, SelectArgs, TROUBLE, load, print_error};

/// The arguments of `tonelint measure`.
#[derive(Debug, Args)]
pub struct MeasureArgs {
    /// A JSONL file; each line an object with a text field and, optionally, a label field.
    pub file: PathBuf,
    /// The field holding the text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// The field holding the label.
    #[arg(long, default_value = "label")]
    pub label_field: String,
    /// Print up to N flagged texts' findings, for inspection.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub show: usize,
    /// Only show flagged texts with this label.
    #[arg(long, value_name = "LABEL")]
    pub show_label: Option<String>,
    /// Which rules run and what fails.
    #[command(flatten)]
    pub select: SelectArgs,
    /// Where the configuration comes from.
    #[command(flatten)]
    pub load: LoadArgs,
}

/// Runs `tonelint measure`.
///
/// # Errors
///
/// Writing to stdout failed.
pub fn run(args: &MeasureArgs) -> io::Result<u8> {
    let mut loaded = match load(&args.load, Some(&args.select)) {
        Ok(l) => l,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    let linter = match loaded.linter() {
        Ok(l) => l,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("tonelint: error: {}: {e}", args.file.display());
            return Ok(TROUBLE);
        }
    };
    let fail_on = loaded.config.settings.fail_on;
    // label -> (texts, flagged)
    let mut labels: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut by_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut total = 0usize;
    let mut shown = 0usize;
    let mut out = io::stdout().lock();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("tonelint: error: {}:{}: {e}", args.file.display(), n + 1);
                return Ok(TROUBLE);
            }
        };
        let Some(body) = value.get(&args.text_field).and_then(|v| v.as_str()) else {
            continue;
        };
        let label = value
            .get(&args.label_field)
            .and_then(|v| v.as_str())
            .unwrap_or("(none)")
            .to_owned();
        let findings = linter.check_text(body);
        let flagged = findings.iter().any(|f| f.severity >= fail_on);
        total += 1;
        let entry = labels.entry(label.clone()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(flagged);
        for f in &findings {
            let e = by_rule.entry(f.code()).or_default();
            e.0 += 1;
            e.1 += usize::from(f.severity >= fail_on);
        }
        let wanted = args.show_label.as_ref().is_none_or(|l| *l == label);
        if flagged && wanted && shown < args.show {
            shown += 1;
            let id = value.get("id").and_then(|v| v.as_str()).unwrap_or("?");
            for f in findings.iter().filter(|f| f.severity >= fail_on) {
                let start = body[..f.span.start]
                    .rfind(['.', '\n', '!', '?'])
                    .map_or(0, |i| i + 1);
                let end = body[f.span.end..]
                    .find(['.', '\n', '!', '?'])
                    .map_or(body.len(), |i| f.span.end + i + 1);
                writeln!(
                    out,
                    "[{id} {label}] {}: {}",
                    f.code(),
                    body[start..end].trim().replace('\n', " ")
                )?;
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    writeln!(
        out,
        "{}: {total} texts; flagged = a finding at or above {fail_on}",
        args.file.display()
    )?;
    writeln!(
        out,
        "{:<24} {:>8} {:>8} {:>8}",
        "label", "texts", "flagged", "share"
    )?;
    let flagged_all: usize = labels.values().map(|v| v.1).sum();
    for (label, (n, flagged)) in &labels {
        writeln!(
            out,
            "{label:<24} {n:>8} {flagged:>8} {:>7.2}%",
            pct(*flagged, *n)
        )?;
    }
    writeln!(
        out,
        "{:<24} {total:>8} {flagged_all:>8} {:>7.2}%",
        "(all)",
        pct(flagged_all, total)
    )?;
    let mut rules: Vec<_> = by_rule.into_iter().collect();
    rules.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    if !rules.is_empty() {
        writeln!(
            out,
            "\nfindings per 1,000 texts, by rule (all severities / at or above {fail_on}):"
        )?;
    }
    #[allow(clippy::cast_precision_loss)]
    for (code, (all, failing)) in rules {
        let per = |n: usize| {
            if total == 0 {
                0.0
            } else {
                1000.0 * n as f64 / total as f64
            }
        };
        writeln!(out, "  {code:<45} {:>8.2} {:>8.2}", per(all), per(failing))?;
    }
    Ok(SUCCESS)
}
