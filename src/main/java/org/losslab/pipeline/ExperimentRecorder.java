package org.losslab.pipeline;

import org.losslab.spec.JobSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.losslab.store.ExperimentStore;
import org.losslab.store.Machine;
import org.losslab.store.Provenance;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Before a job execution starts: records its experiment (the effective spec) and the provenance of
 * this execution (code version, backend, thread counts, host, CPU model and cores) and the steps it was
 * assembled with, all idempotently; after it ends: the CPU time this process spent on it.
 */
final class ExperimentRecorder implements JobExecutionListener {

    private final JobSpec spec;
    private final ExperimentStore experiments;
    /** {step name, stage section} in run order. */
    private final List<String[]> stepPlan;
    private final Map<Long, Long> cpuAtStart = new ConcurrentHashMap<>();

    ExperimentRecorder(JobSpec spec, ExperimentStore experiments, List<String[]> stepPlan) {
        this.spec = spec;
        this.experiments = experiments;
        this.stepPlan = List.copyOf(stepPlan);
    }

    @Override
    public void beforeJob(JobExecution execution) {
        long experimentId = experiments.ensure(execution.getJobInstance().getInstanceId(), spec,
                (int) ExperimentContext.instance(execution));
        experiments.recordProvenance(execution.getId(), experimentId, Provenance.current(),
                NumericsEnvironment.partitionThreads());
        experiments.recordMachine(execution.getId(), Machine.current());
        experiments.recordStepPlan(execution.getId(), stepPlan);
        cpuAtStart.put(execution.getId(), Machine.processCpuNanos());
    }

    @Override
    public void afterJob(JobExecution execution) {
        Long start = cpuAtStart.remove(execution.getId());
        long now = Machine.processCpuNanos();
        if (start != null && start >= 0 && now >= start) {
            experiments.recordCpuSeconds(execution.getId(), (now - start) / 1e9);
        }
    }
}
