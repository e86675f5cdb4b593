package org.losslab.training.batched;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.data.MnistSource;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.PreparedData;

/** Small slices of the bundled 10k MNIST set, downsampled to 10x10, and specs for the batched tests. */
final class BatchedFixtures {

    static final long SEED = 20150101L;
    private static PreparedData full;

    private BatchedFixtures() {
    }

    /** The first {@code train} training and {@code test} test images of data/mnist-10k (8000/2000 split). */
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

    static TrainingSpec spec(int hiddenLayers, String order, int batch, double lr, double initScale) {
        return new TrainingSpec(List.of(25, 50, 100, 250, 500), hiddenLayers, "relu", 1000, 200, batch, lr, 0.95,
                "uniform", initScale, order, 8);
    }
}
