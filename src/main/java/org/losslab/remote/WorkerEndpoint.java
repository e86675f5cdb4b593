package org.losslab.remote;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.losslab.job.HeartbeatService;
import org.losslab.pipeline.JobAssembler;
import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.losslab.store.PartitionLeaseStore;
import org.losslab.store.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.messaging.Message;

/**
 * Where a worker takes a partition request: claims the partition in the database (exactly one
 * worker runs a step execution, however often the broker delivers its request), acknowledges the
 * message, then runs the step with Spring Batch Integration's {@link StepExecutionRequestHandler},
 * whose step locator builds the worker step from the spec stored for the request's job instance
 * ({@code experiment.spec_text}). While it trains, the worker beats for the partition.
 *
 * <p>Requests whose step execution is no longer STARTING (already run, failed by the manager's
 * watchdog or timeout, or from an execution that ended) are acknowledged and dropped.
 */
public final class WorkerEndpoint {

    private static final Logger log = LoggerFactory.getLogger(WorkerEndpoint.class);

    private final JobRepository jobRepository;
    private final PartitionLeaseStore leases;
    private final HeartbeatService heartbeats;
    private final ExperimentStore experiments;
    private final JobAssembler jobs;
    private final int ompThreads;
    private final Map<Long, JobSpec> specs = new ConcurrentHashMap<>();
    private final Set<StepExecution> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    WorkerEndpoint(JobRepository jobRepository, PartitionLeaseStore leases, HeartbeatService heartbeats,
                   ExperimentStore experiments, JobAssembler jobs, int ompThreads) {
        this.jobRepository = jobRepository;
        this.leases = leases;
        this.heartbeats = heartbeats;
        this.experiments = experiments;
        this.jobs = jobs;
        this.ompThreads = ompThreads;
    }

    void handle(Message<?> message) {
        Instant receivedAt = Instant.now();
        PartitionRequestCodec.PartitionRequest request = (PartitionRequestCodec.PartitionRequest) message.getPayload();
        Channel channel = message.getHeaders().get(AmqpHeaders.CHANNEL, Channel.class);
        long tag = message.getHeaders().get(AmqpHeaders.DELIVERY_TAG, Long.class);
        StepExecution step;
        try {
            if (shuttingDown) {
                channel.basicNack(tag, false, true); // back to the queue for another worker
                return;
            }
            step = claim(request, receivedAt);
            channel.basicAck(tag, false);
        } catch (IOException e) {
            throw new IllegalStateException("broker channel failed while taking " + request + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            log.warn("could not take partition request {} ({}); returning it to the queue", request, e.getMessage());
            sleepQuietly(Duration.ofSeconds(1));
            try {
                channel.basicNack(tag, false, true);
            } catch (IOException ignored) {
                // the broker redelivers unacknowledged messages when the channel closes
            }
            return;
        }
        if (step != null) {
            run(request, step, receivedAt);
        }
    }

    /** The step execution, claimed for this worker; null if the request is stale or someone else has it. */
    private StepExecution claim(PartitionRequestCodec.PartitionRequest request, Instant receivedAt) {
        StepExecution step;
        try {
            step = jobRepository.getStepExecution(request.stepExecutionId());
        } catch (EmptyResultDataAccessException e) {
            step = null;
        }
        if (step == null || step.getStatus() != BatchStatus.STARTING) {
            log.info("dropping request for step execution {}: {}", request.stepExecutionId(),
                    step == null ? "no such step execution" : "it is " + step.getStatus() + ", not waiting for a worker");
            return null;
        }
        if (!leases.claim(step.getId(), step.getJobExecutionId(), heartbeats.host(), ProcessHandle.current().pid(),
                ompThreads, request.sentAt(), receivedAt)) {
            log.info("dropping request for step execution {}: another worker claimed it", step.getId());
            return null;
        }
        return step;
    }

    private void run(PartitionRequestCodec.PartitionRequest request, StepExecution claimed, Instant receivedAt) {
        long transit = request.sentAt() == null ? -1 : Duration.between(request.sentAt(), receivedAt).toMillis();
        long started = System.nanoTime();
        try (AutoCloseable beat = heartbeats.beatPartition(claimed.getId())) {
            JobExecution job = claimed.getJobExecution();
            String mismatch = numericsMismatch(job.getId());
            if (mismatch != null) {
                refuse(claimed, mismatch);
                return;
            }
            JobSpec spec = specs.computeIfAbsent(job.getJobInstance().getInstanceId(), this::spec);
            log.info("partition {} of {} execution {} taken (step execution {}, {} ms in transit)",
                    claimed.getStepName(), spec.name(), job.getId(), claimed.getId(), transit);
            StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
            handler.setJobRepository(jobRepository);
            handler.setStepLocator(name -> new TrackedStep(jobs.workerStep(name, spec)));
            StepExecution result = handler.handle(new StepExecutionRequest(request.stepName(), claimed.getId()));
            log.info("partition {} ended {} after {} s", result.getStepName(), result.getStatus(),
                    (System.nanoTime() - started) / 1_000_000_000L);
            result.getFailureExceptions().forEach(t -> log.warn("  {}: {}", t.getClass().getSimpleName(), t.getMessage()));
        } catch (Exception e) {
            log.error("partition step execution {} could not run: {}", claimed.getId(), e.toString());
        }
    }

    /**
     * Bits depend on the build, the backend, the OpenMP thread count, the OpenBLAS kernel and the batched path:
     * a worker that differs from the execution's recorded provenance would break them.
     */
    private String numericsMismatch(long jobExecutionId) {
        String why = experiments.provenance(jobExecutionId).map(Provenance.current()::bitsMismatch).orElse(null);
        return why == null ? null : "execution " + jobExecutionId + ": " + why;
    }

    private void refuse(StepExecution step, String why) {
        log.error("refusing partition {}: {}", step.getStepName(), why);
        step.setStatus(BatchStatus.FAILED);
        step.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
        step.setEndTime(LocalDateTime.now());
        jobRepository.update(step);
    }

    private JobSpec spec(long jobInstanceId) {
        String text = experiments.specText(jobInstanceId).orElseThrow(() -> new IllegalStateException(
                "job instance " + jobInstanceId + " has no recorded spec"));
        return JobSpec.fromText("spec of job instance " + jobInstanceId, text);
    }

    /** Stops taking requests, and asks running partitions to stop after their current epoch (they end STOPPED). */
    public void shutdown() {
        shuttingDown = true;
        for (StepExecution step : inFlight) {
            log.warn("stopping partition {} after its current epoch", step.getStepName());
            step.setTerminateOnly();
        }
    }

    int inFlight() {
        return inFlight.size();
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The worker step, registering the step execution it runs so a shutdown can stop it. */
    private final class TrackedStep implements Step {

        private final Step step;

        TrackedStep(Step step) {
            this.step = step;
        }

        @Override
        public String getName() {
            return step.getName();
        }

        @Override
        public boolean isAllowStartIfComplete() {
            return step.isAllowStartIfComplete();
        }

        @Override
        public int getStartLimit() {
            return step.getStartLimit();
        }

        @Override
        public void execute(StepExecution stepExecution) throws org.springframework.batch.core.job.JobInterruptedException {
            inFlight.add(stepExecution);
            if (shuttingDown) {
                stepExecution.setTerminateOnly();
            }
            try {
                step.execute(stepExecution);
            } finally {
                inFlight.remove(stepExecution);
            }
        }
    }
}
