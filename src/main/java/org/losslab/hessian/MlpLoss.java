package org.losslab.hessian;

/**
 * The training loss of a network exactly as the trainers define it (mean softmax cross-entropy over
 * the run's training rows, from the logits with a stable log-sum-exp, as {@code LossEvaluator} does),
 * and its gradient, in double precision: chunked forward and backward passes whose products are DGEMMs.
 */
public final class MlpLoss {

    /** Rows per chunk: bounds the work buffers to a few times 4096 × width doubles. */
    static final int CHUNK_ROWS = 4096;

    /** The loss, its gradient and the gradient's Euclidean norm. */
    public record Value(double loss, double[] gradient) {

        public double gradientNorm() {
            double s = 0;
            for (double g : gradient) {
                s += g * g;
            }
            return Math.sqrt(s);
        }
    }

    private MlpLoss() {
    }

    public static double loss(MlpShape shape, double[] theta, TrainingSet data) {
        return evaluate(shape, theta, data, false).loss();
    }

    public static Value lossAndGradient(MlpShape shape, double[] theta, TrainingSet data) {
        return evaluate(shape, theta, data, true);
    }

    private static Value evaluate(MlpShape shape, double[] theta, TrainingSet data, boolean gradient) {
        checkLength(shape, theta);
        int n = data.rows();
        try (DoubleBlock t = DoubleBlock.of(theta);
             DoubleBlock g = new DoubleBlock(theta.length);
             ChunkPass pass = new ChunkPass(shape, data, Math.min(CHUNK_ROWS, n))) {
            double sum = 0;
            for (int start = 0; start < n; start += pass.capacity) {
                int rows = Math.min(pass.capacity, n - start);
                sum += pass.forward(t, start, rows);
                if (gradient) {
                    pass.backward(t);
                    pass.addGradient(g);
                }
            }
            double[] grad = new double[theta.length];
            g.copyTo(0, grad, 0, grad.length);
            return new Value(sum / n, grad);
        }
    }

    static void checkLength(MlpShape shape, double[] v) {
        if (v.length != shape.parameterCount()) {
            throw new IllegalArgumentException("a vector of " + v.length + " values for a network of "
                    + shape.parameterCount() + " parameters");
        }
    }
}
