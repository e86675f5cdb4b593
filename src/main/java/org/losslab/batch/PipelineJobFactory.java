package org.losslab.batch;

import java.util.ArrayList;
import java.util.List;
import org.losslab.comparison.ComparisonStepConfiguration;
import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Assembles the job of a spec from the pipeline stages its sections ask for, in this order:
 * prepare-data → train → summarize (section {@code training}), theory ({@code theory}), spinglass
 * ({@code spinglass}), cells ({@code cells}), then always compare (theory against experiment, from
 * whatever the earlier stages wrote). The job is named after the spec, so each spec has its own job instances.
 */
@Component
public class PipelineJobFactory {

    private final JobRepository jobRepository;
    private final ExperimentStore experiments;
    private final JdbcTemplate jdbc;
    private final DataStepConfiguration dataSteps;
    private final TrainingStepConfiguration trainingSteps;
    private final TheoryStepConfiguration theorySteps;
    private final CellsStepConfiguration cellsSteps;
    private final ComparisonStepConfiguration comparisonSteps;
    private final RegionsStepConfiguration regionsSteps;

    public PipelineJobFactory(JobRepository jobRepository, ExperimentStore experiments, JdbcTemplate jdbc,
                              DataStepConfiguration dataSteps, TrainingStepConfiguration trainingSteps,
                              TheoryStepConfiguration theorySteps, CellsStepConfiguration cellsSteps,
                              ComparisonStepConfiguration comparisonSteps, RegionsStepConfiguration regionsSteps) {
        this.jobRepository = jobRepository;
        this.experiments = experiments;
        this.jdbc = jdbc;
        this.dataSteps = dataSteps;
        this.trainingSteps = trainingSteps;
        this.theorySteps = theorySteps;
        this.cellsSteps = cellsSteps;
        this.comparisonSteps = comparisonSteps;
        this.regionsSteps = regionsSteps;
    }

    public Job create(JobSpec spec) {
        List<Step> steps = new ArrayList<>();
        if (needsData(spec)) {
            steps.add(dataSteps.prepareData(spec));
        }
        if (spec.training() != null) {
            steps.add(trainingSteps.train(spec));
            steps.add(trainingSteps.summarize(spec));
        }
        if (spec.theory() != null) {
            steps.add(theorySteps.theory(spec));
        }
        if (spec.spinglass() != null) {
            steps.add(theorySteps.spinglass(spec));
        }
        if (spec.cells() != null) {
            steps.add(cellsSteps.cells(spec));
        }
        if (spec.regions() != null) {
            steps.addAll(regionsSteps.steps(spec));
        }
        if (steps.isEmpty()) {
            throw new org.losslab.BadInputException(spec.name() + ": the spec has no stage to run "
                    + "(add a training, theory, spinglass or cells section)");
        }
        steps.add(comparisonSteps.compare());
        SimpleJobBuilder job = new JobBuilder(spec.name(), jobRepository)
                .listener(new ExperimentRecorder(spec, experiments, jdbc))
                .start(steps.get(0));
        steps.subList(1, steps.size()).forEach(job::next);
        return job.build();
    }

    /** Stages that read MNIST need the prepare-data step first. */
    public static boolean needsData(JobSpec spec) {
        return spec.training() != null || (spec.cells() != null && !spec.cells().mnistClasses().isEmpty())
                || spec.regions() != null;
    }
}
