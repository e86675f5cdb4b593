package org.losslab.training;

import java.util.SplittableRandom;
import org.losslab.Seeds;

/**
 * Initial parameters, drawn from an explicit seed rather than the framework's RNG (science.md
 * §A.5.2): weights uniform in [−s, s] (the paper's U[−1, 1] with s = 1), or, as a labelled
 * variant, U[−s/√fan_in, s/√fan_in]; biases zero. The layout is DL4J's flattened parameter vector:
 * per layer the weight matrix (nIn × nOut, column-major) then the bias (nOut).
 */
public final class ParameterInit {

    private ParameterInit() {
    }

    public static long seed(long specSeed, int width, int restart) {
        return Seeds.derive(specSeed, "init", width, restart);
    }

    public static float[] draw(int[] layerSizes, String init, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] params = new float[parameterCount(layerSizes)];
        int at = 0;
        for (int l = 0; l + 1 < layerSizes.length; l++) {
            int nIn = layerSizes[l];
            int nOut = layerSizes[l + 1];
            double bound = "uniform_fan_in".equals(init) ? scale / Math.sqrt(nIn) : scale;
            for (int i = 0; i < nIn * nOut; i++) {
                params[at++] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
            at += nOut;
        }
        return params;
    }

    /** Weights and biases of a dense network; in long arithmetic, so absurd sizes are counted, not wrapped. */
    public static long parameterCountExact(int[] layerSizes) {
        long n = 0;
        for (int l = 0; l + 1 < layerSizes.length; l++) {
            n += (long) layerSizes[l] * layerSizes[l + 1] + layerSizes[l + 1];
        }
        return n;
    }

    /** The same as an array length; throws if it does not fit one (the memory pre-check refuses such sizes first). */
    public static int parameterCount(int[] layerSizes) {
        return Math.toIntExact(parameterCountExact(layerSizes));
    }
}
