//! The `tonelint` binary: parses the command line and hands it to the command's module.

#![allow(clippy::print_stderr)]

use std::io;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use tonelint::commands::{
    self, SUCCESS, TROUBLE, check, completions, explain, init, manpage, measure, rules, sendmail,
    server, test,
};

// mimalloc rather than the C library's allocator (as ruff does on some platforms): a file's lint
// makes many short-lived lists and maps. Over the first 4,000 Enron emails, 726.3M -> 668.8M
// instructions; a 2 KB draft 8.37M -> 7.81M; over all 14,436 with two threads, 295 -> 275 ms.
#[cfg(not(target_env = "musl"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A reply-tone linter: flags condescension, blame, dismissal and shouting in support replies.
#[derive(Debug, Parser)]
#[command(name = "tonelint", version, about, long_about = None, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint files, directories or stdin (`-`); the default command.
    Check(check::CheckArgs),
    /// List the loaded rules.
    Rules(rules::RulesArgs),
    /// Show what a rule flags, why, and its examples.
    Explain(explain::ExplainArgs),
    /// Check rule packs: load them and run every example.
    Test(test::TestArgs),
    /// Write a commented `tonelint.toml` in the current directory.
    Init(init::InitArgs),
    /// Measure judgement on a JSONL corpus: share of texts flagged per label, findings per rule.
    Measure(measure::MeasureArgs),
    /// Gate a mail client's send: lint the message on stdin, then block it (exit 65) or pass it
    /// byte for byte to `-- MAILER [ARGS]`.
    Sendmail(sendmail::SendmailArgs),
    /// Run the Language Server Protocol server on stdin and stdout: findings while you write, in
    /// any editor that speaks LSP.
    Server(server::ServerArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff) to stdout.
    Manpage,
}

fn main() -> ExitCode {
    let args = with_default_command(std::env::args_os().collect());
    let cli = Cli::parse_from(args);
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(SUCCESS),
        Err(e) => {
            eprintln!("tonelint: error: {e}");
            ExitCode::from(TROUBLE)
        }
    }
}

/// `tonelint reply.txt` means `tonelint check reply.txt`.
fn with_default_command(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    const COMMANDS: &[&str] = &[
        "check",
        "rules",
        "explain",
        "test",
        "init",
        "measure",
        "sendmail",
        "server",
        "completions",
        "manpage",
        "help",
    ];
    const TOP: &[&str] = &["-h", "--help", "-V", "--version"];
    let first = args.get(1).and_then(|a| a.to_str());
    let is_command = first.is_some_and(|a| COMMANDS.contains(&a) || TOP.contains(&a));
    if !is_command {
        args.insert(1.min(args.len()), "check".into());
    }
    args
}

fn run(cli: Cli) -> io::Result<u8> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Measure(args) => measure::run(&args),
        Command::Sendmail(args) => Ok(sendmail::run(&args)),
        Command::Server(args) => Ok(server::run(&args)),
        Command::Completions(args) => {
            completions::completions(Cli::command(), args.shell, &mut io::stdout().lock())
                .map(|()| commands::SUCCESS)
        }
        Command::Manpage => {
            manpage::manpage(Cli::command(), &mut io::stdout().lock()).map(|()| SUCCESS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_command_is_check() {
        let args = |v: &[&str]| with_default_command(v.iter().map(Into::into).collect());
        assert_eq!(args(&["tonelint", "a.txt"])[1], "check");
        assert_eq!(args(&["tonelint", "rules"])[1], "rules");
        assert_eq!(args(&["tonelint", "--help"])[1], "--help");
        assert_eq!(args(&["tonelint"])[1], "check");
    }

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
