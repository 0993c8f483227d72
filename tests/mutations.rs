//! Mutation tests for every parser a user's file reaches: IDX images and
//! labels (raw and gzip-compressed), the digits CSV and the model file.
//!
//! Each test starts from a valid file and damages it the way disks, cut
//! downloads, careless edits and hostile users do: random bit flips, bytes
//! overwritten, inserted or deleted, the file cut short or lengthened, and
//! structured changes that aim at what the parser trusts (the header's
//! magic number and counts, a CSV field, a model's layer sizes and
//! numbers). Every mutated file must give an error or a result consistent
//! with its bytes; a panic fails the test (caught, with the seed and the
//! mutation), and so would an abort (the test process dies).
//!
//! `cargo test` runs a few hundred mutations per parser in a few seconds.
//! CI runs many more: `HANDCRAFTED_MUTATIONS=N` sets the number per parser
//! (`.ci/mutations.sh`).

use std::io::{Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};

use flate2::Compression;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use improved::{MlpNeuralNetwork, Trainer};
use rand::RngExt;

/// Mutations per parser: `HANDCRAFTED_MUTATIONS`, or 300.
fn mutations() -> usize {
    std::env::var("HANDCRAFTED_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

type Rng = data::SeededRng;

/// One random damage to `bytes`, described for the failure message.
fn damage(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    let len = bytes.len();
    let at = |rng: &mut Rng| rng.random_range(0..len.max(1));
    match rng.random_range(0..7) {
        0 if len > 0 => {
            let (i, bit) = (at(rng), rng.random_range(0..8));
            bytes[i] ^= 1 << bit;
            format!("flip bit {bit} of byte {i}")
        }
        1 if len > 0 => {
            let (i, b) = (at(rng), rng.random::<u8>());
            bytes[i] = b;
            format!("byte {i} = {b}")
        }
        2 => {
            let cut = rng.random_range(0..=len);
            bytes.truncate(cut);
            format!("cut at {cut}")
        }
        3 => {
            let n = rng.random_range(1..64);
            bytes.extend((0..n).map(|_| rng.random::<u8>()));
            format!("{n} random bytes appended")
        }
        4 if len > 0 => {
            let i = at(rng);
            let n = rng.random_range(1..=(len - i).min(32));
            bytes.drain(i..i + n);
            format!("{n} bytes deleted at {i}")
        }
        5 => {
            let i = rng.random_range(0..=len);
            let n = rng.random_range(1..32);
            let insert: Vec<u8> = (0..n).map(|_| rng.random::<u8>()).collect();
            bytes.splice(i..i, insert);
            format!("{n} bytes inserted at {i}")
        }
        _ if len > 0 => {
            let i = at(rng);
            let n = rng.random_range(1..=(len - i).min(64));
            let copy = bytes[i..i + n].to_vec();
            bytes.splice(i..i, copy);
            format!("{n} bytes at {i} repeated")
        }
        _ => "nothing".into(),
    }
}

/// Runs `check` on `mutations()` mutated copies of `valid`, each made by
/// `mutate`; a panic in either fails the test with the case that caused it.
/// `check` says whether the parser accepted the file: over a hundred cases
/// or more, both answers must occur (the mutations reach both branches).
fn run(
    name: &str,
    valid: &[u8],
    mutate: impl Fn(&mut Rng, &mut Vec<u8>) -> String,
    check: impl Fn(&[u8]) -> bool,
) {
    let n = mutations();
    let mut rng = data::seeded_rng(24);
    let mut accepted = 0;
    for case in 0..n {
        let mut bytes = valid.to_vec();
        let mut what = Vec::new();
        for _ in 0..rng.random_range(1..=3) {
            what.push(mutate(&mut rng, &mut bytes));
        }
        match catch_unwind(AssertUnwindSafe(|| check(&bytes))) {
            Ok(ok) => accepted += usize::from(ok),
            Err(_) => panic!(
                "{name}: case {case} of {n} panicked after: {}",
                what.join("; ")
            ),
        }
    }
    eprintln!(
        "{name}: {n} mutations, {accepted} accepted, {} refused",
        n - accepted
    );
    if n >= 100 {
        assert!(
            0 < accepted && accepted < n,
            "{name}: {accepted} of {n} mutated files accepted: expected some of each"
        );
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// What a gzip stream holds, as far as it can be read, or `None`.
fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    MultiGzDecoder::new(bytes).read_to_end(&mut out).ok()?;
    Some(out)
}

// ---- IDX -------------------------------------------------------------------

fn be(bytes: &[u8], at: usize) -> usize {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
}

/// 7 images of 3x5 pixels: every pixel value appears.
fn valid_images() -> Vec<u8> {
    let mut bytes = vec![0, 0, 8, 3];
    for n in [7u32, 3, 5] {
        bytes.extend(n.to_be_bytes());
    }
    bytes.extend((0..105).map(|i| (i * 37 % 256) as u8));
    bytes
}

fn valid_labels() -> Vec<u8> {
    let mut bytes = vec![0, 0, 8, 1, 0, 0, 0, 12];
    bytes.extend((0..12).map(|i| (i * 7 % 10) as u8));
    bytes
}

/// Damage aimed at an IDX header: the magic number's bytes, or one of the
/// counts set to a value a parser might trust (0, 1, one off, huge).
fn damage_idx_header(rng: &mut Rng, bytes: &mut [u8]) -> String {
    let fields = (bytes.len().min(16) / 4).max(1);
    let field = rng.random_range(0..fields);
    if field == 0 || bytes.len() < 8 {
        let i = rng.random_range(0..bytes.len().clamp(1, 4));
        let b = [0u8, 1, 3, 8, 9, 0x0d, 0xff][rng.random_range(0..7)];
        if let Some(x) = bytes.get_mut(i) {
            *x = b;
        }
        return format!("magic byte {i} = {b}");
    }
    let old = be(bytes, field * 4);
    let value = [
        0,
        1,
        old.saturating_sub(1),
        old + 1,
        old * 2,
        1 << 16,
        1 << 31,
        u32::MAX as usize,
        rng.random::<u32>() as usize,
    ][rng.random_range(0..9)] as u32;
    bytes[field * 4..field * 4 + 4].copy_from_slice(&value.to_be_bytes());
    format!("header field {field} = {value}")
}

fn damage_idx(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    if rng.random_bool(0.4) {
        damage_idx_header(rng, bytes)
    } else {
        damage(rng, bytes)
    }
}

/// An images result must be exactly the file: its header and its pixels.
fn check_images(raw: &[u8], source: &str) -> bool {
    let result = data::decode_idx_images(raw, source);
    if let Ok(set) = &result {
        assert!(raw.len() >= 16 && raw[..4] == [0, 0, 8, 3]);
        let (count, rows, cols) = (be(raw, 4), be(raw, 8), be(raw, 12));
        assert_eq!((set.count, set.rows, set.cols), (count, rows, cols));
        assert_eq!(set.pixels.len(), count * rows * cols);
        assert_eq!(
            set.pixels,
            raw[16..],
            "pixels are the bytes after the header"
        );
    }
    result.is_ok()
}

fn check_labels(raw: &[u8], source: &str) -> bool {
    let result = data::decode_idx_labels(raw, source);
    if let Ok(labels) = &result {
        assert!(raw.len() >= 8 && raw[..4] == [0, 0, 8, 1]);
        assert_eq!(labels.len(), be(raw, 4));
        let bytes: Vec<usize> = raw[8..].iter().map(|&b| usize::from(b)).collect();
        assert_eq!(*labels, bytes);
        assert!(labels.iter().all(|&l| l <= 9));
    }
    result.is_ok()
}

#[test]
fn mutated_raw_idx_images_give_an_error_or_exactly_their_bytes() {
    run("raw IDX images", &valid_images(), damage_idx, |bytes| {
        check_images(bytes, "images")
    });
}

#[test]
fn mutated_raw_idx_labels_give_an_error_or_exactly_their_bytes() {
    run("raw IDX labels", &valid_labels(), damage_idx, |bytes| {
        check_labels(bytes, "labels")
    });
}

#[test]
fn mutated_gzip_idx_files_give_an_error_or_what_they_inflate_to() {
    // Damage before compressing (a well-formed gzip of a bad file), after it
    // (a damaged gzip stream), or split into several gzip members.
    for (name, valid, is_images) in [
        ("gzip IDX images", valid_images(), true),
        ("gzip IDX labels", valid_labels(), false),
    ] {
        let mutate = |rng: &mut Rng, bytes: &mut Vec<u8>| -> String {
            let Some(mut raw) = gunzip(bytes) else {
                return damage(rng, bytes);
            };
            match rng.random_range(0..3) {
                0 => {
                    let what = damage_idx(rng, &mut raw);
                    *bytes = gzip(&raw);
                    format!("{what}, compressed")
                }
                1 => format!("compressed: {}", damage(rng, bytes)),
                _ => {
                    let cut = rng.random_range(0..=raw.len());
                    let mut members = gzip(&raw[..cut]);
                    members.extend(gzip(&raw[cut..]));
                    *bytes = members;
                    format!("two gzip members split at {cut}")
                }
            }
        };
        run(name, &gzip(&valid), mutate, |bytes| {
            let result_ok = if is_images {
                data::decode_idx_images(bytes, "images.gz").is_ok()
            } else {
                data::decode_idx_labels(bytes, "labels.gz").is_ok()
            };
            if result_ok {
                // Accepted: a complete gzip stream of a valid file, or (the
                // damage took the gzip magic away) a valid raw file.
                let raw = if bytes.starts_with(&[0x1f, 0x8b]) {
                    gunzip(bytes).expect("an accepted gzip file inflates")
                } else {
                    bytes.to_vec()
                };
                let consistent = if is_images {
                    check_images(&raw, "images")
                } else {
                    check_labels(&raw, "labels")
                };
                assert!(consistent, "accepted compressed, refused inflated");
            }
            result_ok
        });
    }
}

// ---- the digits CSV --------------------------------------------------------

/// The first 150 rows of the shipped digits file.
fn valid_digits() -> Vec<u8> {
    let gz = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/digits.csv.gz")).unwrap();
    let text = String::from_utf8(gunzip(&gz).unwrap()).unwrap();
    text.lines()
        .take(150)
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect()
}

/// Damage aimed at a CSV: a field replaced by something a parser might
/// trust (empty, not a number, NaN, infinity, negative, a fraction, a label
/// out of range), a field added or removed, a line repeated or blanked.
fn damage_csv(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    if lines.is_empty() || rng.random_bool(0.3) {
        return damage(rng, bytes);
    }
    let l = rng.random_range(0..lines.len());
    let mut fields: Vec<String> = lines[l].split(',').map(String::from).collect();
    let what = match rng.random_range(0..5) {
        0 => {
            let f = rng.random_range(0..fields.len());
            let new = [
                "", "x", "NaN", "inf", "-1", "2.5", "10", "1e400", " 3 ", "0x10", "17",
            ][rng.random_range(0..11)];
            fields[f] = new.into();
            format!("line {l} field {f} = {new:?}")
        }
        1 => {
            fields.push("5".into());
            format!("line {l} gets a field")
        }
        2 => {
            fields.pop();
            format!("line {l} loses a field")
        }
        3 => {
            let copy = lines[l].clone();
            lines.insert(l, copy);
            format!("line {l} repeated")
        }
        _ => {
            fields = vec![String::new()];
            format!("line {l} blanked")
        }
    };
    if let Some(line) = lines.get_mut(l) {
        *line = fields.join(",");
    }
    *bytes = lines.join("\n").into_bytes();
    what
}

#[test]
fn mutated_digits_csv_gives_an_error_or_exactly_its_numbers() {
    run("digits CSV", &valid_digits(), damage_csv, |bytes| {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return false; // the loader takes text; bytes that are not are the caller's error
        };
        let result = data::parse_csv(text, 10);
        if let Ok(set) = &result {
            // Read back by hand: every non-blank line is the features, then the label.
            let rows: Vec<Vec<f64>> = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.split(',').map(|v| v.trim().parse().unwrap()).collect())
                .collect();
            assert_eq!(set.len(), rows.len());
            for (i, row) in rows.iter().enumerate() {
                let (label, features) = row.split_last().unwrap();
                assert_eq!(set.row(i), features);
                assert_eq!(set.labels()[i] as f64, *label);
                assert!(features.iter().all(|x| x.is_finite()));
            }
        }
        result.is_ok()
    });
}

// ---- the model file --------------------------------------------------------

fn valid_model() -> Vec<u8> {
    let (net, trainer) = improved::Config::recommended().build(4, 3, 2).unwrap();
    net.to_model_text(&trainer).into_bytes()
}

/// Damage aimed at a model file: a JSON token replaced by a value a parser
/// might trust (huge or zero layer sizes, NaN, overflowing numbers, wrong
/// types, a bracket or a line break).
fn damage_model(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    let text = String::from_utf8_lossy(bytes).into_owned();
    if text.is_empty() || rng.random_bool(0.3) {
        return damage(rng, bytes);
    }
    let tokens: Vec<&str> = text
        .split_inclusive([',', ':', '[', ']', '{', '}', '\n'])
        .collect();
    let t = rng.random_range(0..tokens.len());
    let new = [
        "0,",
        "1,",
        "4294967296,",
        "18446744073709551615,",
        "-1,",
        "1e999,",
        "NaN,",
        "null,",
        "\"x\",",
        "[],",
        "{},",
        "",
        "[1,2]",
        "0.5,",
        "3",
        "\n",
        "]",
        "}",
    ][rng.random_range(0..18)];
    let changed: String = tokens
        .iter()
        .enumerate()
        .map(|(i, tok)| if i == t { new } else { tok })
        .collect();
    *bytes = changed.into_bytes();
    format!("token {t} = {new:?}")
}

#[test]
fn mutated_model_files_give_an_error_or_a_network_that_saves_back_the_same() {
    run("model file", &valid_model(), damage_model, |bytes| {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return false;
        };
        let result = MlpNeuralNetwork::from_model_text_with_config(text);
        if let Ok((net, config)) = &result {
            // Consistent: finite weights of the announced shapes, written
            // back and read again bit for bit.
            assert_eq!(net.wi().shape(), (net.inputs() + 1, net.hidden()));
            assert_eq!(net.wo().shape(), (net.hidden(), net.outputs()));
            assert!(
                net.wi()
                    .iter()
                    .chain(net.wo().iter())
                    .all(|w| w.is_finite())
            );
            let trainer = Trainer::new(config.schedule(), config.sgd(), net).unwrap();
            let again = MlpNeuralNetwork::from_model_text(&net.to_model_text(&trainer)).unwrap();
            let bits = |n: &MlpNeuralNetwork| -> Vec<u64> {
                n.wi()
                    .iter()
                    .chain(n.wo().iter())
                    .map(|w| w.to_bits())
                    .collect()
            };
            assert_eq!(bits(&again), bits(net));
        }
        result.is_ok()
    });
}
