//! Where a run writes what it made (a model, a table): checked before the
//! run starts, so a bad path costs a second and not a training run, and
//! written so that a failure or a killed process never leaves half a file.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A path that cannot be written, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct DestinationError {
    /// The path as given.
    pub path: String,
    /// What is wrong with it: what was expected and what is there.
    pub message: String,
}

impl fmt::Display for DestinationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for DestinationError {}

fn error(path: &Path, message: String) -> DestinationError {
    DestinationError {
        path: path.display().to_string(),
        message,
    }
}

/// The folder `path` would be written in (`.` for a bare file name).
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A name for a temporary file beside `path`, unique to this process.
fn temporary(path: &Path, purpose: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    folder(path).join(format!(".{name}.{}.{purpose}", std::process::id()))
}

/// Checks that a file can be written at `path`: it names a file, not a
/// folder; its folder exists; and a file can be created there (tried with
/// an empty temporary file, removed at once). Nothing at `path` is touched.
///
/// # Errors
/// The path is empty or a folder, its folder is missing or is a file, or
/// the folder does not accept a new file (permissions, read-only disk).
pub fn check_writable(path: &Path) -> Result<(), DestinationError> {
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(error(path, "expected a file name, got none".into()));
    }
    if path.is_dir() {
        return Err(error(path, "is a folder: expected a file name".into()));
    }
    let dir = folder(path);
    if !dir.is_dir() {
        let what = if dir.exists() {
            "is a file, not a folder"
        } else {
            "does not exist"
        };
        return Err(error(
            path,
            format!(
                "cannot be written: its folder {} {what} (create the folder first)",
                dir.display()
            ),
        ));
    }
    let probe = temporary(path, "probe");
    match OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(error(
            path,
            format!(
                "cannot be written: no new file can be made in {}: {e}",
                dir.display()
            ),
        )),
    }
}

/// Writes `bytes` to `path` so that `path` holds either its old contents or
/// all of the new, never a part: the bytes go to a temporary file in the same
/// folder, are flushed and synced to the disk, and the temporary file is then
/// renamed over `path` (a rename within one folder is atomic).
///
/// # Errors
/// Any step failing; the temporary file is then removed and `path` is left
/// as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), DestinationError> {
    check_writable(path)?;
    let temp = temporary(path, "tmp");
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(error(path, format!("cannot be written: {e}")));
    }
    // The rename itself reaches the disk when the folder is synced (best
    // effort: not every system can open a folder).
    if let Ok(dir) = File::open(folder(path)) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder under the system's temporary directory, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(test: &str) -> TempDir {
            let dir =
                std::env::temp_dir().join(format!("destination-{}-{test}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn a_missing_folder_a_folder_or_a_file_as_folder_is_refused_naming_the_path() {
        let dir = TempDir::new("check");
        let missing = dir.0.join("no/such/folder/model.json");
        let e = check_writable(&missing).unwrap_err();
        assert!(e.to_string().contains("no/such/folder/model.json"), "{e}");
        assert!(e.message.contains("does not exist"), "{e}");
        let e = check_writable(&dir.0).unwrap_err();
        assert!(e.message.contains("is a folder"), "{e}");
        fs::write(dir.0.join("file"), "x").unwrap();
        let e = check_writable(&dir.0.join("file/model.json")).unwrap_err();
        assert!(e.message.contains("is a file, not a folder"), "{e}");
        assert!(check_writable(&dir.0.join("model.json")).is_ok());
        assert_eq!(
            fs::read_dir(&dir.0).unwrap().count(),
            1,
            "the probe is removed"
        );
    }

    #[test]
    fn writing_replaces_the_file_by_a_rename_and_leaves_no_temporary_file() {
        let dir = TempDir::new("rename");
        let path = dir.0.join("out.txt");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        let before = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&path).unwrap());
        write_atomically(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        // Written in place, the file would keep its inode (and a crash
        // halfway would leave half of it); renamed over, it is a new file.
        #[cfg(unix)]
        assert_ne!(
            std::os::unix::fs::MetadataExt::ino(&fs::metadata(&path).unwrap()),
            before
        );
        assert_eq!(fs::read_dir(&dir.0).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_untouched() {
        let dir = TempDir::new("fail");
        let path = dir.0.join("out.txt");
        fs::write(&path, "old").unwrap();
        // Block the temporary file's name with a folder: the write fails
        // after the checks, where a crash or a full disk would.
        fs::create_dir(temporary(&path, "tmp")).unwrap();
        let e = write_atomically(&path, b"new").unwrap_err();
        assert!(e.to_string().contains("out.txt: cannot be written"), "{e}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    }
}
