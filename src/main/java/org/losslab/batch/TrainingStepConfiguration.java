package org.losslab.batch;

import org.losslab.faults.Faults;
import org.losslab.spec.JobSpec;
import org.losslab.store.CheckpointStore;
import org.losslab.store.ExperimentStore;
import org.losslab.store.RunStore;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The train step (local partitioning on a bounded thread pool, one network per thread, or remote
 * workers when the process was started with {@code --remote}) and the summarize step of the
 * Choromanska experiment (science.md §A.5.2).
 */
@Component
public class TrainingStepConfiguration {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final TrainingDataCache dataCache;
    private final ExperimentStore experiments;
    private final RunStore runs;
    private final CheckpointStore checkpoints;
    private final Faults faults;
    private final JdbcTemplate jdbc;
    private final PartitionedStepFactory partitions;

    public TrainingStepConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                     TrainingDataCache dataCache, ExperimentStore experiments, RunStore runs,
                                     CheckpointStore checkpoints, Faults faults, JdbcTemplate jdbc,
                                     PartitionedStepFactory partitions) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataCache = dataCache;
        this.experiments = experiments;
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.faults = faults;
        this.jdbc = jdbc;
        this.partitions = partitions;
    }

    /** The worker step: trains one partition (in this process, or on a remote worker). */
    public Step trainBlock(JobSpec spec) {
        TrainBlockTasklet tasklet = new TrainBlockTasklet(spec, dataCache, experiments, runs, checkpoints, faults);
        return new StepBuilder("train-block", jobRepository)
                .tasklet(tasklet, transactionManager)
                .listener(tasklet)
                .build();
    }

    public Step train(JobSpec spec) {
        return partitions.create("train", trainBlock(spec), new TrainingPartitioner(spec));
    }

    public Step summarize(JobSpec spec) {
        return new StepBuilder("summarize", jobRepository)
                .tasklet(new SummarizeTasklet(experiments, jdbc, faults), transactionManager)
                .build();
    }
}
