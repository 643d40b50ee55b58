//! JSON exports of help-desk macros and templates: each reply string linted on its own, with
//! positions inside the JSON string literal (escapes mapped back exactly).
//!
//! A small parser keeps every string's file span and a map from its decoded bytes to the file.
//! Replies are found by structure: Zendesk macros (`actions[]` with `field` `comment_value` or
//! `comment_value_html` and a `value`), and otherwise string values under the configured keys
//! (`body_text`, `body_html`, `body`, `text`, `html`, `content` by default). A key ending in
//! `html`, or a value starting with `<`, is read as HTML.

use super::decode::Mapped;

/// A parsed JSON value with what the linter needs.
#[derive(Debug)]
enum Value {
    Object(Vec<(String, Value)>),
    Array(Vec<Value>),
    Str(Mapped),
    Other,
}

/// A reply found in the export: its decoded text mapped to the file, and whether it is HTML.
pub(crate) struct Reply {
    pub(crate) text: Mapped,
    pub(crate) html: bool,
}

/// The default keys whose string values are replies.
pub const DEFAULT_FIELDS: &[&str] = &["body_text", "body_html", "body", "text", "html", "content"];

/// Finds the replies in JSON `text`; `Err` with a byte offset and message if it is not JSON.
pub(crate) fn replies(text: &str, fields: &[String]) -> Result<Vec<Reply>, (usize, String)> {
    let mut parser = JsonParser {
        text,
        pos: 0,
        depth: 0,
    };
    parser.ws();
    let value = parser.value()?;
    parser.ws();
    if parser.pos != text.len() {
        return Err((
            parser.pos,
            "trailing characters after the JSON value".to_owned(),
        ));
    }
    let mut out = Vec::new();
    collect(value, fields, &mut out);
    Ok(out)
}

fn collect(value: Value, fields: &[String], out: &mut Vec<Reply>) {
    match value {
        Value::Object(members) => {
            let field = members.iter().find_map(|(k, v)| match (k.as_str(), v) {
                ("field", Value::Str(s)) => Some(s.text.clone()),
                _ => None,
            });
            let zendesk = matches!(
                field.as_deref(),
                Some("comment_value" | "comment_value_html")
            );
            for (key, v) in members {
                match v {
                    Value::Str(s) if zendesk && key == "value" => {
                        let html = field.as_deref() == Some("comment_value_html")
                            || s.text.trim_start().starts_with('<');
                        out.push(Reply { text: s, html });
                    }
                    Value::Array(items) if zendesk && key == "value" => {
                        // Some exports write `"value": ["channel:all", "text"]`: the text is the last string.
                        if let Some(Value::Str(s)) =
                            items.into_iter().rfind(|i| matches!(i, Value::Str(_)))
                        {
                            let html = s.text.trim_start().starts_with('<');
                            out.push(Reply { text: s, html });
                        }
                    }
                    Value::Str(s) if !zendesk && fields.contains(&key) => {
                        let html = key.ends_with("html") || s.text.trim_start().starts_with('<');
                        out.push(Reply { text: s, html });
                    }
                    other => collect(other, fields, out),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                collect(item, fields, out);
            }
        }
        Value::Str(_) | Value::Other => {}
    }
}

struct JsonParser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl JsonParser<'_> {
    fn ws(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
    }

    fn error<T>(&self, message: &str) -> Result<T, (usize, String)> {
        Err((self.pos, message.to_owned()))
    }

    fn value(&mut self) -> Result<Value, (usize, String)> {
        self.depth += 1;
        if self.depth > 256 {
            return self.error("JSON nested too deeply");
        }
        let value = match self.text.as_bytes().get(self.pos) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Value::Str),
            Some(_) => self.scalar(),
            None => self.error("unexpected end of JSON"),
        };
        self.depth -= 1;
        value
    }

    fn object(&mut self) -> Result<Value, (usize, String)> {
        self.pos += 1;
        let mut members = Vec::new();
        self.ws();
        if self.text[self.pos..].starts_with('}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.ws();
            if !self.text[self.pos..].starts_with('"') {
                return self.error("expected a string key");
            }
            let key = self.string()?.text;
            self.ws();
            if !self.text[self.pos..].starts_with(':') {
                return self.error("expected `:`");
            }
            self.pos += 1;
            self.ws();
            members.push((key, self.value()?));
            self.ws();
            match self.text.as_bytes().get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return self.error("expected `,` or `}`"),
            }
        }
    }

    fn array(&mut self) -> Result<Value, (usize, String)> {
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.text[self.pos..].starts_with(']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value()?);
            self.ws();
            match self.text.as_bytes().get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return self.error("expected `,` or `]`"),
            }
        }
    }

    fn scalar(&mut self) -> Result<Value, (usize, String)> {
        let rest = &self.text[self.pos..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.')))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        let ok =
            matches!(word, "true" | "false" | "null") || (len > 0 && word.parse::<f64>().is_ok());
        if !ok {
            return self.error("invalid JSON value");
        }
        self.pos += len;
        Ok(Value::Other)
    }

    fn string(&mut self) -> Result<Mapped, (usize, String)> {
        let start = self.pos;
        self.pos += 1;
        let mut out = Mapped::default();
        loop {
            let Some(c) = self.text[self.pos..].chars().next() else {
                self.pos = start;
                return self.error("unterminated string");
            };
            let at = self.pos;
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out.finish(at));
                }
                '\\' => {
                    let esc = self.text.as_bytes().get(self.pos + 1).copied();
                    let decoded = match esc {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let (c, len) = self.unicode_escape()?;
                            out.push(c, at);
                            self.pos += len;
                            continue;
                        }
                        _ => return self.error("invalid escape"),
                    };
                    out.push(decoded, at);
                    self.pos += 2;
                }
                c => {
                    out.push(c, at);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// Decodes `\uXXXX` (and a following low surrogate) at `pos`; returns the char and length.
    fn unicode_escape(&self) -> Result<(char, usize), (usize, String)> {
        let hex = |at: usize| {
            self.text
                .get(at..at + 4)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
        };
        let Some(high) = hex(self.pos + 2) else {
            return self.error("invalid \\u escape");
        };
        if (0xd800..0xdc00).contains(&high)
            && self.text[self.pos + 6..].starts_with("\\u")
            && let Some(low) = hex(self.pos + 8)
            && (0xdc00..0xe000).contains(&low)
        {
            let code = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
            return Ok((char::from_u32(code).unwrap_or('\u{fffd}'), 12));
        }
        Ok((char::from_u32(high).unwrap_or('\u{fffd}'), 6))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zendesk_macros() {
        let text = r#"{"macros":[{"title":"Rude","actions":[{"field":"status","value":"solved"},{"field":"comment_value","value":"Hi,\n\nRTFM \u00e9."}]},{"title":"Kind","actions":[{"field":"comment_value_html","value":"<p>Sorry!</p>"}]}]}"#;
        let replies = replies(text, &[]).unwrap();
        assert_eq!(replies.len(), 2);
        assert_eq!(replies[0].text.text, "Hi,\n\nRTFM é.");
        let at = replies[0].text.text.find("RTFM").unwrap();
        assert_eq!(
            &text[replies[0].text.map[at]..replies[0].text.map[at] + 4],
            "RTFM"
        );
        assert!(replies[1].html);
        assert!(super::replies("{\"a\": tru}", &[]).is_err());
    }
}
