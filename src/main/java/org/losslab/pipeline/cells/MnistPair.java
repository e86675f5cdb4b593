package org.losslab.pipeline.cells;

import java.util.ArrayList;
import java.util.List;
import org.losslab.cells.Dataset;
import org.losslab.training.PreparedData;

/** A two-class subset of the prepared MNIST inputs with targets ±1 (one output column): the first {@code count} such training digits. */
final class MnistPair {

    private MnistPair() {
    }

    static Dataset subset(PreparedData d, List<Integer> classes, int count) {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int i = 0; i < d.trainCount() && xs.size() < count; i++) {
            int label = d.trainY()[i];
            if (label == classes.get(0) || label == classes.get(1)) {
                double[] x = new double[d.features()];
                for (int j = 0; j < x.length; j++) {
                    x[j] = d.trainX()[i * d.features() + j];
                }
                xs.add(x);
                ys.add(new double[] {label == classes.get(0) ? 1.0 : -1.0});
            }
        }
        return Dataset.of("mnist-" + classes.get(0) + "v" + classes.get(1), xs.toArray(double[][]::new),
                ys.toArray(double[][]::new));
    }
}
