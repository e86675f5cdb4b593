package org.losslab.training.batched;

import java.util.ArrayList;
import java.util.List;
import org.losslab.training.Checkpoint;
import org.losslab.training.FloatBytes;
import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * Export and import of one network's {@link Checkpoint}, the same record {@code Dl4jRunTrainer}
 * writes, so runs move freely between the two trainers. Import refuses a checkpoint of another run
 * (its data-order stream, updater state or parameter count does not fit) rather than continue it wrongly.
 */
final class BlockCheckpoints {

    private final ParameterSlices slices;
    private final NetworkStates states;
    private final DataOrder order;
    private final PhaseClock clock;
    private final int[] restarts;
    private final int width;
    private final int paramCount;
    private final int batchesPerEpoch;
    /** One group of parameter arrays for {@link #exportAll}, made at the first export and reused. */
    private float[][] scratch;

    BlockCheckpoints(ParameterSlices slices, NetworkStates states, DataOrder order, PhaseClock clock, int[] restarts,
                     int width, int paramCount, int batchesPerEpoch) {
        this.slices = slices;
        this.states = states;
        this.order = order;
        this.clock = clock;
        this.restarts = restarts;
        this.width = width;
        this.paramCount = paramCount;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    /** Network i's state now, or the state it stopped in. */
    Checkpoint export(int i) {
        if (states.frozen(i) != null) {
            return states.frozen(i);
        }
        long t = PhaseClock.now();
        Checkpoint c = current(i, slices.read(i));
        clock.charge(Phase.EXPORT, t);
        return c;
    }

    /** Network i's checkpoint at its current epoch with parameters {@code params}. */
    private Checkpoint current(int i, float[] params) {
        byte[] bytes = new byte[4 * params.length];
        FloatBytes.encode(params, bytes);
        int epoch = states.epoch(i);
        return new Checkpoint(epoch, (long) epoch * batchesPerEpoch, bytes, null, order.orderSeed(i, epoch));
    }

    /**
     * Checkpoints of all networks in block order, as {@link #export} gives them, reading the buffers in
     * groups ({@link ParameterSlices#readGroup}) into one group of parameter arrays kept for the next export,
     * so that the only large allocation is each checkpoint's bytes (allocation was most of the export's time:
     * docs/performance.md, levers 8 and 12).
     */
    List<Checkpoint> exportAll() {
        long t = PhaseClock.now();
        int k = restarts.length;
        int group = slices.groupSize();
        if (scratch == null) {
            scratch = new float[group][paramCount];
        }
        List<Checkpoint> all = new ArrayList<>(k);
        for (int first = 0; first < k; first += group) {
            int count = Math.min(group, k - first);
            slices.readGroup(first, count, scratch);
            for (int q = 0; q < count; q++) {
                int i = first + q;
                Checkpoint frozen = states.frozen(i);
                all.add(frozen != null ? frozen : current(i, scratch[q]));
            }
        }
        clock.charge(Phase.EXPORT, t);
        return all;
    }

    /** Network i continues from {@code c} (and trains again if it had stopped). */
    void restore(int i, Checkpoint c) {
        slices.write(i, parameters(c, order.orderSeed(i, c.epoch()), restarts[i], width, paramCount));
        states.resume(i, c.epoch());
    }

    /**
     * The parameters of checkpoint {@code c}, refusing one of another run: its data-order stream must be
     * {@code expectedOrderSeed}, it must carry no updater state (plain SGD) and {@code paramCount} parameters.
     * Both paths of the batched trainer restore through this check.
     */
    static float[] parameters(Checkpoint c, long expectedOrderSeed, long restart, int width, int paramCount) {
        if (c.nextOrderSeed() != expectedOrderSeed) {
            throw new IllegalStateException("checkpoint of restart " + restart + " (width " + width
                    + ") continues data-order stream " + c.nextOrderSeed() + ", expected " + expectedOrderSeed);
        }
        if (c.updaterState() != null && c.updaterState().length > 0) {
            throw new IllegalStateException("plain SGD has no updater state, but the checkpoint of restart "
                    + restart + " carries " + c.updaterState().length + " bytes");
        }
        float[] params = FloatBytes.decode(c.params());
        if (params.length != paramCount) {
            throw new IllegalStateException("checkpoint of restart " + restart + " has " + params.length
                    + " parameters, networks of width " + width + " have " + paramCount);
        }
        return params;
    }

    /** Freezes network i in its current state and zeroes its working parameters, so it stays finite and inert. */
    void stop(int i) {
        if (!states.isActive(i)) {
            return;
        }
        states.freeze(i, export(i));
        slices.write(i, new float[paramCount]);
    }
}
