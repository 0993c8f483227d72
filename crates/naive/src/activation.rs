// ANCHOR: sigmoid
/// Article P1.1: the logistic sigmoid, `sigmoid(x) = 1 / (1 + e^(-x))`.
///
/// It squashes any weighted sum into (0, 1): the unit's activation.
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Article P1.1: the sigmoid's derivative, written in terms of its output.
///
/// If `y = sigmoid(x)` then `d/dx sigmoid(x) = y * (1 - y)`. The network
/// already holds `y` (the activation), so it passes `y`, not `x`.
pub fn dsigmoid(y: f64) -> f64 {
    y * (1.0 - y)
}
// ANCHOR_END: sigmoid

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_values_follow_the_formula() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(2.0), 1.0 / (1.0 + (-2.0_f64).exp()));
        assert_eq!(sigmoid(-3.0), 1.0 / (1.0 + 3.0_f64.exp()));
    }

    #[test]
    fn sigmoid_saturates_without_nan() {
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
    }

    #[test]
    fn dsigmoid_of_an_output_is_the_slope_at_its_input() {
        for x in [-4.0, -0.5, 0.0, 1.0, 3.0] {
            let h = 1e-6;
            let numeric = (sigmoid(x + h) - sigmoid(x - h)) / (2.0 * h);
            assert!((dsigmoid(sigmoid(x)) - numeric).abs() < 1e-9, "x = {x}");
        }
        assert_eq!(dsigmoid(0.5), 0.25);
    }
}
