package org.losslab.pipeline.regions;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PipelineStage;
import org.losslab.pipeline.StepFactory;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.stereotype.Component;

/**
 * Section {@code regions} (science.md §C.4, Baskerville et al. 2021), three partitioned steps:
 * region-networks (one partition per network: initialise, and train if trained), sample-activations
 * and region-statistics (one partition per network × input set). Networks of architecture
 * {@code choromanska} are the training section's runs: region-networks only registers them
 * ({@link ChoromanskaRegistration}); the job runs these steps after train and summarize.
 */
@Component
public record RegionsStage(StepFactory steps, ExperimentContext experiments, RegionDataCache data,
                           RegionNetworkStore networks, RegionCellsStore cells, RegionSampleStore samples, RegionStatisticsStore statistics,
                           ChoromanskaNetworks choromanska, Faults faults) implements PipelineStage {

    static final String NETWORKS = "region-networks-part";
    static final String SAMPLES = "sample-activations-part";
    static final String STATISTICS = "region-statistics-part";

    @Override
    public String section() {
        return "regions";
    }

    @Override
    public int order() {
        return 60;
    }

    /** region-networks → sample-activations → region-statistics (local threads or remote workers). */
    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(
                steps.partitioned("region-networks", networksStep(spec),
                        new RegionPartitioner(spec.regions(), false, () -> trainingRuns(spec))),
                steps.partitioned("sample-activations", samplesStep(spec),
                        new RegionPartitioner(spec.regions(), true, () -> trainingRuns(spec))),
                steps.partitioned("region-statistics", statisticsStep(spec),
                        new RegionPartitioner(spec.regions(), true, () -> trainingRuns(spec))));
    }

    @Override
    public Map<String, Function<JobSpec, Step>> workerSteps() {
        return Map.of(NETWORKS, this::networksStep, SAMPLES, this::samplesStep, STATISTICS, this::statisticsStep);
    }

    /** One network: trained here, or a training run registered ({@code choromanska}). */
    private Step networksStep(JobSpec spec) {
        RegionNetworkTasklet t = new RegionNetworkTasklet(spec, experiments, data, networks, cells, faults);
        ChoromanskaRegistration c = new ChoromanskaRegistration(spec, experiments, choromanska, networks);
        Tasklet either = (contribution, chunk) -> contribution.getStepExecution().getExecutionContext()
                .containsKey(RegionPartitioner.RUN) ? c.execute(contribution, chunk) : t.execute(contribution, chunk);
        return steps.tasklet(NETWORKS, either, t.open());
    }

    private Step samplesStep(JobSpec spec) {
        RegionSampleTasklet t = new RegionSampleTasklet(spec, experiments, data, networks, samples, choromanska, faults);
        return steps.tasklet(SAMPLES, t, t.open());
    }

    private Step statisticsStep(JobSpec spec) {
        return steps.tasklet(STATISTICS, new RegionStatisticsTasklet(spec, experiments, samples, statistics, faults));
    }

    /**
     * The {@code choromanska} networks, read when a region step starts (its partitioner runs in the
     * step's thread, registered with {@link StepSynchronizationManager}); none unless the spec asks.
     */
    private List<RegionNetworkPlan> trainingRuns(JobSpec spec) {
        if (!spec.regions().samplesChoromanska()) {
            return List.of();
        }
        StepContext step = StepSynchronizationManager.getContext();
        if (step == null) {
            throw new IllegalStateException("the region partitioner runs outside a step execution");
        }
        long experimentId = experiments.experimentId(step.getStepExecution());
        List<RegionNetworkPlan> plans = choromanska.plans(experimentId, spec.regions());
        if (plans.isEmpty()) {
            throw new IllegalStateException("regions.architectures has choromanska, but the training section has no "
                    + "COMPLETED run to sample");
        }
        return plans;
    }
}
