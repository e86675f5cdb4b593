package org.losslab.pipeline;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/**
 * Assembles the job of a spec from the stages its sections ask for, in stage order: prepare-data,
 * train and summarize, theory, spinglass, cells, the region steps, then always compare. The job is
 * named after the spec, so each spec has its own job instances. Also finds a worker step by name
 * for remote workers, and sums the stages' progress.
 */
@Component
public class JobAssembler {

    private final JobRepository jobRepository;
    private final ExperimentStore experiments;
    private final List<PipelineStage> stages;
    private final Map<String, Function<JobSpec, Step>> workerSteps = new LinkedHashMap<>();

    public JobAssembler(JobRepository jobRepository, ExperimentStore experiments, List<PipelineStage> stages) {
        this.jobRepository = jobRepository;
        this.experiments = experiments;
        this.stages = stages.stream().sorted(Comparator.comparingInt(PipelineStage::order)).toList();
        for (PipelineStage s : this.stages) {
            workerSteps.putAll(s.workerSteps());
        }
    }

    public Job create(JobSpec spec) {
        List<Step> steps = stages.stream().filter(s -> s.runs(spec)).flatMap(s -> s.steps(spec).stream()).toList();
        if (steps.isEmpty()) {
            throw new IllegalStateException(spec.name() + ": no stage runs (the spec layer refuses such specs)");
        }
        SimpleJobBuilder job = new JobBuilder(spec.name(), jobRepository)
                .listener(new ExperimentRecorder(spec, experiments))
                .start(steps.get(0));
        steps.subList(1, steps.size()).forEach(job::next);
        return job.build();
    }

    /** The worker step {@code name} for a spec, as a remote worker runs it. */
    public Step workerStep(String name, JobSpec spec) {
        Function<JobSpec, Step> step = workerSteps.get(name);
        if (step == null) {
            throw new IllegalArgumentException("this worker cannot run step '" + name + "' (known: "
                    + String.join(", ", workerSteps.keySet()) + "); is it an older losslab version than the manager?");
        }
        return step.apply(spec);
    }

    /** {done, planned} over the stages that report progress, or null while none has anything planned. */
    public long[] progress(long experimentId) {
        long[] sum = null;
        for (PipelineStage s : stages) {
            long[] p = s.progress(experimentId);
            if (p != null) {
                sum = sum == null ? new long[] {p[0], p[1]} : new long[] {sum[0] + p[0], sum[1] + p[1]};
            }
        }
        return sum;
    }
}
