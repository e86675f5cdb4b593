package org.losslab.batch;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.faults.Faults;
import org.losslab.regions.NetworkTrainer;
import org.losslab.regions.PlainDataset;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.store.ExperimentStore;
import org.losslab.training.FloatBytes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * region-networks: initialises one network of the region grid and, if it is a trained one, trains it
 * on the MNIST training images (Adam 1e−3, {@code train_epochs} epochs of minibatches of
 * {@code train_batch_size}; epoch e in the order seeded by {@link RegionNetworkPlan#epochSeed}),
 * one epoch per transaction. Parameters, Adam state and iteration are checkpointed in
 * {@code region_network} with the epoch's loss, so a restart continues bit-identically; the finished
 * row keeps the final parameters, their SHA-256 and the test accuracy on the whole test set.
 */
public final class RegionNetworkTasklet implements Tasklet, StepExecutionListener {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RegionNetworkTasklet.class);

    private final JobSpec spec;
    private final ExperimentStore experiments;
    private final RegionDataCache data;
    private final Faults faults;
    private final JdbcTemplate jdbc;
    private final Map<Long, Training> open = new ConcurrentHashMap<>();

    private static final class Training {
        MultiLayerNetwork net;
        PlainDataset train;
        int epochsDone;
    }

    public RegionNetworkTasklet(JobSpec spec, ExperimentStore experiments, RegionDataCache data, Faults faults,
                                JdbcTemplate jdbc) {
        this.spec = spec;
        this.experiments = experiments;
        this.data = data;
        this.faults = faults;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        RegionsSpec r = spec.regions();
        RegionNetworkPlan plan = RegionPartitioner.network(r, step.getExecutionContext());
        long experimentId = ExperimentContext.experimentId(experiments, step.getJobExecution());
        Boolean finished = jdbc.query("SELECT finished FROM region_network WHERE experiment_id = ? AND network_key = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, experimentId, plan.networkKey());
        if (Boolean.TRUE.equals(finished)) {
            return RepeatStatus.FINISHED;
        }
        RegionDataCache.Images images = data.forExperiment(experimentId);
        checkImages(images);
        Training t = open.computeIfAbsent(step.getId(), id -> restore(experimentId, plan));
        if (t.train == null) {
            t.train = trainingSet(images.train(), r.trainCount());
        }
        PlainDataset train = t.train;
        int planned = plan.trained() ? r.trainEpochs() : 0;
        Double loss = null;
        if (t.epochsDone < planned) {
            long t0 = System.nanoTime();
            NetworkTrainer.Report report = NetworkTrainer.train(t.net, train, null,
                    new NetworkTrainer.Options(1, r.trainBatchSize(), plan.epochSeed(spec.seed(), t.epochsDone)));
            loss = report.epochLoss().get(0);
            t.epochsDone++;
            log.info("{}: epoch {}/{} loss {} in {} s", plan.networkKey(), t.epochsDone, planned,
                    String.format("%.4f", loss), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        }
        boolean done = t.epochsDone >= planned;
        byte[] params = FloatBytes.encode(t.net.params().dup().data().asFloat());
        INDArray updater = plan.trained() ? t.net.getUpdater().getStateViewArray() : null;
        byte[] updaterBytes = done || updater == null ? null : FloatBytes.encode(updater.dup().data().asFloat());
        Double accuracy = done ? NetworkTrainer.accuracy(t.net, images.test(), 1000) : null;
        Long instance = step.getJobExecution().getJobParameters().getLong(JobParametersFactory.INSTANCE);
        jdbc.update("""
                INSERT INTO region_network (experiment_id, network_key, run_key, architecture, layer_sizes, activation,
                    pieces, fit_epsilon, network_state, seed, epochs_planned, epochs_done, iteration, finished, params,
                    updater_state, params_sha256, train_size, test_accuracy, test_size, step_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key) DO UPDATE SET epochs_done = EXCLUDED.epochs_done,
                    iteration = EXCLUDED.iteration, finished = EXCLUDED.finished, params = EXCLUDED.params,
                    updater_state = EXCLUDED.updater_state, params_sha256 = EXCLUDED.params_sha256,
                    test_accuracy = EXCLUDED.test_accuracy, test_size = EXCLUDED.test_size,
                    step_execution_id = EXCLUDED.step_execution_id""",
                ps -> {
                    int i = 1;
                    ps.setLong(i++, experimentId);
                    ps.setString(i++, plan.networkKey());
                    ps.setString(i++, plan.runKey(spec, instance == null ? 1 : instance));
                    ps.setString(i++, plan.architecture());
                    ps.setArray(i++, ps.getConnection().createArrayOf("integer", plan.layerSizes()));
                    ps.setString(i++, plan.activation());
                    ps.setInt(i++, plan.piecewiseLinear().pieces());
                    ps.setObject(i++, RegionsSpec.fitEpsilon(plan.activation()));
                    ps.setString(i++, plan.state());
                    ps.setLong(i++, plan.initSeed(spec.seed()));
                    ps.setInt(i++, planned);
                    ps.setInt(i++, t.epochsDone);
                    ps.setLong(i++, t.net.getIterationCount());
                    ps.setBoolean(i++, done);
                    ps.setBytes(i++, params);
                    ps.setBytes(i++, updaterBytes);
                    ps.setString(i++, done ? FloatBytes.sha256(params) : null);
                    ps.setInt(i++, train.size());
                    ps.setObject(i++, accuracy);
                    ps.setObject(i++, done ? images.test().size() : null);
                    ps.setLong(i++, step.getId());
                });
        if (loss != null) {
            jdbc.update("""
                    INSERT INTO region_network_epoch (experiment_id, network_key, epoch, train_loss, step_execution_id)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (experiment_id, network_key, epoch) DO UPDATE SET
                        train_loss = EXCLUDED.train_loss, step_execution_id = EXCLUDED.step_execution_id""",
                    experimentId, plan.networkKey(), t.epochsDone, loss, step.getId());
        }
        faults.reach("region-networks");
        faults.trainedRegionNetwork(plan.networkKey(), t.epochsDone);
        if (done) {
            log.info("{}: test accuracy {}", plan.networkKey(), String.format("%.4f", accuracy));
        }
        contribution.incrementWriteCount(1);
        return done ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        open.remove(stepExecution.getId());
        return stepExecution.getExitStatus();
    }

    private Training restore(long experimentId, RegionNetworkPlan plan) {
        Training t = new Training();
        t.net = plan.build(spec.seed());
        jdbc.query("SELECT params, updater_state, iteration, epochs_done FROM region_network "
                + "WHERE experiment_id = ? AND network_key = ?", rs -> {
                    float[] params = FloatBytes.decode(rs.getBytes(1));
                    t.net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
                    byte[] u = rs.getBytes(2);
                    INDArray state = t.net.getUpdater().getStateViewArray();
                    if (u != null && state != null) {
                        float[] values = FloatBytes.decode(u);
                        state.assign(Nd4j.create(values, new long[] {1, values.length}, 'c'));
                    }
                    t.net.setIterationCount((int) rs.getLong(3));
                    t.epochsDone = rs.getInt(4);
                    t.net.setEpochCount(t.epochsDone);
                }, experimentId, plan.networkKey());
        return t;
    }

    static void checkImages(RegionDataCache.Images images) {
        if (images.train().dim() != org.losslab.regions.RegionNetworks.MNIST_PIXELS) {
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
