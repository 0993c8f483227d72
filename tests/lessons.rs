//! Lessons never drift from code.
//!
//! The lessons in `lessons/` show code and output by *copying* it into
//! ordinary fenced blocks, so they read well on any Markdown viewer. This
//! test makes sure every copy is still exact:
//!
//! - A line `<!-- code: crates/naive/src/network.rs#feed_forward -->` must be
//!   followed, on the very next line, by a ```` ```rust ```` block equal to
//!   the region between `// ANCHOR: feed_forward` and
//!   `// ANCHOR_END: feed_forward` in that file (common indentation removed,
//!   the anchor lines of other regions dropped).
//! - A line `<!-- output: lessons/output/p1-1-sigmoid.txt -->` must be
//!   followed by a ```` ```text ```` block equal to that file (an insta
//!   `.snap` file loses its `---` header first).
//! - Every anchor in the sources (`crates/`, `examples/`, `tests/`) is well
//!   formed (closed, unique in its file) and quoted by at least one lesson.
//! - Every relative Markdown link in a lesson points at an existing file.
//! - Every "Try it" demo (`tests/lessons/try_it.rs`) still prints exactly
//!   the output file its lesson shows.
//!
//! Paths in markers are relative to the repository root; links are relative
//! to the lesson, as Markdown wants.
//!
//! `UPDATE_LESSONS=1 cargo test --test lessons` rewrites every stale block
//! and output file in place, then checks again. Missing files, missing or
//! broken anchors, unused anchors and broken links cannot be regenerated:
//! they fail with a message that says what to change.
//!
//! The checker is plain std Rust (no parser crates); the demos use `naive`,
//! `improved`, `data` and `nalgebra`.

#[path = "lessons/try_it.rs"]
mod try_it;

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// The one command that rewrites stale blocks and output files.
const UPDATE_COMMAND: &str = "UPDATE_LESSONS=1 cargo test --test lessons";

/// Files (or folders, ending in `/`) whose anchors no lesson has to quote *yet*.
///
/// Empty: every anchor of the crates is quoted by a lesson. While a lesson is
/// being written for new code, list its file here (e.g. `"crates/improved/"`)
/// and remove it when the lesson is done. Anchors in these files are still
/// checked for being well formed, and lessons may already quote them.
const NOT_YET_REQUIRED: &[&str] = &[];

/// Where anchors live. Every `.rs` file below these folders is scanned.
const SOURCE_ROOTS: &[&str] = &["crates", "examples", "tests"];

/// Not scanned for anchors: this checker, whose unit tests hold sample
/// anchors in strings.
const NOT_SCANNED: &[&str] = &["tests/lessons.rs", "tests/lessons/"];

/// The folder of lessons, relative to the repository root.
const LESSONS: &str = "lessons";

// ---------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------

/// Something wrong, where it is, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
struct Problem {
    /// `file:line` (1-based line) or just `file`.
    at: String,
    what: String,
    fix: String,
    /// Fixed by the update command (a block or output file out of date).
    stale: bool,
}

impl Problem {
    fn new(file: &str, line: Option<usize>, what: String, fix: String) -> Problem {
        let at = match line {
            Some(line) => format!("{file}:{}", line + 1),
            None => file.to_string(),
        };
        Problem {
            at,
            what,
            fix,
            stale: false,
        }
    }

    fn stale(file: &str, line: Option<usize>, what: String) -> Problem {
        let fix = format!("run `{UPDATE_COMMAND}` to copy the current text in");
        Problem {
            stale: true,
            ..Problem::new(file, line, what, fix)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}\n    fix: {}", self.at, self.what, self.fix)
    }
}

// ---------------------------------------------------------------------------
// Files: the disk, or a map of strings in the unit tests
// ---------------------------------------------------------------------------

/// Read access to the repository by root-relative path (`/`-separated).
trait Files {
    fn read(&self, path: &str) -> Option<String>;
    /// A file or a folder exists at `path`.
    fn exists(&self, path: &str) -> bool;
}

struct Disk(PathBuf);

impl Files for Disk {
    fn read(&self, path: &str) -> Option<String> {
        fs::read_to_string(self.0.join(path)).ok()
    }

    fn exists(&self, path: &str) -> bool {
        self.0.join(path).exists()
    }
}

// ---------------------------------------------------------------------------
// Anchored regions in source files
// ---------------------------------------------------------------------------

/// A named region of a source file.
#[derive(Debug, Clone, PartialEq)]
struct Region {
    name: String,
    /// 0-based line of the `// ANCHOR:` line.
    line: usize,
    /// The lines in between, dedented, with other regions' anchor lines dropped.
    body: String,
}

enum AnchorLine<'a> {
    Start(&'a str),
    End(&'a str),
}

/// Recognizes `// ANCHOR: name` and `// ANCHOR_END: name` (leading space allowed).
fn anchor_line(line: &str) -> Option<AnchorLine<'_>> {
    let line = line.trim_start();
    if let Some(name) = line.strip_prefix("// ANCHOR_END:") {
        Some(AnchorLine::End(name.trim()))
    } else {
        line.strip_prefix("// ANCHOR:")
            .map(|name| AnchorLine::Start(name.trim()))
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Finds every region of `text` (the file at `path`) and every malformed anchor.
fn parse_regions(path: &str, text: &str) -> (Vec<Region>, Vec<Problem>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut regions: Vec<Region> = Vec::new();
    let mut problems = Vec::new();
    let mut problem = |line: usize, what: String, fix: &str| {
        problems.push(Problem::new(path, Some(line), what, fix.to_string()));
    };
    for (i, line) in lines.iter().enumerate() {
        match anchor_line(line) {
            None => {}
            Some(AnchorLine::Start(name)) => {
                if !valid_name(name) {
                    problem(
                        i,
                        format!("anchor name `{name}` is not a name"),
                        "use letters, digits, `_` or `-`",
                    );
                } else if open.iter().any(|(n, _)| *n == name)
                    || regions.iter().any(|r| r.name == name)
                {
                    problem(
                        i,
                        format!("anchor `{name}` is opened twice in this file"),
                        "give each region its own name",
                    );
                } else {
                    open.push((name, i));
                }
            }
            Some(AnchorLine::End(name)) => match open.iter().rposition(|(n, _)| *n == name) {
                Some(at) => {
                    let (name, start) = open.remove(at);
                    let body = region_body(&lines[start + 1..i]);
                    regions.push(Region {
                        name: name.to_string(),
                        line: start,
                        body,
                    });
                }
                None => problem(
                    i,
                    format!("`ANCHOR_END: {name}` closes no open `ANCHOR: {name}`"),
                    "add the matching `// ANCHOR:` line above it, or fix the name",
                ),
            },
        }
    }
    for (name, start) in open {
        problem(
            start,
            format!("anchor `{name}` is never closed"),
            "add `// ANCHOR_END: <name>` after the region",
        );
    }
    regions.sort_by_key(|r| r.line);
    (regions, problems)
}

/// The lines of a region as a lesson shows them.
fn region_body(lines: &[&str]) -> String {
    let kept: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| anchor_line(l).is_none())
        .collect();
    let indent = kept
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let dedented: Vec<&str> = kept
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                ""
            } else {
                &l[indent..]
            }
        })
        .collect();
    normalize(&dedented.join("\n"))
}

/// Trailing spaces and trailing blank lines never count as a difference.
fn normalize(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end_matches('\n').to_string()
}

// ---------------------------------------------------------------------------
// Lessons: markers, their blocks, and links
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Code,
    Output,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Code => "code",
            Kind::Output => "output",
        }
    }

    /// The fence info string of its block.
    fn info(self) -> &'static str {
        match self {
            Kind::Code => "rust",
            Kind::Output => "text",
        }
    }
}

/// A whole line `<!-- code: path#anchor -->` or `<!-- output: path -->`.
fn marker(line: &str) -> Option<(Kind, &str)> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    if let Some(target) = inner.strip_prefix("code:") {
        Some((Kind::Code, target.trim()))
    } else {
        inner
            .strip_prefix("output:")
            .map(|target| (Kind::Output, target.trim()))
    }
}

/// An opening or closing fence: its backtick count and info string.
fn fence(line: &str) -> Option<(usize, &str)> {
    let line = line.trim_start();
    let ticks = line.len() - line.trim_start_matches('`').len();
    (ticks >= 3).then(|| (ticks, line[ticks..].trim()))
}

/// The index of the line closing the fence opened at `open`, if any.
fn closing_fence(lines: &[&str], open: usize) -> Option<usize> {
    let (ticks, _) = fence(lines[open])?;
    (open + 1..lines.len())
        .find(|&i| fence(lines[i]).is_some_and(|(n, info)| n >= ticks && info.is_empty()))
}

/// What the block after a marker must contain.
fn expected_block(kind: Kind, target: &str, files: &dyn Files) -> Result<String, (String, String)> {
    match kind {
        Kind::Code => {
            let Some((path, name)) = target.split_once('#') else {
                return Err((
                    format!("code marker `{target}` names no anchor"),
                    "write `<!-- code: path/to/file.rs#anchor -->`".into(),
                ));
            };
            let text = files.read(path).ok_or_else(|| missing_file(path))?;
            let (regions, _) = parse_regions(path, &text);
            match regions.iter().find(|r| r.name == name) {
                Some(region) => Ok(region.body.clone()),
                None => {
                    let names: Vec<&str> = regions.iter().map(|r| r.name.as_str()).collect();
                    Err((
                        format!("{path} has no anchor `{name}` (it has: {})", list(&names)),
                        format!(
                            "fix the marker, or wrap the code in `// ANCHOR: {name}` ... `// ANCHOR_END: {name}`"
                        ),
                    ))
                }
            }
        }
        Kind::Output => {
            let text = files.read(target).ok_or_else(|| missing_file(target))?;
            Ok(normalize(strip_snapshot_header(target, &text)))
        }
    }
}

fn missing_file(path: &str) -> (String, String) {
    (
        format!("marker names `{path}`, which does not exist"),
        "marker paths are relative to the repository root; fix the path or create the file".into(),
    )
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "no anchors".into()
    } else {
        names.join(", ")
    }
}

/// An insta snapshot starts with a `---` ... `---` header; the lesson shows what follows.
fn strip_snapshot_header<'a>(path: &str, text: &'a str) -> &'a str {
    if !path.ends_with(".snap") {
        return text;
    }
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}

/// Renders a block, with a fence longer than any backtick run inside it.
fn render_block(kind: Kind, body: &str) -> Vec<String> {
    let longest = body
        .lines()
        .filter_map(fence)
        .map(|(n, _)| n)
        .max()
        .unwrap_or(0);
    let ticks = "`".repeat(longest.max(2) + 1);
    let mut lines = vec![format!("{ticks}{}", kind.info())];
    lines.extend(body.lines().map(str::to_string));
    lines.push(ticks);
    lines
}

/// What checking one lesson found.
#[derive(Debug, Default)]
struct LessonReport {
    problems: Vec<Problem>,
    /// `path#anchor` of every code marker.
    quoted: BTreeSet<String>,
    /// The lesson with every stale block rewritten.
    regenerated: String,
}

/// Checks one lesson (`path` relative to the root) against the files it quotes.
fn check_lesson(path: &str, text: &str, files: &dyn Files) -> LessonReport {
    let lines: Vec<&str> = text.lines().collect();
    let mut report = LessonReport::default();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some((kind, target)) = marker(line) {
            out.push(line.to_string());
            i = check_marker(path, &lines, i, kind, target, files, &mut report, &mut out);
            continue;
        }
        if fence(line).is_some() {
            // An ordinary fenced block: copy it untouched, look inside for nothing.
            let end = closing_fence(&lines, i).unwrap_or(lines.len() - 1);
            out.extend(lines[i..=end].iter().map(|l| l.to_string()));
            i = end + 1;
            continue;
        }
        for target in links(line) {
            if let Some(problem) = check_link(path, i, &target, files) {
                report.problems.push(problem);
            }
        }
        out.push(line.to_string());
        i += 1;
    }
    report.regenerated = out.join("\n");
    if text.ends_with('\n') {
        report.regenerated.push('\n');
    }
    report
}

/// Checks the block after the marker on line `at`, writes the fresh block to
/// `out`, and returns the index of the first line after the old block.
#[allow(clippy::too_many_arguments)]
fn check_marker(
    path: &str,
    lines: &[&str],
    at: usize,
    kind: Kind,
    target: &str,
    files: &dyn Files,
    report: &mut LessonReport,
    out: &mut Vec<String>,
) -> usize {
    if kind == Kind::Code {
        report.quoted.insert(target.to_string());
    }
    // The old block, if the next line opens one.
    let old = match lines.get(at + 1).and_then(|l| fence(l)) {
        Some(_) => match closing_fence(lines, at + 1) {
            Some(end) => Some((at + 1, end)),
            None => {
                report.problems.push(Problem::new(
                    path,
                    Some(at + 1),
                    "this block is never closed".into(),
                    "close it with a line of backticks".into(),
                ));
                out.extend(lines[at + 1..].iter().map(|l| l.to_string()));
                return lines.len();
            }
        },
        None => None,
    };
    let next = old.map_or(at + 1, |(_, end)| end + 1);
    let keep_old = |out: &mut Vec<String>| {
        if let Some((open, end)) = old {
            out.extend(lines[open..=end].iter().map(|l| l.to_string()));
        }
    };
    let expected = match expected_block(kind, target, files) {
        Ok(body) => body,
        Err((what, fix)) => {
            report
                .problems
                .push(Problem::new(path, Some(at), what, fix));
            keep_old(out);
            return next;
        }
    };
    let source = format!("{} `{target}`", kind.word());
    match old {
        None => report.problems.push(Problem::stale(
            path,
            Some(at),
            format!(
                "no ```{} block right after the marker for {source}",
                kind.info()
            ),
        )),
        Some((open, end)) => {
            let info = fence(lines[open]).map_or("", |(_, info)| info);
            let found = normalize(&lines[open + 1..end].join("\n"));
            if info != kind.info() {
                report.problems.push(Problem::stale(
                    path,
                    Some(open),
                    format!(
                        "the block for {source} is tagged `{info}`, expected `{}`",
                        kind.info()
                    ),
                ));
            } else if found != expected {
                report.problems.push(Problem::stale(
                    path,
                    Some(open),
                    format!(
                        "the block differs from {source}: {}",
                        first_difference(&expected, &found)
                    ),
                ));
            }
        }
    }
    out.extend(render_block(kind, &expected));
    next
}

/// Describes the first line where two texts differ.
fn first_difference(expected: &str, found: &str) -> String {
    let expected: Vec<&str> = expected.lines().collect();
    let found: Vec<&str> = found.lines().collect();
    let line = (0..expected.len().max(found.len()))
        .find(|&i| expected.get(i) != found.get(i))
        .unwrap_or(0);
    let show = |l: Option<&&str>| l.map_or("(nothing)".to_string(), |l| format!("`{}`", l.trim()));
    format!(
        "line {} of the block is {} but the source has {}",
        line + 1,
        show(found.get(line)),
        show(expected.get(line))
    )
}

/// Targets of the Markdown links and images on a line (outside inline code),
/// and of a reference definition `[name]: target`.
fn links(line: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut in_code = false;
    for c in line.chars() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code {
            plain.push(c);
        }
    }
    let mut targets = Vec::new();
    let mut rest = plain.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        let end = rest.find(')').unwrap_or(rest.len());
        if let Some(target) = rest[..end].split_whitespace().next() {
            targets.push(
                target
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string(),
            );
        }
        rest = &rest[end..];
    }
    let trimmed = plain.trim_start();
    if trimmed.starts_with('[')
        && let Some((_, target)) = trimmed.split_once("]:")
        && let Some(target) = target.split_whitespace().next()
    {
        targets.push(target.to_string());
    }
    targets
}

/// A relative link target that does not exist.
fn check_link(lesson: &str, line: usize, target: &str, files: &dyn Files) -> Option<Problem> {
    if target.contains("://") || target.starts_with("mailto:") || target.starts_with('#') {
        return None;
    }
    let file = target.split(['#', '?']).next().unwrap_or(target);
    let dir = lesson.rsplit_once('/').map_or("", |(dir, _)| dir);
    let resolved = join(dir, file);
    let exists = resolved.as_deref().is_some_and(|p| files.exists(p));
    (!exists).then(|| {
        Problem::new(
            lesson,
            Some(line),
            format!("link to `{target}` points at nothing"),
            format!("links are relative to the lesson ({dir}/); fix the path or create the file"),
        )
    })
}

/// `dir/rel` with `.` and `..` resolved; `None` if it climbs out of the root.
fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

// ---------------------------------------------------------------------------
// Unused anchors
// ---------------------------------------------------------------------------

/// Anchors (in `sources`, as `(path, text)`) that no lesson quotes, except in
/// files listed in `not_yet_required`.
fn unused_anchors(
    sources: &[(String, String)],
    quoted: &BTreeSet<String>,
    not_yet_required: &[&str],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (path, text) in sources {
        if not_yet_required
            .iter()
            .any(|p| path == p || (p.ends_with('/') && path.starts_with(p)))
        {
            continue;
        }
        for region in parse_regions(path, text).0 {
            let key = format!("{path}#{}", region.name);
            if !quoted.contains(&key) {
                problems.push(Problem::new(
                    path,
                    Some(region.line),
                    format!("anchor `{}` is quoted by no lesson", region.name),
                    format!("show it in a lesson with the line `<!-- code: {key} -->` and run `{UPDATE_COMMAND}`, or remove the anchor"),
                ));
            }
        }
    }
    problems
}

// ---------------------------------------------------------------------------
// The repository
// ---------------------------------------------------------------------------

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn update_requested() -> bool {
    std::env::var("UPDATE_LESSONS").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Root-relative, `/`-separated paths of the files below `dir` ending in `ext`, sorted.
fn files_below(root: &Path, dir: &str, ext: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![root.join(dir)];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if name == "target" || name.to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                let relative = path.strip_prefix(root).expect("below the root");
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    found
}

fn scanned(path: &str) -> bool {
    !NOT_SCANNED
        .iter()
        .any(|p| path == *p || (p.ends_with('/') && path.starts_with(p)))
}

/// Every demo's output file must hold what the demo prints now.
fn check_demo_outputs(root: &Path, update: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    for demo in try_it::DEMOS {
        let fresh = format!("{}\n", normalize(&(demo.run)()));
        let path = root.join(demo.output);
        let old = fs::read_to_string(&path).unwrap_or_default();
        if old == fresh {
            continue;
        }
        if update {
            fs::create_dir_all(path.parent().expect("a folder")).expect("create the output folder");
            fs::write(&path, &fresh).expect("write the demo output");
        } else {
            problems.push(Problem::stale(
                demo.output,
                None,
                format!(
                    "this is no longer what `{}` prints: {}",
                    demo.command,
                    first_difference(&fresh, &old)
                ),
            ));
        }
    }
    problems
}

#[test]
fn lessons_match_the_code_and_output_they_show() {
    let root = root();
    let disk = Disk(root.clone());
    let update = update_requested();
    // Demo outputs first: lesson blocks are copied from them.
    let mut problems = check_demo_outputs(&root, update);

    let mut sources = Vec::new();
    for dir in SOURCE_ROOTS {
        for path in files_below(&root, dir, "rs")
            .into_iter()
            .filter(|p| scanned(p))
        {
            let text = disk.read(&path).expect("readable source");
            problems.extend(parse_regions(&path, &text).1);
            sources.push((path, text));
        }
    }

    let lessons = files_below(&root, LESSONS, "md");
    assert!(!lessons.is_empty(), "no lessons found in {LESSONS}/");
    let mut quoted = BTreeSet::new();
    for path in &lessons {
        let text = disk.read(path).expect("readable lesson");
        let report = check_lesson(path, &text, &disk);
        if update && report.regenerated != text {
            fs::write(root.join(path), &report.regenerated).expect("rewrite the lesson");
        }
        problems.extend(report.problems.into_iter().filter(|p| !(update && p.stale)));
        quoted.extend(report.quoted);
    }
    problems.extend(unused_anchors(&sources, &quoted, NOT_YET_REQUIRED));

    let listing: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "{} problem(s) between the lessons and the code:\n\n{}\n",
        problems.len(),
        listing.join("\n\n")
    );
}

// The "Try it" demos. Each prints what its lesson shows; run one with e.g.
// `cargo test --test lessons try_it_p1_3 -- --nocapture`.

#[test]
fn try_it_p1_1_sigmoid() {
    print!("{}", try_it::p1_1_sigmoid());
}

#[test]
fn try_it_p1_2_arrays() {
    print!("{}", try_it::p1_2_arrays());
}

#[test]
fn try_it_p1_3_feed_forward() {
    print!("{}", try_it::p1_3_feed_forward());
}

#[test]
fn try_it_p1_4_backpropagation() {
    print!("{}", try_it::p1_4_backpropagation());
}

#[test]
fn try_it_p1_4_nudge() {
    print!("{}", try_it::p1_4_nudge());
}

#[test]
fn try_it_p1_5_train_predict() {
    print!("{}", try_it::p1_5_train_predict());
}

#[test]
fn try_it_loops_to_matrices() {
    print!("{}", try_it::loops_to_matrices());
}

#[test]
fn try_it_p2_1_activations() {
    print!("{}", try_it::p2_1_activations());
}

#[test]
fn try_it_p2_2_initialization() {
    print!("{}", try_it::p2_2_initialization());
}

#[test]
fn try_it_p2_3_shuffling() {
    print!("{}", try_it::p2_3_shuffling());
}

#[test]
fn try_it_p2_4_regularization() {
    print!("{}", try_it::p2_4_regularization());
}

#[test]
fn try_it_article_settings() {
    print!("{}", try_it::article_settings());
}

// ---------------------------------------------------------------------------
// The checker has teeth: the same functions on strings held in memory
// ---------------------------------------------------------------------------

#[cfg(test)]
mod checker {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    /// An in-memory repository.
    struct Memory(BTreeMap<&'static str, String>);

    impl Files for Memory {
        fn read(&self, path: &str) -> Option<String> {
            self.0.get(path).cloned()
        }

        fn exists(&self, path: &str) -> bool {
            self.0
                .keys()
                .any(|k| *k == path || k.strip_prefix(path).is_some_and(|r| r.starts_with('/')))
        }
    }

    /// A source file with two regions, one nested in the other.
    fn source() -> String {
        [
            "impl Net {",
            "    // ANCHOR: step",
            "    fn step(&mut self) {",
            "        // ANCHOR: rate",
            "        let rate = 0.5;",
            "        // ANCHOR_END: rate",
            "        self.w -= rate * self.g;",
            "    }",
            "    // ANCHOR_END: step",
            "}",
        ]
        .join("\n")
    }

    fn repo(lesson: &str) -> Memory {
        let mut files = BTreeMap::new();
        files.insert("src/net.rs", source());
        files.insert("lessons/out.txt", "error 0.25\n".to_string());
        files.insert("lessons/one.md", lesson.to_string());
        Memory(files)
    }

    /// A lesson whose blocks are exact copies.
    fn good_lesson() -> String {
        [
            "# One step",
            "",
            "<!-- code: src/net.rs#step -->",
            "```rust",
            "fn step(&mut self) {",
            "    let rate = 0.5;",
            "    self.w -= rate * self.g;",
            "}",
            "```",
            "",
            "<!-- code: src/net.rs#rate -->",
            "```rust",
            "let rate = 0.5;",
            "```",
            "",
            "<!-- output: lessons/out.txt -->",
            "```text",
            "error 0.25",
            "```",
            "",
            "See [the code](../src/net.rs) and [the web](https://example.com).",
            "",
        ]
        .join("\n")
    }

    fn check(lesson: &str) -> LessonReport {
        check_lesson("lessons/one.md", lesson, &repo(lesson))
    }

    #[test]
    fn exact_copies_pass_and_regenerate_to_themselves() {
        let report = check(&good_lesson());
        assert_eq!(report.problems, vec![]);
        assert_eq!(report.regenerated, good_lesson());
        let quoted: Vec<&str> = report.quoted.iter().map(String::as_str).collect();
        assert_eq!(quoted, ["src/net.rs#rate", "src/net.rs#step"]);
    }

    #[test]
    fn a_one_token_edit_in_a_code_block_is_detected() {
        let lesson = good_lesson().replace("    let rate = 0.5;", "    let rate = 0.6;");
        let report = check(&lesson);
        assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
        let problem = &report.problems[0];
        assert!(problem.stale);
        assert_eq!(problem.at, "lessons/one.md:4");
        assert!(
            problem.what.contains("`let rate = 0.6;`"),
            "{}",
            problem.what
        );
        assert!(
            problem.what.contains("`let rate = 0.5;`"),
            "{}",
            problem.what
        );
        assert!(problem.fix.contains(UPDATE_COMMAND));
    }

    #[test]
    fn an_edit_in_the_source_makes_the_lesson_stale() {
        let lesson = good_lesson();
        let mut files = repo(&lesson);
        files.0.insert(
            "src/net.rs",
            source().replace("rate * self.g", "rate * self.g * 2.0"),
        );
        let report = check_lesson("lessons/one.md", &lesson, &files);
        assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
        assert!(
            report.problems[0].what.contains("line 3"),
            "{}",
            report.problems[0].what
        );
    }

    #[test]
    fn an_edit_in_an_output_block_is_detected() {
        let lesson = good_lesson().replace("error 0.25", "error 0.24");
        let report = check(&lesson);
        assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
        assert!(report.problems[0].what.contains("output `lessons/out.txt`"));
    }

    #[test]
    fn regeneration_fixes_a_stale_block_and_fills_a_missing_one() {
        let stale = good_lesson()
            .replace("    let rate = 0.5;", "    let rate = 9.0;")
            .replace("```text\nerror 0.25\n```\n", "");
        let report = check(&stale);
        assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
        assert!(report.problems.iter().all(|p| p.stale));
        assert_eq!(report.regenerated, good_lesson());
        assert_eq!(check(&report.regenerated).problems, vec![]);
    }

    #[test]
    fn a_missing_anchor_or_file_is_detected() {
        let lesson = good_lesson()
            .replace("src/net.rs#rate", "src/net.rs#speed")
            .replace("lessons/out.txt", "lessons/gone.txt");
        let report = check(&lesson);
        let what: Vec<&str> = report.problems.iter().map(|p| p.what.as_str()).collect();
        assert_eq!(what.len(), 2, "{what:?}");
        assert!(
            what[0].contains("no anchor `speed`") && what[0].contains("step, rate"),
            "{}",
            what[0]
        );
        assert!(
            what[1].contains("`lessons/gone.txt`, which does not exist"),
            "{}",
            what[1]
        );
        assert!(
            report.problems.iter().all(|p| !p.stale),
            "regenerating cannot fix these"
        );
        // The old blocks are kept as they were.
        assert_eq!(report.regenerated, lesson);
    }

    #[test]
    fn an_unused_anchor_is_detected_unless_not_yet_required() {
        let sources = vec![("src/net.rs".to_string(), source())];
        let only_step: BTreeSet<String> = ["src/net.rs#step".to_string()].into();
        let problems = unused_anchors(&sources, &only_step, &[]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].at, "src/net.rs:4");
        assert!(problems[0].what.contains("`rate` is quoted by no lesson"));
        assert!(problems[0].fix.contains("<!-- code: src/net.rs#rate -->"));
        assert_eq!(unused_anchors(&sources, &only_step, &["src/"]), vec![]);
        assert_eq!(
            unused_anchors(&sources, &only_step, &["src/net.rs"]),
            vec![]
        );
        assert_eq!(
            unused_anchors(&sources, &only_step, &["src/n"]).len(),
            1,
            "a prefix must be a folder"
        );
    }

    #[test]
    fn regions_are_dedented_and_drop_nested_anchor_lines() {
        let (regions, problems) = parse_regions("src/net.rs", &source());
        assert_eq!(problems, vec![]);
        let step = regions.iter().find(|r| r.name == "step").unwrap();
        assert_eq!(
            step.body,
            "fn step(&mut self) {\n    let rate = 0.5;\n    self.w -= rate * self.g;\n}"
        );
        assert_eq!(step.line, 1);
    }

    #[test]
    fn unclosed_duplicated_and_orphan_anchors_are_detected() {
        let text = [
            "// ANCHOR: a",
            "x",
            "// ANCHOR_END: a",
            "// ANCHOR: a",
            "// ANCHOR: b",
            "// ANCHOR_END: c",
        ]
        .join("\n");
        let (_, problems) = parse_regions("src/x.rs", &text);
        let found: Vec<String> = problems
            .iter()
            .map(|p| format!("{} {}", p.at, p.what))
            .collect();
        assert_eq!(
            found,
            [
                "src/x.rs:4 anchor `a` is opened twice in this file",
                "src/x.rs:6 `ANCHOR_END: c` closes no open `ANCHOR: c`",
                "src/x.rs:5 anchor `b` is never closed",
            ]
        );
    }

    #[test]
    fn broken_relative_links_are_detected_and_others_ignored() {
        let lesson = [
            "[ok](../src/net.rs#L3) [folder](../src) [web](https://x.org/a) [here](#top)",
            "`[not a link](nowhere.md)` ![image](pics/missing.png)",
            "[ref]: ./gone.md",
            "```text",
            "[inside a fence](nowhere.md)",
            "```",
        ]
        .join("\n");
        let report = check(&lesson);
        let found: Vec<String> = report
            .problems
            .iter()
            .map(|p| format!("{} {}", p.at, p.what))
            .collect();
        assert_eq!(
            found,
            [
                "lessons/one.md:2 link to `pics/missing.png` points at nothing",
                "lessons/one.md:3 link to `./gone.md` points at nothing",
            ]
        );
    }

    #[test]
    fn a_snapshot_header_is_not_shown() {
        let snap = "---\nsource: src/lib.rs\nexpression: report\n---\nline one\nline two\n";
        assert_eq!(
            strip_snapshot_header("a.snap", snap),
            "line one\nline two\n"
        );
        assert_eq!(strip_snapshot_header("a.txt", snap), snap);
    }

    #[test]
    fn a_block_holding_backticks_gets_a_longer_fence() {
        let block = render_block(Kind::Code, "/// ```\n/// x\n/// ```\n```");
        assert_eq!(block.first().unwrap(), "````rust");
        assert_eq!(block.last().unwrap(), "````");
    }
}
