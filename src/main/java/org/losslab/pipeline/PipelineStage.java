package org.losslab.pipeline;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.step.Step;

/**
 * One stage of the pipeline (docs/architecture.md): the spec section it serves, where it runs in the
 * job, the steps it adds when the spec asks for it, and the worker steps of its partitioned steps,
 * which remote workers rebuild by name. Spring injects every stage into {@link JobAssembler}; adding a
 * stage is adding an implementation, nothing else.
 */
public interface PipelineStage {

    /** The spec section the stage serves, e.g. {@code training} (docs/specs.md). */
    String section();

    /** Position in the job: stages run in increasing order. */
    int order();

    /** Whether the spec asks for this stage: by default, whether it has the stage's section. */
    default boolean runs(JobSpec spec) {
        return spec.has(section());
    }

    /** The stage's steps, in the order they run. */
    List<Step> steps(JobSpec spec);

    /** The worker steps of the stage's partitioned steps, by step name, built for a spec. */
    default Map<String, Function<JobSpec, Step>> workerSteps() {
        return Map.of();
    }

    /** {units done, units planned} of the experiment's work in this stage, for the progress display; null if none. */
    default long[] progress(long experimentId) {
        return null;
    }

    /** What {@link #progress} counts, e.g. {@code network-epochs}. */
    default String progressUnit() {
        return "units";
    }
}
