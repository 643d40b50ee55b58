//! `tonelint explain ID`: what a rule flags, why, its examples and fix safety.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{self, Write};

use clap::Args;

use super::{LoadArgs, SUCCESS, TROUBLE, load, print_error};

/// The arguments of `tonelint explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id or `category/id`.
    pub id: String,
    /// Where the configuration comes from.
    #[command(flatten)]
    pub load: LoadArgs,
}

/// Runs `tonelint explain`.
///
/// # Errors
///
/// Writing to stdout failed.
pub fn run(args: &ExplainArgs) -> io::Result<u8> {
    let id = args.id.as_str();
    let loaded = match load(&args.load, None) {
        Ok(l) => l,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    let Some(rule) = loaded.rules.iter().find(|r| r.id == id || r.code() == id) else {
        eprintln!("tonelint: error: no rule `{id}` (see `tonelint rules`)");
        return Ok(TROUBLE);
    };
    let mut out = io::stdout().lock();
    out.write_all(tonelint_core::explain::explain(rule).as_bytes())?;
    Ok(SUCCESS)
}
