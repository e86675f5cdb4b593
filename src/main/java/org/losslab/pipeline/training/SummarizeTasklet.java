package org.losslab.pipeline.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.training.SummaryStore.RunOutcome;
import org.losslab.pipeline.training.SummaryStore.SizeSummary;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Per-size distribution of the final losses (science.md §A.5.2 "Reported", findings F2–F4): mean,
 * sd, quantiles of the test loss over completed runs, and the train–test Pearson correlation.
 * Rewrites its rows on every execution (natural key experiment × architecture × width).
 */
record SummarizeTasklet(ExperimentContext experiments, SummaryStore summaries, Faults faults) implements Tasklet {

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long experimentId = experiments.experimentId(contribution.getStepExecution());
        long jobExecutionId = contribution.getStepExecution().getJobExecutionId();
        Map<String, List<double[]>> byWidth = new TreeMap<>();
        Map<String, int[]> counts = new TreeMap<>();
        for (RunOutcome r : summaries.outcomes(experimentId)) {
            String key = r.architecture() + "\t" + r.width();
            int[] c = counts.computeIfAbsent(key, k -> new int[3]);
            c[0]++;
            byWidth.computeIfAbsent(key, k -> new ArrayList<>());
            if ("COMPLETED".equals(r.status())) {
                c[1]++;
                byWidth.get(key).add(new double[] {r.trainLoss(), r.testLoss(), r.testError()});
            } else if ("DIVERGED".equals(r.status())) {
                c[2]++;
            }
        }
        for (Map.Entry<String, List<double[]>> e : byWidth.entrySet()) {
            String[] key = e.getKey().split("\t");
            summaries.save(experimentId, summary(key[0], Integer.parseInt(key[1]), counts.get(e.getKey()), e.getValue()),
                    jobExecutionId);
            contribution.incrementWriteCount(1);
            faults.reach("summarize");
        }
        return RepeatStatus.FINISHED;
    }

    /** {@code c} = {runs, completed, diverged}; {@code rows} = {train, test, test error} of each completed run. */
    static SizeSummary summary(String arch, int width, int[] c, List<double[]> rows) {
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
        return new SizeSummary(arch, width, c[0], c[1], c[2],
                any ? test.getMean() : null, rows.size() > 1 ? test.getStandardDeviation() : null,
                any ? test.getMin() : null, any ? p.evaluate(25) : null, any ? p.evaluate(50) : null,
                any ? p.evaluate(75) : null, any ? test.getMax() : null, any ? train.getMean() : null,
                any ? error.getMean() : null, pearson);
    }
}
