//! `tonelint server`: the Language Server Protocol server on stdin and stdout (see
//! `crate::server`).

use clap::Args;

/// The arguments of `tonelint server`.
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Accepted for editors that pass it (the protocol runs on stdin and stdout regardless).
    #[arg(long, hide = true)]
    pub stdio: bool,
}

/// Runs the server until the client says `exit` (or goes away); returns the exit code.
#[must_use]
pub fn run(_args: &ServerArgs) -> u8 {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    crate::server::run(&mut input, Box::new(std::io::stdout()))
}
