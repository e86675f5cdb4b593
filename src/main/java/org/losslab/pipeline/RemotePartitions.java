package org.losslab.pipeline;

import org.springframework.batch.core.partition.PartitionHandler;

/**
 * Present in a manager process ({@code --remote}): partition handlers that send partitions to
 * remote workers instead of running them on local threads. Partitioned steps ask for one per step
 * build; workers rebuild the named worker step from the spec stored for the job instance.
 */
public interface RemotePartitions {

    PartitionHandler handler(String workerStepName);
}
