package org.losslab.training.anneal;

import java.util.SplittableRandom;

import org.losslab.Seeds;
import org.losslab.training.Checkpoint;
import org.losslab.training.FloatBytes;

/**
 * Trains the one-hidden-layer Choromanska network (science.md §A.5.2, e.g. 100-25-10) by simulated annealing on its
 * full-batch training loss (§E.2 F6), one sweep (an epoch-like chunk) at a time, under
 * {@link AnnealingTrainerSettings}: Metropolis, one parameter at a time, with a symmetric Gaussian proposal.
 *
 * <p><b>Proposal.</b> Sweep k visits every parameter once, in the order of a Fisher–Yates shuffle, and proposes
 * {@code θ_m' = float(θ_m + s_k ξ)}, ξ ~ N(0, 1), accepted with min(1, exp(−ΔL/T_k)) (at T = 0: iff ΔL ≤ 0).
 * Rounding to float32 makes the proposal symmetric only up to one float ulp of θ (relative error ≈ 1e−7/s_k, nil
 * for the step sizes used); in exchange the chain's state is exactly the float32 parameters the pipeline stores.
 *
 * <p><b>Randomness and checkpoints.</b> Sweep k draws the order, ξ and the acceptance uniforms from
 * {@code SplittableRandom(Seeds.derive(seed, "anneal-sweep", k))}, and the caches are rebuilt from the parameters
 * after every sweep. So the whole state between sweeps is (sweeps done, parameters): {@link #checkpoint()} stores it
 * as a training {@link Checkpoint} (epoch = sweeps, iteration = proposals, no updater state, next stream seed), and
 * a trainer built with the same data, settings and seed continues bit-identically after {@link #restore}.
 * Not thread-safe; one per restart.
 */
public final class NetworkAnnealer {

    private final AnnealingData data;
    private final AnnealingTrainerSettings settings;
    private final long seed;
    private final OneHiddenLayerLoss model;
    private int sweepsDone;

    /** Metrics of one sweep: its temperature and step, the fraction accepted, and the mean training loss after it. */
    public record SweepResult(int sweep, double temperature, double step, double acceptance, double trainLoss,
                              double seconds) {
    }

    /**
     * @param layerSizes    (features, hidden, 10): one hidden layer only
     * @param initialParams DL4J layout, e.g. {@code ParameterInit.draw} of the run (the same start as its SGD twin)
     * @param seed          the run's annealing stream, e.g. {@code Seeds.derive(specSeed, "anneal", width, restart)}
     */
    public NetworkAnnealer(AnnealingData data, int[] layerSizes, float[] initialParams, AnnealingTrainerSettings settings,
                           long seed) {
        if (layerSizes.length != 3 || layerSizes[0] != data.features() || layerSizes[2] != AnnealingData.CLASSES
                || layerSizes[1] < 1) {
            throw new IllegalArgumentException("annealing trainer: needs one hidden layer, sizes (" + data.features()
                    + ", n1, " + AnnealingData.CLASSES + "), got " + java.util.Arrays.toString(layerSizes));
        }
        int expected = OneHiddenLayerLoss.parameterCount(layerSizes[0], layerSizes[1]);
        if (initialParams.length != expected) {
            throw new IllegalArgumentException("annealing trainer: " + initialParams.length + " parameters for a network of "
                    + expected);
        }
        this.data = data;
        this.settings = settings;
        this.seed = seed;
        this.model = new OneHiddenLayerLoss(data, layerSizes[1], initialParams);
    }

    public int sweepsDone() {
        return sweepsDone;
    }

    public boolean isFinished() {
        return sweepsDone >= settings.sweeps();
    }

    /** Mean training loss over the annealing set at the current parameters. */
    public double trainLoss() {
        return model.meanLoss();
    }

    /** Runs sweep {@code sweepsDone + 1}. */
    public SweepResult sweep() {
        if (isFinished()) {
            throw new IllegalStateException("all " + settings.sweeps() + " annealing sweeps are done");
        }
        long t0 = System.nanoTime();
        int k = sweepsDone + 1;
        double temperature = settings.temperature(k);
        double step = settings.step(k);
        SplittableRandom rng = new SplittableRandom(streamSeed(k));
        int p = model.parameterCount();
        int[] order = new int[p];
        for (int m = 0; m < p; m++) {
            order[m] = m;
        }
        for (int m = p - 1; m > 0; m--) {
            int other = rng.nextInt(m + 1);
            int t = order[m];
            order[m] = order[other];
            order[other] = t;
        }
        long accepted = 0;
        int rows = data.rows();
        for (int m : order) {
            float proposed = (float) (model.parameter(m) + step * rng.nextGaussian());
            double u = rng.nextDouble();
            double delta = model.propose(m, proposed) / rows;
            if (delta <= 0 || temperature > 0 && u < StrictMath.exp(-delta / temperature)) {
                model.commit();
                accepted++;
            }
        }
        model.rebuild();
        sweepsDone = k;
        return new SweepResult(k, temperature, step, (double) accepted / p, model.meanLoss(),
                (System.nanoTime() - t0) / 1e9);
    }

    /** The current parameters, float32 in DL4J's layout (a copy). */
    public float[] parameters() {
        return model.parameters();
    }

    /** {@code final_params} bytes: float32 little-endian ({@link FloatBytes}). */
    public byte[] parameterBytes() {
        return FloatBytes.encode(model.parameters());
    }

    public Checkpoint checkpoint() {
        return new Checkpoint(sweepsDone, (long) sweepsDone * model.parameterCount(), parameterBytes(), null,
                streamSeed(sweepsDone + 1));
    }

    /** Continues from a checkpoint of this same run (same data, settings and seed). */
    public void restore(Checkpoint c) {
        if (c.epoch() < 0 || c.epoch() > settings.sweeps()) {
            throw new IllegalArgumentException("annealing checkpoint: " + c.epoch() + " sweeps done, schedule has " + settings.sweeps());
        }
        if (c.nextOrderSeed() != streamSeed(c.epoch() + 1)) {
            throw new IllegalStateException("annealing checkpoint continues stream " + c.nextOrderSeed()
                    + ", expected " + streamSeed(c.epoch() + 1) + " (another run's or another seed's checkpoint)");
        }
        float[] params = FloatBytes.decode(c.params());
        if (params.length != model.parameterCount()) {
            throw new IllegalArgumentException("annealing checkpoint: " + params.length + " parameters, network has "
                    + model.parameterCount());
        }
        model.restore(params);
        sweepsDone = c.epoch();
    }

    private long streamSeed(int sweep) {
        return Seeds.derive(seed, "anneal-sweep", sweep);
    }
}
