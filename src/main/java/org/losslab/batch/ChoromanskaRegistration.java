package org.losslab.batch;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.regions.NetworkTrainer;
import org.losslab.regions.PlainDataset;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.store.ExperimentStore;
import org.losslab.training.FloatBytes;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * region-networks for a {@code choromanska} network: nothing to train (the train stage did), so the
 * partition only registers the (run, state) in {@code region_network}, in one transaction and keyed
 * on (experiment, network key): the training run ({@code source_run_id}), its layer sizes and seed,
 * the SHA-256 of the parameters the state stands for (the stored final ones, or the re-derived
 * initial ones) and the test accuracy on the downsampled test set. The parameter bytes stay where
 * they are ({@code params} is null); sample-activations reads them through {@link ChoromanskaNetworks}.
 */
final class ChoromanskaRegistration implements Tasklet {

    private final JobSpec spec;
    private final ExperimentStore experiments;
    private final ChoromanskaNetworks networks;
    private final JdbcTemplate jdbc;

    ChoromanskaRegistration(JobSpec spec, ExperimentStore experiments, ChoromanskaNetworks networks, JdbcTemplate jdbc) {
        this.spec = spec;
        this.experiments = experiments;
        this.networks = networks;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        RegionNetworkPlan plan = RegionPartitioner.network(spec.regions(), step.getExecutionContext());
        long experimentId = ExperimentContext.experimentId(experiments, step.getJobExecution());
        ChoromanskaNetworks.Run run = networks.run(experimentId, plan.sourceRun());
        float[] params = networks.parameters(spec, run, plan.state());
        MultiLayerNetwork net = ChoromanskaNetworks.network(run, params);
        PlainDataset[] inputs = networks.inputs(experimentId, spec);
        double accuracy = NetworkTrainer.accuracy(net, inputs[0], 1000);
        boolean trained = plan.trained();
        Long instance = step.getJobExecution().getJobParameters().getLong(JobParametersFactory.INSTANCE);
        jdbc.update("""
                INSERT INTO region_network (experiment_id, network_key, run_key, architecture, layer_sizes, activation,
                    pieces, fit_epsilon, network_state, seed, epochs_planned, epochs_done, iteration, finished, params,
                    updater_state, params_sha256, train_size, test_accuracy, test_size, step_execution_id, source_run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 0, TRUE, NULL, NULL, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key) DO UPDATE SET params_sha256 = EXCLUDED.params_sha256,
                    test_accuracy = EXCLUDED.test_accuracy, test_size = EXCLUDED.test_size,
                    step_execution_id = EXCLUDED.step_execution_id, source_run_id = EXCLUDED.source_run_id""",
                ps -> {
                    int i = 1;
                    ps.setLong(i++, experimentId);
                    ps.setString(i++, plan.networkKey());
                    ps.setString(i++, plan.runKey(spec, instance == null ? 1 : instance));
                    ps.setString(i++, RegionsSpec.CHOROMANSKA);
                    ps.setArray(i++, ps.getConnection().createArrayOf("integer",
                            java.util.Arrays.stream(run.sizes()).boxed().toArray()));
                    ps.setString(i++, run.activation());
                    ps.setInt(i++, RegionsSpec.activation(run.activation()).pieces());
                    ps.setString(i++, plan.state());
                    ps.setLong(i++, run.seed());
                    ps.setInt(i++, trained ? run.epochsPlanned() : 0);
                    ps.setInt(i++, trained ? run.epochsDone() : 0);
                    ps.setString(i++, FloatBytes.sha256(FloatBytes.encode(params)));
                    ps.setInt(i++, inputs[1].size());
                    ps.setDouble(i++, accuracy);
                    ps.setInt(i++, inputs[0].size());
                    ps.setLong(i++, step.getId());
                    ps.setLong(i++, run.runId());
                });
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }
}
