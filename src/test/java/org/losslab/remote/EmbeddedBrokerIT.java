package org.losslab.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.losslab.support.Broker;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * The embedded AMQP broker the tests fall back on when no RabbitMQ answers (support.TestAmqp, Qpid Broker-J)
 * does what remote partitioning needs of a broker, through Spring AMQP configured as {@link RemoteConfiguration}
 * configures it: a durable queue declared by RabbitAdmin, publishing to it by name through the default
 * exchange, a manual-ack consumer with prefetch 1, and the passive declare that counts messages and consumers.
 * Always runs on the embedded broker, so the fallback stays tested on machines (and CI) that have a RabbitMQ.
 */
class EmbeddedBrokerIT {

    @Test
    void durableQueueManualAckPrefetchOneAndCounts() throws Exception {
        try (Broker broker = Broker.embeddedWithFreshQueue("losslab.test.embedded")) {
            CachingConnectionFactory factory = broker.connectionFactory();
            try {
                new RabbitAdmin(factory).declareQueue(new Queue(broker.queue(), true));
                RabbitTemplate template = new RabbitTemplate(factory);
                for (int i = 0; i < 3; i++) {
                    template.send("", broker.queue(), new org.springframework.amqp.core.Message(
                            ("partition " + i).getBytes(StandardCharsets.UTF_8)));
                }
                broker.awaitMessages(3, TimeUnit.SECONDS.toMillis(30));
                assertThat(broker.consumers()).isZero();

                List<String> received = new CopyOnWriteArrayList<>();
                SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(factory);
                container.setQueueNames(broker.queue());
                container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
                container.setPrefetchCount(1);
                container.setConcurrentConsumers(2);
                container.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
                    received.add(new String(message.getBody(), StandardCharsets.UTF_8));
                    channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
                });
                container.start();
                try {
                    broker.awaitConsumers(2, TimeUnit.SECONDS.toMillis(30));
                    long received3 = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (received.size() < 3 && System.nanoTime() < received3) {
                        Thread.sleep(50);
                    }
                    assertThat(received).containsExactlyInAnyOrder("partition 0", "partition 1", "partition 2");
                    broker.awaitMessages(0, TimeUnit.SECONDS.toMillis(30)); // acknowledged messages leave the queue
                } finally {
                    container.stop();
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (broker.consumers() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(broker.consumers()).as("consumers cancelled by stopping the container").isZero();
            } finally {
                factory.destroy();
            }
        }
    }
}
