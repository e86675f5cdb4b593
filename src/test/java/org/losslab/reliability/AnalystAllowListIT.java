package org.losslab.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.losslab.support.TestDatabase;

/**
 * Issue #18 item 2: what {@code losslab_analyst} may read, for every table and view of the schema, against
 * an explicit allow-list. A relation that is not classified here fails the test (a new table is readable
 * by nobody until its migration grants it and this list says so); so does a table whose analyst access
 * differs from its class. Classes: RESULT (whole table), VIEW, COLUMNS (only the listed columns), DENIED.
 */
class AnalystAllowListIT {

    static final Set<String> RESULT = Set.of("experiment", "experiment_dataset", "run", "epoch_metric", "size_summary",
            "theory_threshold", "complexity_curve", "kac_rice", "spinglass_result", "cell_certificate", "cell_check",
            "cell_measurement", "region_network_epoch", "region_stat", "region_kde", "region_joint", "region_joint_neuron",
            "region_census", "region_pattern_size", "region_cells_visited", "reference_value", "comparison", "benchmark_result",
            "hessian_network", "hessian_density", "anneal_sweep", "enumeration_sample", "enumeration_point",
            "enumeration_kac_rice", "run_cells_visited",
            // the pipeline's step names each execution was assembled with (V50: the report and serve read them)
            "execution_step_plan",
            // the database's random identity, which every report directory carries (V50: a report as the analyst)
            "database_identity");

    /** Tables the analyst reads in part: the columns not listed hold parameters, state, digits or a host name. */
    static final Map<String, Set<String>> DENIED_COLUMNS = Map.of(
            "final_params", Set.of("params"),
            "dataset", Set.of("payload"),
            "provenance", Set.of("host"),
            "benchmark_run", Set.of("host"),
            "region_network", Set.of("params", "updater_state"));

    static final Set<String> DENIED = Set.of("batch_job_instance", "batch_job_execution", "batch_job_execution_params",
            "batch_job_execution_context", "batch_step_execution", "batch_step_execution_context", "flyway_schema_history",
            "heartbeat", "partition_lease", "checkpoint", "region_sample", "region_cells_state", "run_cells_state", "spinglass_block");

    @Test
    void everyRelationIsClassifiedAndTheAnalystSeesExactlyItsClass() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Flyway.configure().dataSource(db.url(), db.user(), "").locations("classpath:db/migration").load().migrate();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                Map<String, String> relations = new TreeMap<>();
                try (ResultSet rs = s.executeQuery("SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n "
                        + "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')")) {
                    while (rs.next()) {
                        relations.put(rs.getString(1), rs.getString(2));
                    }
                }
                List<String> problems = new ArrayList<>();
                for (Map.Entry<String, String> r : relations.entrySet()) {
                    String name = r.getKey();
                    boolean view = r.getValue().equals("v") || r.getValue().equals("m");
                    boolean table = ResultsCheck.scalar(c, "SELECT count(*) FROM (SELECT 1 WHERE has_table_privilege("
                            + "'losslab_analyst', '" + name + "', 'SELECT')) q") == 1;
                    Set<String> readable = columns(c, name, true);
                    Set<String> hidden = columns(c, name, false);
                    boolean writes = ResultsCheck.scalar(c, "SELECT count(*) FROM (SELECT 1 WHERE has_table_privilege("
                            + "'losslab_analyst', '" + name + "', 'INSERT,UPDATE,DELETE,TRUNCATE')) q") == 1;
                    if (writes) {
                        problems.add(name + ": the analyst can write");
                    }
                    if (view || RESULT.contains(name)) {
                        if (!table) {
                            problems.add(name + ": a result or view the analyst cannot read");
                        }
                    } else if (DENIED_COLUMNS.containsKey(name)) {
                        if (table || !hidden.equals(DENIED_COLUMNS.get(name)) || readable.isEmpty()) {
                            problems.add(name + ": analyst should read all columns but " + DENIED_COLUMNS.get(name)
                                    + ", hidden are " + hidden + (table ? " and the whole table is granted" : ""));
                        }
                    } else if (DENIED.contains(name)) {
                        if (table || !readable.isEmpty()) {
                            problems.add(name + ": state, parameters or machinery readable by the analyst: " + readable);
                        }
                    } else {
                        problems.add(name + ": not classified for losslab_analyst (add it to this test's allow-list "
                                + "and grant or revoke it in its migration)");
                    }
                }
                assertThat(problems).as("analyst access of %d relations", relations.size()).isEmpty();
                assertThat(relations).containsKeys("region_network", "region_sample", "partition_lease", "v_runs");
            }
        }
    }

    /** The columns of {@code table} the analyst can ({@code readable}) or cannot select. */
    private static Set<String> columns(Connection c, String table, boolean readable) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT attname, has_column_privilege("
                + "'losslab_analyst', attrelid, attnum, 'SELECT') FROM pg_attribute WHERE attrelid = '" + table
                + "'::regclass AND attnum > 0 AND NOT attisdropped")) {
            while (rs.next()) {
                if (rs.getBoolean(2) == readable) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
