package org.losslab.cells;

/**
 * The convex in-cell program of science.md §D.4 for squared loss: minimise
 * (1/n) Σ_i (Σ_j s_ij v_j·x̃_i + c − y_i)² over v_j ∈ R^{d_X+1}, c, subject to the linear cell
 * constraints τ_j σ_ij v_j·x̃_i ≥ 0 (the closure of the cell, where the risk is the same formula).
 * A QP with n·J linear homogeneous constraints, solved exactly as a least-squares problem over a cone
 * ({@link ConeLeastSquares}; ojAlgo's QP agrees on small cells, see the tests). Its value is R̂_cell*, and
 * the predictions f* on the data are unique (the risk is strictly convex in f), so every in-cell
 * minimum must reproduce them: rms(f − f*) ≤ √(R̂(f) − R̂_cell*).
 *
 * @param risk              R̂_cell*, recomputed from the solution
 * @param predictions       f* on the data
 * @param state             OPTIMAL, or INFEASIBLE if the solution violates a constraint beyond rounding
 * @param activeConstraints constraints with normalised slack ≤ 1e−9 at the solution (0: interior optimum)
 * @param minSlack          smallest τ_j σ_ij v_j·x̃_i / ‖x̃_i‖ (≥ −1e−9 (1 + ‖u‖) when feasible)
 */
public record InCellProgram(double risk, double[] predictions, double[] solution, String state, boolean optimal,
                            int activeConstraints, double minSlack, double kktResidual) {

    /** Largest KKT residual accepted as optimal (the risk gradient is O(1) on standardised data). */
    public static final double KKT_TOL = 1e-8;

    public static InCellProgram solve(OneHiddenCell cell) {
        Dataset data = cell.data;
        int n = data.size();
        int units = cell.units;
        int m = cell.m;
        int dim = units * m + 1;
        double[][] a = new double[n][dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < units; j++) {
                for (int k = 0; k < m; k++) {
                    double xk = k < m - 1 ? data.x()[i][k] : 1;
                    a[i][j * m + k] = cell.slope[i][j] * xk;
                }
            }
            a[i][dim - 1] = 1;
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = data.y()[i][0];
        }
        double[][] cons = new double[n * units][dim];
        for (int j = 0; j < units; j++) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < m; k++) {
                    cons[j * n + i][j * m + k] = cell.tau[j] * cell.cone[j][i][k];
                }
            }
        }
        double[] u = ActiveSetRefinement.refine(cell, a, y, restoreFeasibility(cell, ConeLeastSquares.solve(a, y, cons)));
        double[] f = new double[n];
        double risk = 0;
        for (int i = 0; i < n; i++) {
            f[i] = Vectors.dot(a[i], u);
            double r = f[i] - data.y()[i][0];
            risk += r * r / n;
        }
        int active = 0;
        double minSlack = Double.POSITIVE_INFINITY;
        for (double[] row : cons) {
            double slack = Vectors.dot(row, u) / Vectors.norm(row);
            minSlack = Math.min(minSlack, slack);
            if (slack <= 1e-9) {
                active++;
            }
        }
        boolean feasible = minSlack >= -1e-9 * (1 + Vectors.norm(u));
        double kkt = kktResidual(cell, a, y, u);
        String state = !feasible ? "INFEASIBLE" : kkt <= KKT_TOL ? "OPTIMAL" : "NOT_STATIONARY";
        return new InCellProgram(risk, f, u, state, feasible && kkt <= KKT_TOL, active, minSlack, kkt);
    }

    /**
     * Mapping the solution back from the whitened coordinates costs feasibility in proportion to the
     * conditioning of AᵀA (1e−7 measured); each unit's block is projected back onto its own cone in
     * the original coordinates, a change of the same order, after which risk and KKT are recomputed.
     */
    private static double[] restoreFeasibility(OneHiddenCell cell, double[] u) {
        double[] out = u.clone();
        int m = cell.m;
        for (int j = 0; j < cell.units; j++) {
            double[] w = new double[m];
            for (int k = 0; k < m; k++) {
                w[k] = cell.tau[j] * u[j * m + k];
            }
            double[] p = cell.projection(j).project(w);
            for (int k = 0; k < m; k++) {
                out[j * m + k] = cell.tau[j] * p[k];
            }
        }
        return out;
    }

    /**
     * An optimality check independent of the solver: with ∇ the risk gradient at u and T the tangent
     * cone of the constraints active at u (slack ≤ 1e−9, relative), ‖P_T(−∇)‖ (the steepest feasible
     * descent; by Moreau, the distance of ∇ from the cone the active constraints generate) plus
     * |∇·u| / (1 + ‖u‖) (complementarity) is 0 exactly at the optimum. T rather than the whole cone:
     * the same condition, but NNLS over hundreds of nearly parallel rows is only accurate to ~1e−8.
     * C is a product of one cone per unit, and the output bias is free.
     */
    static double kktResidual(OneHiddenCell cell, double[][] a, double[] y, double[] u) {
        int m = cell.m;
        double[] grad = ActiveSetRefinement.riskGradient(a, y, u);
        double descent = grad[grad.length - 1] * grad[grad.length - 1];
        for (int j = 0; j < cell.units; j++) {
            double[] uj = java.util.Arrays.copyOfRange(u, j * m, j * m + m);
            java.util.List<double[]> rows = new java.util.ArrayList<>();
            for (double[] row : cell.cone[j]) {
                if (cell.tau[j] * Vectors.dot(row, uj) <= 1e-9 * Vectors.norm(row) * (1 + Vectors.norm(uj))) {
                    rows.add(row);
                }
            }
            double[] neg = new double[m];
            for (int k = 0; k < m; k++) {
                neg[k] = -cell.tau[j] * grad[j * m + k];
            }
            double[] d = rows.isEmpty() ? neg : new ConeProjection(rows.toArray(new double[0][])).project(neg);
            descent += Vectors.dot(d, d);
        }
        return Math.sqrt(descent) + Math.abs(Vectors.dot(grad, u)) / (1 + Vectors.norm(u));
    }
}
