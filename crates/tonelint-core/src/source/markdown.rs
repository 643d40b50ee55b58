//! Markdown: the prose of a document, with code, HTML, front matter and link targets masked.
//!
//! pulldown-cmark's offset iterator finds what is not prose. Block-level non-prose (code blocks,
//! HTML blocks, front matter) becomes spaces so line structure stays; inline non-prose (code
//! spans, inline HTML, link destinations) becomes the placeholder mask, so no phrase matches
//! across it. Blockquote markers stay, so quoted text reads as quoted. Lengths never change: the
//! masked text's offsets are the file's.

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::placeholder::{MASK, mask_spans};

/// Masks the non-prose parts of Markdown `text`.
pub(crate) fn mask(text: &str) -> String {
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut inline: Vec<(usize, usize)> = Vec::new();
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => {
                blocks.push((range.start, range.end));
            }
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {
                inline.push((range.start, range.end));
            }
            Event::Start(Tag::Image { .. }) => inline.push((range.start, range.end)),
            Event::Start(Tag::Link { .. }) => {
                let source = &text[range.clone()];
                if source.starts_with('<') {
                    inline.push((range.start, range.end));
                } else if let Some(at) = source.rfind("](") {
                    inline.push((range.start + at + 1, range.end));
                }
            }
            _ => {}
        }
    }
    let mut out = text.to_owned();
    // Blocks become spaces (lines keep their breaks).
    let mut bytes = std::mem::take(&mut out).into_bytes();
    for (start, end) in blocks {
        for b in &mut bytes[start..end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    out = String::from_utf8(bytes).expect("whole characters were replaced by ASCII bytes");
    mask_spans(&mut out, &inline);
    let _ = MASK;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_code_html_and_links() {
        let text = "---\ntitle: x\n---\nRun `obviously just run` now.\n\n```\nobviously, just run it\n```\n\n<!-- calm down -->\n\nSee [the guide](https://x.example/calm-down).\n\n> you broke it\n";
        let masked = mask(text);
        assert_eq!(masked.len(), text.len());
        assert!(!masked.contains("obviously"));
        assert!(!masked.contains("calm"));
        assert!(masked.contains("See [the guide]"));
        assert!(masked.contains("> you broke it"));
        assert!(!masked.contains("title"));
    }
}
