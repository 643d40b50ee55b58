//! `tonelint manpage`: the roff manual page, generated from the command-line definition so it
//! never drifts from it.

use std::io::{self, Write};

/// Writes the roff manual page (section 1) to `out`: `tonelint manpage > tonelint.1`, then
/// `man ./tonelint.1`.
///
/// One page holds everything: the synopsis and description, then a section per command (skipping
/// `help`) with its synopsis and options, then the exit status.
///
/// # Errors
///
/// Writing to `out` failed.
pub fn manpage(mut cmd: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut buf)?;
    }
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = sub.get_bin_name().map_or_else(
            || format!("{} {}", cmd.get_name(), sub.get_name()),
            str::to_owned,
        );
        writeln!(buf, ".SH \"{}\"", roff_escape(&name.to_uppercase()))?;
        let sub_man = clap_mangen::Man::new(sub.clone());
        let mut part = Vec::new();
        sub_man.render_description_section(&mut part)?;
        sub_man.render_synopsis_section(&mut part)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            sub_man.render_options_section(&mut part)?;
        }
        // One level down: the command is the section, its parts are subsections.
        for line in String::from_utf8_lossy(&part).lines() {
            match line.strip_prefix(".SH ") {
                Some("DESCRIPTION") => {}
                Some("SYNOPSIS") => writeln!(buf, ".PP")?,
                Some(heading) => writeln!(buf, ".SS {}", title_case(heading))?,
                None => writeln!(buf, "{line}")?,
            }
        }
    }
    writeln!(buf, ".SH \"EXIT STATUS\"")?;
    for (code, meaning) in EXIT_STATUS {
        writeln!(buf, ".TP\n{code}\n{}", roff_escape(meaning))?;
    }
    if cmd.get_version().is_some() {
        man.render_version_section(&mut buf)?;
    }
    // Each rendered part repeats clap_mangen's two-line preamble; keep the first.
    let text = String::from_utf8_lossy(&buf);
    let mut page = String::with_capacity(text.len());
    let mut preamble_seen = [false, false];
    for line in text.lines() {
        let preamble = PREAMBLE.iter().position(|p| *p == line);
        if let Some(i) = preamble {
            if preamble_seen[i] {
                continue;
            }
            preamble_seen[i] = true;
        }
        page.push_str(line);
        page.push('\n');
    }
    out.write_all(page.as_bytes())?;
    out.flush()
}

/// What clap_mangen puts before every part it renders.
const PREAMBLE: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Nothing at or above --fail-on."),
    (
        "1",
        "Findings at or above --fail-on (or a failing example in tonelint test).",
    ),
    (
        "2",
        "Usage, configuration, rule-pack or input error; the message names the file.",
    ),
    (
        "65",
        "tonelint sendmail: the message was blocked (otherwise the mailer's own status).",
    ),
];

fn title_case(heading: &str) -> String {
    let lower = heading.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Text safe on a roff text line: backslashes and hyphens escaped, no leading control character.
fn roff_escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn manpage_is_one_roff_page_with_every_command() {
        let mut out = Vec::new();
        manpage(command(), &mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{}", &page[..80]);
        assert_eq!(page.matches(".ie \\n(.g").count(), 1, "{page}");
        assert_eq!(page.matches(".TH ").count(), 1, "{page}");
        assert!(page.contains(".TH tonelint 1"), "{page}");
        assert!(page.contains(".SH \"TONELINT CHECK\""), "{page}");
        assert!(page.contains("\\-\\-fix"), "{page}");
        assert!(page.contains(".SH \"EXIT STATUS\""), "{page}");
        assert!(!page.contains("TONELINT HELP"), "{page}");
    }
}
