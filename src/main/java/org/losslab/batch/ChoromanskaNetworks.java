package org.losslab.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.regions.PlainDataset;
import org.losslab.regions.RegionNetworks;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.FloatBytes;
import org.losslab.training.ParameterInit;
import org.losslab.training.PreparedData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.springframework.jdbc.core.JdbcTemplate;
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
 */
@Component
public class ChoromanskaNetworks {

    /** A training run: its row id, layer sizes (input, hidden…, 10), seed, epochs and status. */
    public record Run(long runId, String runKey, int[] sizes, String activation, long seed, int restart,
                      int epochsDone, int epochsPlanned) {
        public int width() {
            return sizes[1];
        }
    }

    private final JdbcTemplate jdbc;
    private final TrainingDataCache data;

    public ChoromanskaNetworks(JdbcTemplate jdbc, TrainingDataCache data) {
        this.jdbc = jdbc;
        this.data = data;
    }

    /**
     * The networks to sample: per hidden width the {@code choromanska_runs} COMPLETED runs of lowest
     * restart (a deterministic choice: training is), each in every state of the spec.
     */
    public List<RegionNetworkPlan> plans(long experimentId, RegionsSpec r) {
        List<String[]> runs = jdbc.query("""
                SELECT run_key, activation FROM (
                    SELECT r.run_key, r.activation, r.widths[2] AS width, r.restart,
                           row_number() OVER (PARTITION BY r.widths[2] ORDER BY r.restart) AS k
                    FROM run r JOIN final_params f USING (run_id)
                    WHERE r.experiment_id = ? AND r.status = 'COMPLETED') s
                WHERE k <= ? ORDER BY width, restart""",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, experimentId, r.choromanskaRuns());
        List<RegionNetworkPlan> out = new ArrayList<>();
        for (String[] run : runs) {
            for (String state : r.states()) {
                out.add(RegionNetworkPlan.ofRun(run[0], run[1], state));
            }
        }
        return out;
    }

    public Run run(long experimentId, String runKey) {
        List<Run> runs = jdbc.query("""
                SELECT run_id, run_key, widths, activation, seed, restart, epochs_done, epochs_planned FROM run
                WHERE experiment_id = ? AND run_key = ? AND status = 'COMPLETED'""",
                (rs, i) -> new Run(rs.getLong(1), rs.getString(2),
                        Arrays.stream((Integer[]) rs.getArray(3).getArray()).mapToInt(Integer::intValue).toArray(),
                        rs.getString(4), rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)),
                experimentId, runKey);
        if (runs.isEmpty()) {
            throw new IllegalStateException("training run " + runKey + " is not a COMPLETED run of experiment "
                    + experimentId);
        }
        return runs.get(0);
    }

    /**
     * The initial parameters of a run, as the trainers draw them. Refuses a run whose stored seed is
     * not the one the trainers derive ({@link ParameterInit#seed}), so the two cannot drift apart.
     */
    public static float[] initialParameters(TrainingSpec t, long specSeed, Run run) {
        long expected = ParameterInit.seed(specSeed, run.width(), run.restart());
        if (expected != run.seed()) {
            throw new IllegalStateException(run.runKey() + ": stored seed " + run.seed()
                    + " is not the trainers' initialisation seed " + expected);
        }
        return ParameterInit.draw(run.sizes(), t.init(), t.initScale(), run.seed());
    }

    /** The parameters of a (run, state): the final ones from {@code final_params}, or the initial ones. */
    public float[] parameters(JobSpec spec, Run run, String state) {
        if (!RegionsSpec.TRAINED.equals(state)) {
            return initialParameters(spec.training(), spec.seed(), run);
        }
        return jdbc.query("SELECT params, params_sha256 FROM final_params WHERE run_id = ?", rs -> {
            if (!rs.next()) {
                throw new IllegalStateException(run.runKey() + " has no final parameters");
            }
            byte[] bytes = rs.getBytes(1);
            if (!FloatBytes.sha256(bytes).equals(rs.getString(2))) {
                throw new IllegalStateException(run.runKey() + ": final parameters do not match their SHA-256");
            }
            return FloatBytes.decode(bytes);
        }, run.runId());
    }

    /** The run's network in the {@link RegionNetworks} layout with these parameters (float, no updater). */
    public static MultiLayerNetwork network(Run run, float[] params) {
        int[] s = run.sizes();
        MultiLayerNetwork net = RegionNetworks.mlp(s[0], Arrays.copyOfRange(s, 1, s.length - 1), s[s.length - 1],
                RegionsSpec.activation(run.activation()), 0L, new NoOp(), DataType.FLOAT);
        if (net.numParams() != params.length) {
            throw new IllegalStateException(run.runKey() + ": " + params.length + " parameters for a network of "
                    + net.numParams());
        }
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
        return net;
    }

    /** Test (index 0) and training (1) inputs, downsampled as the training stage feeds them (§A.5.2). */
    public PlainDataset[] inputs(long experimentId, JobSpec spec) {
        PreparedData d = data.forExperiment(experimentId, spec);
        return new PlainDataset[] {new PlainDataset(d.testX(), d.testY(), d.features()),
                new PlainDataset(d.trainX(), d.trainY(), d.features())};
    }
}
