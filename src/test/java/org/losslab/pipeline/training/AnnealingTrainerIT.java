package org.losslab.pipeline.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.BadInputException;
import org.losslab.Seeds;
import org.losslab.faults.InjectedFaults;
import org.losslab.job.JobRunner;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.support.InProcess;
import org.losslab.support.ReferenceTraining;
import org.losslab.support.TestDatabase;
import org.losslab.training.FloatBytes;
import org.losslab.training.ParameterInit;
import org.losslab.training.PreparedData;
import org.losslab.training.anneal.NetworkAnnealer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The annealing trainer in the pipeline (science.md §A.5.3): {@code training.trainer: annealing} at n1 = 25 records
 * its runs in {@code v_runs} with {@code trainer = 'annealing'}, one {@code anneal_sweep} and one {@code epoch_metric}
 * row per sweep, and a partition that fails mid-annealing restarts to final parameters bit-identical to an
 * uninterrupted {@link NetworkAnnealer}, with no duplicate rows.
 */
class AnnealingTrainerIT {

    static TestDatabase db;
    static ConfigurableApplicationContext ctx;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        db = TestDatabase.create().useInProcess();
        ctx = InProcess.start();
        jdbc = ctx.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        ctx.close();
        db.close();
    }

    static JobSpec spec(String name, String... more) {
        List<String> sets = new java.util.ArrayList<>(List.of("name=" + name, "training.trainer=annealing",
                "training.hidden_widths=[25]", "training.restarts=2", "training.epochs=3", "training.block_size=2",
                "training.anneal_rows=500", "theory=null", "spinglass=null", "cells=null", "regions=null"));
        sets.addAll(List.of(more));
        return JobSpec.load(Path.of("jobs/quickstart.yaml"), sets);
    }

    @Test
    void failedAnnealingPartitionRestartsBitIdentically() throws Exception {
        JobSpec spec = spec("qs-anneal-net");
        JobRunner runner = ctx.getBean(JobRunner.class);
        ctx.getBean(InjectedFaults.class).failTrainingOnce(25, 1, 2);
        JobExecution failed = runner.run(spec, 1);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(count("SELECT count(*) FROM v_runs WHERE experiment = 'qs-anneal-net' AND status = 'COMPLETED'"))
                .isEqualTo(1);

        JobExecution restarted = runner.restart(failed.getId());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM v_runs WHERE experiment = 'qs-anneal-net' AND status = 'COMPLETED'"
                + " AND trainer = 'annealing' AND epochs_done = 3 AND final_test_loss IS NOT NULL")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM epoch_metric JOIN v_runs USING (run_id) WHERE experiment = 'qs-anneal-net'"))
                .as("no duplicate or missing metric rows").isEqualTo(6);
        assertThat(count("SELECT count(*) FROM anneal_sweep s JOIN v_runs USING (run_id) WHERE experiment = 'qs-anneal-net'"
                + " AND acceptance BETWEEN 0 AND 1 AND (temperature = 0) = (sweep = 3)")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM epoch_metric m JOIN anneal_sweep s ON s.run_id = m.run_id AND s.sweep = m.epoch"
                + " WHERE m.learning_rate = s.step")).as("the proposal step is the sweep's rate").isEqualTo(6);

        PreparedData data = ReferenceTraining.data(spec);
        for (Map<String, Object> run : jdbc.queryForList("SELECT restart, params_sha256, final_train_loss FROM v_runs"
                + " WHERE experiment = 'qs-anneal-net'")) {
            int restart = (Integer) run.get("restart");
            assertThat(run.get("params_sha256")).as("restart %d", restart)
                    .isEqualTo(straightAnnealing(spec, data, restart));
        }
    }

    /** SHA-256 of the final parameters of an uninterrupted annealing of restart {@code restart} at n1 = 25. */
    static String straightAnnealing(JobSpec spec, PreparedData data, int restart) {
        TrainingSpec t = spec.training();
        int[] sizes = t.layerSizes(data.features(), 25);
        NetworkAnnealer straight = new NetworkAnnealer(AnnealingBlockTraining.annealingSet(data, 500), sizes,
                ParameterInit.draw(sizes, t.init(), t.initScale(), ParameterInit.seed(spec.seed(), 25, restart)),
                AnnealingBlockTraining.settings(t), Seeds.derive(spec.seed(), "anneal", 25, restart));
        while (!straight.isFinished()) {
            straight.sweep();
        }
        return FloatBytes.sha256(straight.parameterBytes());
    }

    /**
     * {@code trainer: [batched, annealing]}: SGD and annealing twins of each restart in one execution, keys apart by
     * trainer; a failed partition restarts and each trainer's final parameters equal its uninterrupted reference;
     * the descent view leaves the annealed twins out and F6 compares the two (undetermined: 2 runs a group).
     */
    @Test
    void trainerListTrainsBothTwinsInOneExecution() throws Exception {
        JobSpec spec = spec("qs-anneal-pair", "training.trainer=[batched, annealing]");
        JobRunner runner = ctx.getBean(JobRunner.class);
        ctx.getBean(InjectedFaults.class).failTrainingOnce(25, 1, 2);
        JobExecution failed = runner.run(spec, 1);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        JobExecution restarted = runner.restart(failed.getId());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<Map<String, Object>> runs = jdbc.queryForList("SELECT run_key, trainer, restart, params_sha256 FROM v_runs"
                + " WHERE experiment = 'qs-anneal-pair' AND status = 'COMPLETED' ORDER BY trainer, restart");
        assertThat(runs).extracting(r -> r.get("trainer") + "/" + r.get("restart"))
                .containsExactly("annealing/0", "annealing/1", "batched/0", "batched/1");
        assertThat(runs).allSatisfy(r -> assertThat((String) r.get("run_key")).endsWith("/" + r.get("trainer")));
        assertThat(count("SELECT count(*) FROM epoch_metric JOIN v_runs USING (run_id) WHERE experiment = 'qs-anneal-pair'"))
                .as("no duplicate or missing metric rows").isEqualTo(12);
        assertThat(count("SELECT count(*) FROM anneal_sweep JOIN v_runs USING (run_id) WHERE experiment = 'qs-anneal-pair'"))
                .isEqualTo(6);

        PreparedData data = ReferenceTraining.data(spec);
        Map<Integer, String> sgd = ReferenceTraining.finalParamsSha256(spec, data, 25);
        for (Map<String, Object> r : runs) {
            int restart = (Integer) r.get("restart");
            assertThat(r.get("params_sha256")).as("%s restart %d", r.get("trainer"), restart).isEqualTo(
                    "batched".equals(r.get("trainer")) ? sgd.get(restart) : straightAnnealing(spec, data, restart));
        }
        assertThat(jdbc.queryForList("SELECT DISTINCT trainer FROM v_descent_runs WHERE experiment = 'qs-anneal-pair'",
                String.class)).containsExactly("batched");
        assertThat(jdbc.queryForList("SELECT verdict FROM v_comparison WHERE experiment = 'qs-anneal-pair'"
                + " AND finding = 'F6' AND subject = 'n1=25 (annealing − batched)'", String.class))
                .containsExactly("undetermined");
    }

    @Test
    void aTrainerListNamesOneSgdTrainerAndKnownWidths() {
        assertThatThrownBy(() -> spec("qs-anneal-two", "training.trainer=[batched, dl4j]"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("training.trainer may name at most one SGD trainer (batched or dl4j), not both");
        assertThatThrownBy(() -> spec("qs-anneal-w", "training.trainer=[batched, annealing]",
                "training.anneal_widths=[50]"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("training.anneal_widths names 50, which is not in hidden_widths [25]");
    }

    @Test
    void annealingTrainsOneHiddenLayerOnly() {
        assertThatThrownBy(() -> spec("qs-anneal-deep", "training.hidden_layers=2"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("training.trainer annealing trains one hidden layer only, not hidden_layers 2");
    }

    static long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
