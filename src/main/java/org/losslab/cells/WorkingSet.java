package org.losslab.cells;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The active constraints of {@link ActiveSetDescent} in one cell: per unit j the cone rows
 * σ_ij x̃_i held at σ_ij w̃_j·x̃_i = 0 (kept linearly independent by Gram–Schmidt; a row in their
 * span is implied and set aside until the set shrinks) and whether a_j is held at 0. Gives the face's
 * orthonormal basis, the ratio test along a step and the multipliers of the active constraints.
 */
final class WorkingSet {

    private final OneHiddenCell cell;
    private final List<List<Integer>> active = new ArrayList<>();
    private final List<List<double[]>> orthonormal = new ArrayList<>();
    private final List<Set<Integer>> implied = new ArrayList<>();
    private final boolean[] aFixed;

    WorkingSet(OneHiddenCell cell) {
        this.cell = cell;
        for (int j = 0; j < cell.units; j++) {
            active.add(new ArrayList<>());
            orthonormal.add(new ArrayList<>());
            implied.add(new HashSet<>());
        }
        this.aFixed = new boolean[cell.units];
    }

    /** Orthonormal rows spanning the face: per unit the complement of its active rows, a_j unless held, c. */
    double[][] faceBasis(int[][] idx, int[] aIdx, int cIdx, int p) {
        List<double[]> basis = new ArrayList<>();
        int m = cell.m;
        for (int j = 0; j < cell.units; j++) {
            for (double[] v : complement(orthonormal.get(j), m)) {
                double[] full = new double[p];
                for (int k = 0; k < m; k++) {
                    full[idx[j][k]] = v[k];
                }
                basis.add(full);
            }
            if (!aFixed[j]) {
                double[] full = new double[p];
                full[aIdx[j]] = 1;
                basis.add(full);
            }
        }
        double[] full = new double[p];
        full[cIdx] = 1;
        basis.add(full);
        return basis.toArray(new double[0][]);
    }

    /** {α, j, i}: the largest step fraction along δ that stays in the cell and the constraint that stops it (i = −1: a_j). */
    double[] ratioTest(double[] theta, double[] delta, int[][] idx, int[] aIdx) {
        double[] best = {Double.POSITIVE_INFINITY, -1, -1};
        for (int j = 0; j < cell.units; j++) {
            double dn = 0;
            for (int k = 0; k < cell.m; k++) {
                dn += delta[idx[j][k]] * delta[idx[j][k]];
            }
            dn = Math.sqrt(dn);
            for (int i = 0; i < cell.cone[j].length; i++) {
                if (active.get(j).contains(i) || implied.get(j).contains(i)) {
                    continue;
                }
                double[] row = cell.cone[j][i];
                double s = 0;
                double gd = 0;
                for (int k = 0; k < cell.m; k++) {
                    s += row[k] * theta[idx[j][k]];
                    gd += row[k] * delta[idx[j][k]];
                }
                if (gd < -1e-14 * Vectors.norm(row) * dn) {
                    double a = Math.max(s, 0) / -gd;
                    if (a < best[0]) {
                        best = new double[] {a, j, i};
                    }
                }
            }
            int t = cell.tau[j];
            if (!aFixed[j] && t * delta[aIdx[j]] < 0) {
                double a = Math.max(t * theta[aIdx[j]], 0) / (-t * delta[aIdx[j]]);
                if (a < best[0]) {
                    best = new double[] {a, j, -1};
                }
            }
        }
        return best;
    }

    void add(int j, int i) {
        if (j < 0) {
            return;
        }
        if (i < 0) {
            aFixed[j] = true;
            return;
        }
        double[] v = orthogonalise(cell.cone[j][i], orthonormal.get(j));
        if (v == null) {
            implied.get(j).add(i);
        } else {
            active.get(j).add(i);
            orthonormal.get(j).add(v);
        }
    }

    boolean aHeld(int j) {
        return aFixed[j];
    }

    /** Releases a_j and rebuilds unit j's rows from the constraints that are active (to rounding) at θ. */
    void resetUnit(int j, double[] theta, int[][] idx) {
        aFixed[j] = false;
        active.get(j).clear();
        orthonormal.get(j).clear();
        implied.get(j).clear();
        double size = 0;
        for (int k = 0; k < cell.m; k++) {
            size += theta[idx[j][k]] * theta[idx[j][k]];
        }
        for (int i = 0; i < cell.cone[j].length; i++) {
            double s = 0;
            for (int k = 0; k < cell.m; k++) {
                s += cell.cone[j][i][k] * theta[idx[j][k]];
            }
            if (s <= 1e-12 * Vectors.norm(cell.cone[j][i]) * Math.sqrt(size)) {
                add(j, i);
            }
        }
    }

    /**
     * The KKT test at a face optimum, by the steepest feasible descent over each unit's tangent cone
     * (its active and implied rows): d_j = P_T(−g_j) is an NNLS, right also where least-squares
     * multipliers are not (dependent rows, the apex w̃_j = 0); a held a_j violates it when −τ_j g_a &gt; 0.
     * Releases, for every unit whose violation exceeds {@code tolerance}, the rows d_j moves away from
     * (and a_j), recording them in {@code released}. Returns the largest violation.
     */
    double releaseTowardsDescent(double[] g, int[][] idx, int[] aIdx, double tolerance, Set<Long> released) {
        double worst = 0;
        for (int j = 0; j < cell.units; j++) {
            List<Integer> rows = new ArrayList<>(active.get(j));
            rows.addAll(implied.get(j));
            if (!rows.isEmpty()) {
                double[][] normals = new double[rows.size()][];
                for (int r = 0; r < normals.length; r++) {
                    normals[r] = cell.cone[j][rows.get(r)];
                }
                double[] neg = new double[cell.m];
                for (int k = 0; k < cell.m; k++) {
                    neg[k] = -g[idx[j][k]];
                }
                double[] d = new ConeProjection(normals).project(neg);
                double len = Vectors.norm(d);
                worst = Math.max(worst, len);
                if (len > tolerance) {
                    for (int r = 0; r < normals.length; r++) {
                        if (Vectors.dot(normals[r], d) > 1e-10 * Vectors.norm(normals[r]) * len) {
                            active.get(j).remove(rows.get(r));
                            released.add(key(j, rows.get(r)));
                        }
                    }
                    rebuild(j);
                }
            }
            double aViolation = aFixed[j] ? -cell.tau[j] * g[aIdx[j]] : 0;
            worst = Math.max(worst, aViolation);
            if (aViolation > tolerance) {
                aFixed[j] = false;
                released.add(key(j, -1));
            }
        }
        return worst;
    }

    static long key(int j, int i) {
        return (long) j << 32 | (i + 1);
    }

    private void rebuild(int j) {
        List<double[]> span = new ArrayList<>();
        for (int r : active.get(j)) {
            double[] v = orthogonalise(cell.cone[j][r], span);
            if (v != null) {
                span.add(v);
            }
        }
        orthonormal.set(j, span);
        implied.get(j).clear();
    }

    /** An orthonormal basis of the complement in R^m of the span of orthonormal rows. */
    static List<double[]> complement(List<double[]> orthonormalRows, int m) {
        List<double[]> span = new ArrayList<>(orthonormalRows);
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < m && span.size() < m; t++) {
            double[] e = new double[m];
            e[t] = 1;
            double[] v = orthogonalise(e, span);
            if (v != null) {
                span.add(v);
                out.add(v);
            }
        }
        return out;
    }

    /** v minus its projection on the orthonormal rows, normalised; null if (numerically) in their span. */
    static double[] orthogonalise(double[] v, List<double[]> span) {
        double[] w = v.clone();
        for (int pass = 0; pass < 2; pass++) {
            for (double[] q : span) {
                double c = Vectors.dot(q, w);
                for (int k = 0; k < w.length; k++) {
                    w[k] -= c * q[k];
                }
            }
        }
        double n = Vectors.norm(w);
        if (n <= 1e-10 * Vectors.norm(v)) {
            return null;
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= n;
        }
        return w;
    }
}
