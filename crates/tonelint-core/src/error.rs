//! The library's error type. Every variant names the file it is about; configuration and rule-pack
//! errors also carry a line and column.

use std::fmt;
use std::io;

/// A file and, where known, a 1-based line and column in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it.
    pub path: String,
    /// 1-based line and column, when the error points inside the file.
    pub line_column: Option<(usize, usize)>,
}

impl Location {
    /// A location at the given byte offset of `text`, which was read from `path`.
    #[must_use]
    pub fn at(path: &str, text: &str, offset: usize) -> Location {
        let index = crate::span::LineIndex::new(text);
        let pos = index.position(text, offset);
        Location {
            path: path.to_owned(),
            line_column: Some((pos.line, pos.column)),
        }
    }

    /// The whole file.
    #[must_use]
    pub fn file(path: &str) -> Location {
        Location {
            path: path.to_owned(),
            line_column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_column {
            Some((line, column)) => write!(f, "{}:{line}:{column}", self.path),
            None => f.write_str(&self.path),
        }
    }
}

/// Everything that can go wrong while loading rules, reading configuration or reading input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the OS said.
        #[source]
        source: io::Error,
    },
    /// A configuration file is invalid.
    #[error("{location}: {message}")]
    Config {
        /// Where in which file.
        location: Location,
        /// What is wrong, lower case, no trailing period.
        message: String,
    },
    /// A rule pack is invalid, or one of its rules is.
    #[error("{location}: {}{message}", rule.as_ref().map(|r| format!("rule `{r}`: ")).unwrap_or_default())]
    Pack {
        /// Where in which pack file.
        location: Location,
        /// The rule's id, when the error is inside a rule.
        rule: Option<String>,
        /// What is wrong, lower case, no trailing period.
        message: String,
    },
    /// An input file cannot be linted as it is.
    #[error("{path}: {message}")]
    Input {
        /// The file.
        path: String,
        /// Why it cannot be linted.
        message: String,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
