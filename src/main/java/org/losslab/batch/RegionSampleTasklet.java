package org.losslab.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.Seeds;
import org.losslab.faults.Faults;
import org.losslab.regions.NetworkRegionAccumulator;
import org.losslab.regions.PlainDataset;
import org.losslab.regions.PreActivationSampler;
import org.losslab.regions.RegionNetworks;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.store.ExperimentStore;
import org.losslab.training.FloatBytes;
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
public final class RegionSampleTasklet implements Tasklet, StepExecutionListener {

    private final JobSpec spec;
    private final ExperimentStore experiments;
    private final RegionDataCache data;
    private final Faults faults;
    private final JdbcTemplate jdbc;
    private final ChoromanskaNetworks choromanska;
    private final Map<Long, Sampling> open = new ConcurrentHashMap<>();

    private static final class Sampling {
        PreActivationSampler sampler;
        NetworkRegionAccumulator acc;
        NetworkRegionAccumulator trainAcc;
        int rowsTotal;
        int trainTotal;
        PlainDataset inputs;
        PlainDataset train;
    }

    public RegionSampleTasklet(JobSpec spec, ExperimentStore experiments, RegionDataCache data, Faults faults,
                               JdbcTemplate jdbc, ChoromanskaNetworks choromanska) {
        this.choromanska = choromanska;
        this.spec = spec;
        this.experiments = experiments;
        this.data = data;
        this.faults = faults;
        this.jdbc = jdbc;
    }

    /** Seed of the Gaussian input set: one set per experiment, shared by all networks. */
    public static long gaussianSeed(long specSeed) {
        return Seeds.derive(specSeed, "regions-gaussian-inputs");
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        RegionsSpec r = spec.regions();
        RegionNetworkPlan plan = RegionPartitioner.network(r, step.getExecutionContext());
        String input = step.getExecutionContext().getString(RegionPartitioner.INPUT);
        long experimentId = ExperimentContext.experimentId(experiments, step.getJobExecution());
        Boolean finished = jdbc.query("SELECT finished FROM region_sample WHERE experiment_id = ? AND network_key = ? "
                + "AND input_set = ?", rs -> rs.next() ? rs.getBoolean(1) : null, experimentId, plan.networkKey(), input);
        if (Boolean.TRUE.equals(finished)) {
            return RepeatStatus.FINISHED;
        }
        Sampling s = open.computeIfAbsent(step.getId(), id -> open(experimentId, plan, input));
        int batch = r.batchSize();
        if (s.acc.nextRow() < s.rowsTotal) {
            int from = (int) s.acc.nextRow();
            int to = Math.min(s.rowsTotal, from + batch);
            if (s.inputs != null) {
                s.sampler.sampleRows(s.inputs, from, to, batch, s.acc);
            } else {
                s.sampler.sampleGaussian(gaussianSeed(spec.seed()), from, to, batch, s.acc);
            }
        } else if (s.trainAcc != null && s.trainAcc.nextRow() < s.trainTotal) {
            int from = (int) s.trainAcc.nextRow();
            s.sampler.sampleRows(s.train, from, Math.min(s.trainTotal, from + batch), batch, s.trainAcc);
        }
        boolean done = s.acc.nextRow() >= s.rowsTotal && (s.trainAcc == null || s.trainAcc.nextRow() >= s.trainTotal);
        jdbc.update("""
                INSERT INTO region_sample (experiment_id, network_key, input_set, rows_total, next_row, train_rows_total,
                    train_next_row, state, train_state, finished, step_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key, input_set) DO UPDATE SET next_row = EXCLUDED.next_row,
                    train_next_row = EXCLUDED.train_next_row, state = EXCLUDED.state, train_state = EXCLUDED.train_state,
                    finished = EXCLUDED.finished, step_execution_id = EXCLUDED.step_execution_id""",
                experimentId, plan.networkKey(), input, s.rowsTotal, (int) s.acc.nextRow(), s.trainTotal,
                s.trainAcc == null ? 0 : (int) s.trainAcc.nextRow(), s.acc.toBytes(),
                s.trainAcc == null ? null : s.trainAcc.toBytes(), done, step.getId());
        faults.reach("sample-activations");
        int rowsDone = (int) s.acc.nextRow() + (s.trainAcc == null ? 0 : (int) s.trainAcc.nextRow());
        faults.sampledRows(plan.networkKey() + "/" + input, rowsDone);
        contribution.incrementWriteCount(1);
        return done ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        open.remove(stepExecution.getId());
        return stepExecution.getExitStatus();
    }

    private Sampling open(long experimentId, RegionNetworkPlan plan, String input) {
        RegionsSpec r = spec.regions();
        Object[] row = jdbc.query("SELECT finished, params, params_sha256 FROM region_network WHERE experiment_id = ? "
                        + "AND network_key = ?", rs -> rs.next() ? new Object[] {rs.getBoolean(1), rs.getBytes(2), rs.getString(3)} : null,
                experimentId, plan.networkKey());
        if (row == null || !Boolean.TRUE.equals(row[0])) {
            throw new IllegalStateException("network " + plan.networkKey() + " is not finished: run region-networks first");
        }
        Sampling s = new Sampling();
        PlainDataset[] images = null;
        if (plan.choromanska()) {
            ChoromanskaNetworks.Run run = choromanska.run(experimentId, plan.sourceRun());
            float[] params = choromanska.parameters(spec, run, plan.state());
            if (!FloatBytes.sha256(FloatBytes.encode(params)).equals(row[2])) {
                throw new IllegalStateException(plan.networkKey() + ": parameters differ from those registered");
            }
            MultiLayerNetwork net = ChoromanskaNetworks.network(run, params);
            s.sampler = new PreActivationSampler(net, run.sizes()[0]);
            if (RegionsSpec.MNIST.equals(input)) {
                images = choromanska.inputs(experimentId, spec);
            }
        } else {
            byte[] params = (byte[]) row[1];
            MultiLayerNetwork net = plan.build(spec.seed());
            float[] p = FloatBytes.decode(params);
            net.setParams(Nd4j.create(p, new long[] {1, p.length}, 'c'));
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
        jdbc.query("SELECT state, train_state FROM region_sample WHERE experiment_id = ? AND network_key = ? "
                + "AND input_set = ?", rs -> {
                    s.acc = NetworkRegionAccumulator.fromBytes(rs.getBytes(1));
                    byte[] t = rs.getBytes(2);
                    if (t != null) {
                        s.trainAcc = NetworkRegionAccumulator.fromBytes(t);
                    }
                }, experimentId, plan.networkKey(), input);
        return s;
    }
}
