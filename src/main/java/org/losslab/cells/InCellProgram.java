package org.losslab.cells;

/**
 * The convex in-cell program of science.md §D.4 for squared loss: minimise
 * (1/n) Σ_i (Σ_j s_ij v_j·x̃_i + c − y_i)² over v_j ∈ R^{d_X+1}, c, subject to the linear cell
 * constraints τ_j σ_ij v_j·x̃_i ≥ 0 (the closure of the cell, where the risk is the same formula).
 * A QP with n·J linear constraints, solved by ojAlgo ({@link ConvexQp}). Its value is R̂_cell*, and
 * the predictions f* on the data are unique (the risk is strictly convex in f), so every in-cell
 * minimum must reproduce them: rms(f − f*) ≤ √(R̂(f) − R̂_cell*).
 *
 * @param risk              R̂_cell*, recomputed from the solution
 * @param predictions       f* on the data
 * @param state             ojAlgo's solver state
 * @param activeConstraints constraints with slack ≤ 1e−9 at the solution (0: the optimum is interior)
 * @param minSlack          smallest τ_j σ_ij v_j·x̃_i (≥ −1e−9 when feasible)
 */
public record InCellProgram(double risk, double[] predictions, double[] solution, String state, boolean optimal,
                            int activeConstraints, double minSlack) {

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
        double[][] q = new double[dim][dim];
        double[] c = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < dim; r++) {
                c[r] += 2.0 / n * a[i][r] * data.y()[i][0];
                for (int s = 0; s < dim; s++) {
                    q[r][s] += 2.0 / n * a[i][r] * a[i][s];
                }
            }
        }
        double[][] cons = new double[n * units][dim];
        for (int j = 0; j < units; j++) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < m; k++) {
                    cons[j * n + i][j * m + k] = -cell.tau[j] * cell.cone[j][i][k];
                }
            }
        }
        ConvexQp.Solution sol = ConvexQp.solve(q, c, cons, new double[n * units]);
        double[] u = sol.u();
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
            double slack = -Vectors.dot(row, u);
            minSlack = Math.min(minSlack, slack);
            if (slack <= 1e-9) {
                active++;
            }
        }
        return new InCellProgram(risk, f, u, sol.state(), sol.optimal(), active, minSlack);
    }
}
