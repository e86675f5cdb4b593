package org.losslab.comparison;

import org.losslab.faults.Faults;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** The compare step, the last step of every pipeline job (README "How a job runs"). */
@Component
public class ComparisonStepConfiguration {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ExperimentStore experiments;
    private final JdbcTemplate jdbc;
    private final Faults faults;

    public ComparisonStepConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                       ExperimentStore experiments, JdbcTemplate jdbc,
                                       Faults faults) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.experiments = experiments;
        this.jdbc = jdbc;
        this.faults = faults;
    }

    public Step compare() {
        return new StepBuilder("compare", jobRepository)
                .tasklet(new CompareTasklet(experiments, jdbc, faults), transactionManager)
                .build();
    }
}
