//! The MNIST loader: valid IDX and CSV files round-trip, every malformed input
//! is an error that says what was expected and what arrived, arbitrary bytes
//! never panic, and the shipped `data/mnist` files hold the canonical MNIST.
//!
//! The small files are built by the tests in a temporary folder of their own.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use data::{
    DataError, MNIST_FILES, decode_idx_images, decode_idx_labels, decode_kaggle_csv, load_idx_pair,
    load_kaggle_csv, load_mnist, read_idx_images, read_idx_labels,
};
use flate2::Compression;
use flate2::write::GzEncoder;
use proptest::prelude::*;

/// A fresh folder under the system's temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("data-mnist-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a temporary folder");
        TempDir(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("write a test file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An IDX images file: magic 0x00000803, count, rows, columns, then pixels.
fn idx_images(count: u32, rows: u32, cols: u32, pixels: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0, 0, 8, 3];
    for n in [count, rows, cols] {
        bytes.extend_from_slice(&n.to_be_bytes());
    }
    bytes.extend_from_slice(pixels);
    bytes
}

/// An IDX labels file: magic 0x00000801, count, then the labels.
fn idx_labels(labels: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0, 0, 8, 1];
    bytes.extend_from_slice(&(labels.len() as u32).to_be_bytes());
    bytes.extend_from_slice(labels);
    bytes
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("compress in memory");
    encoder.finish().expect("compress in memory")
}

/// Three non-square 2x4 images whose pixels are their own indices times 10.
const PIXELS: [u8; 24] = [
    0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200,
    210, 220, 255,
];
const LABELS: [u8; 3] = [7, 0, 9];

fn images_error(bytes: &[u8]) -> String {
    decode_idx_images(bytes, "images")
        .expect_err("malformed images must be an error")
        .to_string()
}

fn labels_error(bytes: &[u8]) -> String {
    decode_idx_labels(bytes, "labels")
        .expect_err("malformed labels must be an error")
        .to_string()
}

fn assert_contains(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(
            message.contains(part),
            "expected {part:?} in the message:\n{message}"
        );
    }
}

// ---- valid files ---------------------------------------------------------

#[test]
fn gzip_idx_pair_round_trips_pixels_unscaled_and_labels() {
    let dir = TempDir::new("gzip-pair");
    let images = dir.write("i.gz", &gzip(&idx_images(3, 2, 4, &PIXELS)));
    let labels = dir.write("l.gz", &gzip(&idx_labels(&LABELS)));
    let set = load_idx_pair(&images, &labels).unwrap();
    assert_eq!((set.len(), set.n_features(), set.n_classes()), (3, 8, 10));
    let expected: Vec<f64> = PIXELS.iter().map(|&p| f64::from(p)).collect();
    assert_eq!(set.features(), expected.as_slice());
    assert_eq!(set.labels(), &[7, 0, 9]);
}

#[test]
fn raw_idx_files_give_the_same_images_and_labels() {
    let dir = TempDir::new("raw-pair");
    let images = read_idx_images(dir.write("i", &idx_images(3, 2, 4, &PIXELS))).unwrap();
    assert_eq!((images.count, images.rows, images.cols), (3, 2, 4));
    assert_eq!(images.pixels[23], 255);
    assert_eq!(
        read_idx_labels(dir.write("l", &idx_labels(&LABELS))).unwrap(),
        vec![7, 0, 9]
    );
}

#[test]
fn compression_is_detected_by_magic_bytes_not_by_name() {
    let dir = TempDir::new("by-magic");
    let gz_named_plain = dir.write("images", &gzip(&idx_images(3, 2, 4, &PIXELS)));
    let plain_named_gz = dir.write("labels.gz", &idx_labels(&LABELS));
    let set = load_idx_pair(gz_named_plain, plain_named_gz).unwrap();
    assert_eq!(set.labels(), &[7, 0, 9]);
}

#[test]
fn load_mnist_finds_raw_and_gz_files_in_a_folder() {
    let dir = TempDir::new("folder");
    dir.write(
        "train-images-idx3-ubyte.gz",
        &gzip(&idx_images(3, 2, 4, &PIXELS)),
    );
    dir.write("train-labels-idx1-ubyte", &idx_labels(&LABELS));
    dir.write(
        "t10k-images-idx3-ubyte",
        &idx_images(1, 2, 4, &PIXELS[8..16]),
    );
    dir.write("t10k-labels-idx1-ubyte.gz", &gzip(&idx_labels(&[4])));
    let mnist = load_mnist(&dir.0).unwrap();
    assert_eq!((mnist.train.len(), mnist.test.len()), (3, 1));
    assert_eq!(mnist.test.row(0), mnist.train.row(1));
    assert_eq!(mnist.test.labels(), &[4]);
}

// ---- missing files -------------------------------------------------------

#[test]
fn missing_folder_names_the_four_files_and_where_mnist_comes_from() {
    let dir = TempDir::new("empty");
    let e = load_mnist(dir.0.join("nowhere")).unwrap_err();
    assert!(matches!(e, DataError::NotFound { .. }), "{e:?}");
    let m = e.to_string();
    assert_contains(
        &m,
        &[
            "nowhere",
            "the folder does not exist",
            "Yann LeCun's MNIST page",
        ],
    );
    assert_contains(
        &m,
        &["Kaggle's \"Digit Recognizer\"", "train.csv", ".gz suffix"],
    );
    assert_contains(&m, &MNIST_FILES);
}

#[test]
fn missing_files_error_lists_only_the_missing_ones() {
    let dir = TempDir::new("partial");
    dir.write(
        "train-images-idx3-ubyte.gz",
        &gzip(&idx_images(3, 2, 4, &PIXELS)),
    );
    dir.write("train-labels-idx1-ubyte", &idx_labels(&LABELS));
    dir.write("t10k-images-idx3-ubyte", &idx_images(1, 2, 4, &PIXELS[..8]));
    let m = load_mnist(&dir.0).unwrap_err().to_string();
    assert_contains(&m, &["missing t10k-labels-idx1-ubyte[.gz].", "Yann LeCun"]);
    assert!(!m.contains("missing train"), "{m}");
}

#[test]
fn a_missing_single_file_is_not_found_with_the_source_of_mnist() {
    let dir = TempDir::new("single");
    let e = read_idx_images(dir.0.join("no-such-file")).unwrap_err();
    assert!(matches!(e, DataError::NotFound { .. }), "{e:?}");
    assert_contains(
        &e.to_string(),
        &["no-such-file: not found", "Yann LeCun's MNIST page"],
    );
    let e = load_kaggle_csv(dir.0.join("train.csv")).unwrap_err();
    assert_contains(
        &e.to_string(),
        &["train.csv: not found", "Digit Recognizer"],
    );
}

// ---- malformed IDX files -------------------------------------------------

#[test]
fn wrong_magic_says_expected_and_got_in_hex() {
    let png = b"\x89PNG\r\n\x1a\n and the rest of a picture";
    let e = decode_idx_images(&png[..], "picture.png").unwrap_err();
    assert!(
        matches!(
            e,
            DataError::BadMagic {
                expected: 0x803,
                got: 0x8950_4e47,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "picture.png: expected the magic number 0x00000803 of an IDX images file, got 0x89504e47"
    );
    let m = labels_error(&[0, 0, 0x0d, 1, 0, 0, 0, 1, 5]);
    assert_contains(&m, &["0x00000801 of an IDX labels file", "got 0x00000d01"]);
}

#[test]
fn a_labels_file_read_as_images_has_the_wrong_number_of_dimensions() {
    let e = decode_idx_images(&idx_labels(&LABELS)[..], "labels-as-images").unwrap_err();
    assert!(
        matches!(
            e,
            DataError::WrongDimensions {
                expected: 3,
                got: 1,
                ..
            }
        ),
        "{e:?}"
    );
    assert_contains(
        &e.to_string(),
        &["expected an IDX file with 3 dimensions, got 1"],
    );
    let m = labels_error(&idx_images(3, 2, 4, &PIXELS));
    assert_contains(&m, &["expected an IDX file with 1 dimensions, got 3"]);
}

#[test]
fn a_truncated_header_says_how_many_bytes_arrived() {
    let e = decode_idx_images(&idx_images(3, 2, 4, &[])[..10], "short").unwrap_err();
    assert!(
        matches!(
            e,
            DataError::Truncated {
                expected: 16,
                got: 10,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "short: truncated IDX header: expected 16 bytes, got 10"
    );
    assert_contains(&images_error(&[0, 0]), &["expected 16 bytes, got 2"]);
    assert_contains(&images_error(&[]), &["expected 16 bytes, got 0"]);
    assert_contains(
        &labels_error(&[0, 0, 8, 1, 0]),
        &["expected 8 bytes, got 5"],
    );
}

#[test]
fn truncated_pixels_and_labels_say_expected_and_got() {
    let m = images_error(&idx_images(3, 2, 4, &PIXELS[..23]));
    assert_eq!(m, "images: truncated pixel data: expected 24 bytes, got 23");
    let mut labels = idx_labels(&LABELS);
    labels.pop();
    assert_eq!(
        labels_error(&labels),
        "labels: truncated label data: expected 3 bytes, got 2"
    );
}

#[test]
fn bytes_after_the_announced_data_are_an_error() {
    let mut bytes = idx_images(3, 2, 4, &PIXELS);
    bytes.push(0);
    let m = images_error(&bytes);
    assert_contains(
        &m,
        &["expected exactly 24 bytes of pixel data after the header, found more"],
    );
}

#[test]
fn huge_header_counts_fail_without_allocating_them() {
    let m = images_error(&idx_images(u32::MAX, 28, 28, &[1, 2, 3]));
    assert_contains(
        &m,
        &["truncated pixel data: expected 3367254359280 bytes, got 3"],
    );
    let m = images_error(&idx_images(u32::MAX, u32::MAX, u32::MAX, &[]));
    assert_contains(
        &m,
        &["4294967295x4294967295 pixels, more than this machine can address"],
    );
    assert_contains(
        &labels_error(&[0, 0, 8, 1, 255, 255, 255, 255, 1]),
        &["got 1"],
    );
}

#[test]
fn zero_images_or_empty_images_are_an_error() {
    let m = images_error(&idx_images(0, 28, 28, &[]));
    assert_contains(
        &m,
        &["announces 0 images of 28x28 pixels: expected at least one"],
    );
    assert_contains(
        &images_error(&idx_images(2, 0, 28, &[])),
        &["2 images of 0x28"],
    );
    assert_contains(&labels_error(&idx_labels(&[])), &["announces 0 labels"]);
}

#[test]
fn image_and_label_counts_that_differ_are_an_error() {
    let dir = TempDir::new("counts");
    let images = dir.write("images", &idx_images(3, 2, 4, &PIXELS));
    let labels = dir.write("labels", &idx_labels(&LABELS[..2]));
    let m = load_idx_pair(&images, &labels).unwrap_err().to_string();
    assert_contains(
        &m,
        &[
            "3 images, but",
            "labels has 2 labels: expected one label per image",
        ],
    );
}

#[test]
fn a_label_above_9_is_an_error_naming_its_index() {
    assert_eq!(
        labels_error(&idx_labels(&[3, 10, 2])),
        "labels: label 1 is 10, expected a digit 0..=9"
    );
}

#[test]
fn train_and_test_images_of_different_sizes_are_an_error() {
    let dir = TempDir::new("sizes");
    dir.write("train-images-idx3-ubyte", &idx_images(3, 2, 4, &PIXELS));
    dir.write("train-labels-idx1-ubyte", &idx_labels(&LABELS));
    dir.write("t10k-images-idx3-ubyte", &idx_images(1, 3, 3, &PIXELS[..9]));
    dir.write("t10k-labels-idx1-ubyte", &idx_labels(&[1]));
    let m = load_mnist(&dir.0).unwrap_err().to_string();
    assert_contains(
        &m,
        &[
            "t10k-images",
            "images of 9 pixels, but the training images have 8",
        ],
    );
}

#[test]
fn corrupt_gzip_data_is_an_error() {
    let mut bytes = gzip(&idx_images(3, 2, 4, &PIXELS));
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    bytes[middle + 1] ^= 0x55;
    assert_contains(
        &images_error(&bytes),
        &["images: corrupt or cut-short gzip data"],
    );
    let mut bytes = gzip(&idx_labels(&LABELS));
    let end = bytes.len() - 1;
    bytes[end] ^= 1; // the length field of the gzip trailer
    assert_contains(&labels_error(&bytes), &["corrupt or cut-short gzip data"]);
}

#[test]
fn cut_short_gzip_data_is_an_error() {
    let bytes = gzip(&idx_images(3, 2, 4, &PIXELS));
    for cut in [2, 12, bytes.len() / 2, bytes.len() - 4, bytes.len() - 1] {
        let m = images_error(&bytes[..cut]);
        assert!(
            m.starts_with("images: corrupt or cut-short gzip data: "),
            "cut at {cut}: {m}"
        );
    }
}

// ---- Kaggle's train.csv --------------------------------------------------

fn kaggle_header() -> String {
    let pixels: Vec<String> = (0..784).map(|i| format!("pixel{i}")).collect();
    format!("label,{}", pixels.join(","))
}

/// A row with `label` and pixels `first, 0, 0, ..., last`.
fn kaggle_row(label: &str, first: &str, last: &str) -> String {
    let mut values = vec!["0"; 785];
    (values[0], values[1], values[784]) = (label, first, last);
    values.join(",")
}

fn kaggle_error(text: &str) -> String {
    decode_kaggle_csv(text.as_bytes(), "train.csv")
        .expect_err("must be an error")
        .to_string()
}

#[test]
fn kaggle_csv_gives_label_then_784_unscaled_pixels() {
    let text = format!(
        "{}\r\n{}\r\n\n{}\n",
        kaggle_header(),
        kaggle_row("1", "0", "255"),
        kaggle_row("9", "17", "3")
    );
    let set = decode_kaggle_csv(text.as_bytes(), "train.csv").unwrap();
    assert_eq!((set.len(), set.n_features(), set.n_classes()), (2, 784, 10));
    assert_eq!(set.labels(), &[1, 9]);
    assert_eq!(
        (set.row(0)[0], set.row(0)[783], set.row(1)[0]),
        (0.0, 255.0, 17.0)
    );
    let dir = TempDir::new("kaggle");
    let gz = load_kaggle_csv(dir.write("train.csv.gz", &gzip(text.as_bytes()))).unwrap();
    assert_eq!(gz, set);
}

#[test]
fn kaggle_csv_header_must_be_label_then_pixels() {
    let expected = "train.csv: line 1: expected the header label,pixel0,...,pixel783";
    let m = kaggle_error(&format!("{}\n", kaggle_row("1", "0", "0")));
    assert_eq!(
        m,
        format!("{expected}, got a row of numbers: the header line is missing")
    );
    let test_csv = kaggle_header().replacen("label,", "", 1);
    assert_contains(
        &kaggle_error(&test_csv),
        &[expected, "this is Kaggle's test.csv"],
    );
    let m = kaggle_error(&kaggle_header().replace("pixel7,", "pixel_7,"));
    assert_eq!(
        m,
        format!("{expected}; column 8 is \"pixel_7\", expected \"pixel7\"")
    );
    let m = kaggle_error("id,label\n3,1\n");
    assert_eq!(
        m,
        format!("{expected} (785 columns), got 2 columns starting \"id,label\"")
    );
    assert_eq!(kaggle_error(""), format!("{expected}, got an empty file"));
}

#[test]
fn kaggle_csv_without_rows_is_an_error() {
    let m = kaggle_error(&format!("{}\n\n", kaggle_header()));
    assert_eq!(
        m,
        "train.csv: no rows after the header: expected one row per image"
    );
}

#[test]
fn kaggle_csv_ragged_rows_are_an_error() {
    let short = kaggle_row("1", "0", "0").replacen(",0", "", 1);
    let m = kaggle_error(&format!("{}\n{}\n", kaggle_header(), short));
    assert_eq!(
        m,
        "train.csv: line 2: expected 785 values (the label, then 784 pixels), got 784"
    );
}

#[test]
fn kaggle_csv_non_numbers_are_an_error_naming_line_and_column() {
    let rows = [kaggle_row("1", "0", "0"), kaggle_row("2", "0", "x")];
    let m = kaggle_error(&format!("{}\n{}\n{}\n", kaggle_header(), rows[0], rows[1]));
    assert_eq!(
        m,
        "train.csv: line 3, column 784 (pixel783): expected a whole number, got \"x\""
    );
    let m = kaggle_error(&format!(
        "{}\n{}\n",
        kaggle_header(),
        kaggle_row("1", "0.5", "0")
    ));
    assert_contains(
        &m,
        &["column 1 (pixel0): expected a whole number, got \"0.5\""],
    );
}

#[test]
fn kaggle_csv_pixels_outside_0_to_255_are_an_error() {
    let m = kaggle_error(&format!(
        "{}\n{}\n",
        kaggle_header(),
        kaggle_row("1", "256", "0")
    ));
    assert_eq!(
        m,
        "train.csv: line 2, column 1 (pixel0): expected a pixel 0..=255, got 256"
    );
    let m = kaggle_error(&format!(
        "{}\n{}\n",
        kaggle_header(),
        kaggle_row("1", "0", "-1")
    ));
    assert_contains(
        &m,
        &["column 784 (pixel783): expected a pixel 0..=255, got -1"],
    );
}

#[test]
fn kaggle_csv_labels_above_9_are_an_error() {
    let m = kaggle_error(&format!(
        "{}\n{}\n",
        kaggle_header(),
        kaggle_row("10", "0", "0")
    ));
    assert_eq!(
        m,
        "train.csv: line 2, column 0 (label): expected a digit 0..=9, got 10"
    );
}

#[test]
fn kaggle_csv_that_is_not_text_is_an_error() {
    let m = decode_kaggle_csv(&[b'l', 0xff, 0xfe][..], "train.csv")
        .unwrap_err()
        .to_string();
    assert_eq!(
        m,
        "train.csv: expected UTF-8 text, got an invalid byte at offset 1"
    );
}

// ---- arbitrary input never panics ----------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = decode_idx_images(&bytes[..], "arbitrary");
        let _ = decode_idx_labels(&bytes[..], "arbitrary");
        let _ = decode_kaggle_csv(&bytes[..], "arbitrary");
        let _ = decode_idx_images(&gzip(&bytes)[..], "arbitrary.gz");
    }

    #[test]
    fn arbitrary_bytes_after_a_valid_header_never_panic(
        dims in (0_u32..4, 0_u32..4, 0_u32..4),
        body in prop::collection::vec(any::<u8>(), 0..48),
        compress in any::<bool>(),
    ) {
        let (count, rows, cols) = dims;
        let images = idx_images(count, rows, cols, &body);
        let labels = idx_labels(&body);
        let (images, labels) = if compress { (gzip(&images), gzip(&labels)) } else { (images, labels) };
        if let Ok(set) = decode_idx_images(&images[..], "images") {
            prop_assert_eq!(set.pixels.len(), (count * rows * cols) as usize);
            prop_assert_eq!(set.pixels.len(), body.len());
        }
        if let Ok(list) = decode_idx_labels(&labels[..], "labels") {
            prop_assert!(list.iter().all(|&l| l <= 9));
        }
    }

    #[test]
    fn arbitrary_rows_after_a_valid_csv_header_never_panic(row in "[0-9,x. -]{0,40}") {
        let text = format!("{}\n{row}\n", kaggle_header());
        let _ = decode_kaggle_csv(text.as_bytes(), "train.csv");
    }
}

// ---- the shipped data ----------------------------------------------------

fn shipped_mnist() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/mnist"))
}

#[test]
fn shipped_mnist_has_60000_training_and_10000_test_images_of_784_pixels() {
    let start = Instant::now();
    let mnist = load_mnist(shipped_mnist()).unwrap();
    eprintln!("loaded the shipped MNIST in {:.2?}", start.elapsed());
    assert_eq!((mnist.train.len(), mnist.train.n_features()), (60_000, 784));
    assert_eq!((mnist.test.len(), mnist.test.n_features()), (10_000, 784));
    // The first training image is the famous 5; the first test image a 7.
    assert_eq!((mnist.train.labels()[0], mnist.test.labels()[0]), (5, 7));
    for (set, n) in [(&mnist.train, 60_000), (&mnist.test, 10_000)] {
        let mut counts = [0_usize; 10];
        set.labels().iter().for_each(|&l| counts[l] += 1);
        // Every digit appears, none under 8% or over 12% of the set.
        assert!(
            counts
                .iter()
                .all(|&c| c * 100 >= 8 * n && c * 100 <= 12 * n),
            "{counts:?}"
        );
        assert_eq!(set.features().iter().copied().fold(0.0, f64::max), 255.0);
    }
}

// ---- sizes, bounds and gzip members ---------------------------------------

/// A folder with the four MNIST files: `train` training images and 3 test
/// images, each of 1x1 pixel (small files, the same code paths).
fn tiny_mnist(dir: &TempDir, train: u32) -> PathBuf {
    let pixels: Vec<u8> = (0..train).map(|i| (i % 256) as u8).collect();
    let labels: Vec<u8> = (0..train).map(|i| (i % 10) as u8).collect();
    dir.write(MNIST_FILES[0], &idx_images(train, 1, 1, &pixels));
    dir.write(MNIST_FILES[1], &idx_labels(&labels));
    dir.write(MNIST_FILES[2], &idx_images(3, 1, 1, &[0, 128, 255]));
    dir.write(MNIST_FILES[3], &idx_labels(&LABELS));
    dir.0.clone()
}

#[test]
fn a_folder_with_10000_training_images_or_fewer_holds_out_a_sixth_not_10000() {
    // Holding out MNIST's usual 10,000 used to panic on 10,000 images and
    // below (`split_at` of a negative count) and left 1 image to learn from
    // at 10,001.
    for (train, expected) in [
        (10_000, (8_334, 1_666)),
        (10_001, (8_335, 1_666)),
        (12, (10, 2)),
    ] {
        let dir = TempDir::new(&format!("holdout-{train}"));
        let s = data::load_mnist_splits(&tiny_mnist(&dir, train), None).unwrap();
        assert_eq!(
            (s.train.len(), s.validation.len()),
            expected,
            "{train} images"
        );
        assert_eq!(s.test.len(), 3);
    }
}

#[test]
fn a_folder_with_fewer_than_12_training_images_is_an_error_naming_it() {
    let dir = TempDir::new("holdout-11");
    let folder = tiny_mnist(&dir, 11);
    let m = data::load_mnist_splits(&folder, None)
        .unwrap_err()
        .to_string();
    assert_contains(
        &m,
        &[
            "MNIST folder",
            "at least 12 training images",
            "11 training images in",
            &folder.display().to_string(),
        ],
    );
}

#[test]
fn a_limit_of_0_for_a_final_run_is_an_error_not_one_image() {
    let dir = TempDir::new("final-limit-0");
    let folder = tiny_mnist(&dir, 20);
    let m = data::load_mnist_final(&folder, Some(0))
        .unwrap_err()
        .to_string();
    assert_contains(&m, &["limit", "at least 1 training image", "got 0"]);
    assert_eq!(
        data::load_mnist_final(&folder, Some(5))
            .unwrap()
            .train
            .len(),
        5
    );
}

#[test]
fn a_multi_member_gzip_file_reads_as_its_members_one_after_the_other() {
    // What `cat a.gz b.gz > c.gz` or `gzip` of concatenated input makes;
    // `zcat` reads every member, and so must we.
    let images = idx_images(3, 2, 4, &PIXELS);
    let labels = idx_labels(&LABELS);
    let dir = TempDir::new("multi-member");
    let mut joined = gzip(&images[..10]);
    joined.extend(gzip(&images[10..30]));
    joined.extend(gzip(&images[30..]));
    let i = dir.write("i.gz", &joined);
    let mut joined = gzip(&labels[..5]);
    joined.extend(gzip(&labels[5..]));
    let l = dir.write("l.gz", &joined);
    let set = load_idx_pair(&i, &l).unwrap();
    assert_eq!(set.labels(), &[7, 0, 9]);
    let expected: Vec<f64> = PIXELS.iter().map(|&p| f64::from(p)).collect();
    assert_eq!(set.features(), expected.as_slice());
}

#[test]
fn a_small_gzip_whose_header_promises_more_than_it_can_inflate_to_fails_before_reading() {
    // 1.3 million images announced; 1,000 zero images compressed. A gzip file
    // of n bytes inflates to at most 1032 n bytes, so the header cannot be
    // right and the data is not decompressed at all.
    let dir = TempDir::new("gzip-bound");
    let path = dir.write(
        "i.gz",
        &gzip(&idx_images(1_300_000, 28, 28, &vec![0; 784 * 1000])),
    );
    let size = std::fs::metadata(&path).unwrap().len();
    let m = read_idx_images(&path).unwrap_err().to_string();
    assert_contains(
        &m,
        &[
            &path.display().to_string(),
            "the header announces 1019200000 bytes of pixel data",
            &format!("a gzip file of {size} bytes"),
        ],
    );
    // The same for a raw file: its size is the bound.
    let path = dir.write("i", &idx_images(1_000, 28, 28, &[0; 784]));
    let m = read_idx_images(&path).unwrap_err().to_string();
    assert_contains(
        &m,
        &[
            "784000 bytes of pixel data",
            "more than a file of 800 bytes can hold",
        ],
    );
}

#[test]
fn pixels_stay_one_byte_each_until_scaled_a_slice_at_a_time() {
    let set = decode_idx_images(idx_images(3, 2, 4, &PIXELS).as_slice(), "images").unwrap();
    assert_eq!(
        size_of_val(set.pixels.as_slice()),
        PIXELS.len(),
        "one byte per pixel"
    );
    let middle = set.scaled(1..2, 255.0).unwrap();
    let expected: Vec<f64> = PIXELS[8..16]
        .iter()
        .map(|&p| f64::from(p) / 255.0)
        .collect();
    assert_eq!(middle, expected);
    let m = set.scaled(2..4, 1.0).unwrap_err().to_string();
    assert_contains(&m, &["image range", "2..4 of 3 images"]);
}

#[test]
fn a_file_given_as_the_mnist_folder_says_it_is_a_file() {
    let dir = TempDir::new("file-as-folder");
    let file = dir.write("not-a-folder", b"hello");
    let m = load_mnist(&file).unwrap_err().to_string();
    assert_contains(
        &m,
        &["not-a-folder: is a file, not a folder: expected the folder"],
    );
    assert!(!m.contains("does not exist"), "{m}");
    let m = read_idx_images(&dir.0).unwrap_err().to_string();
    assert_contains(&m, &["is a folder: expected a file"]);
}
