package org.losslab.pipeline.training;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.Seeds;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Dl4jNetworks;
import org.losslab.training.EpochResult;
import org.losslab.training.LossEvaluator;
import org.losslab.training.ParameterInit;
import org.losslab.training.PreparedData;
import org.losslab.training.anneal.AnnealingData;
import org.losslab.training.anneal.AnnealingTrainerSettings;
import org.losslab.training.anneal.NetworkAnnealer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The annealing trainer (science.md §A.5.3): the block's runs one after another, one sweep of
 * {@link NetworkAnnealer} per unit. Each run starts where its SGD twin starts ({@code ParameterInit} of the run) and
 * anneals on stream {@code Seeds.derive(seed, "anneal", width, restart)}; after every sweep its parameters are
 * evaluated on the full training and test sets by {@link LossEvaluator} (on a DL4J network holding them) and the
 * sweep's temperature and acceptance are recorded with its checkpoint, in the same transaction.
 */
final class AnnealingBlockTraining implements BlockTraining {

    private final JobSpec spec;
    private final PreparedData data;
    private final AnnealingData annealingSet;
    private final List<RunRecord> runs;
    private final CheckpointStore checkpoints;
    private final AnnealSweepStore sweeps;
    private final long stepExecutionId;
    private int index = -1;
    private NetworkAnnealer annealer;
    private MultiLayerNetwork evaluator;

    AnnealingBlockTraining(JobSpec spec, PreparedData data, List<RunRecord> runs, CheckpointStore checkpoints,
                           AnnealSweepStore sweeps, long stepExecutionId) {
        this.spec = spec;
        this.data = data;
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.sweeps = sweeps;
        this.stepExecutionId = stepExecutionId;
        this.annealingSet = annealingSet(data, spec.training().annealRows());
    }

    /** The first {@code rows} training rows (all if 0 or more than there are). */
    static AnnealingData annealingSet(PreparedData data, int rows) {
        int n = rows <= 0 ? data.trainCount() : Math.min(rows, data.trainCount());
        return new AnnealingData(Arrays.copyOf(data.trainX(), n * data.features()), Arrays.copyOf(data.trainY(), n),
                data.features());
    }

    /** The annealing trainer's schedule: {@code epochs} sweeps from {@code anneal_t0}, scale {@code anneal_step_scale}. */
    static AnnealingTrainerSettings settings(TrainingSpec t) {
        return new AnnealingTrainerSettings(t.epochs(), t.annealT0(), t.annealStepScale());
    }

    @Override
    public List<RunEpoch> next() {
        while (annealer == null) {
            if (++index >= runs.size()) {
                return List.of();
            }
            if (!runs.get(index).finished()) {
                open(runs.get(index));
            }
        }
        RunRecord run = runs.get(index);
        NetworkAnnealer.SweepResult s = annealer.sweep();
        float[] params = annealer.parameters();
        evaluator.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
        double[] train = LossEvaluator.evaluate(evaluator, data.trainX(), data.trainY(), data.features());
        double[] test = LossEvaluator.evaluate(evaluator, data.testX(), data.testY(), data.features());
        EpochResult r = new EpochResult(s.sweep(), s.step(), train[0], test[0], train[1], test[1], s.seconds());
        sweeps.save(run.runId(), s, stepExecutionId);
        String status = RunEpoch.status(run, r);
        RunEpoch out = new RunEpoch(run, r, annealer.checkpoint(), status);
        if (!"RUNNING".equals(status)) {
            annealer = null;
        }
        return List.of(out);
    }

    private void open(RunRecord run) {
        TrainingSpec t = spec.training();
        int[] sizes = t.layerSizes(data.features(), run.width());
        float[] init = ParameterInit.draw(sizes, t.init(), t.initScale(),
                ParameterInit.seed(spec.seed(), run.width(), run.restart()));
        annealer = new NetworkAnnealer(annealingSet, sizes, init, settings(t),
                Seeds.derive(spec.seed(), "anneal", run.width(), run.restart()));
        checkpoints.load(run.runId()).ifPresent(annealer::restore);
        evaluator = Dl4jNetworks.mlp(sizes, t.learningRate());
    }

    @Override
    public void close() {
        annealer = null;
        evaluator = null;
    }
}
