package org.losslab.batch;

import org.losslab.comparison.ComparisonStepConfiguration;
import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Assembles the job of a spec from the pipeline stages its sections ask for:
 * prepare-data → train → summarize (later stages join as their sections appear) → compare (always last:
 * theory against experiment, from whatever the earlier stages wrote). The job is named
 * after the spec, so each spec has its own job instances in Spring Batch's tables.
 */
@Component
public class PipelineJobFactory {

    private final JobRepository jobRepository;
    private final ExperimentStore experiments;
    private final JdbcTemplate jdbc;
    private final DataStepConfiguration dataSteps;
    private final TrainingStepConfiguration trainingSteps;
    private final ComparisonStepConfiguration comparisonSteps;

    public PipelineJobFactory(JobRepository jobRepository, ExperimentStore experiments, JdbcTemplate jdbc,
                              DataStepConfiguration dataSteps, TrainingStepConfiguration trainingSteps,
                              ComparisonStepConfiguration comparisonSteps) {
        this.jobRepository = jobRepository;
        this.experiments = experiments;
        this.jdbc = jdbc;
        this.dataSteps = dataSteps;
        this.trainingSteps = trainingSteps;
        this.comparisonSteps = comparisonSteps;
    }

    public Job create(JobSpec spec) {
        SimpleJobBuilder job = new JobBuilder(spec.name(), jobRepository)
                .listener(new ExperimentRecorder(spec, experiments, jdbc))
                .start(dataSteps.prepareData(spec));
        if (spec.training() != null) {
            job.next(trainingSteps.train(spec)).next(trainingSteps.summarize(spec));
        }
        job.next(comparisonSteps.compare());
        return job.build();
    }
}
