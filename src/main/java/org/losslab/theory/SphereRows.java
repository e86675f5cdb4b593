package org.losslab.theory;

import java.util.SplittableRandom;
import org.losslab.Seeds;

/**
 * Row arithmetic of {@link SphericalDescentBlock} on row-major R×N Java arrays of points on the sphere
 * ‖w‖² = N of the 3-spin model (science.md §A.5.1): the Riemannian gradient, the step with its retraction
 * back onto the sphere, the energy density and the Hessian. The operations and their order are part of
 * the block's bit-identical resume, so each is written once, here.
 */
final class SphereRows {

    private SphereRows() {
    }

    /**
     * R start points, row r Gaussian from {@code SplittableRandom(Seeds.derive(seed, "descent-start", N, first + r))};
     * {@link #normalize} puts them on the sphere (uniform there).
     */
    static double[] gaussianStarts(int n, long seed, long firstRestart, int restarts) {
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
        }
        double[] out = new double[Math.multiplyExact(restarts, n)];
        for (int row = 0; row < restarts; row++) {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "descent-start", n, firstRestart + row));
            for (int i = 0; i < n; i++) {
                out[row * n + i] = rng.nextGaussian();
            }
        }
        return out;
    }

    /** Rescales row {@code row} of {@code w} onto ‖w_r‖² = N. */
    static void normalize(double[] w, int row, int n) {
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm += w[row * n + i] * w[row * n + i];
        }
        scale(w, row, n, Math.sqrt(n / norm));
    }

    /** One descent step {@code w_r ← w_r − rate·grad_r}, retracted onto the sphere by rescaling. */
    static void stepAndRetract(double[] w, double[] grad, int row, int n, double rate) {
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double x = w[row * n + i] - rate * grad[row * n + i];
            w[row * n + i] = x;
            norm += x * x;
        }
        scale(w, row, n, Math.sqrt(n / norm));
    }

    /**
     * Turns row {@code row} of g = X(·,w,w) into the Riemannian gradient 3(g − (g·w/N)w)/N in place; returns
     * its norm.
     */
    static double tangentGradient(double[] grad, double[] w, int row, int n) {
        int o = row * n;
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += grad[o + i] * w[o + i];
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double x = 3.0 * (grad[o + i] - dot / n * w[o + i]) / n;
            grad[o + i] = x;
            norm += x * x;
        }
        return Math.sqrt(norm);
    }

    /** u = H/N with H = X(w,w,w)/N, from row {@code row} of g = X(·,w,w) (before {@link #tangentGradient}). */
    static double energyDensity(double[] grad, double[] w, int row, int n) {
        double h = 0;
        for (int i = 0; i < n; i++) {
            h += grad[row * n + i] * w[row * n + i];
        }
        h /= n;
        return h / n;
    }

    /** ∇²H = 6/N · X_sym(·,·,w) as an N×N matrix, from the flat row X_sym(·,·,w). */
    static double[][] hessian(double[] flat, int n) {
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] = 6.0 * flat[i * n + j] / n;
            }
        }
        return h;
    }

    private static void scale(double[] w, int row, int n, double f) {
        for (int i = 0; i < n; i++) {
            w[row * n + i] *= f;
        }
    }
}
