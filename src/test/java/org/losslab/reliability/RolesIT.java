package org.losslab.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.losslab.reliability.BadInputCatalogueIT.Run;
import org.losslab.support.TestDatabase;

/**
 * V3__roles.sql: the schema is migrated by its owner; {@code losslab_app} runs a whole job (Flyway
 * validation, Spring Batch tables, results) without owning anything; {@code losslab_analyst}
 * reads results and views but no checkpoint, parameter or digit bytes, nothing of the job
 * machinery, and cannot write or create anything. The migration runs again in any number of
 * databases of the same cluster (roles are cluster-wide).
 */
class RolesIT {

    static final List<String> ANALYST_READS = List.of(
            "SELECT * FROM v_runs", "SELECT * FROM run", "SELECT * FROM epoch_metric", "SELECT * FROM experiment",
            "SELECT * FROM experiment_dataset", "SELECT * FROM size_summary", "SELECT experiment_id, git_commit, omp_threads FROM provenance",
            "SELECT run_id, params_sha256 FROM final_params", "SELECT dataset_sha256, n_train, n_test FROM dataset",
            "SELECT split_kind, verified_as, file_sha256 FROM dataset");

    static final List<String> ANALYST_REFUSED = List.of(
            "SELECT * FROM checkpoint", "SELECT params FROM final_params", "SELECT * FROM final_params",
            "SELECT payload FROM dataset", "SELECT * FROM dataset", "SELECT * FROM heartbeat",
            "SELECT * FROM batch_job_execution", "SELECT * FROM batch_step_execution_context",
            "SELECT * FROM flyway_schema_history", "SELECT host FROM provenance", "SELECT * FROM partition_lease",
            "SELECT params FROM region_network", "SELECT state FROM region_sample", "SELECT state FROM spinglass_block",
            "SELECT host FROM benchmark_run",
            "INSERT INTO experiment_dataset SELECT * FROM experiment_dataset", "UPDATE run SET status = status",
            "DELETE FROM epoch_metric", "TRUNCATE size_summary", "CREATE TABLE mine (x int)",
            "CREATE VIEW mine AS SELECT 1", "DROP VIEW v_runs");

    @Test
    void appRunsAJobAndAnalystOnlyReads() throws Exception {
        try (TestDatabase db = TestDatabase.create(); TestDatabase again = TestDatabase.create()) {
            // migrated by the owner, twice in the same cluster: the second finds the roles there
            for (TestDatabase d : List.of(db, again)) {
                Flyway.configure().dataSource(d.url(), d.user(), "").locations("classpath:db/migration").load().migrate();
            }
            String login = "losslab_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            try (Connection admin = db.connect(); Statement s = admin.createStatement()) {
                s.execute("CREATE ROLE " + login + " LOGIN IN ROLE losslab_app");
                try {
                    // a whole job as a member of losslab_app (trust authentication on the test server)
                    db.useInProcess();
                    System.setProperty("LOSSLAB_DB_USER", login);
                    Run r = BadInputCatalogueIT.run("run", "jobs/quickstart.yaml", "--set", "name=roles", "--set", "training.trainer=batched", "--set", "theory=null", "--set", "spinglass=null", "--set", "enumeration=null", "--set", "cells=null",
                            "--set", "regions=null",
                            "--set", "data.holdout=9000", "--set", "training.hidden_widths=[25]",
                            "--set", "training.restarts=1", "--set", "training.epochs=1");
                    assertThat(r.exit()).as("job as losslab_app; stderr: %s", r.err()).isZero();
                    try (Connection app = DriverManager.getConnection(db.url(), login, "")) {
                        refused(app, "CREATE TABLE mine (x int)");
                        refused(app, "DROP TABLE checkpoint");
                        refused(app, "INSERT INTO flyway_schema_history SELECT * FROM flyway_schema_history");
                        assertThat(ResultsCheck.scalar(app, "SELECT count(*) FROM checkpoint")).isZero();
                    }
                } finally {
                    System.clearProperty("LOSSLAB_DB_USER");
                    s.execute("DROP ROLE " + login);
                }
                assertThat(ResultsCheck.scalar(admin, "SELECT count(*) FROM v_runs WHERE status = 'COMPLETED'")).isEqualTo(1);
                analystWritesTheReport(db, admin);

                s.execute("SET ROLE losslab_analyst");
                for (String sql : ANALYST_READS) {
                    assertThat(ResultsCheck.scalar(admin, "SELECT count(*) FROM (" + sql + ") q")).as(sql).isPositive();
                }
                for (String sql : ANALYST_REFUSED) {
                    refused(admin, sql);
                }
                s.execute("RESET ROLE");
            }
        }
    }

    /**
     * A login of the analyst role writes an execution's report and asks for {@code status --json} (V50: the job
     * repository through its views, the database identity): no migration attempted, no permission error, and the
     * hosts it may not read left out.
     */
    private static void analystWritesTheReport(TestDatabase db, Connection admin) throws Exception {
        String login = "losslab_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("analyst-report");
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + login + " LOGIN IN ROLE losslab_analyst");
            try {
                System.setProperty("LOSSLAB_DB_USER", login);
                Run r = BadInputCatalogueIT.run("report", "--last", "--out", dir.resolve("r").toString());
                assertThat(r.exit()).as("report as the analyst; stderr: %s", r.err()).isZero();
                String index = java.nio.file.Files.readString(dir.resolve("r/index.html"));
                String host = db.strings("SELECT host FROM provenance").get(0);
                assertThat(index).contains("roles").doesNotContain(">" + host + "<");
                // status reads the job repository through the same views, and leaves out hosts and leases
                Run status = BadInputCatalogueIT.run("status", "--json");
                assertThat(status.exit()).as("status as the analyst; stderr: %s", status.err()).isZero();
                tools.jackson.databind.JsonNode e = tools.jackson.databind.json.JsonMapper.builder().build().readTree(status.out())
                        .get("executions").get(0);
                assertThat(e.get("status").asString()).isEqualTo("COMPLETED");
                assertThat(e.get("steps").size()).isPositive();
                assertThat(e.get("runs").get("done").asLong()).isPositive();
                assertThat(e.get("workers").isNull()).isTrue();
                assertThat(e.get("heartbeat").isNull() || e.get("heartbeat").get("host").isNull()).isTrue();
            } finally {
                System.clearProperty("LOSSLAB_DB_USER");
                s.execute("DROP ROLE " + login);
            }
        }
    }

    static void refused(Connection c, String sql) {
        assertThatThrownBy(() -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }).as(sql).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isIn("42501", "42P07"));
    }
}
