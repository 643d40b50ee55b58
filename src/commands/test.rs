//! `tonelint test`: load rule packs and run every example of their rules.

#![allow(clippy::print_stdout)]

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use tonelint_core::linter::examples::check_examples;
use tonelint_core::{Error, Pack, pack};

use super::{FINDINGS, LoadArgs, SUCCESS, TROUBLE, print_error};
use crate::load;

/// The arguments of `tonelint test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Pack files (default: the built-in packs and those in the configuration).
    pub packs: Vec<PathBuf>,
    /// Where the configuration comes from.
    #[command(flatten)]
    pub load: LoadArgs,
}

/// Runs `tonelint test`.
///
/// # Errors
///
/// Writing to stdout failed.
pub fn run(args: &TestArgs) -> io::Result<u8> {
    let (paths, load_args) = (&args.packs, &args.load);
    let mut packs: Vec<Result<Pack, Error>> = Vec::new();
    if paths.is_empty() {
        packs.extend(pack::builtin().into_iter().map(Ok));
        if !load_args.isolated {
            let config = load_args.config.clone().or_else(|| {
                load::discover(&std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")))
            });
            if let Some(config) = config {
                match load::read_settings(&config) {
                    Ok(settings) => packs.extend(settings.packs.iter().map(|p| load::read_pack(p))),
                    Err(e) => {
                        print_error(&e);
                        return Ok(TROUBLE);
                    }
                }
            }
        }
    } else {
        packs.extend(paths.iter().map(|p| load::read_pack(p)));
    }
    let mut failures = 0usize;
    let mut broken = false;
    let mut out = io::stdout().lock();
    for pack in packs {
        match pack {
            Err(e) => {
                print_error(&e);
                broken = true;
            }
            Ok(pack) => {
                let errors = check_examples(&pack);
                // A `cold` rule's cues carry examples of their own, run with the rule's.
                let examples: usize = pack
                    .rules
                    .iter()
                    .map(|r| {
                        let cues = match &r.matcher {
                            tonelint_core::Matcher::Cold { cues, .. } => {
                                cues.iter().map(|c| c.examples.len()).sum()
                            }
                            _ => 0,
                        };
                        r.examples.len() + cues
                    })
                    .sum();
                for e in &errors {
                    print_error(e);
                }
                failures += errors.len();
                let verdict = if errors.is_empty() { "ok" } else { "FAILED" };
                writeln!(
                    out,
                    "{}: {} rules, {} examples: {verdict}",
                    pack.path,
                    pack.rules.len(),
                    examples
                )?;
            }
        }
    }
    Ok(if broken {
        TROUBLE
    } else if failures > 0 {
        FINDINGS
    } else {
        SUCCESS
    })
}
