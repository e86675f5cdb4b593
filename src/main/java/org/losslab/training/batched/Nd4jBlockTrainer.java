package org.losslab.training.batched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Checkpoint;
import org.losslab.training.EpochResult;
import org.losslab.training.FloatBytes;
import org.losslab.training.ParameterInit;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * {@link BatchedTrainer}'s training expressed through ND4J's backend-neutral API (gemm on views,
 * broadcast ops, softmax, pullRows), so the same code runs on nd4j-native and nd4j-cuda. Same
 * initial parameters, data order, block layout, divergence handling and {@link Checkpoint} format as
 * the fast path; on CPU it agrees with the fast path to float rounding (see Nd4jPathParityTest) and,
 * like it, resumes bit for bit from its own checkpoints. {@link BatchedPath} chooses between them.
 */
public final class Nd4jBlockTrainer implements BlockTrainer {

    private final TrainingSpec spec;
    private final PreparedData data;
    private final int width;
    private final int[] restarts;
    private final int paramCount;
    private final int batchesPerEpoch;
    private final Nd4jBlockBuffers buffers;
    private final Nd4jParameters parameters;
    private final NetworkStates states;
    private final Nd4jDataOrder order;
    private final Nd4jEvaluator evaluator;
    private final PhaseClock clock = new PhaseClock();
    private boolean closed;

    public Nd4jBlockTrainer(TrainingSpec spec, PreparedData data, long specSeed, int width, int[] restarts) {
        if (restarts.length == 0) {
            throw new IllegalArgumentException("a block needs at least one restart");
        }
        this.spec = spec;
        this.data = data;
        this.width = width;
        this.restarts = restarts.clone();
        int[] layerSizes = spec.layerSizes(data.features(), width);
        this.paramCount = ParameterInit.parameterCount(layerSizes);
        this.batchesPerEpoch = (data.trainCount() + spec.batchSize() - 1) / spec.batchSize();
        buffers = new Nd4jBlockBuffers(BlockShape.of(spec, data.features(), width, restarts.length), data);
        parameters = new Nd4jParameters(buffers, paramCount);
        states = new NetworkStates(restarts.length);
        Nd4jForwardPass forward = new Nd4jForwardPass(buffers, clock);
        order = new Nd4jDataOrder(buffers, states, new Nd4jSgdStep(buffers, forward, clock), clock, spec.batchSize(),
                specSeed, width, this.restarts);
        evaluator = new Nd4jEvaluator(buffers, states, forward, clock);
        for (int i = 0; i < restarts.length; i++) {
            parameters.write(i, ParameterInit.draw(layerSizes, spec.init(), spec.initScale(),
                    ParameterInit.seed(specSeed, width, restarts[i])));
        }
    }

    @Override
    public int size() {
        return restarts.length;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int[] restarts() {
        return restarts.clone();
    }

    @Override
    public int epochsDone() {
        return states.epochsDone();
    }

    @Override
    public boolean isActive(int i) {
        return states.isActive(i);
    }

    /** As {@link BatchedTrainer#deactivate}: frozen state kept, working parameters zeroed and masked out. */
    @Override
    public void deactivate(int i) {
        if (!states.isActive(i)) {
            return;
        }
        states.freeze(i, checkpoint(i));
        parameters.write(i, new float[paramCount]);
        buffers.activeMask.putScalar(i, 0, 0f);
    }

    /** As {@link BatchedTrainer#trainEpoch}. */
    @Override
    public List<EpochResult> trainEpoch() {
        ensureOpen();
        long t0 = System.nanoTime();
        int epoch = states.commonEpoch(restarts);
        int activeCount = states.activeCount();
        List<EpochResult> out = new ArrayList<>(Arrays.asList(new EpochResult[restarts.length]));
        if (activeCount == 0) {
            return out;
        }
        double lr = spec.learningRate(epoch);
        order.trainEpoch(epoch, (float) lr);
        states.advanceActive(epoch + 1);
        BlockEvaluator.Scores test = evaluator.evaluate(buffers.testX, buffers.testY, data.testY());
        BlockEvaluator.Scores train = spec.evaluatesTrainAfter(epoch + 1) || EpochResults.anyNonFinite(states, restarts.length, test)
                ? evaluator.evaluate(buffers.trainX, buffers.trainY, data.trainY()) : null;
        double seconds = (System.nanoTime() - t0) / 1e9 / activeCount;
        EpochResults.fill(out, states, epoch, lr, train, test, seconds, this::deactivate);
        return out;
    }

    /** The same record the fast path and {@code Dl4jRunTrainer} write. */
    @Override
    public Checkpoint checkpoint(int i) {
        if (states.frozen(i) != null) {
            return states.frozen(i);
        }
        long t = PhaseClock.now();
        byte[] params = FloatBytes.encode(parameters.read(i));
        clock.charge(Phase.EXPORT, t);
        int epoch = states.epoch(i);
        return new Checkpoint(epoch, (long) epoch * batchesPerEpoch, params, null, order.orderSeed(i, epoch));
    }

    /** As {@link BatchedTrainer#restore}, refusing a checkpoint of another run. */
    @Override
    public void restore(int i, Checkpoint c) {
        float[] params = BlockCheckpoints.parameters(c, order.orderSeed(i, c.epoch()), restarts[i], width, paramCount);
        parameters.write(i, params);
        states.resume(i, c.epoch());
        buffers.activeMask.putScalar(i, 0, 1f);
    }

    /** {@code [device or off-heap, heap]} bytes; {@link Nd4jMemory#bytes} predicts them. */
    @Override
    public long[] allocatedBytes() {
        return buffers.allocatedBytes();
    }

    @Override
    public Map<Phase, Double> profileSeconds() {
        return clock.seconds();
    }

    @Override
    public void resetProfile() {
        clock.reset();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            buffers.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("trainer is closed");
        }
    }
}
