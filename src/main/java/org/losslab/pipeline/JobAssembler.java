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
 * for remote workers, and reports each stage's progress.
 */
@Component
public class JobAssembler {

    private final JobRepository jobRepository;
    private final ExperimentStore experiments;
    private final List<PipelineStage> stages;
    private final Map<String, Function<JobSpec, Step>> workerSteps = new LinkedHashMap<>();
    /** The stage section of every step name, and the partitioned (manager) steps, for per-stage progress. */
    private final Map<String, String> sectionOfStep = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> managerSteps = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public JobAssembler(JobRepository jobRepository, ExperimentStore experiments, List<PipelineStage> stages) {
        this.jobRepository = jobRepository;
        this.experiments = experiments;
        this.stages = stages.stream().sorted(Comparator.comparingInt(PipelineStage::order)).toList();
        for (PipelineStage s : this.stages) {
            workerSteps.putAll(s.workerSteps());
            s.workerSteps().keySet().forEach(name -> sectionOfStep.put(name, s.section()));
        }
    }

    public Job create(JobSpec spec) {
        List<Step> steps = steps(spec);
        if (steps.isEmpty()) {
            throw new IllegalStateException(spec.name() + ": no stage runs (the spec layer refuses such specs)");
        }
        List<String[]> plan = steps.stream().map(st -> new String[] {st.getName(), sectionOfStep.get(st.getName())}).toList();
        SimpleJobBuilder job = new JobBuilder(spec.name(), jobRepository)
                .listener(new ExperimentRecorder(spec, experiments, plan))
                .start(steps.get(0));
        steps.subList(1, steps.size()).forEach(job::next);
        return job.build();
    }

    /** The spec's steps in job order, each step name mapped to its stage for {@link #progress}. */
    private List<Step> steps(JobSpec spec) {
        List<Step> steps = new java.util.ArrayList<>();
        for (PipelineStage stage : stages) {
            if (stage.runs(spec)) {
                for (Step step : stage.steps(spec)) {
                    sectionOfStep.put(step.getName(), stage.section());
                    if (step instanceof org.springframework.batch.core.partition.PartitionStep) {
                        managerSteps.add(step.getName());
                    }
                    steps.add(step);
                }
            }
        }
        return steps;
    }

    /**
     * {@link #progress(long, List)} of an execution another process runs (losslab serve): the spec's step
     * names are learnt first, as {@link #create} learns them.
     */
    public List<StageProgress> progress(JobSpec spec, long experimentId, List<StepState> steps) {
        steps(spec);
        return progress(experimentId, steps);
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

    /**
     * One entry per stage that has started in {@code execution}: its own units when it reports them
     * (training), otherwise its partitions and unpartitioned steps started so far, done when COMPLETED.
     */
    public List<StageProgress> progress(long experimentId, org.springframework.batch.core.job.JobExecution execution) {
        return progress(experimentId, execution.getStepExecutions().stream().map(st -> new StepState(st.getStepName(),
                st.getStatus() == org.springframework.batch.core.BatchStatus.COMPLETED)).toList());
    }

    /** {@link #progress(long, org.springframework.batch.core.job.JobExecution)} from the steps' names and states. */
    public List<StageProgress> progress(long experimentId, List<StepState> stepStates) {
        Map<String, long[]> steps = new LinkedHashMap<>();
        for (StepState step : stepStates) {
            String name = step.name().split(":", 2)[0];
            String section = sectionOfStep.get(name);
            if (section != null && !managerSteps.contains(step.name())) {
                long[] c = steps.computeIfAbsent(section, k -> new long[2]);
                c[1]++;
                c[0] += step.completed() ? 1 : 0;
            }
        }
        List<StageProgress> out = new java.util.ArrayList<>();
        for (PipelineStage s : stages) {
            long[] own = steps.containsKey(s.section()) ? s.progress(experimentId) : null;
            long[] p = own != null && own[1] > 0 ? own : steps.get(s.section());
            if (p != null) {
                out.add(new StageProgress(s.section(), own != null && own[1] > 0 ? s.progressUnit() : "steps", p[0], p[1]));
            }
        }
        return out;
    }
}
