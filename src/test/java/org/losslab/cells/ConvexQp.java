package org.losslab.cells;

import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.convex.ConvexSolver;

/**
 * Thin wrapper over ojAlgo's active-set {@link ConvexSolver}: minimise ½ uᵀQu − cᵀu subject to
 * A u ≤ b (ojAlgo's own sign convention, pinned by a test against a hand-solved QP). Used for the
 * cross-check of the hand-written in-cell solver ({@link ConeLeastSquares}, science.md §D.4); it is too slow
 * to be the solver itself (it had not finished after minutes on a two-class MNIST cell).
 */
public final class ConvexQp {

    private ConvexQp() {
    }

    /** The minimiser and ojAlgo's state; the caller re-evaluates the objective it cares about. */
    public record Solution(double[] u, String state, boolean optimal) {
    }

    public static Solution solve(double[][] q, double[] c, double[][] a, double[] b) {
        int m = c.length;
        R064Store qs = R064Store.FACTORY.make(m, m);
        R064Store cs = R064Store.FACTORY.make(m, 1);
        for (int i = 0; i < m; i++) {
            cs.set(i, 0, c[i]);
            for (int j = 0; j < m; j++) {
                qs.set(i, j, q[i][j]);
            }
        }
        ConvexSolver.Builder builder = ConvexSolver.newBuilder().objective(qs, cs);
        if (a.length > 0) {
            R064Store as = R064Store.FACTORY.make(a.length, m);
            R064Store bs = R064Store.FACTORY.make(a.length, 1);
            for (int i = 0; i < a.length; i++) {
                bs.set(i, 0, b[i]);
                for (int j = 0; j < m; j++) {
                    as.set(i, j, a[i][j]);
                }
            }
            builder.inequalities(as, bs);
        }
        Optimisation.Result result = builder.solve();
        double[] u = new double[m];
        for (int i = 0; i < m; i++) {
            u[i] = result.doubleValue(i);
        }
        return new Solution(u, result.getState().toString(), result.getState().isOptimal());
    }
}
