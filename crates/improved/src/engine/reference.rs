use super::{EpochLoss, EpochPlan, TrainEpoch, check_loss, report, with_one_hot};
use crate::{MlpNeuralNetwork, NetworkError, Sgd, SgdSettings};

/// The readable engine: for each sample, the reference network's
/// `feed_forward` then `back_propagate` with an [`Sgd`].
#[derive(Debug, Clone)]
pub(crate) struct ReferenceEngine {
    sgd: Sgd,
}

impl ReferenceEngine {
    pub(crate) fn new(sgd: SgdSettings, net: &MlpNeuralNetwork) -> Result<Self, NetworkError> {
        Ok(ReferenceEngine {
            sgd: Sgd::new(sgd, net)?,
        })
    }
}

impl TrainEpoch for ReferenceEngine {
    // ANCHOR: reference_epoch
    fn train_epoch(&mut self, net: &mut MlpNeuralNetwork, plan: EpochPlan<'_>) -> EpochLoss {
        let (train, order, lr) = (plan.train, plan.order, plan.lr);
        self.sgd.set_learning_rate(lr)?;
        let mut targets = vec![0.0; net.outputs()]; // (output), one-hot
        let mut total = 0.0;
        for (position, &i) in order.iter().enumerate() {
            net.feed_forward(train.row(i))?;
            let sgd = &mut self.sgd;
            let loss = with_one_hot(&mut targets, train.labels()[i], |t| {
                net.back_propagate(t, sgd)
            })?;
            total += check_loss(loss, position)?;
            report(plan.progress, position + 1, order.len());
        }
        Ok(total / order.len() as f64)
    }
    // ANCHOR_END: reference_epoch
}
