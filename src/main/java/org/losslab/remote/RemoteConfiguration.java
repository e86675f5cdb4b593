package org.losslab.remote;

import org.losslab.job.HeartbeatService;
import org.losslab.pipeline.JobAssembler;
import org.losslab.pipeline.NumericsEnvironment;
import org.losslab.store.ExperimentStore;
import org.losslab.store.PartitionLeaseStore;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

/**
 * Spring Integration wiring of remote partitioning over RabbitMQ (AMQP 0-9-1). Active only in a
 * process started with a remote role ({@code losslab worker}: {@code worker};
 * {@code losslab run|restart|rerun|schedule --remote}: {@code manager}); every other command starts
 * without it and never touches the broker.
 * <ul>
 * <li>manager: {@code partitionRequests} channel → AMQP outbound adapter → durable queue;</li>
 * <li>worker: listener container (manual acks, prefetch 1, one consumer per training thread) →
 * AMQP inbound adapter → {@link WorkerEndpoint}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = RemoteConfiguration.ROLE)
@EnableIntegration
public class RemoteConfiguration {

    public static final String ROLE = "losslab.remote.role";
    public static final String MANAGER = "manager";
    public static final String WORKER = "worker";

    @Bean
    RemoteSettings remoteSettings() {
        return RemoteSettings.fromEnvironment();
    }

    @Bean(destroyMethod = "destroy")
    CachingConnectionFactory amqpConnectionFactory(RemoteSettings settings) {
        CachingConnectionFactory factory = new CachingConnectionFactory(settings.amqpUrl());
        factory.setConnectionNameStrategy(f -> "losslab-" + ProcessHandle.current().pid());
        return factory;
    }

    @Bean
    Queue partitionQueue(RemoteSettings settings) {
        return new Queue(settings.queue(), true);
    }

    @Bean
    RabbitAdmin amqpAdmin(ConnectionFactory connectionFactory) {
        return new RabbitAdmin(connectionFactory);
    }

    @Bean
    RabbitTemplate amqpTemplate(ConnectionFactory connectionFactory) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setMessageConverter(new PartitionRequestCodec());
        return template;
    }

    /** The manager side: what {@link RemotePartitioning}'s partition handlers send to. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = ROLE, havingValue = MANAGER)
    static class Manager {

        @Bean
        MessageChannel partitionRequests() {
            return new DirectChannel();
        }

        @Bean
        IntegrationFlow partitionRequestsToBroker(MessageChannel partitionRequests, RabbitTemplate amqpTemplate,
                                                  RemoteSettings settings, RabbitAdmin admin, Queue partitionQueue) {
            return IntegrationFlow.from(partitionRequests)
                    .handle(Amqp.outboundAdapter(amqpTemplate).routingKey(settings.queue()))
                    .get();
        }

        @Bean
        RemotePartitioning remotePartitioning(JobRepository jobRepository, MessageChannel partitionRequests,
                                              RemoteSettings settings, PartitionWatchdog watchdog) {
            return new RemotePartitioning(jobRepository, partitionRequests, settings, watchdog);
        }

        @Bean
        PartitionWatchdog partitionWatchdog(JobRepository jobRepository,
                                            PartitionLeaseStore leases, HeartbeatService heartbeats) {
            return new PartitionWatchdog(jobRepository, leases, heartbeats);
        }
    }

    /** The worker side: partition requests from the queue to the {@link WorkerEndpoint}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = ROLE, havingValue = WORKER)
    static class Worker {

        @Bean
        SimpleMessageListenerContainer partitionListener(ConnectionFactory connectionFactory, RemoteSettings settings,
                                                         RabbitAdmin admin, Queue partitionQueue) {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(settings.queue());
            container.setAmqpAdmin(admin);
            // the endpoint acks as soon as it has claimed the partition in the database: a training
            // partition can run far longer than RabbitMQ's consumer timeout (30 min by default)
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setPrefetchCount(1);
            int threads = NumericsEnvironment.partitionThreads();
            container.setConcurrentConsumers(threads);
            container.setMaxConcurrentConsumers(threads);
            container.setShutdownTimeout(Long.getLong("losslab.worker.shutdown.millis", 600_000L));
            container.setAutoStartup(false);
            return container;
        }

        @Bean
        WorkerEndpoint workerEndpoint(JobRepository jobRepository, PartitionLeaseStore leases,
                                      HeartbeatService heartbeats, ExperimentStore experiments, JobAssembler jobs) {
            return new WorkerEndpoint(jobRepository, leases, heartbeats, experiments, jobs,
                    NumericsEnvironment.configure());
        }

        @Bean
        IntegrationFlow partitionRequestsFromBroker(SimpleMessageListenerContainer partitionListener,
                                                    WorkerEndpoint endpoint) {
            return IntegrationFlow.from(Amqp.inboundAdapter(partitionListener)
                            .messageConverter(new PartitionRequestCodec())
                            .autoStartup(false)
                            .id("partitionInbound"))
                    .handle(endpoint::handle)
                    .get();
        }
    }
}
