//! The commands, one module each: its arguments and its body. The arguments several commands
//! share (where the configuration comes from, which rules run) live here.

use clap::{Args, ValueEnum};
use tonelint_core::{Config, Error, Linter, Rule, Severity};

pub mod check;
pub mod completions;
pub mod explain;
pub mod init;
pub mod manpage;
pub mod measure;
pub mod rules;
pub mod sendmail;
pub mod server;
pub mod test;

/// Exit code: nothing at or above `--fail-on`.
pub const SUCCESS: u8 = 0;
/// Exit code: findings at or above `--fail-on`.
pub const FINDINGS: u8 = 1;
/// Exit code: usage, configuration, rule-pack or I/O error.
pub const TROUBLE: u8 = 2;

/// A severity named on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Level {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// Everything.
    Info,
}

impl From<Level> for Severity {
    fn from(l: Level) -> Severity {
        match l {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

/// Where rules and settings come from.
#[derive(Debug, Args, Clone)]
pub struct LoadArgs {
    /// Use this configuration file instead of the nearest `tonelint.toml`.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<std::path::PathBuf>,
    /// Ignore configuration files.
    #[arg(long, global = true, conflicts_with = "config")]
    pub isolated: bool,
}

/// Which rules run and what fails.
#[derive(Debug, Args, Clone)]
pub struct SelectArgs {
    /// Enable only these rules: ids, categories, `category/id`, or prefixes (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Add rules to the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Disable rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// The lowest severity that fails the run [default: warning].
    #[arg(long, value_name = "LEVEL")]
    pub fail_on: Option<Level>,
    /// Drop findings whose rule is less sure than this (0.0–1.0).
    #[arg(long, value_name = "N")]
    pub min_confidence: Option<f64>,
}

/// Prints an error the way every command does.
#[allow(clippy::print_stderr)]
pub fn print_error(e: &Error) {
    eprintln!("tonelint: error: {e}");
}

/// A configuration and every rule it can enable.
#[derive(Debug)]
pub struct Loaded {
    /// The configuration, with the command line's selection over it.
    pub config: Config,
    /// Every rule of the built-in and user packs, before selection.
    pub rules: Vec<Rule>,
}

impl Loaded {
    /// The linter of the selected rules (which it takes: `rules` is left empty).
    ///
    /// # Errors
    ///
    /// Two rules with one id.
    pub fn linter(&mut self) -> Result<Linter, Error> {
        let settings = &self.config.settings;
        Linter::with_rules(
            settings.apply(std::mem::take(&mut self.rules)),
            settings.clone(),
        )
    }
}

/// The configuration the arguments name, with the command line's selection over it; the user's
/// packs are read and their examples run, and every selector must select a rule.
///
/// # Errors
///
/// A configuration, pack or selection error.
pub fn load(load: &LoadArgs, select: Option<&SelectArgs>) -> Result<Loaded, Error> {
    let mut config = crate::load::config(load.config.as_deref(), load.isolated)?;
    let settings = &mut config.settings;
    if let Some(s) = select {
        if !s.select.is_empty() {
            settings.select.clone_from(&s.select);
        }
        settings
            .extend_select
            .extend(s.extend_select.iter().cloned());
        settings.ignore.extend(s.ignore.iter().cloned());
        if let Some(level) = s.fail_on {
            settings.fail_on = level.into();
        }
        if let Some(c) = s.min_confidence {
            if !(0.0..=1.0).contains(&c) {
                return Err(crate::load::option_error(
                    "--min-confidence",
                    "must be between 0 and 1",
                ));
            }
            settings.min_confidence = c;
        }
    }
    // Checked now, for every command: a user pack's examples, and selectors that select nothing.
    let rules = tonelint_core::linter::all_rules(&config)?;
    Ok(Loaded { config, rules })
}
