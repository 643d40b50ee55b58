//! JUnit XML output, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).
//!
//! # Contract
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <testsuites name="tonelint" tests="3" failures="2" errors="0">
//!   <testsuite name="replies/a.txt" tests="2" failures="2" errors="0" skipped="0">
//!     <testcase name="condescension/rtfm (3:1)" classname="replies/a" file="replies/a.txt" line="3">
//!       <failure message="“RTFM” answers …" type="condescension/rtfm">error[condescension/rtfm] …
//!   --&gt; replies/a.txt:3:1
//! help: Give the steps instead of sending them to the manual</failure>
//!     </testcase>
//!   </testsuite>
//!   <testsuite name="replies/b.txt" tests="1" failures="0" errors="0" skipped="0">
//!     <testcase name="tone" classname="replies/b" file="replies/b.txt"/>
//!   </testsuite>
//! </testsuites>
//! ```
//!
//! - One `<testsuite>` per linted file, named by its path as given, in report order.
//! - One `<testcase>` per finding, named `category/id (line:column)`, with a `<failure>` whose
//!   `type` is the code and `message` the finding's message; its text gives severity, code,
//!   message, `path:line:column` and the suggestions' titles. Lines and columns are 1-based,
//!   columns count Unicode scalar values.
//! - A file without findings has one passing testcase named `tone`.
//! - `classname` is the path without its extension (Jenkins reads dots as package separators).
//! - A file that could not be read is a testsuite with one testcase holding an `<error>`.
//! - Everything is XML-escaped: `&`, `<` and `>`; in attributes (double-quoted) also `"`, and tab,
//!   CR and LF as character references so they survive attribute normalisation. Characters XML 1.0
//!   cannot carry (C0 controls other than tab, CR and LF; U+FFFE, U+FFFF) become U+FFFD.
//! - No timestamps or durations: the output is deterministic.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{FileError, FileReport, positions};
use tonelint_core::finding::Finding;
use tonelint_core::span::LineIndex;

/// Escapes text content.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(xml_char(c)),
        }
    }
    out
}

/// Escapes an attribute value (double-quoted).
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Attribute value normalisation would turn these into spaces.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(xml_char(c)),
        }
    }
    out
}

/// `c`, or U+FFFD when XML 1.0 cannot carry it (not even as a character reference).
// See: XML 1.0 (Fifth Edition) §2.2, production [2] Char.
fn xml_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
        c => c,
    }
}

/// The path without its extension, for `classname`.
fn classname(path: &str) -> &str {
    let name_start = path.rfind(['/', '\\']).map_or(0, |i| i + 1);
    match path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => &path[..name_start + dot],
        _ => path,
    }
}

fn testcase(out: &mut String, path: &str, index: &LineIndex, source: &str, f: &Finding) {
    let (start, _) = positions(index, source, f);
    let code = f.code();
    let mut body = format!(
        "{}[{code}] {}\n  --> {path}:{}:{}",
        f.severity, f.message, start.line, start.column
    );
    for s in &f.suggestions {
        let _ = write!(body, "\nhelp: {}", s.title);
    }
    if let Some(note) = &f.note {
        let _ = write!(body, "\nnote: {note}");
    }
    let _ = write!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\">\n      \
         <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
        attr(&format!("{code} ({}:{})", start.line, start.column)),
        attr(classname(path)),
        attr(path),
        start.line,
        attr(&f.message),
        attr(&code),
        text(&body),
    );
}

pub(super) fn render(
    out: &mut dyn Write,
    files: &[FileReport<'_>],
    errors: &[FileError],
) -> io::Result<()> {
    let mut suites = String::new();
    let mut tests = 0;
    let mut failures = 0;
    for file in files {
        let index = LineIndex::new(file.text);
        let n = file.findings.len();
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{n}\" errors=\"0\" skipped=\"0\">",
            attr(file.path),
            n.max(1),
        );
        if n == 0 {
            let _ = writeln!(
                suites,
                "    <testcase name=\"tone\" classname=\"{}\" file=\"{}\"/>",
                attr(classname(file.path)),
                attr(file.path)
            );
        }
        for f in file.findings {
            testcase(&mut suites, file.path, &index, file.text, f);
        }
        suites.push_str("  </testsuite>\n");
        tests += n.max(1);
        failures += n;
    }
    for e in errors {
        let _ = write!(
            suites,
            "  <testsuite name=\"{path}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n    \
             <testcase name=\"read\" classname=\"{class}\" file=\"{path}\">\n      \
             <error message=\"{message}\" type=\"unreadable\"/>\n    </testcase>\n  </testsuite>\n",
            path = attr(&e.path),
            class = attr(classname(&e.path)),
            message = attr(&e.message),
        );
        tests += 1;
    }
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"tonelint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n\
         {suites}</testsuites>\n",
        errors.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonelint_core::Severity;
    use tonelint_core::region::Zone;
    use tonelint_core::span::Span;

    fn render_to_string(files: &[FileReport<'_>], errors: &[FileError]) -> String {
        let mut out = Vec::new();
        render(&mut out, files, errors).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// A minimal well-formedness check: every tag closes in order, every `&` starts a known
    /// entity or a character reference, no raw `<` in text and no raw `<` or `"` in attributes.
    #[track_caller]
    fn assert_well_formed(xml: &str) {
        let body = xml
            .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .expect("XML declaration first");
        let mut stack: Vec<String> = Vec::new();
        let mut rest = body;
        while let Some(lt) = rest.find('<') {
            check_text(&rest[..lt]);
            let gt = rest[lt..].find('>').expect("unclosed tag") + lt;
            let tag = &rest[lt + 1..gt];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            } else {
                let self_closing = tag.ends_with('/');
                let tag = tag.trim_end_matches('/');
                let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
                assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "{name}");
                while !attrs.trim().is_empty() {
                    let (key, value) = attrs.trim_start().split_once("=\"").expect("attr");
                    assert!(key.chars().all(|c| c.is_ascii_alphanumeric()), "{key}");
                    let close = value.find('"').expect("closing quote");
                    check_text(&value[..close]);
                    assert!(!value[..close].contains(['\n', '\r', '\t']));
                    attrs = &value[close + 1..];
                }
                if !self_closing {
                    stack.push(name.to_owned());
                }
            }
            rest = &rest[gt + 1..];
        }
        check_text(rest);
        assert!(stack.is_empty(), "unclosed {stack:?}");
    }

    #[track_caller]
    fn check_text(s: &str) {
        assert!(!s.contains('<') && !s.contains('>'), "raw markup in {s:?}");
        let mut parts = s.split('&');
        parts.next();
        for part in parts {
            let entity = part.split(';').next().unwrap();
            let ok = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
                || entity
                    .strip_prefix('#')
                    .is_some_and(|n| n.parse::<u32>().is_ok());
            assert!(ok && part.contains(';'), "bad entity in {s:?}");
        }
        assert!(
            !s.chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
            "control character in {s:?}"
        );
    }

    fn finding(message: &str, span: Span) -> Finding {
        Finding {
            rule: "you-should-have".to_owned(),
            category: "blame".to_owned(),
            severity: Severity::Warning,
            confidence: 0.8,
            span,
            zone: Zone::Body,
            message: message.to_owned(),
            suggestions: vec![tonelint_core::fix::Suggestion {
                applicability: tonelint_core::fix::Applicability::Advice,
                title: "Say \"we\" & <mean> it".to_owned(),
                edits: Vec::new(),
                sentence: None,
            }],
            note: None,
            cues: Vec::new(),
        }
    }

    #[test]
    fn escapes_and_is_well_formed() {
        let text = "Hi,\nyou should have <known> & \"said\".\n";
        let findings = [finding(
            "“you should have” <blames> & \"accuses\"\nthem\u{1b}[31m",
            Span::new(4, 19),
        )];
        let files = [
            FileReport {
                path: "replies/<odd> & \"name\".txt",
                text,
                findings: &findings,
            },
            FileReport {
                path: "replies/kind.txt",
                text: "Hi,\nThanks!\n",
                findings: &[],
            },
        ];
        let errors = [FileError {
            path: "gone.txt".to_owned(),
            message: "no such file <or> directory".to_owned(),
        }];
        let xml = render_to_string(&files, &errors);
        assert_well_formed(&xml);
        assert!(
            xml.contains("<testsuites name=\"tonelint\" tests=\"3\" failures=\"1\" errors=\"1\">")
        );
        assert!(xml.contains("<testsuite name=\"replies/&lt;odd&gt; &amp; &quot;name&quot;.txt\""));
        assert!(xml.contains(
            "message=\"“you should have” &lt;blames&gt; &amp; &quot;accuses&quot;&#10;them\u{fffd}[31m\""
        ));
        assert!(xml.contains("type=\"blame/you-should-have\""));
        assert!(xml.contains("name=\"blame/you-should-have (2:1)\""));
        assert!(xml.contains("line=\"2\""));
        assert!(xml.contains("help: Say \"we\" &amp; &lt;mean&gt; it</failure>"));
        assert!(xml.contains(
            "<testcase name=\"tone\" classname=\"replies/kind\" file=\"replies/kind.txt\"/>"
        ));
        assert!(xml.contains("<error message=\"no such file &lt;or&gt; directory\""));
    }

    #[test]
    fn the_checker_catches_bad_xml() {
        let result = std::panic::catch_unwind(|| {
            assert_well_formed("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>x & y</a>\n");
        });
        assert!(result.is_err());
        let result = std::panic::catch_unwind(|| {
            assert_well_formed("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a><b></a></b>\n");
        });
        assert!(result.is_err());
    }

    #[test]
    fn classname_drops_the_extension() {
        assert_eq!(classname("replies/a.txt"), "replies/a");
        assert_eq!(classname("v1.2/readme"), "v1.2/readme");
        assert_eq!(classname(".hidden"), ".hidden");
        assert_eq!(classname("-"), "-");
    }
}
