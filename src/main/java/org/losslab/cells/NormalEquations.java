package org.losslab.cells;

/**
 * The Levenberg–Marquardt system (JᵀJ + μI) δ = −Jᵀr of residuals r with Jacobian J at one point:
 * JᵀJ and Jᵀr are formed once and solved for every damping μ tried there. The damping rule the
 * descents share: μ ÷ 5 (down to 1e−15) after a step that lowers the risk, μ × 4 after one that does not.
 */
final class NormalEquations {

    private final double[][] jtj;
    private final double[] rhs;

    NormalEquations(double[][] jacobian, double[] r) {
        this.jtj = Descent.normalMatrix(jacobian, 0);
        this.rhs = new double[jtj.length];
        for (int i = 0; i < r.length; i++) {
            double[] row = jacobian[i];
            for (int k = 0; k < rhs.length; k++) {
                rhs[k] -= row[k] * r[i];
            }
        }
    }

    /** δ with (JᵀJ + μI) δ = −Jᵀr. */
    double[] solve(double mu) {
        double[][] a = new double[jtj.length][];
        for (int k = 0; k < jtj.length; k++) {
            a[k] = jtj[k].clone();
            a[k][k] += mu;
        }
        return Descent.choleskySolve(a, rhs);
    }

    /** The damping after a step that lowered the risk. */
    static double relaxed(double mu) {
        return Math.max(mu / 5, 1e-15);
    }

    /** The damping after a step that did not. */
    static double stiffened(double mu) {
        return mu * 4;
    }
}
