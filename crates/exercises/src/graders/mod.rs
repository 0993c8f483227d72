//! The graders: one module per lesson, each with one function per exercise.
//!
//! A grader takes your function, runs it on fixed inputs, and compares what
//! it returns with a reference: `naive`'s code, `improved`'s activation
//! functions, finite differences (the slope measured by nudging the input),
//! or a property every right answer has (a shuffle is a permutation, a
//! softmax adds up to one). When the answer is wrong it also runs the typical
//! mistakes on the same input and, if yours matches one, says which.
//!
//! This file is the toolkit the graders share:
//! - [`Exercise`] names an exercise and its file;
//! - [`Exercise::run`] calls your function and turns a `todo!()` or a panic
//!   into a readable [`Failure`];
//! - [`Exercise::expect`] compares an answer with the expected one and
//!   explains a difference;
//! - [`Answer`] is what can be compared: a number, a vector, a matrix, a pair.

pub mod beyond;
pub mod capstone;
pub mod derive;
pub mod p1_1;
pub mod p1_3;
pub mod p1_4;
pub mod p2_1;
pub mod p2_2;
pub mod p2_3;
pub mod p2_4;

use std::cell::{Cell, RefCell};
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// The result of grading one exercise: `Ok(())` is a pass.
pub type Grade = Result<(), Failure>;

/// The relative tolerance for answers computed the same way as the
/// reference, up to the order of additions.
pub const TOL: f64 = 1e-9;

/// The relative tolerance against a slope measured by finite differences
/// (the measurement itself is only good to about 1e-8).
pub const FD_TOL: f64 = 1e-6;

/// One exercise: the lesson module it lives in and the function's name.
#[derive(Debug, Clone, Copy)]
pub struct Exercise {
    /// The lesson's module, e.g. `"p1_4"`.
    pub module: &'static str,
    /// The function to write, e.g. `"hidden_deltas"`.
    pub name: &'static str,
    /// The names of the answer's parts in failure messages, e.g.
    /// `["w", "c"]` for a pair; empty means one part named like the function.
    pub labels: &'static [&'static str],
}

/// Why a grade failed, in words for the learner. Its `Debug` form is the
/// same text, so a test returning `Err(failure)` prints it as is.
pub struct Failure {
    text: String,
}

impl Failure {
    fn new(text: String) -> Failure {
        Failure { text }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A wrong answer, described for the learner.
pub struct Wrong<'a> {
    /// The input the function was given, e.g. `"x = 0.5"`.
    pub input: &'a str,
    /// What a right answer returns (or the property it has).
    pub expected: String,
    /// What yours returned.
    pub got: String,
    /// The likely mistake, or what to look at.
    pub hint: &'a str,
}

/// A typical mistake: what it returns on the grader's input, and what to
/// tell a learner whose answer matches it.
pub struct Mistake<T> {
    would_give: T,
    hint: &'static str,
}

/// Builds a [`Mistake`].
pub fn mistake<T>(would_give: T, hint: &'static str) -> Mistake<T> {
    Mistake { would_give, hint }
}

/// Said when no typical mistake matches.
pub const NO_KNOWN_MISTAKE: &str = "none of the typical mistakes gives your numbers: \
compare your code with the doc comment's formula term by term, and check the indices \
against the shapes";

impl Exercise {
    /// Names an exercise.
    pub const fn new(module: &'static str, name: &'static str) -> Exercise {
        Exercise {
            module,
            name,
            labels: &[],
        }
    }

    /// Names the parts of the answer (`["w", "c"]` for a pair of matrices),
    /// so that a failure prints `w = ...` and `c = ...` and points at, say,
    /// `c[2][0]` as the first entry that differs.
    pub const fn labelled(self, labels: &'static [&'static str]) -> Exercise {
        Exercise { labels, ..self }
    }

    /// The name of part `i` of the answer.
    fn label(&self, i: usize) -> String {
        match self.labels.get(i) {
            Some(label) => (*label).to_string(),
            None if i == 0 && self.labels.is_empty() => self.name.to_string(),
            None => format!("part {}", i + 1),
        }
    }

    /// An answer's parts, each on its own line after its label.
    fn show_labelled<T: Answer>(&self, answer: &T) -> String {
        let parts: Vec<String> = answer
            .parts()
            .iter()
            .enumerate()
            .map(|(i, part)| format!("{} = {}", self.label(i), part.shown))
            .collect();
        parts.join(NEXT_INPUT)
    }

    /// Where `got` first differs from `expected`, by more than `tol`:
    /// `"c[2][0]: expected 0.100000000, got -0.050000000"`.
    fn first_difference<T: Answer>(&self, expected: &T, got: &T, tol: f64) -> Option<String> {
        let (expected, got) = (expected.parts(), got.parts());
        for (i, (e, g)) in expected.iter().zip(&got).enumerate() {
            for ((at, e), (_, g)) in e.entries.iter().zip(&g.entries) {
                if !close(*e, *g, tol) {
                    let label = self.label(i);
                    return Some(format!("{label}{at}: expected {e:.9}, got {g:.9}"));
                }
            }
        }
        None
    }

    /// The file the learner edits.
    pub fn file(&self) -> String {
        format!("crates/exercises/src/{}.rs", self.module)
    }

    /// Calls your function. A `todo!()` becomes "not done yet: open ...",
    /// any other panic a message with its place in your code; the usual
    /// panic printout is silenced for both.
    pub fn run<T>(&self, call: impl FnOnce() -> T) -> Result<T, Failure> {
        install_quiet_panic_hook();
        QUIET.with(|quiet| quiet.set(true));
        let result = panic::catch_unwind(AssertUnwindSafe(call));
        QUIET.with(|quiet| quiet.set(false));
        result.map_err(|_| {
            let caught = CAUGHT.with(|c| c.borrow_mut().take());
            self.panicked(caught.unwrap_or_default())
        })
    }

    fn panicked(&self, caught: Caught) -> Failure {
        if caught.message.starts_with("not yet implemented") {
            return self.not_done(&caught.file);
        }
        let hint = if caught.message.contains("index out of bounds") {
            "\n  likely mistake: an index past the end: check each index against the shapes \
             in the doc comment (w[j][k]: j picks the row, k the value in it)"
        } else if caught.message.contains("mismatch") || caught.message.contains("dimension") {
            "\n  likely mistake: a product or sum of matrices whose shapes do not fit: write \
             each matrix's shape (rows, columns) beside it, and check that the inner sizes of \
             every product agree"
        } else if caught.message.contains("subtract with overflow") {
            "\n  likely mistake: a usize went below 0: with an empty slice, len() - 1 \
             underflows (try 1..len() or saturating_sub)"
        } else {
            ""
        };
        Failure::new(format!(
            "{self}: your code panicked at {}:\n  {}{hint}\n  {}",
            caught.place(),
            caught.message,
            self.again()
        ))
    }

    fn not_done(&self, todo_file: &str) -> Failure {
        let file = self.file();
        if todo_file.starts_with("crates/exercises/src/") && todo_file != file {
            return Failure::new(format!(
                "{self}: not done yet: it calls a function that is still todo!() in \
                 {todo_file}: write that one first (or call naive's)."
            ));
        }
        Failure::new(format!(
            "{self}: not done yet: open {file} and replace the todo!() in `{}` with your code.",
            self.name
        ))
    }

    /// A failure with the input, what was expected, what came, and a hint.
    pub fn wrong(&self, wrong: Wrong<'_>) -> Failure {
        Failure::new(format!(
            "{self}: wrong answer.\n  input:    {}\n  expected: {}\n  got:      {}\n  likely mistake: {}\n  {}",
            wrong.input,
            wrong.expected,
            wrong.got,
            wrong.hint,
            self.again()
        ))
    }

    fn again(&self) -> String {
        format!(
            "Fix it in {}, then run `cargo test -p exercises {}` again.",
            self.file(),
            self.module
        )
    }

    /// Passes if `got` is within [`TOL`] of `expected`; otherwise explains,
    /// naming the first typical mistake that gives the same numbers.
    pub fn expect<T: Answer>(
        &self,
        input: &str,
        expected: &T,
        got: &T,
        mistakes: &[Mistake<T>],
    ) -> Grade {
        self.expect_within(TOL, input, expected, got, mistakes)
    }

    /// [`expect`](Self::expect) with a tolerance of your choice (use
    /// [`FD_TOL`] when `expected` was measured by finite differences).
    pub fn expect_within<T: Answer>(
        &self,
        tol: f64,
        input: &str,
        expected: &T,
        got: &T,
        mistakes: &[Mistake<T>],
    ) -> Grade {
        if got.close_to(expected, tol) {
            return Ok(());
        }
        let shape_hint;
        let hint = if got.shape() != expected.shape() {
            shape_hint = format!(
                "wrong shape: expected {}, got {}",
                expected.shape(),
                got.shape()
            );
            shape_hint.as_str()
        } else {
            mistakes
                .iter()
                .find(|m| got.close_to(&m.would_give, tol))
                .map_or(NO_KNOWN_MISTAKE, |m| m.hint)
        };
        let mut got_shown = self.show_labelled(got);
        if let Some(at) = self.first_difference(expected, got, tol) {
            got_shown = format!("{got_shown}\n  first difference: {at}");
        }
        Err(self.wrong(Wrong {
            input,
            expected: self.show_labelled(expected),
            got: got_shown,
            hint,
        }))
    }
}

impl fmt::Display for Exercise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}::{}", self.module, self.name)
    }
}

/// What a grader can compare and print: a number, a vector, a matrix, or a
/// pair of those.
pub trait Answer {
    /// Its shape in words, e.g. `"3 rows of 5 values"`.
    fn shape(&self) -> String;
    /// Same shape and every number within `tol` (relative, and absolute near 0).
    fn close_to(&self, other: &Self, tol: f64) -> bool
    where
        Self: Sized;
    /// The numbers, rounded for reading.
    fn show(&self) -> String;
    /// The answer's parts (one, or one per member of a tuple), each with
    /// its entries and their indices, for labelled failure messages.
    fn parts(&self) -> Vec<Part> {
        vec![Part {
            shown: self.show(),
            entries: self.entries(),
        }]
    }
    /// Every number with its index as written in Rust (`""`, `"[3]"`,
    /// `"[2][0]"`), in reading order.
    fn entries(&self) -> Vec<(String, f64)>;
}

/// One labelled part of an answer: how it prints, and its numbers with their
/// indices.
pub struct Part {
    /// The numbers, rounded for reading.
    pub shown: String,
    /// Each number with its index, e.g. `("[2][0]", 0.1)`.
    pub entries: Vec<(String, f64)>,
}

impl Answer for f64 {
    fn shape(&self) -> String {
        "one number".to_string()
    }
    fn close_to(&self, other: &f64, tol: f64) -> bool {
        close(*self, *other, tol)
    }
    fn show(&self) -> String {
        format!("{self:.9}")
    }
    fn entries(&self) -> Vec<(String, f64)> {
        vec![(String::new(), *self)]
    }
}

impl Answer for Vec<f64> {
    fn shape(&self) -> String {
        format!("{} values", self.len())
    }
    fn close_to(&self, other: &Vec<f64>, tol: f64) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| close(*a, *b, tol))
    }
    fn show(&self) -> String {
        let numbers: Vec<String> = self.iter().map(|v| format!("{v:.6}")).collect();
        format!("[{}]", numbers.join(", "))
    }
    fn entries(&self) -> Vec<(String, f64)> {
        self.iter()
            .enumerate()
            .map(|(i, &v)| (format!("[{i}]"), v))
            .collect()
    }
}

impl Answer for Vec<Vec<f64>> {
    fn shape(&self) -> String {
        let columns: Vec<usize> = self.iter().map(Vec::len).collect();
        match columns.first() {
            Some(&c) if columns.iter().all(|&n| n == c) => {
                format!("{} rows of {c} values", self.len())
            }
            Some(_) => format!("{} rows of lengths {columns:?}", self.len()),
            None => "0 rows".to_string(),
        }
    }
    fn close_to(&self, other: &Vec<Vec<f64>>, tol: f64) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a.close_to(b, tol))
    }
    fn show(&self) -> String {
        let rows: Vec<String> = self.iter().map(Answer::show).collect();
        format!("[{}]", rows.join(", "))
    }
    fn entries(&self) -> Vec<(String, f64)> {
        let mut entries = Vec::new();
        for (i, row) in self.iter().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                entries.push((format!("[{i}][{j}]"), v));
            }
        }
        entries
    }
}

impl Answer for nalgebra::DMatrix<f64> {
    fn shape(&self) -> String {
        format!("{} rows of {} columns", self.nrows(), self.ncols())
    }
    fn close_to(&self, other: &nalgebra::DMatrix<f64>, tol: f64) -> bool {
        self.shape() == other.shape()
            && self
                .iter()
                .zip(other.iter())
                .all(|(a, b)| close(*a, *b, tol))
    }
    fn show(&self) -> String {
        let rows: Vec<String> = self
            .row_iter()
            .map(|row| row.iter().copied().collect::<Vec<f64>>().show())
            .collect();
        format!("[{}]", rows.join(", "))
    }
    fn entries(&self) -> Vec<(String, f64)> {
        let mut entries = Vec::new();
        for i in 0..self.nrows() {
            for j in 0..self.ncols() {
                entries.push((format!("[({i}, {j})]"), self[(i, j)]));
            }
        }
        entries
    }
}

impl<A: Answer, B: Answer> Answer for (A, B) {
    fn shape(&self) -> String {
        format!("({}, {})", self.0.shape(), self.1.shape())
    }
    fn close_to(&self, other: &(A, B), tol: f64) -> bool {
        self.0.close_to(&other.0, tol) && self.1.close_to(&other.1, tol)
    }
    fn show(&self) -> String {
        format!("({}, {})", self.0.show(), self.1.show())
    }
    fn parts(&self) -> Vec<Part> {
        let mut parts = self.0.parts();
        parts.extend(self.1.parts());
        parts
    }
    fn entries(&self) -> Vec<(String, f64)> {
        self.parts().into_iter().flat_map(|p| p.entries).collect()
    }
}

impl<A: Answer, B: Answer, C: Answer> Answer for (A, B, C) {
    fn shape(&self) -> String {
        format!(
            "({}, {}, {})",
            self.0.shape(),
            self.1.shape(),
            self.2.shape()
        )
    }
    fn close_to(&self, other: &(A, B, C), tol: f64) -> bool {
        self.0.close_to(&other.0, tol)
            && self.1.close_to(&other.1, tol)
            && self.2.close_to(&other.2, tol)
    }
    fn show(&self) -> String {
        format!("({}, {}, {})", self.0.show(), self.1.show(), self.2.show())
    }
    fn parts(&self) -> Vec<Part> {
        let mut parts = self.0.parts();
        parts.extend(self.1.parts());
        parts.extend(self.2.parts());
        parts
    }
    fn entries(&self) -> Vec<(String, f64)> {
        self.parts().into_iter().flat_map(|p| p.entries).collect()
    }
}

/// `a` and `b` agree to `tol`, relative to their size (absolute below 1).
/// NaN is never close to anything.
pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}

/// The slope of `f` at `x`, measured: `(f(x + h) - f(x - h)) / (2h)`.
///
/// This is how the project checks every derivative it writes (see the
/// lesson "How we know it is right"): no formula, just nudging the input.
pub fn slope(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    let h = 1e-5;
    (f(x + h) - f(x - h)) / (2.0 * h)
}

/// Shows named inputs, one per line, lined up under `input:`.
pub fn inputs(named: &[(&str, &dyn Answer)]) -> String {
    let parts: Vec<String> = named
        .iter()
        .map(|(name, value)| format!("{name} = {}", value.show()))
        .collect();
    parts.join(NEXT_INPUT)
}

/// Starts another input line in a failure message.
pub const NEXT_INPUT: &str = "\n            ";

/// A panic caught while grading: its message and where it happened.
#[derive(Default)]
struct Caught {
    message: String,
    file: String,
    line: u32,
}

impl Caught {
    fn place(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

thread_local! {
    /// True while a grader runs the learner's code on this thread.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// The last panic caught while quiet.
    static CAUGHT: RefCell<Option<Caught>> = const { RefCell::new(None) };
}

/// Replaces the panic printout, once per process: while a grader runs your
/// code the panic is recorded instead of printed; any other panic prints as
/// usual.
fn install_quiet_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let usual = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                return usual(info);
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(a panic without a message)".to_string());
            let (file, line) = info
                .location()
                .map_or((String::new(), 0), |l| (l.file().to_string(), l.line()));
            let caught = Caught {
                message,
                file,
                line,
            };
            CAUGHT.with(|c| *c.borrow_mut() = Some(caught));
        }));
    });
}
