//! Lints a draft held in a string with the engine's API (`tonelint-core`), no files or CLI
//! involved: what the editor server and the WebAssembly package do for each reply.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run -q --example lint_str
//! ```
//!
//! It builds a linter from the built-in packs and a configuration given as text, checks a short
//! rude draft answering a stressed client, prints one line per finding (`line:column code
//! message`, then the first suggestion), the reply's warmth score, the draft with the safe fixes
//! applied, and what `tonelint explain` says of the first rule. It exits 1 when there are
//! findings, as `tonelint check` does.

#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use tonelint_core::{Applicability, Config, Kind, LineIndex, Linter, Source, scorecard};

const DRAFT: &str = "\
Hi Dana,

As I already explained, the VPN certificate has to be installed first!!!
This is covered in the knowledge base, and we sent three reminders last month.
RTFM next time.

Regards,
Marcus
";

/// The client's message the draft answers (it does not quote it).
const CLIENT: &str =
    "The VPN dropped again in the middle of my board presentation. Third time this week!";

/// A team's configuration, as the text of a `tonelint.toml`.
const CONFIG: &str = "\
# Shouting in capitals is for the style guide, not this check.
ignore = [\"courtesy/shouting\"]
min-confidence = 0.5
";

fn main() -> ExitCode {
    let linter = match Config::parse("tonelint.toml", CONFIG).and_then(|c| Linter::with_config(&c))
    {
        Ok(linter) => linter,
        Err(err) => {
            println!("could not build the linter: {err}");
            return ExitCode::from(2);
        }
    };

    let reply = Source::new("draft.txt", DRAFT, Kind::Plain).with_context(CLIENT);
    let findings = linter.check(&reply);
    // Spans are byte offsets; lines and columns are computed only for printing.
    let index = LineIndex::new(DRAFT);
    for f in &findings {
        let pos = index.position(DRAFT, f.span.start);
        println!(
            "{}:{} {} [{}] {}",
            pos.line,
            pos.column,
            f.severity,
            f.code(),
            f.message
        );
        if let Some(s) = f.suggestions.first() {
            println!("    help: {} ({})", s.title, s.applicability.as_str());
        }
    }

    for card in scorecard::scorecards(&reply, &findings) {
        println!("warmth {}/100", card.warmth);
    }

    // The mechanical fixes ("!!!" → "!"); `Applicability::Review` would apply the rewrites too.
    let fixed = linter.fix(&reply, Applicability::Safe);
    println!("\nWith the safe fixes applied:\n\n{}", fixed.text);

    if let Some(first) = findings.first()
        && let Some(doc) = linter.explain(&first.rule)
    {
        println!("{}", doc.lines().next().unwrap_or_default());
    }

    if findings.is_empty() {
        println!("No problems found.");
        ExitCode::SUCCESS
    } else {
        println!("{} finding(s).", findings.len());
        ExitCode::FAILURE
    }
}
