//! The pre-send gate end to end: `tonelint sendmail` behind real neomutt and s-nail, the git
//! `sendemail-validate` hook behind real `git send-email`, and `examples/tonelint.el` in a real
//! Emacs; plus the wrapper's own contract (bypasses, byte-identical pass-through, exit codes).
//!
//! Downstream of tonelint sits a fake mailer: a shell script that records its argv (one per line)
//! and its stdin. Where the bytes the client produced matter, a recorder sits in front of
//! tonelint and keeps what the client handed over, so the two can be compared byte for byte.
//!
//! A test that needs a client checks that it is installed; if not, it fails under `CI` (CI
//! installs them, see `.ci/run`) and otherwise prints a note and passes. Everything runs in a
//! temporary directory with its own HOME; no client is given a way to reach a real MTA.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const TONELINT: &str = env!("CARGO_BIN_EXE_tonelint");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// How long any one client run may take before the test gives up on it.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);

const RUDE_BODY: &str = "Hi Sam,\n\nRTFM. The export failing is user error.\n\nThanks,\nAlex\n";
const KIND_BODY: &str = "Hi Sam,\n\nThanks for the clear report. I fixed the export; it runs again \
                         tonight.\n\nThanks,\nAlex\n";

/// A temporary directory, removed when dropped.
struct Sandbox {
    dir: PathBuf,
}

impl Sandbox {
    fn new(name: &str) -> Sandbox {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "tonelint-mail-{name}-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(dir.join("home")).unwrap();
        assert!(
            !dir.to_string_lossy().contains(' '),
            "mutt splits $sendmail on spaces: the temporary directory must not contain any"
        );
        Sandbox { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn script(&self, name: &str, body: &str) -> PathBuf {
        let path = self.write(name, format!("#!/bin/sh\n{body}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        path
    }

    /// The fake downstream mailer: records argv to `mailer.argv` (one per line) and stdin to
    /// `mailer.stdin`, then exits with `code`.
    fn fake_mailer(&self, code: i32) -> PathBuf {
        let dir = self.dir.display();
        self.script(
            "fake-mailer",
            &format!(
                ": > {dir}/mailer.argv\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> {dir}/mailer.argv; done\ncat > {dir}/mailer.stdin\nexit {code}\n"
            ),
        )
    }

    /// A recorder put in front of tonelint: keeps the argv (`client.argv`) and the exact bytes
    /// (`client.stdin`) the client handed over, then runs its arguments with those bytes.
    fn recorder(&self) -> PathBuf {
        let dir = self.dir.display();
        self.script(
            "recorder",
            &format!(
                ": > {dir}/client.argv\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> {dir}/client.argv; done\ncat > {dir}/client.stdin\nexec \"$@\" < {dir}/client.stdin\n"
            ),
        )
    }

    fn lines(&self, name: &str) -> Option<Vec<String>> {
        std::fs::read_to_string(self.path(name))
            .ok()
            .map(|t| t.lines().map(str::to_owned).collect())
    }

    fn bytes(&self, name: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path(name)).ok()
    }

    fn mailer_ran(&self) -> bool {
        self.path("mailer.argv").exists()
    }

    /// A command with a clean environment: PATH, a UTF-8 locale, and HOME and XDG dirs inside
    /// the sandbox.
    fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path("home"))
            .env("XDG_STATE_HOME", self.path("state"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .env("TERM", "dumb")
            .env("NO_COLOR", "1")
            .current_dir(&self.dir);
        cmd
    }

    fn report_file(&self) -> PathBuf {
        self.path("state/tonelint/last-blocked.txt")
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs `cmd` with `input` on stdin; panics if it takes longer than [`CLIENT_TIMEOUT`].
fn run(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let deadline = Instant::now() + CLIENT_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish within {CLIENT_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    writer.join().unwrap();
    Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Whether `program` is on PATH. Missing: fails the test under CI, else prints a note.
pub(crate) fn have(program: &str) -> bool {
    let found = on_path(program);
    if !found {
        missing(program);
    }
    found
}

/// Fails the test under CI (which installs every client), else prints a note.
#[allow(clippy::print_stderr)]
fn missing(what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} is not installed; CI must install it (see .ci/run)"
    );
    eprintln!("note: {what} is not installed; skipping this test");
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            let p = dir.join(program);
            p.is_file()
                && std::fs::metadata(&p).is_ok_and(|m| {
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::PermissionsExt;
                        m.permissions().mode() & 0o111 != 0
                    }
                    #[cfg(not(unix))]
                    {
                        let _ = m;
                        true
                    }
                })
        })
    })
}

/// `tonelint sendmail` with `args` and `message` on stdin, in `sandbox`.
fn sendmail(sandbox: &Sandbox, args: &[&OsStr], message: &[u8]) -> Output {
    run(
        sandbox.command(TONELINT).arg("sendmail").args(args),
        message,
    )
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

// ---------------------------------------------------------------------------------------------
// neomutt

fn neomutt(sandbox: &Sandbox, extra: &[&str], body: &str) -> Output {
    let fake = sandbox.fake_mailer(0);
    let recorder = sandbox.recorder();
    // The README's setting, with the recorder in front and a sandboxed tonelint.
    let muttrc = format!(
        "set sendmail=\"{} {TONELINT} sendmail --isolated -- {} -oi --\"\n\
         set from=\"Alex <alex@example.com>\"\nset use_envelope_from=yes\n\
         set hostname=example.com\nset record=\"\"\nset folder=\"{}\"\n",
        recorder.display(),
        fake.display(),
        sandbox.path("home").display(),
    );
    let muttrc = sandbox.write("muttrc", muttrc);
    let mut cmd = sandbox.command("neomutt");
    cmd.arg("-n").arg("-F").arg(&muttrc);
    for e in extra {
        cmd.arg("-e").arg(e);
    }
    cmd.args(["-s", "Re: export", "--", "sam@example.com"]);
    run(&mut cmd, body.as_bytes())
}

#[test]
fn neomutt_rude_reply_is_blocked() {
    if !have("neomutt") {
        return;
    }
    let sandbox = Sandbox::new("neomutt-rude");
    let out = neomutt(&sandbox, &[], RUDE_BODY);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(!out.status.success(), "neomutt sent it: {all}");
    assert!(
        sandbox.path("client.stdin").exists(),
        "neomutt never ran tonelint: {all}"
    );
    assert!(!sandbox.mailer_ran(), "the mailer ran: {all}");
    // neomutt reports the wrapper's exit code with its sysexits text.
    assert!(all.contains("child exited 65"), "{all}");
    assert!(all.contains("[condescension/rtfm]"), "{all}");
    assert!(all.contains("NOT sent"), "{all}");
    // The second channel, for clients that drop stderr.
    let report = std::fs::read_to_string(sandbox.report_file()).unwrap();
    assert!(report.contains("Subject: Re: export"), "{report}");
    assert!(report.contains("[blame/user-error]"), "{report}");
}

#[test]
fn neomutt_kind_reply_reaches_the_mailer_byte_for_byte() {
    if !have("neomutt") {
        return;
    }
    let sandbox = Sandbox::new("neomutt-kind");
    let out = neomutt(&sandbox, &["set dsn_notify=failure"], KIND_BODY);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{all}");
    let handed = sandbox
        .bytes("client.stdin")
        .expect("neomutt never ran tonelint");
    let received = sandbox.bytes("mailer.stdin").expect("the mailer never ran");
    assert_eq!(text(&received), text(&handed));
    assert_eq!(
        received, handed,
        "the mailer must get neomutt's exact bytes"
    );
    let received = text(&received);
    assert!(received.contains("\nTo: sam@example.com\n"), "{received}");
    assert!(received.contains("\nSubject: Re: export\n"), "{received}");
    assert!(received.ends_with(KIND_BODY), "{received}");
    // neomutt saw the `--` in $sendmail, so it put its own flags before it and the recipients
    // after the words that follow it; tonelint hands the flags on to the mailer.
    let fake = sandbox.path("fake-mailer").display().to_string();
    assert_eq!(
        sandbox.lines("client.argv").unwrap(),
        [
            TONELINT,
            "sendmail",
            "--isolated",
            "-f",
            "alex@example.com",
            "-N",
            "failure",
            "--",
            &fake,
            "-oi",
            "--",
            "sam@example.com"
        ]
    );
    assert_eq!(
        sandbox.lines("mailer.argv").unwrap(),
        [
            "-f",
            "alex@example.com",
            "-N",
            "failure",
            "-oi",
            "--",
            "sam@example.com"
        ]
    );
}

#[test]
fn neomutt_skip_header_sends_and_is_removed() {
    if !have("neomutt") {
        return;
    }
    let sandbox = Sandbox::new("neomutt-skip");
    let out = neomutt(&sandbox, &["my_hdr X-Tonelint: skip"], RUDE_BODY);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{all}");
    let handed = text(&sandbox.bytes("client.stdin").unwrap());
    let received = text(&sandbox.bytes("mailer.stdin").unwrap());
    assert!(handed.contains("\nX-Tonelint: skip\n"), "{handed}");
    assert_eq!(received, handed.replacen("X-Tonelint: skip\n", "", 1));
}

// ---------------------------------------------------------------------------------------------
// s-nail

fn s_nail(sandbox: &Sandbox, body: &str) -> Output {
    let fake = sandbox.fake_mailer(0);
    let recorder = sandbox.recorder();
    let mut cmd = sandbox.command("s-nail");
    // -:/ loads no resource file; the README's setting, with the recorder as the MTA in front.
    cmd.args([
        "-:/",
        "-Sv15-compat",
        "-Ssendwait",
        "-Smta-no-default-arguments",
    ])
    .arg(format!("-Smta={}", recorder.display()))
    .arg(format!(
        "-Smta-arguments={TONELINT} sendmail --isolated -- {} -i --",
        fake.display()
    ))
    .arg(format!("-SDEAD={}", sandbox.path("dead.letter").display()))
    .args(["-Shostname=example.com", "-Sfrom=alex@example.com"])
    .args(["-s", "Re: export", "sam@example.com"]);
    run(&mut cmd, body.as_bytes())
}

#[test]
fn s_nail_rude_reply_is_blocked_and_kept_in_dead_letter() {
    if !have("s-nail") {
        return;
    }
    let sandbox = Sandbox::new("s-nail-rude");
    let out = s_nail(&sandbox, RUDE_BODY);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(!out.status.success(), "s-nail sent it: {all}");
    assert!(sandbox.path("client.stdin").exists(), "{all}");
    assert!(!sandbox.mailer_ran(), "the mailer ran: {all}");
    assert!(all.contains("[condescension/rtfm]"), "{all}");
    assert!(all.contains("message not sent"), "{all}");
    let dead = text(&sandbox.bytes("dead.letter").expect("no dead.letter"));
    assert!(dead.contains("Subject: Re: export"), "{dead}");
    assert!(
        dead.contains("RTFM. The export failing is user error."),
        "{dead}"
    );
    assert!(sandbox.report_file().exists());
}

#[test]
fn s_nail_kind_reply_reaches_the_mailer_byte_for_byte() {
    if !have("s-nail") {
        return;
    }
    let sandbox = Sandbox::new("s-nail-kind");
    let out = s_nail(&sandbox, KIND_BODY);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{all}");
    let handed = sandbox
        .bytes("client.stdin")
        .expect("s-nail never ran tonelint");
    let received = sandbox.bytes("mailer.stdin").expect("the mailer never ran");
    assert_eq!(received, handed, "the mailer must get s-nail's exact bytes");
    let received = text(&received);
    assert!(received.contains("\nTo: sam@example.com\n"), "{received}");
    assert!(received.contains("\nSubject: Re: export\n"), "{received}");
    assert!(received.contains("I fixed the export"), "{received}");
    // What s-nail gives a plain MTA (`-i -- rcpt`), untouched.
    assert_eq!(
        sandbox.lines("mailer.argv").unwrap(),
        ["-i", "--", "sam@example.com"]
    );
    assert!(!sandbox.path("dead.letter").exists());
}

// ---------------------------------------------------------------------------------------------
// git send-email + examples/hooks/sendemail-validate

/// The git binaries to try, those with `send-email` installed: the one on PATH and Debian's
/// when they differ (newer git passes the hook a second argument). Empty (after [`missing`])
/// when there is none.
fn gits() -> Vec<PathBuf> {
    let query = |git: &Path, arg: &str| {
        Command::new(git)
            .arg(arg)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| text(&o.stdout).trim().to_owned())
    };
    let has_send_email = |git: &Path| {
        query(git, "--exec-path")
            .is_some_and(|dir| Path::new(&dir).join("git-send-email").is_file())
    };
    let mut out: Vec<PathBuf> = Vec::new();
    let path_git = Path::new("git");
    if has_send_email(path_git) {
        out.push(path_git.to_path_buf());
    }
    let debian = Path::new("/usr/bin/git");
    if debian.is_file()
        && query(debian, "--version") != query(path_git, "--version")
        && has_send_email(debian)
    {
        out.push(debian.to_path_buf());
    }
    if out.is_empty() {
        missing("git send-email (git-email)");
    }
    out
}

fn git(sandbox: &Sandbox, git: &Path, args: &[&str]) -> Output {
    let mut cmd = sandbox.command(git);
    cmd.current_dir(sandbox.path("repo"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("TONELINT", TONELINT)
        .env("TONELINT_ARGS", "--isolated")
        .args(args);
    run(&mut cmd, b"")
}

fn git_ok(sandbox: &Sandbox, g: &Path, args: &[&str]) {
    let out = git(sandbox, g, args);
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
}

/// A repository whose last commit has `message`, with the example hooks directory as hooksPath.
fn repo(sandbox: &Sandbox, g: &Path, message: &str) {
    std::fs::create_dir_all(sandbox.path("repo")).unwrap();
    git_ok(sandbox, g, &["init", "-q"]);
    for (k, v) in [
        ("user.name", "Alex"),
        ("user.email", "alex@example.com"),
        ("core.hooksPath", &format!("{ROOT}/examples/hooks")),
        ("sendemail.smtpServer", "/nonexistent/never-used"),
    ] {
        git_ok(sandbox, g, &["config", k, v]);
    }
    sandbox.write("repo/export.txt", "nightly\n");
    git_ok(sandbox, g, &["add", "export.txt"]);
    git_ok(sandbox, g, &["commit", "-q", "-m", "Add the export"]);
    sandbox.write("repo/export.txt", "nightly\nretry\n");
    git_ok(sandbox, g, &["commit", "-q", "-a", "-m", message]);
}

fn send_email(sandbox: &Sandbox, g: &Path, extra: &[&str]) -> Output {
    let fake = sandbox.fake_mailer(0);
    let server = format!("--smtp-server={}", fake.display());
    let mut args = vec![
        "send-email",
        "--from=Alex <alex@example.com>",
        "--to=sam@example.com",
        "--suppress-cc=all",
        "--confirm=never",
        &server,
    ];
    args.extend_from_slice(extra);
    args.push("HEAD^");
    git(sandbox, g, &args)
}

const RUDE_COMMIT: &str = "Retry the export\n\nThe crash was user error. RTFM next time.";
const KIND_COMMIT: &str = "Retry the export\n\nThanks to Sam for the clear report.";

#[test]
fn git_send_email_hook_rejects_a_rude_commit_message() {
    for g in gits() {
        let sandbox = Sandbox::new("git-rude");
        repo(&sandbox, &g, RUDE_COMMIT);
        for extra in [&["--dry-run"][..], &[]] {
            let out = send_email(&sandbox, &g, extra);
            let err = text(&out.stderr);
            assert!(!out.status.success(), "{g:?} {extra:?} sent it: {err}");
            assert!(err.contains("rejected by sendemail-validate hook"), "{err}");
            assert!(err.contains("[condescension/rtfm]"), "{err}");
            assert!(!sandbox.mailer_ran(), "{g:?}: the mailer ran: {err}");
        }
        // The documented bypass.
        let mut cmd = send_email_cmd(&sandbox, &g);
        let out = run(cmd.env("TONELINT_SKIP", "1"), b"");
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(sandbox.mailer_ran());
    }
}

fn send_email_cmd(sandbox: &Sandbox, g: &Path) -> Command {
    let fake = sandbox.fake_mailer(0);
    let mut cmd = sandbox.command(g);
    cmd.current_dir(sandbox.path("repo"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("TONELINT", TONELINT)
        .env("TONELINT_ARGS", "--isolated")
        .args([
            "send-email",
            "--from=Alex <alex@example.com>",
            "--to=sam@example.com",
            "--suppress-cc=all",
            "--confirm=never",
        ])
        .arg(format!("--smtp-server={}", fake.display()))
        .arg("HEAD^");
    cmd
}

#[test]
fn git_send_email_hook_accepts_a_kind_commit_message() {
    for g in gits() {
        let sandbox = Sandbox::new("git-kind");
        repo(&sandbox, &g, KIND_COMMIT);
        let out = send_email(&sandbox, &g, &["--dry-run"]);
        assert!(out.status.success(), "{g:?}: {}", text(&out.stderr));
        assert!(!sandbox.mailer_ran());
        let out = send_email(&sandbox, &g, &[]);
        assert!(out.status.success(), "{g:?}: {}", text(&out.stderr));
        let sent = text(&sandbox.bytes("mailer.stdin").expect("nothing sent"));
        assert!(sent.contains("Subject: [PATCH] Retry the export"), "{sent}");
        assert!(
            sent.contains("Thanks to Sam for the clear report."),
            "{sent}"
        );
        assert_eq!(
            sandbox.lines("mailer.argv").unwrap(),
            ["-i", "sam@example.com"]
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Emacs message-mode + examples/tonelint.el

/// Sends the message-mode buffer `draft` with `message-send`, the mail function replaced by one
/// that records; prints SENT or ABORTED and the *tonelint* buffer, exits 0 if sent, else 3.
const EMACS_DRIVER: &str = r#"
(require 'message)
(setq tonelint-program (getenv "TONELINT_BIN"))
(add-hook 'message-send-hook #'tonelint-check-message)
(defvar tl-sent nil)
(setq message-send-mail-function (lambda () (setq tl-sent (buffer-string))))
(with-temp-buffer
  (insert-file-contents (getenv "DRAFT"))
  (message-mode)
  (condition-case err
      (progn (message-send) (princ "SENT\n"))
    (error (princ (format "ABORTED: %s\n" (error-message-string err)))
           (when (get-buffer "*tonelint*")
             (princ (with-current-buffer "*tonelint*" (buffer-string)))))))
(kill-emacs (if tl-sent 0 3))
"#;

/// The buffer message-mode shows while composing (as `message-send-hook` sees it).
fn emacs_draft(body: &str) -> String {
    format!(
        "From: Alex <alex@example.com>\nTo: zoe@example.com\nSubject: Re: login broken\n\
         --text follows this line--\n{body}\nZoë <zoe@example.com> writes:\n\n\
         > RTFM yourself, this is user error on your side\n\n-- \nAlex\n"
    )
}

fn emacs(sandbox: &Sandbox, draft: &str, skip: bool) -> Output {
    let driver = sandbox.write("driver.el", EMACS_DRIVER);
    let draft = sandbox.write("draft.txt", draft);
    let mut cmd = sandbox.command("emacs");
    cmd.args(["--batch", "-Q", "-l"])
        .arg(format!("{ROOT}/examples/tonelint.el"))
        .arg("-l")
        .arg(&driver)
        .env("DRAFT", &draft)
        .env("TONELINT_BIN", TONELINT);
    if skip {
        cmd.env("TONELINT_SKIP", "1");
    }
    run(&mut cmd, b"")
}

#[test]
fn emacs_hook_aborts_a_rude_message() {
    if !have("emacs") {
        return;
    }
    let sandbox = Sandbox::new("emacs-rude");
    let draft = emacs_draft("Hi Zoë,\n\nObviously you didn’t read the FAQ, it’s all there.\n");
    let out = emacs(&sandbox, &draft, false);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(3), "{all}");
    assert!(
        all.contains("ABORTED: tonelint: the message was NOT sent"),
        "{all}"
    );
    assert!(all.contains("you-didnt-read"), "{all}");
    // Quoted text is the client's: never flagged.
    assert!(!all.contains("rtfm"), "{all}");
    // The bypass.
    let out = emacs(&sandbox, &draft, true);
    assert!(out.status.success(), "{}", text(&out.stdout));
}

#[test]
fn emacs_hook_lets_a_kind_message_through() {
    if !have("emacs") {
        return;
    }
    let sandbox = Sandbox::new("emacs-kind");
    let draft =
        emacs_draft("Hi Zoë,\n\nSorry about the trouble. I reset your login; it works again.\n");
    let out = emacs(&sandbox, &draft, false);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{all}");
    assert!(all.contains("SENT"), "{all}");
}

// ---------------------------------------------------------------------------------------------
// The wrapper's own contract, through the binary.

fn rude_message(eol: &str) -> Vec<u8> {
    format!(
        "From: Alex <alex@example.com>\nTo: sam@example.com\nSubject: Re: export\n\n{RUDE_BODY}"
    )
    .replace('\n', eol)
    .into_bytes()
}

#[test]
fn blocked_message_exits_65_and_runs_nothing() {
    let sandbox = Sandbox::new("blocked");
    let fake = sandbox.fake_mailer(0);
    let report = sandbox.path("report.txt");
    let out = sendmail(
        &sandbox,
        &[
            os("--isolated"),
            os("--report-file"),
            report.as_os_str(),
            os("--"),
            fake.as_os_str(),
        ],
        &rude_message("\n"),
    );
    assert_eq!(out.status.code(), Some(65));
    assert!(!sandbox.mailer_ran());
    assert!(out.stdout.is_empty(), "stdout belongs to the mailer");
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("message:7:1: error[condescension/rtfm] "),
        "{err}"
    );
    assert!(lines[1].starts_with("message:7:"), "{err}");
    assert!(lines[1].contains("[blame/user-error]"), "{err}");
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[2].contains("NOT sent"), "{err}");
    assert!(lines[2].contains("X-Tonelint: skip"), "{err}");
    assert!(lines[2].contains("TONELINT_SKIP=1"), "{err}");
    let saved = std::fs::read_to_string(&report).unwrap();
    assert!(saved.contains("[condescension/rtfm]"), "{saved}");
    assert!(saved.contains("NOT sent"), "{saved}");
    // --fail-on error still blocks on the error; --ignore can clear it.
    let out = sendmail(
        &sandbox,
        &[
            os("--isolated"),
            os("--fail-on"),
            os("error"),
            os("--ignore"),
            os("rtfm"),
            os("--"),
            fake.as_os_str(),
        ],
        &rude_message("\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(sandbox.mailer_ran());
}

#[test]
fn kind_message_passes_with_argv_verbatim() {
    let sandbox = Sandbox::new("argv");
    let fake = sandbox.fake_mailer(0);
    let mut message = b"From: a@example.com\r\nSubject: hi\r\n\r\nHi Sam,\r\n\r\nThanks, it works again. Caf\xe9.\r\n".to_vec();
    message.extend_from_slice(b"-- \r\nAlex\r\n");
    let args = ["-oi", "--", "a b", "", "-t", "--", "sam@example.com"];
    let mut argv: Vec<&OsStr> = vec![os("--isolated"), os("--"), fake.as_os_str()];
    argv.extend(args.iter().map(|a| os(a)));
    let out = sendmail(&sandbox, &argv, &message);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert_eq!(sandbox.bytes("mailer.stdin").unwrap(), message);
    assert_eq!(sandbox.lines("mailer.argv").unwrap(), args);
}

#[test]
fn skip_env_passes_a_rude_message_byte_identical() {
    let sandbox = Sandbox::new("skip-env");
    let fake = sandbox.fake_mailer(0);
    // Even with a header that would otherwise be removed, and a configuration that would fail.
    let mut message = b"X-Tonelint: skip\r\n".to_vec();
    message.extend_from_slice(&rude_message("\r\n"));
    let out = run(
        sandbox
            .command(TONELINT)
            .env("TONELINT_SKIP", "1")
            .args(["sendmail", "--config", "/nonexistent/tonelint.toml", "--"])
            .arg(&fake)
            .arg("-i"),
        &message,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(sandbox.bytes("mailer.stdin").unwrap(), message);
    assert_eq!(sandbox.lines("mailer.argv").unwrap(), ["-i"]);
}

#[test]
fn skip_header_is_removed_and_the_rest_is_byte_identical() {
    for eol in ["\n", "\r\n"] {
        for header in [
            "X-Tonelint: skip",
            "x-tonelint:SKIP",
            &format!("X-Tonelint:{eol}\t skip "),
        ] {
            let sandbox = Sandbox::new("skip-header");
            let fake = sandbox.fake_mailer(0);
            let rude = text(&rude_message(eol));
            // Between two other fields, so the removal is exact on both sides.
            let (first, rest) = rude.split_once(eol).unwrap();
            let message = format!("{first}{eol}{header}{eol}{rest}");
            let out = sendmail(
                &sandbox,
                &[os("--isolated"), os("--"), fake.as_os_str()],
                message.as_bytes(),
            );
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            assert_eq!(
                text(&sandbox.bytes("mailer.stdin").unwrap()),
                rude,
                "{header:?} {eol:?}"
            );
        }
    }
    // Only the header field: the same words in the body are the writer's text, not a bypass.
    let sandbox = Sandbox::new("skip-body");
    let fake = sandbox.fake_mailer(0);
    let mut message = rude_message("\n");
    message.extend_from_slice(b"X-Tonelint: skip\n");
    let out = sendmail(
        &sandbox,
        &[os("--isolated"), os("--"), fake.as_os_str()],
        &message,
    );
    assert_eq!(out.status.code(), Some(65));
    assert!(!sandbox.mailer_ran());
}

#[test]
fn bad_config_exits_78_and_sends_nothing() {
    let sandbox = Sandbox::new("bad-config");
    let fake = sandbox.fake_mailer(0);
    let config = sandbox.write(
        "tonelint.toml",
        "fail-on = \"warning\"\nselekt = [\"blame\"]\n",
    );
    let out = sendmail(
        &sandbox,
        &[
            os("--config"),
            config.as_os_str(),
            os("--"),
            fake.as_os_str(),
        ],
        b"Subject: hi\n\nThanks, it works again.\n",
    );
    assert_eq!(out.status.code(), Some(78));
    assert!(!sandbox.mailer_ran());
    let err = text(&out.stderr);
    assert!(err.contains("selekt"), "{err}");
    assert!(err.contains("TONELINT_SKIP=1"), "{err}");
    // The configuration found from the working directory counts too.
    let out = sendmail(
        &sandbox,
        &[os("--"), fake.as_os_str()],
        b"Subject: hi\n\nThanks.\n",
    );
    assert_eq!(out.status.code(), Some(78));
    assert!(!sandbox.mailer_ran());
}

#[test]
fn missing_mailer_is_unavailable() {
    let sandbox = Sandbox::new("missing");
    let out = sendmail(
        &sandbox,
        &[
            os("--isolated"),
            os("--"),
            sandbox.path("no-such-mailer").as_os_str(),
        ],
        b"Subject: hi\n\nThanks.\n",
    );
    assert_eq!(out.status.code(), Some(69));
    let err = text(&out.stderr);
    assert!(err.contains("cannot run the mailer"), "{err}");
    assert!(err.contains("no-such-mailer"), "{err}");
    assert!(err.contains("NOT sent"), "{err}");
    // Not executable.
    let file = sandbox.write("not-executable", "#!/bin/sh\nexit 0\n");
    let out = sendmail(
        &sandbox,
        &[os("--isolated"), os("--"), file.as_os_str()],
        b"Subject: hi\n\nThanks.\n",
    );
    assert_eq!(out.status.code(), Some(69), "{}", text(&out.stderr));
}

#[test]
fn mailer_exit_code_is_returned() {
    for code in [1, 3, 75] {
        let sandbox = Sandbox::new("exit");
        let fake = sandbox.fake_mailer(code);
        let out = sendmail(
            &sandbox,
            &[os("--isolated"), os("--"), fake.as_os_str()],
            b"Subject: hi\n\nThanks.\n",
        );
        assert_eq!(out.status.code(), Some(code));
        assert!(sandbox.mailer_ran());
    }
}

#[test]
fn mailer_killed_or_hung_is_reported_never_75() {
    let sandbox = Sandbox::new("killed");
    let killed = sandbox.script("killed", "cat > /dev/null\nkill -9 $$\n");
    let out = sendmail(
        &sandbox,
        &[os("--isolated"), os("--"), killed.as_os_str()],
        b"Subject: hi\n\nThanks.\n",
    );
    assert_eq!(out.status.code(), Some(70));
    let err = text(&out.stderr);
    assert!(err.contains("killed by signal 9"), "{err}");
    assert!(err.contains("may or may not have been sent"), "{err}");

    let hung = sandbox.script("hung", "exec sleep 30\n");
    let started = Instant::now();
    let out = sendmail(
        &sandbox,
        &[
            os("--isolated"),
            os("--timeout"),
            os("1"),
            os("--"),
            hung.as_os_str(),
        ],
        b"Subject: hi\n\nThanks.\n",
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(74));
    let err = text(&out.stderr);
    assert!(err.contains("did not finish within 1 second"), "{err}");
    assert!(err.contains("may or may not have been sent"), "{err}");
}

#[test]
fn unreadable_stdin_is_an_io_error() {
    let sandbox = Sandbox::new("stdin");
    let fake = sandbox.fake_mailer(0);
    // A directory as stdin: reading it fails (EISDIR).
    let dir = std::fs::File::open(&sandbox.dir).unwrap();
    let out = sandbox
        .command(TONELINT)
        .args(["sendmail", "--isolated", "--"])
        .arg(&fake)
        .stdin(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(74));
    assert!(!sandbox.mailer_ran());
    assert!(text(&out.stderr).contains("cannot read the message"));
}
