//! MNIST: 70,000 handwritten digits of 28x28 pixels, read from the four IDX
//! files of Yann LeCun's MNIST page or from the `train.csv` of Kaggle's
//! "Digit Recognizer" competition.
//!
//! The repository ships the IDX files gzip-compressed in `data/mnist/` (see
//! `data/README.md`), so `load_mnist("data/mnist")` works offline on a fresh
//! clone. MNIST is by Yann LeCun, Corinna Cortes and Christopher J. C. Burges,
//! under CC BY-SA 3.0: keep that attribution and license with the files or
//! anything derived from them.
//!
//! # The IDX format
//! ```text
//! images file                        labels file
//! u32 magic 0x00000803               u32 magic 0x00000801
//! u32 count, u32 rows, u32 columns   u32 count
//! count * rows * columns u8 pixels   count u8 labels 0..=9
//! ```
//! Integers are big-endian. The magic number's four bytes are 0, 0, the type
//! of the values (0x08: unsigned byte) and the number of dimensions. Images
//! follow each other, each stored row after row.
//!
//! Any file may be raw or gzip-compressed: the loader looks at the first two
//! bytes (the gzip magic 0x1f 0x8b), not at the name.
//!
//! # Pixels are not scaled
//! Pixels come back as stored, `0.0..=255.0` (0 is background, 255 is full
//! ink). Scale them yourself: divide by 255, or fit a [`crate::MinMaxScaler`]
//! or [`crate::Standardizer`] on the training rows.
//!
//! # Errors, not panics
//! Every malformed input is a [`DataError`] that names the file and says what
//! was expected and what arrived: a missing file, a wrong magic number or
//! number of dimensions, data shorter or longer than its header announces,
//! image and label counts that differ, a label above 9, corrupt gzip data, and
//! for the CSV layout a bad header, ragged rows, non-numbers and pixels outside
//! 0..=255. Header counts are checked against the data actually present
//! before anything of their size is allocated.

use std::fs::File;
use std::io::{self, Cursor, ErrorKind, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;

use crate::{DataError, Dataset};

/// Pixels per side of an MNIST image.
pub const MNIST_SIDE: usize = 28;
/// Features per MNIST image: 28x28 pixels, row after row.
pub const MNIST_FEATURES: usize = MNIST_SIDE * MNIST_SIDE;
/// Classes: the digits 0 to 9.
pub const MNIST_CLASSES: usize = 10;
/// Images in MNIST's training files.
pub const MNIST_TRAIN_ROWS: usize = 60_000;
/// Images in MNIST's test files.
pub const MNIST_TEST_ROWS: usize = 10_000;
/// The four IDX file names [`load_mnist`] looks for, each also with `.gz`:
/// training images, training labels, test images, test labels.
pub const MNIST_FILES: [&str; 4] = [
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
];

const IMAGES_MAGIC: u32 = 0x0000_0803;
const LABELS_MAGIC: u32 = 0x0000_0801;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// Largest buffer reserved ahead of reading; beyond it the buffer grows with
/// the bytes that actually arrive, so a lying header cannot exhaust memory.
const MAX_RESERVE: usize = 64 << 20;
/// The most bytes one byte of deflate data can inflate to (a run of 258
/// equal bytes coded in 2 bits, about 1032:1). A gzip file of `n` bytes
/// therefore holds at most `n * 1032` bytes of data, whatever its header says.
const MAX_INFLATE_RATIO: u64 = 1032;
/// Where a reader who lacks the files can get them.
const WHERE_FROM: &str = "MNIST comes from Yann LeCun's MNIST page (four IDX files, \
    load them with load_mnist) or from Kaggle's \"Digit Recognizer\" competition (one \
    train.csv, load it with load_kaggle_csv); a clone of this repository has the IDX \
    files in data/mnist/";

/// The MNIST training and test sets.
#[derive(Debug, Clone, PartialEq)]
pub struct Mnist {
    /// 60,000 images (in the canonical files) of 784 pixels 0..=255, labels 0..=9.
    pub train: Dataset,
    /// 10,000 images (in the canonical files), laid out like `train`.
    pub test: Dataset,
}

/// The contents of an IDX images file.
#[derive(Debug, Clone, PartialEq)]
pub struct IdxImages {
    /// Number of images.
    pub count: usize,
    /// Pixel rows per image.
    pub rows: usize,
    /// Pixel columns per image.
    pub cols: usize,
    /// `count * rows * cols` bytes 0..=255: image after image, each row
    /// after row. Kept as bytes, one per pixel, so memory stays the size of
    /// the data; [`IdxImages::scaled`] turns them into numbers.
    pub pixels: Vec<u8>,
}

impl IdxImages {
    /// Pixels per image: `rows * cols`.
    pub fn image_size(&self) -> usize {
        self.rows * self.cols
    }

    /// The pixels of images `range` as numbers divided by `divisor` (255 gives
    /// [0, 1]), image after image. Converting a slice at a time keeps memory
    /// near the bytes' size: eight bytes per converted pixel, not per pixel
    /// of the file.
    ///
    /// # Errors
    /// A range past the last image, or memory for the numbers that cannot be
    /// had (an error instead of aborting the program).
    pub fn scaled(
        &self,
        range: std::ops::Range<usize>,
        divisor: f64,
    ) -> Result<Vec<f64>, DataError> {
        if range.start > range.end || range.end > self.count {
            return Err(DataError::InvalidParameter {
                name: "image range",
                expected: "images within the file",
                got: format!("{range:?} of {} images", self.count),
            });
        }
        let bytes = &self.pixels[range.start * self.image_size()..range.end * self.image_size()];
        let mut numbers = try_vec(bytes.len(), "images as 8-byte numbers")?;
        numbers.extend(bytes.iter().map(|&p| f64::from(p) / divisor));
        Ok(numbers)
    }
}

/// An empty `Vec` with room for `len` values, or an error saying how much
/// memory `what` would need (instead of aborting when it cannot be had).
fn try_vec<T>(len: usize, what: &str) -> Result<Vec<T>, DataError> {
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| DataError::InvalidParameter {
            name: "data size",
            expected: "data that fits in memory",
            got: format!(
                "{len} {what}: {} bytes, more than could be allocated",
                len.saturating_mul(size_of::<T>())
            ),
        })?;
    Ok(v)
}

/// Loads MNIST from a folder holding the four IDX files named in
/// [`MNIST_FILES`], each raw or gzip-compressed with a `.gz` suffix (the raw
/// name is tried first).
///
/// Pixels are 0.0..=255.0, not scaled (see the module docs); take fewer rows
/// with [`Dataset::head`].
///
/// # Errors
/// [`DataError::NotFound`] naming the missing files and where MNIST comes
/// from; otherwise any error of [`load_idx_pair`], or training and test
/// images of different sizes.
pub fn load_mnist(dir: impl AsRef<Path>) -> Result<Mnist, DataError> {
    let dir = dir.as_ref();
    if dir.exists() && !dir.is_dir() {
        return Err(file_error(
            dir,
            format!(
                "is a file, not a folder: expected the folder that holds the four MNIST files {}",
                MNIST_FILES.join(", ")
            ),
        ));
    }
    let [
        Some(train_images),
        Some(train_labels),
        Some(test_images),
        Some(test_labels),
    ] = MNIST_FILES.map(|name| find(dir, name))
    else {
        return Err(missing_files(dir));
    };
    let train = load_idx_pair(&train_images, &train_labels)?;
    let test = load_idx_pair(&test_images, &test_labels)?;
    if test.n_features() != train.n_features() {
        return Err(file_error(
            &test_images,
            format!(
                "images of {} pixels, but the training images have {}: expected the same size",
                test.n_features(),
                train.n_features()
            ),
        ));
    }
    Ok(Mnist { train, test })
}

/// Loads an IDX images file and its IDX labels file (each raw or
/// gzip-compressed) as one data set with 10 classes.
///
/// # Errors
/// Any error of [`read_idx_images`] or [`read_idx_labels`], or files with
/// different counts.
pub fn load_idx_pair(
    images: impl AsRef<Path>,
    labels: impl AsRef<Path>,
) -> Result<Dataset, DataError> {
    let (images, labels) = (images.as_ref(), labels.as_ref());
    let label_list = read_idx_labels(labels)?;
    let image_set = read_idx_images(images)?;
    if image_set.count != label_list.len() {
        return Err(file_error(
            images,
            format!(
                "{} images, but {} has {} labels: expected one label per image",
                image_set.count,
                labels.display(),
                label_list.len()
            ),
        ));
    }
    let pixels = image_set
        .scaled(0..image_set.count, 1.0)
        .map_err(|e| file_error(images, e.to_string()))?;
    Dataset::new(pixels, label_list, image_set.image_size(), MNIST_CLASSES)
}

/// Reads an IDX images file (magic 0x00000803: count, rows, columns, then
/// unsigned-byte pixels), raw or gzip-compressed.
///
/// # Errors
/// As [`decode_idx_images`], plus a file that cannot be opened.
pub fn read_idx_images(path: impl AsRef<Path>) -> Result<IdxImages, DataError> {
    let path = path.as_ref();
    let (file, size) = open(path)?;
    decode_idx(file, &path.display().to_string(), size)
}

/// Reads an IDX labels file (magic 0x00000801: count, then one unsigned
/// byte 0..=9 per image), raw or gzip-compressed.
///
/// # Errors
/// As [`decode_idx_labels`], plus a file that cannot be opened.
pub fn read_idx_labels(path: impl AsRef<Path>) -> Result<Vec<usize>, DataError> {
    let path = path.as_ref();
    let (file, size) = open(path)?;
    decode_labels(file, &path.display().to_string(), size)
}

/// Decodes IDX images from any reader, raw or gzip-compressed; `source`
/// names the input in error messages.
///
/// # Errors
/// Corrupt gzip data, a wrong magic number or number of dimensions, a count,
/// row or column number of 0, or pixel data shorter or longer than the
/// header announces.
pub fn decode_idx_images(reader: impl Read, source: &str) -> Result<IdxImages, DataError> {
    decode_idx(reader, source, None)
}

/// [`decode_idx_images`] of an input of `size` bytes, if known.
fn decode_idx(reader: impl Read, source: &str, size: Option<u64>) -> Result<IdxImages, DataError> {
    let mut input = Input::new(reader, source, size)?;
    let [count, rows, cols] = input.header(IMAGES_MAGIC, "an IDX images file")?;
    let shape = format!("{count} images of {rows}x{cols} pixels");
    if count == 0 || rows == 0 || cols == 0 {
        return Err(input.error(format!(
            "the header announces {shape}: expected at least one"
        )));
    }
    let len = count
        .checked_mul(rows)
        .and_then(|n| n.checked_mul(cols))
        .ok_or_else(|| {
            input.error(format!(
                "the header announces {shape}, more than this machine can address"
            ))
        })?;
    let bytes = input.body(len, "pixel data")?;
    Ok(IdxImages {
        count,
        rows,
        cols,
        pixels: bytes,
    })
}

/// Decodes IDX labels from any reader, raw or gzip-compressed; `source`
/// names the input in error messages.
///
/// # Errors
/// Corrupt gzip data, a wrong magic number or number of dimensions, a count
/// of 0, label data shorter or longer than the header announces, or a label
/// above 9.
pub fn decode_idx_labels(reader: impl Read, source: &str) -> Result<Vec<usize>, DataError> {
    decode_labels(reader, source, None)
}

/// [`decode_idx_labels`] of an input of `size` bytes, if known.
fn decode_labels(
    reader: impl Read,
    source: &str,
    size: Option<u64>,
) -> Result<Vec<usize>, DataError> {
    let mut input = Input::new(reader, source, size)?;
    let [count] = input.header(LABELS_MAGIC, "an IDX labels file")?;
    if count == 0 {
        return Err(input.error("the header announces 0 labels: expected at least one".into()));
    }
    let bytes = input.body(count, "label data")?;
    let mut labels = try_vec(count, "labels").map_err(|e| input.error(e.to_string()))?;
    if let Some((i, &label)) = bytes.iter().enumerate().find(|(_, l)| usize::from(**l) > 9) {
        return Err(input.error(format!("label {i} is {label}, expected a digit 0..=9")));
    }
    labels.extend(bytes.into_iter().map(usize::from));
    Ok(labels)
}

/// Loads Kaggle's "Digit Recognizer" `train.csv` (raw or gzip-compressed):
/// the header `label,pixel0,...,pixel783`, then one line per image with the
/// label 0..=9 and 784 pixels 0..=255. Blank lines are skipped.
///
/// Pixels are 0.0..=255.0, not scaled (see the module docs).
///
/// # Errors
/// As [`decode_kaggle_csv`], plus a file that cannot be opened.
pub fn load_kaggle_csv(path: impl AsRef<Path>) -> Result<Dataset, DataError> {
    let path = path.as_ref();
    decode_kaggle_csv(open(path)?.0, &path.display().to_string())
}

/// Decodes the Kaggle `train.csv` layout (see [`load_kaggle_csv`]) from any
/// reader; `source` names the input in error messages.
///
/// # Errors
/// Corrupt gzip data, text that is not UTF-8, a missing or different header
/// (Kaggle's `test.csv`, which has no labels, is named as such), a row
/// without exactly 785 values, a value that is not a whole number, a label
/// above 9, a pixel outside 0..=255, or no rows.
pub fn decode_kaggle_csv(reader: impl Read, source: &str) -> Result<Dataset, DataError> {
    let mut input = Input::new(reader, source, None)?;
    let mut bytes = Vec::new();
    input
        .reader
        .read_to_end(&mut bytes)
        .map_err(|e| input.read_error(&e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        input.error(format!(
            "expected UTF-8 text, got an invalid byte at offset {}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty());
    let (header_no, header) = lines.next().map_or((1, ""), |(i, line)| (i + 1, line));
    check_kaggle_header(header, header_no).map_err(|m| input.error(m))?;
    let (mut pixels, mut labels) = (Vec::new(), Vec::new());
    for (index, line) in lines {
        parse_kaggle_row(line, index + 1, &mut pixels, &mut labels).map_err(|m| input.error(m))?;
    }
    if labels.is_empty() {
        return Err(input.error("no rows after the header: expected one row per image".into()));
    }
    Dataset::new(pixels, labels, MNIST_FEATURES, MNIST_CLASSES)
}

/// Checks the header line `label,pixel0,...,pixel783`.
fn check_kaggle_header(line: &str, line_no: usize) -> Result<(), String> {
    let expected = format!("line {line_no}: expected the header label,pixel0,...,pixel783");
    if line.trim().is_empty() {
        return Err(format!("{expected}, got an empty file"));
    }
    let columns: Vec<&str> = line
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(str::trim)
        .collect();
    if columns[0].parse::<f64>().is_ok() {
        return Err(format!(
            "{expected}, got a row of numbers: the header line is missing"
        ));
    }
    if columns.len() == MNIST_FEATURES && columns[0] == "pixel0" {
        return Err(format!(
            "{expected}, got pixel0,...,pixel783: this is Kaggle's test.csv, which has no labels; use train.csv"
        ));
    }
    if columns.len() != MNIST_FEATURES + 1 {
        let start: String = line.chars().take(30).collect();
        return Err(format!(
            "{expected} (785 columns), got {} columns starting {start:?}",
            columns.len()
        ));
    }
    let names = std::iter::once("label".to_string())
        .chain((0..MNIST_FEATURES).map(|i| format!("pixel{i}")));
    match columns
        .iter()
        .zip(names)
        .enumerate()
        .find(|(_, (got, want))| **got != want)
    {
        Some((j, (got, want))) => Err(format!(
            "{expected}; column {j} is {got:?}, expected {want:?}"
        )),
        None => Ok(()),
    }
}

/// Parses one CSV row, the label then 784 pixels, onto `pixels` and `labels`.
fn parse_kaggle_row(
    line: &str,
    line_no: usize,
    pixels: &mut Vec<f64>,
    labels: &mut Vec<usize>,
) -> Result<(), String> {
    let n = line.split(',').count();
    if n != MNIST_FEATURES + 1 {
        return Err(format!(
            "line {line_no}: expected 785 values (the label, then 784 pixels), got {n}"
        ));
    }
    for (j, field) in line.split(',').map(str::trim).enumerate() {
        match (j, field.parse::<u8>()) {
            (0, Ok(label @ 0..=9)) => labels.push(usize::from(label)),
            (1.., Ok(pixel)) => pixels.push(f64::from(pixel)),
            _ => return Err(bad_kaggle_value(line_no, j, field)),
        }
    }
    Ok(())
}

/// The message for a CSV value that is not a label 0..=9 in column 0 or a
/// pixel 0..=255 in the others.
fn bad_kaggle_value(line_no: usize, column: usize, field: &str) -> String {
    let (name, range) = match column {
        0 => ("label".to_string(), "a digit 0..=9"),
        _ => (format!("pixel{}", column - 1), "a pixel 0..=255"),
    };
    let at = format!("line {line_no}, column {column} ({name})");
    match field.parse::<i64>() {
        Ok(value) => format!("{at}: expected {range}, got {value}"),
        Err(_) => format!("{at}: expected a whole number, got {field:?}"),
    }
}

/// A reader with gzip decompression switched on if its first bytes are the
/// gzip magic, the name to put in error messages, and the input's size in
/// bytes when known (a file's), which bounds what it can hold.
struct Input<'a, R: Read> {
    reader: Stream<R>,
    source: &'a str,
    size: Option<u64>,
}

/// The bytes of a file, raw or decompressed.
enum Stream<R: Read> {
    Raw(io::Chain<Cursor<Vec<u8>>, R>),
    /// Every member of the file, one after the other: `gzip` makes a file
    /// of several members from concatenated files, and `zcat` reads them all.
    Gzip(MultiGzDecoder<io::Chain<Cursor<Vec<u8>>, R>>),
}

impl<R: Read> Read for Stream<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Raw(r) => r.read(buf),
            Stream::Gzip(r) => r.read(buf),
        }
    }
}

impl<'a, R: Read> Input<'a, R> {
    /// Peeks at the first two bytes to decide whether to decompress.
    fn new(mut reader: R, source: &'a str, size: Option<u64>) -> Result<Self, DataError> {
        let mut head = [0; 2];
        let n = fill(&mut reader, &mut head)
            .map_err(|e| file_error(source, format!("could not read: {e}")))?;
        let whole = Cursor::new(head[..n].to_vec()).chain(reader);
        let reader = if head[..n] == GZIP_MAGIC {
            Stream::Gzip(MultiGzDecoder::new(whole))
        } else {
            Stream::Raw(whole)
        };
        Ok(Input {
            reader,
            source,
            size,
        })
    }

    /// Reads the magic number and the `N` dimensions that follow it.
    fn header<const N: usize>(
        &mut self,
        magic: u32,
        what: &'static str,
    ) -> Result<[usize; N], DataError> {
        let mut bytes = vec![0; 4 + 4 * N];
        let got = fill(&mut self.reader, &mut bytes[..4]).map_err(|e| self.read_error(&e))?;
        let found = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        if got == 4 && found != magic {
            return Err(if found >> 8 == magic >> 8 {
                DataError::WrongDimensions {
                    path: self.path(),
                    expected: N as u8,
                    got: bytes[3],
                }
            } else {
                DataError::BadMagic {
                    path: self.path(),
                    what,
                    expected: magic,
                    got: found,
                }
            });
        }
        let got =
            got + fill(&mut self.reader, &mut bytes[got..]).map_err(|e| self.read_error(&e))?;
        if got < bytes.len() {
            let (path, expected) = (self.path(), bytes.len());
            return Err(DataError::Truncated {
                path,
                what: "IDX header",
                expected,
                got,
            });
        }
        let mut dims = [0; N];
        for (dim, b) in dims.iter_mut().zip(bytes[4..].chunks_exact(4)) {
            *dim = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
        }
        Ok(dims)
    }

    /// Reads exactly `len` bytes and checks that nothing follows them.
    fn body(&mut self, len: usize, what: &'static str) -> Result<Vec<u8>, DataError> {
        self.check_room(len, what)?;
        let mut bytes = Vec::with_capacity(len.min(MAX_RESERVE));
        let limit = u64::try_from(len).unwrap_or(u64::MAX).saturating_add(1);
        (&mut self.reader)
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| self.read_error(&e))?;
        if bytes.len() < len {
            let (path, got) = (self.path(), bytes.len());
            return Err(DataError::Truncated {
                path,
                what,
                expected: len,
                got,
            });
        }
        if bytes.len() > len {
            // Corrupt compressed data often inflates to too many bytes: let
            // the gzip checksum at the end of the stream say so if it can.
            if let Stream::Gzip(_) = self.reader {
                let mut rest = (&mut self.reader).take(MAX_RESERVE as u64);
                io::copy(&mut rest, &mut io::sink()).map_err(|e| self.read_error(&e))?;
            }
            return Err(self.error(format!(
                "expected exactly {len} bytes of {what} after the header, found more: \
                 is the header's count wrong, or is this another file?"
            )));
        }
        Ok(bytes)
    }

    /// Before reading: can an input of this size hold `len` bytes of data?
    /// A raw file holds its size; a gzip file at most [`MAX_INFLATE_RATIO`]
    /// times its size. A header promising more is wrong, and saying so now
    /// spares decompressing what can only end short.
    fn check_room(&self, len: usize, what: &'static str) -> Result<(), DataError> {
        let Some(size) = self.size else {
            return Ok(());
        };
        let (room, how) = match self.reader {
            Stream::Raw(_) => (size, format!("a file of {size} bytes")),
            Stream::Gzip(_) => (
                size.saturating_mul(MAX_INFLATE_RATIO),
                format!(
                    "a gzip file of {size} bytes, which inflates to at most                      {MAX_INFLATE_RATIO} times its size"
                ),
            ),
        };
        if u64::try_from(len).unwrap_or(u64::MAX) > room {
            return Err(self.error(format!(
                "the header announces {len} bytes of {what}, more than {how} can hold:                  is the header's count wrong, or is the file cut short?"
            )));
        }
        Ok(())
    }

    fn path(&self) -> String {
        self.source.to_string()
    }

    fn error(&self, message: String) -> DataError {
        file_error(self.source, message)
    }

    /// An I/O error while reading: corrupt gzip data if decompressing.
    fn read_error(&self, e: &io::Error) -> DataError {
        match self.reader {
            Stream::Gzip(_) => self.error(format!("corrupt or cut-short gzip data: {e}")),
            Stream::Raw(_) => self.error(format!("could not read: {e}")),
        }
    }
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn fill(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match reader.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Opens a file and gives its size in bytes if it is a regular file; a missing one is
/// [`DataError::NotFound`] saying where MNIST comes from, a folder is an error
/// saying a file was expected.
fn open(path: &Path) -> Result<(File, Option<u64>), DataError> {
    let file = File::open(path).map_err(|e| match e.kind() {
        ErrorKind::NotFound => DataError::NotFound {
            path: path.display().to_string(),
            message: WHERE_FROM.into(),
        },
        _ => file_error(path, format!("cannot open: {e}")),
    })?;
    let meta = file
        .metadata()
        .map_err(|e| file_error(path, format!("cannot read its size: {e}")))?;
    if meta.is_dir() {
        return Err(file_error(
            path,
            "is a folder: expected a file (an IDX or CSV file, raw or .gz)".into(),
        ));
    }
    // Only a regular file's size is known ahead (a pipe's is not).
    Ok((file, meta.is_file().then_some(meta.len())))
}

/// `dir/name` if it is a file, else `dir/name.gz` if that is.
fn find(dir: &Path, name: &str) -> Option<PathBuf> {
    [dir.join(name), dir.join(format!("{name}.gz"))]
        .into_iter()
        .find(|p| p.is_file())
}

/// The error for a folder that lacks some of the four MNIST files.
fn missing_files(dir: &Path) -> DataError {
    let missing: Vec<String> = MNIST_FILES
        .iter()
        .filter(|name| find(dir, name).is_none())
        .map(|name| format!("{name}[.gz]"))
        .collect();
    let where_dir = if dir.is_dir() {
        ""
    } else {
        " (the folder does not exist)"
    };
    DataError::NotFound {
        path: dir.display().to_string(),
        message: format!(
            "missing {}{where_dir}. Expected the four MNIST files {} in this folder, each raw \
             or gzip-compressed with a .gz suffix. {WHERE_FROM}.",
            missing.join(", "),
            MNIST_FILES.join(", "),
        ),
    }
}

fn file_error(path: impl AsRef<Path>, message: String) -> DataError {
    DataError::File {
        path: path.as_ref().display().to_string(),
        message,
    }
}
