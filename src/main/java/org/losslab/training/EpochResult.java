package org.losslab.training;

/**
 * Metrics of one epoch of one run, measured after the epoch on the full training and test sets.
 * Non-finite losses are values, not errors: they mark the run DIVERGED.
 */
public record EpochResult(int epoch, double learningRate, double trainLoss, double testLoss,
                          double trainError, double testError, double seconds) {

    public boolean diverged() {
        return !Double.isFinite(trainLoss) || !Double.isFinite(testLoss);
    }
}
