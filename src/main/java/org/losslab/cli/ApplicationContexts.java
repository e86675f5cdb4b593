package org.losslab.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.losslab.ExitCodes;
import org.losslab.LosslabApplication;
import org.losslab.job.JobRefusedException;
import org.losslab.store.DatabaseSettings;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring context for a command: checks first that a configured server answers (a
 * one-line message and exit code 5 within seconds instead of a stack trace), then boots Spring,
 * which migrates the schema with Flyway.
 */
final class ApplicationContexts {

    private ApplicationContexts() {
    }

    static ConfigurableApplicationContext open() {
        return open(null, null);
    }

    static ConfigurableApplicationContext open(String remoteRole) {
        return open(remoteRole, null);
    }

    /**
     * With {@code remoteRole} "manager" or "worker": the AMQP wiring of remote partitioning too. With a
     * {@code missingSchemaMessage}: for commands on an existing execution, which refuse with that message
     * (exit 2) instead of creating the schema on a database that has none ({@link org.losslab.store.SchemaGuard}).
     */
    static ConfigurableApplicationContext open(String remoteRole, String missingSchemaMessage) {
        return open(remoteRole, missingSchemaMessage, false);
    }

    /** As above; with {@code nothingToRestart} a missing schema is "nothing to restart" (exit 6) instead of exit 2. */
    static ConfigurableApplicationContext open(String remoteRole, String missingSchemaMessage, boolean nothingToRestart) {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment();
        if (!settings.embedded()) {
            probe(settings);
        }
        ConfigurableApplicationContext ctx = start(settings, new SpringApplicationBuilder(LosslabApplication.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .logStartupInfo(false)
                .properties(properties(remoteRole, missingSchemaMessage, nothingToRestart)));
        if (remoteRole != null) {
            probeBroker(ctx);
        }
        return ctx;
    }

    /**
     * losslab's context with the web layer {@code web} added, as a servlet application (losslab serve only);
     * {@code args} are properties as command-line arguments ({@code --name=value}), which win over
     * application.properties (where the web application type is none and the web auto-configurations are excluded).
     */
    static ConfigurableApplicationContext openWeb(Class<?> web, String... args) {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment();
        if (!settings.embedded()) {
            probe(settings);
        }
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of(
                "--spring.main.web-application-type=servlet",
                // application.properties excludes the web auto-configurations too: here only Rabbit's stays out
                "--spring.autoconfigure.exclude=org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration"),
                java.util.Arrays.stream(args)).toArray(String[]::new);
        return start(settings, new SpringApplicationBuilder(LosslabApplication.class, web)
                .web(WebApplicationType.SERVLET)
                .registerShutdownHook(false)
                .logStartupInfo(false), all);
    }

    /** Runs the builder; a database that cannot be used becomes one line and exit 5. */
    private static ConfigurableApplicationContext start(DatabaseSettings settings, SpringApplicationBuilder builder,
                                                        String... args) {
        try {
            return builder.run(args);
        } catch (RuntimeException e) {
            if (Causes.find(e, BrokerUnavailableException.class) != null
                    || Causes.find(e, org.losslab.BadInputException.class) != null) {
                throw e;
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException || t instanceof java.net.ConnectException) {
                    throw new DatabaseUnavailableException("cannot use " + settings.describe() + ": "
                            + t.getMessage(), e);
                }
                if (t instanceof org.springframework.beans.factory.BeanCreationException b
                        && "embeddedDatabase".equals(b.getBeanName())) {
                    String why = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(b).toString();
                    throw new DatabaseUnavailableException("the " + settings.describe() + " could not start: "
                            + why.lines().findFirst().orElse(why), e);
                }
            }
            throw e;
        }
    }

    private static java.util.Map<String, Object> properties(String remoteRole, String missingSchemaMessage,
                                                            boolean nothingToRestart) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        if (remoteRole != null) {
            p.put(org.losslab.remote.RemoteConfiguration.ROLE, remoteRole);
        }
        if (missingSchemaMessage != null) {
            p.put(org.losslab.store.SchemaGuard.MISSING_MESSAGE, missingSchemaMessage);
            p.put(org.losslab.store.SchemaGuard.MISSING_IS_NOTHING_TO_RESTART, nothingToRestart);
        }
        return p;
    }

    /** The body of a job command, run with the command's context open. */
    interface JobCommand {
        int run(ConfigurableApplicationContext ctx) throws Exception;
    }

    /**
     * Runs a job command ({@code run}, {@code rerun}, {@code restart}) in a context with the manager role of
     * remote partitioning when {@code remote}; a launch refused because another process owns the job exits 4.
     */
    static int runJobCommand(boolean remote, JobCommand command) throws Exception {
        return runJobCommand(remote, null, false, command);
    }

    /**
     * As above, on an existing schema only when {@code missingSchemaMessage} is given (restart), a missing schema
     * being nothing to restart (exit 6) with {@code nothingToRestart} ({@code restart --last}).
     */
    static int runJobCommand(boolean remote, String missingSchemaMessage, boolean nothingToRestart, JobCommand command)
            throws Exception {
        try (ConfigurableApplicationContext ctx = open(remote ? "manager" : null, missingSchemaMessage,
                nothingToRestart)) {
            return command.run(ctx);
        } catch (JobRefusedException e) {
            System.err.println("losslab: " + e.getMessage());
            return ExitCodes.BUSY;
        }
    }

    /** A one-line message and exit 5 when the broker does not answer, before any job starts. */
    private static void probeBroker(ConfigurableApplicationContext ctx) {
        org.losslab.remote.RemoteSettings remote = ctx.getBean(org.losslab.remote.RemoteSettings.class);
        try {
            ctx.getBean(org.springframework.amqp.rabbit.connection.ConnectionFactory.class).createConnection().close();
        } catch (org.springframework.amqp.AmqpException e) {
            ctx.close();
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new BrokerUnavailableException("cannot reach RabbitMQ at " + remote.describe() + ": " + root, e);
        }
    }

    /** A configured server that does not answer: one line and exit 5 (the embedded database is not started here). */
    static void probeConfiguredServer() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment();
        if (!settings.embedded()) {
            probe(settings);
        }
    }

    private static void probe(DatabaseSettings s) {
        Properties props = new Properties();
        props.setProperty("user", s.user());
        props.setProperty("password", s.password());
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "5");
        try (Connection ignored = DriverManager.getConnection(s.url(), props)) {
            // reachable
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot reach PostgreSQL at " + s.describe() + ": "
                    + e.getMessage(), e);
        }
    }
}
