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
 * {@code trainer} may also list trainers, e.g. {@code [batched, annealing]} (at most one SGD trainer): each run of
 * width × restart is then trained by each, in one execution, the trainer part of the run's key; annealing only for
 * the widths {@code anneal_widths} and the first {@code anneal_restarts} restarts (default and at most: all), and the F6
 * comparison of the two at the equivalence margin {@code anneal_margin} (science.md §E.3).
 * {@code cells_visited: {runs, subset}} takes the cells-visited census (science.md §C.4.1, F12) of {@code runs} runs
 * per width (drawn by seed, at most all) at every epoch, on the first {@code subset} training rows; absent: none.
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
        List<String> trainers,
        int evaluateTrainEvery,
        double annealT0,
        double annealStepScale,
        int annealRows,
        List<Integer> annealWidths,
        int annealRestarts,
        double annealMargin,
        int visitedRuns,
        int visitedSubset) {

    public static final String ANNEALING = "annealing";
    /** Default of {@code anneal_margin}: equivalence margin of F6 in mean cross-entropy (nats), science.md §E.3. */
    public static final double DEFAULT_ANNEAL_MARGIN = 0.05;

    /** Largest hidden width accepted at all; memory is checked separately. */
    public static final long MAX_WIDTH = 1_000_000;

    static TrainingSpec read(SpecTree t) {
        List<Integer> widths = t.distinct("training.hidden_widths", t.integers("training.hidden_widths", null, 1, MAX_WIDTH)
                .stream().map(Long::intValue).toList());
        List<String> trainers = t.choices("training.trainer", "batched", "batched", "dl4j", ANNEALING);
        if (trainers.contains("batched") && trainers.contains("dl4j")) {
            throw t.error("training.trainer", "may name at most one SGD trainer (batched or dl4j), not both");
        }
        int layers = (int) t.integer("training.hidden_layers", 1L, 1, 8);
        if (trainers.contains(ANNEALING) && layers != 1) {
            throw t.error("training.trainer", "annealing trains one hidden layer only, not hidden_layers " + layers);
        }
        int restarts = (int) t.integer("training.restarts", null, 1, 1_000_000);
        List<Integer> annealWidths = widths;
        if (t.has("training.anneal_widths")) {
            annealWidths = t.distinct("training.anneal_widths", t.integers("training.anneal_widths", null, 1, MAX_WIDTH)
                    .stream().map(Long::intValue).toList());
            for (int w : annealWidths) {
                if (trainers.contains(ANNEALING) && !widths.contains(w)) {
                    throw t.error("training.anneal_widths", "names " + w + ", which is not in hidden_widths " + widths);
                }
            }
        }
        boolean census = t.has("training.cells_visited");
        return new TrainingSpec(
                widths,
                layers,
                t.choice("training.activation", "relu", "relu"),
                restarts,
                (int) t.integer("training.epochs", null, 1, 100_000),
                (int) t.integer("training.batch_size", 100L, 1, 1_000_000),
                t.number("training.learning_rate", null, 1e-12, 1e6),
                t.number("training.lr_decay", 1.0, 1e-6, 1.0),
                t.choice("training.init", "uniform", "uniform", "uniform_fan_in"),
                t.number("training.init_scale", 1.0, 1e-12, 1e30),
                t.choice("training.data_order", "independent", "independent", "shared"),
                t.has("training.block_size") && "auto".equals(t.lookup("training.block_size"))
                        ? autoBlock(t) : (int) t.integer("training.block_size", 8L, 1, 1_000_000),
                trainers,
                (int) t.integer("training.evaluate_train_every", (long) DEFAULT_EVALUATE_TRAIN_EVERY, 1, 100_000),
                t.number("training.anneal_t0", 1e-3, 1e-12, 1e6),
                t.number("training.anneal_step_scale", 0.3, 1e-9, 1e3),
                (int) t.integer("training.anneal_rows", 0L, 0, 100_000_000),
                annealWidths,
                (int) Math.min(restarts, t.integer("training.anneal_restarts", (long) restarts, 1, 1_000_000)),
                t.number("training.anneal_margin", DEFAULT_ANNEAL_MARGIN, 1e-9, 100.0),
                census ? (int) Math.min(restarts, t.integer("training.cells_visited.runs", null, 1, 1_000_000)) : 0,
                census ? (int) t.integer("training.cells_visited.subset", 1000L, 1, 10_000_000) : 0);
    }

    /**
     * A spec for the batched trainer (programmatic use, e.g. the benchmark), evaluating the training loss
     * after every epoch.
     */
    public TrainingSpec(List<Integer> hiddenWidths, int hiddenLayers, String activation, int restarts, int epochs,
                        int batchSize, double learningRate, double lrDecay, String init, double initScale,
                        String dataOrder, int blockSize) {
        this(hiddenWidths, hiddenLayers, activation, restarts, epochs, batchSize, learningRate, lrDecay, init,
                initScale, dataOrder, blockSize, "batched");
    }

    /** A spec evaluating the training loss after every epoch, annealing keys at their defaults (programmatic use, e.g. tests). */
    public TrainingSpec(List<Integer> hiddenWidths, int hiddenLayers, String activation, int restarts, int epochs,
                        int batchSize, double learningRate, double lrDecay, String init, double initScale,
                        String dataOrder, int blockSize, String trainer) {
        this(hiddenWidths, hiddenLayers, activation, restarts, epochs, batchSize, learningRate, lrDecay, init,
                initScale, dataOrder, blockSize, trainer, 1);
    }

    /** A spec with the annealing keys at their defaults (programmatic use, e.g. tests). */
    public TrainingSpec(List<Integer> hiddenWidths, int hiddenLayers, String activation, int restarts, int epochs,
                        int batchSize, double learningRate, double lrDecay, String init, double initScale,
                        String dataOrder, int blockSize, String trainer, int evaluateTrainEvery) {
        this(hiddenWidths, hiddenLayers, activation, restarts, epochs, batchSize, learningRate, lrDecay, init,
                initScale, dataOrder, blockSize, List.of(trainer), evaluateTrainEvery, 1e-3, 0.3, 0, hiddenWidths,
                restarts, DEFAULT_ANNEAL_MARGIN, 0, 0);
    }

    /** The first trainer listed (the only one of a scalar {@code trainer}). */
    public String trainer() {
        return trainers.get(0);
    }

    /** The SGD trainer listed (batched or dl4j), or null if the section only anneals. */
    public String sgdTrainer() {
        return trainers.stream().filter(x -> !ANNEALING.equals(x)).findFirst().orElse(null);
    }

    /** Whether the run keys carry their trainer: with more than one trainer listed. */
    public boolean keysByTrainer() {
        return trainers.size() > 1;
    }

    /** Restarts {@code trainer} trains at hidden width {@code width}: all, or annealing's share of them. */
    public int restartsOf(String trainer, int width) {
        if (!ANNEALING.equals(trainer)) {
            return restarts;
        }
        return annealWidths.contains(width) ? annealRestarts : 0;
    }

    /** The same spec with the training loss evaluated every {@code every} epochs. */
    public TrainingSpec withEvaluateTrainEvery(int every) {
        return new TrainingSpec(hiddenWidths, hiddenLayers, activation, restarts, epochs, batchSize, learningRate,
                lrDecay, init, initScale, dataOrder, blockSize, trainers, every, annealT0, annealStepScale, annealRows,
                annealWidths, annealRestarts, annealMargin, visitedRuns, visitedSubset);
    }

    /**
     * Default of {@code training.evaluate_train_every}: on the standard split the training-set loss of every
     * epoch would be about a third of the sweep's work; every tenth epoch costs about 3 %, and the final
     * losses the findings use are always exact (docs/performance.md, evaluation cadence).
     */
    public static final int DEFAULT_EVALUATE_TRAIN_EVERY = 10;

    /**
     * Whether the loss on the full training set is evaluated after {@code epochsDone} epochs: every
     * {@code evaluateTrainEvery} epochs (counted from the start, so a resumed run keeps the same cadence)
     * and always after the last epoch.
     */
    public boolean evaluatesTrainAfter(int epochsDone) {
        return epochsDone % evaluateTrainEvery == 0 || epochsDone >= epochs;
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
