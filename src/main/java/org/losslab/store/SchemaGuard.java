package org.losslab.store;

import org.losslab.BadInputException;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Commands that only act on an existing execution ({@code restart}, {@code stop}, {@code report} with an
 * id) must not create the whole schema on an empty database just to say that the execution does not
 * exist. They set {@value #MISSING_MESSAGE}; when the database has no migration applied yet, start-up
 * stops with that message as bad input (exit 2) and nothing is written. Otherwise Flyway migrates as usual,
 * except on read-only connections ({@link DatabaseConfiguration#READ_ONLY}): there a schema that is absent or
 * older than this losslab is refused with that message too, since nothing may be written.
 */
@Configuration(proxyBeanMethods = false)
public class SchemaGuard {

    /** The property holding the message to refuse with when the database holds no losslab schema. */
    public static final String MISSING_MESSAGE = "losslab.schema.missing-message";

    @Bean
    FlywayMigrationStrategy flywayMigrationStrategy(Environment environment) {
        return flyway -> {
            String refusal = environment.getProperty(MISSING_MESSAGE);
            if (refusal != null && flyway.info().applied().length == 0) {
                throw new BadInputException(refusal);
            }
            if (environment.getProperty(DatabaseConfiguration.READ_ONLY, Boolean.class, false)) {
                if (flyway.info().pending().length > 0) {
                    throw new BadInputException("the results schema is older than this losslab ("
                            + flyway.info().pending().length + " migrations pending) and this command only reads: "
                            + "run './losslab status' once to migrate it");
                }
                return;
            }
            flyway.migrate();
        };
    }
}
