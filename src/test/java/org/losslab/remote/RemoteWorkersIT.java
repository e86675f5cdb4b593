package org.losslab.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.losslab.spec.JobSpec;
import org.losslab.support.Broker;
import org.losslab.support.LosslabProcess;
import org.losslab.support.ReferenceTraining;
import org.losslab.support.TestDatabase;
import org.losslab.training.PreparedData;

/**
 * Remote partitioning for real: two {@code losslab worker} processes (one partition thread each)
 * and {@code losslab run --remote} managers on the tests' broker (the local RabbitMQ, or an embedded one when
 * none answers: support.TestAmqp; a queue of this test's own) and
 * a fresh PostgreSQL database. Every run's final parameters must equal uninterrupted local training
 * bit for bit (the reference the local restart tests use too). The workers are shared by the two
 * tests (in order) to keep JVM start-ups down on a 2-core machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteWorkersIT {

    private Path tmp;
    private TestDatabase db;
    private Broker broker;
    private Workers workers;

    @BeforeAll
    void startWorkers() throws Exception {
        tmp = Files.createTempDirectory("losslab-remote-test");
        db = TestDatabase.create();
        broker = Broker.withFreshQueue("losslab.test.remote");
        workers = new Workers(db, broker, tmp, 2);
    }

    @AfterAll
    void stopWorkers() throws Exception {
        try (TestDatabase d = db; Broker b = broker; Workers w = workers) {
            List<Integer> codes = w.stop();
            assertThat(codes).as("workers exit 0 on SIGTERM; %s", w.logs()).containsOnly(0);
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(tmp);
        }
    }

    @Test
    @Order(1)
    void workersCompleteTheQuickstartLikeALocalRun() throws Exception {
        List<String> sets = List.of("name=qs-remote", "training.hidden_widths=[25]", "training.restarts=4",
                "training.epochs=3", "training.block_size=1", "training.trainer=dl4j", "theory=null", "spinglass=null",
                "cells=null", "regions=null", "enumeration=null", "hessian=null");
        Path log = tmp.resolve("manager-1.log");
        int exit = LosslabProcess.run(db, log, env(broker), runArgs(sets));
        assertThat(exit).as("manager exit; log:%n%s%nworkers:%n%s", read(log), workers.logs()).isZero();

        String experiment = "(SELECT experiment_id FROM experiment WHERE name = 'qs-remote')";
        assertThat(scalar(db, "SELECT count(*) FROM epoch_metric JOIN run USING (run_id) WHERE experiment_id = "
                + experiment)).isEqualTo(12);
        String leases = "FROM partition_lease WHERE job_execution_id = (SELECT max(job_execution_id) FROM batch_job_execution)";
        assertThat(scalar(db, "SELECT count(*) " + leases)).as("every partition ran on a worker").isEqualTo(4);
        assertThat(scalar(db, "SELECT count(DISTINCT pid) " + leases))
                .as("partitions spread over the workers; workers:%n%s", workers.logs()).isGreaterThanOrEqualTo(2);
        assertThat(longs(db, "SELECT DISTINCT pid " + leases)).isSubsetOf(workers.pids());
        assertSameAsLocal(db, "qs-remote", sets, 4);
    }

    @Test
    @Order(2)
    void killedWorkersPartitionFailsAndRestartRerunsOnlyUnfinishedPartitions() throws Exception {
        List<String> sets = List.of("name=qs-remote-kill", "training.hidden_widths=[25]", "training.restarts=4",
                "training.epochs=3", "training.block_size=1", "training.trainer=dl4j", "theory=null", "spinglass=null",
                "cells=null", "regions=null", "enumeration=null", "hessian=null");
        Path log = tmp.resolve("manager-2.log");
        Process manager = LosslabProcess.start(db, log, env(broker), runArgs(sets));
        long victim = awaitWorkerMidPartition(db, manager, log);
        workers.kill(victim);

        assertThat(manager.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(manager.exitValue()).as("manager fails when a partition failed; log:%n%s", read(log)).isEqualTo(1);
        long execution = scalar(db, "SELECT max(job_execution_id) FROM batch_job_execution");
        assertThat(scalar(db, "SELECT count(*) FROM batch_step_execution s JOIN partition_lease l USING (step_execution_id)"
                + " WHERE l.pid = " + victim + " AND s.status = 'FAILED' AND s.exit_message LIKE '%is gone%'"))
                .as("the killed worker's partition is FAILED by the manager's watchdog").isEqualTo(1);
        long unfinished = scalar(db, "SELECT 4 - count(*) FROM batch_step_execution WHERE step_name LIKE 'train-block:%'"
                + " AND status = 'COMPLETED' AND job_execution_id = " + execution);
        assertThat(unfinished).isBetween(1L, 2L);

        int exit = LosslabProcess.run(db, log, env(broker), "restart", String.valueOf(execution), "--remote");
        assertThat(exit).as("restart; log:%n%s%nworkers:%n%s", read(log), workers.logs()).isZero();
        long restart = scalar(db, "SELECT max(job_execution_id) FROM batch_job_execution");
        assertThat(scalar(db, "SELECT count(*) FROM batch_step_execution WHERE step_name LIKE 'train-block:%'"
                + " AND job_execution_id = " + restart))
                .as("restart re-runs exactly the unfinished partitions").isEqualTo(unfinished);
        assertThat(scalar(db, "SELECT count(*) FROM epoch_metric JOIN run USING (run_id) JOIN experiment USING "
                + "(experiment_id) WHERE name = 'qs-remote-kill'")).as("no epoch recorded twice").isEqualTo(12);
        assertSameAsLocal(db, "qs-remote-kill", sets, 4);
    }

    /** The pid of a worker that holds a partition with at least one epoch done and more to go. */
    private static long awaitWorkerMidPartition(TestDatabase db, Process manager, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (!manager.isAlive()) {
                throw new AssertionError("manager exited early: " + read(log));
            }
            try {
                List<Long> pids = longs(db, """
                        SELECT l.pid FROM partition_lease l JOIN batch_step_execution s USING (step_execution_id)
                        JOIN epoch_metric m ON m.step_execution_id = s.step_execution_id
                        WHERE s.status = 'STARTED' GROUP BY l.pid, s.step_execution_id HAVING count(*) = 1""");
                if (!pids.isEmpty()) {
                    return pids.get(0);
                }
            } catch (java.sql.SQLException schemaNotYetThere) {
                // Flyway has not created the tables yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no worker reached the middle of a partition: " + read(log));
    }

    /** Uninterrupted local training of each run (seeds do not depend on the spec name: computed once). */
    private final Map<String, String> reference = new HashMap<>();

    void assertSameAsLocal(TestDatabase db, String name, List<String> sets, int restarts) throws Exception {
        JobSpec spec = JobSpec.load(Path.of("jobs/quickstart.yaml"), sets);
        Map<String, String> actual = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT widths[2], restart, params_sha256, status FROM v_runs WHERE experiment = '" + name + "'")) {
            while (rs.next()) {
                assertThat(rs.getString(4)).isEqualTo("COMPLETED");
                actual.put(rs.getInt(1) + "/" + rs.getInt(2), rs.getString(3));
            }
        }
        assertThat(actual).hasSize(restarts * spec.training().hiddenWidths().size());
        for (int width : spec.training().hiddenWidths()) {
            if (!reference.containsKey(width + "/0")) {
                PreparedData data = ReferenceTraining.data(spec);
                ReferenceTraining.finalParamsSha256(spec, data, width).forEach((r, sha) -> reference.put(width + "/" + r, sha));
            }
            for (int r = 0; r < restarts; r++) {
                String key = width + "/" + r;
                assertThat(actual.get(key)).as("width %d restart %d", width, r).isEqualTo(reference.get(key));
            }
        }
    }

    static String[] runArgs(List<String> sets) {
        List<String> args = new ArrayList<>(List.of("run", "jobs/quickstart.yaml", "--remote"));
        sets.forEach(s -> args.addAll(List.of("--set", s)));
        return args.toArray(String[]::new);
    }

    static Map<String, String> env(Broker broker) {
        Map<String, String> env = new HashMap<>(broker.env());
        env.put("LOSSLAB_THREADS", "1");
        return env;
    }

    static long scalar(TestDatabase db, String sql) throws java.sql.SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<Long> longs(TestDatabase db, String sql) throws java.sql.SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "(no log)";
        } catch (java.io.IOException e) {
            return "(unreadable log " + p + ")";
        }
    }

    /** Worker processes, each with one partition thread, ready (consuming) when constructed. */
    static final class Workers implements AutoCloseable {

        private final List<Process> processes = new ArrayList<>();
        private final List<Path> logs = new ArrayList<>();

        Workers(TestDatabase db, Broker broker, Path dir, int n) throws Exception {
            for (int i = 0; i < n; i++) {
                Path log = dir.resolve("worker-" + i + ".log");
                logs.add(log);
                processes.add(LosslabProcess.start(db, log, env(broker), "worker"));
            }
            try {
                broker.awaitConsumers(n, TimeUnit.MINUTES.toMillis(3));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + logs(), e);
            }
        }

        List<Long> pids() {
            return processes.stream().map(Process::pid).toList();
        }

        void kill(long pid) throws InterruptedException {
            for (Process p : processes) {
                if (p.pid() == pid) {
                    p.destroyForcibly().waitFor();
                    return;
                }
            }
            throw new AssertionError("no worker with pid " + pid + " among " + pids());
        }

        /** SIGTERM to every live worker; their exit codes. */
        List<Integer> stop() throws InterruptedException {
            List<Integer> codes = new ArrayList<>();
            List<Process> live = processes.stream().filter(Process::isAlive).toList();
            live.forEach(Process::destroy);
            for (Process p : live) {
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                }
                codes.add(p.exitValue());
            }
            return codes;
        }

        String logs() {
            StringBuilder b = new StringBuilder();
            for (Path l : logs) {
                b.append("--- ").append(l.getFileName()).append('\n').append(read(l));
            }
            return b.toString();
        }

        @Override
        public void close() {
            processes.forEach(p -> p.destroyForcibly());
            for (Process p : processes) {
                try {
                    p.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
