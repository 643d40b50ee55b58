//! User configuration: `tonelint.toml` or `.tonelint.toml`, found upward from the working
//! directory, with `extend` to inherit another file. Resolved into [`Settings`].
//!
//! Every field is optional; a file's fields override the file it extends. Unknown keys are errors
//! with the file, line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Location, Result};
use crate::finding::{Finding, Severity};
use crate::rule::Rule;

/// The names a configuration file may have, in order of preference within one directory.
pub const FILE_NAMES: [&str; 2] = ["tonelint.toml", ".tonelint.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
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

impl Settings {
    /// The nearest configuration file in `dir` or above it.
    #[must_use]
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .flat_map(|d| FILE_NAMES.iter().map(move |n| d.join(n)))
            .find(|p| p.is_file())
    }

    /// Reads the configuration file at `path` and the files it extends.
    ///
    /// # Errors
    ///
    /// An unreadable file, invalid TOML, an unknown key, a bad glob or a file that extends itself.
    pub fn load(path: &Path) -> Result<Settings> {
        let mut chain: Vec<(PathBuf, ConfigFile, String)> = Vec::new();
        let mut next = Some(path.to_path_buf());
        while let Some(path) = next.take() {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                path: shown.clone(),
                source,
            })?;
            let file: ConfigFile = toml::from_str(&text).map_err(|e| Error::Config {
                location: Location::at(&shown, &text, e.span().map_or(0, |s| s.start)),
                message: crate::pack::toml_message(&e),
            })?;
            if let Some(extend) = &file.extend {
                let base = path.parent().unwrap_or(Path::new("."));
                let target = base.join(extend.get_ref());
                let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
                let seen = chain
                    .iter()
                    .map(|(p, _, _)| canonical(p))
                    .chain([canonical(&path)])
                    .any(|p| p == canonical(&target));
                if seen {
                    return Err(Error::Config {
                        location: Location::at(&shown, &text, extend.span().start),
                        message: format!(
                            "`extend` makes a cycle: {} is already being read",
                            target.display()
                        ),
                    });
                }
                next = Some(target);
            }
            chain.push((path, file, text));
        }
        let mut settings = Settings::default();
        // Apply the farthest base first, so nearer files override it.
        for (path, file, text) in chain.into_iter().rev() {
            settings.merge(&path, file, &text)?;
        }
        Ok(settings)
    }

    fn merge(&mut self, path: &Path, file: ConfigFile, text: &str) -> Result<()> {
        let shown = path.display().to_string();
        let base = path.parent().unwrap_or(Path::new("."));
        if let Some(v) = file.select {
            self.select = v;
        }
        if let Some(v) = file.ignore {
            self.ignore = v;
        }
        if let Some(v) = file.extend_select {
            self.extend_select = v;
        }
        if let Some(v) = file.fail_on {
            self.fail_on = v;
        }
        if let Some(v) = file.min_confidence {
            if !(0.0..=1.0).contains(v.get_ref()) {
                return Err(Error::Config {
                    location: Location::at(&shown, text, v.span().start),
                    message: "min-confidence must be between 0 and 1".to_owned(),
                });
            }
            self.min_confidence = *v.get_ref();
        }
        if let Some(packs) = file.packs {
            self.packs.extend(packs.iter().map(|p| base.join(p)));
        }
        if let Some(severity) = file.severity {
            self.severity.extend(severity);
        }
        let regex = |spec: &Spanned<String>| {
            regex::Regex::new(spec.get_ref()).map_err(|e| Error::Config {
                location: Location::at(&shown, text, spec.span().start),
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
        if let Some(v) = file.placeholders {
            self.source.placeholders = v;
        }
        if let Some(v) = &file.placeholder_patterns {
            self.source.extra_placeholders = v.iter().map(regex).collect::<Result<_>>()?;
        }
        if let Some(v) = &file.reply_separator {
            self.source.reply_separator = Some(regex(v)?);
        }
        if let Some(v) = file.json_fields {
            self.source.json_fields = v;
        }
        for spec in file.overrides {
            let at = spec.span().start;
            let spec = spec.into_inner();
            let mut builder = GlobSetBuilder::new();
            for glob in &spec.files {
                let glob = Glob::new(glob).map_err(|e| Error::Config {
                    location: Location::at(&shown, text, at),
                    message: format!("invalid glob: {e}"),
                })?;
                builder.add(glob);
            }
            self.overrides.push(Override {
                globs: builder.build().map_err(|e| Error::Config {
                    location: Location::at(&shown, text, at),
                    message: format!("invalid glob: {e}"),
                })?,
                ignore: spec.ignore,
                severity: spec.severity,
            });
        }
        self.files.insert(0, path.to_path_buf());
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
        let path = path.strip_prefix("./").unwrap_or(path);
        let applicable: Vec<&Override> = self
            .overrides
            .iter()
            .filter(|o| o.globs.is_match(path))
            .collect();
        findings.retain_mut(|f| {
            if f.confidence < self.min_confidence {
                return false;
            }
            let Some(rule) = rules.iter().find(|r| r.id == f.rule) else {
                return true;
            };
            for o in &applicable {
                if o.ignore.iter().any(|s| selects(s, rule)) {
                    return false;
                }
                if let Some(s) = most_specific(&o.severity, rule) {
                    f.severity = s;
                }
            }
            true
        });
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
        let file: ConfigFile = toml::from_str(TEMPLATE).unwrap();
        assert_eq!(file.fail_on, Some(Severity::Warning));
    }

    #[test]
    fn unknown_key_has_position() {
        let dir = std::env::temp_dir().join(format!("tonelint-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tonelint.toml");
        std::fs::write(&path, "fail-on = \"error\"\ncolour = true\n").unwrap();
        let err = Settings::load(&path).unwrap_err().to_string();
        assert!(err.ends_with("tonelint.toml:2:1: unknown field `colour`, expected one of `extend`, `select`, `ignore`, `extend-select`, `fail-on`, `min-confidence`, `packs`, `severity`, `overrides`, `placeholders`, `placeholder-patterns`, `reply-separator`, `json-fields`"), "{err}");
        std::fs::write(&path, "extend = \"tonelint.toml\"\n").unwrap();
        let err = Settings::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("tonelint.toml:1:10: `extend` makes a cycle"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
