package org.losslab.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;

/**
 * The AMQP 0-9-1 broker the tests use, as a URL: {@code LOSSLAB_TEST_AMQP} when set ({@code embedded} forces
 * the embedded one, anything else is a broker URL); else {@code LOSSLAB_AMQP_URL} when set; else the machine's
 * RabbitMQ at 127.0.0.1:5672 when it answers; else an Apache Qpid Broker-J started once in the test JVM
 * (memory store, guest/guest, a free port on 127.0.0.1; src/test/resources/qpid-test-broker.json) and
 * stopped when the JVM exits. So {@code ./mvnw verify} needs no RabbitMQ. Child losslab processes reach the
 * same broker through {@code LOSSLAB_AMQP_URL} (see {@link Broker#url()}).
 */
final class TestAmqp {

    static final String DEFAULT = "amqp://guest:guest@127.0.0.1:5672";
    private static String url;
    private static String embedded;

    private TestAmqp() {
    }

    static synchronized String url() {
        if (url == null) {
            String forced = System.getenv("LOSSLAB_TEST_AMQP");
            String configured = System.getenv("LOSSLAB_AMQP_URL");
            if ("embedded".equals(forced)) {
                url = embedded("LOSSLAB_TEST_AMQP=embedded"); // forced, e.g. to prove the fallback on a machine with a RabbitMQ
            } else if (forced != null && !forced.isBlank()) {
                url = forced;
            } else if (configured != null && !configured.isBlank()) {
                url = configured;
            } else if (answers(DEFAULT)) {
                url = DEFAULT;
            } else {
                url = embedded("no broker is configured and none answers at 127.0.0.1:5672");
            }
        }
        return url;
    }

    /** The embedded broker's URL, started on first use ({@code why}, for the log) whatever {@link #url()} chose. */
    static synchronized String embedded(String why) {
        if (embedded == null) {
            embedded = startEmbedded(why);
        }
        return embedded;
    }

    private static boolean answers(String amqpUrl) {
        URI u = URI.create(amqpUrl);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 1000);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String startEmbedded(String why) {
        Path work = Path.of("target", "test-qpid-" + ProcessHandle.current().pid()).toAbsolutePath();
        System.out.println("[losslab tests] starting an embedded AMQP broker (Qpid Broker-J) in the test JVM: " + why);
        for (String chatty : new String[] {"qpid.message", "org.apache.qpid"}) { // a line per connection and channel
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(chatty)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        URL config = TestAmqp.class.getResource("/qpid-test-broker.json");
        int[] port = {-1};
        SystemLauncher broker = new SystemLauncher(boundPort(port));
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toExternalForm());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        attributes.put(SystemConfig.CONTEXT, Map.of("qpid.amqp_port", "0", "qpid.work_dir", work.toString()));
        try {
            broker.startup(attributes);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded AMQP broker for the tests: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::shutdown, "test-amqp-stop"));
        if (port[0] <= 0) {
            throw new IllegalStateException("the embedded AMQP broker for the tests bound no port");
        }
        System.out.println("[losslab tests] embedded AMQP broker for the tests at 127.0.0.1:" + port[0]);
        return "amqp://guest:guest@127.0.0.1:" + port[0];
    }

    /** Reads the port the AMQP port object bound (configured as 0: any free port) once the broker is up. */
    private static SystemLauncherListener boundPort(int[] port) {
        return new SystemLauncherListener.DefaultSystemLauncherListener() {
            private SystemConfig<?> system;

            @Override
            public void onContainerResolve(SystemConfig<?> resolved) {
                system = resolved;
            }

            @Override
            public void afterStartup() {
                system.getContainer(org.apache.qpid.server.model.Broker.class).getPorts().stream()
                        .filter(p -> p instanceof AmqpPort<?>)
                        .findFirst()
                        .ifPresent(p -> port[0] = ((AmqpPort<?>) p).getBoundPort());
            }
        };
    }
}
