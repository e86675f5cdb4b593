package org.losslab.cells;

import java.util.Arrays;

/**
 * Fully connected network f(x;θ) = W_L h(… h(W_1 x + b_1) …) + b_L in double precision
 * (science.md §D.2), with θ one flat vector: for each layer j, W_j row-major (d_j × d_{j−1})
 * then b_j. Gives the forward pass, the empirical risk R̂, the exact gradient by backprop and the
 * activation pattern Π(θ); the exact Hessian is in {@link NetworkHessian}. At a kink (z = 0) the
 * derivative of the z ≤ 0 piece is used; inside an open cell everything is exact.
 */
public final class Network {

    private final int[] widths;
    private final TwoPieceActivation activation;
    private final Loss loss;
    private final int[] offsets;
    private final int parameterCount;
    private final int hiddenUnits;

    /** widths = (d_X, d_1, …, d_{L−1}, d_Y); at least one hidden layer. */
    public Network(int[] widths, TwoPieceActivation activation, Loss loss) {
        if (widths == null || widths.length < 3) {
            throw new IllegalArgumentException("cells network: widths need input, at least one hidden layer and output, got "
                    + Arrays.toString(widths));
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("cells network: every width must be ≥ 1, got " + Arrays.toString(widths));
            }
        }
        this.widths = widths.clone();
        this.activation = activation;
        this.loss = loss;
        this.offsets = new int[widths.length - 1];
        int off = 0;
        int hidden = 0;
        for (int j = 0; j < widths.length - 1; j++) {
            offsets[j] = off;
            off += widths[j + 1] * widths[j] + widths[j + 1];
            if (j < widths.length - 2) {
                hidden += widths[j + 1];
            }
        }
        this.parameterCount = off;
        this.hiddenUnits = hidden;
    }

    public int[] widths() {
        return widths.clone();
    }

    public int layers() {
        return widths.length - 1;
    }

    public TwoPieceActivation activation() {
        return activation;
    }

    public Loss loss() {
        return loss;
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** Σ_j d_j over hidden layers: the number of pre-activations per data point in Π(θ). */
    public int hiddenUnits() {
        return hiddenUnits;
    }

    /** Index in θ of W_layer[row][col]; layer is 0-based (layer 0 maps the input). */
    public int weightIndex(int layer, int row, int col) {
        return offsets[layer] + row * widths[layer] + col;
    }

    /** Index in θ of b_layer[row]. */
    public int biasIndex(int layer, int row) {
        return offsets[layer] + widths[layer + 1] * widths[layer] + row;
    }

    public Network withActivation(TwoPieceActivation other) {
        return new Network(widths, other, loss);
    }

    /** Pre-activations z[j] of every layer for input x; z[layers−1] is the output f(x). */
    double[][] preActivations(double[] theta, double[] x) {
        double[][] z = new double[layers()][];
        double[] a = x;
        for (int j = 0; j < layers(); j++) {
            int din = widths[j];
            int dout = widths[j + 1];
            double[] zj = new double[dout];
            int w = offsets[j];
            int b = w + dout * din;
            for (int r = 0; r < dout; r++) {
                double s = theta[b + r];
                int row = w + r * din;
                for (int c = 0; c < din; c++) {
                    s += theta[row + c] * a[c];
                }
                zj[r] = s;
            }
            z[j] = zj;
            if (j < layers() - 1) {
                a = new double[dout];
                for (int r = 0; r < dout; r++) {
                    a[r] = activation.apply(zj[r]);
                }
            }
        }
        return z;
    }

    public double[] predict(double[] theta, double[] x) {
        double[][] z = preActivations(theta, x);
        return z[z.length - 1];
    }

    public double risk(double[] theta, Dataset data) {
        checkShapes(theta, data);
        double s = 0;
        for (int i = 0; i < data.size(); i++) {
            s += loss.value(predict(theta, data.x()[i]), data.y()[i]);
        }
        return s / data.size();
    }

    /** The activation pattern Π(θ) on the data (§D.2) and the smallest |z| over hidden units. */
    public ActivationPattern pattern(double[] theta, Dataset data) {
        return evaluate(theta, data).pattern();
    }

    /** Risk and pattern in one forward pass. */
    public Evaluation evaluate(double[] theta, Dataset data) {
        checkShapes(theta, data);
        ActivationPattern.Builder pb = new ActivationPattern.Builder(data.size(), hiddenUnits, activation.isLinear());
        double s = 0;
        for (int i = 0; i < data.size(); i++) {
            double[][] z = preActivations(theta, data.x()[i]);
            int u = 0;
            for (int j = 0; j < layers() - 1; j++) {
                for (double zv : z[j]) {
                    pb.record(i, u++, zv);
                }
            }
            s += loss.value(z[layers() - 1], data.y()[i]);
        }
        return new Evaluation(s / data.size(), pb.build());
    }

    /** True iff θ lies in the open cell whose pattern is {@code cell}. */
    public boolean inOpenCell(double[] theta, Dataset data, ActivationPattern cell) {
        ActivationPattern p = pattern(theta, data);
        return p.isOpen() && p.equals(cell);
    }

    /** Gradient of R̂ by backpropagation; returns R̂ as well. */
    public RiskGradient gradient(double[] theta, Dataset data) {
        checkShapes(theta, data);
        double[] g = new double[parameterCount];
        double risk = 0;
        double scale = 1.0 / data.size();
        int last = layers() - 1;
        for (int i = 0; i < data.size(); i++) {
            double[] x = data.x()[i];
            double[][] z = preActivations(theta, x);
            risk += loss.value(z[last], data.y()[i]);
            double[] delta = new double[widths[last + 1]];
            loss.gradient(z[last], data.y()[i], scale, delta);
            backprop(theta, x, z, delta, g);
        }
        return new RiskGradient(risk * scale, g);
    }

    /** Adds δ-weighted backprop of one sample with pre-activations z into out. */
    void backprop(double[] theta, double[] x, double[][] z, double[] delta, double[] out) {
        for (int j = layers() - 1; j >= 0; j--) {
            double[] aIn = j == 0 ? x : activate(z[j - 1]);
            int din = widths[j];
            int w = offsets[j];
            int b = w + widths[j + 1] * din;
            for (int r = 0; r < delta.length; r++) {
                out[b + r] += delta[r];
                int row = w + r * din;
                for (int c = 0; c < din; c++) {
                    out[row + c] += delta[r] * aIn[c];
                }
            }
            if (j > 0) {
                double[] prev = new double[din];
                for (int r = 0; r < delta.length; r++) {
                    int row = w + r * din;
                    for (int c = 0; c < din; c++) {
                        prev[c] += theta[row + c] * delta[r];
                    }
                }
                for (int c = 0; c < din; c++) {
                    prev[c] *= activation.slope(z[j - 1][c]);
                }
                delta = prev;
            }
        }
    }

    double[] activate(double[] z) {
        double[] a = new double[z.length];
        for (int r = 0; r < z.length; r++) {
            a[r] = activation.apply(z[r]);
        }
        return a;
    }

    void checkShapes(double[] theta, Dataset data) {
        if (theta.length != parameterCount) {
            throw new IllegalArgumentException("cells network: θ has " + theta.length + " entries, expected " + parameterCount);
        }
        if (data.inputDim() != widths[0] || data.outputDim() != widths[widths.length - 1]) {
            throw new IllegalArgumentException("cells network " + Arrays.toString(widths) + ": data " + data.name()
                    + " has d_X=" + data.inputDim() + ", d_Y=" + data.outputDim());
        }
    }

    /** R̂(θ) and the pattern Π(θ). */
    public record Evaluation(double risk, ActivationPattern pattern) {
    }

    /** R̂(θ) and ∇R̂(θ). */
    public record RiskGradient(double risk, double[] gradient) {
        public double gradientNorm() {
            return Vectors.norm(gradient);
        }
    }
}
