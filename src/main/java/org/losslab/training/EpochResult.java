package org.losslab.training;

/**
 * Metrics of one epoch of one run, measured after the epoch on the full test set and, at the
 * evaluation cadence ({@code training.evaluate_train_every}), on the full training set; the training
 * loss and error are {@code null} after an epoch where it was not evaluated. Non-finite losses are
 * values, not errors: they mark the run DIVERGED.
 */
public record EpochResult(int epoch, double learningRate, Double trainLoss, double testLoss,
                          Double trainError, double testError, double seconds) {

    public EpochResult {
        if ((trainLoss == null) != (trainError == null)) {
            throw new IllegalArgumentException("training loss and error are evaluated together");
        }
    }

    /** Whether this epoch's loss and error on the training set were evaluated. */
    public boolean trainEvaluated() {
        return trainLoss != null;
    }

    public boolean diverged() {
        return (trainLoss != null && !Double.isFinite(trainLoss)) || !Double.isFinite(testLoss);
    }
}
