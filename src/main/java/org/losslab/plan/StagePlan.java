package org.losslab.plan;

import org.losslab.spec.JobSpec;

/**
 * A stage's own estimate of what it will do and cost (docs/operations.md "The plan"). Each stage
 * package implements it next to its step wiring and lists the class in
 * {@code META-INF/services/org.losslab.plan.StagePlan}; {@link RunPlan} finds them with
 * {@link java.util.ServiceLoader}, without Spring or a database, so a new stage adds its estimate
 * without touching the plan.
 */
public interface StagePlan {

    /** Position in the job, as the stage's {@code PipelineStage#order()}. */
    int order();

    /** Whether the spec runs this stage. */
    boolean runs(JobSpec spec);

    /** The stage's work, memory and database space for this spec; sizes beyond reason throw IllegalArgumentException. */
    StageEstimate estimate(JobSpec spec, PlanInputs inputs);
}
