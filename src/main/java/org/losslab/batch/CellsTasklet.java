package org.losslab.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.losslab.Seeds;
import org.losslab.cells.CellCertificates;
import org.losslab.cells.CellSettings;
import org.losslab.cells.CertificateResult;
import org.losslab.cells.Check;
import org.losslab.cells.Dataset;
import org.losslab.cells.InCellOptimality;
import org.losslab.cells.PrincipalComponents;
import org.losslab.cells.TwoPieceActivation;
import org.losslab.spec.CellsSpec;
import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.losslab.training.PreparedData;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * cells: runs the He–Wang–Tao certificates (science.md §D.5) on each data set of the spec, one data
 * set per transaction; a data set whose certificates are stored is skipped on restart. Every check
 * and measurement becomes a row; the certificate row records its outcome (passed, failed, vacuous, report-only).
 */
public final class CellsTasklet implements Tasklet {

    static final String GENERATED = "regression2d";

    private final JobSpec spec;
    private final ExperimentStore experiments;
    private final TrainingDataCache data;
    private final JdbcTemplate jdbc;

    public CellsTasklet(JobSpec spec, ExperimentStore experiments, TrainingDataCache data, JdbcTemplate jdbc) {
        this.spec = spec;
        this.experiments = experiments;
        this.data = data;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long experimentId = ExperimentContext.experimentId(experiments, contribution.getStepExecution().getJobExecution());
        long exec = contribution.getStepExecution().getJobExecutionId();
        CellsSpec c = spec.cells();
        long seed = Seeds.derive(spec.seed(), "cells");
        CellSettings base = new CellSettings(seed, null, c.n(), TwoPieceActivation.named(c.activation()), c.width(),
                c.hiddenLayers(), c.eta(), c.valleyEta(), c.perturbations(), c.valleyPoints(),
                new InCellOptimality.Options(c.width(), c.inCellTrainSteps(), c.inCellStarts(), 2_000, 1e-9, seed),
                10);
        if (!done(experimentId, GENERATED)) {
            store(experimentId, GENERATED, CellCertificates.runAll(base), exec);
            contribution.incrementWriteCount(1);
            return c.mnistClasses().isEmpty() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
        }
        if (!c.mnistClasses().isEmpty()) {
            Dataset mnist = PrincipalComponents.whiten(
                    MnistPair.subset(data.forExperiment(experimentId, spec), c.mnistClasses(), c.mnistCount()), c.mnistComponents());
            if (!done(experimentId, mnist.name())) {
                store(experimentId, mnist.name(), CellCertificates.runAll(base.withData(mnist)), exec);
                contribution.incrementWriteCount(1);
            }
        }
        return RepeatStatus.FINISHED;
    }

    private boolean done(long experimentId, String dataset) {
        return jdbc.queryForObject("SELECT count(*) FROM cell_certificate WHERE experiment_id = ? AND dataset = ?",
                Long.class, experimentId, dataset) > 0;
    }

    private void store(long experimentId, String dataset, List<CertificateResult> results, long exec) {
        for (CertificateResult r : results) {
            jdbc.update("""
                    INSERT INTO cell_certificate (experiment_id, dataset, certificate, reference, passed, outcome,
                        outcome_reason, settings, elapsed_ms, job_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (experiment_id, dataset, certificate) DO NOTHING""",
                    experimentId, dataset, r.certificate(), r.reference(), r.passed(), r.outcome().sql(),
                    r.outcomeReason(), r.settings().toString(), r.elapsedMillis(), exec);
            List<Object[]> checks = new ArrayList<>();
            for (Check k : r.checks()) {
                checks.add(new Object[] {experimentId, dataset, r.certificate(), k.name(), k.value(), k.relation(),
                        k.threshold(), k.pass()});
            }
            jdbc.batchUpdate("""
                    INSERT INTO cell_check (experiment_id, dataset, certificate, name, value, relation, threshold, pass)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", checks);
            List<Object[]> measurements = new ArrayList<>();
            for (Map.Entry<String, Double> m : r.measurements().entrySet()) {
                measurements.add(new Object[] {experimentId, dataset, r.certificate(), m.getKey(), m.getValue()});
            }
            jdbc.batchUpdate("""
                    INSERT INTO cell_measurement (experiment_id, dataset, certificate, name, value)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", measurements);
        }
        org.losslab.ChaosPoints.reach("cells");
    }

    /** A two-class subset of the prepared MNIST inputs with targets ±1 (one output column). */
    static final class MnistPair {
        private MnistPair() {
        }

        static Dataset subset(PreparedData d, List<Integer> classes, int count) {
            List<double[]> xs = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            for (int i = 0; i < d.trainCount() && xs.size() < count; i++) {
                int label = d.trainY()[i];
                if (label == classes.get(0) || label == classes.get(1)) {
                    double[] x = new double[d.features()];
                    for (int j = 0; j < x.length; j++) {
                        x[j] = d.trainX()[i * d.features() + j];
                    }
                    xs.add(x);
                    ys.add(new double[] {label == classes.get(0) ? 1.0 : -1.0});
                }
            }
            return Dataset.of("mnist-" + classes.get(0) + "v" + classes.get(1), xs.toArray(double[][]::new),
                    ys.toArray(double[][]::new));
        }
    }
}
