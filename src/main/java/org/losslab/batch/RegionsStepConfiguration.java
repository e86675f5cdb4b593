package org.losslab.batch;

import java.util.List;
import org.losslab.faults.Faults;
import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The region stages (science.md §C.4, Baskerville et al. 2021), three partitioned steps on a bounded
 * thread pool: region-networks (one partition per network: initialise, and train if trained),
 * sample-activations and region-statistics (one partition per network × input set). Networks of
 * architecture {@code choromanska} are the training section's runs: region-networks only registers
 * them ({@link ChoromanskaRegistration}); the job runs these steps after train and summarize.
 */
@Component
public class RegionsStepConfiguration {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ExperimentStore experiments;
    private final RegionDataCache data;
    private final Faults faults;
    private final JdbcTemplate jdbc;
    private final PartitionedStepFactory partitions;
    private final ChoromanskaNetworks choromanska;

    public RegionsStepConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    ExperimentStore experiments, RegionDataCache data, Faults faults,
                                    JdbcTemplate jdbc, PartitionedStepFactory partitions,
                                    ChoromanskaNetworks choromanska) {
        this.choromanska = choromanska;
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.experiments = experiments;
        this.data = data;
        this.faults = faults;
        this.jdbc = jdbc;
        this.partitions = partitions;
    }

    /** region-networks → sample-activations → region-statistics (local threads or remote workers). */
    public List<Step> steps(JobSpec spec) {
        return List.of(
                partitioned("region-networks", workerStep("region-networks-part", spec),
                        new RegionPartitioner(spec.regions(), false, () -> trainingRuns(spec))),
                partitioned("sample-activations", workerStep("sample-activations-part", spec),
                        new RegionPartitioner(spec.regions(), true, () -> trainingRuns(spec))),
                partitioned("region-statistics", workerStep("region-statistics-part", spec),
                        new RegionPartitioner(spec.regions(), true, () -> trainingRuns(spec))));
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
        long experimentId = ExperimentContext.experimentId(experiments, step.getStepExecution().getJobExecution());
        List<RegionNetworkPlan> plans = choromanska.plans(experimentId, spec.regions());
        if (plans.isEmpty()) {
            throw new IllegalStateException("regions.architectures has choromanska, but the training section has no "
                    + "COMPLETED run to sample");
        }
        return plans;
    }

    /** The worker step of one partition, by name (also what a remote worker builds). */
    public Step workerStep(String name, JobSpec spec) {
        StepBuilder worker = new StepBuilder(name, jobRepository);
        switch (name) {
            case "region-networks-part" -> {
                RegionNetworkTasklet t = new RegionNetworkTasklet(spec, experiments, data, faults, jdbc);
                ChoromanskaRegistration c = new ChoromanskaRegistration(spec, experiments, choromanska, jdbc);
                Tasklet either = (contribution, chunk) -> contribution.getStepExecution().getExecutionContext()
                        .containsKey(RegionPartitioner.RUN) ? c.execute(contribution, chunk) : t.execute(contribution, chunk);
                return worker.tasklet(either, transactionManager).listener(t).build();
            }
            case "sample-activations-part" -> {
                RegionSampleTasklet t = new RegionSampleTasklet(spec, experiments, data, faults, jdbc, choromanska);
                return worker.tasklet(t, transactionManager).listener(t).build();
            }
            case "region-statistics-part" -> {
                return worker.tasklet(new RegionStatisticsTasklet(spec, experiments, jdbc, faults), transactionManager).build();
            }
            default -> throw new IllegalArgumentException("no region worker step " + name);
        }
    }

    private Step partitioned(String name, Step workerStep, Partitioner partitioner) {
        return partitions.create(name, workerStep, partitioner);
    }
}
