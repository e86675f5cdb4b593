package org.losslab.hessian;

import java.util.ArrayList;
import java.util.List;

/**
 * One Lanczos recurrence with full reorthogonalisation, driven from outside one product at a time so
 * that several runs can share a block product ({@link SymmetricOperator#apply(double[][], double[][])}).
 * Every new vector is orthogonalised twice against all earlier ones (classical Gram–Schmidt, twice is
 * enough, Giraud et al. 2005), which removes the ghost copies of converged eigenvalues that plain
 * Lanczos produces in floating point; the cost, O(k·P) per step, is small beside a Hessian-vector product
 * over the data. The run ends after {@code maxSteps} or when the Krylov space becomes invariant.
 */
final class LanczosRun {

    /** β below this fraction of the largest |α|, |β| seen means the Krylov space is invariant. */
    private static final double BREAKDOWN = 1e-13;

    private final int maxSteps;
    private final List<double[]> basis = new ArrayList<>();
    private final List<Double> alpha = new ArrayList<>();
    private final List<Double> beta = new ArrayList<>();
    private double scale;
    private boolean invariant;

    /** A run from the direction of {@code start} (need not be normalised; must not be zero). */
    LanczosRun(double[] start, int maxSteps) {
        double norm = norm(start);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("a Lanczos start vector must be finite and non-zero");
        }
        this.maxSteps = Math.min(maxSteps, start.length);
        double[] q = start.clone();
        for (int i = 0; i < q.length; i++) {
            q[i] /= norm;
        }
        basis.add(q);
    }

    boolean finished() {
        return invariant || alpha.size() >= maxSteps;
    }

    /** The vector whose product the next step needs. */
    double[] current() {
        return basis.get(alpha.size());
    }

    /** Completes a step given {@code aq} = A·{@link #current()} (consumed). */
    void accept(double[] aq) {
        int k = alpha.size();
        double[] q = basis.get(k);
        double a = dot(q, aq);
        alpha.add(a);
        double[] w = aq;
        for (int pass = 0; pass < 2; pass++) {
            for (double[] v : basis) {
                double c = dot(v, w);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= c * v[i];
                }
            }
        }
        double b = norm(w);
        beta.add(b);
        scale = Math.max(scale, Math.max(Math.abs(a), b));
        if (b <= BREAKDOWN * scale || k + 1 >= q.length) {
            invariant = true;
            return;
        }
        if (k + 1 < maxSteps) {
            for (int i = 0; i < w.length; i++) {
                w[i] /= b;
            }
            basis.add(w);
        }
    }

    /** The tridiagonal T_k built so far, with its residual coupling β_k. */
    Tridiagonal tridiagonal() {
        double[] a = alpha.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = beta.stream().mapToDouble(Double::doubleValue).toArray();
        return new Tridiagonal(a, b, invariant);
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }
}
