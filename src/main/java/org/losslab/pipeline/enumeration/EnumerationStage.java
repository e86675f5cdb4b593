package org.losslab.pipeline.enumeration;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PipelineStage;
import org.losslab.pipeline.StepFactory;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/**
 * Section {@code enumeration} (science.md §B.8 item 5, §E.2 F13): the partitioned enumeration step, whose worker
 * step enumeration-block enumerates one block of disorder samples of one size N, then enumeration-kac-rice,
 * Kac–Rice's expected counts at the same sizes.
 */
@Component
public record EnumerationStage(StepFactory steps, ExperimentContext experiments, EnumerationStore store, Faults faults)
        implements PipelineStage {

    static final String WORKER = "enumeration-block";

    @Override
    public String section() {
        return "enumeration";
    }

    @Override
    public int order() {
        return 45;
    }

    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(steps.partitioned("enumeration", block(spec), new EnumerationPartitioner(spec.enumeration())),
                steps.tasklet("enumeration-kac-rice", new KacRiceExpectationTasklet(spec, experiments, store)));
    }

    @Override
    public Map<String, Function<JobSpec, Step>> workerSteps() {
        return Map.of(WORKER, this::block);
    }

    private Step block(JobSpec spec) {
        return steps.tasklet(WORKER, new EnumerationTasklet(spec, experiments, store, faults));
    }
}
