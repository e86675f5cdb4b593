package org.losslab.remote;

import java.util.Collection;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;

/**
 * Spring Batch Integration's {@link MessageChannelPartitionHandler} (requests to a channel, results
 * by polling the job repository) with what remote partitioning needs to stay restartable:
 * <ul>
 * <li>while it waits, a {@link PartitionWatchdog} fails the partitions of workers that stopped
 * beating (killed, crashed, cut off), so the step ends instead of waiting forever;</li>
 * <li>when it gives up (the optional timeout), partitions still queued (STARTING, never claimed)
 * are failed too: Spring Batch refuses to restart a partitioned step while any partition is
 * STARTING or STARTED ("The old execution may still be executing"), and a late worker must not
 * run a request of an execution that has ended.</li>
 * </ul>
 */
final class LeaseAwarePartitionHandler extends MessageChannelPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(LeaseAwarePartitionHandler.class);

    private final PartitionWatchdog watchdog;
    private final RemoteSettings settings;
    private String workerStepName;

    LeaseAwarePartitionHandler(PartitionWatchdog watchdog, RemoteSettings settings) {
        this.watchdog = watchdog;
        this.settings = settings;
    }

    @Override
    public void setStepName(String stepName) {
        super.setStepName(stepName);
        this.workerStepName = stepName;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution)
            throws Exception {
        long jobExecutionId = managerStepExecution.getJobExecutionId();
        log.info("{}: sending partitions of execution {} to workers on {}", managerStepExecution.getStepName(),
                jobExecutionId, settings.describe());
        try (AutoCloseable watch = watchdog.watch(jobExecutionId, workerStepName)) {
            return super.handle(splitter, managerStepExecution);
        } catch (TimeoutException e) {
            watchdog.check(jobExecutionId, workerStepName); // partitions of workers that died meanwhile
            int failed = watchdog.failUnclaimed(jobExecutionId, workerStepName,
                    "no worker took this partition within LOSSLAB_REMOTE_TIMEOUT_SECONDS=" + settings.timeout().toSeconds());
            throw new IllegalStateException("partitions of " + managerStepExecution.getStepName() + " did not finish within "
                    + settings.timeout().toSeconds() + " s (" + failed + " never taken by a worker; partitions still on"
                    + " live workers finish on their own); resume with 'losslab restart " + jobExecutionId + "'", e);
        }
    }
}
