package org.losslab.training.batched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Checkpoint;
import org.losslab.training.EpochOrder;
import org.losslab.training.EpochResult;
import org.losslab.training.ParameterInit;
import org.losslab.training.PreparedData;

/**
 * Trains K networks of one shape (features → width × hiddenLayers → 10, ReLU, softmax cross-entropy,
 * plain SGD) at once, one epoch per {@link #trainEpoch()} call. The training is the same as
 * {@link org.losslab.training.Dl4jRunTrainer}'s for each network: parameters from
 * {@link ParameterInit} with the run's seed, the epoch's permutation from {@link EpochOrder}, minibatches
 * of {@code batchSize} in that order (last partial batch included), gradients averaged over the
 * minibatch, {@code w -= lr_e · g}; after each epoch loss and error on the full test set and, at the
 * evaluation cadence, on the full training set.
 * Only the floating-point summation order differs (agreement to about 1e-6 relative after a few epochs,
 * see the tests), and resuming from {@link #checkpoint} continues bit for bit.
 *
 * <p>The speed comes from the layout ({@link BlockBuffers}: the first layer of all networks is one
 * matrix, so with {@code data_order: shared} its products are single large SGEMMs); {@link SharedOrder}
 * and {@link IndependentOrder} drive the epoch, {@link SgdStep} and {@link BlockEvaluator} (row-major activations)
 * or {@link FusedSgdStep} and {@link FusedEvaluator} (feature-major, narrow networks) do the work.
 *
 * <h2>Divergence</h2>
 * Every operation keeps networks separate (products are per column block, reductions per column), so
 * a network whose parameters become non-finite cannot affect the others. After an epoch whose loss is
 * not finite, the network's {@link EpochResult} carries the non-finite loss; the network is then
 * frozen ({@link #checkpoint} keeps returning its state after that epoch), its working parameters are
 * zeroed and its output deltas forced to zero, and later epochs report {@code null} for it.
 *
 * <p>Not thread-safe. Results are bit-reproducible for the same ND4J/OpenBLAS build and thread count.
 */
public final class BatchedTrainer implements BlockTrainer {

    private final TrainingSpec spec;
    private final PreparedData data;
    private final int width;
    private final int[] restarts;
    private final int k;

    private final BlockBuffers buffers;
    private final NetworkStates states;
    private final DataOrder order;
    private final BlockEvaluation evaluator;
    private final BlockCheckpoints checkpoints;
    private final PhaseClock clock = new PhaseClock();
    private boolean closed;

    /** Phases of the work, for {@link #profileSeconds()}. */
    public enum Phase {
        GATHER, FIRST_LAYER_FORWARD, RELU, HIDDEN_LAYERS, OUTPUT_FORWARD, SOFTMAX_DELTA, OUTPUT_BACKWARD, OUTPUT_LAYER,
        RELU_BACKWARD, FIRST_LAYER_UPDATE, EVAL_FIRST_LAYER, EVAL_OTHER_LAYERS, EVAL_LOSS, EXPORT
    }

    /**
     * A block of restarts of one width, each initialized as {@code Dl4jRunTrainer} would initialize it
     * ({@code ParameterInit.seed(specSeed, width, restart)}), at epoch 0. Uses
     * {@link BatchedMemory#bytes} of memory; choose K = {@code restarts.length} with
     * {@link BatchedMemory#maxNetworksForThisJvm}.
     */
    public BatchedTrainer(TrainingSpec spec, PreparedData data, long specSeed, int width, int[] restarts) {
        this(spec, data, specSeed, width, restarts, BlockShape.defaultChunkColumns(restarts.length, width));
    }

    /** With chunks of {@code chunkColumns} columns ({@link BlockShape}): for tests; it changes the last bits. */
    BatchedTrainer(TrainingSpec spec, PreparedData data, long specSeed, int width, int[] restarts, int chunkColumns) {
        this(spec, data, specSeed, width, restarts, chunkColumns, BatchedMemory.evalRows(restarts.length,
                data.features(), width, spec.hiddenLayers(), spec.batchSize()));
    }

    /** Also with evaluation blocks of {@code evalRows} rows: for tests; it changes the evaluation's last bits. */
    BatchedTrainer(TrainingSpec spec, PreparedData data, long specSeed, int width, int[] restarts, int chunkColumns,
                   int evalRows) {
        this(spec, data, specSeed, width, restarts, chunkColumns, evalRows, BlockShape.fusedOutput(width));
    }

    /** Also with the output layer fused or not ({@link BlockShape#fusedOutput}): for tests and measurements. */
    BatchedTrainer(TrainingSpec spec, PreparedData data, long specSeed, int width, int[] restarts, int chunkColumns,
                   int evalRows, boolean fusedOutput) {
        if (restarts.length == 0) {
            throw new IllegalArgumentException("a block needs at least one restart");
        }
        this.spec = spec;
        this.data = data;
        this.width = width;
        this.restarts = restarts.clone();
        this.k = restarts.length;
        int[] layerSizes = spec.layerSizes(data.features(), width);
        int paramCount = ParameterInit.parameterCount(layerSizes);
        int batchesPerEpoch = (data.trainCount() + spec.batchSize() - 1) / spec.batchSize();
        BlockShape shape = BlockShape.of(spec, data.features(), width, k, chunkColumns, evalRows, fusedOutput);

        buffers = new BlockBuffers(shape);
        ParameterSlices slices = new ParameterSlices(buffers, paramCount);
        states = new NetworkStates(k);
        RowLoader loader = new RowLoader(buffers);
        MinibatchStep step;
        if (shape.fusedOutput()) {
            FusedForwardPass forward = new FusedForwardPass(buffers, clock);
            step = new FusedSgdStep(buffers, states, forward, clock);
            evaluator = new FusedEvaluator(buffers, states, loader, forward, clock);
        } else {
            ForwardPass forward = new ForwardPass(buffers, clock);
            step = new SgdStep(buffers, states, forward, clock);
            evaluator = new BlockEvaluator(buffers, states, loader, forward, clock);
        }
        order = shape.shared()
                ? new SharedOrder(data, spec.batchSize(), specSeed, width, this.restarts, loader, step, clock)
                : new IndependentOrder(data, spec.batchSize(), specSeed, width, this.restarts, states, loader, step,
                        clock);
        checkpoints = new BlockCheckpoints(slices, states, order, clock, this.restarts, width, paramCount,
                batchesPerEpoch);
        for (int i = 0; i < k; i++) {
            float[] init = ParameterInit.draw(layerSizes, spec.init(), spec.initScale(),
                    ParameterInit.seed(specSeed, width, restarts[i]));
            slices.write(i, init);
        }
    }

    public int size() {
        return k;
    }

    public int width() {
        return width;
    }

    public int[] restarts() {
        return restarts.clone();
    }

    /** Completed epochs of the networks still training (they always agree). */
    public int epochsDone() {
        return states.epochsDone();
    }

    public boolean isActive(int i) {
        return states.isActive(i);
    }

    /**
     * Stops training network {@code i} (a run already COMPLETED or DIVERGED): its state as it is now
     * stays available from {@link #checkpoint}, and {@link #trainEpoch} reports {@code null} for it.
     */
    public void deactivate(int i) {
        checkpoints.stop(i);
    }

    /**
     * Trains one epoch of every active network and evaluates it on the full test set and, at the
     * cadence of {@link TrainingSpec#evaluatesTrainAfter} or when a network's test loss is not finite,
     * on the full training set (evaluation never changes the training state, so skipping it changes
     * no bits). Entry i belongs to {@code restarts[i]}; it is {@code null} when network i is inactive. A result
     * with a non-finite loss marks the network DIVERGED: it is deactivated after this epoch.
     * {@link EpochResult#seconds()} is the block's wall time divided by the number of active networks,
     * so the results of one call sum to the epoch's time.
     */
    public List<EpochResult> trainEpoch() {
        ensureOpen();
        long t0 = System.nanoTime();
        int epoch = states.commonEpoch(restarts);
        int activeCount = states.activeCount();
        List<EpochResult> out = new ArrayList<>(Arrays.asList(new EpochResult[k]));
        if (activeCount == 0) {
            return out;
        }
        double lr = spec.learningRate(epoch);
        order.trainEpoch(epoch, (float) lr);
        states.advanceActive(epoch + 1);
        BlockEvaluator.Scores test = evaluator.evaluate(data.testX(), data.testY());
        BlockEvaluator.Scores train = spec.evaluatesTrainAfter(epoch + 1) || EpochResults.anyNonFinite(states, k, test)
                ? evaluator.evaluate(data.trainX(), data.trainY()) : null;
        double seconds = (System.nanoTime() - t0) / 1e9 / activeCount;
        EpochResults.fill(out, states, epoch, lr, train, test, seconds, this::deactivate);
        return out;
    }

    /** Everything needed to continue network i bit-identically: the same record {@code Dl4jRunTrainer} writes. */
    public Checkpoint checkpoint(int i) {
        return checkpoints.export(i);
    }

    /** Checkpoints of all K networks, in block order: the same as {@link #checkpoint} of each, read faster. */
    @Override
    public List<Checkpoint> checkpoints() {
        return checkpoints.exportAll();
    }

    /** Parameters of network i as float32 bytes in DL4J's flattened layout (as {@code Dl4jRunTrainer#parameterBytes}). */
    public byte[] parameterBytes(int i) {
        return checkpoint(i).params();
    }

    /** Continues network i from a checkpoint of the same run (also of a {@code Dl4jRunTrainer}). */
    public void restore(int i, Checkpoint c) {
        checkpoints.restore(i, c);
    }

    /** Off-heap and heap bytes this trainer allocated: {@code [offHeap, heap]} (see {@link BatchedMemory}). */
    public long[] allocatedBytes() {
        return buffers.allocatedBytes();
    }

    /**
     * CPU seconds of the calling thread per phase since construction or {@link #resetProfile()}. With one
     * OpenMP thread all work runs on the calling thread, so this is the work itself, unaffected by other
     * processes competing for the cores (wall time on a shared machine is not).
     */
    public Map<Phase, Double> profileSeconds() {
        return clock.seconds();
    }

    public void resetProfile() {
        clock.reset();
    }

    /** Frees the off-heap buffers now rather than at garbage collection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        buffers.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("trainer is closed");
        }
    }
}
