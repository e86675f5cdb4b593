package org.losslab.remote;

import org.losslab.pipeline.RemotePartitions;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

/** Builds the manager's partition handlers: requests over AMQP, results from the job repository. */
final class RemotePartitioning implements RemotePartitions {

    static final long POLL_MILLIS = Long.getLong("losslab.remote.poll.millis", 1000L);

    private final JobRepository jobRepository;
    private final MessageChannel requests;
    private final RemoteSettings settings;
    private final PartitionWatchdog watchdog;

    RemotePartitioning(JobRepository jobRepository, MessageChannel requests, RemoteSettings settings,
                       PartitionWatchdog watchdog) {
        this.jobRepository = jobRepository;
        this.requests = requests;
        this.settings = settings;
        this.watchdog = watchdog;
    }

    @Override
    public PartitionHandler handler(String workerStepName) {
        MessagingTemplate template = new MessagingTemplate();
        template.setDefaultChannel(requests);
        LeaseAwarePartitionHandler handler = new LeaseAwarePartitionHandler(watchdog, settings);
        handler.setStepName(workerStepName);
        handler.setMessagingOperations(template);
        // poll the shared job repository rather than wait for replies: a killed worker then shows
        // up as a partition that did not complete, and restart re-runs exactly the unfinished ones
        handler.setJobRepository(jobRepository);
        handler.setPollInterval(POLL_MILLIS);
        handler.setTimeout(settings.timeout().isZero() ? -1 : settings.timeout().toMillis());
        try {
            handler.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return handler;
    }
}
