//! Faults: unreadable directories, read-only directories and a full disk during `--fix`, and a
//! `--fix` killed half-way. Whatever happens, the user's files are whole: the original or the
//! fixed text, never a mix. The permission cases need a second user (the tests drop to `nobody`
//! with `setpriv`, so they run as root, as CI does); the full disk is a small tmpfs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const RUDE: &str = "Hi Dana,\n\nThe export failed again!!! As I already explained, it runs nightly.\n\nBest,\nSam\n";
const FIXED: &str =
    "Hi Dana,\n\nThe export failed again! As I already explained, it runs nightly.\n\nBest,\nSam\n";

/// A scratch directory anyone may enter, with a copy of the binary anyone may run.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("tonelint-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::copy(env!("CARGO_BIN_EXE_tonelint"), dir.join("tonelint")).unwrap();
        std::fs::set_permissions(dir.join("tonelint"), std::fs::Permissions::from_mode(0o755))
            .unwrap();
        Scratch(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Runs the copied binary as `nobody`.
    fn run_as_nobody(&self, args: &[&str]) -> Output {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(self.path("tonelint"))
            .args(args)
            .current_dir(&self.0)
            .output()
            .unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.join("disk")).output();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether this test can run: root (to become `nobody`) with setpriv. Under CI it must.
fn can_drop_privileges() -> bool {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let setpriv = Command::new("setpriv").arg("--version").output().is_ok();
    if root && setpriv {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI runs these tests as root with setpriv"
    );
    eprintln!("note: not root or no setpriv; skipping a fault test");
    false
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tonelint-") && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn unreadable_directory_is_reported_and_the_rest_linted() {
    use std::os::unix::fs::PermissionsExt;
    if !can_drop_privileges() {
        return;
    }
    let s = Scratch::new("unreadable");
    std::fs::create_dir_all(s.path("replies/locked")).unwrap();
    std::fs::write(s.path("replies/ok.txt"), RUDE).unwrap();
    std::fs::write(s.path("replies/locked/hidden.txt"), RUDE).unwrap();
    std::fs::set_permissions(s.path("replies"), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(
        s.path("replies/ok.txt"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::set_permissions(
        s.path("replies/locked"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let out = s.run_as_nobody(&["check", "--isolated", "--format", "concise", "replies"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("locked") && stderr.contains("Permission denied"),
        "{stderr}"
    );
    assert!(stdout.contains("replies/ok.txt:3:"), "{stdout}");
}

#[test]
fn fix_in_a_read_only_directory_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    if !can_drop_privileges() {
        return;
    }
    let s = Scratch::new("readonly");
    std::fs::write(s.path("reply.txt"), RUDE).unwrap();
    // `nobody` may write the file but not the directory, so no temporary file can be made.
    std::fs::set_permissions(s.path("reply.txt"), std::fs::Permissions::from_mode(0o666)).unwrap();
    let out = s.run_as_nobody(&[
        "check",
        "--isolated",
        "--fix",
        "--format",
        "concise",
        "reply.txt",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("reply.txt: cannot fix"), "{stderr}");
    assert_eq!(std::fs::read_to_string(s.path("reply.txt")).unwrap(), RUDE);
    assert!(leftovers(&s.0).is_empty());
}

#[test]
fn fix_on_a_full_disk_changes_nothing() {
    if !can_drop_privileges() {
        return;
    }
    let s = Scratch::new("fulldisk");
    let disk = s.path("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&disk)
        .status()
        .is_ok_and(|st| st.success());
    if !mounted {
        assert!(std::env::var_os("CI").is_none(), "CI can mount a tmpfs");
        eprintln!("note: cannot mount a tmpfs; skipping");
        return;
    }
    // A reply of a few kilobytes, then fill the disk to the last byte.
    let reply = RUDE.repeat(40);
    std::fs::write(disk.join("reply.txt"), &reply).unwrap();
    let mut filler = std::fs::File::create(disk.join("filler")).unwrap();
    let block = vec![b'x'; 1024];
    while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    let mut small = [0u8; 1];
    while std::io::Write::write_all(&mut filler, &small[..]).is_ok() {
        small[0] = b'y';
    }
    drop(filler);
    let out = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["check", "--isolated", "--fix", "--format", "concise"])
        .arg(disk.join("reply.txt"))
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot fix"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(disk.join("reply.txt")).unwrap(),
        reply
    );
    assert!(leftovers(&disk).is_empty(), "{:?}", leftovers(&disk));
}

#[test]
fn killed_mid_fix_leaves_every_file_whole() {
    let s = Scratch::new("killed");
    let dir = s.path("replies");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..400 {
        std::fs::write(dir.join(format!("{i:03}.txt")), RUDE).unwrap();
    }
    // Kill it at a few different moments of the run.
    for delay_ms in [5u64, 20, 60] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tonelint"))
            .args([
                "check",
                "--isolated",
                "--fix",
                "-j",
                "1",
                "--format",
                "concise",
            ])
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".tmp") {
                // A temporary file the kill interrupted: never the user's file, and removed here
                // as a user would.
                std::fs::remove_file(&path).unwrap();
                continue;
            }
            let content = std::fs::read_to_string(&path).unwrap();
            assert!(
                content == RUDE || content == FIXED,
                "{name} is half-written: {content:?}"
            );
        }
    }
}
