package org.losslab.pipeline;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.losslab.store.DatabaseConfiguration;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.builder.TaskletStepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The steps of every stage. A tasklet step runs each call of its tasklet in one transaction of the
 * one DataSource, so a stage's rows commit with Spring Batch's step progress; a transient database error
 * retries the chunk inside the step ({@link ChunkRetry}). A partitioned step runs
 * its partitions on a bounded local thread pool (one partition per thread, {@code LOSSLAB_THREADS}),
 * or, when the process was started with {@code --remote}, sends them to {@code losslab worker}s,
 * which rebuild the worker step by its name ({@link JobAssembler#workerStep}).
 */
@Component
public class StepFactory {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ObjectProvider<RemotePartitions> remote;
    private final DataSource dataSource;
    private final ChunkRetry.Budget retryBudget = ChunkRetry.Budget.fromProperties();

    public StepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                       ObjectProvider<RemotePartitions> remote, DataSource dataSource) {
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.transactionManager = transactionManager;
        this.remote = remote;
    }

    /**
     * A tasklet step, with listeners (e.g. the tasklet's {@link PartitionState}, to release per-partition state
     * after the step). A chunk that fails on a transient database error is retried within the budget
     * ({@link ChunkRetry}); the {@link PartitionState}s among the listeners are discarded before the retry.
     */
    public Step tasklet(String name, Tasklet tasklet, StepExecutionListener... listeners) {
        List<PartitionState<?>> states = new ArrayList<>();
        TaskletStepBuilder step = new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager);
        for (StepExecutionListener l : listeners) {
            step.listener(l);
            if (l instanceof PartitionState<?> state) {
                states.add(state);
            }
        }
        step.stepOperations(new ChunkRetry(retryBudget, jobRepository, states,
                () -> DatabaseConfiguration.stopWaitingForConnections(dataSource)).stepOperations());
        return step.build();
    }

    public Step partitioned(String name, Step workerStep, Partitioner partitioner) {
        PartitionStepBuilder partitions = new StepBuilder(name, jobRepository)
                .partitioner(workerStep.getName(), partitioner);
        RemotePartitions workers = remote.getIfAvailable();
        if (workers != null) {
            return partitions.partitionHandler(workers.handler(workerStep.getName())).build();
        }
        int threads = NumericsEnvironment.partitionThreads();
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(name + "-");
        executor.setConcurrencyLimit(threads);
        return partitions.step(workerStep).taskExecutor(executor).gridSize(threads).build();
    }
}
