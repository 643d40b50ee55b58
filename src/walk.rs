//! The inputs of a run, in the order they are linted: stdin if `-` is named, then the files named
//! and the lintable files found by walking directories (honouring `.gitignore`), sorted by path and
//! each once; each read into a [`Source`] or refused with a reason.
//!
//! The inputs are found as the run takes them, not gathered first. Each directory is read when the
//! walk reaches it and its entries sorted by name, so a walk gives its files in path order, and the
//! walks and the files named are merged. Memory holds the names of the directories being walked (a
//! directory and its ancestors), not every path of the run: a wide directory costs its names.

use std::collections::{HashSet, VecDeque};
use std::ffi::OsStr;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use tonelint_core::Source;
use tonelint_core::source::{Kind, Options as SourceOptions};

use crate::report::FileError;

/// One input of a run.
#[derive(Debug)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
    /// What a directory walk could not read (a directory it may not enter, say): the run reports
    /// it as an input that could not be linted.
    WalkError(FileError),
}

/// The largest file linted: a reply is a few kilobytes, and a file this big is a mistake (an
/// mbox archive, a log). Bigger files are refused with an error, not read.
pub const MAX_FILE_SIZE: u64 = 64 << 20;

/// How much of a file the first read asks for: most replies fit.
const FIRST_READ: usize = 16 << 10;

/// Extensions linted when walking a directory (files named explicitly are always linted).
const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "mdown", "eml", "mbox", "html", "htm", "json",
];

/// Whether a directory walk lints this file.
pub fn has_lintable_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(x)))
}

/// The inputs `paths` name: stdin for `-`, files, and the lintable files under directories; stdin
/// first, then the files sorted by path, without duplicates. A walk's errors come as
/// [`Input::WalkError`], where the walk met them.
pub fn inputs(paths: &[PathBuf]) -> Inputs {
    let mut stdin = false;
    let mut named: Vec<PathBuf> = Vec::new();
    let mut walks: Vec<(PathBuf, Stream)> = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            stdin = true;
        } else if path.is_dir() {
            // Every file of the walk lies below this path (`./` dropped, as from the files).
            let below = strip_dot(path.clone());
            walks.push((below, Stream::Walk(DirWalk::new(path.clone()))));
        } else {
            named.push(path.clone());
        }
    }
    named.sort();
    // From the greatest path down: the walk to start next is the last.
    walks.sort_by(|a, b| b.0.cmp(&a.0));
    let at_most = walks.is_empty().then(|| usize::from(stdin) + named.len());
    let mut inputs = Inputs {
        at_most,
        stdin,
        waiting: walks,
        started: Vec::new(),
        errors: VecDeque::new(),
        last: None,
    };
    inputs.advance(Stream::Named(named.into_iter()));
    inputs
}

/// The inputs of a run, found as they are taken: see [`inputs`].
pub struct Inputs {
    /// How many inputs there are at most, when no directory is walked.
    at_most: Option<usize>,
    /// Whether stdin is still to come.
    stdin: bool,
    /// The walks not started yet, each with the path every file of it lies below; the one below
    /// the smallest path last.
    waiting: Vec<(PathBuf, Stream)>,
    /// The streams started and not done, each with its next file.
    started: Vec<(PathBuf, Stream)>,
    /// Walk errors met while looking for a stream's next file, to give before any other file.
    errors: VecDeque<FileError>,
    /// The last file given, so that a file named twice (or named and walked) is given once.
    last: Option<PathBuf>,
}

impl Inputs {
    /// How many inputs there are at most, when that is known before they are taken (no directory
    /// is walked): a run of one file needs no second thread.
    #[must_use]
    pub fn at_most(&self) -> Option<usize> {
        self.at_most
    }

    /// Puts `stream` among the started ones with its next file, if it has one.
    fn advance(&mut self, mut stream: Stream) {
        loop {
            match stream.next() {
                None => return,
                Some(Err(e)) => self.errors.push_back(e),
                Some(Ok(path)) => {
                    self.started.push((path, stream));
                    return;
                }
            }
        }
    }
}

impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if std::mem::take(&mut self.stdin) {
            return Some(Input::Stdin);
        }
        loop {
            if let Some(e) = self.errors.pop_front() {
                return Some(Input::WalkError(e));
            }
            let smallest =
                (0..self.started.len()).min_by(|&i, &j| self.started[i].0.cmp(&self.started[j].0));
            // A walk is started only when its files may come next: none of them is smaller than
            // the path they lie below, so until then it reads no directory.
            let start = self
                .waiting
                .last()
                .is_some_and(|(below, _)| smallest.is_none_or(|i| *below <= self.started[i].0));
            if start {
                let (_, walk) = self.waiting.pop().expect("a walk is waiting");
                self.advance(walk);
                continue;
            }
            let (path, stream) = self.started.swap_remove(smallest?);
            self.advance(stream);
            // Each stream is sorted, so a file given twice comes twice in a row.
            if self.last.as_ref() == Some(&path) {
                continue;
            }
            self.last = Some(path.clone());
            return Some(Input::File(path));
        }
    }
}

/// The files of one argument (or of all the files named), in path order.
enum Stream {
    /// The files named, sorted: each is linted whatever its extension.
    Named(std::vec::IntoIter<PathBuf>),
    /// The walk of a directory named.
    Walk(DirWalk),
}

impl Stream {
    /// The next file, or an error of the walk (reported under the directory named).
    fn next(&mut self) -> Option<Result<PathBuf, FileError>> {
        match self {
            Stream::Named(files) => files.next().map(Ok),
            Stream::Walk(walk) => walk.next(),
        }
    }
}

/// The walk of one directory named: depth first, each directory's entries in the order of their
/// names, so its files come in path order. A directory is read when the walk reaches it: its
/// entries as the `ignore` crate gives them (`.gitignore`, `.ignore` and hidden files honoured,
/// as a walk from the top would), only the names of its subdirectories and lintable files kept,
/// sorted. Memory holds the names of the directories on the way down, not every path: a directory
/// of a hundred thousand files costs its names (a few dozen bytes each), not its paths.
struct DirWalk {
    /// The directory named, as given: walk errors are reported under it.
    root: PathBuf,
    /// The directory to read next, when the walk goes down into one.
    unread: Option<PathBuf>,
    /// The directories being walked, outermost first, each with its entries still to take.
    open: Vec<Listing>,
    /// Errors met and not given yet.
    errors: VecDeque<String>,
    /// Every error given: an ignore file above the directory named is read again for each
    /// directory below, and its error is told once.
    told: HashSet<String>,
}

/// One directory's entries to take: names (and whether each is a directory), sorted, in reverse.
struct Listing {
    dir: PathBuf,
    entries: Vec<(Box<OsStr>, bool)>,
}

impl DirWalk {
    fn new(root: PathBuf) -> DirWalk {
        DirWalk {
            unread: Some(root.clone()),
            root,
            open: Vec::new(),
            errors: VecDeque::new(),
            told: HashSet::new(),
        }
    }

    /// Reads `dir`: its subdirectories and lintable files, as the `ignore` crate filters them.
    fn read(&mut self, dir: PathBuf) {
        let walk = ignore::WalkBuilder::new(&dir)
            .require_git(false)
            .follow_links(false)
            .max_depth(Some(1))
            .build();
        let mut entries: Vec<(Box<OsStr>, bool)> = Vec::new();
        for entry in walk {
            match entry {
                Ok(e) if e.depth() == 1 => {
                    let Some(kind) = e.file_type() else { continue };
                    let name = e.file_name();
                    if kind.is_dir() {
                        entries.push((name.into(), true));
                    } else if kind.is_file() && has_lintable_extension(Path::new(name)) {
                        entries.push((name.into(), false));
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let message = e.to_string();
                    if self.told.insert(message.clone()) {
                        self.errors.push_back(message);
                    }
                }
            }
        }
        // Taken from the end: the first name last.
        entries.sort_unstable_by(|a, b| b.0.cmp(&a.0));
        entries.shrink_to_fit();
        self.open.push(Listing { dir, entries });
    }

    /// The next file, or an error of the walk (reported under the directory named).
    fn next(&mut self) -> Option<Result<PathBuf, FileError>> {
        loop {
            if let Some(message) = self.errors.pop_front() {
                return Some(Err(FileError {
                    path: self.root.display().to_string(),
                    message,
                }));
            }
            if let Some(dir) = self.unread.take() {
                self.read(dir);
                continue;
            }
            let listing = self.open.last_mut()?;
            let Some((name, is_dir)) = listing.entries.pop() else {
                self.open.pop();
                continue;
            };
            let path = listing.dir.join(&*name);
            if is_dir {
                self.unread = Some(path);
            } else {
                return Some(Ok(strip_dot(path)));
            }
        }
    }
}

/// `path` without a leading `./`.
fn strip_dot(path: PathBuf) -> PathBuf {
    // Most paths do not start with a dot: their components are not parsed.
    if !path.as_os_str().as_encoded_bytes().starts_with(b".") {
        return path;
    }
    path.strip_prefix("./")
        .map(Path::to_path_buf)
        .unwrap_or(path)
}

/// Reads an input; `Ok(None)` for a file skipped with a note, the walk's error for a
/// [`Input::WalkError`].
pub fn read(
    input: &Input,
    stdin_name: Option<&str>,
    options: &SourceOptions,
    notes: &mut Vec<String>,
) -> Result<Option<Source>, FileError> {
    let too_big = |path: String| FileError {
        path,
        message: format!(
            "larger than the {} MiB limit; not linted",
            MAX_FILE_SIZE >> 20
        ),
    };
    let (shown, bytes, kind) = match input {
        Input::Stdin => {
            let shown = stdin_name.unwrap_or("-").to_owned();
            let mut buf = Vec::new();
            io::stdin()
                .take(MAX_FILE_SIZE + 1)
                .read_to_end(&mut buf)
                .map_err(|e| FileError {
                    path: shown.clone(),
                    message: e.to_string(),
                })?;
            if buf.len() as u64 > MAX_FILE_SIZE {
                return Err(too_big(shown));
            }
            let kind = stdin_name.and_then(|n| Kind::from_path(Path::new(n)));
            (shown, buf, kind)
        }
        Input::File(path) => {
            let shown = path.display().to_string();
            let io_error = |e: io::Error| FileError {
                path: shown.clone(),
                message: e.to_string(),
            };
            // Most files are read whole into a first buffer, with no call for their size (one
            // `statx` a file, 14,436 of them over the Enron emails); a file that fills it has its
            // size asked, so one past the limit is refused unread and the rest is read into room
            // made once. A directory opened by a race with the walk fails its first read.
            let file = std::fs::File::open(path).map_err(io_error)?;
            let read = |bytes: &mut Vec<u8>, limit: u64| {
                (&file)
                    .take(limit)
                    .read_to_end(bytes)
                    .map_err(|e| match e.kind() {
                        io::ErrorKind::IsADirectory => FileError {
                            path: shown.clone(),
                            message: "is a directory".to_owned(),
                        },
                        _ => io_error(e),
                    })
            };
            let mut bytes = Vec::with_capacity(FIRST_READ);
            read(&mut bytes, FIRST_READ as u64)?;
            if bytes.len() == FIRST_READ {
                let size = file.metadata().map_err(io_error)?.len();
                if size > MAX_FILE_SIZE {
                    return Err(too_big(shown));
                }
                // Room for one byte more than the rest, so the read that finds the end needs no
                // more; a file that grew meanwhile is read up to the limit, and refused past it.
                let rest = usize::try_from(size)
                    .unwrap_or(0)
                    .saturating_sub(FIRST_READ);
                bytes.reserve_exact(rest.saturating_add(1));
                read(&mut bytes, MAX_FILE_SIZE + 1 - FIRST_READ as u64)?;
            }
            if bytes.len() as u64 > MAX_FILE_SIZE {
                return Err(too_big(shown));
            }
            (shown, bytes, None)
        }
        Input::WalkError(e) => return Err(e.clone()),
    };
    if bytes[..bytes.len().min(8192)].contains(&0) {
        notes.push(format!("{shown}: binary file, skipped"));
        return Ok(None);
    }
    let source = Source::from_bytes_with(shown, bytes, kind, options.clone());
    if source.raw.is_some() && source.kind != Kind::Email {
        notes.push(format!(
            "{}: not valid UTF-8; read as Windows-1252 (positions are the file's)",
            source.path
        ));
    }
    if let Some(problem) = source.problem() {
        return Err(FileError {
            path: source.path,
            message: problem,
        });
    }
    Ok(Some(source))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdir::TempDir;

    /// A directory holding `files` (paths relative to it, each a line of text).
    fn dir_with(name: &str, files: &[&str]) -> TempDir {
        let dir = TempDir::new(&format!("walk-{name}"));
        for file in files {
            dir.write(file, "Thanks for writing in.\n");
        }
        dir
    }

    /// The inputs `paths` name, as text: `-` for stdin, `error: PATH: MESSAGE` for a walk error,
    /// and each file's path below `dir` (or as given when it is not below it).
    fn listed(dir: &TempDir, paths: &[PathBuf]) -> Vec<String> {
        inputs(paths)
            .map(|input| match input {
                Input::Stdin => "-".to_owned(),
                Input::File(path) => path
                    .strip_prefix(&dir.0)
                    .unwrap_or(&path)
                    .display()
                    .to_string(),
                Input::WalkError(e) => format!("error: {}: {}", e.path, e.message),
            })
            .collect()
    }

    /// The files `paths` name as they were found before the walk streamed: every file gathered
    /// from unsorted walks, then sorted and deduplicated.
    fn gathered(paths: &[PathBuf]) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for path in paths.iter().filter(|p| p.as_os_str() != "-") {
            if !path.is_dir() {
                files.push(path.clone());
                continue;
            }
            let walk = ignore::WalkBuilder::new(path)
                .require_git(false)
                .follow_links(false)
                .build();
            for entry in walk.map(Result::unwrap) {
                if entry.file_type().is_some_and(|t| t.is_file()) {
                    let path = strip_dot(entry.into_path());
                    if has_lintable_extension(&path) {
                        files.push(path);
                    }
                }
            }
        }
        files.sort();
        files.dedup();
        files
    }

    fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
        inputs(paths)
            .map(|input| match input {
                Input::File(path) => path,
                other => panic!("not a file: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_file_is_read_whole_whatever_its_size_and_refused_past_the_limit() {
        let dir = TempDir::new("walk-read");
        let options = SourceOptions::default();
        let read_file = |name: &str| {
            let mut notes = Vec::new();
            read(&Input::File(dir.path(name)), None, &options, &mut notes)
        };
        // Around the first read's buffer, and well past it.
        for size in [
            0,
            1,
            FIRST_READ - 1,
            FIRST_READ,
            FIRST_READ + 1,
            3 * FIRST_READ + 7,
        ] {
            let text: String = "Thanks for writing in. "
                .chars()
                .cycle()
                .take(size)
                .collect();
            let name = format!("{size}.txt");
            dir.write(&name, &text);
            let source = read_file(&name).unwrap().expect("text, not binary");
            assert_eq!(source.text, text, "a file of {size} bytes");
        }
        // Past the limit (a sparse file: nothing is written), refused by its size.
        let big = dir.path("big.txt");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_FILE_SIZE + 1).unwrap();
        let error = read_file("big.txt").unwrap_err();
        assert!(error.message.contains("MiB limit"), "{}", error.message);
        assert_eq!(error.path, big.display().to_string());
        // A directory named as a file fails with its name.
        std::fs::create_dir(dir.path("sub")).unwrap();
        let error = read_file("sub").unwrap_err();
        assert_eq!(error.message, "is a directory");
    }

    #[test]
    fn the_inputs_are_counted_ahead_when_no_directory_is_walked() {
        let dir = dir_with("count", &["a.txt", "b.txt"]);
        let (a, b) = (dir.path("a.txt"), dir.path("b.txt"));
        assert_eq!(inputs(std::slice::from_ref(&a)).at_most(), Some(1));
        assert_eq!(
            inputs(&[PathBuf::from("-"), a.clone(), b]).at_most(),
            Some(3)
        );
        assert_eq!(inputs(&[a, dir.0.clone()]).at_most(), None);
    }

    #[test]
    fn a_walk_gives_its_files_in_the_order_of_a_sort() {
        // Names where the order of paths (component by component) is not the order of their
        // bytes: ` `, `-` and `.` sort before `/`, but `a/b` is a prefix of `a/b c.txt`.
        let names = [
            "z.txt",
            "a/b.txt",
            "a/b/c.txt",
            "a/b-c.txt",
            "a.txt",
            "a/b c.txt",
            "a/bc.txt",
            "a/b/d/e.md",
            "a-b.txt",
            "A.txt",
            "a/B.txt",
            "a/b/_.txt",
            "a/b/c.bin",
        ];
        let dir = dir_with("order", &names);
        let expected = [
            "A.txt",
            "a/B.txt",
            "a/b/_.txt",
            "a/b/c.txt",
            "a/b/d/e.md",
            "a/b c.txt",
            "a/b-c.txt",
            "a/b.txt",
            "a/bc.txt",
            "a-b.txt",
            "a.txt",
            "z.txt",
        ];
        assert_eq!(listed(&dir, std::slice::from_ref(&dir.0)), expected);
        // That is the order of sorting the paths, which is not the order of their text.
        let mut sorted: Vec<PathBuf> = names
            .iter()
            .filter(|n| has_lintable_extension(Path::new(n)))
            .map(|n| dir.path(n))
            .collect();
        sorted.sort();
        assert_eq!(files(std::slice::from_ref(&dir.0)), sorted);
        let mut by_text = expected.to_vec();
        by_text.sort_unstable();
        assert_ne!(by_text, expected);
    }

    #[test]
    fn overlapping_arguments_give_each_file_once() {
        let dir = dir_with(
            "overlap",
            &[
                "dir/x.txt",
                "dir/notes.log",
                "dir/sub/y.md",
                "dir/sub/z.txt",
                "dir/sub-z.txt",
                "other/w.txt",
            ],
        );
        let paths = [
            dir.path("other"),
            dir.path("dir/sub"),
            dir.path("dir"),
            dir.path("dir/x.txt"),
            dir.path("dir"),
            // Named, so linted whatever its extension.
            dir.path("dir/notes.log"),
            dir.path("dir/sub/y.md"),
        ];
        assert_eq!(
            listed(&dir, &paths),
            [
                "dir/notes.log",
                "dir/sub/y.md",
                "dir/sub/z.txt",
                "dir/sub-z.txt",
                "dir/x.txt",
                "other/w.txt",
            ]
        );
        assert_eq!(files(&paths), gathered(&paths));
    }

    #[test]
    fn stdin_comes_first_and_once() {
        let dir = dir_with("stdin", &["b.txt", "a/c.txt"]);
        let paths = [
            dir.path("b.txt"),
            PathBuf::from("-"),
            dir.0.clone(),
            PathBuf::from("-"),
        ];
        assert_eq!(listed(&dir, &paths), ["-", "a/c.txt", "b.txt"]);
    }

    #[test]
    fn ignored_and_hidden_files_are_not_walked_but_named_ones_are_linted() {
        let dir = dir_with(
            "ignored",
            &[
                "secret.txt",
                "build/out.txt",
                "ok.txt",
                ".hidden.txt",
                "sub/also-secret.txt",
            ],
        );
        dir.write(".gitignore", "secret.txt\nalso-secret.txt\nbuild/\n");
        assert_eq!(listed(&dir, std::slice::from_ref(&dir.0)), ["ok.txt"]);
        assert_eq!(
            listed(&dir, &[dir.0.clone(), dir.path("secret.txt")]),
            ["ok.txt", "secret.txt"]
        );
    }

    #[test]
    fn a_walk_error_comes_as_an_input_where_it_was_met() {
        // A broken pattern in the `.gitignore` of the directory above the one walked.
        let dir = dir_with("error", &["sub/a.txt", "sub/b.txt", "c.txt"]);
        dir.write(".gitignore", "{broken\n");
        let paths = [dir.path("c.txt"), dir.path("sub")];
        let listed = listed(&dir, &paths);
        assert_eq!(listed.len(), 4, "{listed:?}");
        assert_eq!(listed[0], "c.txt");
        let prefix = format!("error: {}: ", dir.path("sub").display());
        assert!(
            listed[1].starts_with(&prefix) && listed[1].contains("{broken"),
            "{listed:?}"
        );
        assert_eq!(listed[2..], ["sub/a.txt", "sub/b.txt"]);
        // Reading it gives the error.
        let error = inputs(&paths).nth(1).unwrap();
        let read = read(&error, None, &SourceOptions::default(), &mut Vec::new());
        assert!(read.is_err_and(|e| e.path == dir.path("sub").display().to_string()));
    }

    /// Lines of the `.gitignore` files of the property test: names, globs, anchored, negated.
    const IGNORED: &[&str] = &["a", "a-b", "*.md", "!a.txt", "/B", "a b/", "*", "!*.txt"];

    /// Names whose order as paths and as text differ, with and without a lintable extension.
    const NAMES: &[&str] = &[
        "a", "a b", "a-b", "a.b", "B", "a.txt", "a-b.md", "b.txt", "x.log",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 48,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Any tree, any `.gitignore` files in it, any arguments (overlapping, repeated, files
        /// named): the files of a sort of every path one walk from the top finds, each once, as
        /// before the walk streamed and read one directory at a time.
        #[test]
        fn the_inputs_are_the_sorted_paths_each_once(
            tree in proptest::collection::vec(proptest::collection::vec(0..NAMES.len(), 1..4), 1..24),
            ignores in proptest::collection::vec((0..24_usize, 0..4_usize, 0..IGNORED.len()), 0..4),
            arguments in proptest::collection::vec((0..24_usize, 0..4_usize), 1..5),
        ) {
            let dir = dir_with("tree", &[]);
            let mut made: Vec<PathBuf> = Vec::new();
            for components in &tree {
                let file: PathBuf = components.iter().map(|&i| NAMES[i]).collect();
                let path = dir.0.join(&file);
                // A name already used as a file cannot be a directory, nor the other way round.
                let made_dirs = path.parent().is_some_and(|p| std::fs::create_dir_all(p).is_ok());
                if made_dirs && !path.is_dir() && std::fs::write(&path, "Thanks.\n").is_ok() {
                    made.push(file);
                }
            }
            proptest::prop_assume!(!made.is_empty());
            // Each ignore file: in a directory of a file made (or the tree), one pattern a line.
            for &(i, up, pattern) in &ignores {
                let mut at = dir.0.join(&made[i % made.len()]);
                for _ in 0..=up.min(made[i % made.len()].components().count() - 1) {
                    at.pop();
                }
                let file = at.join(".gitignore");
                let mut text = std::fs::read_to_string(&file).unwrap_or_default();
                text.push_str(IGNORED[pattern]);
                text.push('\n');
                std::fs::write(&file, text).unwrap();
            }
            // Each argument: the tree, a file made or one of its directories.
            let paths: Vec<PathBuf> = arguments
                .iter()
                .map(|&(i, up)| {
                    let file = &made[i % made.len()];
                    let mut path = dir.0.join(file);
                    for _ in 0..up.min(file.components().count()) {
                        path.pop();
                    }
                    path
                })
                .collect();
            proptest::prop_assert_eq!(files(&paths), gathered(&paths));
        }
    }
}
