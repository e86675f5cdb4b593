package org.losslab.pipeline.enumeration;

import java.util.List;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.spec.EnumerationSpec;
import org.losslab.spec.JobSpec;
import org.losslab.theory.CriticalPointEnumerator;
import org.losslab.theory.CriticalPointEnumerator.Enumeration;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Enumerates one disorder sample per transaction (science.md §B.8 item 5): the first sample of the partition's
 * block that has no row yet. The sample's couplings and Newton starts come from seeds of (N, sample) alone
 * ({@link EnumerationSeeds}), and its rows commit together, so a killed partition resumes at the first missing
 * sample and ends with the rows of an uninterrupted run. Nothing is held between transactions.
 */
record EnumerationTasklet(JobSpec spec, ExperimentContext experiments, EnumerationStore store, Faults faults)
        implements Tasklet {

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        ExecutionContext ctx = step.getExecutionContext();
        int n = ctx.getInt(EnumerationPartitioner.N);
        int from = ctx.getInt(EnumerationPartitioner.FROM);
        int to = from + ctx.getInt(EnumerationPartitioner.COUNT);
        long experimentId = experiments.experimentId(step);
        List<Integer> done = store.samplesDone(experimentId, n, from, to);
        int sample = from;
        while (sample < to && done.contains(sample)) {
            sample++;
        }
        if (sample == to) {
            return RepeatStatus.FINISHED;
        }
        EnumerationSpec s = spec.enumeration();
        Enumeration e = new CriticalPointEnumerator(EnumerationSeeds.couplings(spec.seed(), s.p(), n, sample))
                .enumerate(s.startsAt(n), EnumerationSeeds.starts(spec.seed(), n, sample), s.mirror());
        store.saveSample(experimentId, s.p(), n, sample, s.mirror(), e, step.getId());
        faults.reach("enumeration");
        contribution.incrementWriteCount(1);
        return done.size() + 1 == to - from ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }
}
