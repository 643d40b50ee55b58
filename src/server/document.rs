//! An open document: its text as the client edits it, its version, and how to read it.

use std::path::PathBuf;

use serde_json::Value;
use tonelint_core::Kind;

use super::position::{Encoding, Lines};

/// A document the client opened.
pub(crate) struct Document {
    /// Its text, with every change applied.
    pub(crate) text: String,
    /// The client's version of it.
    pub(crate) version: i32,
    /// The client's language id (`mail`, `markdown`, `gitcommit`, …).
    language: String,
    /// Its file, for `file:` URIs.
    pub(crate) path: Option<PathBuf>,
}

impl Document {
    /// A document opened as `uri` with `text`.
    pub(crate) fn new(uri: &str, text: String, version: i32, language: &str) -> Document {
        Document {
            text,
            version,
            language: language.to_owned(),
            path: file_path(uri),
        }
    }

    /// How to read it: by the client's language id, else by the file's name, else by content.
    /// A mail draft (Vim's `mail` filetype, which mutt and aerc drafts get; an Emacs message
    /// buffer) is an email when it has headers, else plain text with its quoted lines.
    pub(crate) fn kind(&self) -> Kind {
        let by_path = || {
            self.path
                .as_deref()
                .and_then(Kind::from_path)
                .unwrap_or_else(|| Kind::sniff(&self.text))
        };
        match self.language.as_str() {
            "markdown" | "mdx" => Kind::Markdown,
            "html" => Kind::Html,
            "gitcommit" | "git-commit" | "hgcommit" => Kind::Commit,
            "mail" | "email" | "message" | "eml" => Kind::sniff(&self.text),
            "gitsendemail" | "git-send-email" | "diff" | "patch" => Kind::Email,
            "json" | "jsonc" => Kind::Json,
            _ => by_path(),
        }
    }

    /// The directory its configuration is looked for from.
    pub(crate) fn dir(&self) -> Option<PathBuf> {
        self.path
            .as_deref()
            .and_then(std::path::Path::parent)
            .map(std::path::Path::to_path_buf)
    }

    /// Why it is not linted, if it is not: a document that is not text.
    pub(crate) fn unlintable(&self) -> Option<&'static str> {
        self.text
            .contains('\0')
            .then_some("not text (it holds NUL bytes)")
    }

    /// Applies one `contentChanges` entry: a range and its new text, or the whole new text.
    pub(crate) fn apply(&mut self, change: &Value, encoding: Encoding) -> Result<(), String> {
        let Some(text) = change.get("text").and_then(Value::as_str) else {
            return Err("it has no text".to_owned());
        };
        let Some(range) = change.get("range") else {
            text.clone_into(&mut self.text);
            return Ok(());
        };
        let range: lsp_types::Range = serde_json::from_value(range.clone())
            .map_err(|e| format!("its range is not a range: {e}"))?;
        let lines = Lines::new(&self.text, encoding);
        let (Some(start), Some(end)) = (lines.offset(range.start), lines.offset(range.end)) else {
            return Err(format!(
                "its range {}:{}–{}:{} is outside the document ({} lines)",
                range.start.line,
                range.start.character,
                range.end.line,
                range.end.character,
                self.text.split('\n').count()
            ));
        };
        if end < start {
            return Err("its range ends before it starts".to_owned());
        }
        self.text.replace_range(start..end, text);
        Ok(())
    }
}

/// The file of a `file:` URI, percent-decoded.
fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = path.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            file_path("file:///tmp/mutt-host-1000%20draft"),
            Some(PathBuf::from("/tmp/mutt-host-1000 draft"))
        );
        assert_eq!(file_path("untitled:Untitled-1"), None);
    }

    #[test]
    fn kinds_by_language_then_name_then_content() {
        let doc = |uri: &str, lang: &str, text: &str| Document::new(uri, text.to_owned(), 1, lang);
        assert_eq!(
            doc("file:///tmp/x", "mail", "Hi,\n> quoted\n").kind(),
            Kind::Plain
        );
        assert_eq!(
            doc("file:///tmp/x", "mail", "From: a@b.c\nSubject: x\n\nHi\n").kind(),
            Kind::Email
        );
        assert_eq!(
            doc("file:///r/.git/COMMIT_EDITMSG", "", "x").kind(),
            Kind::Commit
        );
        assert_eq!(
            doc("file:///r/a.md", "plaintext", "x").kind(),
            Kind::Markdown
        );
        assert_eq!(
            doc("file:///r/a.txt", "gitcommit", "x").kind(),
            Kind::Commit
        );
    }

    #[test]
    fn changes_apply_and_bad_ranges_are_refused() {
        let mut d = Document::new("file:///x.txt", "Hi 😀 Sam\nRTFM.\n".to_owned(), 1, "");
        let change = serde_json::json!({"range": {"start": {"line": 0, "character": 6},
            "end": {"line": 0, "character": 9}}, "text": "Dana"});
        d.apply(&change, Encoding::Utf16).unwrap();
        assert_eq!(d.text, "Hi 😀 Dana\nRTFM.\n");
        let outside = serde_json::json!({"range": {"start": {"line": 9, "character": 0},
            "end": {"line": 9, "character": 1}}, "text": "x"});
        assert!(
            d.apply(&outside, Encoding::Utf16)
                .unwrap_err()
                .contains("outside")
        );
        assert_eq!(d.text, "Hi 😀 Dana\nRTFM.\n");
        d.apply(&serde_json::json!({"text": "new"}), Encoding::Utf8)
            .unwrap();
        assert_eq!(d.text, "new");
    }
}
