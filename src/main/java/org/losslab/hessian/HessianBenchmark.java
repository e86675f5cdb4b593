package org.losslab.hessian;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.losslab.Seeds;
import org.losslab.training.ParameterInit;

/**
 * What the Hessian kernels cost, per CPU second of the calling thread (the machine is shared, so wall
 * time says little; with OMP_NUM_THREADS=1 the BLAS runs on the calling thread): Hessian-vector
 * products per second at a width, and the seconds of a dense Hessian with its eigenvalues. Parameters
 * are the paper's U[−1, 1] initialization; the cost does not depend on their values.
 */
public final class HessianBenchmark {

    /** @param hvpsPerSecond single products per CPU second; @param blockHvpsPerSecond in blocks of {@code block} */
    public record HvpRate(int width, int parameters, int rows, double hvpsPerSecond, int block,
                          double blockHvpsPerSecond) {
    }

    /** @param buildSeconds CPU seconds of the matrix; @param eigenSeconds of its eigenvalues */
    public record DenseCost(int width, int parameters, int rows, double buildSeconds, double eigenSeconds) {
    }

    private HessianBenchmark() {
    }

    public static HvpRate hvpRate(TrainingSet data, int hiddenLayers, int width, int products, int block) {
        MlpShape shape = MlpShape.of(data.features(), hiddenLayers, width);
        double[] theta = parameters(shape);
        try (HessianVectorProducts hvp = new HessianVectorProducts(shape, theta, data)) {
            double[][] v = new double[block][];
            double[][] out = new double[block][theta.length];
            SplittableRandom r = new SplittableRandom(Seeds.derive(1, "hessian-bench", width));
            for (int k = 0; k < block; k++) {
                v[k] = r.doubles(theta.length, -1, 1).toArray();
            }
            hvp.apply(v[0]);
            long t = cpuNanos();
            for (int i = 0; i < products; i++) {
                hvp.apply(new double[][] {v[0]}, new double[][] {out[0]});
            }
            double single = products / ((cpuNanos() - t) / 1e9);
            t = cpuNanos();
            int blocks = Math.max(1, products / block);
            for (int i = 0; i < blocks; i++) {
                hvp.apply(v, out);
            }
            double blocked = (double) blocks * block / ((cpuNanos() - t) / 1e9);
            return new HvpRate(width, theta.length, data.rows(), single, block, blocked);
        }
    }

    public static DenseCost denseCost(TrainingSet data, int hiddenLayers, int width) {
        MlpShape shape = MlpShape.of(data.features(), hiddenLayers, width);
        double[] theta = parameters(shape);
        long t = cpuNanos();
        try (DenseHessian h = DenseHessian.compute(shape, theta, data)) {
            double build = (cpuNanos() - t) / 1e9;
            t = cpuNanos();
            h.eigenvalues();
            return new DenseCost(width, theta.length, data.rows(), build, (cpuNanos() - t) / 1e9);
        }
    }

    private static double[] parameters(MlpShape shape) {
        float[] f = ParameterInit.draw(shape.sizes(), "uniform", 1.0, Seeds.derive(1, "hessian-bench-init"));
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static long cpuNanos() {
        var bean = ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
