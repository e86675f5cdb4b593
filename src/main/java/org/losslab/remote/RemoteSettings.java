package org.losslab.remote;

import java.net.URI;
import java.time.Duration;
import org.losslab.BadInputException;

/**
 * Settings of remote partitioning, from the environment (docs/operations.md):
 * {@code LOSSLAB_AMQP_URL} (default {@code amqp://guest:guest@127.0.0.1:5672}),
 * {@code LOSSLAB_AMQP_QUEUE} (default {@code losslab.partitions}) and
 * {@code LOSSLAB_REMOTE_TIMEOUT_SECONDS} (how long a manager waits for its partitions; 0 = no limit).
 */
public record RemoteSettings(URI amqpUrl, String queue, Duration timeout) {

    public static final String DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672";
    public static final String DEFAULT_QUEUE = "losslab.partitions";

    public static RemoteSettings fromEnvironment() {
        String url = env("LOSSLAB_AMQP_URL", DEFAULT_URL);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("LOSSLAB_AMQP_URL is not a URL: " + e.getMessage());
        }
        if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme())) {
            throw new BadInputException("LOSSLAB_AMQP_URL must start with amqp:// or amqps://, not " + describe(uri));
        }
        String queue = env("LOSSLAB_AMQP_QUEUE", DEFAULT_QUEUE);
        if (!queue.matches("[A-Za-z0-9._:-]{1,200}")) {
            throw new BadInputException("LOSSLAB_AMQP_QUEUE must be 1-200 characters of A-Z, a-z, 0-9, '.', '_', ':', '-'");
        }
        long timeout;
        try {
            timeout = Long.parseLong(env("LOSSLAB_REMOTE_TIMEOUT_SECONDS", "0"));
        } catch (NumberFormatException e) {
            throw new BadInputException("LOSSLAB_REMOTE_TIMEOUT_SECONDS must be a number of seconds");
        }
        return new RemoteSettings(uri, queue, Duration.ofSeconds(Math.max(0, timeout)));
    }

    /** The broker URL without its password, for messages. */
    public String describe() {
        return describe(amqpUrl) + " queue " + queue;
    }

    private static String describe(URI uri) {
        return uri.toString().replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
    }

    private static String env(String key, String fallback) {
        String v = System.getProperty(key, System.getenv(key));
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
