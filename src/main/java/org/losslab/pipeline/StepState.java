package org.losslab.pipeline;

/**
 * One step execution as progress counts it: its name (a partition's {@code step:partition} name included) and
 * whether it completed. Built from Spring Batch's {@code StepExecution} in the running process, and from the
 * {@code v_step_execution} view by readers that may not read the job repository (losslab serve).
 */
public record StepState(String name, boolean completed) {
}
