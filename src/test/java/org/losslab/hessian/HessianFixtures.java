package org.losslab.hessian;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.data.MnistSource;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.EpochResult;
import org.losslab.training.PreparedData;

/** Small slices of the bundled MNIST set (10×10) and networks trained on them by the reference trainer. */
final class HessianFixtures {

    static final long SEED = 20150101L;
    private static PreparedData full;

    private HessianFixtures() {
    }

    /** The first {@code train} training and {@code test} test images of data/mnist-10k. */
    static synchronized PreparedData data(int train, int test) {
        if (full == null) {
            MnistData d = MnistSource.load(Path.of("data/mnist-10k"));
            full = new PreparedData(Features.downsampled(d.train(), 10, 10).data(), Features.labels(d.train()),
                    Features.downsampled(d.test(), 10, 10).data(), Features.labels(d.test()), 100, d.checksum());
        }
        int f = full.features();
        return new PreparedData(Arrays.copyOf(full.trainX(), train * f), Arrays.copyOf(full.trainY(), train),
                Arrays.copyOf(full.testX(), test * f), Arrays.copyOf(full.testY(), test), f, full.checksum());
    }

    static TrainingSpec spec(int hiddenLayers, String trainer) {
        return new TrainingSpec(List.of(4), hiddenLayers, "relu", 10, 200, 100, 0.1, 0.95, "uniform", 1.0,
                "independent", 4, trainer);
    }

    /** A network trained by DL4J for some epochs: its stored parameters and the last epoch's report. */
    record Trained(MlpShape shape, byte[] params, EpochResult last) {

        double[] theta() {
            return shape.decode(params);
        }
    }

    static Trained trained(PreparedData data, int hiddenLayers, int width, int restart, int epochs) {
        TrainingSpec spec = spec(hiddenLayers, "dl4j");
        Dl4jRunTrainer t = new Dl4jRunTrainer(spec, data, SEED, width, restart);
        EpochResult last = null;
        for (int e = 0; e < epochs; e++) {
            last = t.trainEpoch();
        }
        return new Trained(MlpShape.of(data.features(), hiddenLayers, width), t.parameterBytes(), last);
    }

    /** A unit vector with normal entries from {@code seed}. */
    static double[] unitVector(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            v[i] = gaussian(r);
            s += v[i] * v[i];
        }
        double norm = Math.sqrt(s);
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    static double[] axpy(double[] x, double a, double[] v) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += a * v[i];
        }
        return out;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** ‖a − b‖ / ‖b‖. */
    static double relativeError(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(d) / norm(b);
    }
}
