//! `tonelint rules`: the loaded rules, one line each or as JSON.

#![allow(clippy::print_stdout)]

use std::io::{self, Write};

use clap::{Args, ValueEnum};
use tonelint_core::{Linter, Rule};

use super::{LoadArgs, SUCCESS, TROUBLE, load, print_error};

/// The arguments of `tonelint rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
    /// Include rules the configuration disables.
    #[arg(long)]
    pub all: bool,
    /// Print every literal of the enabled rules' automaton, one per line (for benchmarks).
    #[arg(long, hide = true)]
    pub literals: bool,
    /// Where the configuration comes from.
    #[command(flatten)]
    pub load: LoadArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
/// How `tonelint rules` lists them.
pub enum RulesFormat {
    /// One line per rule.
    Human,
    /// A JSON array.
    Json,
}

/// Runs `tonelint rules`.
///
/// # Errors
///
/// Writing to stdout failed.
pub fn run(args: &RulesArgs) -> io::Result<u8> {
    let loaded = match load(&args.load, None) {
        Ok(l) => l,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    let rules: Vec<&Rule> = loaded
        .rules
        .iter()
        .filter(|r| args.all || loaded.config.settings.is_enabled(r))
        .collect();
    let mut out = io::stdout().lock();
    if args.literals {
        let linter = match Linter::new(rules.into_iter().cloned().collect()) {
            Ok(l) => l,
            Err(e) => {
                print_error(&e);
                return Ok(TROUBLE);
            }
        };
        for literal in linter.literals() {
            writeln!(out, "{literal}")?;
        }
        return Ok(SUCCESS);
    }
    match args.format {
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "code": r.code(), "category": r.category, "pack": r.pack,
                        "kind": r.matcher.kind(), "severity": r.severity.as_str(),
                        "confidence": r.confidence, "summary": r.summary, "why": r.why,
                        "enabled": loaded.config.settings.is_enabled(r),
                        "fixes": r.fix_kinds().iter().map(|a| a.as_str()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
        RulesFormat::Human => {
            for r in rules {
                writeln!(
                    out,
                    "{:<45} {:<8} {:<4} {:<9} {}",
                    r.code(),
                    r.severity.as_str(),
                    format!("{:.2}", r.confidence),
                    r.matcher.kind(),
                    r.summary
                )?;
            }
        }
    }
    Ok(SUCCESS)
}
