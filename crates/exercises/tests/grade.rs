//! The grades: one test per exercise, named `<lesson module>::<function>`.
//!
//! ```text
//! cargo test -p exercises p1_4        # grade lesson P1.4
//! cargo test -p exercises             # grade everything
//! ```
//!
//! Each test hands your function to its grader (`src/graders/`). A failure
//! prints what went wrong and the likely mistake. With `--features solutions`
//! the same tests grade the worked solutions instead (that is how CI proves
//! the graders accept right answers).

use exercises::graders::{self, Grade};

#[cfg(not(feature = "solutions"))]
use exercises as answers;
#[cfg(feature = "solutions")]
use exercises::solutions as answers;

mod p1_1 {
    use super::*;

    #[test]
    fn sigmoid() -> Grade {
        graders::p1_1::sigmoid(answers::p1_1::sigmoid)
    }

    #[test]
    fn dsigmoid() -> Grade {
        graders::p1_1::dsigmoid(answers::p1_1::dsigmoid)
    }
}

mod p1_3 {
    use super::*;

    #[test]
    fn feed_forward() -> Grade {
        graders::p1_3::feed_forward(answers::p1_3::feed_forward)
    }
}

mod p1_4 {
    use super::*;

    #[test]
    fn output_deltas() -> Grade {
        graders::p1_4::output_deltas(answers::p1_4::output_deltas)
    }

    #[test]
    fn hidden_deltas() -> Grade {
        graders::p1_4::hidden_deltas(answers::p1_4::hidden_deltas)
    }

    #[test]
    fn update_weights() -> Grade {
        graders::p1_4::update_weights(answers::p1_4::update_weights)
    }
}

mod p2_1 {
    use super::*;

    #[test]
    fn tanh() -> Grade {
        graders::p2_1::tanh(answers::p2_1::tanh)
    }

    #[test]
    fn dtanh() -> Grade {
        graders::p2_1::dtanh(answers::p2_1::dtanh)
    }

    #[test]
    fn softmax() -> Grade {
        graders::p2_1::softmax(answers::p2_1::softmax)
    }

    #[test]
    fn softmax_cross_entropy_delta() -> Grade {
        graders::p2_1::softmax_cross_entropy_delta(answers::p2_1::softmax_cross_entropy_delta)
    }
}

mod p2_2 {
    use super::*;

    #[test]
    fn scaled_init() -> Grade {
        graders::p2_2::scaled_init(answers::p2_2::scaled_init)
    }
}

mod p2_3 {
    use super::*;

    #[test]
    fn shuffle() -> Grade {
        graders::p2_3::shuffle(answers::p2_3::shuffle)
    }
}

mod p2_4 {
    use super::*;

    #[test]
    fn l2_step() -> Grade {
        graders::p2_4::l2_step(answers::p2_4::l2_step)
    }

    #[test]
    fn article_momentum_step() -> Grade {
        graders::p2_4::article_momentum_step(answers::p2_4::article_momentum_step)
    }

    #[test]
    fn classical_momentum_step() -> Grade {
        graders::p2_4::classical_momentum_step(answers::p2_4::classical_momentum_step)
    }
}

mod beyond {
    use super::*;

    #[test]
    fn mini_batch_gradient() -> Grade {
        graders::beyond::mini_batch_gradient(answers::beyond::mini_batch_gradient)
    }
}

mod derive {
    use super::*;

    #[test]
    fn sigmoid_cross_entropy_delta() -> Grade {
        graders::derive::sigmoid_cross_entropy_delta(answers::derive::sigmoid_cross_entropy_delta)
    }

    #[test]
    fn linear_output_gradient() -> Grade {
        graders::derive::linear_output_gradient(answers::derive::linear_output_gradient)
    }

    #[test]
    fn relu_hidden_deltas() -> Grade {
        graders::derive::relu_hidden_deltas(answers::derive::relu_hidden_deltas)
    }

    #[test]
    fn deep_feed_forward() -> Grade {
        graders::derive::deep_feed_forward(answers::derive::deep_feed_forward)
    }

    #[test]
    fn deep_gradient() -> Grade {
        graders::derive::deep_gradient(answers::derive::deep_gradient)
    }

    #[test]
    fn batch_gradient_matrix() -> Grade {
        graders::derive::batch_gradient_matrix(answers::derive::batch_gradient_matrix)
    }

    #[test]
    fn log_softmax() -> Grade {
        graders::derive::log_softmax(answers::derive::log_softmax)
    }

    #[test]
    fn numerical_gradient() -> Grade {
        graders::derive::numerical_gradient(answers::derive::numerical_gradient)
    }
}

mod capstone {
    use super::*;

    #[test]
    fn train_step() -> Grade {
        graders::capstone::train_step(answers::capstone::train_step)
    }
}
