package org.losslab.job;

import java.util.Optional;
import org.losslab.NothingToRestartException;
import org.losslab.pipeline.JobAssembler;
import org.losslab.pipeline.JobParametersFactory;
import org.losslab.pipeline.NumericsEnvironment;
import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Starts, restarts and stops pipeline jobs in this process. While a job runs it beats a heartbeat,
 * shows progress, and turns SIGTERM/SIGINT into a graceful stop (the execution ends STOPPED and is
 * restartable). A restart of an execution left STARTED by a crash first checks that no live process
 * owns it, then recovers it ({@link JobOperator#recover}) and resumes from the database.
 */
@Service
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final JobAssembler jobs;
    private final ExperimentStore experiments;
    private final HeartbeatService heartbeats;

    public JobRunner(JobOperator jobOperator, JobRepository jobRepository, JobAssembler jobs,
                     ExperimentStore experiments, HeartbeatService heartbeats) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobs = jobs;
        this.experiments = experiments;
        this.heartbeats = heartbeats;
    }

    /** Runs a spec as job instance {@code instance} (1 normally, higher for a rerun). */
    public JobExecution run(JobSpec spec, long instance) throws JobRefusedException {
        JobParameters params = JobParametersFactory.of(spec, instance);
        JobExecution last = jobRepository.getLastJobExecution(spec.name(), params);
        if (last != null && last.isRunning()) {
            throw new JobRefusedException("spec " + spec.name() + " is already running as execution " + last.getId()
                    + describeOwner(last.getId()));
        }
        if (last != null && last.getStatus() == BatchStatus.UNKNOWN) {
            throw new JobRefusedException("spec " + spec.name() + " ended UNKNOWN as execution " + last.getId()
                    + " (its database connection was lost); resume it with 'losslab restart " + last.getId() + "'");
        }
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            throw new JobRefusedException("spec " + spec.name() + " already completed as execution " + last.getId()
                    + "; use 'losslab rerun' for a fresh instance");
        }
        return launch(jobs.create(spec), params);
    }

    /** Resumes a failed, stopped or crashed execution from its last checkpoints (other numerics: a warning). */
    public JobExecution restart(long executionId) throws JobRefusedException {
        return restart(executionId, false);
    }

    /**
     * Resumes a failed, stopped or crashed execution from its last checkpoints. When this process would compute
     * with other numerics than the execution started with ({@link org.losslab.store.Provenance#bitsMismatch}), the
     * unfinished partitions continue but not bit-identically: logged as a warning, or refused as bad input before
     * anything changes when {@code requireSameNumerics}.
     */
    public JobExecution restart(long executionId, boolean requireSameNumerics) throws JobRefusedException {
        JobExecution execution = find(executionId).orElse(null);
        if (execution == null) {
            throw new org.losslab.BadInputException("no job execution " + executionId + " in this database");
        }
        boolean stepsRunning = execution.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning());
        if (execution.isRunning() || execution.getStatus() == BatchStatus.UNKNOWN) {
            String owner = heartbeats.liveOwner(executionId);
            if (owner != null) {
                throw new JobRefusedException("execution " + executionId + " is " + execution.getStatus()
                        + " and still owned by a live " + owner + "; not taking it over");
            }
        } else if (stepsRunning) {
            // remote partitions left running when the manager ended (timeout): only a live worker may keep them
            String worker = heartbeats.liveWorker(executionId);
            if (worker != null) {
                throw new JobRefusedException("execution " + executionId + " still has a partition on a live "
                        + worker + "; restart it when that partition has ended");
            }
        }
        String why = experiments.provenance(executionId).map(org.losslab.store.Provenance.current()::bitsMismatch)
                .orElse(null);
        if (why != null && requireSameNumerics && execution.getStatus() != BatchStatus.COMPLETED) {
            throw new org.losslab.BadInputException("restart " + executionId + " --require-same-numerics: " + why);
        }
        // nobody owns it any more: UNKNOWN first (recover leaves an UNKNOWN execution as it is, with its
        // STARTED partitions, which then made the first restart fail as "already running"), then recover
        execution = UnknownStatusRecovery.resolve(jobRepository, execution);
        if (execution.isRunning() || execution.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning())) {
            log.info("Execution {} was left {} with unfinished steps by processes that are gone; recovering it",
                    executionId, execution.getStatus());
            execution = jobOperator.recover(execution);
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw new JobRefusedException("execution " + executionId + " already completed (its report: losslab report "
                    + executionId + ")");
        }
        long instanceId = execution.getJobInstance().getInstanceId();
        String text = experiments.specText(instanceId).orElseThrow(() -> new NothingToRestartException(
                "execution " + executionId + " has no recorded spec (it failed before starting); run the spec again"));
        JobSpec spec = JobSpec.fromText("spec of execution " + executionId, text);
        if (why != null) {
            log.warn("Resuming execution {} with other numerics: {}. Its unfinished partitions continue, but not "
                    + "bit-identically to an uninterrupted run; provenance records both executions", executionId, why);
        }
        return launch(jobs.create(spec), execution.getJobParameters());
    }

    /** The execution with this id, or empty (Batch 6's repository throws instead of returning null). */
    public Optional<JobExecution> find(long executionId) {
        try {
            return Optional.ofNullable(jobRepository.getJobExecution(executionId));
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            return Optional.empty();
        }
    }

    /** The newest execution of any job, read through {@code v_job_execution} so that an analyst login may ask too. */
    public Optional<Long> lastExecutionId() {
        return experiments.newestExecutionId();
    }

    public boolean stop(long executionId) throws Exception {
        return jobOperator.stop(executionId);
    }

    private JobExecution launch(Job job, JobParameters params) throws JobRefusedException {
        NumericsEnvironment.configure();
        StopOnSignal signals = new StopOnSignal(jobOperator, jobRepository, job.getName(), params);
        if (job instanceof org.springframework.batch.core.job.AbstractJob a) {
            a.registerJobExecutionListener(signals.ownExecution());
        }
        try (AutoCloseable progress = new ProgressMonitor(() -> progress(signals.ownExecutionId()));
             AutoCloseable beat = signals.heartbeatWhenStarted(heartbeats)) {
            return jobOperator.start(job, params);
        } catch (JobExecutionAlreadyRunningException e) {
            throw new JobRefusedException("job " + job.getName() + " is already running: " + e.getMessage());
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new JobRefusedException("job " + job.getName() + " already completed");
        } catch (JobRefusedException e) {
            throw e;
        } catch (org.springframework.dao.ConcurrencyFailureException
                 | org.springframework.dao.DataIntegrityViolationException e) {
            if (signals.ownExecutionId() != null) {
                throw new IllegalStateException("job " + job.getName() + " failed: " + e.getMessage(), e);
            }
            // creating the job instance or execution collided with another process launching the
            // same spec at the same moment (serialization failure, duplicate key): that one runs it
            JobExecution other = jobRepository.getLastJobExecution(job.getName(), params);
            throw new JobRefusedException("job " + job.getName() + " is being launched by another process at the "
                    + "same moment" + (other != null ? " as execution " + other.getId() : "") + "; not running it twice");
        } catch (IllegalStateException e) {
            // Spring Batch saw the job instance another process has just created, before its execution
            // exists ("Cannot find any job execution for job instance"): the same race as above
            if (signals.ownExecutionId() == null && jobRepository.getJobInstance(job.getName(), params) != null) {
                throw new JobRefusedException("job " + job.getName() + " is being launched by another process at the "
                        + "same moment; not running it twice");
            }
            throw new IllegalStateException("job " + job.getName() + " could not be launched: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("job " + job.getName() + " could not be launched: " + e.getMessage(), e);
        } finally {
            signals.close();
        }
    }

    private java.util.List<org.losslab.pipeline.StageProgress> progress(Long executionId) {
        JobExecution execution = executionId == null ? null : jobRepository.getJobExecution(executionId);
        if (execution == null) {
            return java.util.List.of();
        }
        return experiments.idOf(execution.getJobInstance().getInstanceId())
                .map(id -> jobs.progress(id, execution)).orElse(java.util.List.of());
    }

    private String describeOwner(long executionId) {
        String owner = heartbeats.liveOwner(executionId);
        return owner != null ? " (" + owner + ")"
                : " but its process is gone; resume it with 'losslab restart " + executionId + "'";
    }
}
