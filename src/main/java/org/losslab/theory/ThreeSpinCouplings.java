package org.losslab.theory;

import org.losslab.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The symmetrized coupling tensor of one 3-spin disorder sample for the descent simulation (science.md §A.5.1),
 * stored off-heap by ND4J in DOUBLE as an N×N² matrix (row i, column j·N+k), split into P "mini-batch"
 * samples {@code X = Σ_s X^(s)}, {@code X^(s) ~ N(0, 1/P)} as in sgd.lua.
 *
 * <p>H depends on J only through its symmetrization, and for J i.i.d. N(0,1) over ordered triples the
 * symmetrized entry on an index orbit with m distinct orderings (m = 6, 3, 1) is N(0, 1/m), independent across
 * orbits. So the symmetric tensor is drawn directly: each orbit's Gaussian comes from a counter-based hash of
 * (seed, s, sorted indices) through StrictMath Box–Muller, which lets every slab be filled on its own, needs no
 * N³ heap array and gives the same bits on any JVM. The law of H is exactly that of science.md §1.
 */
public final class ThreeSpinCouplings implements AutoCloseable {

    private static final double TWO_PI = 2 * Math.PI;
    private static final double TWO_POW_53 = 0x1.0p-53;

    private final int n;
    private final int samples;
    private final INDArray full;
    private final INDArray[] parts;

    private ThreeSpinCouplings(int n, int samples, INDArray full, INDArray[] parts) {
        this.n = n;
        this.samples = samples;
        this.full = full;
        this.parts = parts;
    }

    /** Off-heap bytes of the tensors for size N with P samples (P = 1 stores one tensor, P > 1 stores P + 1). */
    public static long bytesNeeded(int n, int samples) {
        long tensors = samples == 1 ? 1 : samples + 1L;
        return tensors * (long) n * n * n * Double.BYTES;
    }

    public static ThreeSpinCouplings generate(int n, int samples, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("N must be >= 2, got " + n);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples (P, the number of coupling mini-batches) must be >= 1, got " + samples);
        }
        if ((long) n * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("N = " + n + " is too large for a dense 3-spin tensor");
        }
        long[] keys = new long[samples];
        for (int s = 0; s < samples; s++) {
            keys[s] = Seeds.derive(seed, "three-spin-couplings", n, s);
        }
        INDArray full = Nd4j.create(DataType.DOUBLE, n, (long) n * n);
        INDArray[] parts = new INDArray[samples];
        if (samples > 1) {
            for (int s = 0; s < samples; s++) {
                parts[s] = Nd4j.create(DataType.DOUBLE, n, (long) n * n);
            }
        } else {
            parts[0] = full;
        }
        double[] fullSlab = new double[n * n];
        double[] partSlab = new double[n * n];
        // sd of one mini-batch's symmetrized entry on an orbit with m orderings: 1/√(m·P)
        double sd1 = 1.0 / Math.sqrt(samples);
        double sd3 = 1.0 / Math.sqrt(3.0 * samples);
        double sd6 = 1.0 / Math.sqrt(6.0 * samples);
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(fullSlab, 0.0);
            for (int s = 0; s < samples; s++) {
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        int a = Math.min(i, Math.min(j, k));
                        int c = Math.max(i, Math.max(j, k));
                        int b = i + j + k - a - c;
                        double scale = a == c ? sd1 : (a == b || b == c) ? sd3 : sd6;
                        double v = scale * gaussian(keys[s], ((long) a * n + b) * n + c);
                        partSlab[j * n + k] = v;
                        fullSlab[j * n + k] += v;
                    }
                }
                if (samples > 1) {
                    parts[s].getRow(i).assign(Nd4j.createFromArray(partSlab));
                }
            }
            full.getRow(i).assign(Nd4j.createFromArray(fullSlab));
        }
        return new ThreeSpinCouplings(n, samples, full, parts);
    }

    /** A standard Gaussian that depends only on (key, counter): SplitMix64 finaliser and Box–Muller. */
    static double gaussian(long key, long counter) {
        long h1 = Seeds.mix(key ^ Seeds.mix(counter + 0x632BE59BD9B4E019L));
        long h2 = Seeds.mix(h1 + 0x9E3779B97F4A7C15L);
        double u1 = ((h1 >>> 11) + 1) * TWO_POW_53; // (0, 1]
        double u2 = (h2 >>> 11) * TWO_POW_53;
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2);
    }

    public int n() {
        return n;
    }

    public int samples() {
        return samples;
    }

    /** The full tensor X as an N×N² matrix. */
    public INDArray full() {
        return full;
    }

    /** Mini-batch s (0-based) as an N×N² matrix; the full tensor when P = 1. */
    public INDArray part(int s) {
        return parts[s];
    }

    @Override
    public void close() {
        if (samples > 1) {
            for (INDArray p : parts) {
                p.close();
            }
        }
        full.close();
    }
}
