package org.losslab.pipeline.cells;

import org.losslab.Seeds;
import org.losslab.cells.CellCertificates;
import org.losslab.cells.CellSettings;
import org.losslab.cells.Dataset;
import org.losslab.cells.InCellOptimality;
import org.losslab.cells.PrincipalComponents;
import org.losslab.cells.TwoPieceActivation;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.data.TrainingDataCache;
import org.losslab.spec.CellsSpec;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * cells: runs the He–Wang–Tao certificates (science.md §D.5) on each data set of the spec, one data
 * set per transaction; a data set whose certificates are stored is skipped on restart. Every check
 * and measurement becomes a row.
 */
record CellsTasklet(JobSpec spec, ExperimentContext experiments, TrainingDataCache data, CellsStore store, Faults faults)
        implements Tasklet {

    static final String GENERATED = "regression2d";

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long experimentId = experiments.experimentId(contribution.getStepExecution());
        long exec = contribution.getStepExecution().getJobExecutionId();
        CellsSpec c = spec.cells();
        long seed = Seeds.derive(spec.seed(), "cells");
        CellSettings base = new CellSettings(seed, null, c.n(), TwoPieceActivation.named(c.activation()), c.width(),
                c.hiddenLayers(), c.eta(), c.valleyEta(), c.perturbations(), c.valleyPoints(),
                new InCellOptimality.Options(c.width(), c.inCellTrainSteps(), c.inCellStarts(), 2_000, 1e-9, seed),
                10);
        if (!store.done(experimentId, GENERATED)) {
            store.save(experimentId, GENERATED, CellCertificates.runAll(base), exec);
            faults.reach("cells");
            contribution.incrementWriteCount(1);
            return c.mnistClasses().isEmpty() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
        }
        if (!c.mnistClasses().isEmpty()) {
            Dataset mnist = PrincipalComponents.whiten(
                    MnistPair.subset(data.forExperiment(experimentId, spec), c.mnistClasses(), c.mnistCount()),
                    c.mnistComponents());
            if (!store.done(experimentId, mnist.name())) {
                store.save(experimentId, mnist.name(), CellCertificates.runAll(base.withData(mnist)), exec);
                faults.reach("cells");
                contribution.incrementWriteCount(1);
            }
        }
        return RepeatStatus.FINISHED;
    }
}
