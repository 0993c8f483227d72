//! Worked solutions, one module per lesson, with the same signatures as the
//! exercises. Compiled only with `--features solutions`, which also makes
//! `tests/grade.rs` grade these instead of your code (CI does, to prove the
//! graders accept right answers). Try the exercise before reading one.

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
