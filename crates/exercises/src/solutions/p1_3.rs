//! Solution for lesson P1.3.

use naive::sigmoid;

/// `ai` = inputs then the bias's 1.0; `ah[j] = sigmoid(sum over i of ai[i] * wi[i][j])`;
/// `ao[k] = sigmoid(sum over j of ah[j] * wo[j][k])`.
#[allow(clippy::needless_range_loop)] // the article's index loops
pub fn feed_forward(inputs: &[f64], wi: &[Vec<f64>], wo: &[Vec<f64>]) -> (Vec<f64>, Vec<f64>) {
    let (input, hidden, output) = (wi.len(), wo.len(), wo[0].len());
    let mut ai = inputs.to_vec();
    ai.push(1.0); // the bias unit
    let mut ah = vec![0.0; hidden];
    for j in 0..hidden {
        let mut sum = 0.0;
        for i in 0..input {
            sum += ai[i] * wi[i][j];
        }
        ah[j] = sigmoid(sum);
    }
    let mut ao = vec![0.0; output];
    for k in 0..output {
        let mut sum = 0.0;
        for j in 0..hidden {
            sum += ah[j] * wo[j][k];
        }
        ao[k] = sigmoid(sum);
    }
    (ah, ao)
}
