package org.losslab.training.batched;

import java.util.Arrays;
import org.losslab.training.Checkpoint;

/**
 * Which networks of a block are still training, at which epoch, and the frozen state of those that
 * stopped. A stopped network (deactivated, or diverged: an epoch with a non-finite loss) keeps its
 * checkpoint here, since its working parameters are zeroed; every step skips it, so it cannot
 * disturb the others.
 */
final class NetworkStates {

    private final int[] epochOf;
    private final boolean[] active;
    private final Checkpoint[] frozen;

    NetworkStates(int k) {
        epochOf = new int[k];
        active = new boolean[k];
        frozen = new Checkpoint[k];
        Arrays.fill(active, true);
    }

    boolean isActive(int i) {
        return active[i];
    }

    int epoch(int i) {
        return epochOf[i];
    }

    /** The state network i stopped in, or {@code null} while it trains. */
    Checkpoint frozen(int i) {
        return frozen[i];
    }

    /** Completed epochs of the networks still training (they always agree); the maximum when none trains. */
    int epochsDone() {
        for (int i = 0; i < epochOf.length; i++) {
            if (active[i]) {
                return epochOf[i];
            }
        }
        return Arrays.stream(epochOf).max().orElse(0);
    }

    int activeCount() {
        int n = 0;
        for (boolean a : active) {
            if (a) {
                n++;
            }
        }
        return n;
    }

    /** The epoch all active networks are at, -1 when none is active; one block trains in lockstep. */
    int commonEpoch(int[] restarts) {
        int epoch = -1;
        for (int i = 0; i < epochOf.length; i++) {
            if (active[i]) {
                if (epoch >= 0 && epochOf[i] != epoch) {
                    throw new IllegalStateException("active networks of one block must be at the same epoch: restart "
                            + restarts[i] + " has " + epochOf[i] + " epochs, another " + epoch);
                }
                epoch = epochOf[i];
            }
        }
        return epoch;
    }

    /** Every active network has completed {@code epoch} epochs. */
    void advanceActive(int epoch) {
        for (int i = 0; i < epochOf.length; i++) {
            if (active[i]) {
                epochOf[i] = epoch;
            }
        }
    }

    void freeze(int i, Checkpoint state) {
        frozen[i] = state;
        active[i] = false;
    }

    void resume(int i, int epoch) {
        epochOf[i] = epoch;
        active[i] = true;
        frozen[i] = null;
    }
}
