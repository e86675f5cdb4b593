package org.losslab.cells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finishes the in-cell convex program (science.md §D.4) in the original coordinates with a primal
 * active-set method, started from a feasible point and its nearly active constraints: solve the least
 * squares exactly on the face of the working set, walk towards that solution until a constraint
 * blocks (it joins), and at a face optimum release the constraints the steepest feasible descent
 * direction leaves.
 * Every iterate is feasible and no step raises the risk. {@link ConeLeastSquares} gets close in
 * whitened coordinates, but mapping back costs feasibility and stationarity in proportion to the
 * conditioning of AᵀA (KKT residual 3e−7 measured); this restores both to rounding level.
 */
final class ActiveSetRefinement {

    private static final int MAX_ITERATIONS = 1000;

    private ActiveSetRefinement() {
    }

    static double[] refine(OneHiddenCell cell, double[][] a, double[] y, double[] start) {
        int m = cell.m;
        double[] u = start.clone();
        List<List<Integer>> active = new ArrayList<>();
        for (int j = 0; j < cell.units; j++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < cell.cone[j].length; i++) {
                if (slack(cell, j, i, u) <= 1e-9 * Vectors.norm(cell.cone[j][i]) * (1 + blockNorm(u, j, m))) {
                    rows.add(i);
                }
            }
            active.add(rows);
        }
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[][] basis = faceBasis(cell, active, u.length);
            double[] target = faceOptimum(a, y, basis);
            double[] delta = Vectors.axpy(target, -1, u);
            double alpha = 1;
            int[] block = null;
            for (int j = 0; j < cell.units; j++) {
                for (int i = 0; i < cell.cone[j].length; i++) {
                    if (active.get(j).contains(i)) {
                        continue;
                    }
                    double gd = slack(cell, j, i, delta);
                    if (gd < 0) {
                        double t = Math.max(slack(cell, j, i, u), 0) / -gd;
                        if (t < alpha) {
                            alpha = t;
                            block = new int[] {j, i};
                        }
                    }
                }
            }
            u = Vectors.axpy(u, alpha, delta);
            if (block != null) {
                active.get(block[0]).add(block[1]);
                continue;
            }
            if (!releaseTowardsDescent(cell, a, y, u, active)) {
                return u;
            }
        }
        return u;
    }

    /** τ_j σ_ij x̃_i·u_j: the constraint's value at u (or its derivative along a direction). */
    private static double slack(OneHiddenCell cell, int j, int i, double[] u) {
        double s = 0;
        for (int k = 0; k < cell.m; k++) {
            s += cell.cone[j][i][k] * u[j * cell.m + k];
        }
        return cell.tau[j] * s;
    }

    private static double blockNorm(double[] u, int j, int m) {
        return Vectors.norm(Arrays.copyOfRange(u, j * m, j * m + m));
    }

    /** Orthonormal basis of the face: per unit the complement of its (independent) active rows; c free. */
    private static double[][] faceBasis(OneHiddenCell cell, List<List<Integer>> active, int dim) {
        int m = cell.m;
        List<double[]> basis = new ArrayList<>();
        for (int j = 0; j < cell.units; j++) {
            List<double[]> span = new ArrayList<>();
            for (int i : active.get(j)) {
                double[] q = WorkingSet.orthogonalise(cell.cone[j][i], span);
                if (q != null) {
                    span.add(q);
                }
            }
            for (double[] q : WorkingSet.complement(span, m)) {
                double[] full = new double[dim];
                System.arraycopy(q, 0, full, j * m, m);
                basis.add(full);
            }
        }
        double[] free = new double[dim];
        free[dim - 1] = 1;
        basis.add(free);
        return basis.toArray(new double[0][]);
    }

    /**
     * argmin over the face of ‖A u − y‖², by the normal equations with two steps of iterative
     * refinement (the face can be ill-conditioned; a vanishing ridge keeps the factorisation definite).
     */
    private static double[] faceOptimum(double[][] a, double[] y, double[][] basis) {
        int q = basis.length;
        double[][] b = new double[a.length][q];
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < q; c++) {
                b[i][c] = Vectors.dot(a[i], basis[c]);
            }
        }
        double[][] h = Descent.normalMatrix(b, 0);
        double maxDiag = 0;
        for (int r = 0; r < q; r++) {
            maxDiag = Math.max(maxDiag, h[r][r]);
        }
        for (int r = 0; r < q; r++) {
            h[r][r] += 1e-14 * maxDiag + 1e-300;
        }
        double[] d = new double[q];
        for (int pass = 0; pass < 3; pass++) {
            double[] rhs = new double[q];
            for (int i = 0; i < a.length; i++) {
                double r = y[i] - Vectors.dot(b[i], d);
                for (int c = 0; c < q; c++) {
                    rhs[c] += b[i][c] * r;
                }
            }
            d = Vectors.axpy(d, 1, Descent.choleskySolve(h, rhs));
        }
        double[] u = new double[basis[0].length];
        for (int c = 0; c < q; c++) {
            u = Vectors.axpy(u, d[c], basis[c]);
        }
        return u;
    }

    /**
     * At a face optimum: per unit, the steepest feasible descent d_j = P_T(−∇_j) over the tangent cone T
     * of its active rows (an NNLS, so it is right also when the active rows are dependent, as at the
     * apex v_j = 0, where least-squares multipliers are not). d_j = 0 for every unit is the KKT
     * condition; otherwise the rows d_j moves away from are released. False if nothing was released.
     */
    private static boolean releaseTowardsDescent(OneHiddenCell cell, double[][] a, double[] y, double[] u,
                                                 List<List<Integer>> active) {
        int m = cell.m;
        double[] grad = riskGradient(a, y, u);
        boolean released = false;
        for (int j = 0; j < cell.units; j++) {
            List<Integer> rows = active.get(j);
            if (rows.isEmpty()) {
                continue;
            }
            double[][] g = new double[rows.size()][];
            for (int r = 0; r < g.length; r++) {
                g[r] = cell.cone[j][rows.get(r)];
            }
            double[] neg = new double[m];
            for (int k = 0; k < m; k++) {
                neg[k] = -cell.tau[j] * grad[j * m + k];
            }
            double[] d = new ConeProjection(g).project(neg);
            double len = Vectors.norm(d);
            if (len <= 1e-13 * (1 + Vectors.norm(grad))) {
                continue;
            }
            List<Integer> keep = new ArrayList<>();
            for (int r = 0; r < g.length; r++) {
                if (Vectors.dot(g[r], d) <= 1e-10 * Vectors.norm(g[r]) * len) {
                    keep.add(rows.get(r));
                }
            }
            if (keep.size() < rows.size()) {
                active.set(j, keep);
                released = true;
            }
        }
        return released;
    }

    /** ∇ of the in-cell risk (1/n)‖A u − y‖² in v-space. */
    static double[] riskGradient(double[][] a, double[] y, double[] u) {
        double[] grad = new double[u.length];
        for (int i = 0; i < a.length; i++) {
            double e = 2 * (Vectors.dot(a[i], u) - y[i]) / a.length;
            for (int k = 0; k < grad.length; k++) {
                grad[k] += e * a[i][k];
            }
        }
        return grad;
    }
}
