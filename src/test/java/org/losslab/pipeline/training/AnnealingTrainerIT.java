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

        TrainingSpec t = spec.training();
        PreparedData data = ReferenceTraining.data(spec);
        for (Map<String, Object> run : jdbc.queryForList("SELECT restart, params_sha256, final_train_loss FROM v_runs"
                + " WHERE experiment = 'qs-anneal-net'")) {
            int restart = (Integer) run.get("restart");
            int[] sizes = t.layerSizes(data.features(), 25);
            NetworkAnnealer straight = new NetworkAnnealer(AnnealingBlockTraining.annealingSet(data, 500), sizes,
                    ParameterInit.draw(sizes, t.init(), t.initScale(), ParameterInit.seed(spec.seed(), 25, restart)),
                    AnnealingBlockTraining.settings(t), Seeds.derive(spec.seed(), "anneal", 25, restart));
            while (!straight.isFinished()) {
                straight.sweep();
            }
            assertThat(run.get("params_sha256")).as("restart %d", restart)
                    .isEqualTo(FloatBytes.sha256(straight.parameterBytes()));
        }
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
