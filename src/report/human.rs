//! Human output: rustc-style snippets (annotate-snippets), or one line per finding (`concise`).

use std::io::{self, Write};

use annotate_snippets::{Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};

use super::{FileReport, Options, Tally, category_counts, neutralize};
use tonelint_core::fix::Applicability;
use tonelint_core::scorecard::{Reason, Scorecard};
use tonelint_core::span::LineIndex;
use tonelint_core::{Finding, Severity};

const BOLD: Style = Style::new().bold();

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => AnsiColor::Cyan.on_default().bold(),
    }
}

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

/// What follows the findings: with `statistics`, the per-rule counts (and, but in `concise`, the
/// scorecards); then the summary.
pub(super) fn render_end(
    out: &mut dyn Write,
    tally: &Tally,
    options: &Options<'_>,
    concise: bool,
) -> io::Result<()> {
    if options.statistics {
        let stats = tally.statistics();
        if !stats.is_empty() {
            writeln!(out)?;
        }
        for (code, severity, count, fixable) in stats {
            let fix = if fixable { " [*]" } else { "" };
            writeln!(out, "{count:>5}  {code:<45} {severity}{fix}")?;
        }
        if !concise && !options.scorecards.is_empty() {
            for card in options.scorecards {
                scorecard(out, card, options)?;
            }
            writeln!(out)?;
        }
    }
    summary(out, tally, options.color)
}

/// How many driving sentences a scorecard shows (`--format json` lists them all).
const SHOWN_DRIVERS: usize = 5;

/// How many characters of a driving sentence are shown.
const SHOWN_CHARS: usize = 80;

/// One reply's scorecard: the warmth and how it adds up, the findings per category, and the
/// sentences that move it most.
fn scorecard(out: &mut dyn Write, card: &Scorecard, options: &Options<'_>) -> io::Result<()> {
    writeln!(out)?;
    let mut title = neutralize(&card.path).into_owned();
    if card.replies > 1 {
        title.push_str(&format!(
            ", reply {} of {} (line {})",
            card.reply + 1,
            card.replies,
            card.start.line
        ));
    }
    writeln!(
        out,
        "{}: warmth {}/100 (base {}, findings {}, warm cues +{})",
        paint(&title, BOLD, options.color),
        card.warmth,
        tonelint_core::scorecard::BASE,
        card.penalty,
        card.bonus
    )?;
    let counts: Vec<String> = category_counts(card, options.rules)
        .into_iter()
        .map(|(category, n)| format!("{category} {n}"))
        .collect();
    if !counts.is_empty() {
        writeln!(out, "  findings by category: {}", counts.join(", "))?;
    }
    for d in card.drivers.iter().take(SHOWN_DRIVERS) {
        let reason = match (&d.reason, &d.cue) {
            (Reason::Finding(code), Some(cold)) => format!("{code}: {cold}"),
            (Reason::Finding(code), None) => code.clone(),
            (Reason::Cue(cue), _) => format!("cue: {cue}"),
        };
        let sentence = if d.sentence.is_empty() {
            "somewhere in an encoded part".to_owned()
        } else {
            format!("“{}”", neutralize(&shorten(&d.sentence, SHOWN_CHARS)))
        };
        writeln!(
            out,
            "  {:>+4}  line {:<4} {sentence} ({reason})",
            d.contribution, d.start.line,
        )?;
    }
    if card.drivers.len() > SHOWN_DRIVERS {
        writeln!(
            out,
            "        and {} more (all of them in --format json)",
            card.drivers.len() - SHOWN_DRIVERS
        )?;
    }
    Ok(())
}

/// `text` cut to at most `max` characters, with `…` where it was cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max.saturating_sub(1)) {
        Some((at, _)) if text.chars().count() > max => format!("{}…", text[..at].trim_end()),
        _ => text.to_owned(),
    }
}

fn paint(text: &str, style: Style, color: bool) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_owned()
    }
}

/// `path:line:column: severity[code] message`.
pub(super) fn concise_line(
    out: &mut dyn Write,
    file: &FileReport<'_>,
    index: &LineIndex,
    f: &Finding,
    color: bool,
) -> io::Result<()> {
    let start = index.position(file.text, f.span.start);
    let (line, column) = (start.line, start.column);
    let (path, message) = (neutralize(file.path), neutralize(&f.message));
    let (category, rule, severity) = (&f.category, &f.rule, f.severity.as_str());
    if color {
        let style = severity_style(f.severity);
        writeln!(
            out,
            "{BOLD}{path}{BOLD:#}:{line}:{column}: {style}{severity}{style:#}[{category}/{rule}] {message}"
        )
    } else {
        writeln!(
            out,
            "{path}:{line}:{column}: {severity}[{category}/{rule}] {message}"
        )
    }
}

/// The finding as rustc shows an error: the lines it is on, the span underlined, the suggestions
/// and the note below.
pub(super) fn snippet(
    out: &mut dyn Write,
    file: &FileReport<'_>,
    index: &LineIndex,
    f: &Finding,
    color: bool,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // The snippet is the lines the span touches, without their CR, control characters neutralised;
    // the span is re-based onto it line by line so columns stay right.
    let first = index.line_of(f.span.start);
    let last = index.line_of(f.span.end.saturating_sub(1).max(f.span.start));
    let mut source = String::new();
    let mut start = 0;
    let mut end = 0;
    for line in first..=last {
        let span = index.line_span(file.text, line);
        let base = source.len();
        let rebase = |offset: usize| base + offset.clamp(span.start, span.end) - span.start;
        if line == first {
            start = rebase(f.span.start);
        }
        if line == last {
            end = rebase(f.span.end);
        }
        source.push_str(&neutralize(&file.text[span.range()]));
        if line != last {
            source.push('\n');
        }
    }
    // Columns of a first line starting with a BOM: the BOM is not shown.
    if first == 0 && source.starts_with('\u{feff}') {
        source.replace_range(0..3, "");
        start = start.saturating_sub(3);
        end = end.saturating_sub(3);
    }
    let end = end.max(start);
    let code = f.code();
    let message = neutralize(&f.message);
    let path = neutralize(file.path);
    let footers: Vec<String> = f
        .suggestions
        .iter()
        .map(|s| {
            let tag = match s.applicability {
                Applicability::Safe => " (safe fix)",
                Applicability::Review => " (review)",
                Applicability::Advice => "",
            };
            let title = neutralize(&s.title);
            // A rewrite to review is shown as its whole sentence, before and after, so the writer
            // can judge it as the client will read it.
            if s.applicability == Applicability::Review
                && let Some((before, after)) = s.rewritten_sentence(file.text)
            {
                let one_line = |t: &str| {
                    neutralize(&t.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
                };
                let after = if after.trim().is_empty() {
                    "(the sentence goes)".to_owned()
                } else {
                    one_line(&after)
                };
                return format!("{title}{tag}:\n- {}\n+ {after}", one_line(&before));
            }
            match s.edits.as_slice() {
                [edit]
                    if !edit.replacement.trim().is_empty()
                        && !title.contains(edit.replacement.trim()) =>
                {
                    format!("{title}: “{}”{tag}", neutralize(edit.replacement.trim()))
                }
                _ => format!("{title}{tag}"),
            }
        })
        .collect();
    let note = f.note.as_deref().map(neutralize);
    let note = note.as_deref();
    let lvl = level(f.severity);
    let message = lvl
        .title(&message)
        .id(&code)
        .snippet(
            Snippet::source(&source)
                .line_start(first + 1)
                .origin(&path)
                .fold(false)
                .annotation(lvl.span(start..end)),
        )
        .footers(footers.iter().map(|t| Level::Help.title(t)))
        .footers(note.iter().map(|n| Level::Note.title(n)));
    writeln!(out, "{}\n", renderer.render(message))
}

fn summary(out: &mut dyn Write, tally: &Tally, color: bool) -> io::Result<()> {
    let total = tally.findings();
    if total == 0 {
        return writeln!(out, "{}", paint("No problems found.", BOLD, color));
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    for (s, word) in [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "info"),
    ] {
        let n = tally.count(s);
        if n > 0 {
            parts.push(if s == Severity::Info {
                format!("{n} info")
            } else {
                plural(n, word)
            });
        }
    }
    let line = format!(
        "Found {} ({}) in {}.",
        plural(total, "problem"),
        parts.join(", "),
        plural(tally.files_with_findings, "file")
    );
    writeln!(out, "{}", paint(&line, BOLD, color))?;
    if tally.safe + tally.review > 0 {
        writeln!(
            out,
            "{} with a safe fix, {} with a rewrite to review.",
            tally.safe, tally.review
        )?;
    }
    Ok(())
}
