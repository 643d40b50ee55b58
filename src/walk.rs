//! The inputs of a run: the files named or found by walking directories (honouring
//! `.gitignore`), and stdin, each read into a [`Source`] or refused with a reason.

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
}

/// The largest file linted: a reply is a few kilobytes, and a file this big is a mistake (an
/// mbox archive, a log). Bigger files are refused with an error, not read.
pub const MAX_FILE_SIZE: u64 = 64 << 20;

/// Extensions linted when walking a directory (files named explicitly are always linted).
const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "mdown", "eml", "mbox", "html", "htm", "json",
];

/// Whether a directory walk lints this file.
pub fn has_lintable_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
}

/// The inputs `paths` name: stdin for `-`, files, and the lintable files under directories;
/// sorted, without duplicates, stdin first. Directory errors go to `errors`.
pub fn gather(paths: &[PathBuf], errors: &mut Vec<FileError>) -> Vec<Input> {
    let mut stdin = false;
    let mut files: Vec<PathBuf> = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            stdin = true;
            continue;
        }
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let walk = ignore::WalkBuilder::new(path)
            .require_git(false)
            .follow_links(false)
            .build();
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    let p = e.into_path();
                    let p = p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p);
                    if has_lintable_extension(&p) {
                        files.push(p);
                    }
                }
                Ok(_) => {}
                Err(e) => errors.push(FileError {
                    path: path.display().to_string(),
                    message: e.to_string(),
                }),
            }
        }
    }
    files.sort();
    files.dedup();
    let mut inputs: Vec<Input> = Vec::new();
    if stdin {
        inputs.push(Input::Stdin);
    }
    inputs.extend(files.into_iter().map(Input::File));
    inputs
}

/// Reads an input; `Ok(None)` for a file skipped with a note.
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
    let (shown, bytes) = match input {
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
            (shown, buf)
        }
        Input::File(path) => {
            let shown = path.display().to_string();
            let io_error = |e: io::Error| FileError {
                path: shown.clone(),
                message: e.to_string(),
            };
            let metadata = std::fs::metadata(path).map_err(io_error)?;
            if metadata.is_dir() {
                return Err(FileError {
                    path: shown,
                    message: "is a directory".to_owned(),
                });
            }
            if metadata.len() > MAX_FILE_SIZE {
                return Err(too_big(shown));
            }
            let bytes = std::fs::read(path).map_err(io_error)?;
            (shown, bytes)
        }
    };
    if bytes[..bytes.len().min(8192)].contains(&0) {
        notes.push(format!("{shown}: binary file, skipped"));
        return Ok(None);
    }
    let kind = match input {
        Input::Stdin => stdin_name.and_then(|n| Kind::from_path(Path::new(n))),
        Input::File(_) => None,
    };
    let source = Source::from_bytes(shown, bytes, kind).with_options(options.clone());
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
