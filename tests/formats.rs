//! CI output formats on real findings: GitHub annotations read back to the findings, SARIF checked
//! by hand, against the OASIS schema and by the SARIF Multitool, rdjson and JUnit positions and
//! shape.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use tonelint::report::{self, Annotation, FileError, FileReport, Format};
use tonelint_core::{Finding, LineIndex, Linter, Severity, Source, Span, pack};

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    Linter::new(pack::builtin().into_iter().flat_map(|p| p.rules).collect()).unwrap()
});

/// A rude draft: CRLF, non-ASCII before and inside findings, a finding across two lines, all three
/// severities, suggestions with and without edits.
const DRAFT: &str = "Hi Zoë,\r\n\r\n\
RTFM. Seriously, it’s not rocket science: café settings > Export.\r\n\
You should have known this already, and per my last email, there is nothing we can do.\r\n\
You clicked the link. Please calm down!!! PLEASE READ THE ARTICLE BEFORE WRITING AGAIN.\r\n\r\n\
As I already\r\nexplained, this is user error.\r\n\r\nCheers,\r\nDev\r\n";

/// A path that needs escaping in every format.
const ODD_PATH: &str = "replies/odd, name: 50% <&\">.txt";

struct Linted {
    path: &'static str,
    text: String,
    findings: Vec<Finding>,
}

fn lint(path: &'static str, text: &str) -> Linted {
    Linted {
        path,
        text: text.to_owned(),
        findings: LINTER.check(&Source::plain(path, text)),
    }
}

fn linted() -> Vec<Linted> {
    let files = vec![
        lint("replies/a.txt", DRAFT),
        lint(ODD_PATH, "Hi,\n\nPer my last email, RTFM.\n"),
        lint(
            "replies/kind.txt",
            "Hi Sam,\n\nThanks for the quick reply!\n",
        ),
    ];
    assert!(files[0].findings.len() >= 10, "the draft lost findings");
    assert!(files[1].findings.len() >= 2);
    assert!(files[2].findings.is_empty());
    files
}

fn render(format: Format, files: &[Linted], errors: &[FileError]) -> String {
    let reports: Vec<FileReport<'_>> = files
        .iter()
        .map(|f| FileReport {
            path: f.path,
            text: &f.text,
            findings: &f.findings,
        })
        .collect();
    let options = report::Options {
        rules: LINTER.rules(),
        statistics: false,
        scorecards: &[],
        color: false,
    };
    let mut out = Vec::new();
    report::render(format, &mut out, &reports, errors, &options).unwrap();
    String::from_utf8(out).unwrap()
}

fn unreadable() -> Vec<FileError> {
    vec![FileError {
        path: "replies/gone.txt".to_owned(),
        message: "No such file or directory (os error 2)".to_owned(),
    }]
}

/// The span without the line breaks it ends with (what line-based formats show).
fn shown(text: &str, span: Span) -> Span {
    let trimmed = text[span.range()].trim_end_matches(['\r', '\n']);
    if trimmed.is_empty() {
        span
    } else {
        Span::new(span.start, span.start + trimmed.len())
    }
}

// ---------------------------------------------------------------------------------------------
// GitHub

#[test]
fn github_annotations_read_back_to_the_findings() {
    let files = linted();
    let out = render(Format::Github, &files, &[]);
    let lines: Vec<&str> = out.lines().collect();
    let parsed: Vec<Annotation> = lines.iter().filter_map(|l| Annotation::parse(l)).collect();

    let mut expected = Vec::new();
    let mut severities = Vec::new();
    for file in &files {
        let index = LineIndex::new(&file.text);
        for f in &file.findings {
            let start = index.position(&file.text, f.span.start);
            let end = index.position(&file.text, shown(&file.text, f.span).end);
            let column = (start.line == end.line).then_some(start.column);
            expected.push((
                file.path.to_owned(),
                start.line,
                column,
                f.code(),
                f.message.clone(),
            ));
            severities.push(f.severity);
        }
    }
    let got: Vec<_> = parsed
        .iter()
        .map(|a| {
            (
                a.file.clone(),
                a.line.expect("line"),
                a.col,
                a.code().expect("code in the title").to_owned(),
                a.message.clone(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(
        parsed.iter().map(|a| a.severity).collect::<Vec<_>>(),
        severities
    );
    // The draft has a finding across lines (no columns) and the odd path needed escaping.
    assert!(expected.iter().any(|e| e.2.is_none()));
    assert!(
        parsed
            .iter()
            .any(|a| a.end_line > a.line && a.end_column.is_none())
    );
    assert!(out.contains("file=replies/odd%2C name%3A 50%25 <&\">.txt,"));
    assert!(lines.iter().any(|l| l.starts_with("::notice ")));
    assert!(lines.iter().any(|l| l.starts_with("::error ")));

    // More than 10 warnings: every command is there, then one plain summary line.
    let warnings = severities
        .iter()
        .filter(|s| **s == Severity::Warning)
        .count();
    assert!(
        warnings > 10,
        "{warnings} warnings: the summary is not exercised"
    );
    assert_eq!(lines.len(), parsed.len() + 1);
    let summary = lines.last().unwrap();
    assert!(!summary.starts_with("::"), "{summary}");
    assert!(
        summary.contains(&format!("{} findings", expected.len())),
        "{summary}"
    );
    assert!(
        summary.contains(&format!("{warnings} warnings")),
        "{summary}"
    );
    assert!(summary.contains("first 10"), "{summary}");
}

// ---------------------------------------------------------------------------------------------
// SARIF

/// The byte offset of a SARIF (line, column) position: columns count Unicode scalar values.
fn char_position_offset(text: &str, index: &LineIndex, line: u64, column: u64) -> usize {
    let start = index.line_start(usize::try_from(line).unwrap() - 1);
    let skip = usize::try_from(column).unwrap() - 1;
    text[start..]
        .char_indices()
        .nth(skip)
        .map_or(text.len(), |(i, _)| start + i)
}

#[test]
fn sarif_has_the_required_fields() {
    let files = linted();
    let errors = unreadable();
    let doc: Value = serde_json::from_str(&render(Format::Sarif, &files, &errors)).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    assert!(doc["$schema"].as_str().unwrap().starts_with("https://"));
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "tonelint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), LINTER.rules().len());
    for (rule, loaded) in rules.iter().zip(LINTER.rules()) {
        assert_eq!(rule["id"], loaded.code());
        assert_eq!(rule["name"], loaded.id.as_str());
        assert_eq!(rule["shortDescription"]["text"], loaded.summary.as_str());
        assert_eq!(rule["fullDescription"]["text"], loaded.why.as_str());
        assert!(
            ["error", "warning", "note"]
                .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap())
        );
    }
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["message"]["text"],
        errors[0].message.as_str()
    );

    let results = run["results"].as_array().unwrap();
    let all: Vec<(&Linted, &Finding)> = files
        .iter()
        .flat_map(|f| f.findings.iter().map(move |x| (f, x)))
        .collect();
    assert_eq!(results.len(), all.len());
    let mut fingerprints = std::collections::HashSet::new();
    let mut fixes_seen = 0;
    for (result, (file, f)) in results.iter().zip(&all) {
        assert_eq!(result["ruleId"], f.code());
        let i = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(
            rules[i]["id"],
            f.code(),
            "ruleIndex points at the wrong rule"
        );
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        assert_eq!(result["level"], level);
        assert_eq!(result["message"]["text"], f.message.as_str());
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        if file.path == ODD_PATH {
            assert_eq!(uri, "replies/odd%2C%20name%3A%2050%25%20%3C%26%22%3E.txt");
        } else {
            assert_eq!(uri, file.path);
        }
        // Both the byte range and the line/column range select exactly the flagged text.
        let region = &location["region"];
        let offset = usize::try_from(region["byteOffset"].as_u64().unwrap()).unwrap();
        let length = usize::try_from(region["byteLength"].as_u64().unwrap()).unwrap();
        assert_eq!(Span::new(offset, offset + length), f.span);
        let index = LineIndex::new(&file.text);
        let at = |line: &str, column: &str| {
            char_position_offset(
                &file.text,
                &index,
                region[line].as_u64().unwrap(),
                region[column].as_u64().unwrap(),
            )
        };
        assert_eq!(
            &file.text[at("startLine", "startColumn")..at("endLine", "endColumn")],
            &file.text[f.span.range()],
            "{}",
            f.code()
        );
        let fingerprint = result["partialFingerprints"]["tonelint/v1"]
            .as_str()
            .unwrap();
        assert!(fingerprints.insert(fingerprint.to_owned()), "{fingerprint}");
        // Each fix's replacements are the edits of a suggestion, in order.
        let with_edits: Vec<_> = f
            .suggestions
            .iter()
            .filter(|s| !s.edits.is_empty())
            .collect();
        let fixes = result["fixes"].as_array().map_or(&[][..], Vec::as_slice);
        assert_eq!(fixes.len(), with_edits.len());
        for (fix, suggestion) in fixes.iter().zip(with_edits) {
            fixes_seen += 1;
            assert_eq!(fix["description"]["text"], suggestion.title.as_str());
            let change = &fix["artifactChanges"][0];
            assert_eq!(change["artifactLocation"]["uri"], uri);
            let replacements = change["replacements"].as_array().unwrap();
            assert_eq!(replacements.len(), suggestion.edits.len());
            for (r, edit) in replacements.iter().zip(&suggestion.edits) {
                let deleted = &r["deletedRegion"];
                assert_eq!(deleted["byteOffset"], edit.span.start);
                assert_eq!(deleted["byteLength"], edit.span.len());
                let inserted = r["insertedContent"]["text"].as_str().unwrap_or("");
                assert_eq!(inserted, edit.replacement);
            }
        }
    }
    assert!(fixes_seen >= 5, "only {fixes_seen} fixes");
}

/// The OASIS schema, from `../shared` (beside the project in CI).
fn sarif_schema() -> Option<Value> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).unwrap()),
        Err(e) => {
            skip_or_fail(&format!(
                "SARIF schema not readable at {}: {e}",
                path.display()
            ));
            None
        }
    }
}

/// In CI a missing tool is a failure (CI installs it); elsewhere the test says so and passes.
#[track_caller]
#[allow(clippy::print_stderr)] // The note is for the developer running the tests.
fn skip_or_fail(why: &str) {
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("{why}");
    }
    eprintln!("note: skipped: {why}");
}

#[test]
fn sarif_matches_the_oasis_schema() {
    let Some(schema) = sarif_schema() else { return };
    let files = linted();
    let doc: Value = serde_json::from_str(&render(Format::Sarif, &files, &unreadable())).unwrap();
    let mut errors = Vec::new();
    validate(&schema, &schema, &doc, "", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}");

    // The validator itself must catch what matters.
    let mut broken = doc.clone();
    broken.as_object_mut().unwrap().remove("version");
    let region = &mut broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    let line = region.as_object_mut().unwrap().remove("startLine").unwrap();
    region["startline"] = line;
    broken["runs"][0]["results"][1]["level"] = "fatal".into();
    broken["runs"][0]["columnKind"] = "bytes".into();
    let mut errors = Vec::new();
    validate(&schema, &schema, &broken, "", &mut errors);
    let all = errors.join("\n");
    for expected in ["version", "startline", "fatal", "bytes"] {
        assert!(all.contains(expected), "{expected} not caught in:\n{all}");
    }
}

/// A small JSON Schema (draft 04) validator: the keywords the SARIF schema uses.
fn validate(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let pointer = reference.strip_prefix('#').expect("local $ref");
        let target = root.pointer(pointer).expect("$ref resolves");
        return validate(root, target, value, at, errors);
    }
    let mut fail = |what: String| errors.push(format!("{at}: {what}"));
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let ok = types.iter().any(|t| match *t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => true,
        });
        if !ok {
            fail(format!("{value} is not of type {types:?}"));
            return;
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        fail(format!("{value} is not one of {options:?}"));
    }
    if let Some(n) = value.as_f64() {
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64)
            && n < min
        {
            fail(format!("{n} < minimum {min}"));
        }
        if let Some(max) = schema.get("maximum").and_then(Value::as_f64)
            && n > max
        {
            fail(format!("{n} > maximum {max}"));
        }
    }
    if let Some(s) = value.as_str() {
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str)
            && !Regex::new(pattern).unwrap().is_match(s)
        {
            fail(format!("{s:?} does not match {pattern}"));
        }
        match schema.get("format").and_then(Value::as_str) {
            Some("uri") if !is_uri_reference(s) || !has_scheme(s) => {
                fail(format!("{s:?} is not an absolute URI"));
            }
            Some("uri-reference") if !is_uri_reference(s) => {
                fail(format!("{s:?} is not a URI reference"));
            }
            _ => {}
        }
    }
    if let Some(items) = value.as_array() {
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64)
            && (items.len() as u64) < min
        {
            fail(format!("fewer than {min} items"));
        }
        if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
            for (i, item) in items.iter().enumerate() {
                if items[..i].contains(item) {
                    fail(format!("duplicate item {item}"));
                }
            }
        }
        if let Some(item_schema) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                validate(root, item_schema, item, &format!("{at}/{i}"), errors);
            }
        }
    }
    if let Some(object) = value.as_object() {
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !object.contains_key(key) {
                errors.push(format!("{at}: required property {key:?} is missing"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (key, item) in object {
            let path = format!("{at}/{key}");
            if let Some(property) = properties.and_then(|p| p.get(key)) {
                validate(root, property, item, &path, errors);
            } else {
                match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        errors.push(format!("{path}: property {key:?} is not allowed"));
                    }
                    Some(extra @ Value::Object(_)) => validate(root, extra, item, &path, errors),
                    _ => {}
                }
            }
        }
    }
    for (keyword, wanted) in [("anyOf", 1..usize::MAX), ("oneOf", 1..2)] {
        if let Some(options) = schema.get(keyword).and_then(Value::as_array) {
            let matching = options
                .iter()
                .filter(|option| {
                    let mut sub = Vec::new();
                    validate(root, option, value, at, &mut sub);
                    sub.is_empty()
                })
                .count();
            if !wanted.contains(&matching) {
                errors.push(format!("{at}: {matching} of the {keyword} schemas match"));
            }
        }
    }
}

fn has_scheme(s: &str) -> bool {
    Regex::new("^[A-Za-z][A-Za-z0-9+.-]*:").unwrap().is_match(s)
}

/// RFC 3986 characters only, and every `%` starts an escape.
fn is_uri_reference(s: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c);
    s.chars().all(allowed)
        && s.match_indices('%').all(|(i, _)| {
            s.get(i + 1..i + 3)
                .is_some_and(|h| h.chars().all(|c| c.is_ascii_hexdigit()))
        })
}

/// The SARIF Multitool installed by `.ci/run` (`npm install --prefix target/sarif-tools …`).
fn multitool() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/sarif-tools/node_modules/.bin/sarif-multitool")
}

#[test]
fn sarif_passes_the_multitool() {
    let tool = multitool();
    if !tool.exists() {
        skip_or_fail(&format!(
            "SARIF Multitool not installed at {}; install it with \
             `npm install --prefix target/sarif-tools --no-audit --no-fund @microsoft/sarif-multitool`",
            tool.display()
        ));
        return;
    }
    let files = linted();
    let sarif = render(Format::Sarif, &files, &unreadable());
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ours = dir.join("tonelint.sarif");
    std::fs::write(&ours, &sarif).unwrap();
    // A copy without `version`: proves the run below would notice a broken file.
    let mut broken: Value = serde_json::from_str(&sarif).unwrap();
    broken.as_object_mut().unwrap().remove("version");
    let control = dir.join("control.sarif");
    std::fs::write(&control, broken.to_string()).unwrap();
    let log = dir.join("validation.sarif");
    let _ = std::fs::remove_file(&log);

    // `validate` exits 0 even when it reports errors (and 1 only for usage errors or no file to
    // scan), so the verdict is read from the log it writes with `-o`.
    let output = Command::new(&tool)
        .arg("validate")
        .arg("-o")
        .arg(&log)
        .arg(&ours)
        .arg(&control)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let context = format!("stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(output.status.success(), "{}\n{context}", output.status);
    assert!(stdout.contains("2 files scanned"), "{context}");

    let verdict: Value = serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    let mut ours_reported = Vec::new();
    let mut control_reported = Vec::new();
    for result in verdict["runs"][0]["results"].as_array().unwrap() {
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or_default();
        // An absent level is SARIF's default, `warning`.
        let level = result["level"].as_str().unwrap_or("warning").to_owned();
        let rule = result["ruleId"].as_str().unwrap_or_default().to_owned();
        if uri.ends_with("/control.sarif") {
            control_reported.push((level, rule));
        } else {
            assert!(uri.ends_with("/tonelint.sarif"), "{uri}");
            ours_reported.push((level, rule));
        }
    }
    assert!(
        control_reported.contains(&("error".to_owned(), "JSON1002".to_owned())),
        "the control file's missing version went unreported: {control_reported:?}\n{context}"
    );
    // SARIF2005 asks for `informationUri`, which exists only once Cargo.toml names a repository.
    ours_reported.retain(|(level, rule)| {
        !(level == "warning" && rule == "SARIF2005" && env!("CARGO_PKG_REPOSITORY").is_empty())
    });
    assert!(
        ours_reported.is_empty(),
        "the Multitool reported {ours_reported:?}\n{context}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------------
// rdjson

#[test]
fn rdjson_ranges_select_the_flagged_bytes() {
    let files = linted();
    let doc: Value = serde_json::from_str(&render(Format::Rdjson, &files, &[])).unwrap();
    assert_eq!(doc["source"]["name"], "tonelint");
    assert_eq!(doc["severity"], "ERROR");
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    let all: Vec<(&Linted, &Finding)> = files
        .iter()
        .flat_map(|f| f.findings.iter().map(move |x| (f, x)))
        .collect();
    assert_eq!(diagnostics.len(), all.len());
    let mut suggestions_seen = 0;
    for (d, (file, f)) in diagnostics.iter().zip(&all) {
        assert_eq!(d["message"], f.message.as_str());
        assert_eq!(d["code"]["value"], f.code());
        assert_eq!(d["severity"], f.severity.as_str().to_uppercase());
        assert_eq!(d["location"]["path"], file.path);
        // rdjson columns are 1-based UTF-8 byte offsets within the line.
        let index = LineIndex::new(&file.text);
        let offset = |p: &Value| {
            let line = usize::try_from(p["line"].as_u64().unwrap()).unwrap();
            let column = usize::try_from(p["column"].as_u64().unwrap()).unwrap();
            index.line_start(line - 1) + column - 1
        };
        let range = &d["location"]["range"];
        let span = Span::new(offset(&range["start"]), offset(&range["end"]));
        assert_eq!(span, shown(&file.text, f.span), "{}", f.code());
        for s in d["suggestions"].as_array().map_or(&[][..], Vec::as_slice) {
            suggestions_seen += 1;
            let span = Span::new(offset(&s["range"]["start"]), offset(&s["range"]["end"]));
            let applied = format!(
                "{}{}{}",
                &file.text[..span.start],
                s["text"].as_str().unwrap(),
                &file.text[span.end..]
            );
            // Some suggestion of the finding, applied to the file, gives the same text.
            assert!(
                f.suggestions
                    .iter()
                    .any(|x| tonelint_core::fix::apply(&file.text, &x.edits).0 == applied),
                "{}: {s}",
                f.code()
            );
        }
    }
    assert!(suggestions_seen >= 5, "only {suggestions_seen} suggestions");
}

// ---------------------------------------------------------------------------------------------
// JUnit

#[test]
fn junit_has_a_suite_per_file_and_a_case_per_finding() {
    let files = linted();
    let xml = render(Format::Junit, &files, &unreadable());
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    let total: usize = files.iter().map(|f| f.findings.len()).sum();
    let suites = xml.matches("<testsuite ").count();
    assert_eq!(
        suites,
        files.len() + 1,
        "one per file and one per unreadable file"
    );
    assert_eq!(xml.matches("<failure ").count(), total);
    assert_eq!(xml.matches("<error ").count(), 1);
    // The clean file passes with one testcase.
    assert!(xml.contains(
        "<testcase name=\"tone\" classname=\"replies/kind\" file=\"replies/kind.txt\"/>"
    ));
    assert!(xml.contains(&format!(
        "<testsuites name=\"tonelint\" tests=\"{}\" failures=\"{total}\" errors=\"1\">",
        total + 2
    )));
    // The odd path is escaped wherever it appears, and never raw.
    assert!(!xml.contains(ODD_PATH));
    assert!(xml.contains("name=\"replies/odd, name: 50% &lt;&amp;&quot;&gt;.txt\""));
    // Each finding's code, line and message are in its testcase.
    for file in &files {
        let index = LineIndex::new(&file.text);
        for f in &file.findings {
            let start = index.position(&file.text, f.span.start);
            let case = format!("name=\"{} ({}:{})\"", f.code(), start.line, start.column);
            assert!(xml.contains(&case), "{case}");
        }
    }
    let tags = Regex::new(r"</?([a-z]+)").unwrap();
    let mut depth: i32 = 0;
    for tag in tags.captures_iter(&xml) {
        depth += if tag[0].starts_with("</") { -1 } else { 1 };
    }
    let self_closing = xml.matches("/>").count();
    assert_eq!(
        usize::try_from(depth).unwrap(),
        self_closing,
        "unbalanced tags"
    );
}

// ---------------------------------------------------------------------------------------------
// HTML

/// The HTML report is one self-contained page: no script, no external asset; every finding is
/// highlighted and listed with its message; every reply has its warmth, coldest first.
#[test]
fn html_report_is_self_contained_and_shows_every_finding() {
    let files = linted();
    let reports: Vec<FileReport<'_>> = files
        .iter()
        .map(|f| FileReport {
            path: f.path,
            text: &f.text,
            findings: &f.findings,
        })
        .collect();
    let cards: Vec<tonelint_core::scorecard::Scorecard> = files
        .iter()
        .flat_map(|f| {
            tonelint_core::scorecard::scorecards(
                &Source::plain(f.path, f.text.as_str()),
                &f.findings,
            )
        })
        .collect();
    let options = report::Options {
        rules: LINTER.rules(),
        statistics: false,
        scorecards: &cards,
        color: false,
    };
    let mut out = Vec::new();
    report::render(Format::Html, &mut out, &reports, &unreadable(), &options).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    for forbidden in [
        "<script",
        "src=",
        "stylesheet",
        "@import",
        "url(",
        "http://",
        "https://",
    ] {
        assert!(!page.contains(forbidden), "the page has {forbidden:?}");
    }
    // Links go within the page; the icon is empty data, so the browser asks for nothing.
    for href in page.split("href=\"").skip(1) {
        assert!(
            href.starts_with('#') || href.starts_with("data:,"),
            "{}",
            &href[..20]
        );
    }
    let total: usize = files.iter().map(|f| f.findings.len()).sum();
    assert_eq!(page.matches("<li id=\"f").count(), total);
    assert_eq!(page.matches("<sup class=\"ref\">").count(), total);
    for f in files.iter().flat_map(|f| &f.findings) {
        let escaped = f
            .message
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        assert!(page.contains(&escaped), "missing {}", f.message);
    }
    // The odd path's angle brackets and quotes are escaped, never markup.
    assert!(!page.contains(ODD_PATH));
    assert!(page.contains("replies/gone.txt: No such file or directory"));
    // Coldest first: the rude draft's row before the kind one's.
    let rude = page.find("href=\"#file-1\"").unwrap();
    let kind = page.find("href=\"#file-3\"").unwrap();
    assert!(rude < kind);
}
