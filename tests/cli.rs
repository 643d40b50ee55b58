//! Golden tests of the command line (trycmd): `tests/cmd/*.toml`, with `*.in/` as the working
//! directory. Bless changes with `TRYCMD=overwrite cargo test cli`.

#[test]
fn cli() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}

/// A file over the size limit is refused at once (not read), and the others are still linted.
#[test]
fn huge_file_is_refused_without_reading_it() {
    let dir = std::env::temp_dir().join(format!("tonelint-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let huge = dir.join("huge.txt");
    // Sparse: a gigabyte on paper, nothing on disk.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let small = dir.join("small.txt");
    std::fs::write(&small, "As I already said, it ships Friday.\n").unwrap();
    let started = std::time::Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["check", "--isolated", "--format", "concise"])
        .arg(&huge)
        .arg(&small)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("huge.txt: larger than the 64 MiB limit"),
        "{stderr}"
    );
    assert!(
        stdout.contains("small.txt:1:1: warning[condescension/as-i-already-said]"),
        "{stdout}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `tonelint check … | head -1`: a closed stdout ends the run quietly with 0.
#[test]
fn closed_stdout_exits_quietly() {
    use std::io::{BufRead, BufReader};
    let dir = std::env::temp_dir().join(format!("tonelint-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..300 {
        std::fs::write(
            dir.join(format!("{i:03}.txt")),
            "RTFM. As I already said, per my last email, calm down.\n",
        )
        .unwrap();
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["check", "--isolated", "--format", "concise"])
        .arg(&dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe closes with most of the output unread.
    let out = child.wait_with_output().unwrap();
    assert!(
        first.contains("warning[") || first.contains("error["),
        "{first}"
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Adopting an existing repository: a baseline written today makes the same run pass; a new rude
/// line fails it, even after unrelated lines were inserted above the old findings.
#[test]
fn baseline_fails_only_on_new_problems() {
    let dir = std::env::temp_dir().join(format!("tonelint-baseline-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("replies")).unwrap();
    let reply = "Hi,\n\nAs I already explained, the export runs nightly. This was user error.\n\nBest,\nSam\n";
    std::fs::write(dir.join("replies/old.txt"), reply).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tonelint"))
            .current_dir(&dir)
            .args(["check", "--isolated", "--format", "concise"])
            .args(args)
            .arg("replies")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert_eq!(run(&[]).0, Some(1));
    assert_eq!(
        run(&["--write-baseline", "tonelint-baseline.json"]).0,
        Some(0)
    );
    assert_eq!(run(&["--baseline", "tonelint-baseline.json"]).0, Some(0));
    let moved = format!(
        "Hi,\n\nA new first paragraph.\n\nAnd another one.\n\n{}",
        &reply[5..]
    );
    std::fs::write(dir.join("replies/old.txt"), &moved).unwrap();
    assert_eq!(
        run(&["--baseline", "tonelint-baseline.json"]).0,
        Some(0),
        "moved findings are still known"
    );
    std::fs::write(
        dir.join("replies/old.txt"),
        format!("{moved}\nPer my last email, RTFM.\n"),
    )
    .unwrap();
    let (code, stdout) = run(&["--baseline", "tonelint-baseline.json"]);
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("per-my-last-email") && stdout.contains("rtfm"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("as-i-already-said") && !stdout.contains("user-error"),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
