package org.losslab.pipeline.regions;

import java.util.ArrayList;
import java.util.List;
import org.losslab.BadInputException;
import org.losslab.regions.RegionNetworks;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.spec.TrainingSpec;

/**
 * Refuses a regions section (science.md §C.4) whose largest network cannot be trained or sampled in
 * memory, before anything is allocated or written (exit 2). Per partition thread, off-heap (ND4J):
 * the parameters (with gradients, Adam state and checkpoint copies while the regions stage trains
 * them) and the largest activation batch (sampling {@code batch_size} rows, training
 * {@code train_batch_size} rows, evaluation 1000 rows; LeNet adds its im2col buffers); on the heap:
 * the classified pieces of a batch, the region accumulators (exact counts per unit and per datum
 * histogram, twice with the census of training images, twice again while serialised) and the
 * pattern census (one map entry per datum and layer at worst). The message names the key whose term
 * dominates.
 */
public final class RegionsMemory {

    private static final long GIB = 1L << 30;
    private static final int EVAL_ROWS = 1000;
    private static final long CENSUS_ENTRY_BYTES = 128;
    private static final int[] LENET_UNITS = {6 * 28 * 28, 16 * 10 * 10, 120, 84};
    private static final long LENET_PARAMS = 6 * 26 + 16 * 151 + 400 * 120 + 120 + 120 * 84 + 84 + 84 * 10 + 10;
    private static final long LENET_IM2COL_PER_ROW = 28 * 28 * 25 + 10 * 10 * 150;

    /** One network kind of the grid: what dominates its memory, and the spec key that sets it. */
    record Network(String name, String sizeKey, long params, long units, int layers, int inputDim, long im2colPerRow,
                   boolean trainsHere, int pieces) {
    }

    private RegionsMemory() {
    }

    public static void check(JobSpec spec, int threads) {
        RegionsSpec r = spec.regions();
        if (r == null) {
            return;
        }
        long offHeapLimit = org.losslab.training.TrainingMemory.offHeapLimit();
        long heapLimit = Runtime.getRuntime().maxMemory();
        for (Network n : networks(spec)) {
            long[] need = need(r, n);
            long params = need[0];
            long[] batches = {need[1], need[2], need[3]};
            String[] batchKeys = {"regions.batch_size=" + r.batchSize(), "regions.train_batch_size=" + r.trainBatchSize(),
                    n.sizeKey()};
            int worst = batches[0] >= batches[1] && batches[0] >= batches[2] ? 0 : batches[1] >= batches[2] ? 1 : 2;
            long offHeap = params + batches[worst];
            long pieces = need[4];
            long accumulators = need[5];
            long census = need[6];
            long heap = pieces + accumulators + census;
            String key = params >= batches[worst] ? n.sizeKey() : batchKeys[worst];
            refuse(key, n, threads, offHeap * threads, offHeapLimit, params, batches[worst], heap,
                    "ND4J may allocate only", "-Dorg.bytedeco.javacpp.maxbytes");
            String heapKey = census >= accumulators && census >= pieces
                    ? (r.inputCount() >= r.censusTrainCount() ? "regions.input_count=" + r.inputCount()
                    : "regions.census_train_count=" + r.censusTrainCount())
                    : pieces > accumulators ? "regions.batch_size=" + r.batchSize() : n.sizeKey();
            refuse(heapKey, n, threads, heap * threads, heapLimit, params, batches[worst], heap,
                    "the Java heap holds only", "-Xmx");
        }
    }

    /**
     * Bytes per partition thread of a network kind: {parameters, sampling batch, training batch, evaluation
     * batch, classified pieces, accumulators, census}; off-heap is the parameters plus the largest batch.
     */
    static long[] need(RegionsSpec r, Network n) {
        return new long[] {
                4 * n.params() * (n.trainsHere() ? 8 : 3),
                4L * r.batchSize() * (3 * n.units() + 2L * n.inputDim() + n.im2colPerRow()),
                n.trainsHere() ? 4L * r.trainBatchSize() * (4 * n.units() + n.inputDim() + 2 * n.im2colPerRow()) : 0,
                4L * EVAL_ROWS * (2 * n.units() + n.inputDim() + n.im2colPerRow()),
                5L * r.batchSize() * n.units() + 8L * r.batchSize() * n.inputDim(),
                4 * 24 * n.units() * n.pieces(),
                CENSUS_ENTRY_BYTES * n.layers() * ((long) r.inputCount() + r.censusTrainCount())
                        + 16L * n.pieces() * n.layers() * (r.inputCount() + 1L)};
    }

    /** Peak bytes per partition thread of a network kind: parameters, its largest batch, and the heap terms. */
    static long peakBytes(RegionsSpec r, Network n) {
        long[] need = need(r, n);
        return need[0] + Math.max(need[1], Math.max(need[2], need[3])) + need[4] + need[5] + need[6];
    }

    private static void refuse(String key, Network n, int threads, long need, long limit, long params, long batch,
                               long heap, String what, String option) {
        if (need <= limit) {
            return;
        }
        throw new BadInputException(String.format("%s: the regions network %s needs about %.1f GiB per partition "
                + "thread (parameters%s %.1f GiB, activation batch %.1f GiB, pieces, accumulators and census %.1f GiB); "
                + "%d threads need about %.1f GiB, but %s %.1f GiB (lower %s, or raise %s)", key, n.name(),
                (params + batch + heap) / (double) GIB, n.trainsHere() ? " with Adam state" : "", params / (double) GIB,
                batch / (double) GIB, heap / (double) GIB, threads, need / (double) GIB, what, limit / (double) GIB,
                key.substring(0, key.indexOf('=')), option));
    }

    /** The network kinds of the spec's grid, each at its largest. */
    static List<Network> networks(JobSpec spec) {
        RegionsSpec r = spec.regions();
        boolean trained = r.states().contains(RegionsSpec.TRAINED);
        int pieces = r.activations().stream().mapToInt(a -> RegionsSpec.activation(a).pieces()).max().orElse(2);
        List<Network> out = new ArrayList<>();
        if (r.architectures().contains("mlp")) {
            List<Integer> w = r.mlpWidths();
            long params = 0;
            long units = 0;
            int in = RegionNetworks.MNIST_PIXELS;
            for (int width : w) {
                params += (long) in * width + width;
                units += width;
                in = width;
            }
            params += (long) in * RegionNetworks.MNIST_CLASSES + RegionNetworks.MNIST_CLASSES;
            out.add(new Network("mlp " + w, "regions.mlp_widths=" + w, params, units, w.size(),
                    RegionNetworks.MNIST_PIXELS, 0, trained, pieces));
        }
        if (r.architectures().contains("lenet")) {
            long units = 0;
            for (int u : LENET_UNITS) {
                units += u;
            }
            out.add(new Network("lenet5", "regions.batch_size=" + r.batchSize(), LENET_PARAMS, units,
                    LENET_UNITS.length, RegionNetworks.MNIST_PIXELS, LENET_IM2COL_PER_ROW, trained, pieces));
        }
        TrainingSpec t = spec.training();
        if (r.samplesChoromanska() && t != null) {
            int i = 0;
            for (int k = 1; k < t.hiddenWidths().size(); k++) {
                i = t.hiddenWidths().get(k) > t.hiddenWidths().get(i) ? k : i;
            }
            int width = t.hiddenWidths().get(i);
            int[] sizes = t.layerSizes(spec.data().inputSize(), width);
            long params = org.losslab.training.ParameterInit.parameterCountExact(sizes);
            out.add(new Network("choromanska n1=" + width, "training.hidden_widths[" + i + "]=" + width, params,
                    (long) width * t.hiddenLayers(), t.hiddenLayers(), spec.data().inputSize(), 0, false, 2));
        }
        return out;
    }
}
