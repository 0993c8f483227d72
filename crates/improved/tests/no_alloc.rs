//! The engines' per-sample loop allocates nothing: a counting global
//! allocator watches the sparse engine's `train_step` and whole epochs of the
//! fused engine in both precisions.
//!
//! The reference network (`feed_forward` + `back_propagate`) is not on this
//! list on purpose: it writes each equation as one matrix expression
//! (`&self.ah * self.output_deltas.transpose()`), and such an expression makes
//! a new matrix. It is the readable proof; the engines are the fast path.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use improved::engine::sparse::SparseEngine;
use improved::{Config, Engine, Momentum, Output, Precision, Samples};

struct Counting;

thread_local! {
    /// Allocations made by this thread. Counting per thread keeps the test
    /// harness's own allocations (on other threads) out of the count.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count_one() {
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: forwards every call to the system allocator unchanged; it only
// counts allocations on the side.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

fn configs() -> Vec<Config> {
    vec![
        Config::default(),
        Config::article_digits(),
        Config::recommended(),
        Config {
            output: Output::Softmax,
            momentum: Momentum::Article(0.5),
            l2_in: 1e-3,
            l2_out: 1e-3,
            ..Config::default()
        },
        Config::naive_equivalent(),
    ]
}

fn data(rows: usize) -> (Vec<f64>, Vec<usize>) {
    let features = (0..rows * 7)
        .map(|i| ((i * 37) % 11) as f64 / 11.0 - 0.5)
        .collect();
    let labels = (0..rows).map(|i| i % 3).collect();
    (features, labels)
}

#[test]
fn a_sparse_engine_step_allocates_nothing() {
    let (features, labels) = data(100);
    for config in configs() {
        let net = config.network(7, 9, 3).unwrap();
        for skip in [false, true] {
            let mut engine = SparseEngine::<f64>::new(
                net.wi(),
                net.wo(),
                config.architecture(),
                config.sgd(),
                skip,
            )
            .unwrap();
            engine.start(config.learning_rate);
            let rows: Vec<_> = features.chunks_exact(7).zip(&labels).collect();
            // Warm up: the first steps may size the engine's caches.
            for &(row, &label) in &rows[..50] {
                engine.train_step(row, label);
            }
            let count = allocations_during(|| {
                for &(row, &label) in &rows[50..] {
                    std::hint::black_box(engine.train_step(row, label));
                }
            });
            assert_eq!(count, 0, "skip {skip}, {config:?}");
        }
    }
}

#[test]
fn fit_allocations_do_not_grow_with_the_number_of_samples() {
    for (config, engine, precision) in configs().into_iter().flat_map(|c| {
        [
            (c.clone(), Engine::Fused, Precision::F64),
            (c, Engine::Fused, Precision::F32),
        ]
    }) {
        let config = Config {
            epochs: 2,
            engine,
            precision,
            ..config
        };
        let count = |rows: usize| {
            let (features, labels) = data(rows);
            let samples = Samples::new(&features, &labels).unwrap();
            let (mut net, mut trainer) = config.build(7, 9, 3).unwrap();
            allocations_during(|| {
                trainer.fit(&mut net, &samples, Some(&samples)).unwrap();
            })
        };
        // Validation runs the reference forward pass in blocks of 1024 rows:
        // 10 and 1000 rows are one block each, so the counts must be equal.
        assert_eq!(count(10), count(1000), "{config:?}");
    }
}

#[test]
fn the_counter_sees_an_allocation() {
    // Without this, a counter that never counted would make the tests above pass.
    let count = allocations_during(|| {
        std::hint::black_box(vec![0.0_f64; 16]);
    });
    assert_eq!(count, 1);
    let mut net = Config::default().network(7, 9, 3).unwrap();
    let count = allocations_during(|| {
        std::hint::black_box(net.predict(&[0.1; 14]).unwrap());
    });
    assert!(count > 0, "predict returns new vectors, so it allocates");
}
