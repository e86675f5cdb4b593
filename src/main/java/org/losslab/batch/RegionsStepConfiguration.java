package org.losslab.batch;

import java.util.List;
import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The region stages (science.md §C.4, Baskerville et al. 2021), three partitioned steps on a bounded
 * thread pool: region-networks (one partition per network: initialise, and train if trained),
 * sample-activations and region-statistics (one partition per network × input set).
 */
@Component
public class RegionsStepConfiguration {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ExperimentStore experiments;
    private final RegionDataCache data;
    private final RegionFaults faults;
    private final JdbcTemplate jdbc;
    private final PartitionedStepFactory partitions;

    public RegionsStepConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    ExperimentStore experiments, RegionDataCache data, RegionFaults faults,
                                    JdbcTemplate jdbc, PartitionedStepFactory partitions) {
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
                        new RegionPartitioner(spec.regions(), false)),
                partitioned("sample-activations", workerStep("sample-activations-part", spec),
                        new RegionPartitioner(spec.regions(), true)),
                partitioned("region-statistics", workerStep("region-statistics-part", spec),
                        new RegionPartitioner(spec.regions(), true)));
    }

    /** The worker step of one partition, by name (also what a remote worker builds). */
    public Step workerStep(String name, JobSpec spec) {
        StepBuilder worker = new StepBuilder(name, jobRepository);
        switch (name) {
            case "region-networks-part" -> {
                RegionNetworkTasklet t = new RegionNetworkTasklet(spec, experiments, data, faults, jdbc);
                return worker.tasklet(t, transactionManager).listener(t).build();
            }
            case "sample-activations-part" -> {
                RegionSampleTasklet t = new RegionSampleTasklet(spec, experiments, data, faults, jdbc);
                return worker.tasklet(t, transactionManager).listener(t).build();
            }
            case "region-statistics-part" -> {
                return worker.tasklet(new RegionStatisticsTasklet(spec, experiments, jdbc), transactionManager).build();
            }
            default -> throw new IllegalArgumentException("no region worker step " + name);
        }
    }

    private Step partitioned(String name, Step workerStep, Partitioner partitioner) {
        return partitions.create(name, workerStep, partitioner);
    }
}
