//! MNIST prepared for training: scaled pixels, a validation hold-out and the
//! test set, the same way for both networks' MNIST examples.

use std::path::{Path, PathBuf};

use crate::{DataError, Dataset, MNIST_TRAIN_ROWS, load_mnist};

/// Training images held out for validation when all 60,000 are used.
pub const MNIST_VALIDATION_ROWS: usize = 10_000;

/// MNIST split three ways, pixels scaled to [0, 1].
#[derive(Debug, Clone, PartialEq)]
pub struct MnistSplits {
    /// The training images the network learns from (50,000 by default).
    pub train: Dataset,
    /// The last training images, held out: accuracy on them is measured after
    /// every epoch, to watch for overfitting without touching the test set.
    pub validation: Dataset,
    /// The 10,000 test images, scored once at the end.
    pub test: Dataset,
}

/// Loads MNIST from `dir`, keeps the first `limit` training images (all when
/// `None`), holds out the last 10,000 of them for validation when all 60,000
/// canonical images are kept (a sixth when fewer are kept or the folder holds
/// fewer), and divides every pixel by 255.
///
/// # Errors
/// Any error of [`load_mnist`], or fewer than 12 training images kept (too
/// few rows to split).
pub fn load_mnist_splits(dir: &Path, limit: Option<usize>) -> Result<MnistSplits, DataError> {
    let mnist = load_mnist(dir)?;
    let kept = limit.unwrap_or(usize::MAX).min(mnist.train.len());
    if kept < 12 {
        let (name, got) = match limit {
            Some(limit) if limit < mnist.train.len() => ("limit", limit.to_string()),
            _ => (
                "MNIST folder",
                format!("{} training images in {}", kept, dir.display()),
            ),
        };
        return Err(DataError::InvalidParameter {
            name,
            expected: "at least 12 training images",
            got,
        });
    }
    let held_out = validation_rows(kept, mnist.train.len());
    let (mut train, mut validation) = mnist.train.into_head_split(kept, kept - held_out);
    let mut test = mnist.test;
    for set in [&mut train, &mut validation, &mut test] {
        set.scale_by(255.0)?;
    }
    Ok(MnistSplits {
        train,
        validation,
        test,
    })
}

/// How many of the `kept` first training images (of `available`) to hold
/// out: MNIST's usual 10,000 when all of the canonical 60,000 are kept, a
/// sixth otherwise (the same share). A folder with fewer training images
/// gets a sixth too, never more rows than it has.
fn validation_rows(kept: usize, available: usize) -> usize {
    if kept == available && kept >= MNIST_TRAIN_ROWS {
        MNIST_VALIDATION_ROWS
    } else {
        kept / 6
    }
}

/// MNIST for a final run, pixels scaled to [0, 1]: the network learns from
/// every training image and none is held out.
#[derive(Debug, Clone, PartialEq)]
pub struct MnistFinal {
    /// All 60,000 training images (or the first `limit`).
    pub train: Dataset,
    /// The 10,000 test images, scored once at the end.
    pub test: Dataset,
}

/// Loads MNIST from `dir` for a final run: the first `limit` training images
/// (all when `None`), none held out, every pixel divided by 255. Use it once
/// the settings are chosen on the validation rows of [`load_mnist_splits`]:
/// learning from the validation rows too is then the usual last step.
///
/// # Errors
/// Any error of [`load_mnist`], or a `limit` of 0.
pub fn load_mnist_final(dir: &Path, limit: Option<usize>) -> Result<MnistFinal, DataError> {
    if limit == Some(0) {
        return Err(DataError::InvalidParameter {
            name: "limit",
            expected: "at least 1 training image",
            got: "0".into(),
        });
    }
    let mnist = load_mnist(dir)?;
    let mut train = mnist.train.head(limit.unwrap_or(usize::MAX));
    let mut test = mnist.test;
    for set in [&mut train, &mut test] {
        set.scale_by(255.0)?;
    }
    Ok(MnistFinal { train, test })
}

/// Where the MNIST files live in a clone of the repository.
const MNIST_SUBDIR: &str = "data/mnist";

/// The MNIST folder of a run: `given` (the `--data` flag) if any, else
/// `data/mnist` found at run time: in the current folder or the nearest of
/// its parents that has one (so the examples work from a crate's folder),
/// then beside the program or in its parents (a program built inside the
/// repository, run from elsewhere). Nothing of the machine that built the
/// program is remembered.
///
/// # Errors
/// [`DataError::NotFound`] when no `data/mnist` is found, listing every
/// folder looked in and how to give one.
pub fn mnist_dir(given: Option<&Path>) -> Result<PathBuf, DataError> {
    if let Some(dir) = given {
        return Ok(dir.to_path_buf());
    }
    let mut starts = Vec::new();
    if let Ok(here) = std::env::current_dir() {
        starts.push(here);
    }
    if let Some(program) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
    {
        starts.push(program);
    }
    find_mnist_dir(&starts)
}

/// `data/mnist` in the first of `starts` (or one of its parents) that has
/// it: a path relative to the current folder when found from it (the first
/// start), absolute otherwise.
fn find_mnist_dir(starts: &[PathBuf]) -> Result<PathBuf, DataError> {
    let mut looked = Vec::new();
    for (s, start) in starts.iter().enumerate() {
        for (up, folder) in start.ancestors().enumerate() {
            let candidate = folder.join(MNIST_SUBDIR);
            if candidate.is_dir() {
                return Ok(if s == 0 {
                    let mut relative: PathBuf = std::iter::repeat_n("..", up).collect();
                    relative.push(MNIST_SUBDIR);
                    relative
                } else {
                    candidate
                });
            }
            looked.push(folder.display().to_string());
        }
    }
    Err(DataError::NotFound {
        path: MNIST_SUBDIR.into(),
        message: format!(
            "no {MNIST_SUBDIR} folder in the current folder, beside the program, or in their \
             parents (looked in {}). Run from a clone of the repository, or give the folder \
             of the four MNIST files with --data DIR.",
            looked.join(", ")
        ),
    })
}

/// The MNIST folder when none is given ([`mnist_dir`]), or `data/mnist`
/// (relative to the current folder) when none is found: for tests and
/// figures that run inside the repository.
pub fn default_mnist_dir() -> PathBuf {
    mnist_dir(None).unwrap_or_else(|_| PathBuf::from(MNIST_SUBDIR))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_mnist_splits_into_50k_10k_10k_scaled_to_unit() {
        let s = load_mnist_splits(&default_mnist_dir(), None).unwrap();
        assert_eq!(
            (s.train.len(), s.validation.len(), s.test.len()),
            (50_000, 10_000, 10_000)
        );
        let max = s.train.features().iter().fold(0.0_f64, |m, &x| m.max(x));
        assert_eq!(max, 1.0);
        assert_eq!(s.train.labels()[0], 5, "the first training image is a 5");
    }

    #[test]
    fn a_limit_keeps_the_first_rows_and_holds_out_a_sixth() {
        let s = load_mnist_splits(&default_mnist_dir(), Some(600)).unwrap();
        assert_eq!(
            (s.train.len(), s.validation.len(), s.test.len()),
            (500, 100, 10_000)
        );
        assert!(load_mnist_splits(&default_mnist_dir(), Some(5)).is_err());
    }

    #[test]
    fn the_mnist_folder_is_found_at_run_time_from_a_subfolder_or_named_where_looked() {
        let root = std::env::temp_dir().join(format!("data-find-{}", std::process::id()));
        let deep = root.join("crates/improved");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(root.join("elsewhere")).unwrap();
        // Nothing yet: the error names the folder it wanted and where it looked.
        let e = find_mnist_dir(std::slice::from_ref(&deep))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("data/mnist: not found. no data/mnist folder"),
            "{e}"
        );
        assert!(e.contains(&deep.display().to_string()), "{e}");
        assert!(e.contains(&root.display().to_string()), "{e}");
        assert!(e.contains("--data DIR"), "{e}");
        std::fs::create_dir_all(root.join("data/mnist")).unwrap();
        // From the current folder: a relative path, two folders up.
        let found = find_mnist_dir(std::slice::from_ref(&deep)).unwrap();
        assert_eq!(found, Path::new("../../data/mnist"));
        // Beside the program (second start): an absolute path.
        let nowhere = Path::new("/").join(format!("no-such-folder-{}", std::process::id()));
        let starts = [nowhere, deep.clone()];
        assert_eq!(find_mnist_dir(&starts).unwrap(), root.join("data/mnist"));
        assert_eq!(mnist_dir(Some(Path::new("x/y"))).unwrap(), Path::new("x/y"));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_final_run_learns_from_the_validation_rows_too() {
        let dir = default_mnist_dir();
        let all = load_mnist_final(&dir, None).unwrap();
        let s = load_mnist_splits(&dir, None).unwrap();
        assert_eq!((all.train.len(), all.test.len()), (60_000, 10_000));
        assert_eq!(all.train.head(50_000), s.train);
        assert_eq!(all.train.row(59_999), s.validation.row(9_999));
        assert_eq!(all.test, s.test);
    }
}
