package org.losslab.theory;

import java.util.Arrays;
import java.util.Optional;

import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.R064Store;

/**
 * Sorted eigenvalues of small dense symmetric matrices through ojAlgo's symmetric solver in values-only
 * mode. Chosen by measurement (see the report of the theory package): pure Java and therefore deterministic,
 * and faster than Commons Math (which always builds eigenvectors) and ND4J's LAPACK call (per-call overhead)
 * for N = 4…100. Not thread-safe: one instance per thread; the returned array is reused.
 */
public final class SymmetricEigenvalues {

    static {
        // ojAlgo prints an 8-line hardware-profile notice to stdout on first use unless this property is set;
        // stdout belongs to the CLI's "name value" lines.
        if (System.getProperty("shut.up.ojAlgo") == null) {
            System.setProperty("shut.up.ojAlgo", "true");
        }
    }

    private final int n;
    private final R064Store store;
    private final Eigenvalue<Double> solver;
    private final double[] values;

    public SymmetricEigenvalues(int n) {
        this.n = n;
        this.store = R064Store.FACTORY.make(n, n);
        this.solver = Eigenvalue.R064.make(n, true);
        this.values = new double[n];
    }

    /** Ascending eigenvalues of {@code mat + θ v vᵀ} (only the upper triangle of mat is read); v unit or null. */
    public double[] sorted(double[][] mat, double theta, double[] v) {
        double uniform = 1.0 / Math.sqrt(n);
        for (int i = 0; i < n; i++) {
            double vi = v == null ? uniform : v[i];
            for (int j = i; j < n; j++) {
                double vj = v == null ? uniform : v[j];
                double x = mat[i][j] + theta * vi * vj;
                store.set(i, j, x);
                store.set(j, i, x);
            }
        }
        solver.computeValuesOnly(store);
        solver.getEigenvalues(values, Optional.empty());
        Arrays.sort(values);
        return values;
    }

    /** Ascending eigenvalues of a symmetric matrix. */
    public double[] sorted(double[][] mat) {
        return sorted(mat, 0.0, null);
    }

    /** Number of eigenvalues strictly below zero. */
    public int negativeCount(double[][] mat) {
        return RankOneInterlacing.countBelow(sorted(mat), 0.0);
    }
}
