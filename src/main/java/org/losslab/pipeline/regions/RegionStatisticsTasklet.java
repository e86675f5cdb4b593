package org.losslab.pipeline.regions;

import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.regions.NetworkRegionAccumulator;
import org.losslab.regions.RegionStatistics;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * region-statistics: turns the finished accumulator of one (network, input set) into rows, in one
 * transaction ({@link RegionStatisticsStore}): per layer and pooled, data and neuron averaging, every piece:
 * mean, sd, binomial-null sd, KS distance, fractions at 0 and 1, bimodality, and the reflected Gaussian
 * KDE curves; (R_2, R_3) of every unit and the per-datum (R̄_2, R̄_3) histogram of unit counts for
 * 3-piece activations; and the activation-pattern census.
 */
record RegionStatisticsTasklet(JobSpec spec, ExperimentContext experiments, RegionSampleStore samples,
                               RegionStatisticsStore store, Faults faults) implements Tasklet {

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RegionsSpec r = spec.regions();
        RegionPartition part = RegionPartition.of(contribution, r, experiments);
        String input = part.input();
        long experimentId = part.experimentId();
        String key = part.networkKey();
        RegionSampleStore.Accumulators accs = samples.accumulators(experimentId, key, input, true);
        if (accs == null) {
            throw new IllegalStateException(key + "/" + input + ": sampling has not finished");
        }
        NetworkRegionAccumulator acc = accs.inputs();
        long stepId = part.step().getId();
        store.saveStats(experimentId, key, input, RegionStatistics.compute(acc, r.kdePoints()), stepId);
        if (acc.pieces() == 3) {
            store.saveJoint(experimentId, key, input, acc, stepId);
            store.saveNeuronJoint(experimentId, key, input, acc, stepId);
        }
        store.saveCensus(experimentId, key, input, acc, accs.train(), stepId);
        faults.reach("region-statistics");
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }
}
