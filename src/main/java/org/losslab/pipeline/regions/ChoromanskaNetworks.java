package org.losslab.pipeline.regions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.pipeline.data.TrainingDataCache;
import org.losslab.pipeline.training.CheckpointStore;
import org.losslab.pipeline.training.RunStore;
import org.losslab.pipeline.training.TrainedRun;
import org.losslab.regions.NetworkState;
import org.losslab.regions.PlainDataset;
import org.losslab.regions.RegionNetworks;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.ParameterInit;
import org.losslab.training.PreparedData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.springframework.stereotype.Component;

/**
 * The Choromanska MLPs of the training section as networks of the region grid (architecture
 * {@code choromanska}, science.md §A.5.2 and §C.4). Nothing is copied: {@code trained} is a run's
 * row of {@code final_params}; {@code random} is the same run's initial parameters, re-derived from
 * the run's seed by the trainers' own {@link ParameterInit#draw} (both trainers start from exactly
 * that). The network is rebuilt in the {@link RegionNetworks} layout (identity dense layer, then a
 * ReLU activation layer), whose flattened parameters are laid out as the trainers' (per layer W
 * column-major [in × out], then b), so the sampler sees the pre-activations of the trained MLP. Its
 * inputs are the experiment's images downsampled exactly as training fed them.
 *
 * <p>The regions stage reads the training stage's runs here, and only here, through the training
 * stage's stores (a declared dependency of the regions slice on the training slice).
 */
@Component
public class ChoromanskaNetworks {

    private final RunStore runs;
    private final CheckpointStore checkpoints;
    private final TrainingDataCache data;

    public ChoromanskaNetworks(RunStore runs, CheckpointStore checkpoints, TrainingDataCache data) {
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.data = data;
    }

    /**
     * The networks to sample: per hidden width the {@code choromanska_runs} COMPLETED runs of lowest
     * restart (a deterministic choice: training is), each in every state of the spec.
     */
    public List<RegionNetworkPlan> plans(long experimentId, RegionsSpec r) {
        List<RegionNetworkPlan> out = new ArrayList<>();
        for (String[] run : runs.lowestCompletedRuns(experimentId, r.choromanskaRuns())) {
            for (String state : r.states()) {
                out.add(RegionNetworkPlan.ofRun(run[0], run[1], state));
            }
        }
        return out;
    }

    public TrainedRun run(long experimentId, String runKey) {
        return runs.completedRun(experimentId, runKey);
    }

    /**
     * The initial parameters of a run, as the trainers draw them. Refuses a run whose stored seed is
     * not the one the trainers derive ({@link ParameterInit#seed}), so the two cannot drift apart.
     */
    public static float[] initialParameters(TrainingSpec t, long specSeed, TrainedRun run) {
        long expected = ParameterInit.seed(specSeed, run.width(), run.restart());
        if (expected != run.seed()) {
            throw new IllegalStateException(run.runKey() + ": stored seed " + run.seed()
                    + " is not the trainers' initialisation seed " + expected);
        }
        return ParameterInit.draw(run.sizes(), t.init(), t.initScale(), run.seed());
    }

    /** The parameters of a (run, state): the final ones from {@code final_params}, or the initial ones. */
    public float[] parameters(JobSpec spec, TrainedRun run, String state) {
        if (!RegionsSpec.TRAINED.equals(state)) {
            return initialParameters(spec.training(), spec.seed(), run);
        }
        return checkpoints.finalParameters(run);
    }

    /** The run's network in the {@link RegionNetworks} layout with these parameters (float, no updater). */
    public static MultiLayerNetwork network(TrainedRun run, float[] params) {
        int[] s = run.sizes();
        MultiLayerNetwork net = RegionNetworks.mlp(s[0], Arrays.copyOfRange(s, 1, s.length - 1), s[s.length - 1],
                RegionsSpec.activation(run.activation()), 0L, new NoOp(), DataType.FLOAT);
        if (net.numParams() != params.length) {
            throw new IllegalStateException(run.runKey() + ": " + params.length + " parameters for a network of "
                    + net.numParams());
        }
        NetworkState.setParameters(net, params);
        return net;
    }

    /** Test (index 0) and training (1) inputs, downsampled as the training stage feeds them (§A.5.2). */
    public PlainDataset[] inputs(long experimentId, JobSpec spec) {
        PreparedData d = data.forExperiment(experimentId, spec);
        return new PlainDataset[] {new PlainDataset(d.testX(), d.testY(), d.features()),
                new PlainDataset(d.trainX(), d.trainY(), d.features())};
    }
}
