package org.losslab.pipeline;

import java.time.Duration;
import java.util.List;
import org.losslab.store.TransientDatabaseErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatContext;
import org.springframework.batch.infrastructure.repeat.RepeatListener;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.repeat.exception.ExceptionHandler;
import org.springframework.batch.infrastructure.repeat.support.RepeatTemplate;

/**
 * Retries a tasklet step's chunk (one epoch, block or sample, with its step progress) after a
 * transient database error ({@link TransientDatabaseErrors}: connection lost, server shutting down,
 * serialization failure, deadlock, pool timeout), inside the running step, so that a database blip
 * needs no {@code losslab restart}. The chunk's transaction has rolled back; before the chunk runs again,
 * after a pause that doubles from {@link Budget#first} up to {@link Budget#longest}, the step's
 * in-memory state is brought back to what the database holds: the tasklet's per-partition state is
 * discarded ({@link PartitionState#discard}, reopened from the committed checkpoint) and the step
 * execution's version, counts and execution context are reloaded (a commit whose answer was lost may have
 * happened). The chunk then computes exactly what it would have, so the results are bit-identical to an
 * uninterrupted run. Each retry is one log line. When the database has been unusable for the whole
 * budget ({@code losslab.db.retry-seconds}, default 120), the error is rethrown and the step fails as
 * before (the job is restartable). The budget starts at the first failure and is renewed by a committed chunk.
 */
final class ChunkRetry implements ExceptionHandler, RepeatListener {

    private static final Logger log = LoggerFactory.getLogger(ChunkRetry.class);
    private static final String OUTAGE = ChunkRetry.class.getName() + ".outage";

    /** How long a step keeps retrying, and its pauses. */
    record Budget(Duration total, Duration first, Duration longest) {

        /** {@code losslab.db.retry-seconds} (default 120; 0 switches retries off), pauses from 0.5 s to 10 s. */
        static Budget fromProperties() {
            return new Budget(Duration.ofSeconds(Long.getLong("losslab.db.retry-seconds", 120)),
                    Duration.ofMillis(500), Duration.ofSeconds(10));
        }
    }

    /** The outage a step is in: when it started and the next pause. */
    private static final class Outage {
        final long startNanos = System.nanoTime();
        Duration pause;
        int retries;

        Outage(Duration first) {
            pause = first;
        }
    }

    private final Budget budget;
    private final JobRepository repository;
    private final List<PartitionState<?>> states;
    private final Runnable givenUp;

    /** {@code givenUp} runs when a step has spent the whole budget (the process stops waiting for the database). */
    ChunkRetry(Budget budget, JobRepository repository, List<PartitionState<?>> states, Runnable givenUp) {
        this.budget = budget;
        this.repository = repository;
        this.states = states;
        this.givenUp = givenUp;
    }

    /** The step operations of a tasklet step: repeat its chunks, with this retry. */
    RepeatTemplate stepOperations() {
        RepeatTemplate template = new RepeatTemplate();
        template.setExceptionHandler(this);
        template.setListeners(new RepeatListener[] {this});
        return template;
    }

    /** A committed chunk ends the outage: the next failure has the whole budget again. */
    @Override
    public void after(RepeatContext context, RepeatStatus result) {
        context.removeAttribute(OUTAGE);
    }

    @Override
    public void handleException(RepeatContext context, Throwable error) throws Throwable {
        var stepContext = StepSynchronizationManager.getContext();
        if (stepContext == null || budget.total().isZero() || !TransientDatabaseErrors.isTransient(error)) {
            throw error;
        }
        StepExecution step = stepContext.getStepExecution();
        Outage outage = (Outage) context.getAttribute(OUTAGE);
        if (outage == null) {
            outage = new Outage(budget.first());
            context.setAttribute(OUTAGE, outage);
        }
        Throwable last = error;
        while (true) {
            if (step.isTerminateOnly()) {
                throw last; // a stop was requested, or Spring Batch gave the chunk up as UNKNOWN
            }
            Duration used = Duration.ofNanos(System.nanoTime() - outage.startNanos);
            Duration left = budget.total().minus(used);
            if (left.isNegative() || left.isZero()) {
                log.warn("{}: the database stayed unusable for the whole retry budget of {} s "
                        + "(losslab.db.retry-seconds); the step fails: {}", step.getStepName(),
                        budget.total().toSeconds(), TransientDatabaseErrors.describe(last));
                givenUp.run();
                throw last;
            }
            Duration pause = outage.pause.compareTo(left) < 0 ? outage.pause : left;
            outage.retries++;
            log.warn("{}: transient database error ({}); retry {} of the chunk in {} s ({} of {} s budget used)",
                    step.getStepName(), TransientDatabaseErrors.describe(last), outage.retries,
                    seconds(pause), seconds(used), budget.total().toSeconds());
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw last;
            }
            Duration doubled = outage.pause.multipliedBy(2);
            outage.pause = doubled.compareTo(budget.longest()) < 0 ? doubled : budget.longest();
            try {
                reload(step);
                return;
            } catch (RuntimeException again) {
                if (!TransientDatabaseErrors.isTransient(again)) {
                    throw again;
                }
                last = again;
            }
        }
    }

    /** Brings the step back to what the database holds, before the chunk runs again. */
    private void reload(StepExecution step) {
        StepExecution stored = repository.getStepExecution(step.getId());
        if (stored == null) {
            throw new IllegalStateException("step execution " + step.getId() + " is no longer in the database");
        }
        for (PartitionState<?> state : states) {
            state.discard(step);
        }
        step.setVersion(stored.getVersion());
        step.setCommitCount(stored.getCommitCount());
        step.setReadCount(stored.getReadCount());
        step.setWriteCount(stored.getWriteCount());
        step.setFilterCount(stored.getFilterCount());
        step.setExecutionContext(stored.getExecutionContext());
    }

    private static String seconds(Duration d) {
        return String.format("%.1f", d.toMillis() / 1000.0);
    }
}
