//! HTML to text, keeping a map to the HTML: text content only, block elements as line breaks,
//! `<blockquote>` content as `> ` lines (so it reads as quoted), `<pre>`, `<code>`, `<script>`,
//! `<style>` and comments left out, entities decoded.

use super::decode::Mapped;

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "dd",
    "dt",
    "dl",
];
const PARAGRAPHS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "blockquote",
    "div",
];
const SKIPPED: &[&str] = &[
    "script", "style", "head", "title", "pre", "code", "template",
];

/// Converts `html` to text; `map` indexes into `html`.
pub(crate) fn to_text(html: &str) -> Mapped {
    let mut out = Mapped::with_capacity(html.len());
    let mut quote_depth = 0usize;
    let mut at_line_start = true;
    let mut pending_space = false;
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < html.len() {
        let c = html[i..].chars().next().expect("i is on a char boundary");
        if c == '<' {
            if html[i..].starts_with("<!--") {
                i = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
                continue;
            }
            let Some(close) = html[i..].find('>') else {
                break;
            };
            let tag = &html[i + 1..i + close];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            let tag_end = i + close + 1;
            if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
                let end_tag = format!("</{name}");
                let lower = html[tag_end..].to_ascii_lowercase();
                i = lower
                    .find(&end_tag)
                    .and_then(|e| html[tag_end + e..].find('>').map(|g| tag_end + e + g + 1))
                    .unwrap_or(html.len());
                if name == "pre" {
                    newline(&mut out, i, &mut at_line_start, true);
                } else {
                    pending_space = true;
                }
                continue;
            }
            if BLOCKS.contains(&name.as_str()) {
                if name == "blockquote" {
                    if closing {
                        quote_depth = quote_depth.saturating_sub(1);
                    } else {
                        quote_depth += 1;
                    }
                }
                newline(
                    &mut out,
                    i,
                    &mut at_line_start,
                    PARAGRAPHS.contains(&name.as_str()),
                );
                pending_space = false;
            }
            i = tag_end;
            continue;
        }
        if c.is_whitespace() {
            pending_space = !at_line_start;
            i += c.len_utf8();
            continue;
        }
        if at_line_start && quote_depth > 0 {
            for _ in 0..quote_depth {
                out.push_str("> ", i);
            }
        }
        if pending_space {
            out.push(' ', i);
            pending_space = false;
        }
        at_line_start = false;
        if c == '&'
            && let Some((decoded, len)) = entity(&html[i..])
        {
            out.push(decoded, i);
            i += len;
            continue;
        }
        out.push(c, i);
        i += c.len_utf8();
        let _ = bytes;
    }
    out.finish(html.len())
}

fn newline(out: &mut Mapped, at: usize, at_line_start: &mut bool, paragraph: bool) {
    if !out.text.is_empty() && !out.text.ends_with('\n') {
        out.push('\n', at);
    }
    if paragraph && !out.text.is_empty() && !out.text.ends_with("\n\n") {
        out.push('\n', at);
    }
    *at_line_start = true;
}

/// Decodes the entity at the start of `s`; returns the character and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let mut limit = s.len().min(12);
    while !s.is_char_boundary(limit) {
        limit -= 1;
    }
    let end = s[..limit].find(';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_blocks_quotes_and_entities() {
        let html = "<html><head><title>x</title></head><body><p>Hi Zo&euml;,</p><p>Obviously you didn&#8217;t read it.</p><pre>obviously just run</pre><blockquote><p>it&rsquo;s broken</p></blockquote></body></html>";
        let out = to_text(html);
        assert_eq!(
            out.text,
            "Hi Zo&euml;,\n\nObviously you didn’t read it.\n\n> it’s broken\n\n"
        );
        let at = out.text.find("Obviously").unwrap();
        assert_eq!(&html[out.map[at]..out.map[at] + 9], "Obviously");
    }
}
