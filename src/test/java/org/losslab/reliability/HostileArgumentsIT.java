package org.losslab.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.ExitCodes;
import org.losslab.support.TestDatabase;

/**
 * Every command with hostile arguments (issue #18 item 4, #17 item 4): each ends with exit 2 and exactly
 * one line on stderr, with no stack trace and no exception name anywhere in the output. Commands on an
 * execution id first run against an empty database, which must stay empty (no schema created just to
 * say that the execution does not exist); then against a migrated one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileArgumentsIT {

    @TempDir
    static Path tmp;
    static TestDatabase db;
    static Path spec;

    @BeforeAll
    static void setUp() throws IOException {
        db = TestDatabase.create().useInProcess();
        Path data = BadInputCatalogueIT.dataDir(tmp, "data");
        spec = Files.writeString(tmp.resolve("ok.yaml"), """
                name: hostile
                seed: 1
                data: {dir: %s, holdout: 10}
                training: {hidden_widths: [25], restarts: 1, epochs: 1, learning_rate: 0.1}
                """.formatted(data));
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    /** Runs {@code args} and checks exit 2, one line, no trace; returns that line. */
    static String refused(String... args) {
        BadInputCatalogueIT.Run r = BadInputCatalogueIT.run(args);
        String all = r.out() + r.err();
        assertThat(r.exit()).as("exit of %s; stderr: %s", List.of(args), r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as("one line on stderr for %s: %s", List.of(args), r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("losslab: ");
        assertThat(all).as("no stack trace for %s", List.of(args)).doesNotContain("Exception", "at org.", "\tat ");
        System.out.println(List.of(args) + " -> " + r.err().strip());
        return r.err().strip();
    }

    @Test
    @Order(1)
    void executionIdsOnAnEmptyDatabaseCreateNothing() throws Exception {
        assertThat(refused("restart", "999")).isEqualTo("losslab: no job execution 999 in this database");
        assertThat(nothingToRestart()).isEqualTo("losslab: there is no execution in this database yet");
        assertThat(refused("stop", "999")).isEqualTo("losslab: no job execution 999 in this database");
        assertThat(refused("report", "999")).isEqualTo("losslab: no job execution 999 in this database");
        assertThat(refused("restart", "0")).contains("EXECUTION_ID must be a positive integer, not 0");
        assertThat(refused("stop", "0")).contains("EXECUTION_ID must be a positive integer");
        refused("restart", "-5");
        refused("stop", "-1");
        refused("report", "-7");
        refused("restart", "abc");
        refused("stop", "99999999999999999999999");
        BadInputCatalogueIT.assertNothingWritten(db);
    }

    @Test
    @Order(2)
    void badOptionsOfEveryCommand() throws Exception {
        assertThat(refused("status", "--limit", "-1")).contains("--limit must be a positive integer");
        refused("status", "--limit", "zero");
        refused("frobnicate");
        refused("run");
        refused("run", "jobs/a\0b.yaml");
        refused("run", spec.toString(), "--set", "=3");
        refused("run", spec.toString(), "--set", ".=3");
        refused("run", spec.toString(), "--set", "training..epochs=3");
        refused("run", spec.toString(), "--set", "training.epochs");
        refused("run", spec.toString(), "--set", "training.epochs=[");
        refused("run", spec.toString(), "--set", "data.dir=/tmp/a\0b");
        refused("run", spec.toString(), "--log-format", "xml");
        refused("rerun", spec.toString(), "--set", "training.restarts=-1");
        refused("schedule", "--jobs", tmp.resolve("none").toString());
        refused("theory", "kac-rice", "--p", "3", "--n", "2000000", "--samples", "1");
        refused("theory", "kac-rice", "--p", "3", "--n", "5000", "--samples", "1000000000");
        refused("theory", "thresholds", "--p", "3", "--k", "-1");
        refused("theory", "complexity", "--p", "x");
        refused("bench", "training", "--frobnicate");
        refused("report");
        refused("restart");
        BadInputCatalogueIT.assertNothingWritten(db);
    }

    @Test
    @Order(3)
    void badSpecsAreNamedFirstWithASuggestion() throws IOException {
        String base = Files.readString(spec);
        assertThat(refused("run", write("typo-section", base.replace("training:", "trainng:") + "regions: {}\n")))
                .contains("unknown section trainng (did you mean training?)");
        assertThat(refused("run", write("typo-key", base.replace("epochs:", "epoch:"))))
                .contains("unknown key training.epoch (did you mean epochs?)");
        assertThat(refused("run", spec.toString(), "--set", "training.learning_rat=0.2"))
                .contains("unknown key training.learning_rat (did you mean learning_rate?)");
        assertThat(refused("run", write("int-key", base + "1: x\n"))).contains("key 1 is not a name");
        assertThat(refused("run", write("nested-int-key", base.replace("restarts: 1", "restarts: 1, 7: 2"))))
                .contains("key 7 in training is not a name");
        assertThat(refused("run", write("null-key", base + "~: x\n"))).contains("is not a name");
        refused("run", write("kac-rice-years", base + "theory: {kac_rice: {n: [5000], samples: 1000000000}}\n"));
    }

    @Test
    @Order(4)
    void onAMigratedDatabase() throws IOException {
        BadInputCatalogueIT.Run status = BadInputCatalogueIT.run("status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(refused("restart", "999")).isEqualTo("losslab: no job execution 999 in this database");
        assertThat(nothingToRestart()).isEqualTo("losslab: there is no execution to restart; run the spec");
        assertThat(refused("stop", "999")).isEqualTo("losslab: no job execution 999 in this database");
        assertThat(refused("report", "999")).contains("no job execution 999");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThat(refused("report", "1", "--out", file.toString())).contains("exists and is not a directory");
        assertThat(refused("report", "1", "--out", "/proc")).contains("not part of a report");
        assertThat(refused("report", "1", "--out", "/")).contains("cannot write the report into /");
        Files.writeString(Files.createDirectories(tmp.resolve("mine")).resolve("notes.txt"), "mine");
        assertThat(refused("report", "1", "--out", tmp.resolve("mine").toString())).contains("notes.txt");
    }

    /**
     * {@code restart --last} with nothing to resume: exit 6 (not 2), so that a script can run the spec instead without
     * reading the message; one line, no trace. Returns the line.
     */
    private static String nothingToRestart() {
        BadInputCatalogueIT.Run r = BadInputCatalogueIT.run("restart", "--last");
        assertThat(r.exit()).as("exit of restart --last; stderr: %s", r.err()).isEqualTo(ExitCodes.NOTHING_TO_RESTART);
        assertThat(r.err().strip().lines().count()).as("one line: %s", r.err()).isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain("Exception", "at org.", "\tat ");
        return r.err().strip();
    }

    private static String write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name + ".yaml"), text).toString();
    }
}
