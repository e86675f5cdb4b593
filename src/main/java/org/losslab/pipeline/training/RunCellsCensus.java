package org.losslab.pipeline.training;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.Seeds;
import org.losslab.regions.CellSnapshot;
import org.losslab.regions.CellVisits;
import org.losslab.regions.NetworkState;
import org.losslab.regions.PlainDataset;
import org.losslab.regions.PreActivationSampler;
import org.losslab.regions.RegionNetworks;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.FloatBytes;
import org.losslab.training.ParameterInit;
import org.losslab.training.PreparedData;

/**
 * The cells-visited census of a sample of training runs ({@code training.cells_visited}, science.md §C.4.1, F12),
 * with the region networks' counting code ({@link CellSnapshot}, {@link CellVisits}): at the random initialisation
 * (epoch 0, recorded with epoch 1) and after every epoch, the patterns of the first {@code subset} training rows
 * per hidden layer, from the epoch's checkpoint parameters. {@link #record} runs inside the epoch's chunk
 * transaction, so the census commits with the checkpoint it describes; the trackers of a partition's runs are kept
 * between chunks and re-read from {@code run_cells_state} when a partition (re)opens.
 */
final class RunCellsCensus {

    private static final int BATCH = 500;

    private record Tracker(CellVisits visits, MultiLayerNetwork net, int lastEpoch) {
    }

    private final JobSpec spec;
    private final RunCellsStore store;
    private final PlainDataset subset;
    private final Map<Long, Tracker> trackers = new HashMap<>();

    RunCellsCensus(JobSpec spec, PreparedData data, RunCellsStore store) {
        this.spec = spec;
        this.store = store;
        int rows = Math.min(spec.training().visitedSubset(), data.trainCount());
        this.subset = PlainDataset.unlabelled(Arrays.copyOf(data.trainX(), rows * data.features()), data.features());
    }

    /**
     * The restarts of hidden width {@code width} whose cells are counted: {@code runs} of them drawn without
     * replacement by a shuffle seeded from the spec seed and the width (the same on every machine and restart).
     */
    static Set<Integer> sampled(TrainingSpec t, long specSeed, int width) {
        int[] order = new int[t.restarts()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(Seeds.derive(specSeed, "cells-visited", width));
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < Math.min(t.visitedRuns(), order.length); i++) {
            int j = i + random.nextInt(order.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
            out.add(order[i]);
        }
        return out;
    }

    /** Whether the census follows this trained epoch's run: a sampled descent run that did not diverge. */
    boolean follows(RunEpoch e, String trainer) {
        TrainingSpec t = spec.training();
        return t.visitedRuns() > 0 && !TrainingSpec.ANNEALING.equals(trainer) && !"DIVERGED".equals(e.status())
                && sampled(t, spec.seed(), e.run().width()).contains(e.run().restart());
    }

    /** Takes (and writes) the census after {@code e}'s epoch, and the initial one first if it is not stored. */
    void record(RunEpoch e, long stepExecutionId) {
        RunRecord run = e.run();
        Tracker t = trackers.computeIfAbsent(run.runId(), id -> open(run));
        if (t == null) {
            return;
        }
        int epoch = e.result().epoch();
        if (t.lastEpoch() < 0) {
            TrainingSpec s = spec.training();
            int[] sizes = s.layerSizes(subset.dim(), run.width());
            t = take(run, t, 0, ParameterInit.draw(sizes, s.init(), s.initScale(), run.seed()), stepExecutionId);
        }
        if (epoch != t.lastEpoch() + 1) {
            throw new IllegalStateException(run.runKey() + ": cell census after epoch " + epoch + " follows epoch "
                    + t.lastEpoch());
        }
        take(run, t, epoch, FloatBytes.decode(e.checkpoint().params()), stepExecutionId);
    }

    private Tracker take(RunRecord run, Tracker t, int epoch, float[] params, long stepExecutionId) {
        NetworkState.setParameters(t.net(), params);
        var rows = t.visits().record(CellSnapshot.take(new PreActivationSampler(t.net(), subset.dim()), subset, BATCH));
        store.save(run.runId(), epoch, rows, t.visits().toBytes(), stepExecutionId);
        Tracker next = new Tracker(t.visits(), t.net(), epoch);
        trackers.put(run.runId(), next);
        return next;
    }

    /**
     * The tracker of a run resumed after {@code epochsDone} epochs: the stored one (which must be after that
     * epoch), or a fresh one when nothing is done; null if epochs were trained without census (not resumable).
     */
    private Tracker open(RunRecord run) {
        TrainingSpec s = spec.training();
        int[] sizes = s.layerSizes(subset.dim(), run.width());
        MultiLayerNetwork net = RegionNetworks.mlpWithParameters(sizes, RegionsSpec.activation(s.activation()),
                ParameterInit.draw(sizes, s.init(), s.initScale(), run.seed()));
        return store.state(run.runId()).map(st -> {
            if (st.epoch() != run.epochsDone()) {
                throw new IllegalStateException(run.runKey() + ": cell census after epoch " + st.epoch()
                        + " but checkpoint after epoch " + run.epochsDone());
            }
            return new Tracker(CellVisits.fromBytes(st.bytes()), net, st.epoch());
        }).orElse(run.epochsDone() == 0 ? new Tracker(new CellVisits(), net, -1) : null);
    }
}
