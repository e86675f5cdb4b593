package org.losslab.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.losslab.faults.Faults;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Per-size distribution of the final losses (science.md §A.5.2 "Reported", findings F2–F4): mean,
 * sd, quantiles of the test loss over completed runs, and the train–test Pearson correlation.
 * Rewrites its rows on every execution (natural key experiment × architecture × width).
 */
public final class SummarizeTasklet implements Tasklet {

    private final ExperimentStore experiments;
    private final JdbcTemplate jdbc;
    private final Faults faults;

    public SummarizeTasklet(ExperimentStore experiments, JdbcTemplate jdbc, Faults faults) {
        this.experiments = experiments;
        this.jdbc = jdbc;
        this.faults = faults;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long experimentId = ExperimentContext.experimentId(experiments, contribution.getStepExecution().getJobExecution());
        long jobExecutionId = contribution.getStepExecution().getJobExecutionId();
        Map<String, List<double[]>> byWidth = new TreeMap<>();
        Map<String, int[]> counts = new TreeMap<>();
        jdbc.query("""
                SELECT architecture, widths[2], status, final_train_loss, final_test_loss, final_test_error
                FROM v_runs WHERE experiment_id = ? ORDER BY architecture, widths[2], restart""", rs -> {
            String key = rs.getString(1) + "\t" + rs.getInt(2);
            int[] c = counts.computeIfAbsent(key, k -> new int[3]);
            c[0]++;
            byWidth.computeIfAbsent(key, k -> new ArrayList<>());
            if ("COMPLETED".equals(rs.getString(3))) {
                c[1]++;
                byWidth.get(key).add(new double[] {rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)});
            } else if ("DIVERGED".equals(rs.getString(3))) {
                c[2]++;
            }
        }, experimentId);
        for (Map.Entry<String, List<double[]>> e : byWidth.entrySet()) {
            String[] key = e.getKey().split("\t");
            write(experimentId, key[0], Integer.parseInt(key[1]), counts.get(e.getKey()), e.getValue(), jobExecutionId);
            contribution.incrementWriteCount(1);
            faults.reach("summarize");
        }
        return RepeatStatus.FINISHED;
    }

    private void write(long experimentId, String arch, int width, int[] c, List<double[]> rows, long jobExecutionId) {
        DescriptiveStatistics test = new DescriptiveStatistics();
        DescriptiveStatistics train = new DescriptiveStatistics();
        DescriptiveStatistics error = new DescriptiveStatistics();
        rows.forEach(r -> {
            train.addValue(r[0]);
            test.addValue(r[1]);
            error.addValue(r[2]);
        });
        boolean any = !rows.isEmpty();
        Double pearson = rows.size() > 2 ? new PearsonsCorrelation().correlation(train.getValues(), test.getValues()) : null;
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(test.getValues());
        jdbc.update("""
                INSERT INTO size_summary (experiment_id, architecture, hidden_width, n_runs, n_completed, n_diverged,
                    test_loss_mean, test_loss_sd, test_loss_min, test_loss_q25, test_loss_median, test_loss_q75,
                    test_loss_max, train_loss_mean, test_error_mean, pearson_train_test, job_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, architecture, hidden_width) DO UPDATE SET
                    n_runs = EXCLUDED.n_runs, n_completed = EXCLUDED.n_completed, n_diverged = EXCLUDED.n_diverged,
                    test_loss_mean = EXCLUDED.test_loss_mean, test_loss_sd = EXCLUDED.test_loss_sd,
                    test_loss_min = EXCLUDED.test_loss_min, test_loss_q25 = EXCLUDED.test_loss_q25,
                    test_loss_median = EXCLUDED.test_loss_median, test_loss_q75 = EXCLUDED.test_loss_q75,
                    test_loss_max = EXCLUDED.test_loss_max, train_loss_mean = EXCLUDED.train_loss_mean,
                    test_error_mean = EXCLUDED.test_error_mean, pearson_train_test = EXCLUDED.pearson_train_test,
                    job_execution_id = EXCLUDED.job_execution_id""",
                experimentId, arch, width, c[0], c[1], c[2],
                any ? test.getMean() : null, rows.size() > 1 ? test.getStandardDeviation() : null,
                any ? test.getMin() : null, any ? p.evaluate(25) : null, any ? p.evaluate(50) : null,
                any ? p.evaluate(75) : null, any ? test.getMax() : null, any ? train.getMean() : null,
                any ? error.getMean() : null, pearson, jobExecutionId);
    }
}
