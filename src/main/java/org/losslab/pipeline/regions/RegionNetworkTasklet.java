package org.losslab.pipeline.regions;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PartitionState;
import org.losslab.regions.NetworkState;
import org.losslab.regions.NetworkTrainer;
import org.losslab.regions.PlainDataset;
import org.losslab.regions.RegionNetworks;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.training.FloatBytes;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * region-networks: initialises one network of the region grid and, if it is a trained one, trains it
 * on the MNIST training images (Adam 1e−3, {@code train_epochs} epochs of minibatches of
 * {@code train_batch_size}; epoch e in the order seeded by {@link RegionNetworkPlan#epochSeed}),
 * one epoch per transaction. Parameters, Adam state and iteration are checkpointed in
 * {@code region_network} with the epoch's loss, so a restart continues bit-identically; the finished
 * row keeps the final parameters, their SHA-256 and the test accuracy on the whole test set. A trained network's
 * cell census ({@link CellsVisitedCensus}, science.md §C.4.1) is written with each checkpoint.
 */
record RegionNetworkTasklet(JobSpec spec, ExperimentContext experiments, RegionDataCache data, RegionNetworkStore store,
                            RegionCellsStore cellsStore, Faults faults, PartitionState<RegionNetworkTasklet.Training> open)
        implements Tasklet {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RegionNetworkTasklet.class);

    /** A network in training: the network, its training set and the epochs done. */
    static final class Training {
        MultiLayerNetwork net;
        PlainDataset train;
        int epochsDone;
        CellsVisitedCensus cells;
        boolean cellsOpened;
    }

    RegionNetworkTasklet(JobSpec spec, ExperimentContext experiments, RegionDataCache data, RegionNetworkStore store,
                         RegionCellsStore cellsStore, Faults faults) {
        this(spec, experiments, data, store, cellsStore, faults, new PartitionState<>());
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RegionsSpec r = spec.regions();
        RegionPartition part = RegionPartition.of(contribution, r, experiments);
        RegionNetworkPlan plan = part.plan();
        long experimentId = part.experimentId();
        if (Boolean.TRUE.equals(store.finished(experimentId, plan.networkKey()))) {
            return RepeatStatus.FINISHED;
        }
        RegionDataCache.Images images = data.forExperiment(experimentId);
        checkImages(images);
        Training t = open.get(part.step(), s -> restore(experimentId, plan));
        if (t.train == null) {
            t.train = trainingSet(images.train(), r.trainCount());
        }
        PlainDataset train = t.train;
        int planned = plan.trained() ? r.trainEpochs() : 0;
        if (!t.cellsOpened) {
            t.cells = plan.trained() && r.visitedCount() > 0 ? CellsVisitedCensus.open(cellsStore, experimentId,
                    plan.networkKey(), train, r.visitedCount(), r.batchSize(), t.epochsDone) : null;
            t.cellsOpened = true;
        }
        Double loss = null;
        if (t.epochsDone < planned) {
            if (t.cells != null) {
                t.cells.initial(t.net);
            }
            long t0 = System.nanoTime();
            NetworkTrainer.Report report = NetworkTrainer.train(t.net, train, null,
                    new NetworkTrainer.Options(1, r.trainBatchSize(), plan.epochSeed(spec.seed(), t.epochsDone)));
            loss = report.epochLoss().get(0);
            t.epochsDone++;
            if (t.cells != null) {
                t.cells.take(t.net, t.epochsDone);
            }
            log.info("{}: epoch {}/{} loss {} in {} s", plan.networkKey(), t.epochsDone, planned,
                    String.format("%.4f", loss), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        }
        boolean done = t.epochsDone >= planned;
        byte[] params = FloatBytes.encode(NetworkState.parameters(t.net));
        float[] updater = plan.trained() && !done ? NetworkState.updaterState(t.net) : null;
        Double accuracy = done ? NetworkTrainer.accuracy(t.net, images.test(), 1000) : null;
        store.saveTraining(experimentId, identity(plan, part.instance()), RegionsSpec.fitEpsilon(plan.activation()),
                planned, t.epochsDone, t.net.getIterationCount(), done, params,
                updater == null ? null : FloatBytes.encode(updater), train.size(), accuracy,
                done ? images.test().size() : null, part.step().getId());
        if (loss != null) {
            store.saveEpochLoss(experimentId, plan.networkKey(), t.epochsDone, loss, part.step().getId());
        }
        if (t.cells != null) {
            t.cells.flush(cellsStore, experimentId, plan.networkKey(), part.step().getId());
        }
        faults.reach("region-networks");
        faults.trainedRegionNetwork(plan.networkKey(), t.epochsDone);
        if (done) {
            log.info("{}: test accuracy {}", plan.networkKey(), String.format("%.4f", accuracy));
        }
        contribution.incrementWriteCount(1);
        return done ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    private RegionNetworkStore.Identity identity(RegionNetworkPlan plan, long instance) {
        return new RegionNetworkStore.Identity(plan.networkKey(), plan.runKey(spec, instance), plan.architecture(),
                plan.layerSizes(), plan.activation(), plan.piecewiseLinear().pieces(), plan.state(),
                plan.initSeed(spec.seed()));
    }

    private Training restore(long experimentId, RegionNetworkPlan plan) {
        Training t = new Training();
        t.net = plan.build(spec.seed());
        store.checkpoint(experimentId, plan.networkKey()).ifPresent(c -> {
            NetworkState.restore(t.net, c.params(), c.updaterState(), c.iteration(), c.epochsDone());
            t.epochsDone = c.epochsDone();
        });
        return t;
    }

    static void checkImages(RegionDataCache.Images images) {
        if (images.train().dim() != RegionNetworks.MNIST_PIXELS) {
            throw new IllegalStateException("region statistics need 28x28 MNIST images, the data set has "
                    + images.train().dim() + " pixels per image");
        }
    }

    static PlainDataset trainingSet(PlainDataset train, int count) {
        if (count <= 0 || count >= train.size()) {
            return train;
        }
        return new PlainDataset(Arrays.copyOf(train.features(), count * train.dim()),
                Arrays.copyOf(train.labels(), count), train.dim());
    }
}
