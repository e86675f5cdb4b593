package org.losslab.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.losslab.faults.Faults;
import org.losslab.regions.Hash128;
import org.losslab.regions.LayerRegionAccumulator;
import org.losslab.regions.NetworkRegionAccumulator;
import org.losslab.regions.NeuronJointHistogram;
import org.losslab.regions.PatternCensus;
import org.losslab.regions.RegionStatistics;
import org.losslab.regions.RegionStatsRow;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * region-statistics: turns the finished accumulator of one (network, input set) into rows, in one
 * transaction, all keyed on natural keys ({@code ON CONFLICT DO UPDATE}, so a replay rewrites the
 * same rows): {@code region_stat} (per layer and pooled, data and neuron averaging, every piece:
 * mean, sd, binomial-null sd, KS distance, fractions at 0 and 1, bimodality), {@code region_kde}
 * (reflected Gaussian KDE curves), {@code region_joint} ((R_2, R_3) of every unit, for
 * 3-piece activations) and {@code region_joint_neuron} (the per-datum (R̄_2, R̄_3) as a histogram of
 * unit counts, per layer and pooled), {@code region_census} and {@code region_pattern_size} (activation patterns).
 */
public final class RegionStatisticsTasklet implements Tasklet {

    private final JobSpec spec;
    private final ExperimentStore experiments;
    private final JdbcTemplate jdbc;
    private final Faults faults;

    public RegionStatisticsTasklet(JobSpec spec, ExperimentStore experiments, JdbcTemplate jdbc, Faults faults) {
        this.spec = spec;
        this.experiments = experiments;
        this.jdbc = jdbc;
        this.faults = faults;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        RegionsSpec r = spec.regions();
        RegionNetworkPlan plan = RegionPartitioner.network(r, step.getExecutionContext());
        String input = step.getExecutionContext().getString(RegionPartitioner.INPUT);
        long experimentId = ExperimentContext.experimentId(experiments, step.getJobExecution());
        String key = plan.networkKey();
        NetworkRegionAccumulator[] accs = new NetworkRegionAccumulator[2];
        jdbc.query("SELECT state, train_state FROM region_sample WHERE experiment_id = ? AND network_key = ? "
                + "AND input_set = ? AND finished", rs -> {
                    accs[0] = NetworkRegionAccumulator.fromBytes(rs.getBytes(1));
                    byte[] t = rs.getBytes(2);
                    accs[1] = t == null ? null : NetworkRegionAccumulator.fromBytes(t);
                }, experimentId, key, input);
        if (accs[0] == null) {
            throw new IllegalStateException(key + "/" + input + ": sampling has not finished");
        }
        NetworkRegionAccumulator acc = accs[0];
        long stepId = step.getId();
        writeStats(experimentId, key, input, RegionStatistics.compute(acc, r.kdePoints()), stepId);
        if (acc.pieces() == 3) {
            writeJoint(experimentId, key, input, acc, stepId);
            writeNeuronJoint(experimentId, key, input, acc, stepId);
        }
        writeCensus(experimentId, key, input, acc, accs[1], stepId);
        faults.reach("region-statistics");
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }

    private void writeStats(long experimentId, String key, String input, List<RegionStatsRow> rows, long stepId) {
        List<Object[]> stats = new ArrayList<>();
        List<Object[]> kde = new ArrayList<>();
        for (RegionStatsRow s : rows) {
            String averaging = s.averaging().name().toLowerCase(java.util.Locale.ROOT);
            stats.add(new Object[] {experimentId, key, input, s.layer(), averaging, s.piece(), s.layerIndex(),
                    (int) s.units(), (int) s.data(), (int) s.sampleSize(), (int) s.trials(), s.mean(), s.sd(),
                    s.nullSd(), s.sdRatio(), s.ksDistance(), s.fractionZero(), s.fractionOne(), s.bimodality(),
                    s.kde().bandwidth(), stepId});
            for (int p = 0; p < s.kde().x().length; p++) {
                kde.add(new Object[] {experimentId, key, input, s.layer(), averaging, s.piece(), p, s.kde().x()[p],
                        s.kde().density()[p]});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO region_stat (experiment_id, network_key, input_set, layer, averaging, piece, layer_index,
                    units, n_data, sample_size, trials, mean, sd, null_sd, sd_ratio, ks_distance, fraction_zero,
                    fraction_one, bimodality, kde_bandwidth, step_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key, input_set, layer, averaging, piece) DO UPDATE SET
                    layer_index = EXCLUDED.layer_index, units = EXCLUDED.units, n_data = EXCLUDED.n_data,
                    sample_size = EXCLUDED.sample_size, trials = EXCLUDED.trials, mean = EXCLUDED.mean,
                    sd = EXCLUDED.sd, null_sd = EXCLUDED.null_sd, sd_ratio = EXCLUDED.sd_ratio,
                    ks_distance = EXCLUDED.ks_distance, fraction_zero = EXCLUDED.fraction_zero,
                    fraction_one = EXCLUDED.fraction_one, bimodality = EXCLUDED.bimodality,
                    kde_bandwidth = EXCLUDED.kde_bandwidth, step_execution_id = EXCLUDED.step_execution_id""", stats);
        jdbc.batchUpdate("""
                INSERT INTO region_kde (experiment_id, network_key, input_set, layer, averaging, piece, point, x, density)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key, input_set, layer, averaging, piece, point) DO UPDATE SET
                    x = EXCLUDED.x, density = EXCLUDED.density""", kde);
    }

    /** (R_2, R_3) = data averages of pieces 2 and 3 (0-based 1 and 2), one row per unit of each layer. */
    private void writeJoint(long experimentId, String key, String input, NetworkRegionAccumulator acc, long stepId) {
        List<Object[]> rows = new ArrayList<>();
        for (LayerRegionAccumulator layer : acc.layers()) {
            double[][] joint = layer.jointFractions(1, 2);
            for (int j = 0; j < joint.length; j++) {
                rows.add(new Object[] {experimentId, key, input, layer.name(), j, joint[j][0], joint[j][1], stepId});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO region_joint (experiment_id, network_key, input_set, layer, unit, r2, r3, step_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key, input_set, layer, unit) DO UPDATE SET r2 = EXCLUDED.r2,
                    r3 = EXCLUDED.r3, step_execution_id = EXCLUDED.step_execution_id""", rows);
    }

    /** Per-datum (k2, k3) unit counts of every layer and of all hidden units ('pooled'), with their data. */
    private void writeNeuronJoint(long experimentId, String key, String input, NetworkRegionAccumulator acc, long stepId) {
        List<Object[]> rows = new ArrayList<>();
        for (LayerRegionAccumulator layer : acc.layers()) {
            addCells(rows, experimentId, key, input, layer.name(), layer.neuronJoint(), stepId);
        }
        addCells(rows, experimentId, key, input, RegionStatistics.POOLED, acc.pooledNeuronJoint(), stepId);
        jdbc.batchUpdate("""
                INSERT INTO region_joint_neuron (experiment_id, network_key, input_set, layer, units, k2, k3, n_data,
                    step_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key, input_set, layer, k2, k3) DO UPDATE SET units = EXCLUDED.units,
                    n_data = EXCLUDED.n_data, step_execution_id = EXCLUDED.step_execution_id""", rows);
    }

    private static void addCells(List<Object[]> rows, long experimentId, String key, String input, String layer,
                                 NeuronJointHistogram h, long stepId) {
        for (NeuronJointHistogram.Cell c : h.cells()) {
            rows.add(new Object[] {experimentId, key, input, layer, h.units(), c.k2(), c.k3(), c.data(), stepId});
        }
    }

    private void writeCensus(long experimentId, String key, String input, NetworkRegionAccumulator acc,
                             NetworkRegionAccumulator train, long stepId) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> sizes = new ArrayList<>();
        for (int l = 0; l < acc.layers().size(); l++) {
            LayerRegionAccumulator layer = acc.layers().get(l);
            PatternCensus c = layer.census();
            TreeMap<Long, Integer> perSize = new TreeMap<>();
            for (long n : c.counts().values()) {
                perSize.merge(n, 1, Integer::sum);
            }
            PatternCensus t = train == null ? null : train.layers().get(l).census();
            PatternCensus.Shared shared = t == null ? null : c.shared(t);
            Hash128 f = c.fingerprint();
            rows.add(new Object[] {experimentId, key, input, layer.name(), l, layer.units(), (int) c.dataCount(),
                    c.distinctPatterns(), c.largestPatternCount(), perSize.getOrDefault(1L, 0),
                    (double) c.dataCount() / c.distinctPatterns(),
                    t == null ? null : (int) t.dataCount(), t == null ? null : t.distinctPatterns(),
                    shared == null ? null : shared.distinctShared(), shared == null ? null : shared.dataInShared(),
                    shared == null ? null : shared.otherDataInShared(),
                    String.format("%016x%016x", f.hi(), f.lo()), stepId});
            perSize.forEach((n, patterns) -> sizes.add(new Object[] {experimentId, key, input, layer.name(), n, patterns}));
        }
        jdbc.batchUpdate("""
                INSERT INTO region_census (experiment_id, network_key, input_set, layer, layer_index, units, n_data,
                    distinct_patterns, largest_pattern_count, singleton_patterns, mean_data_per_pattern, train_data,
                    train_distinct, shared_distinct, data_in_shared, train_data_in_shared, fingerprint,
                    step_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key, input_set, layer) DO UPDATE SET
                    layer_index = EXCLUDED.layer_index, units = EXCLUDED.units, n_data = EXCLUDED.n_data,
                    distinct_patterns = EXCLUDED.distinct_patterns, largest_pattern_count = EXCLUDED.largest_pattern_count,
                    singleton_patterns = EXCLUDED.singleton_patterns, mean_data_per_pattern = EXCLUDED.mean_data_per_pattern,
                    train_data = EXCLUDED.train_data, train_distinct = EXCLUDED.train_distinct,
                    shared_distinct = EXCLUDED.shared_distinct, data_in_shared = EXCLUDED.data_in_shared,
                    train_data_in_shared = EXCLUDED.train_data_in_shared, fingerprint = EXCLUDED.fingerprint,
                    step_execution_id = EXCLUDED.step_execution_id""", rows);
        jdbc.batchUpdate("""
                INSERT INTO region_pattern_size (experiment_id, network_key, input_set, layer, data_per_pattern, patterns)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, network_key, input_set, layer, data_per_pattern) DO UPDATE SET
                    patterns = EXCLUDED.patterns""", sizes);
    }
}
