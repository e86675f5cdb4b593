package org.losslab.pipeline.regions;

import org.losslab.pipeline.ExperimentContext;
import org.losslab.spec.RegionsSpec;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a region worker step works on, read from its partition's context: the network, the input set
 * (null for region-networks, which is partitioned by network only) and the experiment.
 */
record RegionPartition(RegionNetworkPlan plan, String input, long experimentId, StepExecution step) {

    static RegionPartition of(StepContribution contribution, RegionsSpec spec, ExperimentContext experiments) {
        StepExecution step = contribution.getStepExecution();
        ExecutionContext ctx = step.getExecutionContext();
        return new RegionPartition(RegionPartitioner.network(spec, ctx),
                ctx.containsKey(RegionPartitioner.INPUT) ? ctx.getString(RegionPartitioner.INPUT) : null,
                experiments.experimentId(step), step);
    }

    String networkKey() {
        return plan.networkKey();
    }

    /** The instance number of the job, for run keys. */
    long instance() {
        return ExperimentContext.instance(step.getJobExecution());
    }
}
