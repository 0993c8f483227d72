//! Facts about the workspace itself that a newcomer's first `cargo test`
//! depends on: example names that cargo can keep apart, and the license
//! texts the manifest declares.

use std::collections::BTreeMap;
use std::path::Path;

/// The example names of one crate: `examples/NAME.rs` and `examples/NAME/main.rs`.
fn example_names(krate: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(krate.join("examples")) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for entry in entries.map(|e| e.expect("read an examples folder")) {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") {
            names.push(path.file_stem().unwrap().to_string_lossy().into_owned());
        } else if path.join("main.rs").is_file() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names
}

#[test]
fn example_names_are_unique_across_the_workspace() {
    // Two crates with an example of the same name make cargo warn about an
    // "output filename collision" (which "may become a hard error") on every
    // `cargo test`: both binaries land in the same target folder.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for krate in std::fs::read_dir(root.join("crates")).expect("read crates/") {
        let krate = krate.expect("read crates/").path();
        for name in example_names(&krate) {
            let owner = krate.file_name().unwrap().to_string_lossy().into_owned();
            seen.entry(name).or_default().push(owner);
        }
    }
    assert!(seen.contains_key("naive_digits") && seen.contains_key("digits"));
    let shared: Vec<_> = seen.iter().filter(|(_, crates)| crates.len() > 1).collect();
    assert!(
        shared.is_empty(),
        "examples with the same name in several crates: {shared:?}"
    );
}

#[test]
fn both_license_texts_the_manifest_declares_ship_at_the_root() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("license = \"MIT OR Apache-2.0\""));
    let mit = std::fs::read_to_string(root.join("LICENSE-MIT")).expect("LICENSE-MIT");
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    let apache = std::fs::read_to_string(root.join("LICENSE-APACHE")).expect("LICENSE-APACHE");
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
    // The data sets keep their own licenses, stated beside them.
    let data = std::fs::read_to_string(root.join("data/README.md")).unwrap();
    for (file, license) in [("digits.csv.gz", "CC BY 4.0"), ("mnist/", "CC BY-SA 3.0")] {
        assert!(
            data.contains(file) && data.contains(license),
            "{file}: {license}"
        );
    }
}
