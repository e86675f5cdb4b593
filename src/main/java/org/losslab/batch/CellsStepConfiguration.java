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

/** The cells step: He, Wang & Tao certificates (science.md §D.5). */
@Component
public class CellsStepConfiguration {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ExperimentStore experiments;
    private final TrainingDataCache data;
    private final JdbcTemplate jdbc;
    private final Faults faults;

    public CellsStepConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  ExperimentStore experiments, TrainingDataCache data, JdbcTemplate jdbc,
                                  Faults faults) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.experiments = experiments;
        this.data = data;
        this.jdbc = jdbc;
        this.faults = faults;
    }

    public Step cells(JobSpec spec) {
        return new StepBuilder("cells", jobRepository)
                .tasklet(new CellsTasklet(spec, experiments, data, jdbc, faults), transactionManager)
                .build();
    }
}
