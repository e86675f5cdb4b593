package org.losslab.batch;

import org.losslab.faults.Faults;
import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The theory step (curves, thresholds, Kac–Rice) and the partitioned spinglass simulation step, whose
 * partitions run on local threads or, with {@code --remote}, on {@code losslab worker}s.
 */
@Component
public class TheoryStepConfiguration {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ExperimentStore experiments;
    private final SpinGlassCouplingsCache couplings;
    private final JdbcTemplate jdbc;
    private final Faults faults;
    private final PartitionedStepFactory partitions;

    public TheoryStepConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   ExperimentStore experiments, SpinGlassCouplingsCache couplings, JdbcTemplate jdbc,
                                   PartitionedStepFactory partitions, Faults faults) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.experiments = experiments;
        this.couplings = couplings;
        this.jdbc = jdbc;
        this.faults = faults;
        this.partitions = partitions;
    }

    public Step theory(JobSpec spec) {
        return new StepBuilder("theory", jobRepository)
                .tasklet(new TheoryTasklet(spec, experiments, jdbc, faults), transactionManager)
                .build();
    }

    /** The worker step: descends one block of restarts (in this process, or on a remote worker). */
    public Step spinglassBlock(JobSpec spec) {
        SpinGlassBlockTasklet tasklet = new SpinGlassBlockTasklet(spec, experiments, couplings, jdbc, faults);
        return new StepBuilder("spinglass-block", jobRepository)
                .tasklet(tasklet, transactionManager)
                .listener(tasklet)
                .build();
    }

    public Step spinglass(JobSpec spec) {
        return partitions.create("spinglass", spinglassBlock(spec), new SpinGlassPartitioner(spec.spinglass()));
    }
}
