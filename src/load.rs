//! Configuration and rule packs from disk: the nearest `tonelint.toml` (or `.tonelint.toml`), the
//! files it `extend`s and the pack files it names, read and handed to the engine's parsers.
//! The command line and the editor server load their configuration here, so they agree.

use std::path::{Path, PathBuf};

use tonelint_core::config::{ConfigFile, FILE_NAMES};
use tonelint_core::{Config, Error, Location, Pack, Settings};

/// The nearest configuration file in `dir` or above it.
#[must_use]
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// Reads the file at `path`, naming it as shown in errors.
fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Reads the configuration file at `path` and the files it extends, merged (nearer files win).
///
/// # Errors
///
/// An unreadable file, invalid TOML, an unknown key, a bad glob or regex, or a file that extends
/// itself (directly or not).
pub fn read_settings(path: &Path) -> Result<Settings, Error> {
    let mut chain: Vec<(PathBuf, ConfigFile)> = Vec::new();
    let mut next = Some(path.to_path_buf());
    while let Some(path) = next.take() {
        let file = ConfigFile::parse(&path.display().to_string(), &read(&path)?)?;
        if let Some((extend, location)) = file.extend() {
            let base = path.parent().unwrap_or(Path::new("."));
            let target = base.join(extend);
            let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
            let seen = chain
                .iter()
                .map(|(p, _)| canonical(p))
                .chain([canonical(&path)])
                .any(|p| p == canonical(&target));
            if seen {
                return Err(Error::Config {
                    location,
                    message: format!(
                        "`extend` makes a cycle: {} is already being read",
                        target.display()
                    ),
                });
            }
            next = Some(target);
        }
        chain.push((path, file));
    }
    let mut settings = Settings::default();
    // The farthest base first, so nearer files override it.
    for (_, file) in chain.iter().rev() {
        settings.merge(file)?;
    }
    Ok(settings)
}

/// Reads and parses the pack file at `path`.
///
/// # Errors
///
/// An unreadable file, or an invalid pack (with line and column).
pub fn read_pack(path: &Path) -> Result<Pack, Error> {
    Pack::parse(&path.display().to_string(), &read(path)?)
}

/// The configuration at `path` (the nearest one to the working directory when `None`; none at all
/// when `isolated`) with the packs it names read.
///
/// # Errors
///
/// As [`read_settings`] and [`read_pack`].
pub fn config(path: Option<&Path>, isolated: bool) -> Result<Config, Error> {
    let settings = if isolated {
        Settings::default()
    } else {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let path = match path {
            Some(p) => Some(p.to_path_buf()),
            // Shown relative to where tonelint runs when it is below it.
            None => {
                discover(&cwd).map(|p| p.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(p))
            }
        };
        match path {
            Some(p) => read_settings(&p)?,
            None => Settings::default(),
        }
    };
    with_packs(settings)
}

/// The environment variable naming a directory of packs used instead of the built-in ones
/// (`TONELINT_RULES_DIR=rules`): a rule author tries edits to `rules/*.toml` without rebuilding.
pub const RULES_DIR: &str = "TONELINT_RULES_DIR";

/// `settings` with the pack files they name read (and the packs of [`RULES_DIR`], when set).
///
/// # Errors
///
/// As [`read_pack`].
pub fn with_packs(mut settings: Settings) -> Result<Config, Error> {
    let mut packs = settings
        .packs
        .iter()
        .map(|p| read_pack(p))
        .collect::<Result<Vec<Pack>, Error>>()?;
    packs.append(&mut settings.inline_packs);
    let builtin = match std::env::var_os(RULES_DIR) {
        Some(dir) => Some(read_pack_dir(Path::new(&dir))?),
        None => None,
    };
    Ok(Config {
        settings,
        packs,
        builtin,
    })
}

/// Every `*.toml` pack in `dir`, in name order.
fn read_pack_dir(dir: &Path) -> Result<Vec<Pack>, Error> {
    let io = |source| Error::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    paths.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    paths.sort();
    paths.iter().map(|p| read_pack(p)).collect()
}

/// An error about a command-line option, as configuration errors read.
#[must_use]
pub fn option_error(option: &str, message: &str) -> Error {
    Error::Config {
        location: Location::file(option),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_and_extend_cycle_have_positions() {
        let dir = std::env::temp_dir().join(format!("tonelint-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tonelint.toml");
        std::fs::write(&path, "fail-on = \"error\"\ncolour = true\n").unwrap();
        let err = read_settings(&path).unwrap_err().to_string();
        assert!(
            err.contains("tonelint.toml:2:1: unknown field `colour`"),
            "{err}"
        );
        std::fs::write(&path, "extend = \"tonelint.toml\"\n").unwrap();
        let err = read_settings(&path).unwrap_err().to_string();
        assert!(
            err.contains("tonelint.toml:1:10: `extend` makes a cycle"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
