package org.losslab.batch;

import org.losslab.faults.Faults;
import org.losslab.spec.JobSpec;
import org.losslab.store.DatasetStore;
import org.losslab.store.ExperimentStore;
import org.losslab.store.RunStore;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** The prepare-data step: validate, store and checksum the data; plan the runs. */
@Component
public class DataStepConfiguration {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ExperimentStore experiments;
    private final DatasetStore datasets;
    private final RunStore runs;
    private final Faults faults;

    public DataStepConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 ExperimentStore experiments, DatasetStore datasets, RunStore runs,
                                 Faults faults) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.experiments = experiments;
        this.datasets = datasets;
        this.runs = runs;
        this.faults = faults;
    }

    public Step prepareData(JobSpec spec) {
        return new StepBuilder("prepare-data", jobRepository)
                .tasklet(new PrepareDataTasklet(spec, experiments, datasets, runs, faults), transactionManager)
                .build();
    }
}
