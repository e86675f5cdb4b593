package org.losslab.bench;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * Warm-up epochs before the batched trainer is timed, for {@code bench training} and the plan's calibration. The
 * Vector API kernels (docs/performance.md, lever 13) run boxed, about 30 times slower, until C2 compiles them, and
 * n1 &le; 32 and wider networks run different kernels (lever 15), so each width warms up on its own. Epochs
 * speed up in steps with plateaus (at n1 = 25: 0.19, 0.11, 0.10, 0.035, 0.019 s), so one epoch close to the
 * fastest is not enough: the rule waits for {@value #SETTLED_EPOCHS} in a row.
 */
public final class KernelWarmUp {

    /** Consecutive epochs within {@value #SETTLED_RATIO} times the fastest so far that count as settled. */
    static final int SETTLED_EPOCHS = 3;
    static final double SETTLED_RATIO = 1.2;
    /** At most this many epochs, for a machine whose epochs never settle (heavily shared). */
    static final int MAX_EPOCHS = 60;

    private KernelWarmUp() {
    }

    /**
     * Runs epochs ({@code epoch} returns each one's CPU seconds) until {@value #SETTLED_EPOCHS} consecutive ones take
     * at most {@value #SETTLED_RATIO} times the fastest so far, at most {@value #MAX_EPOCHS}; returns how many ran.
     * The rule of one such epoch after at least three stopped on a plateau in 3 of 8 plans, pricing n1 = 25 at 9–34
     * instead of 53–61 GFLOP/s (docs/performance.md, Projections).
     */
    public static int epochsUntilSettled(DoubleSupplier epoch) {
        double fastest = Double.MAX_VALUE;
        double[] last = new double[SETTLED_EPOCHS];
        for (int e = 1; e <= MAX_EPOCHS; e++) {
            double cpu = epoch.getAsDouble();
            last[e % SETTLED_EPOCHS] = cpu;
            fastest = Math.min(fastest, cpu);
            if (e >= SETTLED_EPOCHS && Arrays.stream(last).max().orElseThrow() <= SETTLED_RATIO * fastest) {
                return e;
            }
        }
        return MAX_EPOCHS;
    }
}
