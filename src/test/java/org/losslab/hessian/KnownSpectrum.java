package org.losslab.hessian;

import java.util.SplittableRandom;

/**
 * A symmetric operator with a chosen spectrum: A = Q·diag(λ)·Qᵀ, Q a product of random Householder
 * reflections (orthogonal to rounding), applied without forming A.
 */
final class KnownSpectrum implements SymmetricOperator {

    private final double[] lambda;
    private final double[][] reflections;

    KnownSpectrum(double[] lambda, long seed) {
        this.lambda = lambda.clone();
        int n = lambda.length;
        this.reflections = new double[4][];
        for (int r = 0; r < reflections.length; r++) {
            reflections[r] = HessianFixtures.unitVector(n, seed + r);
        }
    }

    @Override
    public int dimension() {
        return lambda.length;
    }

    @Override
    public void apply(double[][] vectors, double[][] out) {
        for (int k = 0; k < vectors.length; k++) {
            double[] x = vectors[k].clone();
            for (int r = reflections.length - 1; r >= 0; r--) {
                reflect(reflections[r], x);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] *= lambda[i];
            }
            for (double[] h : reflections) {
                reflect(h, x);
            }
            System.arraycopy(x, 0, out[k], 0, x.length);
        }
    }

    /** The matrix, row-major, from products with the unit vectors. */
    double[] dense() {
        int n = lambda.length;
        double[] a = new double[n * n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            double[] col = apply(e);
            for (int i = 0; i < n; i++) {
                a[i * n + j] = col[i];
            }
        }
        return a;
    }

    private static void reflect(double[] h, double[] x) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d += h[i] * x[i];
        }
        for (int i = 0; i < x.length; i++) {
            x[i] -= 2 * d * h[i];
        }
    }

    /** {@code count} values spread over [lo, hi] with random jitter, from seed. */
    static double[] spread(int count, double lo, double hi, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = lo + (hi - lo) * (i + r.nextDouble()) / count;
        }
        return v;
    }
}
