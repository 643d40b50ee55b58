//! SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.
//!
//! # Contract
//!
//! One JSON document, one run:
//!
//! - `$schema` (the OASIS 2.1.0 errata 01 schema) and `version: "2.1.0"`.
//! - `runs[0].tool.driver`: `name: "tonelint"`, `version` (the crate's), `informationUri` only when
//!   the package names a repository, and `rules`: every loaded rule, in load order, as a
//!   `reportingDescriptor` — `id` = `category/id` (the code every format shows), `name` = the rule
//!   id, `shortDescription` = `summary`, `fullDescription` = `why`, `help` (summary, why and the
//!   rule's examples, as text and Markdown), `helpUri` when the rule has a link,
//!   `defaultConfiguration.level`, and `properties` with `category`, `pack`, `tags` (the rule's
//!   tags, then its category) and `precision` (from the rule's confidence: `very-high` ≥ 0.9,
//!   `high` ≥ 0.75, `medium` ≥ 0.5, else `low`, GitHub's vocabulary).
//! - `runs[0].columnKind: "unicodeCodePoints"`: columns count Unicode scalar values, as in every
//!   tonelint format (a byte-order mark is not counted).
//! - `runs[0].invocations[0]`: `executionSuccessful` is false when a file could not be read; each
//!   such file is a `toolExecutionNotifications` entry (`level: "error"`, its path and the reason).
//! - `runs[0].results`: one per finding, files in report order, findings by position:
//!   - `ruleId` = `category/id`, `ruleIndex` = its index in `rules` (absent if the rule was not
//!     loaded), `level` = `error` / `warning` / `note` (for `info`), `message.text` = the message;
//!   - one location: `artifactLocation.uri` is the path as given, with `/` separators, a leading
//!     `./` dropped and every byte outside RFC 3986's unreserved set and `/` percent-encoded (an
//!     absolute path becomes a `file://` URI); `region` has 1-based `startLine`, `startColumn`,
//!     `endLine`, `endColumn` (just past the last character) and the exact `byteOffset` /
//!     `byteLength` of the span in the file;
//!   - `partialFingerprints["tonelint/v1"]`: 16 hex digits of FNV-1a 64 over the code, the path and
//!     the flagged text (whitespace runs as one space), then `:n` for the n-th such result in the
//!     file — stable while the flagged words stay, whatever moves or re-wraps around them;
//!   - `fixes`: one per suggestion with edits, best first: `description.text` = its title,
//!     `artifactChanges[0].replacements` = its edits, each a `deletedRegion` (`byteOffset`,
//!     `byteLength`) and `insertedContent.text` (absent for a deletion); `properties.applicability`
//!     is `safe` or `review`;
//!   - `properties`: `confidence`, `zone`, and `note` when the position is approximate.
//!
//! Keys come in a fixed order and nothing depends on time or the machine, so the output is
//! deterministic.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use super::{FileError, FileReport, Options, positions};
use tonelint_core::rule::{Example, Rule};
use tonelint_core::span::LineIndex;
use tonelint_core::{Finding, Severity};

/// The `$schema` written.
// See: the `id` of the OASIS schema (shared/schemas/sarif-schema-2.1.0.json).
pub(super) const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of tonelint's own fingerprint in `partialFingerprints`.
pub(super) const FINGERPRINT: &str = "tonelint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: String,
    name: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'a str>,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    category: &'a str,
    pack: &'a str,
    tags: Vec<&'a str>,
    precision: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: OwnedText,
    locations: [Location; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix<'a>>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: Text<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: ByteRegion,
    #[serde(skip_serializing_if = "Option::is_none")]
    inserted_content: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: &'static str,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    confidence: f64,
    zone: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

/// SARIF's level for a severity.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// GitHub's `precision` for a confidence.
fn precision(confidence: f64) -> &'static str {
    if confidence >= 0.9 {
        "very-high"
    } else if confidence >= 0.75 {
        "high"
    } else if confidence >= 0.5 {
        "medium"
    } else {
        "low"
    }
}

/// The artifact URI of a path as given on the command line.
// See: SARIF 2.1.0 §3.4.3 (URIs are RFC 3986 URI references) and RFC 3986 §2.3 (unreserved).
pub(super) fn uri(path: &str) -> String {
    let mut path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_owned()
    };
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_owned();
    }
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    let prefix = if path.starts_with('/') {
        "file://"
    } else if drive {
        "file:///"
    } else {
        ""
    };
    let mut out = String::from(prefix);
    for (i, &b) in bytes.iter().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// FNV-1a, 64 bits: small, and stable across Rust releases (std's hasher is not).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

fn help(rule: &Rule) -> Help {
    let mut text = format!("{}\n\n{}", rule.summary, rule.why);
    let mut markdown = text.clone();
    for (example, _) in &rule.examples {
        match example {
            Example::Bad { text: bad, fixed } => {
                text.push_str(&format!("\n\nFlagged: {bad}"));
                markdown.push_str(&format!("\n\nFlagged:\n\n> {}", bad.replace('\n', "\n> ")));
                if let Some(fixed) = fixed {
                    text.push_str(&format!("\nUse instead: {fixed}"));
                    markdown.push_str(&format!(
                        "\n\nUse instead:\n\n> {}",
                        fixed.replace('\n', "\n> ")
                    ));
                }
            }
            Example::Good { text: good } => {
                text.push_str(&format!("\n\nFine: {good}"));
                markdown.push_str(&format!("\n\nFine:\n\n> {}", good.replace('\n', "\n> ")));
            }
        }
    }
    Help { text, markdown }
}

fn descriptor(rule: &Rule) -> Descriptor<'_> {
    let mut tags: Vec<&str> = Vec::new();
    for tag in rule.tags.iter().chain([&rule.category]) {
        // SARIF tags are a set (`uniqueItems`).
        if !tags.contains(&tag.as_str()) {
            tags.push(tag);
        }
    }
    Descriptor {
        id: rule.code(),
        name: &rule.id,
        short_description: Text {
            text: &rule.summary,
        },
        full_description: Text { text: &rule.why },
        help: help(rule),
        help_uri: rule.link.as_deref().filter(|l| l.contains("://")),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            category: &rule.category,
            pack: &rule.pack,
            tags,
            precision: precision(rule.confidence),
        },
    }
}

fn result<'a>(
    file: &FileReport<'a>,
    index: &LineIndex,
    finding: &'a Finding,
    rule_index: Option<usize>,
    occurrences: &mut HashMap<u64, usize>,
) -> SarifResult<'a> {
    let (start, end) = positions(index, file.text, finding);
    let code = finding.code();
    let uri = uri(&super::repo_path(file.path));
    // Whitespace runs count as one space, so re-wrapping a line or converting line endings
    // keeps the fingerprint.
    let flagged = file.text.get(finding.span.range()).unwrap_or_default();
    let flagged = flagged.split_whitespace().collect::<Vec<_>>().join(" ");
    let hash = fnv1a(&[&code, file.path, &flagged]);
    let nth = occurrences.entry(hash).or_default();
    *nth += 1;
    let fixes = finding
        .suggestions
        .iter()
        .filter(|s| !s.edits.is_empty())
        .map(|s| Fix {
            description: Text { text: &s.title },
            artifact_changes: [ArtifactChange {
                artifact_location: ArtifactLocation { uri: uri.clone() },
                replacements: s
                    .edits
                    .iter()
                    .map(|e| Replacement {
                        deleted_region: ByteRegion {
                            byte_offset: e.span.start,
                            byte_length: e.span.len(),
                        },
                        inserted_content: (!e.replacement.is_empty()).then_some(Text {
                            text: &e.replacement,
                        }),
                    })
                    .collect(),
            }],
            properties: FixProperties {
                applicability: s.applicability.as_str(),
            },
        })
        .collect();
    SarifResult {
        rule_id: code,
        rule_index,
        level: level(finding.severity),
        message: Text {
            text: &finding.message,
        },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri },
                region: Some(Region {
                    start_line: start.line,
                    start_column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    byte_offset: finding.span.start,
                    byte_length: finding.span.len(),
                }),
            },
        }],
        partial_fingerprints: BTreeMap::from([(FINGERPRINT, format!("{hash:016x}:{nth}"))]),
        fixes,
        properties: ResultProperties {
            confidence: finding.confidence,
            zone: finding.zone.as_str(),
            note: finding.note.as_deref(),
        },
    }
}

pub(super) fn render(
    out: &mut dyn Write,
    files: &[FileReport<'_>],
    errors: &[FileError],
    options: &Options<'_>,
) -> io::Result<()> {
    let mut rule_index: HashMap<String, usize> = HashMap::new();
    for (i, rule) in options.rules.iter().enumerate() {
        rule_index.entry(rule.code()).or_insert(i);
    }
    let mut results = Vec::new();
    for file in files {
        let index = LineIndex::new(file.text);
        let mut occurrences = HashMap::new();
        for finding in file.findings {
            let i = rule_index.get(&finding.code()).copied();
            results.push(result(file, &index, finding, i, &mut occurrences));
        }
    }
    let notifications = errors
        .iter()
        .map(|e| Notification {
            level: "error",
            message: OwnedText {
                text: e.message.clone(),
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uri(&super::repo_path(&e.path)),
                    },
                    region: None,
                },
            }],
        })
        .collect();
    let repository = env!("CARGO_PKG_REPOSITORY");
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "tonelint",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: (!repository.is_empty()).then_some(repository),
                    rules: options.rules.iter().map(descriptor).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: errors.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use tonelint_core::fix::{Applicability, Edit, Suggestion};
    use tonelint_core::pack;
    use tonelint_core::span::Span;

    fn rules() -> Vec<Rule> {
        pack::builtin().into_iter().flat_map(|p| p.rules).collect()
    }

    fn finding_of(rule: &Rule, span: Span, suggestions: Vec<Suggestion>) -> Finding {
        Finding {
            rule: rule.id.clone(),
            category: rule.category.clone(),
            severity: rule.severity,
            confidence: rule.confidence,
            span,
            zone: tonelint_core::region::Zone::Body,
            message: format!("flagged by {}", rule.id),
            suggestions,
            note: None,
            cues: Vec::new(),
        }
    }

    fn render_value(files: &[FileReport<'_>], errors: &[FileError], rules: &[Rule]) -> Value {
        let options = Options {
            rules,
            statistics: false,
            scorecards: &[],
            color: false,
        };
        let mut out = Vec::new();
        render(&mut out, files, errors, &options).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn required_keys_and_rule_index() {
        let rules = rules();
        assert!(rules.len() > 3);
        // Pick rules from the middle and the end so a wrong index cannot pass by accident.
        let a = &rules[rules.len() / 2];
        let b = &rules[rules.len() - 1];
        let text = "Hi,\nsome naïve words here\nand more words\n";
        let findings = [
            finding_of(a, Span::new(9, 15), Vec::new()),
            finding_of(b, Span::new(4, 28), Vec::new()),
        ];
        let files = [FileReport {
            path: "replies/a b.txt",
            text,
            findings: &findings,
        }];
        let doc = render_value(&files, &[], &rules);
        assert_eq!(doc["version"], "2.1.0");
        assert_eq!(doc["$schema"], SCHEMA);
        assert_eq!(doc["runs"].as_array().unwrap().len(), 1);
        let run = &doc["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(run["tool"]["driver"]["name"], "tonelint");
        assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
        let sarif_rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(sarif_rules.len(), rules.len());
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 2);
        for (result, rule) in results.iter().zip([a, b]) {
            let i = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
            assert_eq!(result["ruleId"], rule.code());
            assert_eq!(sarif_rules[i]["id"], rule.code());
            assert_eq!(sarif_rules[i]["name"], rule.id.as_str());
            assert_eq!(
                sarif_rules[i]["shortDescription"]["text"],
                rule.summary.as_str()
            );
            assert_eq!(sarif_rules[i]["fullDescription"]["text"], rule.why.as_str());
            assert_eq!(
                sarif_rules[i]["defaultConfiguration"]["level"],
                level(rule.severity)
            );
            assert_eq!(
                sarif_rules[i]["properties"]["category"],
                rule.category.as_str()
            );
            assert_eq!(result["message"]["text"], format!("flagged by {}", rule.id));
            let location = &result["locations"][0]["physicalLocation"];
            assert_eq!(location["artifactLocation"]["uri"], "replies/a%20b.txt");
            assert!(
                result["partialFingerprints"][FINGERPRINT]
                    .as_str()
                    .unwrap()
                    .ends_with(":1")
            );
        }
        // "naïve" has a two-byte ï: columns count characters, byteOffset/byteLength bytes.
        let region = &results[0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 2);
        assert_eq!(region["startColumn"], 6);
        assert_eq!(region["endColumn"], 11);
        assert_eq!(region["byteOffset"], 9);
        assert_eq!(region["byteLength"], 6);
        let region = &results[1]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (&region["startLine"], &region["endLine"]),
            (&2.into(), &3.into())
        );
    }

    #[test]
    fn levels_and_fixes() {
        let rules = rules();
        let rule = &rules[0];
        let text = "Hi,\nPer my last email!!! ok\n";
        let replace = Suggestion {
            applicability: Applicability::Review,
            title: "Replace with “As mentioned”".to_owned(),
            edits: vec![Edit {
                span: Span::new(4, 21),
                replacement: "As mentioned".to_owned(),
            }],
            sentence: None,
        };
        let delete = Suggestion {
            applicability: Applicability::Safe,
            title: "Remove the extra marks".to_owned(),
            edits: vec![Edit {
                span: Span::new(22, 24),
                replacement: String::new(),
            }],
            sentence: None,
        };
        let advice = Suggestion {
            applicability: Applicability::Advice,
            title: "Restate the point".to_owned(),
            edits: Vec::new(),
            sentence: None,
        };
        let mut info = finding_of(rule, Span::new(4, 21), vec![replace, advice, delete]);
        info.severity = Severity::Info;
        let mut error = finding_of(rule, Span::new(4, 21), Vec::new());
        error.severity = Severity::Error;
        let findings = [info, error];
        let files = [FileReport {
            path: "./x.txt",
            text,
            findings: &findings,
        }];
        let doc = render_value(&files, &[], &rules);
        let results = doc["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results[0]["level"], "note");
        assert_eq!(results[1]["level"], "error");
        // The same rule on the same words: same hash, counted apart.
        let f0 = results[0]["partialFingerprints"][FINGERPRINT]
            .as_str()
            .unwrap();
        let f1 = results[1]["partialFingerprints"][FINGERPRINT]
            .as_str()
            .unwrap();
        assert_eq!(f0[..16], f1[..16]);
        assert_eq!((&f0[16..], &f1[16..]), (":1", ":2"));
        let fixes = results[0]["fixes"].as_array().unwrap();
        assert_eq!(fixes.len(), 2, "advice has no edit, so no fix");
        assert_eq!(
            fixes[0]["description"]["text"],
            "Replace with “As mentioned”"
        );
        let change = &fixes[0]["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], "x.txt");
        assert_eq!(
            change["replacements"][0],
            serde_json::json!({
                "deletedRegion": {"byteOffset": 4, "byteLength": 17},
                "insertedContent": {"text": "As mentioned"},
            })
        );
        let deletion = &fixes[1]["artifactChanges"][0]["replacements"][0];
        assert_eq!(deletion["deletedRegion"]["byteOffset"], 22);
        assert!(deletion.get("insertedContent").is_none());
        assert!(results[1].get("fixes").is_none());
    }

    #[test]
    fn fingerprints_survive_rewrapping_but_not_rewording() {
        let rules = rules();
        let fingerprint = |text: &str, start: usize, end: usize| {
            let findings = [finding_of(&rules[0], Span::new(start, end), Vec::new())];
            let files = [FileReport {
                path: "a.txt",
                text,
                findings: &findings,
            }];
            let doc = render_value(&files, &[], &rules);
            doc["runs"][0]["results"][0]["partialFingerprints"][FINGERPRINT]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let one_line = fingerprint("Hi,\nper my last email\n", 4, 21);
        let wrapped = fingerprint("Hello there,\n\nper my\r\nlast email\n", 14, 32);
        let reworded = fingerprint("Hi,\nper my first email\n", 4, 22);
        assert_eq!(one_line, wrapped);
        assert_ne!(one_line, reworded);
    }

    #[test]
    fn unreadable_files_are_notifications() {
        let errors = [FileError {
            path: "gone.txt".to_owned(),
            message: "not found".to_owned(),
        }];
        let doc = render_value(&[], &errors, &[]);
        let invocation = &doc["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let n = &invocation["toolExecutionNotifications"][0];
        assert_eq!(n["level"], "error");
        assert_eq!(n["message"]["text"], "not found");
        assert_eq!(
            n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "gone.txt"
        );
        assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
    }

    #[test]
    fn uris_are_escaped() {
        assert_eq!(uri("replies/a.txt"), "replies/a.txt");
        assert_eq!(uri("./././replies/a.txt"), "replies/a.txt");
        assert_eq!(uri("50% off #1?.md"), "50%25%20off%20%231%3F.md");
        assert_eq!(uri("café:x.txt"), "caf%C3%A9%3Ax.txt");
        assert_eq!(uri("/tmp/a b.txt"), "file:///tmp/a%20b.txt");
        assert_eq!(uri("-"), "-");
    }

    #[test]
    fn output_is_deterministic() {
        let rules = rules();
        let findings = [finding_of(&rules[1], Span::new(0, 2), Vec::new())];
        let files = [FileReport {
            path: "a.txt",
            text: "Hi there",
            findings: &findings,
        }];
        let options = Options {
            rules: &rules,
            statistics: false,
            scorecards: &[],
            color: false,
        };
        let mut first = Vec::new();
        let mut second = Vec::new();
        render(&mut first, &files, &[], &options).unwrap();
        render(&mut second, &files, &[], &options).unwrap();
        assert_eq!(first, second);
        let text = String::from_utf8(first).unwrap();
        assert!(text.starts_with("{\n  \"$schema\": "), "{}", &text[..40]);
    }
}
