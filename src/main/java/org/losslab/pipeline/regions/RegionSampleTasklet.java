package org.losslab.pipeline.regions;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PartitionState;
import org.losslab.pipeline.training.TrainedRun;
import org.losslab.regions.GaussianInputs;
import org.losslab.regions.NetworkRegionAccumulator;
import org.losslab.regions.NetworkState;
import org.losslab.regions.PlainDataset;
import org.losslab.regions.PreActivationSampler;
import org.losslab.regions.RegionNetworks;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.training.FloatBytes;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * sample-activations: streams the inputs of one (network, input set) through the network,
 * {@code batch_size} rows per transaction, classifying every hidden pre-activation into the
 * activation's pieces ({@link PreActivationSampler}). After each batch the exact accumulator state
 * and the next row commit to {@code region_sample} with the step's progress, so a killed partition
 * resumes at the first uncommitted row and counts every row exactly once. Inputs: {@code mnist} = the
 * first {@code min(input_count, test size)} test images, then (census only) the first
 * {@code min(census_train_count, train size)} training images; {@code gaussian} = rows
 * {@code 0..input_count} of the i.i.d. N(0,1) set seeded by the spec seed (the same for every network).
 * A {@code choromanska} network ({@link ChoromanskaNetworks}) takes the same rows of the images
 * downsampled as its training saw them, and Gaussian rows of that dimension.
 * The chaos point {@code sample-activations} lies between the checkpoint write and its commit.
 */
record RegionSampleTasklet(JobSpec spec, ExperimentContext experiments, RegionDataCache data,
                           RegionNetworkStore networks, RegionSampleStore store, ChoromanskaNetworks choromanska,
                           Faults faults, PartitionState<RegionSampleTasklet.Sampling> open) implements Tasklet {

    /** A partition being sampled: the sampler, its accumulators and row counts, and its inputs (null: Gaussian). */
    static final class Sampling {
        PreActivationSampler sampler;
        NetworkRegionAccumulator acc;
        NetworkRegionAccumulator trainAcc;
        int rowsTotal;
        int trainTotal;
        PlainDataset inputs;
        PlainDataset train;
    }

    RegionSampleTasklet(JobSpec spec, ExperimentContext experiments, RegionDataCache data, RegionNetworkStore networks,
                        RegionSampleStore store, ChoromanskaNetworks choromanska, Faults faults) {
        this(spec, experiments, data, networks, store, choromanska, faults, new PartitionState<>());
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RegionsSpec r = spec.regions();
        RegionPartition part = RegionPartition.of(contribution, r, experiments);
        RegionNetworkPlan plan = part.plan();
        String input = part.input();
        long experimentId = part.experimentId();
        if (Boolean.TRUE.equals(store.finished(experimentId, plan.networkKey(), input))) {
            return RepeatStatus.FINISHED;
        }
        Sampling s = open.get(part.step(), step -> open(experimentId, plan, input));
        int batch = r.batchSize();
        if (s.acc.nextRow() < s.rowsTotal) {
            int from = (int) s.acc.nextRow();
            int to = Math.min(s.rowsTotal, from + batch);
            if (s.inputs != null) {
                s.sampler.sampleRows(s.inputs, from, to, batch, s.acc);
            } else {
                s.sampler.sampleGaussian(GaussianInputs.experimentSeed(spec.seed()), from, to, batch, s.acc);
            }
        } else if (s.trainAcc != null && s.trainAcc.nextRow() < s.trainTotal) {
            int from = (int) s.trainAcc.nextRow();
            s.sampler.sampleRows(s.train, from, Math.min(s.trainTotal, from + batch), batch, s.trainAcc);
        }
        boolean done = s.acc.nextRow() >= s.rowsTotal && (s.trainAcc == null || s.trainAcc.nextRow() >= s.trainTotal);
        store.save(experimentId, plan.networkKey(), input, s.rowsTotal, s.acc, s.trainTotal, s.trainAcc, done,
                part.step().getId());
        faults.reach("sample-activations");
        int rowsDone = (int) s.acc.nextRow() + (s.trainAcc == null ? 0 : (int) s.trainAcc.nextRow());
        faults.sampledRows(plan.networkKey() + "/" + input, rowsDone);
        contribution.incrementWriteCount(1);
        return done ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    private Sampling open(long experimentId, RegionNetworkPlan plan, String input) {
        RegionsSpec r = spec.regions();
        RegionNetworkStore.Finished network = networks.finishedParameters(experimentId, plan.networkKey());
        Sampling s = new Sampling();
        PlainDataset[] images = null;
        if (plan.choromanska()) {
            TrainedRun run = choromanska.run(experimentId, plan.sourceRun());
            float[] params = choromanska.parameters(spec, run, plan.state());
            if (!FloatBytes.sha256(FloatBytes.encode(params)).equals(network.paramsSha256())) {
                throw new IllegalStateException(plan.networkKey() + ": parameters differ from those registered");
            }
            MultiLayerNetwork net = ChoromanskaNetworks.network(run, params);
            s.sampler = new PreActivationSampler(net, run.sizes()[0]);
            if (RegionsSpec.MNIST.equals(input)) {
                images = choromanska.inputs(experimentId, spec);
            }
        } else {
            MultiLayerNetwork net = plan.build(spec.seed());
            NetworkState.setParameters(net, FloatBytes.decode(network.params()));
            s.sampler = new PreActivationSampler(net, RegionNetworks.MNIST_PIXELS);
            if (RegionsSpec.MNIST.equals(input)) {
                RegionDataCache.Images full = data.forExperiment(experimentId);
                RegionNetworkTasklet.checkImages(full);
                images = new PlainDataset[] {full.test(), full.train()};
            }
        }
        if (images != null) {
            s.inputs = images[0];
            s.train = images[1];
            s.rowsTotal = Math.min(r.inputCount(), images[0].size());
            s.trainTotal = Math.min(r.censusTrainCount(), images[1].size());
        } else {
            s.rowsTotal = r.inputCount();
        }
        s.acc = s.sampler.newAccumulator(0);
        if (s.trainTotal > 0) {
            s.trainAcc = s.sampler.newAccumulator(0);
        }
        RegionSampleStore.Accumulators saved = store.accumulators(experimentId, plan.networkKey(), input, false);
        if (saved != null) {
            s.acc = saved.inputs();
            if (saved.train() != null) {
                s.trainAcc = saved.train();
            }
        }
        return s;
    }
}
