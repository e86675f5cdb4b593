package org.losslab.regions;

import java.util.Random;

import org.losslab.Seeds;

/**
 * I.i.d. N(0, 1) inputs of the same shape as the data (the "Gaussian inputs" level of the §C.4
 * grid). Row r is drawn from its own {@link Random} seeded by
 * {@code Seeds.derive(seed, "gaussian-input", r)} ({@code Random.nextGaussian} is specified exactly
 * by the JDK), so any batch is reproducible on its own and the rows do not depend on batch size.
 */
public final class GaussianInputs {

    private GaussianInputs() {
    }

    /** Seed of an experiment's Gaussian input set (one set per experiment, shared by all its networks). */
    public static long experimentSeed(long specSeed) {
        return Seeds.derive(specSeed, "regions-gaussian-inputs");
    }

    /** Rows {@code [from, from + count)} as a row-major count × dim array. */
    public static float[] rows(long seed, long from, int count, int dim) {
        if (from < 0 || count < 0 || dim < 1) {
            throw new IllegalArgumentException("gaussian inputs: need from >= 0, count >= 0, dim >= 1; got " + from + ", "
                    + count + ", " + dim);
        }
        float[] x = new float[Math.multiplyExact(count, dim)];
        for (int r = 0; r < count; r++) {
            Random random = new Random(Seeds.derive(seed, "gaussian-input", from + r));
            for (int d = 0; d < dim; d++) {
                x[r * dim + d] = (float) random.nextGaussian();
            }
        }
        return x;
    }
}
