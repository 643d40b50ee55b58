//! Writing a fixed file without ever losing it: a temporary file beside it, permissions copied,
//! synced, then renamed over the original, and only if the file is still what was read.

use std::io::Write;
use std::path::Path;

/// Writes `new` over `path`, which held `old` when it was read: a temporary file in the same
/// directory, permissions copied, synced, then renamed over the original. If the file changed on
/// disk since it was read, nothing is written.
pub fn write_atomically(path: &Path, old: &[u8], new: &[u8]) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.tonelint-{}.tmp", std::process::id()));
    let result = (|| -> Result<(), String> {
        let metadata = std::fs::metadata(path).map_err(|e| format!("cannot fix: {e}"))?;
        let mut file = std::fs::File::create(&temp)
            .map_err(|e| format!("cannot fix: cannot create a temporary file beside it: {e}"))?;
        file.write_all(new)
            .map_err(|e| format!("cannot fix: {e}; the file was left as it was"))?;
        file.sync_all()
            .map_err(|e| format!("cannot fix: {e}; the file was left as it was"))?;
        drop(file);
        std::fs::set_permissions(&temp, metadata.permissions())
            .map_err(|e| format!("cannot fix: {e}"))?;
        let now = std::fs::read(path).map_err(|e| format!("cannot fix: {e}"))?;
        if now != old {
            return Err("changed on disk during the run; not overwritten".to_owned());
        }
        std::fs::rename(&temp, path)
            .map_err(|e| format!("cannot fix: {e}; the file was left as it was"))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_during_the_run_is_not_overwritten() {
        let dir = std::env::temp_dir().join(format!("tonelint-race-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("reply.txt");
        std::fs::write(&path, "edited by someone else meanwhile\n").unwrap();
        let err = write_atomically(&path, b"what tonelint read\n", b"fixed\n").unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"edited by someone else meanwhile\n"
        );
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        // Unchanged on disk: written, permissions kept.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"edited by someone else meanwhile\n", b"fixed\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"fixed\n");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
