package org.losslab.pipeline;

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
 * one DataSource, so a stage's rows commit with Spring Batch's step progress. A partitioned step runs
 * its partitions on a bounded local thread pool (one partition per thread, {@code LOSSLAB_THREADS}),
 * or, when the process was started with {@code --remote}, sends them to {@code losslab worker}s,
 * which rebuild the worker step by its name ({@link JobAssembler#workerStep}).
 */
@Component
public class StepFactory {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ObjectProvider<RemotePartitions> remote;

    public StepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                       ObjectProvider<RemotePartitions> remote) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.remote = remote;
    }

    /** A tasklet step, with listeners (e.g. the tasklet itself, to release per-partition state after the step). */
    public Step tasklet(String name, Tasklet tasklet, StepExecutionListener... listeners) {
        TaskletStepBuilder step = new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager);
        for (StepExecutionListener l : listeners) {
            step.listener(l);
        }
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
