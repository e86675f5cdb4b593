package org.losslab.pipeline.data;

import org.losslab.spec.JobSpec;
import org.springframework.batch.core.step.StepExecution;

/**
 * A stage that plans its work as soon as prepare-data has stored the data set, in the same
 * transaction (the training stage plans its runs), so the plan and the data it is made of commit
 * together, or not at all.
 */
public interface WorkPlanner {

    void plan(JobSpec spec, long experimentId, String datasetSha256, StepExecution step);
}
