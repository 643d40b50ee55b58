//! `tonelint init`: write a commented `tonelint.toml`.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io;
use std::path::Path;

use clap::Args;

use super::{SUCCESS, TROUBLE};

/// The arguments of `tonelint init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Runs `tonelint init`.
///
/// # Errors
///
/// The file could not be written.
pub fn run(args: &InitArgs) -> io::Result<u8> {
    let force = args.force;
    let path = Path::new(tonelint_core::config::FILE_NAMES[0]);
    if path.exists() && !force {
        eprintln!(
            "tonelint: error: {} already exists (use --force to overwrite)",
            path.display()
        );
        return Ok(TROUBLE);
    }
    std::fs::write(path, tonelint_core::config::TEMPLATE)?;
    println!("wrote {}", path.display());
    Ok(SUCCESS)
}
