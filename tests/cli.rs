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
    std::fs::File::create(&huge).unwrap().set_len(1 << 30).unwrap();
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
    assert!(stderr.contains("huge.txt: larger than the 64 MiB limit"), "{stderr}");
    assert!(stdout.contains("small.txt:1:1: warning[condescension/as-i-already-said]"), "{stdout}");
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
        std::fs::write(dir.join(format!("{i:03}.txt")), "RTFM. As I already said, per my last email, calm down.\n").unwrap();
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["check", "--isolated", "--format", "concise"])
        .arg(&dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader is dropped here: the pipe closes with most of the output unread.
    let out = child.wait_with_output().unwrap();
    assert!(first.contains("warning[") || first.contains("error["), "{first}");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}
