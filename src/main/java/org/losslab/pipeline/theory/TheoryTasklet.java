package org.losslab.pipeline.theory;

import org.losslab.Seeds;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TheorySpec;
import org.losslab.theory.ComplexityThresholds;
import org.losslab.theory.KacRiceEstimate;
import org.losslab.theory.KacRiceMonteCarlo;
import org.losslab.theory.SpinGlassComplexity;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * theory: the complexity curves and thresholds of every p (science.md §B.4–B.5), then one Kac–Rice
 * Monte Carlo configuration (p, N, θ) per transaction (§B.8 item 4). A restart skips configurations
 * whose rows exist; each configuration's seed is derived from the spec seed, so its rows are
 * reproducible however the step was interrupted.
 */
record TheoryTasklet(JobSpec spec, ExperimentContext experiments, TheoryStore store, Faults faults) implements Tasklet {

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long experimentId = experiments.experimentId(contribution.getStepExecution());
        long exec = contribution.getStepExecution().getJobExecutionId();
        TheorySpec t = spec.theory();
        for (int p : t.p()) {
            if (!store.curvesDone(experimentId, p)) {
                saveCurves(experimentId, p, t, exec);
                contribution.incrementWriteCount(1);
                faults.reach("theory");
                return RepeatStatus.CONTINUABLE;
            }
        }
        for (int p : t.p()) {
            for (int n : t.kacRiceSizes()) {
                for (double theta : t.kacRiceTheta()) {
                    if (!store.kacRiceDone(experimentId, p, n, theta)) {
                        long seed = Seeds.derive(spec.seed(), "kac-rice", p, n, Double.doubleToLongBits(theta));
                        KacRiceEstimate est = new KacRiceMonteCarlo(p, n, null, theta == 0 ? null : theta)
                                .estimate(t.kacRiceSamples(), seed);
                        store.saveKacRice(experimentId, p, n, theta, est, t.kacRiceSamples(), seed, exec);
                        contribution.incrementWriteCount(1);
                        faults.reach("theory");
                        return RepeatStatus.CONTINUABLE;
                    }
                }
            }
        }
        return RepeatStatus.FINISHED;
    }

    /** E_∞ and E_0..E_K, and Θ_total and Θ_0..Θ_K on the u grid, of one p. */
    private void saveCurves(long experimentId, int p, TheorySpec t, long exec) {
        double[] thresholds = ComplexityThresholds.thresholds(p, t.maxK());
        double[] e = new double[t.maxK() + 2];
        e[0] = SpinGlassComplexity.eInf(p);
        System.arraycopy(thresholds, 0, e, 1, t.maxK() + 1);
        double[] u = t.uGrid();
        double[][] theta = new double[u.length][t.maxK() + 2];
        for (int i = 0; i < u.length; i++) {
            theta[i][0] = SpinGlassComplexity.thetaTotal(p, u[i]);
            for (int k = 0; k <= t.maxK(); k++) {
                theta[i][k + 1] = SpinGlassComplexity.theta(k, p, u[i]);
            }
        }
        store.saveCurves(experimentId, p, e, u, theta, exec);
    }
}
