package org.losslab.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.losslab.LosslabApplication;
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
        DatabaseSettings settings = DatabaseSettings.fromEnvironment();
        if (!settings.embedded()) {
            probe(settings);
        }
        try {
            return new SpringApplicationBuilder(LosslabApplication.class)
                    .web(WebApplicationType.NONE)
                    .registerShutdownHook(false)
                    .logStartupInfo(false)
                    .run();
        } catch (RuntimeException e) {
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
