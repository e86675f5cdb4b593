package org.losslab.bench;

/**
 * The ceiling of {@code sweep_hours_mnist_full}: the sweep's useful floating-point work with every product
 * at SGEMM's measured speed at the trainer's first-layer calls and all elementwise work (ReLU, softmax,
 * losses, copies) free. The first-layer forward products (training and evaluation) run at the rate of a
 * training step's forward calls ({@code 100 × 101 · 101 × 2,500} per chunk, or per feature-major group), the
 * first-layer weight gradients at that of its gradient calls (the transposed input, accumulating), and the
 * output layer's products at the forward rate too: the
 * trainer does them as K small products per batch ({@code 100 × n · n × 10}), which SGEMM runs far
 * slower, so this is a lower bound on the hours, not an estimate. If it exceeds a target, no work on the
 * elementwise kernels can meet it with batch-100 products on that machine and OpenBLAS kernel.
 */
final class SgemmBound {

    private static final int F1 = 101;
    private static final int C = 10;

    private SgemmBound() {
    }

    /**
     * Seconds of one network's sweep on the standard split (200 epochs on 60,000 training images, the 10,000
     * test images every epoch, the training set {@code trainEvaluations} times) at these SGEMM rates (GFLOP/s).
     */
    static double networkSeconds(int width, double forwardGflops, double gradientGflops, long trainEvaluations) {
        double trained = (double) Workload.SWEEP_EPOCHS * SweepProjection.FULL_TRAIN;
        double evaluated = (double) Workload.SWEEP_EPOCHS * SweepProjection.FULL_TEST
                + trainEvaluations * (double) SweepProjection.FULL_TRAIN;
        double[] f = flops(width, trained, evaluated);
        return (f[0] + f[2]) / (forwardGflops * 1e9) + f[1] / (gradientGflops * 1e9);
    }

    /**
     * {@code [first-layer forward, first-layer weight gradient, output layer]} flops of {@code trained} training
     * and {@code evaluated} evaluated examples of one network with one hidden layer of n1 = width.
     */
    static double[] flops(int width, double trained, double evaluated) {
        double forward = 2.0 * F1 * width * (trained + evaluated);
        double gradient = 2.0 * F1 * width * trained;
        double output = 6.0 * width * C * trained + 2.0 * width * C * evaluated;
        return new double[] {forward, gradient, output};
    }
}
