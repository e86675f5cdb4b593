package org.losslab.pipeline.training;

import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.data.WorkPlanner;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.ParameterInit;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Plans every run of the training section in the prepare-data transaction: one row per hidden width
 * and restart, with its seed (derived as the trainers derive it) and the data set it trains on.
 * A run that exists already is left as it is, so a replayed prepare-data plans nothing twice.
 */
@Component
public class RunPlanner implements WorkPlanner {

    static final String ARCHITECTURE = "mlp";

    private final RunStore runs;

    public RunPlanner(RunStore runs) {
        this.runs = runs;
    }

    @Override
    public void plan(JobSpec spec, long experimentId, String datasetSha256, StepExecution step) {
        TrainingSpec t = spec.training();
        if (t == null) {
            return;
        }
        String prefix = ExperimentContext.runKeyPrefix(spec, ExperimentContext.instance(step.getJobExecution()));
        for (String trainer : t.trainers()) {
            for (int width : t.hiddenWidths()) {
                int[] sizes = t.layerSizes(spec.data().inputSize(), width);
                for (int r = 0; r < t.restartsOf(trainer, width); r++) {
                    runs.ensure(experimentId, runKey(prefix, sizes, t.activation(), r,
                                    t.keysByTrainer() ? trainer : null), ARCHITECTURE, sizes, t.activation(),
                            ParameterInit.seed(spec.seed(), width, r), r, datasetSha256, t.epochs(), trainer,
                            step.getJobExecutionId());
                }
            }
        }
    }

    /**
     * e.g. {@code quickstart-1a2b3c4d/mlp-100-25-10/relu/restart-3}; with several trainers listed it ends in the
     * run's trainer ({@code .../restart-3/annealing}), so the SGD and annealing twins never share a key. A spec with
     * one trainer keeps the keys it always had: existing experiments restart onto their own rows.
     */
    static String runKey(String prefix, int[] sizes, String activation, int restart, String trainer) {
        StringBuilder s = new StringBuilder(prefix).append('/').append(ARCHITECTURE);
        for (int n : sizes) {
            s.append('-').append(n);
        }
        s.append('/').append(activation).append("/restart-").append(restart);
        return trainer == null ? s.toString() : s.append('/').append(trainer).toString();
    }
}
