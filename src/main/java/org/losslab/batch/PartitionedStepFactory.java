package org.losslab.batch;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * A partitioned step of any stage: its partitions run on a bounded local thread pool (one partition
 * per thread, {@code LOSSLAB_THREADS}), or, when the process was started with {@code --remote}, are
 * sent to {@code losslab worker}s, which rebuild the worker step by its name.
 */
@Component
public class PartitionedStepFactory {

    private final JobRepository jobRepository;
    private final ObjectProvider<RemotePartitions> remote;

    public PartitionedStepFactory(JobRepository jobRepository, ObjectProvider<RemotePartitions> remote) {
        this.jobRepository = jobRepository;
        this.remote = remote;
    }

    public Step create(String name, Step workerStep, Partitioner partitioner) {
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
