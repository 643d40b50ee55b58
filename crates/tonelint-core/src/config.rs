//! User configuration: the text of a `tonelint.toml`, parsed ([`ConfigFile`]) and resolved into
//! [`Settings`] and the packs they name ([`Config`]).
//!
//! Every field is optional; a file's fields override the file it `extend`s. Unknown keys are
//! errors with the file, line and column. Finding the file, and reading the files it extends and
//! the pack files it names, is the front end's job: this module only parses text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Location, Result};
use crate::finding::Finding;
use crate::rule::Rule;
use crate::rule::Severity;

/// The names a configuration file may have, in order of preference within one directory.
pub const FILE_NAMES: [&str; 2] = ["tonelint.toml", ".tonelint.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigSpec {
    extend: Option<Spanned<String>>,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    extend_select: Option<Vec<String>>,
    fail_on: Option<Severity>,
    min_confidence: Option<Spanned<f64>>,
    packs: Option<Vec<String>>,
    severity: Option<BTreeMap<String, Severity>>,
    #[serde(default)]
    overrides: Vec<Spanned<OverrideSpec>>,
    placeholders: Option<Vec<crate::source::Syntax>>,
    placeholder_patterns: Option<Vec<Spanned<String>>>,
    reply_separator: Option<Spanned<String>>,
    json_fields: Option<Vec<String>>,
    // A pack defined inline: read by `Pack::parse_inline`.
    pack: Option<toml::Value>,
    words: Option<toml::Value>,
    rule: Option<toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OverrideSpec {
    files: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
}

/// Rules ignored or re-graded for files matching some globs.
#[derive(Debug, Clone)]
pub struct Override {
    globs: GlobSet,
    /// Selectors of rules ignored for those files.
    pub ignore: Vec<String>,
    /// Severity overrides for those files.
    pub severity: BTreeMap<String, Severity>,
}

/// Resolved settings: what to lint with and what fails a run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Selectors of enabled rules (empty: all).
    pub select: Vec<String>,
    /// Selectors added to `select`.
    pub extend_select: Vec<String>,
    /// Selectors of disabled rules; ignore wins over select.
    pub ignore: Vec<String>,
    /// The lowest severity that fails a run.
    pub fail_on: Severity,
    /// Findings below this confidence are dropped.
    pub min_confidence: f64,
    /// Extra rule-pack files, resolved against their configuration file.
    pub packs: Vec<PathBuf>,
    /// Severity per selector.
    pub severity: BTreeMap<String, Severity>,
    /// Per-glob overrides, in file order.
    pub overrides: Vec<Override>,
    /// The configuration files read, the nearest first.
    pub files: Vec<PathBuf>,
    /// The packs the configuration files define inline (`[pack]` and `[[rule]]` tables).
    pub inline_packs: Vec<crate::Pack>,
    /// How sources are read (placeholders, reply separator, JSON fields).
    pub source: crate::source::Options,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            select: Vec::new(),
            extend_select: Vec::new(),
            ignore: Vec::new(),
            fail_on: Severity::Warning,
            min_confidence: 0.0,
            packs: Vec::new(),
            severity: BTreeMap::new(),
            overrides: Vec::new(),
            files: Vec::new(),
            inline_packs: Vec::new(),
            source: crate::source::Options::default(),
        }
    }
}

/// Whether `selector` picks `rule`: `all`, a category, a pack, an id, `category/id`, or a prefix
/// of the id or of `category/id`.
#[must_use]
pub fn selects(selector: &str, rule: &Rule) -> bool {
    selector == "all"
        || selector == rule.category
        || selector == rule.pack
        || rule.id.starts_with(selector)
        || rule.code().starts_with(selector)
}

/// One configuration file, parsed: its own keys, before the files it extends are merged in.
#[derive(Debug)]
pub struct ConfigFile {
    /// The file as the user named it.
    pub path: String,
    text: String,
    spec: ConfigSpec,
    /// The pack it defines inline, if any.
    inline: Option<crate::Pack>,
}

impl ConfigFile {
    /// Parses the configuration in `text`, read from `path`.
    ///
    /// # Errors
    ///
    /// Invalid TOML, an unknown key or a value of the wrong type: an [`Error::Config`] with the
    /// line and column; an invalid inline pack: an [`Error::Pack`].
    pub fn parse(path: &str, text: &str) -> Result<ConfigFile> {
        let spec: ConfigSpec = toml::from_str(text).map_err(|e| Error::Config {
            location: Location::at(path, text, e.span().map_or(0, |s| s.start)),
            message: crate::pack::toml_message(&e),
        })?;
        let inline = if spec.rule.is_some() || spec.pack.is_some() || spec.words.is_some() {
            crate::Pack::parse_inline(path, text)?
        } else {
            None
        };
        Ok(ConfigFile {
            path: path.to_owned(),
            text: text.to_owned(),
            spec,
            inline,
        })
    }

    /// The file it extends, as written (relative to its directory), and where that is written.
    #[must_use]
    pub fn extend(&self) -> Option<(&str, Location)> {
        self.spec.extend.as_ref().map(|e| {
            (
                e.get_ref().as_str(),
                Location::at(&self.path, &self.text, e.span().start),
            )
        })
    }

    /// The directory its relative paths (`extend`, `packs`) are relative to.
    fn base(&self) -> &Path {
        Path::new(&self.path).parent().unwrap_or(Path::new("."))
    }
}

/// Settings and the user's rule packs: everything a linter is built from besides the built-in
/// packs ([`crate::Linter::with_config`]).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// What to lint with and what fails.
    pub settings: Settings,
    /// The user's own packs (their files are named in `settings.packs`; a front end reads them).
    pub packs: Vec<crate::Pack>,
    /// Packs used instead of the built-in ones, when set: a rule author trying edits to
    /// `rules/*.toml` without rebuilding.
    pub builtin: Option<Vec<crate::Pack>>,
}

impl Config {
    /// The configuration in `text`, read from `path`, for front ends without files: a file that
    /// `extend`s another or names pack files is an error here; a pack defined in it (`[pack]` and
    /// `[[rule]]` tables, as in a pack file) is the configuration's own.
    ///
    /// # Errors
    ///
    /// As [`ConfigFile::parse`], and [`Settings::merge`]; `extend` or `packs`.
    pub fn parse(path: &str, text: &str) -> Result<Config> {
        let file = ConfigFile::parse(path, text)?;
        if let Some((_, location)) = file.extend() {
            return Err(Error::Config {
                location,
                message: "`extend` needs files; here the configuration is one text".to_owned(),
            });
        }
        let mut settings = Settings::default();
        settings.merge(&file)?;
        if !settings.packs.is_empty() {
            return Err(Error::Config {
                location: Location::file(path),
                message: "`packs` names files; here the configuration is one text (define the pack's rules in it instead)".to_owned(),
            });
        }
        Ok(Config {
            packs: std::mem::take(&mut settings.inline_packs),
            settings,
            ..Config::default()
        })
    }
}

impl Settings {
    /// Applies `file`'s keys over these settings (a file over the one it extends).
    ///
    /// # Errors
    ///
    /// A value out of range, an invalid regex or glob: an [`Error::Config`] with its position.
    pub fn merge(&mut self, file: &ConfigFile) -> Result<()> {
        let shown = file.path.as_str();
        let text = file.text.as_str();
        let spec = &file.spec;
        if let Some(v) = &spec.select {
            self.select.clone_from(v);
        }
        if let Some(v) = &spec.ignore {
            self.ignore.clone_from(v);
        }
        if let Some(v) = &spec.extend_select {
            self.extend_select.clone_from(v);
        }
        if let Some(v) = spec.fail_on {
            self.fail_on = v;
        }
        if let Some(v) = &spec.min_confidence {
            if !(0.0..=1.0).contains(v.get_ref()) {
                return Err(Error::Config {
                    location: Location::at(shown, text, v.span().start),
                    message: "min-confidence must be between 0 and 1".to_owned(),
                });
            }
            self.min_confidence = *v.get_ref();
        }
        if let Some(packs) = &spec.packs {
            self.packs.extend(packs.iter().map(|p| file.base().join(p)));
        }
        if let Some(severity) = &spec.severity {
            self.severity
                .extend(severity.iter().map(|(k, v)| (k.clone(), *v)));
        }
        let regex = |spec: &Spanned<String>| {
            regex::Regex::new(spec.get_ref()).map_err(|e| Error::Config {
                location: Location::at(shown, text, spec.span().start),
                message: format!(
                    "invalid regex: {}",
                    e.to_string()
                        .lines()
                        .last()
                        .unwrap_or_default()
                        .trim_start_matches("error: ")
                ),
            })
        };
        if let Some(v) = &spec.placeholders {
            self.source.placeholders = v.as_slice().into();
        }
        if let Some(v) = &spec.placeholder_patterns {
            self.source.extra_placeholders = v.iter().map(regex).collect::<Result<_>>()?;
        }
        if let Some(v) = &spec.reply_separator {
            self.source.reply_separator = Some(regex(v)?);
        }
        if let Some(v) = &spec.json_fields {
            self.source.json_fields = v.as_slice().into();
        }
        for o in &spec.overrides {
            let at = o.span().start;
            let o = o.get_ref();
            let invalid = |e: globset::Error| Error::Config {
                location: Location::at(shown, text, at),
                message: format!("invalid glob: {e}"),
            };
            let mut builder = GlobSetBuilder::new();
            for glob in &o.files {
                builder.add(Glob::new(glob).map_err(invalid)?);
            }
            self.overrides.push(Override {
                globs: builder.build().map_err(invalid)?,
                ignore: o.ignore.clone(),
                severity: o.severity.clone(),
            });
        }
        self.inline_packs.extend(file.inline.iter().cloned());
        self.files.insert(0, PathBuf::from(&file.path));
        Ok(())
    }

    /// Checks that every selector the settings name picks one of `rules`: a typo would silently
    /// turn a check off.
    ///
    /// # Errors
    ///
    /// An [`Error::Config`] naming the first selector that picks no rule, and the nearest
    /// configuration file (or the command line).
    pub fn check_selectors(&self, rules: &[Rule]) -> Result<()> {
        for selector in self.selectors() {
            if !rules.iter().any(|r| selects(selector, r)) {
                let origin = self
                    .files
                    .first()
                    .map_or_else(|| "command line".to_owned(), |p| p.display().to_string());
                return Err(Error::Config {
                    location: Location::file(&origin),
                    message: format!("`{selector}` selects no rule (see `tonelint rules`)"),
                });
            }
        }
        Ok(())
    }

    /// Every selector the settings name, for checking them against the loaded rules.
    #[must_use]
    pub fn selectors(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self
            .select
            .iter()
            .chain(&self.extend_select)
            .chain(&self.ignore)
            .chain(self.severity.keys())
            .map(String::as_str)
            .collect();
        for o in &self.overrides {
            all.extend(o.ignore.iter().map(String::as_str));
            all.extend(o.severity.keys().map(String::as_str));
        }
        all
    }

    /// Whether `rule` is enabled.
    #[must_use]
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        let selected = self.select.is_empty()
            || self
                .select
                .iter()
                .chain(&self.extend_select)
                .any(|s| selects(s, rule));
        selected && !self.ignore.iter().any(|s| selects(s, rule))
    }

    /// The enabled rules, with severity overrides applied (the most specific selector wins).
    #[must_use]
    pub fn apply(&self, rules: Vec<Rule>) -> Vec<Rule> {
        rules
            .into_iter()
            .filter(|r| self.is_enabled(r))
            .map(|mut r| {
                if let Some(s) = most_specific(&self.severity, &r) {
                    r.severity = s;
                }
                r
            })
            .collect()
    }

    /// Applies the per-glob overrides and the confidence floor to one file's findings.
    pub fn filter_findings(&self, path: &str, rules: &[Rule], findings: &mut Vec<Finding>) {
        let applicable = self.overrides_for(path);
        findings.retain_mut(|f| self.keep_finding(&applicable, rules, f));
    }

    /// The per-glob overrides that apply to the file `path`.
    pub(crate) fn overrides_for(&self, path: &str) -> Vec<&Override> {
        let path = path.strip_prefix("./").unwrap_or(path);
        self.overrides
            .iter()
            .filter(|o| o.globs.is_match(path))
            .collect()
    }

    /// Whether finding `f` stays, given the overrides that apply to its file (which may also
    /// change its severity) and the confidence floor.
    pub(crate) fn keep_finding(
        &self,
        applicable: &[&Override],
        rules: &[Rule],
        f: &mut Finding,
    ) -> bool {
        if f.confidence < self.min_confidence {
            return false;
        }
        if applicable.is_empty() {
            return true;
        }
        let Some(rule) = rules.iter().find(|r| r.id == f.rule) else {
            return true;
        };
        for o in applicable {
            if o.ignore.iter().any(|s| selects(s, rule)) {
                return false;
            }
            if let Some(s) = most_specific(&o.severity, rule) {
                f.severity = s;
            }
        }
        true
    }
}

/// The severity of the longest selector in `map` that picks `rule`.
fn most_specific(map: &BTreeMap<String, Severity>, rule: &Rule) -> Option<Severity> {
    map.iter()
        .filter(|(s, _)| selects(s, rule))
        .max_by_key(|(s, _)| s.len())
        .map(|(_, &v)| v)
}

/// The commented file `tonelint init` writes.
pub const TEMPLATE: &str = r#"# tonelint configuration. Every key is optional; delete what you don't need.
# Rules are chosen by id (`rtfm`), category or pack (`blame`), `category/id`, or a prefix of either.

# Inherit another configuration file (relative to this one); keys here override it.
# extend = "../tonelint.toml"

# Enable only these rules (default: all), add to that selection, or turn rules off.
# select = ["condescension", "blame", "dismissal", "courtesy"]
# extend-select = []
# ignore = ["courtesy/stacked-apologies"]

# The lowest severity that makes `tonelint check` exit 1: "error", "warning" or "info".
fail-on = "warning"

# Drop findings whose rule is less sure than this (0.0 to 1.0).
min-confidence = 0.0

# Your team's own rule packs (see `tonelint explain` and rules/README.md for the format).
# packs = ["tonelint/team.toml"]

# Change a rule's severity.
# [severity]
# "dismissal" = "error"

# Template placeholders are never flagged nor rewritten. Syntaxes: "mustache" ({{name}}, {% … %}),
# "percent" (%{name}), "brackets" ([EMAIL]), "angle" (<CHOOSE ONE>), "caps" (INSERT NAME HERE).
# placeholders = ["mustache", "percent", "brackets", "angle", "caps"]
# placeholder-patterns = ['\$\{[a-z_]+\}']

# In a file holding many replies, a line matching this starts the next one.
# reply-separator = '^---- '

# Keys of JSON exports whose string values are replies (Zendesk's comment_value is always read).
# json-fields = ["body_text", "body_html", "body", "text", "html", "content"]

# Relax rules for some files (globs are relative to where tonelint runs).
# [[overrides]]
# files = ["legacy/**"]
# ignore = ["shouting"]
# severity = { "condescension" = "info" }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses() {
        let file = ConfigFile::parse("tonelint.toml", TEMPLATE).unwrap();
        assert_eq!(file.spec.fail_on, Some(Severity::Warning));
    }

    #[test]
    fn unknown_key_has_position() {
        let err = ConfigFile::parse("dir/tonelint.toml", "fail-on = \"error\"\ncolour = true\n")
            .unwrap_err()
            .to_string();
        assert!(err.ends_with("dir/tonelint.toml:2:1: unknown field `colour`, expected one of `extend`, `select`, `ignore`, `extend-select`, `fail-on`, `min-confidence`, `packs`, `severity`, `overrides`, `placeholders`, `placeholder-patterns`, `reply-separator`, `json-fields`, `pack`, `words`, `rule`"), "{err}");
    }

    #[test]
    fn one_text_has_no_files_to_read() {
        let err = Config::parse("tonelint.toml", "extend = \"../base.toml\"\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("tonelint.toml:1:10: `extend` needs files"),
            "{err}"
        );
        let err = Config::parse("tonelint.toml", "packs = [\"team.toml\"]\n").unwrap_err();
        assert!(err.to_string().contains("`packs` names files"), "{err}");
        let config =
            Config::parse("tonelint.toml", "ignore = [\"rtfm\"]\nfail-on = \"info\"\n").unwrap();
        assert_eq!(config.settings.ignore, ["rtfm"]);
        assert_eq!(config.settings.fail_on, Severity::Info);
    }

    #[test]
    fn a_configuration_may_define_its_own_rules() {
        let text = r#"ignore = ["rtfm"]

[pack]
name = "team"

[[rule]]
id = "ticket-closed"
kind = "phrase"
phrases = ["escalate this upstairs"]
message = "“{match}” may read as a brush-off"
summary = "Flags closing the ticket."
why = "Ask first."

[[rule.example]]
bad = "I will escalate this upstairs now."
"#;
        let config = Config::parse("tonelint.toml", text).unwrap();
        assert_eq!(config.packs.len(), 1);
        assert_eq!(config.packs[0].rules[0].code(), "team/ticket-closed");
        let linter = crate::Linter::with_config(&config).unwrap();
        let codes: Vec<String> = linter
            .check_text("RTFM. I will escalate this upstairs now.")
            .iter()
            .map(crate::Finding::code)
            .collect();
        assert_eq!(codes, ["team/ticket-closed"]);
        // Rules without a pack, and a broken rule, are errors with their place.
        let err = Config::parse("t.toml", &text.replace("[pack]\nname = \"team\"\n", ""))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("t.toml:4:1: rules in a configuration need a `[pack]`"),
            "{err}"
        );
        let err = Config::parse("t.toml", &text.replace("phrases =", "phrase ="))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("t.toml:9:1: rule `ticket-closed`: unknown field `phrase`"),
            "{err}"
        );
    }
}
