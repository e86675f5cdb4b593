package org.losslab.pipeline.compare;

import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The compare step: computes every comparison its inputs allow ({@link ComparisonRunner}) and replaces
 * the experiment's rows of table {@code comparison} in the step's transaction, so a restarted step
 * leaves exactly one set of rows. Absent inputs (stages not run) are logged, not errors.
 */
record CompareTasklet(ExperimentContext experiments, ComparisonStore store, Faults faults) implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CompareTasklet.class);

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = contribution.getStepExecution();
        long experimentId = experiments.experimentId(step);
        ComparisonRunner.Result result = store.compute(experimentId);
        store.replace(experimentId, result.comparisons(), step.getJobExecutionId(), step.getId());
        faults.reach("compare");
        contribution.incrementWriteCount(result.comparisons().size());
        log.info("compare: {} comparison rows; not compared: {}", result.comparisons().size(),
                result.missing().isEmpty() ? "nothing" : String.join("; ", result.missing()));
        return RepeatStatus.FINISHED;
    }
}
