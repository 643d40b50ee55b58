//! The pre-commit hooks end to end, with the real pre-commit: a fixture repository of canned
//! replies uses this repository's `.pre-commit-hooks.yaml` (`language: rust`, so pre-commit
//! `cargo install`s tonelint from a git copy of this work tree), and the check and fix hooks run
//! on rude and fixable replies.
//!
//! Building is the slow part. To keep it to one build per change of the sources:
//! - the copy is committed with a fixed author and date at a fixed path, so the same sources give
//!   the same commit and pre-commit reuses its installed environment (`PRE_COMMIT_HOME` under
//!   `target/precommit/`);
//! - cargo builds into a shared `CARGO_TARGET_DIR` under `target/precommit/`, so after a change
//!   only tonelint itself is compiled again;
//! - the release profile is overridden (no LTO, opt-level 0) through `CARGO_PROFILE_RELEASE_*`:
//!   this tests the hook definition and pre-commit's contract, not an optimised binary.

#![allow(clippy::print_stderr)] // Timings and notes are for the developer running the tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// Git's author, committer and settings for reproducible commits whatever the user's config.
const GIT_SETTINGS: &[&str] = &[
    "-c",
    "user.name=tonelint tests",
    "-c",
    "user.email=tests@tonelint.invalid",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "init.defaultBranch=main",
    "-c",
    "core.autocrlf=false",
];

fn scrubbed(mut cmd: Command) -> Command {
    // A test run from inside a git hook must not act on the outer repository.
    for var in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX"] {
        cmd.env_remove(var);
    }
    cmd.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", "2024-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2024-01-01T00:00:00Z");
    cmd
}

fn git(dir: &Path, args: &[&str]) -> String {
    let mut cmd = scrubbed(Command::new("git"));
    let out = cmd
        .arg("-C")
        .arg(dir)
        .args(GIT_SETTINGS)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// How to run pre-commit: the `pre-commit` on PATH, else `python3 -m pre_commit`.
fn pre_commit() -> Option<Vec<String>> {
    let candidates: [&[&str]; 2] = [&["pre-commit"], &["python3", "-m", "pre_commit"]];
    candidates.iter().find_map(|c| {
        let ok = Command::new(c[0])
            .args(&c[1..])
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| c.iter().map(|s| (*s).to_owned()).collect())
    })
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(
            || Path::new(MANIFEST_DIR).join("target"),
            |t| {
                if t.is_absolute() {
                    t
                } else {
                    Path::new(MANIFEST_DIR).join(t)
                }
            },
        )
}

/// Copies this work tree (tracked and untracked files, not ignored ones) to `to` and commits it
/// reproducibly; the commit.
fn hook_repository(to: &Path) -> String {
    let listed = Command::new("git")
        .arg("-C")
        .arg(MANIFEST_DIR)
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("git runs");
    assert!(
        listed.status.success(),
        "the pre-commit test copies the work tree, which must be a git checkout: {}",
        String::from_utf8_lossy(&listed.stderr)
    );
    if to.exists() {
        std::fs::remove_dir_all(to).unwrap();
    }
    std::fs::create_dir_all(to).unwrap();
    let mut names: Vec<&[u8]> = listed
        .stdout
        .split(|b| *b == 0)
        .filter(|n| !n.is_empty())
        .collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let name = String::from_utf8_lossy(name);
        let from = Path::new(MANIFEST_DIR).join(name.as_ref());
        // Symbolic links and deleted files are not needed to build.
        if !from.symlink_metadata().is_ok_and(|m| m.is_file()) {
            continue;
        }
        let dest = to.join(name.as_ref());
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&from, &dest).unwrap();
    }
    assert!(
        to.join(".pre-commit-hooks.yaml").is_file(),
        "the hook definition is in the work tree"
    );
    git(to, &["init", "--quiet"]);
    git(to, &["add", "--all"]);
    git(
        to,
        &[
            "commit",
            "--quiet",
            "--no-verify",
            "-m",
            "tonelint under test",
        ],
    );
    git(to, &["rev-parse", "HEAD"])
}

struct Fixture {
    dir: PathBuf,
    pre_commit: Vec<String>,
    home: PathBuf,
    cargo_target: PathBuf,
}

impl Fixture {
    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = scrubbed(Command::new(&self.pre_commit[0]));
        cmd.args(&self.pre_commit[1..])
            .args(args)
            .current_dir(&self.dir)
            .env("PRE_COMMIT_HOME", &self.home)
            .env("PRE_COMMIT_COLOR", "never")
            .env("NO_COLOR", "1")
            .env("CARGO_TARGET_DIR", &self.cargo_target)
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
            .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "false")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_BUILD_TARGET")
            .output()
            .expect("pre-commit runs")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.home.join("pre-commit.log")).unwrap_or_default()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.join(name)).unwrap()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn shown(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// In CI a missing tool is a failure (CI installs it); elsewhere the test says so and passes.
fn skip_or_fail(why: &str) {
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("{why}");
    }
    eprintln!("note: skipped: {why}");
}

#[test]
fn precommit_hooks_check_and_fix_replies() {
    let Some(pre_commit) = pre_commit() else {
        skip_or_fail(
            "pre-commit is not installed (`python3 -m pip install pre-commit`; .ci/run does)",
        );
        return;
    };
    let root = target_dir().join("precommit");
    let hook = root.join("hook-repository");
    let home = root.join("home");
    let cargo_target = root.join("cargo-target");

    let sha = hook_repository(&hook);
    // One installed environment at a time: a new commit starts a new pre-commit home (cargo's
    // target directory is kept, so only tonelint is compiled again).
    let stamp = home.join("tonelint-commit");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(sha.as_str()) {
        if home.exists() {
            std::fs::remove_dir_all(&home).unwrap();
        }
        std::fs::create_dir_all(&home).unwrap();
        std::fs::write(&stamp, &sha).unwrap();
    }

    let dir = root.join(format!("fixture-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(dir.join("replies")).unwrap();
    let fixture = Fixture {
        dir,
        pre_commit,
        home,
        cargo_target,
    };
    let write = |name: &str, text: &str| std::fs::write(fixture.dir.join(name), text).unwrap();
    write(
        ".pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: {}\n    rev: {sha}\n    hooks:\n      - id: tonelint\n      - id: tonelint-fix\n",
            hook.display()
        ),
    );
    // Stacked exclamation marks are `info`: make them fail the run, so fixing them matters.
    write("tonelint.toml", "fail-on = \"info\"\n");
    write("replies/rude.txt", "Hi Sam,\n\nRTFM.\n\nAlex\n");
    write(
        "replies/safe.md",
        "Hi Sam,\n\nThe export runs every night, so tomorrow's file will have it. Thanks!!!\n\nAlex\n",
    );
    write(
        "replies/kind.txt",
        "Hi Sam,\n\nSorry about the wait: here are the steps.\n\nAlex\n",
    );
    write("notes.py", "# RTFM\n");
    git(&fixture.dir, &["init", "--quiet"]);
    git(&fixture.dir, &["add", "--all"]);
    git(
        &fixture.dir,
        &["commit", "--quiet", "--no-verify", "-m", "replies"],
    );

    let started = Instant::now();
    let installed = fixture.run(&["install-hooks"]);
    let took = started.elapsed();
    eprintln!(
        "pre-commit install-hooks (language: rust, commit {}): {:.1} s",
        &sha[..12],
        took.as_secs_f64()
    );
    assert!(
        installed.status.success(),
        "{}\n--- pre-commit.log\n{}",
        shown(&installed),
        fixture.log()
    );

    // The check hook fails on a rude reply and names the rule.
    let out = fixture.run(&["run", "--files", "replies/rude.txt"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert!(stdout.contains("- hook id: tonelint\n"), "{}", shown(&out));
    assert!(stdout.contains("condescension/rtfm"), "{}", shown(&out));
    assert!(stdout.contains("replies/rude.txt:3:1"), "{}", shown(&out));

    // Kind replies pass; files tonelint does not read are not passed to it.
    let out = fixture.run(&["run", "--files", "replies/kind.txt", "notes.py"]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let out = fixture.run(&["run", "tonelint", "--files", "notes.py"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("(no files to check)"),
        "{}",
        shown(&out)
    );

    // A reply whose only problem has a safe fix: the check fails, the fix hook rewrites it (and
    // so fails, as pre-commit hooks that modify files do), then the check passes.
    let out = fixture.run(&["run", "tonelint", "--files", "replies/safe.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("courtesy/stacked-exclamation-marks"),
        "{}",
        shown(&out)
    );
    let out = fixture.run(&["run", "tonelint-fix", "--files", "replies/safe.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("files were modified by this hook"),
        "{}",
        shown(&out)
    );
    assert_eq!(
        fixture.read("replies/safe.md"),
        "Hi Sam,\n\nThe export runs every night, so tomorrow's file will have it. Thanks!\n\nAlex\n"
    );
    let out = fixture.run(&["run", "tonelint", "--files", "replies/safe.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Passed"),
        "{}",
        shown(&out)
    );
    // Nothing left to fix: the fix hook passes too, and leaves the file alone.
    let out = fixture.run(&["run", "tonelint-fix", "--files", "replies/safe.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    // The rude reply has no safe fix: the fix hook leaves it and fails on it.
    let out = fixture.run(&["run", "tonelint-fix", "--files", "replies/rude.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert_eq!(
        fixture.read("replies/rude.txt"),
        "Hi Sam,\n\nRTFM.\n\nAlex\n"
    );
}
