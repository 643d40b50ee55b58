//! Sources: a file's text and how to split it into zoned regions.
//!
//! The text is kept verbatim (BOM, CRLF and all), so every region and finding is a byte span of
//! the file as it is on disk.

mod plain;

use std::path::Path;

use crate::region::Region;

/// How a source's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// A plain-text draft (also used for Markdown until markup is parsed).
    Plain,
}

impl Kind {
    /// The kind a file name suggests.
    #[must_use]
    pub fn from_path(_path: &Path) -> Kind {
        Kind::Plain
    }
}

/// A text to lint.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in reports (`-` or `--stdin-filename` for stdin).
    pub path: String,
    /// The text, verbatim.
    pub text: String,
    /// How to read it.
    pub kind: Kind,
}

impl Source {
    /// A plain-text source.
    #[must_use]
    pub fn plain(path: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
            kind: Kind::Plain,
        }
    }

    /// The source's regions, sorted and disjoint.
    #[must_use]
    pub fn regions(&self) -> Vec<Region> {
        match self.kind {
            Kind::Plain => plain::regions(&self.text, 0),
        }
    }
}
