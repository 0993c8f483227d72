//! Grader for the mini-batch gradient in matrix form: the same claim as the
//! `beyond` exercise (the slope of the batch's mean loss), with one pattern
//! per row and nalgebra matrices.

use naive::{dsigmoid, sigmoid};
use nalgebra::DMatrix;

use super::Matrix;
use crate::graders::beyond::{batch, mean_loss, measured_gradient};
use crate::graders::p1_3::network_3_5_2;
use crate::graders::{Exercise, FD_TOL, Grade, inputs, mistake};

type Pair = (DMatrix<f64>, DMatrix<f64>);

/// A `Vec` of rows as a matrix.
fn matrix(rows: &Matrix) -> DMatrix<f64> {
    let columns = rows.first().map_or(0, Vec::len);
    DMatrix::from_fn(rows.len(), columns, |i, j| rows[i][j])
}

/// The matrix recipe with switches, for the typical mistakes: each sigmoid
/// slope kept or not, and the factor in front (1/b for the mean).
fn switched_matrix_gradient(
    (wi, wo, x, t): (&DMatrix<f64>, &DMatrix<f64>, &DMatrix<f64>, &DMatrix<f64>),
    (output_slope, hidden_slope, factor): (bool, bool, f64),
) -> Pair {
    let ai = x.clone().insert_column(x.ncols(), 1.0);
    let ah = (&ai * wi).map(sigmoid);
    let ao = (&ah * wo).map(sigmoid);
    let mut d_o = &ao - t;
    if output_slope {
        d_o = d_o.component_mul(&ao.map(dsigmoid));
    }
    let mut d_h = &d_o * wo.transpose();
    if hidden_slope {
        d_h = d_h.component_mul(&ah.map(dsigmoid));
    }
    (ai.transpose() * d_h * factor, ah.transpose() * d_o * factor)
}

/// Grades `batch_gradient_matrix` against the slope of the batch's mean
/// squared error, measured by finite differences, for every weight.
pub fn batch_gradient_matrix(
    yours: impl Fn(&DMatrix<f64>, &DMatrix<f64>, &DMatrix<f64>, &DMatrix<f64>) -> Pair,
) -> Grade {
    let exercise = Exercise::new("derive", "batch_gradient_matrix").labelled(&["gi", "go"]);
    let (wi_rows, wo_rows) = network_3_5_2();
    let (x_rows, t_rows) = batch();
    let (wi, wo, x, t) = (
        matrix(&wi_rows),
        matrix(&wo_rows),
        matrix(&x_rows),
        matrix(&t_rows),
    );
    let got = exercise.run(|| yours(&wi, &wo, &x, &t))?;
    let expected = (
        matrix(&measured_gradient(&wi_rows, |w| {
            mean_loss(w, &wo_rows, &x_rows, &t_rows)
        })),
        matrix(&measured_gradient(&wo_rows, |w| {
            mean_loss(&wi_rows, w, &x_rows, &t_rows)
        })),
    );
    let b = x.nrows() as f64;
    let built = |output_slope, hidden_slope, factor| {
        switched_matrix_gradient((&wi, &wo, &x, &t), (output_slope, hidden_slope, factor))
    };
    let mistakes = [
        mistake(
            built(true, true, 1.0),
            "your gradient is the batch size times the expected one: the loss is the MEAN \
             over the batch, so divide the products by the number of rows of x",
        ),
        mistake(
            built(true, true, -1.0 / b),
            "the sign: the gradient points up the slope; the output deltas are \
             (Ao - T) .* Ao .* (1 - Ao)",
        ),
        mistake(
            built(false, true, 1.0 / b),
            "you left out the sigmoid's slope at the outputs: component_mul the output \
             errors Ao - T by Ao .* (1 - Ao)",
        ),
        mistake(
            built(true, false, 1.0 / b),
            "go is right, gi is not: the hidden deltas take the sigmoid's slope at the \
             hidden units, entry by entry (component_mul by Ah .* (1 - Ah))",
        ),
    ];
    let input = inputs(&[("wi", &wi), ("wo", &wo), ("x", &x), ("t", &t)]);
    exercise.expect_within(FD_TOL, &input, &expected, &got, &mistakes)
}
