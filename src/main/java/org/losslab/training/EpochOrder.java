package org.losslab.training;

import java.util.SplittableRandom;
import org.losslab.Seeds;

/**
 * The order in which an epoch visits the training examples. Each epoch's permutation has its own
 * seed derived from (spec seed, width, restart, epoch), or from (spec seed, epoch) when restarts
 * share the data order, so resuming at epoch e needs no RNG history: the seed is the state.
 */
public final class EpochOrder {

    private EpochOrder() {
    }

    public static long seed(long specSeed, boolean shared, int width, int restart, int epoch) {
        return shared
                ? Seeds.derive(specSeed, "data-order/shared", epoch)
                : Seeds.derive(specSeed, "data-order", width, restart, epoch);
    }

    /** Fisher–Yates permutation of 0..n-1 from {@code seed}. */
    public static int[] permutation(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
