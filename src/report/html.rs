//! HTML: one self-contained page reporting a whole library of replies, for a support lead
//! reviewing canned responses. No external assets and no scripts: the styles are inline, every
//! part is readable with scripts off, and the file can be mailed or archived as it is.
//!
//! The page opens with a summary table of every reply, coldest first (by warmth), then a section
//! per file: each reply's warmth with the sentences behind it, and the file's text with every
//! finding highlighted and numbered, its message and rewrites beside it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use tonelint_core::fix::Applicability;
use tonelint_core::scorecard::{Reason, Scorecard};
use tonelint_core::span::LineIndex;
use tonelint_core::{Finding, Severity};

use super::{FileError, FileReport, Options, category_counts};

/// Escapes text for HTML (element content and attribute values alike).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters (a terminal escape in a draft) are shown, not passed on.
            c if c.is_control() && c != '\n' && c != '\t' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// One line, white space collapsed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An id for a file's section.
fn anchor(index: usize) -> String {
    format!("file-{}", index + 1)
}

const STYLE: &str = r#"
:root { color-scheme: light; --error: #b3261e; --warning: #8a5a00; --info: #1a5fb4;
  --error-bg: #fde7e5; --warning-bg: #fff1cc; --info-bg: #e3efff; --ink: #1c1b1f; --muted: #5f5f66;
  --line: #dcdce2; --paper: #ffffff; --wash: #f6f6f9; --warm: #1b7f4c; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, sans-serif; color: var(--ink); background: var(--wash); }
header.page, main { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header.page { padding-top: 28px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 12px; word-break: break-all; }
h3 { font-size: 15px; margin: 0 0 8px; }
.sub { color: var(--muted); margin: 0 0 20px; }
.totals { display: flex; flex-wrap: wrap; gap: 10px; margin: 0 0 24px; padding: 0; list-style: none; }
.totals li { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; }
.totals b { font-size: 20px; display: block; }
section.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 18px 20px; margin: 0 0 22px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.meter { display: inline-block; width: 90px; height: 8px; border-radius: 4px; background: #e6e6ec;
  vertical-align: middle; margin-right: 8px; overflow: hidden; }
.meter i { display: block; height: 100%; }
.cold { background: var(--error); } .cool { background: #d08a00; } .warm { background: var(--warm); }
.badge { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 4px; padding: 0 6px;
  text-transform: uppercase; letter-spacing: .02em; }
.badge.error { color: var(--error); background: var(--error-bg); }
.badge.warning { color: var(--warning); background: var(--warning-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
.reply { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 20px; }
@media (max-width: 900px) { .reply { grid-template-columns: 1fr; } }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.6 ui-monospace, SFMono-Regular,
  Menlo, Consolas, monospace; background: var(--wash); border: 1px solid var(--line); border-radius: 8px;
  padding: 14px; margin: 0; }
mark { background: none; color: inherit; text-decoration: underline wavy; text-underline-offset: 3px;
  text-decoration-thickness: 1.5px; }
mark.error { text-decoration-color: var(--error); background: var(--error-bg); }
mark.warning { text-decoration-color: #d08a00; background: var(--warning-bg); }
mark.info { text-decoration-color: var(--info); background: var(--info-bg); }
sup.ref { font-size: 11px; font-weight: 700; margin: 0 1px; }
sup.ref a { text-decoration: none; color: var(--muted); }
ol.findings { margin: 0; padding: 0; list-style: none; }
ol.findings > li { border-left: 3px solid var(--line); padding: 6px 0 10px 12px; margin: 0 0 10px; }
ol.findings > li.error { border-color: var(--error); } ol.findings > li.warning { border-color: #d08a00; }
ol.findings > li.info { border-color: var(--info); }
.code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.where { color: var(--muted); font-size: 13px; }
.rewrite { margin: 6px 0 0; font-size: 14px; }
.rewrite del { color: var(--error); text-decoration: line-through; }
.rewrite ins { color: var(--warm); text-decoration: none; font-weight: 500; }
.rewrite .label, .advice .label { font-size: 12px; font-weight: 600; color: var(--muted);
  text-transform: uppercase; letter-spacing: .02em; margin-right: 4px; }
.advice { margin: 6px 0 0; font-size: 14px; }
.score { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; margin: 0 0 8px; }
.score b { font-size: 28px; }
ul.drivers { margin: 4px 0 14px; padding: 0 0 0 18px; font-size: 14px; }
ul.drivers .plus { color: var(--warm); font-weight: 600; } ul.drivers .minus { color: var(--error); font-weight: 600; }
.errors li { color: var(--error); }
a { color: #1a5fb4; }
"#;

fn warmth_class(warmth: u8) -> &'static str {
    match warmth {
        0..=39 => "cold",
        40..=59 => "cool",
        _ => "warm",
    }
}

fn meter(warmth: u8) -> String {
    format!(
        "<span class=\"meter\" aria-hidden=\"true\"><i class=\"{}\" style=\"width:{}%\"></i></span>",
        warmth_class(warmth),
        warmth
    )
}

/// The text of a file with every finding highlighted and numbered (numbers from `first`).
fn highlighted(text: &str, findings: &[Finding], first: usize) -> String {
    // Boundaries where the set of findings covering the text changes.
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for f in findings {
        cuts.push(f.span.start.min(text.len()));
        cuts.push(f.span.end.min(text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a == b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        let covering: Vec<(usize, &Finding)> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.span.start <= a && b <= f.span.end && f.span.start < f.span.end)
            .collect();
        let piece = esc(&text[a..b]);
        if covering.is_empty() {
            out.push_str(&piece);
        } else {
            let severity = covering
                .iter()
                .map(|(_, f)| f.severity)
                .max()
                .unwrap_or(Severity::Info);
            let title = covering
                .iter()
                .map(|(_, f)| format!("{}: {}", f.code(), f.message))
                .collect::<Vec<_>>()
                .join("\n");
            let _ = write!(
                out,
                "<mark class=\"{}\" title=\"{}\">{piece}</mark>",
                severity.as_str(),
                esc(&title)
            );
        }
        // The number of each finding that ends here.
        for (i, f) in findings.iter().enumerate() {
            if f.span.end == b && f.span.start < f.span.end {
                let n = first + i;
                let _ = write!(out, "<sup class=\"ref\"><a href=\"#f{n}\">{n}</a></sup>");
            }
        }
    }
    out
}

/// The list item of a finding: its message, where it is, and its rewrites.
fn finding_item(f: &Finding, n: usize, text: &str, index: &LineIndex) -> String {
    let pos = index.position(text, f.span.start);
    let mut out = format!(
        "<li id=\"f{n}\" class=\"{sev}\"><span class=\"badge {sev}\">{sev}</span> <b>{n}.</b> {message}<br><span class=\"code\">{code}</span> <span class=\"where\">line {line}, column {column}</span>",
        sev = f.severity.as_str(),
        message = esc(&f.message),
        code = esc(&f.code()),
        line = pos.line,
        column = pos.column,
    );
    for s in &f.suggestions {
        match s.applicability {
            Applicability::Advice => {
                let _ = write!(
                    out,
                    "<p class=\"advice\"><span class=\"label\">advice</span>{}</p>",
                    esc(&s.title)
                );
            }
            a => {
                let label = if a == Applicability::Safe {
                    "safe fix"
                } else {
                    "rewrite"
                };
                match s.rewritten_sentence(text) {
                    Some((before, after)) => {
                        let after = if after.trim().is_empty() {
                            "<i>(the sentence goes)</i>".to_owned()
                        } else {
                            format!("<ins>{}</ins>", esc(&one_line(&after)))
                        };
                        let _ = write!(
                            out,
                            "<p class=\"rewrite\"><span class=\"label\">{label}</span>{}: <del>{}</del> → {after}</p>",
                            esc(&s.title),
                            esc(&one_line(&before))
                        );
                    }
                    None => {
                        let _ = write!(
                            out,
                            "<p class=\"rewrite\"><span class=\"label\">{label}</span>{}</p>",
                            esc(&s.title)
                        );
                    }
                }
            }
        }
    }
    if let Some(note) = &f.note {
        let _ = write!(out, "<p class=\"where\">{}</p>", esc(note));
    }
    out.push_str("</li>");
    out
}

/// One reply's warmth and the sentences behind it.
fn scorecard(card: &Scorecard, options: &Options<'_>) -> String {
    let title = if card.replies > 1 {
        format!(
            "Reply {} of {} (line {})",
            card.reply + 1,
            card.replies,
            card.start.line
        )
    } else {
        "Warmth".to_owned()
    };
    let counts = category_counts(card, options.rules)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{} {n}", esc(&c)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = format!(
        "<h3>{title}</h3><p class=\"score\"><span><b>{}</b>/100</span> {}<span class=\"where\">base {}, findings {}, warm sentences +{}{}</span></p>",
        card.warmth,
        meter(card.warmth),
        tonelint_core::scorecard::BASE,
        card.penalty,
        card.bonus,
        if counts.is_empty() {
            String::new()
        } else {
            format!("; {counts}")
        },
    );
    if !card.drivers.is_empty() {
        out.push_str("<ul class=\"drivers\">");
        for d in &card.drivers {
            let (class, sign) = if d.contribution < 0 {
                ("minus", "")
            } else {
                ("plus", "+")
            };
            let reason = match (&d.reason, &d.cue) {
                (Reason::Finding(code), Some(cold)) => format!("{code}: {cold}"),
                (Reason::Finding(code), None) => code.clone(),
                (Reason::Cue(cue), _) => format!("warm: {cue}"),
            };
            let _ = write!(
                out,
                "<li><span class=\"{class}\">{sign}{}</span> “{}” <span class=\"code\">{}</span> <span class=\"where\">line {}</span></li>",
                d.contribution,
                esc(&d.sentence),
                esc(&reason),
                d.start.line
            );
        }
        out.push_str("</ul>");
    }
    out
}

/// Renders the report.
pub(super) fn render(
    out: &mut dyn Write,
    files: &[FileReport<'_>],
    errors: &[FileError],
    options: &Options<'_>,
) -> io::Result<()> {
    let mut page = String::new();
    let all: Vec<&Finding> = files.iter().flat_map(|f| f.findings).collect();
    let count = |s: Severity| all.iter().filter(|f| f.severity == s).count();
    let cards_of = |path: &str| -> Vec<&Scorecard> {
        options
            .scorecards
            .iter()
            .filter(|c| c.path == path)
            .collect()
    };
    let replies = options.scorecards.len();
    let _ = write!(
        page,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>tonelint report</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>{STYLE}</style>\n</head>\n<body>\n<header class=\"page\">\n<h1>tonelint report</h1>\n<p class=\"sub\">The tone of {} {}: condescension, blame, dismissal, courtesy and missing empathy, with a rewrite for each finding.</p>\n<ul class=\"totals\"><li><b>{}</b>files</li><li><b>{replies}</b>{}</li><li><b>{}</b>errors</li><li><b>{}</b>warnings</li><li><b>{}</b>info</li></ul>\n</header>\n<main>\n",
        replies,
        if replies == 1 { "reply" } else { "replies" },
        files.len(),
        if replies == 1 { "reply" } else { "replies" },
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    if !errors.is_empty() {
        page.push_str("<section class=\"card errors\"><h2>Files not read</h2><ul>");
        for e in errors {
            let _ = write!(page, "<li>{}: {}</li>", esc(&e.path), esc(&e.message));
        }
        page.push_str("</ul></section>\n");
    }
    // The summary: every reply, coldest first.
    let mut rows: Vec<(usize, &Scorecard)> = Vec::new();
    for (i, file) in files.iter().enumerate() {
        rows.extend(cards_of(file.path).into_iter().map(|c| (i, c)));
    }
    rows.sort_by_key(|(i, c)| (c.warmth, *i, c.reply));
    page.push_str("<section class=\"card\"><h2>Replies by warmth, coldest first</h2><table>\n<thead><tr><th>Reply</th><th>Warmth</th><th>Findings</th><th>Weighs most</th></tr></thead><tbody>\n");
    for (i, card) in &rows {
        let file = files[*i];
        let findings: usize = card.counts.values().sum();
        let worst = card
            .drivers
            .iter()
            .filter(|d| d.contribution < 0)
            .min_by_key(|d| d.contribution)
            .map_or_else(String::new, |d| {
                format!(
                    "<span class=\"code\">{}</span> “{}”",
                    esc(&d.reason.to_string()),
                    esc(&shorten(&d.sentence, 70))
                )
            });
        let which = if card.replies > 1 {
            format!(", reply {} (line {})", card.reply + 1, card.start.line)
        } else {
            String::new()
        };
        let _ = writeln!(
            page,
            "<tr><td><a href=\"#{}\">{}</a>{which}</td><td class=\"num\">{}<b>{}</b></td><td class=\"num\">{findings}</td><td>{worst}</td></tr>",
            anchor(*i),
            esc(file.path),
            meter(card.warmth),
            card.warmth,
        );
    }
    page.push_str("</tbody></table></section>\n");
    // A section per file.
    let mut number = 1;
    for (i, file) in files.iter().enumerate() {
        let index = LineIndex::new(file.text);
        let _ = write!(
            page,
            "<section class=\"card\" id=\"{}\"><h2>{}</h2>",
            anchor(i),
            esc(file.path)
        );
        for card in cards_of(file.path) {
            page.push_str(&scorecard(card, options));
        }
        let mut by_severity: BTreeMap<Severity, usize> = BTreeMap::new();
        for f in file.findings {
            *by_severity.entry(f.severity).or_default() += 1;
        }
        page.push_str("<div class=\"reply\"><div>");
        let _ = write!(
            page,
            "<pre class=\"text\">{}</pre></div><div>",
            highlighted(file.text, file.findings, number)
        );
        if file.findings.is_empty() {
            page.push_str("<p>No findings.</p>");
        } else {
            page.push_str("<ol class=\"findings\">");
            for (k, f) in file.findings.iter().enumerate() {
                page.push_str(&finding_item(f, number + k, file.text, &index));
            }
            page.push_str("</ol>");
        }
        page.push_str("</div></div></section>\n");
        number += file.findings.len();
    }
    page.push_str("</main>\n</body>\n</html>\n");
    out.write_all(page.as_bytes())
}

/// `text` cut to at most `max` characters, with `…` where it was cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_findings_marked() {
        let html = highlighted(
            "a <b> & RTFM",
            &[Finding {
                rule: "rtfm".to_owned(),
                category: "condescension".to_owned(),
                severity: Severity::Error,
                confidence: 0.9,
                span: tonelint_core::Span::new(8, 12),
                zone: tonelint_core::Zone::Body,
                message: "“RTFM” <brush-off>".to_owned(),
                suggestions: Vec::new(),
                note: None,
                cues: Vec::new(),
            }],
            1,
        );
        assert_eq!(
            html,
            "a &lt;b&gt; &amp; <mark class=\"error\" title=\"condescension/rtfm: “RTFM” &lt;brush-off&gt;\">RTFM</mark><sup class=\"ref\"><a href=\"#f1\">1</a></sup>"
        );
        assert_eq!(esc("\u{1b}[2J"), "\\u{1b}[2J");
    }
}
