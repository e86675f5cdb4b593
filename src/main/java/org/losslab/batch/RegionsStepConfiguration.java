package org.losslab.batch;

import java.util.List;
import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
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

    public RegionsStepConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    ExperimentStore experiments, RegionDataCache data, RegionFaults faults,
                                    JdbcTemplate jdbc) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.experiments = experiments;
        this.data = data;
        this.faults = faults;
        this.jdbc = jdbc;
    }

    /** region-networks → sample-activations → region-statistics. */
    public List<Step> steps(JobSpec spec) {
        RegionNetworkTasklet networks = new RegionNetworkTasklet(spec, experiments, data, faults, jdbc);
        RegionSampleTasklet sample = new RegionSampleTasklet(spec, experiments, data, faults, jdbc);
        RegionStatisticsTasklet stats = new RegionStatisticsTasklet(spec, experiments, jdbc);
        return List.of(
                partitioned("region-networks", networks, networks, new RegionPartitioner(spec.regions(), false)),
                partitioned("sample-activations", sample, sample, new RegionPartitioner(spec.regions(), true)),
                partitioned("region-statistics", stats, null, new RegionPartitioner(spec.regions(), true)));
    }

    private Step partitioned(String name, Tasklet tasklet, StepExecutionListener listener, Partitioner partitioner) {
        StepBuilder worker = new StepBuilder(name + "-part", jobRepository);
        var builder = worker.tasklet(tasklet, transactionManager);
        if (listener != null) {
            builder.listener(listener);
        }
        int threads = NumericsEnvironment.partitionThreads();
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(name + "-");
        executor.setConcurrencyLimit(threads);
        return new StepBuilder(name, jobRepository)
                .partitioner(name + "-part", partitioner)
                .step(builder.build())
                .taskExecutor(executor)
                .gridSize(threads)
                .build();
    }
}
