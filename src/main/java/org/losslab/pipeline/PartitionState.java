package org.losslab.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a tasklet keeps in memory for each running partition between its chunk transactions (a block of
 * networks in training, a sampler, a descent block): opened on the partition's first chunk from what
 * the database holds, released when the partition's step ends, so a restarted partition always starts
 * from the committed state, and so does a chunk retried after a rolled-back one. Register it as a listener of
 * the worker step ({@link StepFactory#tasklet} does).
 */
public final class PartitionState<T> implements StepExecutionListener {

    private final Map<Long, T> open = new ConcurrentHashMap<>();
    private final Consumer<T> release;

    public PartitionState() {
        this(t -> { });
    }

    /** {@code release} frees what an open state holds (native memory), when its step ends. */
    public PartitionState(Consumer<T> release) {
        this.release = release;
    }

    /** The partition's state, opened by {@code opener} on its first chunk. */
    public T get(StepExecution step, Function<StepExecution, T> opener) {
        return open.computeIfAbsent(step.getId(), id -> opener.apply(step));
    }

    /**
     * Forgets the partition's state after a rolled-back chunk ({@link ChunkRetry}): what it holds may be ahead of
     * the database, so the next chunk opens it again from what was committed.
     */
    public void discard(StepExecution step) {
        T state = open.remove(step.getId());
        if (state != null) {
            release.accept(state);
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        discard(step);
        return step.getExitStatus();
    }
}
