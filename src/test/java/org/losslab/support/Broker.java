package org.losslab.support;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The tests' AMQP broker ({@link TestAmqp}: the configured one, else the local RabbitMQ, else an embedded
 * Qpid Broker-J) with a queue name of its own per test, so concurrent test runs never take each other's
 * partitions; the queue is deleted on close. Child processes get the broker through {@link #env()}.
 */
public final class Broker implements AutoCloseable {

    private final CachingConnectionFactory factory;
    private final RabbitAdmin admin;
    private final String queue;
    private final String url;

    private Broker(String url, String queue) {
        this.url = url;
        this.factory = new CachingConnectionFactory(URI.create(url));
        this.admin = new RabbitAdmin(factory);
        this.queue = queue;
    }

    public static Broker withFreshQueue(String prefix) {
        return new Broker(TestAmqp.url(), fresh(prefix));
    }

    /** The embedded broker whatever is configured or running, to prove the fallback works on any machine. */
    public static Broker embeddedWithFreshQueue(String prefix) {
        return new Broker(TestAmqp.embedded("a test of the embedded broker itself"), fresh(prefix));
    }

    private static String fresh(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A connection factory to this broker for the test's own clients; the caller destroys it. */
    public CachingConnectionFactory connectionFactory() {
        return new CachingConnectionFactory(URI.create(url));
    }

    public String queue() {
        return queue;
    }

    /** The environment of a losslab child process that should use this broker and queue. */
    public Map<String, String> env() {
        return Map.of("LOSSLAB_AMQP_URL", url, "LOSSLAB_AMQP_QUEUE", queue);
    }

    /** How many consumers (worker threads) listen on the queue; 0 while it does not exist yet. */
    public int consumers() {
        Properties p = admin.getQueueProperties(queue);
        return p == null ? 0 : ((Number) p.get(RabbitAdmin.QUEUE_CONSUMER_COUNT)).intValue();
    }

    public int messages() {
        Properties p = admin.getQueueProperties(queue);
        return p == null ? 0 : ((Number) p.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue();
    }

    public void awaitConsumers(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (consumers() < n) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("only " + consumers() + " of " + n + " worker consumers on " + queue);
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the queue holds exactly {@code n} messages (publishing and acknowledging are asynchronous). */
    public void awaitMessages(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (messages() != n) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(messages() + " messages on " + queue + ", expected " + n);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        try {
            admin.deleteQueue(queue);
        } finally {
            factory.destroy();
        }
    }
}
