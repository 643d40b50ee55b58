//! `tonelint completions SHELL`: shell completion scripts, generated from the command-line
//! definition so they never drift from it.

use std::io::{self, Write};

use clap::Args;
pub use clap_complete::Shell;

/// The arguments of `tonelint completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: Shell,
}

/// Writes the completion script for `shell` to `out`.
///
/// # Errors
///
/// Writing to `out` failed.
///
/// Install it as the shell expects, e.g. bash: `tonelint completions bash >
/// ~/.local/share/bash-completion/completions/tonelint`; zsh: into a directory of `$fpath` as
/// `_tonelint`; fish: `~/.config/fish/completions/tonelint.fish`.
pub fn completions(mut cmd: clap::Command, shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let name = cmd.get_name().to_owned();
    // clap_complete writes with `write_all` and panics on error; write to memory first so a
    // closed pipe is an error like any other.
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut buf);
    out.write_all(&buf)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    fn command() -> clap::Command {
        clap::Command::new("tonelint")
            .about("A reply-tone linter")
            .subcommand(
                clap::Command::new("check").about("Lint files").arg(
                    clap::Arg::new("fix")
                        .long("fix")
                        .action(clap::ArgAction::SetTrue),
                ),
            )
    }

    #[test]
    fn every_shell_gets_a_script_naming_the_commands() {
        for shell in Shell::value_variants() {
            let mut out = Vec::new();
            completions(command(), *shell, &mut out).unwrap();
            let script = String::from_utf8(out).unwrap();
            assert!(script.contains("tonelint"), "{shell}");
            assert!(script.contains("check"), "{shell}");
            assert!(script.contains("fix"), "{shell}");
        }
    }
}
