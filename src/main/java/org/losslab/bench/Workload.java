package org.losslab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.data.MnistSource;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.PreparedData;

/**
 * What the benchmark trains: the Choromanska sweep's networks (one hidden ReLU layer, batch 100,
 * 10×10 MNIST) at the measured widths, and the full sweep the projection is for.
 */
final class Workload {

    static final int[] WIDTHS = {25, 100, 500};
    static final int[] SWEEP_WIDTHS = {25, 50, 100, 250, 500};
    static final int SWEEP_RESTARTS = 1000;
    /** Restarts per partition in jobs/choromanska2015.yaml. */
    static final int SWEEP_BLOCK = 250;
    static final int SWEEP_EPOCHS = 200;
    static final int SWEEP_TRAIN = 8000;
    static final int SWEEP_TEST = 2000;
    static final int BATCH = 100;

    private Workload() {
    }

    static TrainingSpec spec(int width, int restarts) {
        return spec(width, restarts, "shared");
    }

    static TrainingSpec spec(int width, int restarts, String order) {
        return new TrainingSpec(List.of(width), 1, "relu", restarts, SWEEP_EPOCHS, BATCH, 0.1, 0.95, "uniform", 1.0,
                order, restarts);
    }

    /**
     * The first {@code train}/{@code test} images of the MNIST set in {@code dir}, downsampled to 10×10;
     * uniform noise of the same shape when there is no such directory (throughput does not depend on content).
     */
    static PreparedData data(Path dir, int train, int test) {
        if (dir != null && Files.isDirectory(dir)) {
            MnistData d = MnistSource.load(dir);
            float[] tx = Features.downsampled(d.train(), 10, 10).data();
            float[] sx = Features.downsampled(d.test(), 10, 10).data();
            int[] ty = Features.labels(d.train());
            int[] sy = Features.labels(d.test());
            return new PreparedData(Arrays.copyOf(tx, Math.min(train, ty.length) * 100),
                    Arrays.copyOf(ty, Math.min(train, ty.length)), Arrays.copyOf(sx, Math.min(test, sy.length) * 100),
                    Arrays.copyOf(sy, Math.min(test, sy.length)), 100, d.checksum());
        }
        SplittableRandom rng = new SplittableRandom(1);
        float[] tx = new float[train * 100];
        float[] sx = new float[test * 100];
        for (int i = 0; i < tx.length; i++) {
            tx[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < sx.length; i++) {
            sx[i] = (float) rng.nextDouble();
        }
        return new PreparedData(tx, rng.ints(train, 0, 10).toArray(), sx, rng.ints(test, 0, 10).toArray(), 100,
                "synthetic");
    }

    /** data/mnist-10k under the working directory, else under {@code $LOSSLAB_HOME}. */
    static Path locateData() {
        Path p = Path.of("data/mnist-10k");
        String home = System.getenv("LOSSLAB_HOME");
        if (!Files.isDirectory(p) && home != null) {
            p = Path.of(home).resolve("data/mnist-10k");
        }
        return p;
    }
}
