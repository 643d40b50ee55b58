//! The `tonelint` command line: argument parsing, file walking, printing and exit codes.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tonelint::report::{self, FileError, FileReport, Format};
use tonelint::source::{Kind, Options as SourceOptions};
use tonelint::{Error, Finding, Linter, Pack, Rule, Settings, Severity, Source, pack};

mod cmd_completions;
mod cmd_sendmail;

/// Exit code: nothing at or above `--fail-on`.
const SUCCESS: u8 = 0;
/// Exit code: findings at or above `--fail-on`.
const FINDINGS: u8 = 1;
/// Exit code: usage, configuration, rule-pack or I/O error.
const TROUBLE: u8 = 2;

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
    Check(CheckArgs),
    /// List the loaded rules.
    Rules(RulesArgs),
    /// Show what a rule flags, why, and its examples.
    Explain {
        /// A rule id or `category/id`.
        id: String,
        #[command(flatten)]
        load: LoadArgs,
    },
    /// Check rule packs: load them and run every example.
    Test {
        /// Pack files (default: the built-in packs and those in the configuration).
        packs: Vec<PathBuf>,
        #[command(flatten)]
        load: LoadArgs,
    },
    /// Write a commented `tonelint.toml` in the current directory.
    Init {
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Measure judgement on a JSONL corpus: share of texts flagged per label, findings per rule.
    Measure(MeasureArgs),
    /// Gate a mail client's send: lint the message on stdin, then block it (exit 65) or pass it
    /// byte for byte to `-- MAILER [ARGS]`.
    Sendmail(cmd_sendmail::SendmailArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: cmd_completions::Shell,
    },
    /// Print the manual page (roff) to stdout.
    Manpage,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Concise,
    Json,
    JsonLines,
    Sarif,
    Github,
    Rdjson,
    Junit,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Level {
    Error,
    Warning,
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
struct LoadArgs {
    /// Use this configuration file instead of the nearest `tonelint.toml`.
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long, global = true, conflicts_with = "config")]
    isolated: bool,
}

/// Which rules run and what fails.
#[derive(Debug, Args, Clone)]
struct SelectArgs {
    /// Enable only these rules: ids, categories, `category/id`, or prefixes (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Add rules to the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    extend_select: Vec<String>,
    /// Disable rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// The lowest severity that fails the run [default: warning].
    #[arg(long, value_name = "LEVEL")]
    fail_on: Option<Level>,
    /// Drop findings whose rule is less sure than this (0.0–1.0).
    #[arg(long, value_name = "N")]
    min_confidence: Option<f64>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files or directories to lint; `-` reads stdin [default: .].
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// When to use colour (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(flatten)]
    select: SelectArgs,
    /// Exit 0 even when there are findings.
    #[arg(long)]
    exit_zero: bool,
    /// Apply safe fixes (with `-`: read stdin, write the fixed draft to stdout, findings to stderr).
    #[arg(long)]
    fix: bool,
    /// Also apply fixes that change the wording (`review`); implies --fix unless --diff is given.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff and change nothing.
    #[arg(long)]
    diff: bool,
    /// List the fixes applied.
    #[arg(long)]
    show_fixes: bool,
    /// Ignore the findings recorded in this baseline file (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every finding in FILE so later runs with --baseline fail only on new ones; exits 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "unsafe_fixes", "diff", "baseline"])]
    write_baseline: Option<PathBuf>,
    /// Lint only files changed since this git revision (and uncommitted or untracked ones).
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
    /// Lint on this many threads [default: the number of CPUs].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Count findings per rule, and score each reply's warmth (0-100) with the sentences behind it.
    #[arg(long)]
    statistics: bool,
    /// The name (and so the format) to use for stdin.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<String>,
    /// The client's message the draft answers, when the draft does not quote it (plain text or
    /// an email): rules that read the client's words (stress, questions) read it.
    #[arg(long, value_name = "FILE")]
    context: Option<PathBuf>,
    #[command(flatten)]
    load: LoadArgs,
}

#[derive(Debug, Args)]
struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    format: RulesFormat,
    /// Include rules the configuration disables.
    #[arg(long)]
    all: bool,
    /// Print every literal of the enabled rules' automaton, one per line (for benchmarks).
    #[arg(long, hide = true)]
    literals: bool,
    #[command(flatten)]
    load: LoadArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RulesFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
struct MeasureArgs {
    /// A JSONL file; each line an object with a text field and, optionally, a label field.
    file: PathBuf,
    /// The field holding the text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// The field holding the label.
    #[arg(long, default_value = "label")]
    label_field: String,
    /// Print up to N flagged texts' findings, for inspection.
    #[arg(long, value_name = "N", default_value_t = 0)]
    show: usize,
    /// Only show flagged texts with this label.
    #[arg(long, value_name = "LABEL")]
    show_label: Option<String>,
    #[command(flatten)]
    select: SelectArgs,
    #[command(flatten)]
    load: LoadArgs,
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
        Command::Check(args) => check(args),
        Command::Rules(args) => rules(&args),
        Command::Explain { id, load } => explain(&id, &load),
        Command::Test { packs, load } => test(&packs, &load),
        Command::Init { force } => init(force),
        Command::Measure(args) => measure(&args),
        Command::Sendmail(args) => Ok(cmd_sendmail::run(&args)),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            cmd_completions::completions(Cli::command(), shell, &mut io::stdout().lock())
                .map(|()| SUCCESS)
        }
        Command::Manpage => {
            use clap::CommandFactory;
            cmd_completions::manpage(Cli::command(), &mut io::stdout().lock()).map(|()| SUCCESS)
        }
    }
}

fn print_error(e: &Error) {
    eprintln!("tonelint: error: {e}");
}

/// Loads settings and every rule pack; `None` after printing the error.
struct Loaded {
    settings: Settings,
    /// Every rule of every pack, before selection.
    all_rules: Vec<Rule>,
}

fn load(load: &LoadArgs, select: Option<&SelectArgs>) -> Result<Loaded, Error> {
    let mut settings = if load.isolated {
        Settings::default()
    } else {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let path = match &load.config {
            Some(p) => Some(p.clone()),
            // Shown relative to where tonelint runs when it is below it.
            None => Settings::discover(&cwd)
                .map(|p| p.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(p)),
        };
        match path {
            Some(p) => Settings::load(&p)?,
            None => Settings::default(),
        }
    };
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
                return Err(Error::Config {
                    location: tonelint::Location::file("--min-confidence"),
                    message: "must be between 0 and 1".to_owned(),
                });
            }
            settings.min_confidence = c;
        }
    }
    let mut all_rules: Vec<Rule> = pack::builtin().into_iter().flat_map(|p| p.rules).collect();
    for path in &settings.packs {
        let user = Pack::load(path)?;
        if let Some(e) = pack::check_examples(&user).into_iter().next() {
            return Err(e);
        }
        all_rules.extend(user.rules);
    }
    // Unknown selectors are mistakes worth stopping for: a typo would silently select nothing.
    for selector in settings.selectors() {
        if !all_rules
            .iter()
            .any(|r| tonelint::config::selects(selector, r))
        {
            let origin = settings
                .files
                .first()
                .map_or_else(|| "command line".to_owned(), |p| p.display().to_string());
            return Err(Error::Config {
                location: tonelint::Location::file(&origin),
                message: format!("`{selector}` selects no rule (see `tonelint rules`)"),
            });
        }
    }
    Ok(Loaded {
        settings,
        all_rules,
    })
}

/// The linter of the selected rules (which it takes: `loaded.all_rules` is left empty).
fn build_linter(loaded: &mut Loaded) -> Result<Linter, Error> {
    Linter::new(loaded.settings.apply(std::mem::take(&mut loaded.all_rules)))
}

enum Input {
    Stdin,
    File(PathBuf),
}

/// The largest file linted: a reply is a few kilobytes, and a file this big is a mistake (an
/// mbox archive, a log). Bigger files are refused with an error, not read.
const MAX_FILE_SIZE: u64 = 64 << 20;

/// Extensions linted when walking a directory (files named explicitly are always linted).
const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "mdown", "eml", "mbox", "html", "htm", "json",
];

/// Whether a directory walk lints this file.
fn has_lintable_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
}

fn gather(paths: &[PathBuf], errors: &mut Vec<FileError>) -> Vec<Input> {
    let mut stdin = false;
    let mut files: Vec<PathBuf> = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            stdin = true;
            continue;
        }
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let walk = ignore::WalkBuilder::new(path)
            .require_git(false)
            .follow_links(false)
            .build();
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    let p = e.into_path();
                    let p = p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p);
                    if has_lintable_extension(&p) {
                        files.push(p);
                    }
                }
                Ok(_) => {}
                Err(e) => errors.push(FileError {
                    path: path.display().to_string(),
                    message: e.to_string(),
                }),
            }
        }
    }
    files.sort();
    files.dedup();
    let mut inputs: Vec<Input> = Vec::new();
    if stdin {
        inputs.push(Input::Stdin);
    }
    inputs.extend(files.into_iter().map(Input::File));
    inputs
}

/// Reads an input; `Ok(None)` for a file skipped with a note.
fn read(
    input: &Input,
    stdin_name: Option<&str>,
    options: &SourceOptions,
    notes: &mut Vec<String>,
) -> Result<Option<Source>, FileError> {
    let too_big = |path: String| FileError {
        path,
        message: format!(
            "larger than the {} MiB limit; not linted",
            MAX_FILE_SIZE >> 20
        ),
    };
    let (shown, bytes) = match input {
        Input::Stdin => {
            let shown = stdin_name.unwrap_or("-").to_owned();
            let mut buf = Vec::new();
            io::stdin()
                .take(MAX_FILE_SIZE + 1)
                .read_to_end(&mut buf)
                .map_err(|e| FileError {
                    path: shown.clone(),
                    message: e.to_string(),
                })?;
            if buf.len() as u64 > MAX_FILE_SIZE {
                return Err(too_big(shown));
            }
            (shown, buf)
        }
        Input::File(path) => {
            let shown = path.display().to_string();
            let io_error = |e: io::Error| FileError {
                path: shown.clone(),
                message: e.to_string(),
            };
            let metadata = std::fs::metadata(path).map_err(io_error)?;
            if metadata.is_dir() {
                return Err(FileError {
                    path: shown,
                    message: "is a directory".to_owned(),
                });
            }
            if metadata.len() > MAX_FILE_SIZE {
                return Err(too_big(shown));
            }
            let bytes = std::fs::read(path).map_err(io_error)?;
            (shown, bytes)
        }
    };
    if bytes[..bytes.len().min(8192)].contains(&0) {
        notes.push(format!("{shown}: binary file, skipped"));
        return Ok(None);
    }
    let kind = match input {
        Input::Stdin => stdin_name.and_then(|n| Kind::from_path(Path::new(n))),
        Input::File(_) => None,
    };
    let source = Source::from_bytes(shown, bytes, kind).with_options(options.clone());
    if source.raw.is_some() && source.kind != Kind::Email {
        notes.push(format!(
            "{}: not valid UTF-8; read as Windows-1252 (positions are the file's)",
            source.path
        ));
    }
    if let Some(problem) = source.problem() {
        return Err(FileError {
            path: source.path,
            message: problem,
        });
    }
    Ok(Some(source))
}

fn stdout_stream(color: ColorChoice) -> anstream::AutoStream<io::StdoutLock<'static>> {
    let choice = match color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    anstream::AutoStream::new(io::stdout().lock(), choice)
}

/// What `check` does with suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    /// Report only.
    Report,
    /// Apply and write (or, for stdin, print the fixed draft).
    Apply,
    /// Print a unified diff, change nothing.
    Diff,
}

fn check(args: CheckArgs) -> io::Result<u8> {
    let mut loaded = match load(&args.load, Some(&args.select)) {
        Ok(l) => l,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    let linter = match build_linter(&mut loaded) {
        Ok(l) => l,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    if let Some(path) = &args.context {
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = Source::context_text(&path.display().to_string(), bytes);
                loaded.settings.source.context = Some(text.into());
            }
            Err(source) => {
                print_error(&Error::Io {
                    path: path.display().to_string(),
                    source,
                });
                return Ok(TROUBLE);
            }
        }
    }
    let mode = if args.diff {
        FixMode::Diff
    } else if args.fix || args.unsafe_fixes {
        FixMode::Apply
    } else {
        FixMode::Report
    };
    let baseline = match &args.baseline {
        Some(path) => match tonelint::baseline::Baseline::load(path) {
            Ok(b) => Some(b),
            Err(e) => {
                print_error(&e);
                return Ok(TROUBLE);
            }
        },
        None => None,
    };
    let mut paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    if let Some(rev) = &args.changed_since {
        if paths.iter().any(|p| p.as_os_str() == "-") {
            eprintln!("tonelint: error: --changed-since cannot be used with stdin (`-`)");
            return Ok(TROUBLE);
        }
        match tonelint::changed::changed_files(rev, &paths) {
            // Only the kinds of file a directory walk would lint.
            Ok(changed) => {
                paths = changed
                    .into_iter()
                    .filter(|p| has_lintable_extension(p))
                    .collect();
            }
            Err(e) => {
                print_error(&e);
                return Ok(TROUBLE);
            }
        }
    }
    let mut errors = Vec::new();
    let inputs = gather(&paths, &mut errors);
    // `tonelint check --fix -`: a filter. The fixed draft is the only thing on stdout.
    let filter_mode = mode == FixMode::Apply && inputs.iter().any(|i| matches!(i, Input::Stdin));
    let job = Job {
        linter: &linter,
        settings: &loaded.settings,
        baseline: baseline.as_ref(),
        mode,
        unsafe_fixes: args.unsafe_fixes,
        stdin_name: args.stdin_filename.as_deref(),
        statistics: args.statistics,
    };
    // Stdin is read and linted here; files are linted on worker threads, and their outcomes are
    // put back in input order, so output stays sorted and deterministic.
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let outcomes = lint_all(&job, &inputs, threads.max(1));
    let mut linted: Vec<(Source, Vec<Finding>)> = Vec::new();
    let mut diffs = String::new();
    let mut fixed_total = 0usize;
    let mut fix_log: Vec<(String, Vec<Finding>)> = Vec::new();
    for outcome in outcomes {
        for note in &outcome.notes {
            eprintln!("tonelint: note: {note}");
        }
        errors.extend(outcome.errors);
        if let Some(bytes) = outcome.stdout {
            write_stdout(&bytes)?;
        }
        diffs.push_str(&outcome.diff);
        fixed_total += outcome.applied.len();
        if let Some((source, findings)) = outcome.report {
            if !outcome.applied.is_empty() {
                fix_log.push((source.path.clone(), outcome.applied));
            }
            linted.push((source, findings));
        }
    }
    for e in &errors {
        eprintln!("tonelint: error: {}: {}", e.path, e.message);
    }
    if let Some(path) = &args.write_baseline {
        let files: Vec<(&str, &str, &[Finding])> = linted
            .iter()
            .map(|(s, f)| (s.path.as_str(), s.text.as_str(), f.as_slice()))
            .collect();
        let written = tonelint::baseline::Baseline::from_findings(&files);
        if let Err(e) = written.save(path) {
            print_error(&e);
            return Ok(TROUBLE);
        }
        eprintln!(
            "tonelint: wrote {} findings to {}",
            written.len(),
            path.display()
        );
        // A file that could not be read is missing from the baseline: say so with the exit code.
        return Ok(if errors.is_empty() { SUCCESS } else { TROUBLE });
    }
    if mode == FixMode::Diff {
        write_stdout(diffs.as_bytes())?;
        eprintln!(
            "tonelint: {} {} would be fixed{}",
            fixed_total,
            if fixed_total == 1 {
                "problem"
            } else {
                "problems"
            },
            if args.unsafe_fixes {
                ""
            } else {
                " (add --unsafe-fixes to include rewrites to review)"
            }
        );
        return Ok(if !errors.is_empty() {
            TROUBLE
        } else if fixed_total > 0 && !args.exit_zero {
            FINDINGS
        } else {
            SUCCESS
        });
    }
    if args.show_fixes || (mode == FixMode::Apply && fixed_total > 0) {
        let mut log = String::new();
        if fixed_total > 0 {
            log.push_str(&format!(
                "Fixed {fixed_total} {}:\n",
                if fixed_total == 1 {
                    "problem"
                } else {
                    "problems"
                }
            ));
        }
        for (path, applied) in &fix_log {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for f in applied {
                *counts.entry(f.code()).or_default() += 1;
            }
            for (code, n) in counts {
                log.push_str(&format!("- {path}: {n} × {code}\n"));
            }
        }
        if filter_mode {
            eprint!("{log}");
        } else {
            write_stdout(log.as_bytes())?;
        }
    }
    let files: Vec<FileReport<'_>> = linted
        .iter()
        .map(|(s, f)| FileReport {
            path: &s.path,
            text: &s.text,
            findings: f,
        })
        .collect();
    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Concise => Format::Concise,
        FormatArg::Json => Format::Json,
        FormatArg::JsonLines => Format::JsonLines,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Github => Format::Github,
        FormatArg::Rdjson => Format::Rdjson,
        FormatArg::Junit => Format::Junit,
    };
    let scorecards: Vec<tonelint::scorecard::Scorecard> = if args.statistics {
        linted
            .iter()
            .flat_map(|(s, f)| tonelint::scorecard::scorecards(s, f))
            .collect()
    } else {
        Vec::new()
    };
    let options = report::Options {
        rules: linter.rules(),
        statistics: args.statistics,
        scorecards: &scorecards,
        color: true,
    };
    if filter_mode {
        let choice = match args.color {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        };
        let mut err = anstream::AutoStream::new(io::stderr().lock(), choice);
        report::render(format, &mut err, &files, &errors, &options)?;
        err.flush()?;
    } else {
        let mut out = stdout_stream(args.color);
        report::render(format, &mut out, &files, &errors, &options)?;
        out.flush()?;
    }
    let failing = linted
        .iter()
        .flat_map(|(_, f)| f)
        .any(|f| f.severity >= loaded.settings.fail_on);
    // The process is about to exit: freeing thousands of rule strings one by one would cost more
    // than a draft's check.
    std::mem::forget(linter);
    std::mem::forget(loaded);
    Ok(if !errors.is_empty() {
        TROUBLE
    } else if failing && !args.exit_zero {
        FINDINGS
    } else {
        SUCCESS
    })
}

/// What every file of a `check` run is linted with.
struct Job<'a> {
    linter: &'a Linter,
    settings: &'a Settings,
    baseline: Option<&'a tonelint::baseline::Baseline>,
    mode: FixMode,
    unsafe_fixes: bool,
    stdin_name: Option<&'a str>,
    /// Whether the report shows scorecards, which read the text of files without findings too.
    statistics: bool,
}

/// What linting (and maybe fixing) one input produced.
#[derive(Default)]
struct Outcome {
    /// The source as reported (its text dropped when it has no finding and no scorecard is
    /// wanted) and its findings.
    report: Option<(Source, Vec<Finding>)>,
    errors: Vec<FileError>,
    /// A unified diff (`--diff`).
    diff: String,
    /// Bytes for stdout: the fixed draft in filter mode.
    stdout: Option<Vec<u8>>,
    /// Findings whose fixes were applied.
    applied: Vec<Finding>,
    /// Notes for stderr (a skipped binary file, a charset guessed), printed in input order.
    notes: Vec<String>,
}

/// Lints `inputs` on `threads` threads; outcomes come back in input order. Only the outcomes
/// are kept, and the text of a file with no finding is dropped, so memory follows the findings,
/// not the corpus.
fn lint_all(job: &Job<'_>, inputs: &[Input], threads: usize) -> Vec<Outcome> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let slots: Vec<Mutex<Option<Outcome>>> = inputs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(i) else { break };
            let outcome = lint_one(job, input);
            *slots[i]
                .lock()
                .expect("no worker panics while holding a slot") = Some(outcome);
        }
    };
    let files = inputs
        .iter()
        .filter(|i| matches!(i, Input::File(_)))
        .count();
    if threads <= 1 || files < 2 {
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 1..threads.min(files) {
                scope.spawn(work);
            }
            work();
        });
    }
    slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .expect("workers finished")
                .unwrap_or_default()
        })
        .collect()
}

fn lint_one(job: &Job<'_>, input: &Input) -> Outcome {
    let mut outcome = Outcome::default();
    let source = match read(
        input,
        job.stdin_name,
        &job.settings.source,
        &mut outcome.notes,
    ) {
        Ok(Some(source)) => source,
        Ok(None) => return outcome,
        Err(e) => {
            outcome.errors.push(e);
            return outcome;
        }
    };
    let filter = |findings: &mut Vec<Finding>| {
        job.settings
            .filter_findings(&source.path, job.linter.rules(), findings);
    };
    let forget_baselined = |source: &Source, findings: &mut Vec<Finding>| {
        if let Some(b) = job.baseline {
            b.filter(&source.path, &source.text, findings);
        }
    };
    let allowed = |a: tonelint::Applicability| {
        a == tonelint::Applicability::Safe
            || (job.unsafe_fixes && a == tonelint::Applicability::Review)
    };
    let mut findings = job.linter.check(&source);
    filter(&mut findings);
    forget_baselined(&source, &mut findings);
    let keep = |source: Source, findings: Vec<Finding>| {
        // A file with nothing to report needs no text in the report (unless it is scored): drop it.
        let source = if findings.is_empty() && !job.statistics {
            Source {
                text: String::new(),
                raw: None,
                ..source
            }
        } else {
            source
        };
        Some((source, findings))
    };
    if job.mode == FixMode::Report {
        outcome.report = keep(source, findings);
        return outcome;
    }
    let filter_mode = job.mode == FixMode::Apply && matches!(input, Input::Stdin);
    let wants_fix = findings.iter().any(|f| {
        f.suggestions
            .iter()
            .any(|s| s.applicability != tonelint::Applicability::Advice && allowed(s.applicability))
    });
    if wants_fix && !source.is_fixable() {
        outcome.errors.push(FileError {
            path: source.path.clone(),
            message: "cannot fix in place: the text is encoded (a quoted-printable or base64 MIME part, HTML, or a JSON string); nothing was changed".to_owned(),
        });
        if filter_mode {
            // A filter must not lose the draft: pass it through unchanged.
            outcome.stdout = Some(source.bytes().to_vec());
        }
        outcome.report = keep(source, findings);
        return outcome;
    }
    let fixed = job.linter.fix(&source, allowed, filter);
    if fixed.unsettled {
        outcome.notes.push(format!(
            "{}: fixes did not settle after {} passes",
            source.path,
            tonelint::linter::MAX_FIX_PASSES
        ));
    }
    let changed = fixed.text != source.text;
    match (job.mode, input) {
        (FixMode::Diff, _) if changed => {
            outcome.diff = unified_diff(&source.path, &source.text, &fixed.text);
        }
        (FixMode::Apply, Input::Stdin) => outcome.stdout = Some(fixed.text.as_bytes().to_vec()),
        (FixMode::Apply, Input::File(path)) if changed => {
            if let Err(e) = write_atomically(path, source.bytes(), fixed.text.as_bytes()) {
                outcome.errors.push(FileError {
                    path: source.path.clone(),
                    message: e,
                });
                outcome.report = keep(source, findings);
                return outcome;
            }
        }
        _ => {}
    }
    outcome.applied = fixed.applied;
    // Report what remains (in diff mode, what the file holds now).
    let after = if job.mode == FixMode::Apply {
        Source {
            text: fixed.text,
            ..source
        }
    } else {
        source
    };
    let mut remaining = job.linter.check(&after);
    job.settings
        .filter_findings(&after.path, job.linter.rules(), &mut remaining);
    forget_baselined(&after, &mut remaining);
    outcome.report = keep(after, remaining);
    outcome
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// A unified diff of `before` and `after`, headed `a/PATH` and `b/PATH`.
fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Writes `new` over `path`, which held `old` when it was read: a temporary file in the same
/// directory, permissions copied, synced, then renamed over the original. If the file changed on
/// disk since it was read, nothing is written.
fn write_atomically(path: &Path, old: &[u8], new: &[u8]) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.tonelint-{}.tmp", std::process::id()));
    let result = (|| -> Result<(), String> {
        let metadata = std::fs::metadata(path).map_err(|e| format!("cannot fix: {e}"))?;
        let mut file = std::fs::File::create(&temp)
            .map_err(|e| format!("cannot fix: cannot create a temporary file beside it: {e}"))?;
        file.write_all(new)
            .map_err(|e| format!("cannot fix: {e}; the file was left as it was"))?;
        file.sync_all()
            .map_err(|e| format!("cannot fix: {e}; the file was left as it was"))?;
        drop(file);
        std::fs::set_permissions(&temp, metadata.permissions())
            .map_err(|e| format!("cannot fix: {e}"))?;
        let now = std::fs::read(path).map_err(|e| format!("cannot fix: {e}"))?;
        if now != old {
            return Err("changed on disk during the run; not overwritten".to_owned());
        }
        std::fs::rename(&temp, path)
            .map_err(|e| format!("cannot fix: {e}; the file was left as it was"))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn rules(args: &RulesArgs) -> io::Result<u8> {
    let loaded = match load(&args.load, None) {
        Ok(l) => l,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    let rules: Vec<&Rule> = loaded
        .all_rules
        .iter()
        .filter(|r| args.all || loaded.settings.is_enabled(r))
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
                        "enabled": loaded.settings.is_enabled(r),
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

fn explain(id: &str, load_args: &LoadArgs) -> io::Result<u8> {
    let loaded = match load(load_args, None) {
        Ok(l) => l,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    let Some(rule) = loaded
        .all_rules
        .iter()
        .find(|r| r.id == id || r.code() == id)
    else {
        eprintln!("tonelint: error: no rule `{id}` (see `tonelint rules`)");
        return Ok(TROUBLE);
    };
    let mut out = io::stdout().lock();
    writeln!(out, "# {} ({})\n", rule.id, rule.code())?;
    writeln!(
        out,
        "Kind: {}. Severity: {}. Confidence: {:.2}. Zones: {}.",
        rule.matcher.kind(),
        rule.severity,
        rule.confidence,
        zone_list(&rule.zones)
    )?;
    writeln!(out, "\n## What it does\n\n{}", rule.summary.trim())?;
    match &rule.matcher {
        tonelint::rule::Matcher::Requires {
            trigger,
            requirements,
        } => explain_requires(&mut out, trigger, requirements)?,
        tonelint::rule::Matcher::Metric { conditions } => explain_metric(&mut out, conditions)?,
        _ => {}
    }
    writeln!(out, "\n## Why is this bad?\n\n{}", rule.why.trim())?;
    let bad: Vec<&str> = rule
        .examples
        .iter()
        .filter_map(|(e, _)| match e {
            tonelint::rule::Example::Bad { text, .. } => Some(text.as_str()),
            tonelint::rule::Example::Good { .. } => None,
        })
        .collect();
    let good: Vec<&str> = rule
        .examples
        .iter()
        .filter_map(|(e, _)| match e {
            tonelint::rule::Example::Good { text } => Some(text.as_str()),
            tonelint::rule::Example::Bad { .. } => None,
        })
        .collect();
    writeln!(out, "\n## Example\n")?;
    // Indented code blocks, one per example (a multi-line example indented on every line).
    let block = |text: &str| {
        text.trim_end()
            .lines()
            .map(|l| format!("    {l}").trim_end().to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    for b in bad {
        writeln!(out, "{}\n", block(b))?;
    }
    let fixed: Vec<&str> = rule
        .examples
        .iter()
        .filter_map(|(e, _)| match e {
            tonelint::rule::Example::Bad { fixed: Some(f), .. } => Some(f.as_str()),
            _ => None,
        })
        .collect();
    if !fixed.is_empty() {
        writeln!(out, "Use instead:\n")?;
        for f in fixed {
            writeln!(out, "{}\n", block(f))?;
        }
    }
    if !good.is_empty() {
        writeln!(out, "Not flagged:\n")?;
        for g in good {
            writeln!(out, "{}\n", block(g))?;
        }
    }
    let kinds = rule.fix_kinds();
    writeln!(out, "## Fix safety\n")?;
    if let Some(safety) = &rule.safety {
        writeln!(out, "{}", safety.trim())?;
    } else if kinds.contains(&tonelint::Applicability::Review) {
        writeln!(
            out,
            "Its rewrites change the wording: they are suggestions to review, never applied unasked."
        )?;
    } else {
        writeln!(out, "It offers advice, no edit.")?;
    }
    if let Some(link) = &rule.link {
        writeln!(out, "\n## More\n\n{link}")?;
    }
    writeln!(out, "\nDefined in {}:{}.", rule.origin.0, rule.origin.1)?;
    Ok(SUCCESS)
}

/// Zone names as a comma-separated list.
fn zone_list(zones: &[tonelint::region::Zone]) -> String {
    zones
        .iter()
        .map(|z| z.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a `metric` rule looks for: each condition's counter, zones and bounds.
fn explain_metric(
    out: &mut impl Write,
    conditions: &[tonelint::rule::metric::Condition],
) -> io::Result<()> {
    writeln!(
        out,
        "\n## What it looks for\n\nEvery condition holds, counted over one reply:\n"
    )?;
    for c in conditions {
        let bounds = match (c.min, c.max) {
            (Some(min), Some(max)) => format!("between {min} and {max}"),
            (Some(min), None) => format!("at least {min}"),
            (None, Some(max)) => format!("at most {max}"),
            (None, None) => "any".to_owned(),
        };
        writeln!(
            out,
            "- {} in {}: {bounds}",
            c.counter.as_str(),
            zone_list(&c.zones)
        )?;
    }
    Ok(())
}

/// What a `requires` rule looks for: where its trigger is, and each requirement with its window.
fn explain_requires(
    out: &mut impl Write,
    trigger: &tonelint::rule::Cues,
    requirements: &[tonelint::rule::Cues],
) -> io::Result<()> {
    let client = trigger
        .zones
        .iter()
        .all(|z| *z == tonelint::region::Zone::Quoted);
    let times = if trigger.min > 1 {
        format!(", at least {} times", trigger.min)
    } else {
        String::new()
    };
    writeln!(out, "\n## What it looks for\n")?;
    writeln!(
        out,
        "Set off by its trigger in {}{times}; then the reply needs:\n",
        if client {
            "the client's text (quoted, or given with `--context`)".to_owned()
        } else {
            zone_list(&trigger.zones)
        }
    )?;
    for r in requirements {
        let name = r.name.as_deref().unwrap_or("its requirement");
        let window = match (r.window, client) {
            (None, _) => String::new(),
            (Some(n), true) => format!(", among the reply's first {n} sentences"),
            (Some(n), false) => format!(", within {n} sentences of the trigger"),
        };
        writeln!(out, "- {name}, in {}{window}", zone_list(&r.zones))?;
    }
    Ok(())
}

fn test(paths: &[PathBuf], load_args: &LoadArgs) -> io::Result<u8> {
    let mut packs: Vec<Result<Pack, Error>> = Vec::new();
    if paths.is_empty() {
        packs.extend(pack::builtin().into_iter().map(Ok));
        if !load_args.isolated {
            let config = load_args.config.clone().or_else(|| {
                Settings::discover(&std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")))
            });
            if let Some(config) = config {
                match Settings::load(&config) {
                    Ok(settings) => packs.extend(settings.packs.iter().map(|p| Pack::load(p))),
                    Err(e) => {
                        print_error(&e);
                        return Ok(TROUBLE);
                    }
                }
            }
        }
    } else {
        packs.extend(paths.iter().map(|p| Pack::load(p)));
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
                let errors = pack::check_examples(&pack);
                let examples: usize = pack.rules.iter().map(|r| r.examples.len()).sum();
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

fn init(force: bool) -> io::Result<u8> {
    let path = Path::new(tonelint::config::FILE_NAMES[0]);
    if path.exists() && !force {
        eprintln!(
            "tonelint: error: {} already exists (use --force to overwrite)",
            path.display()
        );
        return Ok(TROUBLE);
    }
    std::fs::write(path, tonelint::config::TEMPLATE)?;
    println!("wrote {}", path.display());
    Ok(SUCCESS)
}

fn measure(args: &MeasureArgs) -> io::Result<u8> {
    let mut loaded = match load(&args.load, Some(&args.select)) {
        Ok(l) => l,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    let linter = match build_linter(&mut loaded) {
        Ok(l) => l,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("tonelint: error: {}: {e}", args.file.display());
            return Ok(TROUBLE);
        }
    };
    let fail_on = loaded.settings.fail_on;
    // label -> (texts, flagged)
    let mut labels: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut by_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut total = 0usize;
    let mut shown = 0usize;
    let mut out = io::stdout().lock();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("tonelint: error: {}:{}: {e}", args.file.display(), n + 1);
                return Ok(TROUBLE);
            }
        };
        let Some(body) = value.get(&args.text_field).and_then(|v| v.as_str()) else {
            continue;
        };
        let label = value
            .get(&args.label_field)
            .and_then(|v| v.as_str())
            .unwrap_or("(none)")
            .to_owned();
        let mut findings = linter.check_text(body);
        loaded
            .settings
            .filter_findings("-", linter.rules(), &mut findings);
        let flagged = findings.iter().any(|f| f.severity >= fail_on);
        total += 1;
        let entry = labels.entry(label.clone()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(flagged);
        for f in &findings {
            let e = by_rule.entry(f.code()).or_default();
            e.0 += 1;
            e.1 += usize::from(f.severity >= fail_on);
        }
        let wanted = args.show_label.as_ref().is_none_or(|l| *l == label);
        if flagged && wanted && shown < args.show {
            shown += 1;
            let id = value.get("id").and_then(|v| v.as_str()).unwrap_or("?");
            for f in findings.iter().filter(|f| f.severity >= fail_on) {
                let start = body[..f.span.start]
                    .rfind(['.', '\n', '!', '?'])
                    .map_or(0, |i| i + 1);
                let end = body[f.span.end..]
                    .find(['.', '\n', '!', '?'])
                    .map_or(body.len(), |i| f.span.end + i + 1);
                writeln!(
                    out,
                    "[{id} {label}] {}: {}",
                    f.code(),
                    body[start..end].trim().replace('\n', " ")
                )?;
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    writeln!(
        out,
        "{}: {total} texts; flagged = a finding at or above {fail_on}",
        args.file.display()
    )?;
    writeln!(
        out,
        "{:<24} {:>8} {:>8} {:>8}",
        "label", "texts", "flagged", "share"
    )?;
    let flagged_all: usize = labels.values().map(|v| v.1).sum();
    for (label, (n, flagged)) in &labels {
        writeln!(
            out,
            "{label:<24} {n:>8} {flagged:>8} {:>7.2}%",
            pct(*flagged, *n)
        )?;
    }
    writeln!(
        out,
        "{:<24} {total:>8} {flagged_all:>8} {:>7.2}%",
        "(all)",
        pct(flagged_all, total)
    )?;
    let mut rules: Vec<_> = by_rule.into_iter().collect();
    rules.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    if !rules.is_empty() {
        writeln!(
            out,
            "\nfindings per 1,000 texts, by rule (all severities / at or above {fail_on}):"
        )?;
    }
    #[allow(clippy::cast_precision_loss)]
    for (code, (all, failing)) in rules {
        let per = |n: usize| {
            if total == 0 {
                0.0
            } else {
                1000.0 * n as f64 / total as f64
            }
        };
        writeln!(out, "  {code:<45} {:>8.2} {:>8.2}", per(all), per(failing))?;
    }
    Ok(SUCCESS)
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
    fn a_file_changed_during_the_run_is_not_overwritten() {
        let dir = std::env::temp_dir().join(format!("tonelint-race-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("reply.txt");
        std::fs::write(&path, "edited by someone else meanwhile\n").unwrap();
        let err = write_atomically(&path, b"what tonelint read\n", b"fixed\n").unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"edited by someone else meanwhile\n"
        );
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        // Unchanged on disk: written, permissions kept.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"edited by someone else meanwhile\n", b"fixed\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"fixed\n");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
