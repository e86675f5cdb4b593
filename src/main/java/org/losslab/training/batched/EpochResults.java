package org.losslab.training.batched;

import java.util.List;
import java.util.function.IntConsumer;
import org.losslab.training.EpochResult;

/**
 * A block's epoch results from its evaluation scores, for both paths of the batched trainer (the fast path
 * and the ND4J path), so that they report an epoch, a divergence and the training-loss cadence alike.
 */
final class EpochResults {

    private EpochResults() {
    }

    /** Whether an active network's loss is not finite: its diverging epoch then gets its training loss too. */
    static boolean anyNonFinite(NetworkStates states, int k, BlockEvaluator.Scores scores) {
        for (int i = 0; i < k; i++) {
            if (states.isActive(i) && !Double.isFinite(scores.loss()[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fills entry i of {@code out} for every active network i with its epoch {@code epoch + 1} result
     * ({@code train} null when the training set was not evaluated), and deactivates a diverged network.
     */
    static void fill(List<EpochResult> out, NetworkStates states, int epoch, double lr, BlockEvaluator.Scores train,
                     BlockEvaluator.Scores test, double seconds, IntConsumer deactivate) {
        for (int i = 0; i < out.size(); i++) {
            if (!states.isActive(i)) {
                continue;
            }
            EpochResult res = new EpochResult(epoch + 1, lr, train == null ? null : train.loss()[i], test.loss()[i],
                    train == null ? null : train.error()[i], test.error()[i], seconds);
            out.set(i, res);
            if (res.diverged()) {
                deactivate.accept(i);
            }
        }
    }
}
