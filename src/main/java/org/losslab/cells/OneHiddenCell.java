package org.losslab.cells;


/**
 * One cell of a one-hidden-layer network f(x) = Σ_j a_j h(w_j·x + b_j) + c with scalar output
 * (science.md §D.4): the pattern σ_ij = sign(w_j·x_i + b_j) and the signs τ_j = sign(a_j) are fixed,
 * so the slopes s_ij ∈ {s−, s+} are fixed and f(x_i) = Σ_j s_ij v_j·x̃_i + c with v_j = a_j (w_j, b_j).
 * This class gives the fixed-pattern risk and gradient in θ (the network's own layout), the cell's
 * constraints (w̃_j in its cone {σ_ij w̃·x̃_i ≥ 0} with its projection, τ_j a_j ≥ 0), and
 * membership of the open cell. On the closure the fixed-pattern risk equals the network risk, since
 * h(0) = 0 on both pieces. The convex program in v is {@link InCellProgram}.
 */
public final class OneHiddenCell {

    final Network net;
    final Dataset data;
    final ActivationPattern pattern;
    final int units;
    final int m;
    final double[][] slope;
    final int[] tau;
    final double[][][] cone;
    private final ConeProjection[] projections;

    private OneHiddenCell(Network net, Dataset data, double[] theta) {
        int[] d = net.widths();
        if (d.length != 3 || d[2] != 1) {
            throw new IllegalArgumentException("cells in-cell program: needs one hidden layer and d_Y = 1 (the v-reformulation"
                    + " of §D.4 is convex only for a scalar output), got widths " + java.util.Arrays.toString(d));
        }
        this.net = net;
        this.data = data;
        this.pattern = net.pattern(theta, data);
        if (!pattern.isOpen()) {
            throw new IllegalArgumentException("cells in-cell program: θ lies on a kink, not in an open cell");
        }
        this.units = d[1];
        this.m = d[0] + 1;
        int n = data.size();
        this.slope = new double[n][units];
        this.tau = new int[units];
        this.cone = new double[units][n][m];
        this.projections = new ConeProjection[units];
        TwoPieceActivation h = net.activation();
        for (int j = 0; j < units; j++) {
            double a = theta[net.weightIndex(1, 0, j)];
            if (a == 0) {
                throw new IllegalArgumentException("cells in-cell program: output weight a_" + j + " is 0, sign(a) undefined");
            }
            tau[j] = a > 0 ? 1 : -1;
            for (int i = 0; i < n; i++) {
                boolean pos = pattern.isPositive(i, j);
                slope[i][j] = pos ? h.slopePositive() : h.slopeNegative();
                double sg = pos ? 1 : -1;
                for (int k = 0; k < m - 1; k++) {
                    cone[j][i][k] = sg * data.x()[i][k];
                }
                cone[j][i][m - 1] = sg;
            }
            projections[j] = new ConeProjection(cone[j]);
        }
    }

    /** The cell (pattern and sign(a)) of θ. */
    public static OneHiddenCell of(Network net, double[] theta, Dataset data) {
        return new OneHiddenCell(net, data, theta);
    }

    public int units() {
        return units;
    }

    /** Projection onto unit j's cone {w̃ : σ_ij w̃·x̃_i ≥ 0 for all i}. */
    ConeProjection projection(int j) {
        return projections[j];
    }

    /** θ in the open cell: same pattern, no kink, same sign(a). */
    public boolean containsOpen(double[] theta) {
        for (int j = 0; j < units; j++) {
            if (Math.signum(theta[net.weightIndex(1, 0, j)]) != tau[j]) {
                return false;
            }
        }
        return net.inOpenCell(theta, data, pattern);
    }

    /** Predictions on the data by the fixed-pattern formula. */
    public double[] predictions(double[] theta) {
        int n = data.size();
        double[] f = new double[n];
        double c = theta[net.biasIndex(1, 0)];
        for (int i = 0; i < n; i++) {
            double s = c;
            for (int j = 0; j < units; j++) {
                s += theta[net.weightIndex(1, 0, j)] * slope[i][j] * preActivation(theta, j, data.x()[i]);
            }
            f[i] = s;
        }
        return f;
    }

    /** Fixed-pattern squared-loss risk and its gradient in θ. */
    public Network.RiskGradient riskGradient(double[] theta) {
        int n = data.size();
        double[] g = new double[theta.length];
        double[] f = predictions(theta);
        double risk = 0;
        for (int i = 0; i < n; i++) {
            double r = f[i] - data.y()[i][0];
            risk += r * r;
            double e = 2 * r / n;
            g[net.biasIndex(1, 0)] += e;
            double[] x = data.x()[i];
            for (int j = 0; j < units; j++) {
                double a = theta[net.weightIndex(1, 0, j)];
                g[net.weightIndex(1, 0, j)] += e * slope[i][j] * preActivation(theta, j, x);
                double back = e * a * slope[i][j];
                g[net.biasIndex(0, j)] += back;
                for (int k = 0; k < m - 1; k++) {
                    g[net.weightIndex(0, j, k)] += back * x[k];
                }
            }
        }
        return new Network.RiskGradient(risk / n, g);
    }

    /** Fixed-pattern residuals (f_i − y_i)/√n and their Jacobian, so the risk is ‖r‖². */
    public Residuals residuals(double[] theta) {
        int n = data.size();
        double root = Math.sqrt(n);
        double[] f = predictions(theta);
        double[] r = new double[n];
        double[][] jac = new double[n][theta.length];
        for (int i = 0; i < n; i++) {
            r[i] = (f[i] - data.y()[i][0]) / root;
            double[] x = data.x()[i];
            jac[i][net.biasIndex(1, 0)] = 1 / root;
            for (int j = 0; j < units; j++) {
                double a = theta[net.weightIndex(1, 0, j)];
                jac[i][net.weightIndex(1, 0, j)] = slope[i][j] * preActivation(theta, j, x) / root;
                double back = a * slope[i][j] / root;
                jac[i][net.biasIndex(0, j)] = back;
                for (int k = 0; k < m - 1; k++) {
                    jac[i][net.weightIndex(0, j, k)] = back * x[k];
                }
            }
        }
        return new Residuals(r, jac);
    }

    private double preActivation(double[] theta, int j, double[] x) {
        double z = theta[net.biasIndex(0, j)];
        for (int k = 0; k < x.length; k++) {
            z += theta[net.weightIndex(0, j, k)] * x[k];
        }
        return z;
    }
}
