package org.losslab.regions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Minibatch training of a {@link RegionNetworks} network (the "trained" level of the §C.4 grid).
 * The updater (Adam 1e−3 by default) is part of the network's configuration. Epoch e visits the
 * training rows in the order of a Fisher–Yates shuffle seeded by
 * {@code Seeds.derive(seed, "data-order", e)}, so any epoch can be replayed on its own.
 * One network per thread (training in shared thread pools has run out of off-heap memory, DL4J issue #4098): this class holds no state.
 */
public final class NetworkTrainer {

    /** Training settings; §C.4 DEFAULT is about 10 epochs. */
    public record Options(int epochs, int batchSize, long seed) {
        public Options {
            if (epochs < 0) {
                throw new IllegalArgumentException("epochs: must be >= 0, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size: must be >= 1, got " + batchSize);
            }
        }
    }

    /** Mean training loss per epoch (mean of the minibatch scores) and the final test accuracy. */
    public record Report(List<Double> epochLoss, double testAccuracy, long testSize) {
    }

    private NetworkTrainer() {
    }

    /** Trains {@code net} in place and evaluates it on {@code test} (may be null: accuracy NaN). */
    public static Report train(MultiLayerNetwork net, PlainDataset train, PlainDataset test, Options options) {
        int classes = (int) net.getLayer(net.getnLayers() - 1).getParam("W").size(1);
        DataType type = net.params().dataType();
        int n = train.size();
        List<Double> losses = new ArrayList<>();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            int[] order = shuffled(n, Seeds.derive(options.seed(), "data-order", epoch));
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += options.batchSize()) {
                int to = Math.min(n, from + options.batchSize());
                INDArray x = train.rows(order, from, to, type);
                INDArray y = train.oneHot(order, from, to, classes, type);
                net.fit(x, y);
                sum += net.score();
                batches++;
            }
            losses.add(batches == 0 ? Double.NaN : sum / batches);
        }
        double accuracy = test == null ? Double.NaN : accuracy(net, test, 1000);
        return new Report(losses, accuracy, test == null ? 0 : test.size());
    }

    /** Fraction of rows whose arg-max output equals the label, evaluated in batches. */
    public static double accuracy(MultiLayerNetwork net, PlainDataset data, int batchSize) {
        if (data.labels() == null) {
            throw new IllegalArgumentException("accuracy: the dataset has no labels");
        }
        DataType type = net.params().dataType();
        long correct = 0;
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(data.size(), from + batchSize);
            INDArray out = net.output(data.rows(from, to, type), false);
            long[] predicted = out.argMax(1).toLongVector();
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == data.labels()[from + i]) {
                    correct++;
                }
            }
        }
        return data.size() == 0 ? Double.NaN : (double) correct / data.size();
    }

    static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
