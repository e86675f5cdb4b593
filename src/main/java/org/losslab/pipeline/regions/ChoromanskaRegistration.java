package org.losslab.pipeline.regions;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.training.TrainedRun;
import org.losslab.regions.NetworkTrainer;
import org.losslab.regions.PlainDataset;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.training.FloatBytes;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * region-networks for a {@code choromanska} network: nothing to train (the train stage did), so the
 * partition only registers the (run, state) in {@code region_network}, in one transaction and keyed
 * on (experiment, network key): the training run ({@code source_run_id}), its layer sizes and seed,
 * the SHA-256 of the parameters the state stands for (the stored final ones, or the re-derived
 * initial ones) and the test accuracy on the downsampled test set. The parameter bytes stay where
 * they are ({@code params} is null); sample-activations reads them through {@link ChoromanskaNetworks}.
 */
record ChoromanskaRegistration(JobSpec spec, ExperimentContext experiments, ChoromanskaNetworks networks,
                               RegionNetworkStore store) implements Tasklet {

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RegionPartition part = RegionPartition.of(contribution, spec.regions(), experiments);
        RegionNetworkPlan plan = part.plan();
        long experimentId = part.experimentId();
        TrainedRun run = networks.run(experimentId, plan.sourceRun());
        float[] params = networks.parameters(spec, run, plan.state());
        MultiLayerNetwork net = ChoromanskaNetworks.network(run, params);
        PlainDataset[] inputs = networks.inputs(experimentId, spec);
        double accuracy = NetworkTrainer.accuracy(net, inputs[0], 1000);
        boolean trained = plan.trained();
        RegionNetworkStore.Identity identity = new RegionNetworkStore.Identity(plan.networkKey(),
                plan.runKey(spec, part.instance()), RegionsSpec.CHOROMANSKA, RegionNetworkStore.boxed(run.sizes()),
                run.activation(), RegionsSpec.activation(run.activation()).pieces(), plan.state(), run.seed());
        store.registerRun(experimentId, identity, trained ? run.epochsPlanned() : 0, trained ? run.epochsDone() : 0,
                FloatBytes.sha256(FloatBytes.encode(params)), inputs[1].size(), accuracy, inputs[0].size(),
                part.step().getId(), run.runId());
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }
}
