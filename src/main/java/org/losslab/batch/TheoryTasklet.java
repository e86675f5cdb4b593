package org.losslab.batch;

import java.util.ArrayList;
import java.util.List;
import org.losslab.Seeds;
import org.losslab.faults.Faults;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TheorySpec;
import org.losslab.store.ExperimentStore;
import org.losslab.theory.ComplexityThresholds;
import org.losslab.theory.KacRiceEstimate;
import org.losslab.theory.KacRiceMonteCarlo;
import org.losslab.theory.LogMeanAccumulator.LogMean;
import org.losslab.theory.SpinGlassComplexity;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * theory: the complexity curves and thresholds of every p (science.md §B.4–B.5), then one Kac–Rice
 * Monte Carlo configuration (p, N, θ) per transaction (§B.8 item 4). A restart skips configurations
 * whose rows exist; each configuration's seed is derived from the spec seed, so its rows are
 * reproducible however the step was interrupted.
 */
public final class TheoryTasklet implements Tasklet {

    private final JobSpec spec;
    private final ExperimentStore experiments;
    private final JdbcTemplate jdbc;
    private final Faults faults;

    public TheoryTasklet(JobSpec spec, ExperimentStore experiments, JdbcTemplate jdbc, Faults faults) {
        this.spec = spec;
        this.experiments = experiments;
        this.jdbc = jdbc;
        this.faults = faults;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long experimentId = ExperimentContext.experimentId(experiments, contribution.getStepExecution().getJobExecution());
        long exec = contribution.getStepExecution().getJobExecutionId();
        TheorySpec t = spec.theory();
        for (int p : t.p()) {
            if (!curvesDone(experimentId, p)) {
                writeCurves(experimentId, p, t, exec);
                contribution.incrementWriteCount(1);
                faults.reach("theory");
                return RepeatStatus.CONTINUABLE;
            }
        }
        for (int p : t.p()) {
            for (int n : t.kacRiceSizes()) {
                for (double theta : t.kacRiceTheta()) {
                    if (!kacRiceDone(experimentId, p, n, theta)) {
                        writeKacRice(experimentId, p, n, theta, t.kacRiceSamples(), exec);
                        contribution.incrementWriteCount(1);
                        faults.reach("theory");
                        return RepeatStatus.CONTINUABLE;
                    }
                }
            }
        }
        return RepeatStatus.FINISHED;
    }

    private boolean curvesDone(long experimentId, int p) {
        return jdbc.queryForObject("SELECT count(*) FROM theory_threshold WHERE experiment_id = ? AND p = ?",
                Long.class, experimentId, p) > 0;
    }

    private void writeCurves(long experimentId, int p, TheorySpec t, long exec) {
        List<Object[]> thresholds = new ArrayList<>();
        thresholds.add(new Object[] {experimentId, p, -1, SpinGlassComplexity.eInf(p), exec});
        double[] e = ComplexityThresholds.thresholds(p, t.maxK());
        for (int k = 0; k <= t.maxK(); k++) {
            thresholds.add(new Object[] {experimentId, p, k, e[k], exec});
        }
        jdbc.batchUpdate("""
                INSERT INTO theory_threshold (experiment_id, p, k, e_k, job_execution_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, p, k) DO UPDATE SET e_k = EXCLUDED.e_k""", thresholds);
        List<Object[]> curve = new ArrayList<>();
        for (double u : t.uGrid()) {
            curve.add(new Object[] {experimentId, p, -1, u, SpinGlassComplexity.thetaTotal(p, u), exec});
            for (int k = 0; k <= t.maxK(); k++) {
                curve.add(new Object[] {experimentId, p, k, u, SpinGlassComplexity.theta(k, p, u), exec});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO complexity_curve (experiment_id, p, k, u, theta, job_execution_id) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, p, k, u) DO UPDATE SET theta = EXCLUDED.theta""", curve);
    }

    private boolean kacRiceDone(long experimentId, int p, int n, double theta) {
        return jdbc.queryForObject("SELECT count(*) FROM kac_rice WHERE experiment_id = ? AND p = ? AND n = ? AND theta = ?",
                Long.class, experimentId, p, n, theta) > 0;
    }

    private void writeKacRice(long experimentId, int p, int n, double theta, long samples, long exec) {
        long seed = Seeds.derive(spec.seed(), "kac-rice", p, n, Double.doubleToLongBits(theta));
        KacRiceEstimate est = new KacRiceMonteCarlo(p, n, null, theta == 0 ? null : theta).estimate(samples, seed);
        List<Object[]> rows = new ArrayList<>();
        rows.add(row(experimentId, p, n, theta, -1, est.total(), samples, seed, exec));
        for (int k = 0; k < n; k++) {
            rows.add(row(experimentId, p, n, theta, k, est.index(k), samples, seed, exec));
        }
        jdbc.batchUpdate("""
                INSERT INTO kac_rice (experiment_id, p, n, theta, k, mean, se, log_mean, samples, seed, job_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, p, n, theta, k) DO UPDATE SET mean = EXCLUDED.mean, se = EXCLUDED.se,
                    log_mean = EXCLUDED.log_mean, samples = EXCLUDED.samples, seed = EXCLUDED.seed""", rows);
    }

    private static Object[] row(long experimentId, int p, int n, double theta, int k, LogMean m, long samples, long seed,
                                long exec) {
        return new Object[] {experimentId, p, n, theta, k, m.mean(), m.se(), m.logMean(), samples, seed, exec};
    }
}
