package org.losslab.batch;

import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** The theory step (curves, thresholds, Kac–Rice) and the partitioned spinglass simulation step. */
@Component
public class TheoryStepConfiguration {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ExperimentStore experiments;
    private final SpinGlassCouplingsCache couplings;
    private final JdbcTemplate jdbc;

    public TheoryStepConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   ExperimentStore experiments, SpinGlassCouplingsCache couplings, JdbcTemplate jdbc) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.experiments = experiments;
        this.couplings = couplings;
        this.jdbc = jdbc;
    }

    public Step theory(JobSpec spec) {
        return new StepBuilder("theory", jobRepository)
                .tasklet(new TheoryTasklet(spec, experiments, jdbc), transactionManager)
                .build();
    }

    public Step spinglass(JobSpec spec) {
        SpinGlassBlockTasklet tasklet = new SpinGlassBlockTasklet(spec, experiments, couplings, jdbc);
        Step block = new StepBuilder("spinglass-block", jobRepository)
                .tasklet(tasklet, transactionManager)
                .listener(tasklet)
                .build();
        int threads = NumericsEnvironment.partitionThreads();
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("spinglass-");
        executor.setConcurrencyLimit(threads);
        return new StepBuilder("spinglass", jobRepository)
                .partitioner("spinglass-block", new SpinGlassPartitioner(spec.spinglass()))
                .step(block)
                .taskExecutor(executor)
                .gridSize(threads)
                .build();
    }
}
