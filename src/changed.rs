//! The files changed since a git revision, for linting only what a branch touched.
//!
//! "Changed" means: added, copied, modified or renamed between the merge base of the revision
//! and `HEAD` (`git diff <rev>...`, what a pull request shows), or changed in the work tree or
//! the index since `HEAD` (uncommitted work), or untracked and not ignored. Deleted files are
//! left out, and so is anything that is not an existing file now.

use std::path::{Component, Path, PathBuf};
use std::process::Command;

use tonelint_core::error::{Error, Location};

/// The files under `paths` (files or directories; none means `.`) changed since the revision
/// `since`, sorted. The repository is the one holding the first path.
///
/// Each file is named through the path it was found under: with `paths = ["replies"]`, a change
/// to `replies/refund.md` comes back as `replies/refund.md`, whatever the working directory is
/// within the repository. A file named in `paths` itself comes back as named. Every changed file
/// under a directory is returned, whatever its extension: filter them as a directory walk would.
///
/// # Errors
///
/// [`Error::Input`] naming the directory when it is not in a git repository, or when `git`
/// cannot be run or fails; [`Error::Config`] at `--changed-since` when the revision is unknown.
pub fn changed_files(since: &str, paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let bad_revision = |message: String| Error::Config {
        location: Location::file("--changed-since"),
        message,
    };
    if since.is_empty() || since.starts_with('-') {
        return Err(bad_revision(format!("`{since}` is not a git revision")));
    }
    let dir = repository_dir(&paths[0]);
    let shown = dir.display().to_string();
    let top = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
        GitError::Spawn(message) => Error::Input {
            path: shown.clone(),
            message,
        },
        GitError::Failed(_) => Error::Input {
            path: shown.clone(),
            message: "not in a git repository (finding changed files needs one)".to_owned(),
        },
    })?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
    let top = top.canonicalize().unwrap_or(top);
    let failed = |what: &str, e: GitError| Error::Input {
        path: top.display().to_string(),
        message: match e {
            GitError::Spawn(m) => m,
            GitError::Failed(m) => format!("{what}: {m}"),
        },
    };
    let commit = git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{since}^{{commit}}"),
        ],
    )
    .map_err(|e| match e {
        GitError::Failed(_) => bad_revision(format!(
            "unknown revision `{since}` in the git repository at {}",
            top.display()
        )),
        spawn @ GitError::Spawn(_) => failed("git rev-parse", spawn),
    })?;
    let commit = String::from_utf8_lossy(&commit).trim().to_owned();

    let mut names: Vec<Vec<u8>> = Vec::new();
    let diff = |range: &str| {
        let args = [
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            "--diff-filter=ACMR",
            range,
        ];
        git(&top, &args).map_err(|e| failed(&format!("git diff {range}"), e))
    };
    // What the branch changed since it left `since` (as a pull request shows it).
    names.extend(split_nul(&diff(&format!("{commit}..."))?));
    // Uncommitted work, staged or not. No HEAD yet (an unborn branch) means nothing committed.
    if git(&top, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_ok() {
        names.extend(split_nul(&diff("HEAD")?));
    }
    // New files git does not know about yet (ignored ones stay ignored).
    let untracked = git(
        &top,
        &[
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--full-name",
        ],
    )
    .map_err(|e| failed("git ls-files", e))?;
    names.extend(split_nul(&untracked));

    let roots: Vec<(&PathBuf, PathBuf)> = paths
        .iter()
        .filter_map(|p| Some((p, p.canonicalize().ok()?)))
        .collect();
    let mut files: Vec<PathBuf> = Vec::new();
    for name in names {
        let Some(relative) = path_from_git(&name) else {
            continue;
        };
        let absolute = top.join(&relative);
        if !absolute.is_file() {
            continue;
        }
        for (given, root) in &roots {
            let Ok(rest) = absolute.strip_prefix(root) else {
                continue;
            };
            let shown = if rest.as_os_str().is_empty() {
                (*given).clone()
            } else {
                let joined = given.join(rest);
                joined
                    .strip_prefix(".")
                    .map(Path::to_path_buf)
                    .unwrap_or(joined)
            };
            files.push(shown);
            break;
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// The directory to run git in for `path`: itself if a directory, else its parent.
fn repository_dir(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() && p.is_dir() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

enum GitError {
    /// git could not be started.
    Spawn(String),
    /// git ran and failed; its standard error.
    Failed(String),
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .output()
        .map_err(|e| GitError::Spawn(format!("cannot run git: {e}")))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let message = stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("failed")
            .trim()
            .to_owned();
        Err(GitError::Failed(message))
    }
}

fn split_nul(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split(|b| *b == 0)
        .filter(|s| !s.is_empty())
        .map(<[u8]>::to_vec)
        .collect()
}

/// A repository-relative path as git prints it (`/`-separated), as a relative `PathBuf`; `None`
/// for anything that would leave the repository.
fn path_from_git(name: &[u8]) -> Option<PathBuf> {
    #[cfg(unix)]
    let path = {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(name))
    };
    #[cfg(not(unix))]
    let path = PathBuf::from(String::from_utf8_lossy(name).as_ref());
    path.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        .then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdir::TempDir;

    fn run_git(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args([
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.com",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    fn write(dir: &Path, name: &str, text: &str) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A repository with a `base` tag and, since then: a committed change, a committed new file,
    /// a deleted file, an uncommitted change, an untracked file and an ignored one.
    fn fixture() -> TempDir {
        let tmp = TempDir::new("changed-repo");
        let repo = &tmp.0;
        run_git(repo, &["init", "--quiet"]);
        write(repo, ".gitignore", "*.log\n");
        write(repo, "a.txt", "Hi,\n\nRTFM.\n");
        write(repo, "b.md", "Hello\n");
        write(repo, "replies/c.txt", "Hello\n");
        write(repo, "replies/same.txt", "Hello\n");
        write(repo, "replies/gone.txt", "Hello\n");
        run_git(repo, &["add", "-A"]);
        run_git(repo, &["commit", "--quiet", "-m", "base"]);
        run_git(repo, &["tag", "base"]);
        write(repo, "a.txt", "Hi,\n\nRTFM!!!\n");
        write(repo, "replies/new.md", "Calm down.\n");
        std::fs::remove_file(repo.join("replies/gone.txt")).unwrap();
        run_git(repo, &["add", "-A"]);
        run_git(repo, &["commit", "--quiet", "-m", "change"]);
        write(repo, "replies/c.txt", "Hello!!!\n");
        write(repo, "replies/untracked.txt", "Per my last email.\n");
        write(repo, "replies/debug.log", "ignored\n");
        tmp
    }

    #[test]
    fn lists_committed_uncommitted_and_untracked_changes() {
        let tmp = fixture();
        let repo = &tmp.0;
        let got = changed_files("base", std::slice::from_ref(repo)).unwrap();
        let want: Vec<PathBuf> = [
            "a.txt",
            "replies/c.txt",
            "replies/new.md",
            "replies/untracked.txt",
        ]
        .iter()
        .map(|n| repo.join(n))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn restricted_to_the_given_paths() {
        let tmp = fixture();
        let repo = &tmp.0;
        let got = changed_files(
            "base",
            &[repo.join("replies"), repo.join("b.md"), repo.join("a.txt")],
        )
        .unwrap();
        let want: Vec<PathBuf> = [
            "a.txt",
            "replies/c.txt",
            "replies/new.md",
            "replies/untracked.txt",
        ]
        .iter()
        .map(|n| repo.join(n))
        .collect();
        assert_eq!(got, want);
        let only = changed_files("base", &[repo.join("replies/new.md")]).unwrap();
        assert_eq!(only, vec![repo.join("replies/new.md")]);
        assert!(
            changed_files("HEAD", &[repo.join("b.md")])
                .unwrap()
                .is_empty()
        );
        // Since HEAD: only the uncommitted and untracked files.
        let since_head = changed_files("HEAD", std::slice::from_ref(repo)).unwrap();
        assert_eq!(
            since_head,
            vec![
                repo.join("replies/c.txt"),
                repo.join("replies/untracked.txt")
            ]
        );
    }

    #[test]
    fn unknown_revision_is_a_clear_error() {
        let tmp = fixture();
        let e = changed_files("no-such-branch", std::slice::from_ref(&tmp.0)).unwrap_err();
        let shown = e.to_string();
        assert!(
            shown.starts_with("--changed-since: unknown revision `no-such-branch`"),
            "{shown}"
        );
        let e = changed_files("--output=x", std::slice::from_ref(&tmp.0)).unwrap_err();
        assert!(e.to_string().contains("is not a git revision"), "{e}");
    }

    #[test]
    fn not_a_repository_is_a_clear_error() {
        let tmp = TempDir::new("changed-plain");
        // Only meaningful when the temporary directory is not itself inside a repository.
        if git(&tmp.0, &["rev-parse", "--show-toplevel"]).is_ok() {
            return;
        }
        let e = changed_files("main", std::slice::from_ref(&tmp.0)).unwrap_err();
        let shown = e.to_string();
        assert!(shown.starts_with(&tmp.0.display().to_string()), "{shown}");
        assert!(shown.contains("not in a git repository"), "{shown}");
    }

    #[test]
    fn paths_from_git_stay_inside() {
        assert_eq!(path_from_git(b"a/b.txt"), Some(PathBuf::from("a/b.txt")));
        assert_eq!(path_from_git(b"../x"), None);
        assert_eq!(path_from_git(b"/etc/passwd"), None);
    }
}
