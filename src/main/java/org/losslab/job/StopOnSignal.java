package org.losslab.job;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While a job runs in this process: SIGTERM and SIGINT ask Spring Batch to stop it (the steps end
 * after their current epoch, the execution ends STOPPED), instead of killing the JVM mid-write.
 * Also starts the heartbeat as soon as the execution exists.
 */
final class StopOnSignal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StopOnSignal.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final String jobName;
    private final JobParameters params;
    private final SignalHandler previousTerm;
    private final SignalHandler previousInt;
    private final AtomicReference<Long> executionId = new AtomicReference<>();

    StopOnSignal(JobOperator jobOperator, JobRepository jobRepository, String jobName, JobParameters params) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobName = jobName;
        this.params = params;
        SignalHandler handler = this::onSignal;
        previousTerm = Signal.handle(new Signal("TERM"), handler);
        previousInt = Signal.handle(new Signal("INT"), handler);
    }

    /** Polls for the execution of this launch, then beats for it until closed. */
    AutoCloseable heartbeatWhenStarted(HeartbeatService heartbeats) {
        ScheduledExecutorService poll = HeartbeatService.daemonTimer("execution-watch");
        AtomicReference<AutoCloseable> beat = new AtomicReference<>();
        poll.scheduleWithFixedDelay(() -> {
            if (beat.get() != null) {
                return;
            }
            // only the execution this process runs (set by beforeJob): when two processes launch the
            // same spec at once, the refused one must not beat, or stop, the other one's execution
            Long id = executionId.get();
            if (id != null) {
                beat.set(heartbeats.beat(id));
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        return () -> {
            poll.shutdownNow();
            if (beat.get() != null) {
                beat.get().close();
            }
        };
    }

    /** Called by the job of this launch when its execution starts, in this process only. */
    org.springframework.batch.core.listener.JobExecutionListener ownExecution() {
        return new org.springframework.batch.core.listener.JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution e) {
                executionId.set(e.getId());
            }
        };
    }

    /** The execution this process runs, once it started; null before. */
    Long ownExecutionId() {
        return executionId.get();
    }

    /**
     * Asks Spring Batch to stop; retried, since a concurrent update of the execution can refuse it and
     * a signal can arrive before the execution exists (the stop then follows as soon as it starts).
     */
    private void onSignal(Signal signal) {
        Thread stopper = new Thread(() -> {
            for (int attempt = 1; attempt <= 240; attempt++) {
                try {
                    Long id = executionId.get(); // only the execution this process started
                    if (id != null) {
                        log.warn("SIG{} received: stopping execution {} after the current epoch", signal.getName(), id);
                        jobOperator.stop(id);
                        return;
                    }
                } catch (Exception e) {
                    log.warn("stop of this job's execution failed (attempt {}): {}", attempt, e.getMessage());
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stop-on-signal");
        stopper.setDaemon(true);
        stopper.start();
    }

    @Override
    public void close() {
        Signal.handle(new Signal("TERM"), previousTerm);
        Signal.handle(new Signal("INT"), previousInt);
    }
}
