//! `tonelint sendmail [OPTIONS] -- MAILER [ARGS...]`: the pre-send gate for mail clients that can
//! only veto a send through the program they hand the message to (mutt, neomutt, s-nail, aerc,
//! himalaya v1).
//!
//! The whole RFC 5322 message is read from stdin and linted as an email (quoted text and the
//! signature never count). With a finding at or above `--fail-on` the message is blocked: the
//! findings go to stderr (one per line, and to a report file for clients that drop stderr), the
//! exit code is 65 (EX_DATAERR) and the mailer is not run, so the client keeps the draft.
//! Otherwise the mailer runs with every argument after `--` verbatim (no shell) and the
//! byte-identical message on its stdin, and its exit code is returned.
//!
//! tonelint's own failures block too, with sysexits codes and never 75 (EX_TEMPFAIL: "try again
//! later" to sendmail callers). The command never returns an I/O error to `main`, whose
//! broken-pipe handling would turn it into exit 0: a lost message must never look sent.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use clap::Args;
use tonelint_core::source::Kind;
use tonelint_core::{Finding, LineIndex, Source};

use super::{LoadArgs, SelectArgs, load};

/// Blocked: findings at or above `--fail-on` (EX_DATAERR).
const EX_DATAERR: u8 = 65;
/// The mailer could not be found or is not executable (EX_UNAVAILABLE).
const EX_UNAVAILABLE: u8 = 69;
/// The mailer was killed by a signal (EX_SOFTWARE).
const EX_SOFTWARE: u8 = 70;
/// The mailer could not be started for another reason (EX_OSERR).
const EX_OSERR: u8 = 71;
/// stdin unreadable, the message could not be written to the mailer, or the mailer timed out.
const EX_IOERR: u8 = 74;
/// Bad configuration or rule pack (EX_CONFIG).
const EX_CONFIG: u8 = 78;

/// The header a writer adds to send a message anyway; removed before the mailer sees it.
const SKIP_HEADER: &[u8] = b"X-Tonelint";

/// Arguments of `tonelint sendmail`.
#[derive(Debug, Args)]
pub struct SendmailArgs {
    #[command(flatten)]
    select: SelectArgs,
    #[command(flatten)]
    load: LoadArgs,
    /// Also write the findings of a blocked message here [default:
    /// $XDG_STATE_HOME/tonelint/last-blocked.txt, else ~/.local/state/tonelint/last-blocked.txt].
    #[arg(long, value_name = "PATH")]
    report_file: Option<PathBuf>,
    /// Stop the mailer after this many seconds (0: wait for ever); the message may then not have
    /// been sent, and tonelint exits 74.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    timeout: u64,
    /// sendmail's envelope sender, passed on to the mailer (mutt and neomutt put it before `--`).
    #[arg(
        short = 'f',
        value_name = "ADDRESS",
        help_heading = "Passed on to the mailer"
    )]
    envelope_from: Option<OsString>,
    /// sendmail's body type (`-B8BITMIME`), passed on to the mailer.
    #[arg(
        short = 'B',
        value_name = "TYPE",
        help_heading = "Passed on to the mailer"
    )]
    body_type: Option<OsString>,
    /// sendmail's DSN notify conditions, passed on to the mailer.
    #[arg(
        short = 'N',
        value_name = "DSN",
        help_heading = "Passed on to the mailer"
    )]
    dsn_notify: Option<OsString>,
    /// sendmail's DSN return type, passed on to the mailer.
    #[arg(
        short = 'R',
        value_name = "RET",
        help_heading = "Passed on to the mailer"
    )]
    dsn_return: Option<OsString>,
    /// The real mailer and its arguments, after `--`; the client's arguments follow, untouched.
    #[arg(last = true, required = true, num_args = 1.., value_name = "MAILER")]
    mailer: Vec<OsString>,
}

/// Writes a line to stderr, ignoring failure (aerc gives the wrapper no stderr worth the name,
/// and a closed stderr must not turn into a panic).
fn say(message: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{message}");
    let _ = err.flush();
}

/// Whether `TONELINT_SKIP` asks for a bypass: set, non-empty and not `0`/`false`/`no`/`off`.
fn skip_requested() -> bool {
    std::env::var_os("TONELINT_SKIP").is_some_and(|v| {
        let v = v.to_string_lossy().trim().to_ascii_lowercase();
        !v.is_empty() && !matches!(v.as_str(), "0" | "false" | "no" | "off")
    })
}

/// Runs `tonelint sendmail`; returns the exit code.
pub fn run(args: &SendmailArgs) -> u8 {
    let mut message = Vec::new();
    if let Err(e) = io::stdin().lock().read_to_end(&mut message) {
        say(&format!(
            "tonelint: error: cannot read the message from stdin: {e}. The message was NOT sent."
        ));
        return EX_IOERR;
    }
    if skip_requested() {
        // The documented escape hatch: tonelint does nothing at all to the message.
        return send(args, message);
    }
    if let Some(stripped) = strip_skip_header(&message) {
        return send(args, stripped);
    }
    match verdict(args, &message) {
        Ok(None) => send(args, message),
        Ok(Some(report)) => {
            block(args, &report);
            EX_DATAERR
        }
        Err(code) => code,
    }
}

/// Lints the message. `Ok(None)`: nothing at or above `--fail-on`; `Ok(Some(report))`: blocked,
/// with the report to show; `Err(code)`: tonelint could not check it (already said why).
fn verdict(args: &SendmailArgs, message: &[u8]) -> Result<Option<Report>, u8> {
    let bypass = "Nothing was sent; fix the configuration, or set TONELINT_SKIP=1 to send without \
                  checking.";
    let mut loaded = load(&args.load, Some(&args.select)).map_err(|e| {
        say(&format!("tonelint: error: {e}"));
        say(&format!("tonelint: {bypass}"));
        EX_CONFIG
    })?;
    let linter = loaded.linter().map_err(|e| {
        say(&format!("tonelint: error: {e}"));
        say(&format!("tonelint: {bypass}"));
        EX_CONFIG
    })?;
    let source = Source::from_bytes("message", message.to_vec(), Some(Kind::Email))
        .with_options(loaded.config.settings.source.clone());
    let findings = linter.check(&source);
    let fail_on = loaded.config.settings.fail_on;
    let failing = findings.iter().filter(|f| f.severity >= fail_on).count();
    if failing == 0 {
        return Ok(None);
    }
    let lines = concise_lines(&source, &findings);
    let summary = format!(
        "tonelint: the message was NOT sent: {failing} {} at or above {fail_on}. Edit the draft \
         and send it again; to send it as it is, add the header \"X-Tonelint: skip\" or set \
         TONELINT_SKIP=1.",
        if failing == 1 { "finding" } else { "findings" },
    );
    Ok(Some(Report {
        lines,
        summary,
        about: describe(message),
    }))
}

/// What a blocked message gets told.
struct Report {
    /// One line per finding, concise format.
    lines: Vec<String>,
    /// The one-line verdict and how to bypass it.
    summary: String,
    /// Which message this was (Subject and To), for the report file.
    about: String,
}

/// `message:line:column: severity[category/id] text` per finding, control characters replaced so
/// a draft cannot repaint the terminal of the mail client.
fn concise_lines(source: &Source, findings: &[Finding]) -> Vec<String> {
    let index = LineIndex::new(&source.text);
    findings
        .iter()
        .map(|f| {
            let at = index.position(&source.text, f.span.start);
            let line = format!(
                "{}:{}:{}: {}[{}] {}",
                source.path,
                at.line,
                at.column,
                f.severity,
                f.code(),
                f.message
            );
            line.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect()
        })
        .collect()
}

/// Prints the report to stderr and writes it to the report file.
fn block(args: &SendmailArgs, report: &Report) {
    for line in &report.lines {
        say(line);
    }
    let file = args.report_file.clone().or_else(default_report_file);
    let mut summary = report.summary.clone();
    if let Some(path) = &file {
        match write_report(path, report) {
            Ok(()) => summary.push_str(&format!(" (Findings saved in {}.)", path.display())),
            Err(e) => say(&format!(
                "tonelint: warning: cannot write the report file {}: {e}",
                path.display()
            )),
        }
    }
    say(&summary);
}

/// `$XDG_STATE_HOME/tonelint/last-blocked.txt`, else `~/.local/state/tonelint/last-blocked.txt`.
fn default_report_file() -> Option<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".local").join("state"))
        })?;
    Some(state.join("tonelint").join("last-blocked.txt"))
}

/// Writes the report (it quotes the draft, so it is private to the user where the OS allows).
fn write_report(path: &Path, report: &Report) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    let mut text = String::new();
    text.push_str(&report.about);
    for line in &report.lines {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(&report.summary);
    text.push('\n');
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// "tonelint blocked a message (Subject: …; To: …)" from the raw headers.
fn describe(message: &[u8]) -> String {
    let fields = header_fields(message);
    let value = |name: &[u8]| {
        fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| {
                String::from_utf8_lossy(&f.value)
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect::<String>()
            })
    };
    let mut parts = Vec::new();
    for (name, label) in [(&b"Subject"[..], "Subject"), (&b"To"[..], "To")] {
        if let Some(v) = value(name) {
            parts.push(format!("{label}: {}", v.trim()));
        }
    }
    if parts.is_empty() {
        "tonelint blocked a message.\n".to_owned()
    } else {
        format!("tonelint blocked a message ({}).\n", parts.join("; "))
    }
}

/// One header field of the raw message.
#[derive(Debug)]
struct Field {
    /// Byte range of the whole field, continuation lines and line ends included.
    start: usize,
    end: usize,
    /// The field name, as written.
    name: Vec<u8>,
    /// The unfolded value (line ends removed), untrimmed.
    value: Vec<u8>,
}

/// The fields of the header block: from the start (after an mbox `From ` line) to the first empty
/// line, or to the first line that is neither a field nor a continuation.
fn header_fields(message: &[u8]) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::new();
    let mut at = 0;
    if message.starts_with(b"From ") {
        at = line_end(message, 0);
    }
    while at < message.len() {
        let end = line_end(message, at);
        let content = trim_eol(&message[at..end]);
        if content.is_empty() {
            break;
        }
        if content[0] == b' ' || content[0] == b'\t' {
            let Some(field) = fields.last_mut() else {
                break;
            };
            field.end = end;
            field.value.extend_from_slice(content);
        } else {
            let Some(colon) = content.iter().position(|&b| b == b':') else {
                break;
            };
            let name = &content[..colon];
            if name.is_empty() || name.iter().any(|&b| b <= b' ' || b == 127) {
                break;
            }
            fields.push(Field {
                start: at,
                end,
                name: name.to_vec(),
                value: content[colon + 1..].to_vec(),
            });
        }
        at = end;
    }
    fields
}

/// The offset just past the line starting at `at` (its `\n` included).
fn line_end(text: &[u8], at: usize) -> usize {
    text[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| at + i + 1)
}

/// The line without its `\n` or `\r\n`.
fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The message without its `X-Tonelint: skip` header fields (folded lines included), every other
/// byte as it was; `None` when there is no such field.
fn strip_skip_header(message: &[u8]) -> Option<Vec<u8>> {
    let skips: Vec<(usize, usize)> = header_fields(message)
        .into_iter()
        .filter(|f| {
            f.name.eq_ignore_ascii_case(SKIP_HEADER)
                && f.value.trim_ascii().eq_ignore_ascii_case(b"skip")
        })
        .map(|f| (f.start, f.end))
        .collect();
    if skips.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(message.len());
    let mut at = 0;
    for (start, end) in skips {
        out.extend_from_slice(&message[at..start]);
        at = end;
    }
    out.extend_from_slice(&message[at..]);
    Some(out)
}

/// The mailer's arguments: the sendmail options a client put before `--` (mutt and neomutt do
/// when `$sendmail` contains `--`: `-B8BITMIME`, `-f FROM`, `-N DSN`, `-R RET`, in that order),
/// then everything after `--`, verbatim.
fn mailer_args(args: &SendmailArgs) -> Vec<OsString> {
    let mut out: Vec<OsString> = Vec::new();
    if let Some(t) = &args.body_type {
        let mut b = OsString::from("-B");
        b.push(t);
        out.push(b);
    }
    for (flag, value) in [
        ("-f", &args.envelope_from),
        ("-N", &args.dsn_notify),
        ("-R", &args.dsn_return),
    ] {
        if let Some(v) = value {
            out.push(flag.into());
            out.push(v.clone());
        }
    }
    out.extend(args.mailer[1..].iter().cloned());
    out
}

/// Runs the mailer with the message on its stdin; returns its exit code, or tonelint's own code
/// (with a message) when it could not be run or did not finish.
fn send(args: &SendmailArgs, message: Vec<u8>) -> u8 {
    let program = &args.mailer[0];
    let shown = Path::new(program).display().to_string();
    let mut child = match Command::new(program)
        .args(mailer_args(args))
        .stdin(Stdio::piped())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            let code = match e.kind() {
                io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied => EX_UNAVAILABLE,
                _ => EX_OSERR,
            };
            say(&format!(
                "tonelint: error: cannot run the mailer `{shown}`: {e}. The message was NOT sent; \
                 check the command after `--` in your mail client's sendmail setting."
            ));
            return code;
        }
    };
    let Some(mut stdin) = child.stdin.take() else {
        say("tonelint: error: no pipe to the mailer's stdin. The message was NOT sent.");
        let _ = child.kill();
        let _ = child.wait();
        return EX_OSERR;
    };
    // A thread, so a mailer that stops reading cannot stall the timeout.
    let writer = std::thread::spawn(move || {
        let result = stdin.write_all(&message).and_then(|()| stdin.flush());
        drop(stdin);
        result
    });
    let status = match wait(&mut child, args.timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            let _ = writer.join();
            say(&format!(
                "tonelint: error: the mailer `{shown}` did not finish within {} second{} and was \
                 stopped (--timeout). The message may or may not have been sent: check your Sent \
                 folder or the mailer's queue before sending it again.",
                args.timeout,
                if args.timeout == 1 { "" } else { "s" },
            ));
            return EX_IOERR;
        }
        Err(e) => {
            say(&format!(
                "tonelint: error: waiting for the mailer `{shown}`: {e}. The message may or may \
                 not have been sent."
            ));
            return EX_OSERR;
        }
    };
    let written = writer
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")));
    match written {
        // The mailer closed its stdin early; what it did is told by its exit code.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            say(&format!(
                "tonelint: error: cannot hand the message to the mailer `{shown}`: {e}. It may \
                 have received only part of it."
            ));
            return EX_IOERR;
        }
        Ok(()) => {}
    }
    exit_code(status, &shown)
}

/// Waits for the child, at most `timeout` seconds (0: no limit); `Ok(None)` on timeout.
fn wait(child: &mut std::process::Child, timeout: u64) -> io::Result<Option<ExitStatus>> {
    if timeout == 0 {
        return child.wait().map(Some);
    }
    let deadline = Instant::now() + Duration::from_secs(timeout);
    let mut pause = Duration::from_millis(2);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// The mailer's exit code; 70 (EX_SOFTWARE) with a message when a signal ended it.
fn exit_code(status: ExitStatus, shown: &str) -> u8 {
    if let Some(code) = status.code() {
        // Exit codes are 0–255 on Unix; anything wider is folded to a failure, never to 0.
        return u8::try_from(code).unwrap_or(EX_SOFTWARE);
    }
    #[cfg(unix)]
    let how = {
        use std::os::unix::process::ExitStatusExt;
        status
            .signal()
            .map_or_else(|| "a signal".to_owned(), |s| format!("signal {s}"))
    };
    #[cfg(not(unix))]
    let how = "a signal".to_owned();
    say(&format!(
        "tonelint: error: the mailer `{shown}` was killed by {how}. The message may or may not \
         have been sent: check your Sent folder or the mailer's queue before sending it again."
    ));
    EX_SOFTWARE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_only_the_skip_header() {
        let m = b"From: a@example.com\nX-Tonelint: skip\nSubject: hi\n\nX-Tonelint: skip\n";
        assert_eq!(
            strip_skip_header(m).unwrap(),
            b"From: a@example.com\nSubject: hi\n\nX-Tonelint: skip\n"
        );
        assert!(strip_skip_header(b"From: a\nX-Tonelint: check\n\nbody\n").is_none());
        assert!(strip_skip_header(b"From: a\n\nX-Tonelint: skip\n").is_none());
    }

    #[test]
    fn strips_folded_and_crlf() {
        let m = b"To: b\r\nx-tonelint:\r\n  SKIP \r\nSubject: s\r\n\r\nbody\r\n";
        assert_eq!(
            strip_skip_header(m).unwrap(),
            b"To: b\r\nSubject: s\r\n\r\nbody\r\n"
        );
        let last = b"To: b\nX-Tonelint: skip\n\nbody";
        assert_eq!(strip_skip_header(last).unwrap(), b"To: b\n\nbody");
    }

    #[test]
    fn describes_the_message() {
        assert_eq!(
            describe(b"To: sam@example.com\nSubject: Re:\n printer\n\nbody"),
            "tonelint blocked a message (Subject: Re: printer; To: sam@example.com).\n"
        );
    }
}
