//! The configuration of each document: the nearest `tonelint.toml` above it (read as the command
//! line reads it), with the client's settings over it, built into a linter once and rebuilt when
//! one of its files changes. A broken configuration is reported once, with its file, line and
//! column, and the last good linter for that place goes on serving.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use serde_json::Value;
use tonelint_core::{Error, Linter, Settings, Severity};

use crate::load;

/// What the client may set (`initializationOptions`, `workspace/didChangeConfiguration`): over
/// the configuration file, as the command line's options are.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ClientSettings {
    /// Replaces the configuration's `select` when not empty.
    pub(crate) select: Vec<String>,
    /// Added to the configuration's `ignore`.
    pub(crate) ignore: Vec<String>,
    /// The level from which findings show at their own severity (below it: hints).
    pub(crate) fail_on: Option<Severity>,
    /// Findings of rules less sure than this are not shown.
    pub(crate) min_confidence: Option<f64>,
    /// How long to wait after a change before linting, in milliseconds.
    pub(crate) debounce_ms: Option<u64>,
}

impl ClientSettings {
    /// Reads the client's settings from `value`: the object itself, or its `tonelint` member
    /// (what `workspace/didChangeConfiguration` usually sends). Keys may be camelCase or
    /// kebab-case; an unknown key or a wrong type is an error naming it.
    pub(crate) fn from_json(value: &Value) -> Result<ClientSettings, String> {
        let value = value.get("tonelint").unwrap_or(value);
        let mut settings = ClientSettings::default();
        let Some(map) = value.as_object() else {
            return if value.is_null() {
                Ok(settings)
            } else {
                Err("the settings are not an object".to_owned())
            };
        };
        let strings = |key: &str, v: &Value| -> Result<Vec<String>, String> {
            v.as_array()
                .and_then(|a| a.iter().map(|s| s.as_str().map(str::to_owned)).collect())
                .ok_or_else(|| format!("`{key}` must be a list of rule selectors"))
        };
        for (key, v) in map {
            match key.as_str() {
                "select" => settings.select = strings(key, v)?,
                "ignore" => settings.ignore = strings(key, v)?,
                "failOn" | "fail-on" => {
                    settings.fail_on = Some(match v.as_str() {
                        Some("error") => Severity::Error,
                        Some("warning") => Severity::Warning,
                        Some("info") => Severity::Info,
                        _ => {
                            return Err(format!(
                                "`{key}` must be \"error\", \"warning\" or \"info\""
                            ));
                        }
                    });
                }
                "minConfidence" | "min-confidence" => {
                    let c = v
                        .as_f64()
                        .filter(|c| (0.0..=1.0).contains(c))
                        .ok_or_else(|| format!("`{key}` must be a number between 0 and 1"))?;
                    settings.min_confidence = Some(c);
                }
                "debounceMs" | "debounce-ms" => {
                    settings.debounce_ms = Some(
                        v.as_u64()
                            .ok_or_else(|| format!("`{key}` must be a whole number"))?,
                    );
                }
                other => return Err(format!("unknown setting `{other}`")),
            }
        }
        Ok(settings)
    }

    /// These settings over `settings`.
    fn apply(&self, settings: &mut Settings) {
        if !self.select.is_empty() {
            settings.select.clone_from(&self.select);
        }
        settings.ignore.extend(self.ignore.iter().cloned());
        if let Some(level) = self.fail_on {
            settings.fail_on = level;
        }
        if let Some(c) = self.min_confidence {
            settings.min_confidence = c;
        }
    }
}

/// The files a linter was built from, with their modification times.
type Stamp = Vec<(PathBuf, Option<SystemTime>)>;

fn stamp(paths: impl IntoIterator<Item = PathBuf>) -> Stamp {
    paths
        .into_iter()
        .map(|p| {
            let time = std::fs::metadata(&p).and_then(|m| m.modified()).ok();
            (p, time)
        })
        .collect()
}

fn fresh(stamp: &Stamp) -> bool {
    stamp
        .iter()
        .all(|(p, t)| std::fs::metadata(p).and_then(|m| m.modified()).ok() == *t)
}

/// One configuration place (a `tonelint.toml`, or none), built.
struct Entry {
    /// The files it was read from (or tried, when broken).
    stamp: Stamp,
    /// The client settings' generation it was built with.
    generation: u64,
    /// The last good linter.
    linter: Arc<Linter>,
    /// The error of the last attempt, when it failed (reported once).
    error: Option<String>,
}

/// A linter for a document, and where its configuration is.
#[derive(Clone)]
pub(crate) struct Resolved {
    /// The linter.
    pub(crate) linter: Arc<Linter>,
    /// The directory of the configuration file, to which per-file overrides' globs are relative.
    pub(crate) base: Option<PathBuf>,
    /// A broken configuration to report to the user, the first time it is seen.
    pub(crate) new_error: Option<String>,
}

/// The linters of every configuration place seen.
#[derive(Default)]
pub(crate) struct Configs {
    entries: HashMap<Option<PathBuf>, Entry>,
    client: ClientSettings,
    generation: u64,
}

impl Configs {
    /// Replaces the client's settings; every linter is rebuilt on next use.
    pub(crate) fn set_client(&mut self, client: ClientSettings) {
        self.client = client;
        self.generation += 1;
    }

    /// The client's settings.
    pub(crate) fn client(&self) -> &ClientSettings {
        &self.client
    }

    /// Forgets what was built, so every configuration is read again (a watched file changed).
    pub(crate) fn invalidate(&mut self) {
        self.generation += 1;
    }

    /// The linter for a document in `dir` (none for a document that is not a file).
    pub(crate) fn resolve(&mut self, dir: Option<&Path>) -> Resolved {
        let path = dir.and_then(load::discover);
        let base = path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        if let Some(entry) = self.entries.get(&path)
            && entry.generation == self.generation
            && fresh(&entry.stamp)
        {
            return Resolved {
                linter: Arc::clone(&entry.linter),
                base,
                new_error: None,
            };
        }
        match self.build(path.as_deref()) {
            Ok((linter, files)) => {
                let linter = Arc::new(linter);
                self.entries.insert(
                    path,
                    Entry {
                        stamp: stamp(files),
                        generation: self.generation,
                        linter: Arc::clone(&linter),
                        error: None,
                    },
                );
                Resolved {
                    linter,
                    base,
                    new_error: None,
                }
            }
            Err(e) => {
                let message = e.to_string();
                // The last good linter of this place, else the built-in rules with the client's
                // settings, else the built-in rules alone.
                let last = self.entries.get(&path).map(|e| Arc::clone(&e.linter));
                let linter = last.unwrap_or_else(|| Arc::new(self.fallback()));
                let repeated = self
                    .entries
                    .get(&path)
                    .is_some_and(|e| e.error.as_deref() == Some(message.as_str()));
                self.entries.insert(
                    path.clone(),
                    Entry {
                        stamp: stamp(path.clone()),
                        generation: self.generation,
                        linter: Arc::clone(&linter),
                        error: Some(message.clone()),
                    },
                );
                Resolved {
                    linter,
                    base,
                    new_error: (!repeated).then_some(message),
                }
            }
        }
    }

    /// Builds the linter of the configuration at `path` (none: the defaults) with the client's
    /// settings; gives the files it read.
    fn build(&self, path: Option<&Path>) -> Result<(Linter, Vec<PathBuf>), Error> {
        let mut settings = match path {
            Some(p) => load::read_settings(p)?,
            None => Settings::default(),
        };
        self.client.apply(&mut settings);
        let mut files: Vec<PathBuf> = settings.files.clone();
        files.extend(path.map(Path::to_path_buf));
        files.extend(settings.packs.iter().cloned());
        let config = load::with_packs(settings)?;
        Ok((Linter::with_config(&config)?, files))
    }

    /// The built-in rules with the client's settings (or none, if those select nothing).
    fn fallback(&self) -> Linter {
        self.build(None)
            .map(|(l, _)| l)
            .or_else(|_| Linter::with_config(&tonelint_core::Config::default()))
            .expect("the built-in rules build")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_settings_read_both_spellings_and_name_bad_keys() {
        let s = ClientSettings::from_json(&serde_json::json!({
            "tonelint": {"select": ["blame"], "fail-on": "error", "minConfidence": 0.5}
        }))
        .unwrap();
        assert_eq!(s.select, ["blame"]);
        assert_eq!(s.fail_on, Some(Severity::Error));
        assert_eq!(s.min_confidence, Some(0.5));
        let e = ClientSettings::from_json(&serde_json::json!({"failOn": "loud"})).unwrap_err();
        assert!(e.contains("failOn"), "{e}");
        let e = ClientSettings::from_json(&serde_json::json!({"colour": true})).unwrap_err();
        assert!(e.contains("colour"), "{e}");
        assert_eq!(
            ClientSettings::from_json(&Value::Null).unwrap(),
            ClientSettings::default()
        );
    }
}
