package org.losslab.remote;

import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.losslab.job.HeartbeatService;
import org.losslab.store.PartitionLeaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Runs in the manager while its partitions are out: ends the partitions whose worker is gone (its
 * lease beat is older than {@code LOSSLAB_HEARTBEAT_STALE_SECONDS}, or it ran on this host and its
 * pid is dead) as FAILED, and, once the execution is being stopped, ends partitions that no worker
 * took as STOPPED. Updates go through the job repository with its optimistic locking, so a worker
 * that was only slow loses the race cleanly: its next epoch commit rolls back (the step version
 * moved on) and nothing is written twice.
 */
final class PartitionWatchdog {

    private static final Logger log = LoggerFactory.getLogger(PartitionWatchdog.class);

    private final JobRepository jobRepository;
    private final PartitionLeaseStore leases;
    private final HeartbeatService heartbeats;

    PartitionWatchdog(JobRepository jobRepository, PartitionLeaseStore leases, HeartbeatService heartbeats) {
        this.jobRepository = jobRepository;
        this.leases = leases;
        this.heartbeats = heartbeats;
    }

    AutoCloseable watch(long jobExecutionId, String workerStepName) {
        ScheduledExecutorService timer = HeartbeatService.daemonTimer("partition-watchdog-" + jobExecutionId);
        timer.scheduleWithFixedDelay(() -> {
            try {
                check(jobExecutionId, workerStepName);
            } catch (RuntimeException e) {
                log.warn("partition watchdog of execution {}: {}", jobExecutionId, e.getMessage());
            }
        }, RemotePartitioning.POLL_MILLIS, RemotePartitioning.POLL_MILLIS, TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    void check(long jobExecutionId, String workerStepName) {
        for (PartitionLeaseStore.Lease lease : leases.running(jobExecutionId)) {
            if (heartbeats.describeIfLive(lease.host(), lease.pid(), lease.age()) == null) {
                end(lease.stepExecutionId(), BatchStatus.FAILED, "worker process " + lease.pid() + " on " + lease.host()
                        + " is gone (last beat " + lease.age().toSeconds() + " s ago)");
            }
        }
        JobExecution job = jobRepository.getJobExecution(jobExecutionId);
        if (job != null && (job.isStopping() || job.getStatus() == BatchStatus.STOPPED)) {
            for (long id : leases.unclaimed(jobExecutionId, workerStepName)) {
                end(id, BatchStatus.STOPPED, "execution stopped before a worker took this partition");
            }
        }
    }

    int failUnclaimed(long jobExecutionId, String workerStepName, String why) {
        List<Long> ids = leases.unclaimed(jobExecutionId, workerStepName);
        int n = 0;
        for (long id : ids) {
            n += end(id, BatchStatus.FAILED, why) ? 1 : 0;
        }
        return n;
    }

    private boolean end(long stepExecutionId, BatchStatus status, String why) {
        StepExecution step = jobRepository.getStepExecution(stepExecutionId);
        if (step == null || !step.getStatus().isRunning()) {
            return false;
        }
        step.setStatus(status);
        step.setExitStatus((status == BatchStatus.FAILED ? ExitStatus.FAILED : ExitStatus.STOPPED).addExitDescription(why));
        step.setEndTime(LocalDateTime.now());
        try {
            jobRepository.update(step);
        } catch (OptimisticLockingFailureException e) {
            return false; // a worker updated it meanwhile: look again on the next round
        }
        log.warn("partition {} (step execution {}) ended {}: {}", step.getStepName(), stepExecutionId, status, why);
        return true;
    }
}
