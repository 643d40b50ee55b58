//! Lints a draft held in a string with the library API, no files or CLI involved.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run -q --example lint_str
//! ```
//!
//! It loads the built-in rule packs, checks a short rude draft, prints one line per finding
//! (`line:column code message`, then the first suggestion), and exits 1 when there are findings,
//! as `tonelint check` does.

#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use tonelint::{LineIndex, Linter, pack};

const DRAFT: &str = "\
Hi Dana,

As I already explained, the VPN certificate has to be installed first.
This is covered in the knowledge base, and we sent three reminders last month.
RTFM next time.

Regards,
Marcus
";

fn main() -> ExitCode {
    // Every rule of every built-in pack; a team pack would be added with `Pack::load`.
    let rules = pack::builtin().into_iter().flat_map(|p| p.rules).collect();
    let linter = match Linter::new(rules) {
        Ok(linter) => linter,
        Err(err) => {
            println!("could not build the linter: {err}");
            return ExitCode::from(2);
        }
    };

    let findings = linter.check_text(DRAFT);
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

    if findings.is_empty() {
        println!("No problems found.");
        ExitCode::SUCCESS
    } else {
        println!("{} finding(s).", findings.len());
        ExitCode::FAILURE
    }
}
