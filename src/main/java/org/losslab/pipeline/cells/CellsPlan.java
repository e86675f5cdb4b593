package org.losslab.pipeline.cells;

import java.util.List;
import org.losslab.plan.PlanInputs;
import org.losslab.plan.StageEstimate;
import org.losslab.plan.StagePlan;
import org.losslab.plan.Work;
import org.losslab.spec.CellsSpec;
import org.losslab.spec.JobSpec;

/**
 * The cells step's plan (science.md §D.5): for each data set (the generated one, and the MNIST subset
 * when asked), the valley and perturbation checks evaluate the network's risk on all n points
 * (2 × parameters flops per point), and in-cell descent trains {@code in_cell_starts} starts for
 * {@code in_cell_train_steps} steps (about 6 × parameters flops per point); a few hundred rows.
 */
public final class CellsPlan implements StagePlan {

    static final long ROWS_PER_DATASET = 200;

    @Override
    public int order() {
        return 50;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.cells() != null;
    }

    @Override
    public StageEstimate estimate(JobSpec spec, PlanInputs in) {
        CellsSpec c = spec.cells();
        double flops = flops(c, c.n(), 2);
        int datasets = 1;
        if (!c.mnistClasses().isEmpty()) {
            flops += flops(c, c.mnistCount(), c.mnistComponents());
            datasets++;
        }
        String summary = String.format("%d data set%s: %d perturbations, %d valley points, %d in-cell starts x %d steps",
                datasets, datasets == 1 ? "" : "s", c.perturbations(), c.valleyPoints(), c.inCellStarts(),
                c.inCellTrainSteps());
        long largest = Math.max(c.n(), c.mnistClasses().isEmpty() ? 0 : c.mnistCount());
        return new StageEstimate("cells", summary, List.of(new Work("certificates", flops, Work.Kernel.DENSE,
                c.width(), 1, 0)), (long) (32.0 * largest * params(c, c.mnistComponents())), datasets * ROWS_PER_DATASET * 100,
                datasets * ROWS_PER_DATASET);
    }

    private static double flops(CellsSpec c, int points, int inputs) {
        double params = params(c, inputs);
        return points * params * (2.0 * (c.perturbations() + c.valleyPoints())
                + 6.0 * c.inCellStarts() * c.inCellTrainSteps());
    }

    private static double params(CellsSpec c, int inputs) {
        return (inputs + 1.0) * c.width() + (c.hiddenLayers() - 1.0) * (c.width() + 1.0) * c.width() + c.width() + 1;
    }
}
