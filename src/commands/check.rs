//! `tonelint check`: lint files, directories or stdin; report, fix or diff.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use tonelint_core::{Applicability, Error, Finding, LineIndex, Linter, Settings, Source};

use super::{FINDINGS, LoadArgs, SUCCESS, SelectArgs, TROUBLE, load, print_error};
use crate::atomic::write_atomically;
use crate::baseline::Baseline;
use crate::jsonl;
use crate::report::{self, FileError, FileReport, Format, Tally};
use crate::runner::{self, Slot};
use crate::walk::{self, Input, Inputs};

/// When to use colour.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    /// When the output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    fn stream(self) -> anstream::ColorChoice {
        match self {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        }
    }

    /// Stdout as this choice makes it: with colour, or plain (a renderer then writes no styles
    /// at all, rather than styles for the stream to strip).
    fn stdout(self) -> (Box<dyn Write + Send>, bool) {
        let choice = match self.stream() {
            anstream::ColorChoice::Auto => anstream::AutoStream::choice(&io::stdout()),
            choice => choice,
        };
        if choice == anstream::ColorChoice::Never {
            (Box::new(io::stdout()), false)
        } else {
            (
                Box::new(anstream::AutoStream::new(io::stdout(), choice)),
                true,
            )
        }
    }
}

/// How the inputs of `check` are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Each file (or stdin) is a reply, or a file of replies, read as its name or content says.
    Files,
    /// JSON lines: one reply per line, `{"text": …}` with an optional `id`, `context` (the
    /// client's message) and `format`; one JSON line out for each line in.
    Jsonl,
}

/// An output format.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Findings with the lines they are on (rustc and ruff style).
    Human,
    /// One line per finding.
    Concise,
    /// One JSON document.
    Json,
    /// One JSON object per finding.
    JsonLines,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// reviewdog's rdjson.
    Rdjson,
    /// JUnit XML test reports.
    Junit,
    /// One self-contained HTML page: every reply's warmth, the text with its findings and
    /// rewrites (for reviewing a library of canned responses).
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Concise => Format::Concise,
            FormatArg::Json => Format::Json,
            FormatArg::JsonLines => Format::JsonLines,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Github => Format::Github,
            FormatArg::Rdjson => Format::Rdjson,
            FormatArg::Junit => Format::Junit,
            FormatArg::Html => Format::Html,
        }
    }
}

/// The arguments of `tonelint check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to lint; `-` reads stdin [default: ., or - with --input-format jsonl].
    pub paths: Vec<PathBuf>,
    /// Output format [default: human, or json-lines with --input-format jsonl].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// How the inputs are read: `files`, or `jsonl` for a stream of replies, one JSON object per
    /// line (`text`; `id`, `context`, `format`), answered line for line in JSON.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = InputFormat::Files)]
    pub input_format: InputFormat,
    /// When to use colour (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Which rules run and what fails.
    #[command(flatten)]
    pub select: SelectArgs,
    /// Exit 0 even when there are findings.
    #[arg(long)]
    pub exit_zero: bool,
    /// Apply safe fixes (with `-`: read stdin, write the fixed draft to stdout, findings to stderr).
    #[arg(long)]
    pub fix: bool,
    /// Also apply fixes that change the wording (`review`); implies --fix unless --diff is given.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and change nothing.
    #[arg(long)]
    pub diff: bool,
    /// List the fixes applied.
    #[arg(long)]
    pub show_fixes: bool,
    /// Ignore the findings recorded in this baseline file (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every finding in FILE so later runs with --baseline fail only on new ones; exits 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "unsafe_fixes", "diff", "baseline"])]
    pub write_baseline: Option<PathBuf>,
    /// Lint only files changed since this git revision (and uncommitted or untracked ones).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Lint on this many threads [default: the number of CPUs].
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Count findings per rule, and score each reply's warmth (0-100) with the sentences behind it.
    #[arg(long)]
    pub statistics: bool,
    /// The name (and so the format) to use for stdin.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// The client's message the draft answers, when the draft does not quote it (plain text or
    /// an email): rules that read the client's words (stress, questions) read it.
    #[arg(long, value_name = "FILE")]
    pub context: Option<PathBuf>,
    /// Where the configuration comes from.
    #[command(flatten)]
    pub load: LoadArgs,
}

impl CheckArgs {
    /// The output format (of a run over files).
    fn format(&self) -> Format {
        self.format.unwrap_or(FormatArg::Human).into()
    }

    /// Whether the report shows scorecards (which read the text of files without findings too).
    fn wants_scorecards(&self) -> bool {
        self.statistics || self.format() == Format::Html
    }
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

/// Runs `tonelint check`.
///
/// # Errors
///
/// Writing to stdout failed.
pub fn run(args: CheckArgs) -> io::Result<u8> {
    if args.input_format == InputFormat::Jsonl {
        return run_jsonl(&args);
    }
    if args.changed_since.is_some() && args.paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!("tonelint: error: --changed-since cannot be used with stdin (`-`)");
        return Ok(TROUBLE);
    }
    let run = match Run::prepare(&args) {
        Ok(run) => run,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    // `tonelint check --fix -`: a filter. The fixed draft is the only thing on stdout.
    let filter_mode = run.mode == FixMode::Apply && run.paths.iter().any(|p| p.as_os_str() == "-");
    // A report that is only findings and counts is written as files are linted, and the files
    // are found as they are linted.
    if run.mode == FixMode::Report
        && run.baseline.is_none()
        && args.write_baseline.is_none()
        && report::streams(args.format(), args.statistics)
    {
        let inputs = walk::inputs(&run.paths);
        return stream_report(&args, run, inputs);
    }
    // Every outcome is kept until the end anyway: the inputs may be too.
    let inputs: Vec<Input> = walk::inputs(&run.paths).collect();
    let job = Job {
        linter: &run.linter,
        settings: run.linter.settings(),
        baseline: run.baseline.as_ref(),
        mode: run.mode,
        unsafe_fixes: args.unsafe_fixes,
        stdin_name: args.stdin_filename.as_deref(),
        statistics: args.wants_scorecards(),
    };
    // Files are linted on worker threads, and their outcomes put back in input order, so output
    // stays sorted and deterministic.
    let threads = runner::threads_for(args.threads, Some(inputs.len()));
    let outcomes = runner::run_in_order(&inputs, threads, |input| lint_one(&job, input));
    let mut errors = Vec::new();
    let done = Done::collect(outcomes, &mut errors)?;
    for e in &errors {
        eprintln!("tonelint: error: {}: {}", e.path, e.message);
    }
    if let Some(path) = &args.write_baseline {
        return Ok(write_baseline(path, &done.linted, &errors));
    }
    if run.mode == FixMode::Diff {
        return print_diff(&args, &done, &errors);
    }
    if args.show_fixes || (run.mode == FixMode::Apply && done.fixed_total > 0) {
        let log = done.fix_log();
        if filter_mode {
            eprint!("{log}");
        } else {
            write_stdout(log.as_bytes())?;
        }
    }
    report(&args, &run.linter, &done.linted, &errors, filter_mode)?;
    let failing = done
        .linted
        .iter()
        .flat_map(|(_, f)| f)
        .any(|f| f.severity >= run.linter.settings().fail_on);
    Ok(finish(run, !errors.is_empty(), failing, args.exit_zero))
}

/// What a `check` run works with, once the arguments are read.
struct Run {
    linter: Linter,
    baseline: Option<Baseline>,
    mode: FixMode,
    /// What to lint: the paths given (or `.`), narrowed by `--changed-since`.
    paths: Vec<PathBuf>,
}

impl Run {
    /// Loads the configuration, the client's message, the baseline and the paths to lint.
    fn prepare(args: &CheckArgs) -> Result<Run, Error> {
        let mut loaded = load(&args.load, Some(&args.select))?;
        if let Some(path) = &args.context {
            let bytes = std::fs::read(path).map_err(|source| Error::Io {
                path: path.display().to_string(),
                source,
            })?;
            let text = Source::context_text(&path.display().to_string(), bytes);
            loaded.config.settings.source.context = Some(text.into());
        }
        let linter = loaded.linter()?;
        let mode = if args.diff {
            FixMode::Diff
        } else if args.fix || args.unsafe_fixes {
            FixMode::Apply
        } else {
            FixMode::Report
        };
        let baseline = args.baseline.as_deref().map(Baseline::load).transpose()?;
        let mut paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        if let Some(rev) = &args.changed_since {
            // Only the kinds of file a directory walk would lint.
            paths = crate::changed::changed_files(rev, &paths)?
                .into_iter()
                .filter(|p| walk::has_lintable_extension(p))
                .collect();
        }
        Ok(Run {
            linter,
            baseline,
            mode,
            paths,
        })
    }
}

/// What the inputs of a run gave, gathered in input order.
#[derive(Default)]
struct Done {
    /// Each source reported, with its findings.
    linted: Vec<(Source, Vec<Finding>)>,
    /// The unified diffs (`--diff`).
    diffs: String,
    /// How many findings' fixes were applied.
    fixed_total: usize,
    /// The findings fixed, per file.
    fixed: Vec<(String, Vec<Finding>)>,
}

impl Done {
    /// Gathers the outcomes, printing notes and the fixed drafts of a filter as they come.
    fn collect(outcomes: Vec<Outcome>, errors: &mut Vec<FileError>) -> io::Result<Done> {
        let mut done = Done::default();
        for outcome in outcomes {
            for note in &outcome.notes {
                eprintln!("tonelint: note: {note}");
            }
            errors.extend(outcome.errors);
            if let Some(bytes) = outcome.stdout {
                write_stdout(&bytes)?;
            }
            done.diffs.push_str(&outcome.diff);
            done.fixed_total += outcome.applied.len();
            if let Some((source, findings)) = outcome.report {
                if !outcome.applied.is_empty() {
                    done.fixed.push((source.path.clone(), outcome.applied));
                }
                done.linted.push((source, findings));
            }
        }
        Ok(done)
    }

    /// "Fixed N problems:" and a line per file and rule.
    fn fix_log(&self) -> String {
        let mut log = String::new();
        if self.fixed_total > 0 {
            log.push_str(&format!(
                "Fixed {} {}:\n",
                self.fixed_total,
                plural(self.fixed_total, "problem", "problems")
            ));
        }
        for (path, applied) in &self.fixed {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for f in applied {
                *counts.entry(f.code()).or_default() += 1;
            }
            for (code, n) in counts {
                log.push_str(&format!("- {path}: {n} × {code}\n"));
            }
        }
        log
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `--write-baseline`: records every finding; the exit code says whether every file was read.
fn write_baseline(
    path: &std::path::Path,
    linted: &[(Source, Vec<Finding>)],
    errors: &[FileError],
) -> u8 {
    let files: Vec<(&str, &str, &[Finding])> = linted
        .iter()
        .map(|(s, f)| (s.path.as_str(), s.text.as_str(), f.as_slice()))
        .collect();
    let written = Baseline::from_findings(&files);
    if let Err(e) = written.save(path) {
        print_error(&e);
        return TROUBLE;
    }
    eprintln!(
        "tonelint: wrote {} findings to {}",
        written.len(),
        path.display()
    );
    // A file that could not be read is missing from the baseline: say so with the exit code.
    if errors.is_empty() { SUCCESS } else { TROUBLE }
}

/// `--diff`: the diffs on stdout, a count on stderr.
fn print_diff(args: &CheckArgs, done: &Done, errors: &[FileError]) -> io::Result<u8> {
    write_stdout(done.diffs.as_bytes())?;
    eprintln!(
        "tonelint: {} {} would be fixed{}",
        done.fixed_total,
        plural(done.fixed_total, "problem", "problems"),
        if args.unsafe_fixes {
            ""
        } else {
            " (add --unsafe-fixes to include rewrites to review)"
        }
    );
    Ok(if !errors.is_empty() {
        TROUBLE
    } else if done.fixed_total > 0 && !args.exit_zero {
        FINDINGS
    } else {
        SUCCESS
    })
}

/// Renders the report in the chosen format: on stdout, or on stderr when stdout carries the fixed
/// draft (a filter).
fn report(
    args: &CheckArgs,
    linter: &Linter,
    linted: &[(Source, Vec<Finding>)],
    errors: &[FileError],
    filter_mode: bool,
) -> io::Result<()> {
    let files: Vec<FileReport<'_>> = linted
        .iter()
        .map(|(s, f)| FileReport {
            path: &s.path,
            text: &s.text,
            findings: f,
        })
        .collect();
    let scorecards: Vec<tonelint_core::scorecard::Scorecard> = if args.wants_scorecards() {
        linted
            .iter()
            .flat_map(|(s, f)| tonelint_core::scorecard::scorecards(s, f))
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
    let format = args.format();
    if filter_mode {
        let mut err = anstream::AutoStream::new(io::stderr().lock(), args.color.stream());
        report::render(format, &mut err, &files, errors, &options)?;
        err.flush()
    } else {
        let out = anstream::AutoStream::new(io::stdout().lock(), args.color.stream());
        let mut out = io::BufWriter::with_capacity(64 << 10, out);
        report::render(format, &mut out, &files, errors, &options)?;
        out.flush()
    }
}

/// How many inputs may be done ahead of the one being written, per thread.
const AHEAD_PER_THREAD: usize = 16;

/// A report written as the files are linted, in input order: each finding as it is found, the
/// counts at the end.
fn stream_report(args: &CheckArgs, run: Run, inputs: Inputs) -> io::Result<u8> {
    let format = args.format();
    let (out, color) = args.color.stdout();
    let options = report::Options {
        rules: run.linter.rules(),
        statistics: args.statistics,
        scorecards: &[],
        color,
    };
    let job = Job {
        linter: &run.linter,
        settings: run.linter.settings(),
        baseline: None,
        mode: FixMode::Report,
        unsafe_fixes: false,
        stdin_name: args.stdin_filename.as_deref(),
        statistics: false,
    };
    // No more threads than inputs: a draft's run was on a processor 2.8 ms of its 3.7 ms, the
    // rest waiting for a second thread that found nothing to do.
    let threads = runner::threads_for(args.threads, inputs.at_most());
    let mut tally = Tally::default();
    let mut errors = Vec::new();
    let (mut out, _) = runner::stream_in_order(
        inputs,
        threads,
        threads * AHEAD_PER_THREAD,
        out,
        io::stderr(),
        |input, slot| stream_one(&job, &input, slot, format, &options),
        |(file_tally, file_errors): (Tally, Vec<FileError>)| {
            tally.merge(file_tally);
            errors.extend(file_errors);
        },
    )?;
    for e in &errors {
        eprintln!("tonelint: error: {}: {}", e.path, e.message);
    }
    report::render_end(format, &mut out, &tally, &errors, &options)?;
    out.flush()?;
    let failing = tally.reaches(run.linter.settings().fail_on);
    Ok(finish(run, !errors.is_empty(), failing, args.exit_zero))
}

/// Lints one input and writes its findings to `slot` as they are found; gives their tally and the
/// input's error if it could not be read.
fn stream_one<W: Write, E: Write, R>(
    job: &Job<'_>,
    input: &Input,
    slot: &mut Slot<'_, W, E, R>,
    format: Format,
    options: &report::Options<'_>,
) -> (Tally, Vec<FileError>) {
    let mut tally = Tally::default();
    let mut notes = Vec::new();
    let read = walk::read(input, job.stdin_name, &job.settings.source, &mut notes);
    for note in &notes {
        slot.message(&format!("tonelint: note: {note}"));
    }
    let source = match read {
        Ok(Some(source)) => source,
        Ok(None) => return (tally, Vec::new()),
        Err(e) => return (tally, vec![e]),
    };
    // Lines are counted only in a file with a finding to place.
    let index = std::cell::OnceCell::new();
    let file = FileReport {
        path: &source.path,
        text: &source.text,
        findings: &[],
    };
    let mut found = 0;
    let mut written = Ok(());
    job.linter.check_each(&source, &mut |finding| {
        if written.is_ok() {
            tally.add(&finding);
            found += 1;
            let index = index.get_or_init(|| LineIndex::new(&source.text));
            written = report::render_finding(format, slot, &file, index, &finding, options);
        }
    });
    // A write that failed (a closed pipe) has stopped the run: the runner reports it.
    tally.end_file(found);
    (tally, Vec::new())
}

/// `--input-format jsonl`: a stream of replies, one JSON object per line, answered line for line.
fn run_jsonl(args: &CheckArgs) -> io::Result<u8> {
    let refused = [
        (args.fix, "--fix"),
        (args.unsafe_fixes, "--unsafe-fixes"),
        (args.diff, "--diff"),
        (args.show_fixes, "--show-fixes"),
        (args.baseline.is_some(), "--baseline"),
        (args.write_baseline.is_some(), "--write-baseline"),
        (args.changed_since.is_some(), "--changed-since"),
        (args.stdin_filename.is_some(), "--stdin-filename"),
        (args.context.is_some(), "--context"),
    ];
    for (given, option) in refused {
        if given {
            eprintln!(
                "tonelint: error: {option} cannot be used with --input-format jsonl{}",
                match option {
                    "--context" => " (give each line its own `context`)",
                    "--stdin-filename" => " (give each line its own `format`)",
                    _ => "",
                }
            );
            return Ok(TROUBLE);
        }
    }
    if let Some(format) = args.format.filter(|f| !matches!(f, FormatArg::JsonLines)) {
        let name = format.to_possible_value().map(|v| v.get_name().to_owned());
        eprintln!(
            "tonelint: error: --input-format jsonl writes JSON lines; --format {} cannot be used with it",
            name.unwrap_or_default()
        );
        return Ok(TROUBLE);
    }
    let mut loaded = match load(&args.load, Some(&args.select)) {
        Ok(loaded) => loaded,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    // A line is one reply: no separator splits it.
    loaded.config.settings.source.reply_separator = None;
    let linter = match loaded.linter() {
        Ok(linter) => linter,
        Err(e) => {
            print_error(&e);
            return Ok(TROUBLE);
        }
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let threads = runner::threads_for(args.threads, None);
    let job = jsonl::Job {
        linter: &linter,
        statistics: args.statistics,
    };
    let mut totals = jsonl::Totals::default();
    runner::stream_in_order(
        jsonl::Batches::new(&paths),
        threads,
        threads * 4,
        io::BufWriter::with_capacity(64 << 10, io::stdout()),
        io::stderr(),
        |batch, slot| job.lint(batch, slot),
        |batch_totals| totals.merge(batch_totals),
    )?
    .0
    .flush()?;
    for e in &totals.errors {
        eprintln!("tonelint: error: {}: {}", e.path, e.message);
    }
    if totals.bad_lines > 0 {
        eprintln!(
            "tonelint: error: {} {} could not be linted (see the \"error\" of {} in the output)",
            totals.bad_lines,
            plural(totals.bad_lines, "line", "lines"),
            plural(totals.bad_lines, "its line", "their lines"),
        );
    }
    let failing = totals.reaches(linter.settings().fail_on);
    std::mem::forget(linter);
    Ok(if !totals.errors.is_empty() || totals.bad_lines > 0 {
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
    baseline: Option<&'a Baseline>,
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

fn lint_one(job: &Job<'_>, input: &Input) -> Outcome {
    let mut outcome = Outcome::default();
    let source = match walk::read(
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
    let forget_baselined = |source: &Source, findings: &mut Vec<Finding>| {
        if let Some(b) = job.baseline {
            b.filter(&source.path, &source.text, findings);
        }
    };
    // How bold a fix may be: the safe ones, and with --unsafe-fixes the rewrites to review.
    let up_to = if job.unsafe_fixes {
        Applicability::Review
    } else {
        Applicability::Safe
    };
    let mut findings = job.linter.check(&source);
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
            .any(|s| s.applicability != Applicability::Advice && s.applicability <= up_to)
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
    let fixed = job.linter.fix(&source, up_to);
    if fixed.unsettled {
        outcome.notes.push(format!(
            "{}: fixes did not settle after {} passes",
            source.path,
            tonelint_core::linter::MAX_FIX_PASSES
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

/// The exit code of a run: trouble (a file or line could not be linted), findings at or above
/// the fail-on level (unless `exit_zero`), or success. Ends `run` without freeing it: the
/// process is about to exit, and freeing thousands of rule strings one by one would cost more
/// than a draft's check.
fn finish<T>(run: T, trouble: bool, failing: bool, exit_zero: bool) -> u8 {
    std::mem::forget(run);
    if trouble {
        TROUBLE
    } else if failing && !exit_zero {
        FINDINGS
    } else {
        SUCCESS
    }
}
