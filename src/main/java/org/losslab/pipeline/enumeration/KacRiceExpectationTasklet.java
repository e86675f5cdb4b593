package org.losslab.pipeline.enumeration;

import java.util.ArrayList;
import java.util.List;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.spec.EnumerationSpec;
import org.losslab.spec.JobSpec;
import org.losslab.theory.KacRiceEstimate;
import org.losslab.theory.KacRiceMonteCarlo;
import org.losslab.theory.SpinGlassComplexity;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Kac–Rice's expected number of critical points of each index at every enumerated N (science.md §B.2, ABC's
 * exact identity, θ = 0), over all energies and below u = −E_∞ (§B.6), one N per transaction: the references
 * that F13's counts are judged against. Both use the same GOE draws (common random numbers).
 */
record KacRiceExpectationTasklet(JobSpec spec, ExperimentContext experiments, EnumerationStore store)
        implements Tasklet {

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        long experimentId = experiments.experimentId(step);
        EnumerationSpec s = spec.enumeration();
        for (int n : s.sizes()) {
            if (store.hasKacRice(experimentId, n)) {
                continue;
            }
            double uMax = -SpinGlassComplexity.eInf(s.p());
            long seed = EnumerationSeeds.kacRice(spec.seed(), n);
            KacRiceEstimate all = new KacRiceMonteCarlo(s.p(), n, null, null).estimate(s.kacRiceSamples(), seed);
            KacRiceEstimate below = new KacRiceMonteCarlo(s.p(), n, uMax, null).estimate(s.kacRiceSamples(), seed);
            List<double[]> rows = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                rows.add(new double[] {k, all.index(k).mean(), all.index(k).se(), below.index(k).mean(),
                        below.index(k).se()});
            }
            store.saveKacRice(experimentId, s.p(), n, uMax, rows, s.kacRiceSamples(), seed,
                    step.getJobExecution().getId());
            contribution.incrementWriteCount(1);
            return RepeatStatus.CONTINUABLE;
        }
        return RepeatStatus.FINISHED;
    }
}
