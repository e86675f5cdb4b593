package org.losslab.spec;

import java.util.List;

/**
 * The {@code training:} section (science.md §A.5.2): a fully connected network
 * input → hidden_layers × n1 → 10 for each n1 in {@code hiddenWidths}, {@code restarts}
 * initializations each, trained by minibatch SGD with a learning rate decaying per epoch.
 * {@code trainer: batched} trains a partition's restarts together as one vectorized model (the
 * default: tens of times faster); {@code dl4j} trains them one at a time with DL4J's
 * MultiLayerNetwork (the reference). Parameters agree to ~1e-7 relative, not bit for bit, so
 * {@code params_sha256} is comparable only between runs with the same trainer and block size.
 * {@code trainer: annealing} (one hidden layer only) trains each run by simulated annealing on its full-batch
 * training loss instead (science.md §A.5.3): {@code epochs} sweeps from T_0 = {@code anneal_t0} down to 0, proposal
 * scale {@code anneal_step_scale}, on the first {@code anneal_rows} training rows (0: all).
 */
public record TrainingSpec(
        List<Integer> hiddenWidths,
        int hiddenLayers,
        String activation,
        int restarts,
        int epochs,
        int batchSize,
        double learningRate,
        double lrDecay,
        String init,
        double initScale,
        String dataOrder,
        int blockSize,
        String trainer,
        double annealT0,
        double annealStepScale,
        int annealRows) {

    public static final String ANNEALING = "annealing";

    /** Largest hidden width accepted at all; memory is checked separately. */
    public static final long MAX_WIDTH = 1_000_000;

    static TrainingSpec read(SpecTree t) {
        List<Integer> widths = t.integers("training.hidden_widths", null, 1, MAX_WIDTH)
                .stream().map(Long::intValue).toList();
        String trainer = t.choice("training.trainer", "batched", "batched", "dl4j", ANNEALING);
        int layers = (int) t.integer("training.hidden_layers", 1L, 1, 8);
        if (ANNEALING.equals(trainer) && layers != 1) {
            throw t.error("training.trainer", "annealing trains one hidden layer only, not hidden_layers " + layers);
        }
        return new TrainingSpec(
                widths,
                layers,
                t.choice("training.activation", "relu", "relu"),
                (int) t.integer("training.restarts", null, 1, 1_000_000),
                (int) t.integer("training.epochs", null, 1, 100_000),
                (int) t.integer("training.batch_size", 100L, 1, 1_000_000),
                t.number("training.learning_rate", null, 1e-12, 1e6),
                t.number("training.lr_decay", 1.0, 1e-6, 1.0),
                t.choice("training.init", "uniform", "uniform", "uniform_fan_in"),
                t.number("training.init_scale", 1.0, 1e-12, 1e30),
                t.choice("training.data_order", "independent", "independent", "shared"),
                t.has("training.block_size") && "auto".equals(t.lookup("training.block_size"))
                        ? autoBlock(t) : (int) t.integer("training.block_size", 8L, 1, 1_000_000),
                trainer,
                t.number("training.anneal_t0", 1e-3, 1e-12, 1e6),
                t.number("training.anneal_step_scale", 0.3, 1e-9, 1e3),
                (int) t.integer("training.anneal_rows", 0L, 0, 100_000_000));
    }

    /** A spec for a trainer other than annealing (programmatic use; the annealing keys at their defaults). */
    public TrainingSpec(List<Integer> hiddenWidths, int hiddenLayers, String activation, int restarts, int epochs,
                        int batchSize, double learningRate, double lrDecay, String init, double initScale,
                        String dataOrder, int blockSize, String trainer) {
        this(hiddenWidths, hiddenLayers, activation, restarts, epochs, batchSize, learningRate, lrDecay, init,
                initScale, dataOrder, blockSize, trainer, 1e-3, 0.3, 0);
    }

    /** A spec for the batched trainer (programmatic use, e.g. the benchmark). */
    public TrainingSpec(List<Integer> hiddenWidths, int hiddenLayers, String activation, int restarts, int epochs,
                        int batchSize, double learningRate, double lrDecay, String init, double initScale,
                        String dataOrder, int blockSize) {
        this(hiddenWidths, hiddenLayers, activation, restarts, epochs, batchSize, learningRate, lrDecay, init,
                initScale, dataOrder, blockSize, "batched");
    }

    /** {@code block_size: auto}: as many restarts per partition as memory allows (0 here). */
    private static int autoBlock(SpecTree t) {
        t.string("training.block_size", null);
        return AUTO_BLOCK;
    }

    public static final int AUTO_BLOCK = 0;

    /** Learning rate of epoch {@code e} (0-based): lr · decay^e. */
    public double learningRate(int epoch) {
        return learningRate * Math.pow(lrDecay, epoch);
    }

    /** Layer sizes input, n1 (× hidden layers), 10. */
    public int[] layerSizes(int inputSize, int width) {
        int[] sizes = new int[hiddenLayers + 2];
        sizes[0] = inputSize;
        for (int i = 1; i <= hiddenLayers; i++) {
            sizes[i] = width;
        }
        sizes[hiddenLayers + 1] = 10;
        return sizes;
    }
}
