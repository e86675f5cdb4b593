package org.losslab.support;

import java.net.URI;
import java.util.Properties;
import java.util.UUID;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The local RabbitMQ ({@code LOSSLAB_AMQP_URL}, default amqp://guest:guest@127.0.0.1:5672) with a
 * queue name of its own per test, so concurrent test runs never take each other's partitions; the
 * queue is deleted on close.
 */
public final class Broker implements AutoCloseable {

    private final CachingConnectionFactory factory;
    private final RabbitAdmin admin;
    private final String queue;

    private Broker(String queue) {
        String url = System.getenv().getOrDefault("LOSSLAB_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672");
        this.factory = new CachingConnectionFactory(URI.create(url));
        this.admin = new RabbitAdmin(factory);
        this.queue = queue;
    }

    public static Broker withFreshQueue(String prefix) {
        return new Broker(prefix + "." + UUID.randomUUID().toString().substring(0, 8));
    }

    public String queue() {
        return queue;
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

    @Override
    public void close() {
        try {
            admin.deleteQueue(queue);
        } finally {
            factory.destroy();
        }
    }
}
