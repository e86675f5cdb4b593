package org.losslab.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.spec.TrainingSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one network, one epoch at a time, with DL4J's {@link MultiLayerNetwork}: the reference
 * trainer. All randomness is explicit (initial parameters and per-epoch data order come from
 * derived seeds), so an epoch computed after {@link #restore} equals the uninterrupted one bit for
 * bit given the same ND4J backend and thread count.
 */
public final class Dl4jRunTrainer {

    private final TrainingSpec spec;
    private final PreparedData data;
    private final MultiLayerNetwork net;
    private final long specSeed;
    private final int width;
    private final int restart;
    private int epochsDone;

    public Dl4jRunTrainer(TrainingSpec spec, PreparedData data, long specSeed, int width, int restart) {
        this.spec = spec;
        this.data = data;
        this.specSeed = specSeed;
        this.width = width;
        this.restart = restart;
        int[] sizes = spec.layerSizes(data.features(), width);
        this.net = Dl4jNetworks.mlp(sizes, spec.learningRate());
        float[] init = ParameterInit.draw(sizes, spec.init(), spec.initScale(),
                ParameterInit.seed(specSeed, width, restart));
        net.setParams(Nd4j.create(init, new long[] {1, init.length}, 'c'));
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** Continues from a checkpoint of this same run. */
    public void restore(Checkpoint c) {
        float[] params = FloatBytes.decode(c.params());
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
        INDArray state = net.getUpdater().getStateViewArray();
        if (c.updaterState() != null && state != null) {
            float[] u = FloatBytes.decode(c.updaterState());
            state.assign(Nd4j.create(u, new long[] {1, u.length}, 'c'));
        }
        net.setIterationCount((int) c.iteration());
        net.setEpochCount(c.epoch());
        long expected = orderSeed(c.epoch());
        if (c.nextOrderSeed() != expected) {
            throw new IllegalStateException("checkpoint of restart " + restart + " (width " + width
                    + ") continues data-order stream " + c.nextOrderSeed() + ", expected " + expected);
        }
        epochsDone = c.epoch();
    }

    /**
     * Trains epoch {@code epochsDone} and evaluates on the full test set and, at the cadence of
     * {@link TrainingSpec#evaluatesTrainAfter} or when the test loss is not finite, on the training set.
     */
    public EpochResult trainEpoch() {
        long t0 = System.nanoTime();
        int epoch = epochsDone;
        double lr = spec.learningRate(epoch);
        net.setLearningRate(lr);
        int[] order = EpochOrder.permutation(data.trainCount(), orderSeed(epoch));
        int f = data.features();
        int batch = spec.batchSize();
        for (int start = 0; start < order.length; start += batch) {
            int rows = Math.min(batch, order.length - start);
            float[] x = new float[rows * f];
            float[] y = new float[rows * 10];
            for (int r = 0; r < rows; r++) {
                int i = order[start + r];
                System.arraycopy(data.trainX(), i * f, x, r * f, f);
                y[r * 10 + data.trainY()[i]] = 1f;
            }
            net.fit(Nd4j.create(x, new long[] {rows, f}, 'c'), Nd4j.create(y, new long[] {rows, 10}, 'c'));
        }
        net.setEpochCount(epoch + 1);
        epochsDone = epoch + 1;
        double[] test = LossEvaluator.evaluate(net, data.testX(), data.testY(), f);
        if (!spec.evaluatesTrainAfter(epochsDone) && Double.isFinite(test[0])) {
            return new EpochResult(epochsDone, lr, null, test[0], null, test[1], (System.nanoTime() - t0) / 1e9);
        }
        double[] train = LossEvaluator.evaluate(net, data.trainX(), data.trainY(), f);
        return new EpochResult(epochsDone, lr, train[0], test[0], train[1], test[1], (System.nanoTime() - t0) / 1e9);
    }

    public Checkpoint checkpoint() {
        INDArray state = net.getUpdater().getStateViewArray();
        byte[] updater = state == null ? null : FloatBytes.encode(state.dup().data().asFloat());
        return new Checkpoint(epochsDone, net.getIterationCount(), parameterBytes(), updater, orderSeed(epochsDone));
    }

    public byte[] parameterBytes() {
        return FloatBytes.encode(net.params().dup().data().asFloat());
    }

    private long orderSeed(int epoch) {
        return EpochOrder.seed(specSeed, "shared".equals(spec.dataOrder()), width, restart, epoch);
    }
}
