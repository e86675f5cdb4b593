package org.losslab.hessian;

import java.util.SplittableRandom;

/**
 * The smallest and largest eigenvalue of a symmetric operator, and its clearly negative eigenvalues,
 * by Lanczos with full reorthogonalisation from a seeded random start. The run continues until both
 * extreme Ritz values and every Ritz value below −zeroTolerance·‖A‖ have residual bounds within
 * {@code tolerance}·‖A‖ (each then lies that close to an eigenvalue; extreme Ritz values converge to the
 * extreme eigenvalues first, Kaniel–Paige), or until {@code maxSteps}. Converged negative Ritz values
 * of a spectrum whose negative eigenvalues are simple and separated are all its negative eigenvalues;
 * in any case, by interlacing, their number never exceeds the true count.
 *
 * @param min        smallest Ritz value (never below the smallest eigenvalue, by interlacing)
 * @param minError   its residual bound
 * @param max        largest Ritz value (never above the largest eigenvalue)
 * @param maxError   its residual bound
 * @param ritzValues all Ritz values of the last step, ascending
 * @param steps      Lanczos steps = operator products
 * @param converged  both bounds met the tolerance, or the Krylov space was invariant
 */
public record ExtremeEigenvalues(double min, double minError, double max, double maxError, double[] ritzValues,
                                 int steps, boolean converged) {

    /** Steps between convergence checks (each costs one small tridiagonal eigenproblem). */
    private static final int CHECK_EVERY = 5;

    public static ExtremeEigenvalues compute(SymmetricOperator op, long seed, int maxSteps, double tolerance,
                                             double zeroTolerance) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] start = new double[op.dimension()];
        for (int i = 0; i < start.length; i++) {
            start[i] = r.nextBoolean() ? 1.0 : -1.0;
        }
        LanczosRun run = new LanczosRun(start, maxSteps);
        Tridiagonal.Ritz ritz = null;
        int steps = 0;
        boolean converged = false;
        while (!run.finished()) {
            run.accept(op.apply(run.current()));
            steps++;
            if (run.finished() || steps % CHECK_EVERY == 0) {
                Tridiagonal t = run.tridiagonal();
                ritz = t.ritz();
                converged = t.invariant() || met(ritz, tolerance, zeroTolerance);
                if (converged) {
                    break;
                }
            }
        }
        double[] v = ritz.values();
        double[] e = ritz.residuals();
        int last = v.length - 1;
        return new ExtremeEigenvalues(v[0], e[0], v[last], e[last], v, steps, converged);
    }

    private static boolean met(Tridiagonal.Ritz ritz, double tolerance, double zeroTolerance) {
        double[] v = ritz.values();
        double[] e = ritz.residuals();
        int last = v.length - 1;
        double scale = Math.max(Math.abs(v[0]), Math.abs(v[last]));
        if (e[last] > tolerance * scale) {
            return false;
        }
        for (int i = 0; i <= last && v[i] < -zeroTolerance * scale; i++) {
            if (e[i] > tolerance * scale) {
                return false;
            }
        }
        return e[0] <= tolerance * scale;
    }

    /** max(|min|, |max|): the spectral norm, from below. */
    public double spectralNorm() {
        return Math.max(Math.abs(min), Math.abs(max));
    }

    /**
     * Ritz values below {@code threshold}: by Cauchy interlacing never more than the operator's
     * eigenvalues below it, so a rigorous lower bound on that count.
     */
    public int countBelow(double threshold) {
        int c = 0;
        for (double v : ritzValues) {
            if (v < threshold) {
                c++;
            }
        }
        return c;
    }
}
