package org.losslab.store;

import org.flywaydb.core.Flyway;
import org.losslab.BadInputException;
import org.losslab.NothingToRestartException;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Commands that only act on an existing execution ({@code restart}, {@code stop}, {@code report} with an
 * id) must not create the whole schema on an empty database just to say that the execution does not
 * exist. They set {@value #MISSING_MESSAGE}; when the database has no migration applied yet, start-up
 * stops with that message as bad input (exit 2), or for {@code restart --last} as nothing to restart (exit 6),
 * and nothing is written. Otherwise Flyway migrates as usual; when
 * the pool is read-only ({@link DatabaseConfiguration#READ_ONLY}, losslab serve) it migrates through a connection
 * of its own, at start-up only. A login that may not read Flyway's history (the analyst role: serve, report,
 * sql) only checks that the schema is as new as this losslab ({@link SchemaVersion}), since it cannot migrate.
 */
@Configuration(proxyBeanMethods = false)
public class SchemaGuard {

    /** The property holding the message to refuse with when the database holds no losslab schema. */
    public static final String MISSING_MESSAGE = "losslab.schema.missing-message";
    /** Whether a missing schema means there is nothing to restart (restart --last: exit 6) rather than bad input. */
    public static final String MISSING_IS_NOTHING_TO_RESTART = "losslab.schema.missing-is-nothing-to-restart";

    @Bean
    FlywayMigrationStrategy flywayMigrationStrategy(Environment environment) {
        return flyway -> {
            if (!SchemaVersion.readsHistory(flyway.getConfiguration().getDataSource())) {
                SchemaVersion.requireCurrent(flyway.getConfiguration());
                return;
            }
            String refusal = environment.getProperty(MISSING_MESSAGE);
            if (refusal != null && flyway.info().applied().length == 0) {
                throw environment.getProperty(MISSING_IS_NOTHING_TO_RESTART, Boolean.class, false)
                        ? new NothingToRestartException(refusal) : new BadInputException(refusal);
            }
            boolean readOnly = environment.getProperty(DatabaseConfiguration.READ_ONLY, Boolean.class, false);
            if (readOnly && flyway.info().pending().length > 0
                    && flyway.getConfiguration().getDataSource() instanceof com.zaxxer.hikari.HikariDataSource pool) {
                // the pool's connections are read-only: migrate as every command does, through one of its own
                Flyway.configure().configuration(flyway.getConfiguration())
                        .dataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword()).load().migrate();
                return;
            }
            flyway.migrate();
        };
    }
}
