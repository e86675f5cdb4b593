package org.losslab.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one DataSource of losslab (results and Spring Batch metadata share it, so a checkpoint and
 * the step progress it belongs to commit in one transaction), and the JSON execution-context
 * serializer that keeps contexts readable from SQL.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    /**
     * The property that makes every connection read-only for the process's life (losslab serve): the
     * session default {@code default_transaction_read_only = on}, so PostgreSQL itself refuses any write.
     */
    public static final String READ_ONLY = "losslab.db.read-only";

    @Bean
    DatabaseSettings databaseSettings() {
        return DatabaseSettings.fromEnvironment();
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(DatabaseSettings settings) throws IOException {
        return new EmbeddedDatabaseHolder(settings.embedded() ? EmbeddedDatabase.open(settings.embeddedDir()) : null);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseSettings settings, EmbeddedDatabaseHolder embedded,
                          org.springframework.core.env.Environment environment) {
        HikariConfig config = new HikariConfig();
        if (environment.getProperty(READ_ONLY, Boolean.class, false)) {
            config.setReadOnly(true);
            config.setConnectionInitSql("SET SESSION default_transaction_read_only = on");
        }
        if (settings.embedded()) {
            config.setJdbcUrl(embedded.database().jdbcUrl());
            config.setUsername("postgres");
        } else {
            config.setJdbcUrl(settings.url());
            config.setUsername(settings.user());
            config.setPassword(settings.password());
        }
        config.setPoolName("losslab");
        config.setMaximumPoolSize(Integer.getInteger("losslab.pool.size", 12));
        // how long a statement waits for a connection while the database is away (restart, outage)
        // before its step fails; then the job fails cleanly and is restartable
        config.setConnectionTimeout(1000L * Integer.getInteger("losslab.pool.timeout-seconds", 10));
        config.setValidationTimeout(3_000);
        config.setKeepaliveTime(60_000);
        config.setInitializationFailTimeout(10_000);
        // a statement whose server goes silent (network partition, frozen host) fails after this long
        // instead of hanging the step for ever; no single statement of losslab takes minutes
        // (strings: the driver reads java.util.Properties with getProperty, which ignores other types)
        config.addDataSourceProperty("socketTimeout", String.valueOf(Integer.getInteger("losslab.db.socket-timeout-seconds", 600)));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return new Pool(config);
    }

    /** Replaces Spring Boot's: a rollback on a lost connection is a rollback, not an unknown outcome. */
    @Bean
    OutageTolerantTransactionManager transactionManager(DataSource dataSource) {
        return new OutageTolerantTransactionManager(dataSource);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    ExecutionContextSerializer executionContextSerializer() {
        return new JacksonExecutionContextStringSerializer();
    }

    /**
     * Once a step has spent its whole retry budget on an unreachable database, nothing else in the process should
     * wait {@code losslab.pool.timeout-seconds} for it again: Spring Batch's bookkeeping of the failure (several
     * statements) would otherwise take that long each before the process can exit 5. Drops the pool's wait
     * to its minimum, 250 ms.
     */
    public static void stopWaitingForConnections(DataSource dataSource) {
        if (dataSource instanceof Pool pool) {
            pool.givenUp = true;
        }
    }

    /** HikariCP's pool, whose wait for a connection can be cut short for good (a changed timeout applies only later). */
    static final class Pool extends HikariDataSource {
        volatile boolean givenUp;

        Pool(HikariConfig config) {
            super(config);
        }

        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            if (givenUp && getHikariPoolMXBean() instanceof com.zaxxer.hikari.pool.HikariPool pool) {
                return pool.getConnection(250);
            }
            return super.getConnection();
        }
    }

    /** Owns the embedded server (or nothing) so it stops after the pool closes. */
    public record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (database != null) {
                database.close();
            }
        }
    }
}
